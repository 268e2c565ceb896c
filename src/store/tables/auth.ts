/**
 * Tables of the auth domain: accounts, sessions, API tokens, the audit log and policy versions.
 * `org` columns hold the organisation's name, as events and inventory do.
 */

/** Roles: admin/analyst/viewer act within their organisation; center reads across organisations. */
export type RoleName = 'admin' | 'analyst' | 'viewer' | 'center';

export interface UsersTable {
  id: string;
  org: string;
  username: string;
  role: RoleName;
  /** argon2id PHC string; never leaves the store module except to verify a password. */
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session id: a stolen database copy cannot be replayed as cookies. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  org: string;
  name: string;
  role: RoleName;
  /** SHA-256 of the secret part of the token. */
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditTable {
  id: string;
  org: string;
  time: string;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail_json: string;
}

export interface PolicyVersionsTable {
  org: string;
  version: number;
  yaml: string;
  comment: string;
  created_by: string;
  created_at: string;
}

export interface AuthTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit: AuditTable;
  policy_versions: PolicyVersionsTable;
}
