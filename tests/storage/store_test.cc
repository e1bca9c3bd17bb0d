// SPDX-License-Identifier: Apache-2.0
// The storage suite, run on SQLite (storage_test, label unit) and on a real PostgreSQL 15
// (storage_pg_test, label pg): migrations, records, optimistic concurrency, the audit chain and
// its tampering checks, export, backup / restore, and several writer processes at once.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "storage/audit.h"
#include "storage/database.h"
#include "storage/records.h"
#include "tests/storage/backends.h"
#include "tests/support/data.h"

extern char** environ;

namespace highfence::storage {
namespace {

using nlohmann::json;
using testing::PostgresBackend;
using testing::SqliteBackend;

const Actor kOfficer{"user_officer_sato", "req-0001"};
const Actor kReviewer{"user_reviewer_smith", "req-0002"};

Record Case(std::string tenant, std::string title, std::string state, std::string proposal = "prop_1") {
  Record r;
  r.table = "cases";
  r.id = NewId("case");
  r.tenant_id = std::move(tenant);
  r.body = json{{"title", std::move(title)}, {"state", state}, {"proposal_id", proposal}}.dump();
  r.keys = {{"state", state}, {"proposal_id", proposal}, {"agency_id", "agency_jst"}};
  return r;
}

template <typename Backend>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = Backend::NewUrl(dir_);
    ASSERT_FALSE(url_.empty());
    auto db = Database::Open(url_, {});
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated) << migrated.error().ToString();
  }

  Result<Record> InsertOne(const Record& r, const Actor& actor = kOfficer) {
    Result<Record> out = MakeError(ErrorCode::kInternal, "not run");
    auto done = db_->WithTransaction([&](Transaction& tx) -> Result<void> {
      out = Insert(tx, r, actor);
      if (!out) return out.error();
      return Ok();
    });
    if (!done) return done.error();
    return out;
  }
  Result<Record> UpdateOne(const Record& r, int64_t expected, const Actor& actor = kOfficer) {
    Result<Record> out = MakeError(ErrorCode::kInternal, "not run");
    auto done = db_->WithTransaction([&](Transaction& tx) -> Result<void> {
      out = Update(tx, r, expected, actor);
      if (!out) return out.error();
      return Ok();
    });
    if (!done) return done.error();
    return out;
  }
  // The seq of the newest audit record of an object.
  int64_t LatestSeq(const std::string& table, const std::string& id) {
    auto history = AuditHistory(*db_, table, id);
    EXPECT_TRUE(history && !history->empty());
    return history && !history->empty() ? history->back().seq : -1;
  }
  // A small procedure: cases in two institutions, updates, a deletion, a restricted read.
  void WriteHistory(int cases) {
    for (int i = 0; i < cases; ++i) {
      auto r = InsertOne(
          Case(i % 2 ? "inst_kyoto" : "inst_tokyo", "量子センシングの共同研究 " + std::to_string(i), "opened"));
      ASSERT_TRUE(r) << r.error().ToString();
      Record next = *r;
      next.body = json{{"title", "Quantum sensing " + std::to_string(i)}, {"state", "identification"}}.dump();
      next.keys["state"] = "identification";
      auto u = UpdateOne(next, 1, kReviewer);
      ASSERT_TRUE(u) << u.error().ToString();
      if (i % 5 == 4) {
        auto d = db_->WithTransaction([&](Transaction& tx) { return Delete(tx, "cases", r->id, 2, kOfficer); });
        ASSERT_TRUE(d) << d.error().ToString();
      }
    }
  }

  testing::TempDir dir_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

#ifdef HF_STORAGE_TEST_POSTGRES
using Backends = ::testing::Types<PostgresBackend>;
#else
using Backends = ::testing::Types<SqliteBackend>;
#endif
TYPED_TEST_SUITE(StoreTest, Backends);

// ---- migrations --------------------------------------------------------------------------

TYPED_TEST(StoreTest, MigrateTwiceIsANoOp) {
  auto again = this->db_->Migrate();
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE(again->empty());
  auto status = this->db_->Status();
  ASSERT_TRUE(status) << status.error().ToString();
  EXPECT_EQ(status->database_version, status->binary_version);
  EXPECT_EQ(status->pending(), 0);
  ASSERT_FALSE(status->migrations.empty());
  EXPECT_EQ(status->migrations[0].name, "create_case_tables");
  EXPECT_TRUE(status->migrations[0].applied);
  EXPECT_TRUE(status->migrations[0].checksum_matches);
  EXPECT_EQ(testing::RawColumn(this->url_, "SELECT COUNT(*) FROM schema_migrations"),
            std::vector<std::string>{std::to_string(status->binary_version)});
  auto tables = Tables(*this->db_);
  ASSERT_TRUE(tables);
  std::set<std::string> names;
  for (const auto& t : *tables) names.insert(t.name);
  for (const char* t :
       {"institutions", "people", "organisations", "programmes", "proposals", "cases", "disclosures",
        "restricted_disclosures", "screenings", "evaluations", "measures", "reviews", "decisions", "followups"}) {
    EXPECT_TRUE(names.count(t)) << t;
  }
  EXPECT_FALSE(names.count("audit_log"));  // not an aggregate table: never written through records.h
}

