-- 0001_create_case_tables, SQLite dialect. The PostgreSQL file has the same tables, columns
-- and indexes; the differences are only: body is TEXT + CHECK (json_valid(body)) here (JSONB
-- there) and version / seq are INTEGER here (BIGINT there; SQLite integers are 64-bit).
--
-- Decision 0003: each aggregate is one row (id, tenant_id, version, body, created_at, updated_at)
-- plus the key columns the common queries filter and sort on, copied from the body by the
-- repository on every write. Timestamps are RFC 3339 UTC text written by the application, so
-- the audit chain hashes the same bytes on both backends.

CREATE TABLE institutions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  kind TEXT
);
CREATE INDEX institutions_tenant_created ON institutions (tenant_id, created_at);
CREATE INDEX institutions_tenant_kind ON institutions (tenant_id, kind);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  erad_id TEXT,
  orcid TEXT
);
CREATE INDEX people_tenant_created ON people (tenant_id, created_at);
CREATE INDEX people_erad_id ON people (erad_id);
CREATE INDEX people_orcid ON people (orcid);

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ror_id TEXT
);
CREATE INDEX organisations_tenant_created ON organisations (tenant_id, created_at);
CREATE INDEX organisations_ror_id ON organisations (ror_id);

CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  designated INTEGER
);
CREATE INDEX programmes_tenant_created ON programmes (tenant_id, created_at);
CREATE INDEX programmes_tenant_designated ON programmes (tenant_id, designated);

CREATE TABLE proposals (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  programme_id TEXT,
  state TEXT
);
CREATE INDEX proposals_tenant_created ON proposals (tenant_id, created_at);
CREATE INDEX proposals_programme_id ON proposals (programme_id);
CREATE INDEX proposals_tenant_state ON proposals (tenant_id, state);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  proposal_id TEXT,
  state TEXT,
  agency_id TEXT
);
CREATE INDEX cases_tenant_created ON cases (tenant_id, created_at);
CREATE INDEX cases_proposal_id ON cases (proposal_id);
CREATE INDEX cases_tenant_state ON cases (tenant_id, state);
CREATE INDEX cases_agency_id_state ON cases (agency_id, state);

CREATE TABLE disclosures (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  person_id TEXT,
  seq INTEGER,
  as_of TEXT
);
CREATE INDEX disclosures_tenant_created ON disclosures (tenant_id, created_at);
CREATE UNIQUE INDEX disclosures_person_id_seq ON disclosures (person_id, seq);

CREATE TABLE restricted_disclosures (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  person_id TEXT,
  seq INTEGER
);
CREATE INDEX restricted_disclosures_tenant_created ON restricted_disclosures (tenant_id, created_at);
CREATE UNIQUE INDEX restricted_disclosures_person_id_seq ON restricted_disclosures (person_id, seq);

CREATE TABLE screenings (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT,
  kind TEXT
);
CREATE INDEX screenings_tenant_created ON screenings (tenant_id, created_at);
CREATE INDEX screenings_case_id_kind ON screenings (case_id, kind);

CREATE TABLE evaluations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT,
  subject_kind TEXT,
  subject_id TEXT
);
CREATE INDEX evaluations_tenant_created ON evaluations (tenant_id, created_at);
CREATE INDEX evaluations_case_id ON evaluations (case_id);
CREATE INDEX evaluations_subject_kind_subject_id ON evaluations (subject_kind, subject_id);

CREATE TABLE measures (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT,
  status TEXT,
  due_date TEXT
);
CREATE INDEX measures_tenant_created ON measures (tenant_id, created_at);
CREATE INDEX measures_case_id ON measures (case_id);
CREATE INDEX measures_tenant_status_due_date ON measures (tenant_id, status, due_date);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT,
  stage TEXT
);
CREATE INDEX reviews_tenant_created ON reviews (tenant_id, created_at);
CREATE INDEX reviews_case_id_stage ON reviews (case_id, stage);

CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT
);
CREATE INDEX decisions_tenant_created ON decisions (tenant_id, created_at);
CREATE INDEX decisions_case_id ON decisions (case_id);

CREATE TABLE followups (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL CHECK (json_valid(body)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  case_id TEXT,
  kind TEXT,
  status TEXT
);
CREATE INDEX followups_tenant_created ON followups (tenant_id, created_at);
CREATE INDEX followups_case_id ON followups (case_id);
CREATE INDEX followups_tenant_status ON followups (tenant_id, status);

-- The audit chain (監査証跡): one line of records, each hashing the previous record's hash and
-- its own fields (storage/audit.h). seq is assigned by the writer as audit_head.seq + 1 while it
-- holds the write lock, so it has no gaps; a gap is evidence of a deleted record.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT,
  tenant_id TEXT,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'read')),
  object_kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  before_digest TEXT,
  after_digest TEXT,
  reason TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_id, seq);

-- The single row every writer locks first (inside BEGIN IMMEDIATE), holding the chain's last seq and
-- hash; verify also compares it with the last audit_log row, so deleting the newest records shows.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
