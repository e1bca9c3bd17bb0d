// SPDX-License-Identifier: Apache-2.0
#pragma once
// Records: the generic aggregate rows of decision 0003. An aggregate (a case, a person, a
// disclosure version …) is one row of its table: id, tenant_id, version, body (the domain codec's
// JSON) and the table's key columns, copied from the body by the typed repository on every write
// and used to filter and sort. Every write checks the version it read (optimistic concurrency:
// a stale version is kAborted, never a lost update) and appends an audit record in the same
// transaction (audit.h).
//
//   Record r{.table = "cases", .id = NewId("case"), .tenant_id = "inst_tokyo",
//            .body = R"({"title":"量子センシング"})", .keys = {{"state", "opened"}}};
//   db.WithTransaction([&](Transaction& tx) { return Insert(tx, r, actor).map(...); });
//   auto page = List(db, "cases", {.tenant_ids = {"inst_tokyo"}, .where = {{"state", "opened"}}});
//
// Table and column names are checked against the tables the migrations created (an aggregate
// table has id, tenant_id, version, body, created_at, updated_at; its other columns are its key
// columns); values are always bound as parameters. Cost: one or two indexed statements per call
// (Update and Delete read the current row first), plus one audit INSERT per write.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/audit.h"
#include "storage/database.h"

namespace highfence::storage {

struct Record {
  std::string table = {};      // "cases"
  std::string id = {};         // opaque, e.g. NewId("case")
  std::string tenant_id = {};  // the owning institution or agency; never changes
  int64_t version = 0;         // 1 after Insert, +1 per Update; set by the store
  std::string body = {};       // JSON text (on PostgreSQL read back as JSONB prints it)
  // Key column → value (nullopt = NULL). Integer columns (disclosures.seq, programmes.designated)
  // take decimal text. A column left out is written as NULL.
  std::map<std::string, std::optional<std::string>> keys = {};
  std::string created_at = {};  // RFC 3339 UTC with microseconds, set by the store
  std::string updated_at = {};
};

// List: equality filters ANDed, one sort, one page. The total counts every matching row.
struct Query {
  std::vector<std::string> tenant_ids = {};  // rows of these tenants; empty = every tenant
  // Key column = value (nullopt: IS NULL).
  std::vector<std::pair<std::string, std::optional<std::string>>> where = {};
  std::string order_by = "created_at";  // a key column, created_at, updated_at or id
  bool descending = false;              // ties are broken by id, ascending
  int64_t limit = 100;                  // 0 = no limit
  int64_t offset = 0;
};

struct Page {
  std::vector<Record> records;
  int64_t total = 0;  // rows matching the filters, ignoring limit and offset
};

// "<prefix>_" + 16 lowercase hex digits from libsodium's randombytes: opaque, never sequential.
std::string NewId(std::string_view prefix);

// Stores a new aggregate at version 1. kInvalidArgument for an unknown table or key column, an
// empty id / tenant_id / actor, a non-integer value for an integer column or a body that is not
// JSON (each naming the field); kAlreadyExists if the id (or a unique key, e.g. a disclosure's
// person_id + seq) is taken. Returns the stored record (version, timestamps; body as stored).
Result<Record> Insert(Transaction& tx, const Record& record, const Actor& actor);

// Replaces body and keys of record.id if its current version is expected_version; the new
// version is expected_version + 1. kAborted "cases/case_…: version 3 is stale, current is 4";
// kNotFound if the id does not exist; kInvalidArgument if record.tenant_id differs from the
// stored one (a record never moves between tenants) or as for Insert.
Result<Record> Update(Transaction& tx, const Record& record, int64_t expected_version, const Actor& actor);

// Removes the row if its version is expected_version (kAborted / kNotFound as for Update).
// The audit record keeps the digest of what was deleted.
Result<void> Delete(Transaction& tx, std::string_view table, std::string_view id, int64_t expected_version,
                    const Actor& actor);

// kNotFound "cases/case_…: not found"; kInvalidArgument for an unknown table.
Result<Record> Get(Transaction& tx, std::string_view table, std::string_view id);
Result<Record> Get(Database& db, std::string_view table, std::string_view id);

// kInvalidArgument naming an unknown table, filter column or sort column, or a negative
// limit / offset. One statement: the total is counted in the page's own statement, or not at
// all when the page shows it (no limit, or fewer rows than the limit); a second COUNT only for
// a page past the end.
Result<Page> List(Transaction& tx, std::string_view table, const Query& query);
Result<Page> List(Database& db, std::string_view table, const Query& query);

// One page of the union of several queries of one table, in one statement (each row once,
// whichever parts match it). A part with sign +1 adds its rows; with -1 it adds none and only
// corrects the total for rows two positive parts both count (the total is the signed sum of the
// parts' counts). The parts carry the filters and only those: their order, limit and offset are
// not used. `page` gives the order, limit and offset, and its where (and tenant_ids, when no part
// names tenants) restrict every part. Errors as List's, and kInvalidArgument for a sign other
// than ±1 or tenants named by both a part and the page.
struct SignedQuery {
  Query query;
  int sign = +1;
};
Result<Page> ListUnion(Transaction& tx, std::string_view table, const std::vector<SignedQuery>& parts,
                       const Query& page);
Result<Page> ListUnion(Database& db, std::string_view table, const std::vector<SignedQuery>& parts, const Query& page);

// Rows of several tables read in one statement (UNION ALL): for each Lookup, the rows of its
// table whose column (id or a key column) is one of its values. What a page that shows many
// aggregates by one id needs (a case's children by case_id; its team by id) in one round trip
// instead of one per table and id.
struct Lookup {
  std::string table = {};
  std::string column = "id";
  std::vector<std::string> values = {};  // none: the lookup reads nothing
  // Only whether a row exists: one Record per value that has at least one row, with table and
  // id (= the value) set and nothing else (no body is read; an index answers it).
  bool presence_only = false;
  // "table.column": match column against that column of the rows of that table whose id is one
  // of values instead (a case's proposal: {"proposals", "id", {case_id}, false,
  // "cases.proposal_id"}), so that a row and what it points to are read in one statement.
  std::string through = {};
};

// The rows in lookup order, within a lookup by created_at then id (as List sorts by default).
// Records carry table, id, tenant_id, version, body and timestamps; their keys are left empty
// (the key columns differ from table to table: use Get or List where a key is needed).
// kInvalidArgument naming an unknown table or column.
Result<std::vector<Record>> GetMany(Transaction& tx, const std::vector<Lookup>& lookups);

// The aggregate tables and their key columns, as the database's schema has them.
struct TableInfo {
  std::string name;
  std::vector<std::string> key_columns;
};
Result<std::vector<TableInfo>> Tables(Database& db);

}  // namespace highfence::storage
