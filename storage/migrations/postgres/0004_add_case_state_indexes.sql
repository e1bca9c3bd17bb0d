-- 0004_add_case_state_indexes, PostgreSQL dialect (instbench). The same statements in both dialects.
--
-- "Cases by state, oldest first, one page" (ListCases / records.h List with where state and
-- ORDER BY created_at, id) had no index that serves both the filter and the order: SQLite walked
-- cases_tenant_created and checked every row's state (a rare state such as appeal read the whole
-- tenant), and without a tenant filter (Visibility::All) it scanned the table and sorted it.
-- Measured on the generated institution of bench/storage (20,000 cases, docs/benchmarks.md):
-- page of 50 in state appeal 1.35 ms → 0.03 ms (one tenant), 13 ms → 0.03 ms (all tenants).
-- The new (…, state, created_at, id) indexes replace the (…, state) ones, whose prefix they are.

CREATE INDEX cases_tenant_state_created ON cases (tenant_id, state, created_at, id);
DROP INDEX cases_tenant_state;
CREATE INDEX cases_agency_id_state_created ON cases (agency_id, state, created_at, id);
DROP INDEX cases_agency_id_state;
CREATE INDEX cases_state_created ON cases (state, created_at, id);
