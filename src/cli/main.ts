#!/usr/bin/env node
/**
 * `textback`: the operator's command line. It reads the same environment as the server
 * (DATABASE_URL, DATA_DIR, SECRET_KEY…), brings the schema up to date, and acts on the database
 * directly through the same services the API uses, so it works with the server stopped or running.
 *
 *   textback workspace create --name … --business-name … --timezone … --owner-email … [--owner-name …] [--owner-password …]
 *   textback workspace list
 *   textback user reset-password --email …
 *   textback migrate
 *   textback backup <file>
 *   textback rotate-secret-key        (NEW_SECRET_KEY=… optional; the processes stopped first)
 *
 * Secrets it creates (API keys, passwords) are printed once on stdout and stored only hashed.
 */
import { Command } from 'commander';
import pino from 'pino';
import { ZodError } from 'zod';
import { systemClock } from '../clock.js';
import { ConfigError, databaseSettings, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { generatePassword } from '../security/passwords.js';
import { SecretBox } from '../security/secret-box.js';
import { LiveEvents } from '../services/live-events.js';
import { clearLoginFailures } from '../services/login-rate-limit.js';
import { createWorkspaceWithOwner, workspaceOwnerSchema } from '../provisioning/workspace-with-owner.js';
import { deleteAllSessions } from '../services/sessions.js';
import { emailSchema, findUserByEmail, setPassword } from '../services/users.js';
import { createWorkspaceSchema, listWorkspaces } from '../services/workspaces.js';
import { migrateToLatest, openStore } from '../store/database.js';
import { backupSqlite, pgDumpAdvice, sqliteFile } from '../ops/backup.js';
import { rotateSecretKeyCommand } from './rotate-secret-key.js';
import { JobHandoff } from '../jobs/job-handoff.js';

/** A problem the operator can fix from the message alone: printed without a stack trace. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * Opens the database, migrates it, and runs `fn` with a context like the server's (no HTTP, no
 * worker). The logger writes warnings only, to stderr, so stdout carries just the command's output.
 */
async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.generatedAdminToken) {
    // As `npm start` would have: the token was just created in the data folder and is shown once.
    process.stderr.write(`Operator token (ADMIN_TOKEN), shown once: ${config.adminToken}\n`);
  }
  const store = openStore(config.databaseUrl, { poolSize: 2, ...databaseSettings(config) });
  try {
    await migrateToLatest(store);
    const ctx: AppContext = {
      config,
      store,
      db: store.db,
      clock: systemClock,
      logger: pino({ level: process.env.LOG_LEVEL === 'silent' ? 'silent' : 'warn' }, pino.destination(2)),
      secrets: new SecretBox(config.secretKey),
      wakeWorker: () => undefined,
      handoffToWorker: () => new JobHandoff(null),
      live: new LiveEvents(),
      // No worker runs here, so no inbound text is ever processed by a CLI command.
      inboundTextHandlers: [],
    };
    return await fn(ctx);
  } finally {
    await store.close();
  }
}

/** Turns a zod error on our input into the flag the operator typed. */
function flagError(err: ZodError, flags: Record<string, string>): UsageError {
  const issue = err.issues[0];
  const key = issue?.path.join('.') ?? '';
  const flag = flags[key] ?? key;
  return new UsageError(`${flag}: ${issue?.message ?? 'invalid value'}`, 2);
}

async function createWorkspaceCommand(opts: {
  name: string;
  businessName: string;
  timezone: string;
  ownerEmail: string;
  ownerName?: string;
  ownerPassword?: string;
}): Promise<void> {
  let workspace;
  let owner;
  try {
    workspace = createWorkspaceSchema.parse({ name: opts.name, businessName: opts.businessName, timezone: opts.timezone });
  } catch (err) {
    throw err instanceof ZodError ? flagError(err, { name: '--name', businessName: '--business-name', timezone: '--timezone' }) : err;
  }
  try {
    owner = workspaceOwnerSchema.parse({ email: opts.ownerEmail, name: opts.ownerName, password: opts.ownerPassword });
  } catch (err) {
    throw err instanceof ZodError ? flagError(err, { email: '--owner-email', name: '--owner-name', password: '--owner-password' }) : err;
  }
  const created = await withContext((ctx) => createWorkspaceWithOwner(ctx, { workspace, owner }));
  out(`Workspace created: ${created.workspace.name} (${created.workspace.businessName}, ${created.workspace.timezone})`);
  out(`Workspace id: ${created.workspace.id}`);
  out(`API key (shown once): ${created.workspace.apiKey}`);
  if (!created.createdUser) {
    out(`Owner: ${created.owner.email} (existing account, password unchanged)`);
  } else {
    out(`Owner: ${created.owner.email} (new account)`);
    if (created.generatedPassword) out(`Owner password (shown once): ${created.generatedPassword}`);
  }
}

