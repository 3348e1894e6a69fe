/** People and how they sign in (migration 004): users, memberships, sessions, invites, resets, preferences. */

export type MemberRole = 'owner' | 'member';

/** A person who signs in to the dashboard. */
export interface UsersTable {
  id: string;
  /** Lower-case, unique. */
  email: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash` (security/passwords.ts). */
  password_hash: string;
  created_at: number;
  updated_at: number;
}

/** A user's role in one workspace (primary key: workspace_id, user_id). */
export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: MemberRole;
  created_at: number;
}

/** A signed-in browser. The id is the SHA-256 of the cookie value; the value itself is never stored. */
export interface SessionsTable {
  id: string;
  user_id: string;
  /** Echoed by the dashboard in X-CSRF-Token on every state-changing request. */
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** An invitation to join a workspace; the link's token is stored only as its SHA-256. */
export interface InvitesTable {
  id: string;
  workspace_id: string;
  /** Lower-case. */
  email: string;
  role: MemberRole;
  token_hash: string;
  /** The inviting user, or null when an API key sent it. */
  invited_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  /** The link's token sealed with SECRET_KEY (null for invites made before it was kept). */
  token_sealed: string | null;
}

/** One failed login attempt under one key (`email:…` or `ip:…`), counted by the rate limit. */
export interface LoginFailuresTable {
  key: string;
  at: number;
  /** The attempt that reserved this row (null for rows from before reservations). */
  attempt_id: string | null;
}

/** Installation-wide one-time facts, such as "first-run setup done" (name: 'setup'). */
export interface InstallationFlagsTable {
  name: string;
  set_at: number;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface NotificationPreferencesTable {
  workspace_id: string;
  user_id: string;
  settings: string;
  updated_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface AccountTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  login_failures: LoginFailuresTable;
  installation_flags: InstallationFlagsTable;
  password_resets: PasswordResetsTable;
  notification_preferences: NotificationPreferencesTable;
}