TYPED_TEST(StoreTest, OpenRefusesANewerSchemaNamingBothVersionsAndWritesNothing) {
  ASSERT_TRUE(testing::RawExec(this->url_,
                               "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                               "VALUES (9999, 'from_the_future', 'x', '2030-01-01T00:00:00Z')"));
  auto status = this->db_->Status();
  ASSERT_TRUE(status) << status.error().ToString();
  const int binary_version = status->binary_version;
  this->db_.reset();
  const std::string file = this->url_.rfind("sqlite:", 0) == 0 ? this->url_.substr(7) : "";
  const std::string before = file.empty() ? "" : testing::ReadFileOrFail(file);
  auto db = Database::Open(this->url_, {});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(db.error().message.find("version 9999"), std::string::npos) << db.error().message;
  EXPECT_NE(db.error().message.find("binary's version " + std::to_string(binary_version)), std::string::npos)
      << db.error().message;
  if (!file.empty()) {
    EXPECT_EQ(testing::ReadFileOrFail(file), before);
  }
}

TYPED_TEST(StoreTest, MigrateRefusesAnAppliedMigrationWhoseChecksumChanged) {
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"));
  auto migrated = this->db_->Migrate();
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(migrated.error().message.find("0001_create_case_tables.sql"), std::string::npos)
      << migrated.error().message;
  auto status = this->db_->Status();
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->migrations[0].checksum_matches);
}

TYPED_TEST(StoreTest, AnUnmigratedDatabaseAsksForAMigration) {
  testing::TempDir dir;
  const std::string url = TypeParam::NewUrl(dir);
  auto db = Database::Open(url, {});
  ASSERT_TRUE(db) << db.error().ToString();
  auto status = (*db)->Status();
  ASSERT_TRUE(status);
  EXPECT_EQ(status->database_version, 0);
  auto got = Get(**db, "cases", "case_0000000000000000");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(got.error().message.find("highfence db migrate"), std::string::npos) << got.error().message;
  auto write = (*db)->WithTransaction([](Transaction&) { return Ok(); });
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::kFailedPrecondition);
}

// ---- records -----------------------------------------------------------------------------

TYPED_TEST(StoreTest, InsertThenGetReturnsTheStoredRecord) {
  Record r = Case("inst_tokyo", "極超音速飛翔体の材料研究 (hypersonic materials)", "opened");
  auto stored = this->InsertOne(r);
  ASSERT_TRUE(stored) << stored.error().ToString();
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->created_at, stored->updated_at);
  EXPECT_EQ(stored->created_at.size(), std::string("2026-11-30T09:15:02.123456Z").size());
  auto got = Get(*this->db_, "cases", r.id);
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(got->id, r.id);
  EXPECT_EQ(got->tenant_id, "inst_tokyo");
  EXPECT_EQ(json::parse(got->body), json::parse(r.body));  // JSONB may reorder keys
  EXPECT_EQ(got->keys.at("state"), "opened");
  EXPECT_EQ(got->keys.at("agency_id"), "agency_jst");
  EXPECT_EQ(RecordDigest(*got), RecordDigest(*stored));
  EXPECT_EQ(r.id.substr(0, 5), "case_");
  EXPECT_EQ(r.id.size(), 5u + 16u);
}

TYPED_TEST(StoreTest, GetOfAMissingIdIsNotFoundNamingTableAndId) {
  auto got = Get(*this->db_, "cases", "case_ffffffffffffffff");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
  EXPECT_NE(got.error().message.find("cases/case_ffffffffffffffff"), std::string::npos) << got.error().message;
}

TYPED_TEST(StoreTest, WritesRejectBadNamesAndValuesNamingTheField) {
  struct Bad {
    std::string what;
    Record record;
    ErrorCode code;
    std::string message;
  };
  Record unknown_table = Case("inst_tokyo", "x", "opened");
  unknown_table.table = "cases; DROP TABLE cases";
  Record unknown_column = Case("inst_tokyo", "x", "opened");
  unknown_column.keys["nationality"] = "JP";
  Record bad_integer;
  bad_integer.table = "disclosures";
  bad_integer.id = NewId("disc");
  bad_integer.tenant_id = "inst_tokyo";
  bad_integer.body = R"({"items":[]})";
  bad_integer.keys = {{"person_id", "person_1"}, {"seq", "第1版"}};
  Record bad_json = Case("inst_tokyo", "x", "opened");
  bad_json.body = "{\"title\": 量子";
  Record no_tenant = Case("", "x", "opened");
  const std::vector<Bad> cases = {
      {"table", unknown_table, ErrorCode::kInvalidArgument, "unknown table \"cases; DROP TABLE cases\""},
      {"column", unknown_column, ErrorCode::kInvalidArgument, "unknown key column \"nationality\""},
      {"integer", bad_integer, ErrorCode::kInvalidArgument, "key column \"seq\" must be an integer"},
      {"json", bad_json, ErrorCode::kInvalidArgument, "body is not valid JSON"},
      {"tenant", no_tenant, ErrorCode::kInvalidArgument, "tenant_id is empty"},
  };
  for (const Bad& b : cases) {
    auto r = this->InsertOne(b.record);
    ASSERT_FALSE(r) << b.what;
    EXPECT_EQ(r.error().code, b.code) << b.what << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(b.message), std::string::npos) << b.what << ": " << r.error().message;
  }
  auto no_actor = this->InsertOne(Case("inst_tokyo", "x", "opened"), Actor{"", ""});
  ASSERT_FALSE(no_actor);
  EXPECT_NE(no_actor.error().message.find("actor is empty"), std::string::npos);
  // Nothing of it reached the database or the chain.
  EXPECT_EQ(testing::RawColumn(this->url_, "SELECT COUNT(*) FROM audit_log"), std::vector<std::string>{"0"});
}