async function listWorkspacesCommand(): Promise<void> {
  const rows = await withContext(async (ctx) => {
    const workspaces = await listWorkspaces(ctx);
    const owners = await ctx.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.workspace_id', 'u.email'])
      .where('m.role', '=', 'owner')
      .orderBy('u.email')
      .execute();
    return workspaces.map((w) => ({
      id: w.id,
      name: w.name,
      businessName: w.businessName,
      timezone: w.timezone,
      owners: owners.filter((o) => o.workspace_id === w.id).map((o) => o.email).join(', ') || '(none)',
    }));
  });
  if (rows.length === 0) {
    out('No workspaces yet. Create one with: textback workspace create --help');
    return;
  }
  const header = { id: 'ID', name: 'NAME', businessName: 'BUSINESS', timezone: 'TIME ZONE', owners: 'OWNERS' };
  const table = [header, ...rows];
  const keys = Object.keys(header) as Array<keyof typeof header>;
  const widths = keys.map((k) => Math.max(...table.map((r) => r[k].length)));
  for (const r of table) out(keys.map((k, i) => r[k].padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

async function resetPasswordCommand(opts: { email: string }): Promise<void> {
  const parsed = emailSchema.safeParse(opts.email);
  if (!parsed.success) throw new UsageError(`--email: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 2);
  const email = parsed.data;
  const password = generatePassword();
  await withContext(async (ctx) => {
    const user = await findUserByEmail(ctx, email);
    if (!user) throw new UsageError(`No account has the email ${email}`);
    await setPassword(ctx, user.id, password);
    // Whoever is signed in with the old password (the reason for a reset, often) is signed out.
    await deleteAllSessions(ctx, user.id);
    await clearLoginFailures(ctx, email);
  });
  out(`New password for ${email} (shown once): ${password}`);
  out('Every session of this account was signed out.');
}

function buildProgram(): Command {
  const program = new Command()
    .name('textback')
    .description('Operate a Textback installation (uses the same environment as the server: DATABASE_URL, DATA_DIR, …)')
    .showHelpAfterError();

  const workspace = program.command('workspace').description('Workspaces (businesses) and their owners');
  workspace
    .command('create')
    .description('Create a workspace, its first API key and its owner')
    .requiredOption('--name <name>', 'short internal name')
    .requiredOption('--business-name <name>', 'the business name customers see in texts')
    .requiredOption('--timezone <tz>', 'IANA time zone, e.g. America/Chicago')
    .requiredOption('--owner-email <email>', "the owner's email (an existing account becomes owner)")
    .option('--owner-name <name>', "the owner's name (default: the email's local part)")
    .option('--owner-password <password>', 'the new account\'s password (default: generated and printed; shells keep history, so prefer that)')
    .action(createWorkspaceCommand);
  workspace.command('list').description('List every workspace with its owners').action(listWorkspacesCommand);

  const user = program.command('user').description('Dashboard accounts');
  user
    .command('reset-password')
    .description('Give an account a new random password (printed once) and sign it out everywhere')
    .requiredOption('--email <email>', "the account's email")
    .action(resetPasswordCommand);

  program
    .command('migrate')
    .description('Bring the database schema up to date (the server also does this when it starts)')
    .action(async () => {
      await withContext(async () => undefined);
      out('Database schema is up to date.');
    });

  program
    .command('backup')
    .description('Copy the live SQLite database to <file> (consistent while the server runs); on PostgreSQL, how to use pg_dump')
    .argument('<file>', 'the new file to write (must not exist)')
    .action(backupCommand);

  program
    .command('rotate-secret-key')
    .description(
      'Re-encrypt every stored secret from the current SECRET_KEY (or data/secret-key) to NEW_SECRET_KEY, or to a new random key; stop the server and worker first',
    )
    .action(() => rotateSecretKeyCommand({ out, usageError: (message, code) => new UsageError(message, code) }));
  return program;
}

async function backupCommand(file: string): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl.startsWith('sqlite:')) throw new UsageError(pgDumpAdvice(config.databaseUrl), 3);
  const source = sqliteFile(config.databaseUrl);
  let result;
  try {
    result = await backupSqlite(source, file);
  } catch (err) {
    throw new UsageError(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  out(`Backed up ${source} to ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB, integrity checked).`);
  out('Keep SECRET_KEY (or data/secret-key) with it: stored credentials are encrypted with that key.');
}

buildProgram()
  .parseAsync(process.argv)
  .then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof UsageError) {
        process.stderr.write(`${err.message}\n`);
        process.exit(err instanceof UsageError ? err.exitCode : 2);
      }
      if (err instanceof AppError) {
        process.stderr.write(`${err.field ? `${err.field}: ` : ''}${err.message}\n`);
        process.exit(1);
      }
      process.stderr.write(`textback failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
