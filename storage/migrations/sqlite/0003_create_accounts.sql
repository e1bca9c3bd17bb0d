-- 0003_create_accounts, SQLite dialect. Local accounts, sessions, API tokens and login
-- throttling counts (issue 6), shared by every `serve` process on the database so that a session
-- made on one replica works on the others, a revocation takes effect everywhere and throttling
-- counts failures across replicas. The tenant of a user is an institutions row (decision 0003:
-- institutions are the tenants); no foreign key, so the first administrator can be created before
-- any institution exists.
--
-- users is an aggregate table (id, tenant_id, version, body, created_at, updated_at + key
-- columns): every change goes through storage/records.h, is versioned (a stale write is refused)
-- and audited, and `highfence audit verify` compares each row, password_hash included, with its
-- latest audit record. body: {"login", "display_name", "email", "roles": [...], "person_id"}.
-- password_hash is an argon2id string (never a password); login is lower-cased (unique).
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  login TEXT NOT NULL,
  email TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  administrator INTEGER NOT NULL CHECK (administrator IN (0, 1))
);
CREATE UNIQUE INDEX users_login ON users (login);
CREATE INDEX users_tenant_created ON users (tenant_id, created_at);

-- Sessions hold only the SHA-256 of the cookie value (server/auth/secrets.h); the CSRF token is
-- derived from the cookie value and not stored. id names the session in the audit trail.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  client_addr TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens: id is the visible prefix (hfk_<id>_…), token_hash the SHA-256 of the whole token;
-- scopes are action names separated by spaces ("case.read disclosure.import").
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);

-- Failed sign-ins per key ("account:yamada", "address:192.0.2.7"), updated by one atomic upsert
-- so that concurrent replicas never lose a count.
CREATE TABLE login_attempts (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure TEXT NOT NULL
);