TYPED_TEST(StoreTest, ADuplicateIdOrUniqueKeyIsAlreadyExists) {
  Record r = Case("inst_tokyo", "x", "opened");
  ASSERT_TRUE(this->InsertOne(r));
  auto again = this->InsertOne(r);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("cases/" + r.id), std::string::npos) << again.error().message;

  Record d;
  d.table = "disclosures";
  d.id = NewId("disc");
  d.tenant_id = "inst_tokyo";
  d.body = R"j({"as_of":"2026-04-01","items":{"学歴":"東京大学 博士(工学)"}})j";
  d.keys = {{"person_id", "person_tanaka"}, {"seq", "1"}, {"as_of", "2026-04-01"}};
  ASSERT_TRUE(this->InsertOne(d));
  d.id = NewId("disc");
  auto same_seq = this->InsertOne(d);
  ASSERT_FALSE(same_seq);
  EXPECT_EQ(same_seq.error().code, ErrorCode::kAlreadyExists) << same_seq.error().message;
}

TYPED_TEST(StoreTest, ListFiltersByTenantAndKeySortsAndPagesWithTotal) {
  // Tokyo: 5 cases (3 opened, 2 evaluation); Kyoto: 2 opened.
  std::vector<std::string> tokyo_opened;
  for (int i = 0; i < 5; ++i) {
    auto r = this->InsertOne(
        Case("inst_tokyo", "東京 " + std::to_string(i), i < 3 ? "opened" : "evaluation", "prop_" + std::to_string(i)));
    ASSERT_TRUE(r);
    if (i < 3) tokyo_opened.push_back(r->id);
  }
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(this->InsertOne(Case("inst_kyoto", "京都 " + std::to_string(i), "opened")));

  auto all = List(*this->db_, "cases", {.limit = 0});
  ASSERT_TRUE(all) << all.error().ToString();
  EXPECT_EQ(all->total, 7);
  EXPECT_EQ(all->records.size(), 7u);

  auto tokyo = List(*this->db_, "cases", {.tenant_ids = {"inst_tokyo"}, .where = {{"state", "opened"}}});
  ASSERT_TRUE(tokyo) << tokyo.error().ToString();
  EXPECT_EQ(tokyo->total, 3);
  std::vector<std::string> ids;
  for (const auto& r : tokyo->records) ids.push_back(r.id);
  EXPECT_EQ(ids, tokyo_opened);  // created_at ascending: insertion order

  auto both = List(*this->db_, "cases", {.tenant_ids = {"inst_tokyo", "inst_kyoto"}, .where = {{"state", "opened"}}});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->total, 5);

  auto page =
      List(*this->db_, "cases",
           {.tenant_ids = {"inst_tokyo"}, .order_by = "proposal_id", .descending = true, .limit = 2, .offset = 1});
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->records.size(), 2u);
  EXPECT_EQ(page->records[0].keys.at("proposal_id"), "prop_3");
  EXPECT_EQ(page->records[1].keys.at("proposal_id"), "prop_2");

  // The last page, short of its limit or exactly filling it: the same total either way.
  for (int64_t limit : {10, 2}) {
    auto last = List(*this->db_, "cases", {.tenant_ids = {"inst_tokyo"}, .limit = limit, .offset = 3});
    ASSERT_TRUE(last) << last.error().ToString();
    EXPECT_EQ(last->records.size(), 2u) << "limit " << limit;
    EXPECT_EQ(last->total, 5) << "limit " << limit;
  }

  auto past_end = List(*this->db_, "cases", {.tenant_ids = {"inst_kyoto"}, .limit = 10, .offset = 10});
  ASSERT_TRUE(past_end);
  EXPECT_TRUE(past_end->records.empty());
  EXPECT_EQ(past_end->total, 2);

  auto none = List(*this->db_, "cases", {.where = {{"agency_id", std::nullopt}}});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->total, 0);

  auto bad_filter = List(*this->db_, "cases", {.where = {{"body", "x"}}});
  ASSERT_FALSE(bad_filter);
  EXPECT_EQ(bad_filter.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad_filter.error().message.find("cannot filter on \"body\""), std::string::npos);
  auto bad_sort = List(*this->db_, "cases", {.order_by = "title; --"});
  ASSERT_FALSE(bad_sort);
  EXPECT_NE(bad_sort.error().message.find("cannot sort by \"title; --\""), std::string::npos);
}

