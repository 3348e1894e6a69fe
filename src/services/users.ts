/**
 * The people who sign in to the dashboard: accounts keyed by a lower-case email, password
 * checks that take the same time whether or not the email exists, and password changes.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, conflict, notFound } from '../errors.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../security/passwords.js';
import { newId } from '../store/ids.js';
import type { Database, UsersTable } from '../store/schema.js';

/** Emails compare case-insensitively everywhere because they are stored lower-case. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('must be an email address'));

export const userNameSchema = z.string().trim().min(1).max(120);

/** A user as the API shows it: never the hash. */
export interface User {
  id: string;
  email: string;
  name: string;
}

export function presentUser(row: Pick<UsersTable, 'id' | 'email' | 'name'>): User {
  return { id: row.id, email: row.email, name: row.name };
}

export async function findUserByEmail(ctx: AppContext, email: string): Promise<UsersTable | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function getUserRow(ctx: AppContext, userId: string): Promise<UsersTable> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('User');
  return row;
}

/** True while the installation has no account at all (first-run setup is open). */
export async function noUserExists(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined;
}

/**
 * Inserts a user with an already computed hash. Hashing is slow (tens of milliseconds) and is done
 * by the caller before its transaction, so no lock is held while scrypt runs.
 */
export async function insertUser(
  db: Kysely<Database>,
  now: number,
  input: { email: string; name: string; passwordHash: string },
): Promise<User> {
  const id = newId('usr', now);
  const email = input.email.trim().toLowerCase();
  const inserted = await db
    .insertInto('users')
    .values({ id, email, name: input.name, password_hash: input.passwordHash, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict('An account with this email already exists', 'email');
  return { id, email, name: input.name };
}

/** Creates an account (hashing the password first). */
export async function createUser(ctx: AppContext, input: { email: string; name: string; password: string }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return insertUser(ctx.db, ctx.clock.now(), { email: input.email, name: input.name, passwordHash });
}

/**
 * The user whose email and password match, or null. An unknown email still costs a full scrypt
 * verification, so timing does not reveal which emails have accounts.
 */
export async function checkCredentials(ctx: AppContext, email: string, password: string): Promise<UsersTable | null> {
  const row = await findUserByEmail(ctx, email);
  if (!row) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(password, row.password_hash)) ? row : null;
}

/** Replaces a user's password. Ending sessions is the caller's decision (see sessions.ts). */
export async function setPassword(ctx: AppContext, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const result = await ctx.db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: ctx.clock.now() })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('User');
}

/** The wrong current password on a password change: a 400 on the field, not a 401 that would read as "signed out". */
export const wrongCurrentPassword = () => new AppError(400, 'invalid_request', 'The current password is not correct', 'currentPassword');
