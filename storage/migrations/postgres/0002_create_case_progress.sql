-- 0002_create_case_progress, PostgreSQL dialect (casestore). The SQLite file has the same tables,
-- columns and indexes; the differences are as in 0001: body JSONB here, TEXT + CHECK (json_valid(body))
-- there; version BIGINT here, INTEGER there.
--
-- case_progress: one row per case holding what the state machine needs beyond the case record:
-- the review round, recorded no-disclosure reasons, the withdrawal reason (storage/case_store.h).
-- appeals: 異議申立て against a declined case, one row per appeal.

CREATE TABLE case_progress (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version > 0),
  body JSONB NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT
);
CREATE INDEX case_progress_tenant_created ON case_progress (tenant_id, created_at);
CREATE UNIQUE INDEX case_progress_case_id ON case_progress (case_id);

CREATE TABLE appeals (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version > 0),
  body JSONB NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT
);
CREATE INDEX appeals_tenant_created ON appeals (tenant_id, created_at);
CREATE INDEX appeals_case_id ON appeals (case_id);