TYPED_TEST(StoreTest, ListUnionShowsEachRowOnceSortsAndPagesAndCountsBySign) {
  // What a funding agency (inst_jst) sees: its own cases plus the cases funded through it, one of
  // which is both (its own, self-funded).
  auto insert = [&](const std::string& tenant, const std::string& agency, const std::string& state) {
    Record r = Case(tenant, tenant + " → " + agency, state);
    r.keys["agency_id"] = agency;
    auto stored = this->InsertOne(r);
    EXPECT_TRUE(stored) << stored.error().ToString();
    return stored ? stored->id : std::string();
  };
  std::vector<std::string> visible;  // in created_at order
  visible.push_back(insert("inst_tokyo", "inst_jst", "opened"));
  insert("inst_tokyo", "agency_jsps", "opened");
  visible.push_back(insert("inst_jst", "inst_jst", "opened"));  // own and funded: shown once
  visible.push_back(insert("inst_kyoto", "inst_jst", "evaluation"));
  visible.push_back(insert("inst_jst", "agency_jsps", "opened"));
  insert("inst_kyoto", "agency_jsps", "opened");
  visible.push_back(insert("inst_kyoto", "inst_jst", "opened"));
  const std::vector<SignedQuery> parts = {
      {{.tenant_ids = {"inst_jst"}}, +1},
      {{.where = {{"agency_id", "inst_jst"}}}, +1},
      {{.tenant_ids = {"inst_jst"}, .where = {{"agency_id", "inst_jst"}}}, -1},
  };
  auto ids = [](const Page& p) {
    std::vector<std::string> out;
    for (const Record& r : p.records) out.push_back(r.id);
    return out;
  };

  auto all = ListUnion(*this->db_, "cases", parts, {.limit = 0});
  ASSERT_TRUE(all) << all.error().ToString();
  EXPECT_EQ(all->total, 5);
  EXPECT_EQ(ids(*all), visible);
  EXPECT_EQ(all->records[0].keys.at("agency_id"), "inst_jst");  // records carry their key columns

  auto page = ListUnion(*this->db_, "cases", parts, {.limit = 2, .offset = 1});
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->total, 5);
  EXPECT_EQ(ids(*page), std::vector<std::string>(visible.begin() + 1, visible.begin() + 3));

  auto newest = ListUnion(*this->db_, "cases", parts, {.descending = true, .limit = 2});
  ASSERT_TRUE(newest);
  EXPECT_EQ(ids(*newest), (std::vector<std::string>{visible[4], visible[3]}));

  // The page's filter restricts every part, the total too.
  auto opened = ListUnion(*this->db_, "cases", parts, {.where = {{"state", "opened"}}, .limit = 3});
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->total, 4);
  EXPECT_EQ(ids(*opened), (std::vector<std::string>{visible[0], visible[1], visible[3]}));

  auto past_end = ListUnion(*this->db_, "cases", parts, {.limit = 10, .offset = 10});
  ASSERT_TRUE(past_end);
  EXPECT_TRUE(past_end->records.empty());
  EXPECT_EQ(past_end->total, 5);

  auto nothing = ListUnion(*this->db_, "cases", parts, {.where = {{"state", "closed"}}, .limit = 10});
  ASSERT_TRUE(nothing);
  EXPECT_TRUE(nothing->records.empty());
  EXPECT_EQ(nothing->total, 0);

  auto bad_sign = ListUnion(*this->db_, "cases", {{{}, 2}}, {});
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(bad_sign.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad_sign.error().message.find("sign"), std::string::npos) << bad_sign.error().message;
  auto two_tenant_filters = ListUnion(*this->db_, "cases", parts, {.tenant_ids = {"inst_tokyo"}});
  ASSERT_FALSE(two_tenant_filters);
  EXPECT_EQ(two_tenant_filters.error().code, ErrorCode::kInvalidArgument);
  auto bad_sort = ListUnion(*this->db_, "cases", parts, {.order_by = "title; --"});
  ASSERT_FALSE(bad_sort);
  EXPECT_NE(bad_sort.error().message.find("cannot sort by \"title; --\""), std::string::npos);
  auto bad_filter = ListUnion(*this->db_, "cases", {{{.where = {{"body", "x"}}}, +1}}, {});
  ASSERT_FALSE(bad_filter);
  EXPECT_NE(bad_filter.error().message.find("cannot filter on \"body\""), std::string::npos);
}

TYPED_TEST(StoreTest, StatementsOutsideATransactionEachSeeTheLatestCommitAndCannotWrite) {
  ASSERT_TRUE(this->InsertOne(Case("inst_tokyo", "一件目", "opened")));
  auto other = Database::Open(this->url_, {});
  ASSERT_TRUE(other) << other.error().ToString();
  std::vector<int64_t> totals;
  auto read = this->db_->WithStatements([&](Transaction& tx) -> Result<void> {
    for (int i = 0; i < 2; ++i) {
      auto page = List(tx, "cases", {.tenant_ids = {"inst_tokyo"}, .limit = 10});
      if (!page) return page.error();
      totals.push_back(page->total);
      if (i == 0) {
        auto w = (*other)->WithTransaction([&](Transaction& wtx) -> Result<void> {
          auto r = Insert(wtx, Case("inst_tokyo", "二件目", "opened"), kOfficer);
          if (!r) return r.error();
          return Ok();
        });
        if (!w) return w.error();
      }
    }
    return Ok();
  });
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(totals, (std::vector<int64_t>{1, 2}));  // unlike WithSnapshot: no common snapshot

  Record blocked = Case("inst_tokyo", "書けない", "opened");
  auto write = this->db_->WithStatements([&](Transaction& tx) -> Result<void> {
    auto r = Insert(tx, blocked, kOfficer);
    if (!r) return r.error();
    return Ok();
  });
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(write.error().message.find(blocked.id), std::string::npos) << write.error().message;
  auto all = List(*this->db_, "cases", {.limit = 0});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->total, 2);
}

TYPED_TEST(StoreTest, ListUnionSortsIntegerKeysNumericallyAcrossParts) {
  for (auto [person, seq] : {std::pair{"person_yamada", 10},
                             {"person_smith", 2},
                             {"person_yamada", 1},
                             {"person_li", 3},
                             {"person_smith", 20}}) {
    Record d;
    d.table = "disclosures";
    d.id = NewId("disc");
    d.tenant_id = "inst_osaka";
    d.body = json{{"version", seq}}.dump();
    d.keys = {{"person_id", person}, {"seq", std::to_string(seq)}};
    ASSERT_TRUE(this->InsertOne(d));
  }
  auto page =
      ListUnion(*this->db_, "disclosures",
                {{{.where = {{"person_id", "person_yamada"}}}, +1}, {{.where = {{"person_id", "person_smith"}}}, +1}},
                {.order_by = "seq", .limit = 3});
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->total, 4);
  std::vector<std::string> seqs;
  for (const Record& r : page->records) seqs.push_back(r.keys.at("seq").value_or(""));
  EXPECT_EQ(seqs, (std::vector<std::string>{"1", "2", "10"}));
}

