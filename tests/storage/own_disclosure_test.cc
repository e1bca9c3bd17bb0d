// SPDX-License-Identifier: Apache-2.0
// CaseStore::DiscloseOwn (a researcher's own disclosure) on SQLite (own_disclosure_test, label
// unit) and on a real PostgreSQL (own_disclosure_pg_test, label pg): only the researcher's own
// person record, the certification stamped with the account and the clock, the version the
// researcher read checked (concurrent filings of the same version: exactly one wins), every
// filing audited with the caller and request id.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/audit.h"
#include "storage/case_store.h"
#include "storage/database.h"
#include "tests/storage/backends.h"
#include "tests/support/data.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace highfence::storage {
namespace {

#ifdef HF_STORAGE_TEST_POSTGRES
using Backend = testing::PostgresBackend;
#else
using Backend = testing::SqliteBackend;
#endif

constexpr const char* kNow = "2026-11-30T09:00:00Z";

Caller As(access::Role role, std::string user, std::string tenant, std::string person = "") {
  Caller c;
  c.user_id = std::move(user);
  c.roles = {role};
  c.tenant_id = tenant;
  c.request_id = "req-own-test";
  c.visible = Visibility::Of({std::move(tenant)});
  c.person_id = std::move(person);
  return c;
}

cases::Disclosure Answers(int effort) {
  cases::Disclosure d;
  d.as_of = "2026-11-15";
  d.certification.statement = "記載内容は事実に相違ありません。";
  cases::CareerRow post;
  post.organisation = {"東北大学", "", "JP"};
  post.department = "金属材料研究所";
  post.position = "准教授";
  post.start = "2018-04";
  post.main_post = true;
  post.effort_percent = effort;
  d.career.push_back(post);
  return d;
}

class OwnDisclosureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(Backend::NewUrl(dir_), {});
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Migrate());
    CaseStoreOptions options;
    options.now = [] { return std::string(kNow); };
    options.risk_categories = testing::RepoPath("data/workflow/risk_categories.tsv").string();
    options.measure_catalogue = testing::RepoPath("data/workflow/measures.tsv").string();
    options.review_stages = testing::RepoPath("data/workflow/review_stages.tsv").string();
    auto store = CaseStore::Open(*db_, options);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    cases::Institution tohoku{
        .name_ja = "東北大学", .name_en = "Tohoku University", .kind = cases::InstitutionKind::kUniversity};
    auto lead = store_->CreateInstitution(As(access::Role::kAdministrator, "user_admin", ""), tohoku);
    ASSERT_TRUE(lead) << lead.error().ToString();
    lead_ = lead->value.id;
    Caller officer = As(access::Role::kSecurityOfficer, "user_officer_sato", lead_);
    cases::Person aoba{.names = {{"青葉 花子", cases::NameScript::kKanji}}, .erad_id = "70451234"};
    auto p = store_->CreatePerson(officer, aoba);
    ASSERT_TRUE(p) << p.error().ToString();
    aoba_ = p->value.id;
    researcher_ = As(access::Role::kResearcher, "user_aoba", lead_, aoba_);
  }

  size_t Versions() {
    auto h = store_->DisclosureHistory(Visibility::All(), aoba_);
    EXPECT_TRUE(h) << h.error().ToString();
    return h ? h->size() : 0;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<CaseStore> store_;
  std::string lead_, aoba_;
  Caller researcher_;
};

TEST_F(OwnDisclosureTest, FilesTheCallersOwnVersionWithTheAccountsCertificationAndAnAuditRecord) {
  cases::Disclosure d = Answers(50);
  d.certification.certified_by = "user_someone_else";  // stamped over: the certification is the caller's
  d.certification.certified_at = "2020-01-01T00:00:00Z";
  auto first = store_->DiscloseOwn(researcher_, d, 0);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->value.person_id, aoba_);
  EXPECT_EQ(first->value.tenant_id, lead_);
  EXPECT_EQ(first->value.seq, 1);
  EXPECT_EQ(first->value.certification.certified_by, "user_aoba");
  EXPECT_EQ(first->value.certification.certified_at, kNow);
  auto second = store_->DiscloseOwn(researcher_, Answers(60), 1);
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_EQ(second->value.seq, 2);
  auto audit = AuditHistory(*db_, "disclosures", second->value.id);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].actor, "user_aoba");
  EXPECT_EQ((*audit)[0].request_id.value_or(""), "req-own-test");
}

TEST_F(OwnDisclosureTest, AStaleVersionIsAbortedAndNamesBothVersions) {
  ASSERT_TRUE(store_->DiscloseOwn(researcher_, Answers(50), 0));
  auto stale = store_->DiscloseOwn(researcher_, Answers(40), 0);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kAborted);
  EXPECT_NE(stale.error().message.find("version 0 is stale, current is 1"), std::string::npos) << stale.error().message;
  auto ahead = store_->DiscloseOwn(researcher_, Answers(40), 5);
  ASSERT_FALSE(ahead);
  EXPECT_EQ(ahead.error().code, ErrorCode::kAborted);
  EXPECT_EQ(Versions(), 1u);
}

TEST_F(OwnDisclosureTest, ConcurrentFilingsOfTheSameVersionLeaveExactlyOne) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&, i] {
      auto r = store_->DiscloseOwn(researcher_, Answers(40 + i), 0);
      if (r)
        ++ok;
      else
        EXPECT_TRUE(r.error().code == ErrorCode::kAborted || r.error().code == ErrorCode::kAlreadyExists)
            << r.error().ToString();
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(Versions(), 1u);
}

TEST_F(OwnDisclosureTest, OnlyAResearcherWithAVisibleOwnPersonRecordMayFile) {
  auto officer =
      store_->DiscloseOwn(As(access::Role::kSecurityOfficer, "user_officer_sato", lead_, aoba_), Answers(50), 0);
  ASSERT_FALSE(officer);
  EXPECT_EQ(officer.error().code, ErrorCode::kPermissionDenied);
  auto unlinked = store_->DiscloseOwn(As(access::Role::kResearcher, "user_new", lead_), Answers(50), 0);
  ASSERT_FALSE(unlinked);
  EXPECT_EQ(unlinked.error().code, ErrorCode::kNotFound);
  auto foreign = store_->DiscloseOwn(As(access::Role::kResearcher, "user_kyoto", "inst_kyoto", aoba_), Answers(50), 0);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  cases::Disclosure other = Answers(50);
  other.person_id = "person_somebody_else";
  auto named = store_->DiscloseOwn(researcher_, other, 0);
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(named.error().message.rfind("person_id: ", 0), 0u) << named.error().message;
  cases::Disclosure unsigned_answers = Answers(50);
  unsigned_answers.certification.statement = " ";
  auto blank = store_->DiscloseOwn(researcher_, unsigned_answers, 0);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().message.rfind("certification.statement: ", 0), 0u) << blank.error().message;
  auto effort = store_->DiscloseOwn(researcher_, Answers(101), 0);
  ASSERT_FALSE(effort);
  EXPECT_EQ(effort.error().message.rfind("career[0].effort_percent: ", 0), 0u) << effort.error().message;
  EXPECT_EQ(Versions(), 0u);
}

}  // namespace
}  // namespace highfence::storage
