-- 0002_create_case_progress, SQLite dialect (casestore). The PostgreSQL file has the same tables,
-- columns and indexes; the differences are as in 0001: body TEXT + CHECK (json_valid(body)) here,
-- JSONB there; version INTEGER here, BIGINT there.
--
-- case_progress: one row per case holding what the state machine needs beyond the case record:
-- the review round, recorded no-disclosure reasons, the withdrawal reason (storage/case_store.h).
-- appeals: 異議申立て against a declined case, one row per appeal.

CREATE TABLE case_progress (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT
);
CREATE INDEX case_progress_tenant_created ON case_progress (tenant_id, created_at);
CREATE UNIQUE INDEX case_progress_case_id ON case_progress (case_id);

CREATE TABLE appeals (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT
);
CREATE INDEX appeals_tenant_created ON appeals (tenant_id, created_at);
CREATE INDEX appeals_case_id ON appeals (case_id);