TYPED_TEST(StoreTest, GetManyReadsSeveralTablesInLookupOrderOldestFirst) {
  // Two cases of one proposal and one of another; disclosures of one person out of two.
  auto a = this->InsertOne(Case("inst_tokyo", "量子センシング", "opened", "prop_q"));
  auto b = this->InsertOne(Case("inst_tokyo", "Quantum sensing, second round", "evaluation", "prop_q"));
  auto c = this->InsertOne(Case("inst_kyoto", "耐放射線半導体", "opened", "prop_r"));
  ASSERT_TRUE(a && b && c);
  for (int seq : {1, 2}) {
    Record d;
    d.table = "disclosures";
    d.id = NewId("disc");
    d.tenant_id = "inst_tokyo";
    d.body = json{{"as_of", "2026-0" + std::to_string(seq) + "-01"}, {"学歴", "東北大学 博士(工学)"}}.dump();
    d.keys = {{"person_id", "person_aoba"}, {"seq", std::to_string(seq)}};
    ASSERT_TRUE(this->InsertOne(d));
  }
  Record proposal;
  proposal.table = "proposals";
  proposal.id = "prop_q";
  proposal.tenant_id = "inst_tokyo";
  proposal.body = json{{"title", "量子センシングによる非破壊検査"}}.dump();
  proposal.keys = {{"state", "shortlisted"}};
  ASSERT_TRUE(this->InsertOne(proposal));
  std::vector<Record> rows;
  auto read = this->db_->WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto got = GetMany(tx, {{"disclosures", "person_id", {"person_aoba", "person_sato"}, /*presence_only=*/true},
                            {"cases", "proposal_id", {"prop_q"}},
                            {"people", "id", {}},
                            {"cases", "id", {c->id, "case_missing"}},
                            {"proposals", "id", {b->id}, false, "cases.proposal_id"}});
    if (!got) return got.error();
    rows = std::move(*got);
    return Ok();
  });
  ASSERT_TRUE(read) << read.error().ToString();
  ASSERT_EQ(rows.size(), 5u);
  // Presence: one row per person with a disclosure, no body.
  EXPECT_EQ(rows[0].table, "disclosures");
  EXPECT_EQ(rows[0].id, "person_aoba");
  EXPECT_TRUE(rows[0].body.empty());
  // Then the cases of prop_q oldest first, each as Get reads it but without keys.
  for (size_t i : {1u, 2u}) {
    const Record& want = i == 1 ? *a : *b;
    EXPECT_EQ(rows[i].table, "cases");
    EXPECT_EQ(rows[i].id, want.id);
    EXPECT_EQ(rows[i].tenant_id, "inst_tokyo");
    EXPECT_EQ(rows[i].version, 1);
    EXPECT_EQ(json::parse(rows[i].body), json::parse(want.body));
    EXPECT_EQ(rows[i].created_at, want.created_at);
    EXPECT_EQ(rows[i].updated_at, want.updated_at);
    EXPECT_TRUE(rows[i].keys.empty());
  }
  // No people asked for, none read; a missing id is simply absent.
  EXPECT_EQ(rows[3].id, c->id);
  EXPECT_EQ(rows[3].tenant_id, "inst_kyoto");
  // Through a key column: the proposal the second case points to, read with it.
  EXPECT_EQ(rows[4].table, "proposals");
  EXPECT_EQ(rows[4].id, "prop_q");
  EXPECT_EQ(json::parse(rows[4].body)["title"], "量子センシングによる非破壊検査");

  auto bad = this->db_->WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto got = GetMany(tx, {{"cases", "proposal_id", {"prop_q"}}, {"cases", "body", {"x"}}});
    if (!got) return got.error();
    return Ok();
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("cannot look up by \"body\""), std::string::npos) << bad.error().message;
  auto bad_through = this->db_->WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto got = GetMany(tx, {{"proposals", "id", {a->id}, false, "cases.title"}});
    if (!got) return got.error();
    return Ok();
  });
  ASSERT_FALSE(bad_through);
  EXPECT_EQ(bad_through.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad_through.error().message.find("cannot look up through \"cases.title\""), std::string::npos)
      << bad_through.error().message;
  auto unknown = this->db_->WithSnapshot([&](Transaction& tx) -> Result<void> {
    auto got = GetMany(tx, {{"dossiers", "id", {"x"}}});
    if (!got) return got.error();
    return Ok();
  });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.error().message.find("unknown table \"dossiers\""), std::string::npos) << unknown.error().message;
}

