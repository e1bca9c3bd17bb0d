// SPDX-License-Identifier: Apache-2.0
// The shipped catalogues of data/workflow/ and the loaders' errors (file:line and column).
#include <gtest/gtest.h>

#include <set>

#include "domain/workflow/measure_catalogue.h"
#include "domain/workflow/review.h"
#include "domain/workflow/risk_category.h"
#include "tests/support/data.h"

namespace highfence::workflow {
namespace {

using highfence::testing::RepoPath;

TEST(RiskCategoryCatalogueTest, ShipsTheElevenOfMitsReviewPlusResearchIntegrityOnes) {
  auto catalogue = LoadRiskCategories(RepoPath("data/workflow/risk_categories.tsv"));
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  std::set<std::string> mit;
  for (const RiskCategory& c : catalogue->categories) {
    EXPECT_FALSE(c.source.address.empty()) << c.id;
    EXPECT_FALSE(c.source.as_of.empty()) << c.id;
    if (c.origin == "mit_icc") mit.insert(c.id);
  }
  EXPECT_EQ(mit, (std::set<std::string>{"ip", "export_control", "data_security", "economic_competitiveness",
                                        "national_security", "political_rights", "civil_rights", "human_rights",
                                        "community", "values", "academic_mission"}));
  const RiskCategory* coc = catalogue->Find("ri_conflict_of_commitment");
  ASSERT_NE(coc, nullptr);
  EXPECT_EQ(coc->ja, "研究インテグリティ:責務相反");
  EXPECT_EQ(coc->origin, "highfence");
  EXPECT_EQ(catalogue->Find("export_control")->en, "Export controls");
}

TEST(MeasureCatalogueTest, ShipsEveryKindOfIssueFiveBilingualWithItsSource) {
  auto catalogue = LoadMeasureCatalogue(RepoPath("data/workflow/measures.tsv"));
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  for (const char* id :
       {"facility_access", "research_location", "meeting_participants", "contract_nda", "training", "data_access",
        "cybersecurity", "travel_reporting", "unpublished_results", "prepublication_review", "end_engagement",
        "role_change", "agreement_clauses", "export_licence", "reassessment_on_change", "decline_with_appeal", "other"})
    EXPECT_NE(catalogue->Find(id), nullptr) << id;
  EXPECT_EQ(catalogue->kinds.size(), 17u);
  for (const MeasureKind& k : catalogue->kinds) EXPECT_EQ(k.wording, "summary_here") << k.id;
  const MeasureKind* data = catalogue->Find("data_access");
  EXPECT_NE(data->ja.find("small yard, high fence"), std::string::npos);
  EXPECT_NE(data->description_ja.find("未発表データへのアクセスを研究室メンバーに限定する"), std::string::npos);
  EXPECT_NE(catalogue->Find("export_licence")->source.document.find("外国為替及び外国貿易法"), std::string::npos);
}

TEST(ReviewPlanTest, ShipsTheInstitutionAndFundingAgencyTracksInOrder) {
  auto plan = LoadReviewPlan(RepoPath("data/workflow/review_stages.tsv"));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  std::vector<std::string> institution;
  for (const ReviewStage* s : plan->Track("institution")) institution.push_back(s->id);
  EXPECT_EQ(institution, (std::vector<std::string>{"compliance", "academic_committee", "senior_risk_group"}));
  std::vector<std::string> agency;
  for (const ReviewStage* s : plan->Track("funding_agency")) agency.push_back(s->id);
  EXPECT_EQ(agency, (std::vector<std::string>{"programme_officer", "rs_committee"}));
  const ReviewStage* compliance = plan->Find("institution", "compliance");
  EXPECT_EQ(compliance->roles,
            (std::vector<access::Role>{access::Role::kSecurityOfficer, access::Role::kExportControlOfficer}));
  EXPECT_EQ(plan->Find("funding_agency", "rs_committee")->min_reviewers, 2);
}

struct BadFile {
  std::string bytes;
  std::string expected;  // in the message
};

constexpr char kRiskHeader[] = "id\tja\ten\torigin\tsource_document\tsource\tas_of\n";
constexpr char kMeasureHeader[] = "id\tja\ten\tdescription_ja\tdescription_en\tsource_document\tsource\twording\n";
constexpr char kStageHeader[] = "track\torder\tid\tja\ten\troles\tmin_reviewers\tsource_document\tsource\n";

TEST(RiskCategoryCatalogueTest, ABadLineIsRejectedNamingFileLineAndColumn) {
  const std::string ok = "ip\t知的財産\tIntellectual property\tmit_icc\tMIT ICC\thttp://icc.mit.edu/x\t2019-04-03\n";
  for (const BadFile& bad : std::vector<BadFile>{
           {"# comment\n" + std::string(kRiskHeader) + ok + ok, "bad.tsv:4: column \"id\": \"ip\" appears twice"},
           {std::string(kRiskHeader) + "IP\t知的財産\tIP\tmit_icc\tMIT\thttp://x\t2019-04-03\n",
            "bad.tsv:2: column \"id\": \"IP\" is not a lower-case"},
           {std::string(kRiskHeader) + ok + "values\t\tValues\tmit_icc\tMIT\thttp://x\t2019-04-03\n",
            "bad.tsv:3: column \"ja\": is empty"},
           {std::string(kRiskHeader) + "values\t価値\tValues\tmit\tMIT\thttp://x\t2019-04-03\n",
            "bad.tsv:2: column \"origin\": must be \"mit_icc\" or \"highfence\", not \"mit\""},
           {std::string(kRiskHeader) + "values\t価値\tValues\tmit_icc\tMIT\thttp://x\t2019-13-03\n",
            "bad.tsv:2: column \"as_of\": \"2019-13-03\" is not a date"},
           {std::string(kRiskHeader) + "values\t価値\tValues\tmit_icc\tMIT\n",
            "bad.tsv:2: expected 7 tab-separated columns, found 5"},
           {"id\tja\ten\n", "bad.tsv:1: the header row must be the columns: id, ja, en, origin"},
           {"# only comments\n", "bad.tsv:1: no header row"},
       }) {
    auto catalogue = ParseRiskCategories(bad.bytes, "bad.tsv");
    ASSERT_FALSE(catalogue.has_value()) << bad.expected;
    EXPECT_EQ(catalogue.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(catalogue.error().message.find(bad.expected), std::string::npos) << catalogue.error().message;
  }
}

TEST(MeasureCatalogueTest, ABadLineIsRejectedNamingFileLineAndColumn) {
  const std::string row = "training\t研修\tTraining\t研修を受講する\tTake training\t手順書\tby name\t";
  for (const BadFile& bad : std::vector<BadFile>{
           {std::string(kMeasureHeader) + row + "verbatim\n",
            "measures.tsv:2: column \"wording\": must be \"official\" or \"summary_here\", not \"verbatim\""},
           {std::string(kMeasureHeader) + row + "summary_here\n" +
                "other\tその他\tOther\t\tA measure not listed\t手順書\tby name\tsummary_here\n",
            "measures.tsv:3: column \"description_ja\": is empty"},
       }) {
    auto catalogue = ParseMeasureCatalogue(bad.bytes, "measures.tsv");
    ASSERT_FALSE(catalogue.has_value()) << bad.expected;
    EXPECT_NE(catalogue.error().message.find(bad.expected), std::string::npos) << catalogue.error().message;
  }
  auto good = ParseMeasureCatalogue(std::string(kMeasureHeader) + row + "summary_here\n", "measures.tsv");
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_EQ(good->kinds[0].line, 2);
}

TEST(ReviewPlanTest, ABadLineIsRejectedNamingFileLineAndColumn) {
  const std::string first =
      "institution\t1\tcompliance\tコンプライアンス審査\tCompliance\tsecurity_officer\t1\tMIT\thttp://x\n";
  for (const BadFile& bad : std::vector<BadFile>{
           {std::string(kStageHeader) + "institution\t1\tcompliance\t審査\tReview\tsecurity_officer, dean\t1\tMIT\tx\n",
            "stages.tsv:2: column \"roles\": role: unknown \"dean\""},
           {std::string(kStageHeader) + first + "institution\t3\tsrg\t上級\tSRG\treviewer\t1\tMIT\tx\n",
            "stages.tsv:3: column \"order\": track \"institution\" must number its stages 1..2"},
           {std::string(kStageHeader) + "institution\t1\tcompliance\t審査\tReview\treviewer\t0\tMIT\tx\n",
            "stages.tsv:2: column \"min_reviewers\": \"0\" is not a whole number ≥ 1"},
           {std::string(kStageHeader) + first + "institution\t2\tcompliance\t審査\tReview\treviewer\t1\tMIT\tx\n",
            "stages.tsv:3: column \"id\": stage \"compliance\" appears twice in track \"institution\""},
       }) {
    auto plan = ParseReviewPlan(bad.bytes, "stages.tsv");
    ASSERT_FALSE(plan.has_value()) << bad.expected;
    EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(plan.error().message.find(bad.expected), std::string::npos) << plan.error().message;
  }
}

TEST(CatalogueLoaderTest, AMissingFileIsNotFoundNamingThePath) {
  auto catalogue = LoadMeasureCatalogue(highfence::testing::SourceDir() / "data/workflow/no_such_file.tsv");
  ASSERT_FALSE(catalogue.has_value());
  EXPECT_EQ(catalogue.error().code, ErrorCode::kNotFound);
  EXPECT_NE(catalogue.error().message.find("no_such_file.tsv"), std::string::npos);
}

}  // namespace
}  // namespace highfence::workflow