TYPED_TEST(StoreTest, IntegerKeyColumnsSortNumerically) {
  for (int seq : {10, 2, 1}) {
    Record d;
    d.table = "disclosures";
    d.id = NewId("disc");
    d.tenant_id = "inst_osaka";
    d.body = json{{"version", seq}}.dump();
    d.keys = {{"person_id", "person_yamada"}, {"seq", std::to_string(seq)}};
    ASSERT_TRUE(this->InsertOne(d));
  }
  auto page = List(*this->db_, "disclosures", {.where = {{"person_id", "person_yamada"}}, .order_by = "seq"});
  ASSERT_TRUE(page) << page.error().ToString();
  ASSERT_EQ(page->records.size(), 3u);
  EXPECT_EQ(page->records[0].keys.at("seq"), "1");
  EXPECT_EQ(page->records[1].keys.at("seq"), "2");
  EXPECT_EQ(page->records[2].keys.at("seq"), "10");
  auto one = List(*this->db_, "disclosures", {.where = {{"seq", "2"}}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->total, 1);
}

TYPED_TEST(StoreTest, AStaleUpdateIsAbortedNamingBothVersionsAndLosesNothing) {
  auto v1 = this->InsertOne(Case("inst_tokyo", "初版", "opened"));
  ASSERT_TRUE(v1);
  // Two officers read version 1; the first saves.
  Record first = *v1;
  first.body = json{{"title", "佐藤さんの修正"}}.dump();
  first.keys["state"] = "identification";
  auto v2 = this->UpdateOne(first, 1);
  ASSERT_TRUE(v2) << v2.error().ToString();
  EXPECT_EQ(v2->version, 2);
  Record second = *v1;
  second.body = json{{"title", "Smith's edit"}}.dump();
  auto stale = this->UpdateOne(second, 1, kReviewer);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
  EXPECT_NE(stale.error().message.find("cases/" + v1->id + ": version 1 is stale, current is 2"), std::string::npos)
      << stale.error().message;
  auto now = Get(*this->db_, "cases", v1->id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(json::parse(now->body)["title"], "佐藤さんの修正");
  EXPECT_EQ(now->keys.at("state"), "identification");

  Record moved = *now;
  moved.tenant_id = "inst_kyoto";
  auto move = this->UpdateOne(moved, 2);
  ASSERT_FALSE(move);
  EXPECT_EQ(move.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(move.error().message.find("never moves between tenants"), std::string::npos);

  Record ghost = *now;
  ghost.id = "case_0123456789abcdef";
  auto missing = this->UpdateOne(ghost, 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(StoreTest, AFailedTransactionLeavesNoRecordAndNoAuditRecord) {
  Record r = Case("inst_tokyo", "途中で失敗", "opened");
  auto done = this->db_->WithTransaction([&](Transaction& tx) -> Result<void> {
    auto inserted = Insert(tx, r, kOfficer);
    if (!inserted) return inserted.error();
    return MakeError(ErrorCode::kFailedPrecondition, "case has no team");
  });
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Get(*this->db_, "cases", r.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(testing::RawColumn(this->url_, "SELECT COUNT(*) FROM audit_log"), std::vector<std::string>{"0"});
  EXPECT_EQ(testing::RawColumn(this->url_, "SELECT seq FROM audit_head"), std::vector<std::string>{"0"});
}

TYPED_TEST(StoreTest, DeleteChecksTheVersionAndIsAudited) {
  auto r = this->InsertOne(Case("inst_tokyo", "取り下げ", "opened"));
  ASSERT_TRUE(r);
  auto stale = this->db_->WithTransaction([&](Transaction& tx) { return Delete(tx, "cases", r->id, 7, kOfficer); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
  auto done = this->db_->WithTransaction([&](Transaction& tx) { return Delete(tx, "cases", r->id, 1, kOfficer); });
  ASSERT_TRUE(done) << done.error().ToString();
  EXPECT_EQ(Get(*this->db_, "cases", r->id).error().code, ErrorCode::kNotFound);
  auto history = AuditHistory(*this->db_, "cases", r->id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].action, "delete");
  EXPECT_EQ((*history)[1].before_digest, RecordDigest(*r));
  EXPECT_FALSE((*history)[1].after_digest);
}

TYPED_TEST(StoreTest, ThreadsSharingOneDatabaseNeverLoseAnUpdate) {
  Record counter = Case("inst_tokyo", "counter", "opened");
  counter.body = R"({"count":0})";
  ASSERT_TRUE(this->InsertOne(counter));
  constexpr int kThreads = 4, kEach = 15;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Actor actor{"user_thread_" + std::to_string(t), ""};
      for (int i = 0; i < kEach; ++i) {
        for (;;) {
          auto current = Get(*this->db_, "cases", counter.id);
          if (!current) {
            ++failures;
            return;
          }
          Record next = *current;
          next.body = json{{"count", json::parse(current->body)["count"].template get<int>() + 1}}.dump();
          auto done = this->db_->WithTransaction([&](Transaction& tx) -> Result<void> {
            auto updated = Update(tx, next, current->version, actor);
            if (!updated) return updated.error();
            return Ok();
          });
          if (done) break;
          if (done.error().code != ErrorCode::kAborted) {
            ++failures;
            return;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto final_state = Get(*this->db_, "cases", counter.id);
  ASSERT_TRUE(final_state);
  EXPECT_EQ(final_state->version, 1 + kThreads * kEach);
  EXPECT_EQ(json::parse(final_state->body)["count"], kThreads * kEach);
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->records_checked, 1 + kThreads * kEach);
}

// ---- audit chain -------------------------------------------------------------------------

TYPED_TEST(StoreTest, TheChainVerifiesAfterManyWrites) {
  this->WriteHistory(40);
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->records_checked, 40 * 2 + 8);  // insert + update each, 8 deletions
  EXPECT_EQ(report->rows_checked, 32);
  EXPECT_FALSE(report->first_broken_seq);
  EXPECT_EQ(report->problems, 0);
}

TYPED_TEST(StoreTest, EveryAuditRecordNamesActorRequestTenantAndDigests) {
  auto r = this->InsertOne(Case("inst_kyoto", "記録", "opened"));
  ASSERT_TRUE(r);
  Record next = *r;
  next.body = R"({"title":"記録 v2"})";
  auto u = this->UpdateOne(next, 1, kReviewer);
  ASSERT_TRUE(u);
  auto history = AuditHistory(*this->db_, "cases", r->id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  const AuditRecord& ins = (*history)[0];
  const AuditRecord& upd = (*history)[1];
  EXPECT_EQ(ins.seq, 1);
  EXPECT_EQ(ins.action, "insert");
  EXPECT_EQ(ins.actor, "user_officer_sato");
  EXPECT_EQ(ins.request_id, "req-0001");
  EXPECT_EQ(ins.tenant_id, "inst_kyoto");
  EXPECT_FALSE(ins.before_digest);
  EXPECT_EQ(ins.after_digest, RecordDigest(*r));
  EXPECT_EQ(ins.prev_hash, std::string(64, '0'));
  EXPECT_EQ(upd.action, "update");
  EXPECT_EQ(upd.actor, "user_reviewer_smith");
  EXPECT_EQ(upd.before_digest, RecordDigest(*r));
  EXPECT_EQ(upd.after_digest, RecordDigest(*u));
  EXPECT_EQ(upd.prev_hash, ins.hash);
  EXPECT_NE(upd.hash, ins.hash);
}

TYPED_TEST(StoreTest, ARestrictedReadIsAuditedWithItsReason) {
  Record restricted;
  restricted.table = "restricted_disclosures";
  restricted.id = NewId("rdisc");
  restricted.tenant_id = "inst_tokyo";
  restricted.body = R"j({"item_12":"該当なし","item_13":"(restricted)"})j";
  restricted.keys = {{"person_id", "person_tanaka"}, {"seq", "1"}};
  ASSERT_TRUE(this->InsertOne(restricted));
  const Actor export_control{"user_export_control_ito", "req-77"};
  auto done = this->db_->WithTransaction([&](Transaction& tx) -> Result<void> {
    auto read = Get(tx, "restricted_disclosures", restricted.id);
    if (!read) return read.error();
    return AppendRead(tx, export_control, *read, "安全保障輸出管理の確認 (case_0a1b)").map([](auto&&) {});
  });
  ASSERT_TRUE(done) << done.error().ToString();
  auto history = AuditHistory(*this->db_, "restricted_disclosures", restricted.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].action, "read");
  EXPECT_EQ((*history)[1].actor, "user_export_control_ito");
  EXPECT_EQ((*history)[1].reason, "安全保障輸出管理の確認 (case_0a1b)");
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;

  auto no_reason = this->db_->WithTransaction([&](Transaction& tx) -> Result<void> {
    return AppendRead(tx, export_control, restricted, "").map([](auto&&) {});
  });
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_reason.error().message.find("reason is empty"), std::string::npos);
}

TYPED_TEST(StoreTest, VerifyNamesTheRecordOfABodyEditedBehindTheApplicationsBack) {
  this->WriteHistory(10);
  auto page = List(*this->db_, "cases", {.tenant_ids = {"inst_kyoto"}, .limit = 1});
  ASSERT_TRUE(page && page->records.size() == 1);
  const std::string id = page->records[0].id;
  const int64_t seq = this->LatestSeq("cases", id);
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE cases SET body = '{\"title\":\"改ざん\"}' WHERE id = '" + id + "'"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, seq);
  EXPECT_NE(report->reason.find("cases/" + id), std::string::npos) << report->reason;
  EXPECT_NE(report->reason.find("edited behind the application's back"), std::string::npos) << report->reason;
}

TYPED_TEST(StoreTest, VerifyNamesAKeyColumnEditedAlone) {
  this->WriteHistory(3);
  auto page = List(*this->db_, "cases", {.limit = 1});
  ASSERT_TRUE(page && page->records.size() == 1);
  const std::string id = page->records[0].id;
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE cases SET state = 'closed' WHERE id = '" + id + "'"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, this->LatestSeq("cases", id));
}

TYPED_TEST(StoreTest, VerifyNamesAnEditedAuditRecord) {
  this->WriteHistory(10);
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE audit_log SET actor = 'user_mallory' WHERE seq = 5"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 5);
  EXPECT_NE(report->reason.find("seq 5: hash does not match"), std::string::npos) << report->reason;
}

TYPED_TEST(StoreTest, VerifyNamesAnAuditRecordWhoseHashWasReplaced) {
  this->WriteHistory(10);
  ASSERT_TRUE(testing::RawExec(this->url_, "UPDATE audit_log SET hash = '" + std::string(64, 'a') + "' WHERE seq = 6"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 6);
}

TYPED_TEST(StoreTest, VerifyNamesADeletedAuditRecord) {
  this->WriteHistory(10);
  ASSERT_TRUE(testing::RawExec(this->url_, "DELETE FROM audit_log WHERE seq = 7"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 7);
  EXPECT_NE(report->reason.find("seq 7 is missing"), std::string::npos) << report->reason;
}

TYPED_TEST(StoreTest, VerifyNamesTheNewestAuditRecordsDeleted) {
  this->WriteHistory(5);  // 5 inserts, 5 updates, 1 deletion: seq 1..11
  ASSERT_TRUE(testing::RawExec(this->url_, "DELETE FROM audit_log WHERE seq >= 10"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 10);
  EXPECT_NE(report->reason.find("the log ends at seq 9"), std::string::npos) << report->reason;
}

TYPED_TEST(StoreTest, VerifyNamesReorderedAuditRecords) {
  this->WriteHistory(5);
  ASSERT_TRUE(
      testing::RawExec(this->url_,
                       "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; "
                       "UPDATE audit_log SET seq = 4 WHERE seq = -1;"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, 3);
}

TYPED_TEST(StoreTest, VerifyNamesRowsInsertedOrDeletedBehindTheApplicationsBack) {
  this->WriteHistory(3);
  auto page = List(*this->db_, "cases", {.limit = 1});
  ASSERT_TRUE(page && page->records.size() == 1);
  const std::string id = page->records[0].id;
  const int64_t seq = this->LatestSeq("cases", id);
  ASSERT_TRUE(testing::RawExec(this->url_, "DELETE FROM cases WHERE id = '" + id + "'"));
  ASSERT_TRUE(
      testing::RawExec(this->url_,
                       "INSERT INTO cases (id, tenant_id, version, body, created_at, updated_at) VALUES "
                       "('case_forged', 'inst_tokyo', 1, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"));
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_broken_seq, seq);
  EXPECT_NE(report->reason.find("cases/" + id), std::string::npos) << report->reason;
  EXPECT_EQ(report->problems, 2);
}

TYPED_TEST(StoreTest, ExportWritesOneJsonLinePerRecordInSeqOrder) {
  this->WriteHistory(6);
  std::ostringstream out;
  auto n = ExportAudit(*this->db_, out);
  ASSERT_TRUE(n) << n.error().ToString();
  EXPECT_EQ(*n, 6 * 2 + 1);
  std::istringstream in(out.str());
  std::string line;
  int64_t expected = 1;
  std::string prev(64, '0');
  while (std::getline(in, line)) {
    json j = json::parse(line);
    EXPECT_EQ(j["seq"], expected++);
    EXPECT_EQ(j["prev_hash"], prev);
    prev = j["hash"].get<std::string>();
    EXPECT_EQ(prev.size(), 64u);
    for (const char* field : {"at", "actor", "request_id", "tenant_id", "action", "object_kind", "object_id",
                              "before_digest", "after_digest", "reason"}) {
      EXPECT_TRUE(j.contains(field)) << field;
    }
  }
  EXPECT_EQ(expected - 1, *n);
}

// ---- backup and restore ------------------------------------------------------------------

TYPED_TEST(StoreTest, RestoreOfABackupBringsBackExactlyItsState) {
  this->WriteHistory(6);
  auto snapshot = [&] {
    std::string state;
    for (const char* table : {"cases", "people"}) {
      auto page = List(*this->db_, table, {.order_by = "id", .limit = 0});
      EXPECT_TRUE(page);
      for (const auto& r : page.value_or(Page{}).records) state += RecordDigest(r) + "\n";
    }
    std::ostringstream audit;
    EXPECT_TRUE(ExportAudit(*this->db_, audit));
    return state + audit.str();
  };
  const std::string before = snapshot();
  const auto file = this->dir_.path() / "backup.hfdump";
  auto backup = this->db_->Backup(file);
  ASSERT_TRUE(backup) << backup.error().ToString();
  auto again = this->db_->Backup(file);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  this->WriteHistory(4);  // more work after the backup
  ASSERT_NE(snapshot(), before);
  auto restored = this->db_->Restore(file);
  ASSERT_TRUE(restored) << restored.error().ToString();
  EXPECT_EQ(snapshot(), before);
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
  // And the store goes on from there.
  ASSERT_TRUE(this->InsertOne(Case("inst_tokyo", "復元後", "opened")));
  report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
}

// ---- several processes -------------------------------------------------------------------

pid_t Spawn(const std::vector<std::string>& args, int* stdout_fd = nullptr) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int fds[2] = {-1, -1};
  if (stdout_fd) {
    EXPECT_EQ(::pipe(fds), 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
  }
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0) << args[0];
  posix_spawn_file_actions_destroy(&actions);
  if (stdout_fd) {
    ::close(fds[1]);
    *stdout_fd = fds[0];
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TYPED_TEST(StoreTest, WriterProcessesAtOnceNeverLoseAnIncrement) {
  Record counter = Case("inst_tokyo", "counter", "opened");
  counter.body = R"({"count":0})";
  ASSERT_TRUE(this->InsertOne(counter));
  constexpr int kProcesses = 3, kEach = 20;
  std::vector<pid_t> pids;
  for (int p = 0; p < kProcesses; ++p) {
    pids.push_back(Spawn({testing::WriterPath(), "increment", this->url_, counter.id, std::to_string(kEach)}));
  }
  for (pid_t pid : pids) EXPECT_EQ(Wait(pid), 0);
  auto final_state = Get(*this->db_, "cases", counter.id);
  ASSERT_TRUE(final_state);
  EXPECT_EQ(final_state->version, 1 + kProcesses * kEach);
  EXPECT_EQ(json::parse(final_state->body)["count"], kProcesses * kEach);
  auto report = VerifyAudit(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->records_checked, 1 + kProcesses * kEach);
}

TYPED_TEST(StoreTest, AWriterKilledMidBatchLeavesAllOrNothingAndAVerifiedChain) {
  ASSERT_TRUE(this->InsertOne(Case("inst_tohoku", "before the import", "opened")));
  int out = -1;
  pid_t pid = Spawn({testing::WriterPath(), "batch", this->url_, "killed", "100000"}, &out);
  // Wait until the writer is well inside its transaction, then kill it without warning.
  FILE* lines = ::fdopen(out, "r");
  char line[128];
  bool inside = false;
  while (std::fgets(line, sizeof line, lines)) {
    if (std::string(line).rfind("inserted 300", 0) == 0) {
      inside = true;
      break;
    }
  }
  ASSERT_TRUE(inside);
  ::kill(pid, SIGKILL);
  EXPECT_EQ(Wait(pid), -1);
  std::fclose(lines);

  this->db_.reset();
  auto db = Database::Open(this->url_, {});
  ASSERT_TRUE(db) << db.error().ToString();
  auto report = VerifyAudit(**db);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->records_checked, 1);
  auto people = List(**db, "people", {.limit = 1});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, 0);  // nothing of the killed batch

  // A batch that is not killed is there whole, after the same open.
  int quiet = -1;
  pid = Spawn({testing::WriterPath(), "batch", this->url_, "whole", "400"}, &quiet);
  EXPECT_EQ(Wait(pid), 0);
  ::close(quiet);
  people = List(**db, "people", {.limit = 1});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, 400);
  report = VerifyAudit(**db);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->records_checked, 401);
}

}  // namespace
}  // namespace highfence::storage
