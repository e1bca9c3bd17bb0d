// SPDX-License-Identifier: Apache-2.0
// Team and disclosure imports from CSV and XLSX: the shipped examples, Japanese and English
// headers, and every failure path with its file:line and column.
#include "domain/cases/disclosure_import.h"
#include "domain/cases/team_import.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>
#include <variant>
#include <vector>

#include "domain/cases/codec.h"
#include "tests/domain/cases/fixtures.h"
#include "tests/support/data.h"

namespace highfence::cases {
namespace {

using highfence::testing::ReadFileOrFail;
using highfence::testing::RepoPath;
using highfence::testing::TempDir;

// A cell of a generated workbook: text, a number, or a date stored as Excel stores it (serial).
struct XlsxDate {
  int year, month, day;
};
using XlsxCell = std::variant<std::string, double, XlsxDate>;

std::string MakeXlsx(const TempDir& dir, const std::vector<std::vector<XlsxCell>>& rows) {
  std::string path = (dir.path() / "book.xlsx").string();
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "開示");
  lxw_format* date_format = workbook_add_format(book);
  format_set_num_format(date_format, "yyyy-mm-dd");
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const XlsxCell& cell = rows[r][c];
      auto row = static_cast<lxw_row_t>(r);
      auto col = static_cast<lxw_col_t>(c);
      if (const auto* text = std::get_if<std::string>(&cell)) {
        if (!text->empty()) worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        worksheet_write_number(sheet, row, col, *number, nullptr);
      } else {
        const XlsxDate& d = std::get<XlsxDate>(cell);
        lxw_datetime when = {d.year, d.month, d.day, 0, 0, 0};
        worksheet_write_datetime(sheet, row, col, &when, date_format);
      }
    }
  }
  EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
  return ReadFileOrFail(path);
}

std::vector<std::string> Messages(const std::vector<ImportError>& errors) {
  std::vector<std::string> out;
  for (const ImportError& e : errors) out.push_back(e.ToString());
  return out;
}

// ---- team ----

TEST(TeamImportTest, ShippedExampleGivesTheWholeTeam) {
  auto team = ParseTeamImport(ReadFileOrFail(RepoPath("data/examples/imports/team.csv")), "team.csv");
  ASSERT_TRUE(team.has_value()) << team.error().message;
  EXPECT_TRUE(team->errors.empty()) << ::testing::PrintToString(Messages(team->errors));
  EXPECT_EQ(team->rows_read, 4);
  ASSERT_EQ(team->members.size(), 4u);
  const TeamMemberDraft& pi = team->members[0];
  EXPECT_EQ(pi.line, 2);
  EXPECT_EQ(pi.proposal_id, "prop_9a8b7c6d5e4f3a2b");
  EXPECT_EQ(pi.erad_id, "70451234");
  EXPECT_EQ(pi.orcid, "0000-0003-1415-9269");
  EXPECT_EQ(pi.name, "青葉 花子");
  EXPECT_EQ(pi.name_latin, "Hanako Aoba");
  EXPECT_EQ(pi.institution, "東北大学");
  EXPECT_EQ(pi.role, TeamRole::kPi);
  EXPECT_EQ(team->members[1].role, TeamRole::kCoPi);
  EXPECT_EQ(team->members[2].role, TeamRole::kStudent);
  EXPECT_EQ(team->members[3].institution, "北京航空航天大学");
  EXPECT_EQ(team->members[3].role, TeamRole::kParticipant);
}

TEST(TeamImportTest, JapaneseHeadersAndRoleNamesGiveTheSameTeam) {
  auto en = ParseTeamImport(ReadFileOrFail(RepoPath("data/examples/imports/team.csv")), "team.csv");
  auto ja = ParseTeamImport(ReadFileOrFail(RepoPath("data/examples/imports/team_ja.csv")), "team_ja.csv");
  ASSERT_TRUE(en.has_value() && ja.has_value());
  EXPECT_TRUE(ja->errors.empty()) << ::testing::PrintToString(Messages(ja->errors));
  EXPECT_EQ(ja->members, en->members);
}

TEST(TeamImportTest, UnknownRoleIsReportedWithFileLineAndColumnAndTheRowIsLeftOut) {
  std::string csv =
      "name,institution,role,erad_id\n"
      "青葉 花子,東北大学,PI,70451234\n"
      "佐藤 一郎,東北大学,Co-PI,80562345\n"
      "山本 さくら,東北大学,student,\n"
      "Tanaka Ken,東北大学,participant,\n"
      "Mori Aya,東北大学,participant,\n"
      "Li Wei,北京航空航天大学,PI?,\n";
  auto team = ParseTeamImport(csv, "team.csv");
  ASSERT_TRUE(team.has_value());
  EXPECT_EQ(Messages(team->errors),
            std::vector<std::string>{
                "team.csv:7: column \"role\": unknown value \"PI?\" (expected PI, Co-PI, participant, student)"});
  EXPECT_EQ(team->errors[0].line, 7);
  EXPECT_EQ(team->errors[0].column, "role");
  EXPECT_EQ(team->members.size(), 5u);  // the good rows, for --partial
}

TEST(TeamImportTest, EveryRowProblemIsReportedNotOnlyTheFirst) {
  std::string csv =
      "氏名,所属機関,役割,研究者番号,ORCID\n"
      "青葉 花子,東北大学,研究代表者,70451234,0000-0003-1415-9269\n"
      "佐藤 一郎,東北大学,研究代表者,80562345,\n"
      "山本 さくら,,学生,7045123,\n"
      ",東北大学,研究参加者,,0000-0003-1415-9268\n"
      "青葉 花子,東北大学,研究参加者,70451234,\n";
  auto team = ParseTeamImport(csv, "体制.csv");
  ASSERT_TRUE(team.has_value());
  EXPECT_EQ(Messages(team->errors),
            (std::vector<std::string>{
                "体制.csv:3: column \"役割\": a second PI (研究代表者); line 2 is the PI",
                "体制.csv:4: column \"所属機関\": empty",
                "体制.csv:4: column \"研究者番号\": \"7045123\" is not an e-Rad researcher number (8 digits)",
                "体制.csv:5: column \"氏名\": empty",
                "体制.csv:5: column \"ORCID\": \"0000-0003-1415-9268\" is not a valid ORCID iD (0000-0000-0000-000X, "
                "check character)",
                "体制.csv:6: column \"研究者番号\": \"70451234\" is already on line 2",
            }));
  ASSERT_EQ(team->members.size(), 1u);
  EXPECT_EQ(team->members[0].name, "青葉 花子");
}

TEST(TeamImportTest, HeaderProblemsRefuseEveryRow) {
  auto team = ParseTeamImport("name,institution,rol\n青葉 花子,東北大学,PI\n", "team.csv");
  ASSERT_TRUE(team.has_value());
  EXPECT_EQ(Messages(team->errors),
            (std::vector<std::string>{
                "team.csv:1: column \"rol\": unknown column (expected proposal_id, person_id, erad_id, orcid, name, "
                "name_latin, institution, role, or notes)",
                "team.csv:1: missing column \"role\" (役割 / 研究体制上の役割)"}));
  EXPECT_TRUE(team->members.empty());
  team = ParseTeamImport("name,氏名,institution,role\n", "team.csv");
  ASSERT_TRUE(team.has_value());
  EXPECT_EQ(Messages(team->errors),
            std::vector<std::string>{"team.csv:1: column \"氏名\": repeats column \"name\" (name)"});
}

TEST(TeamImportTest, EmptyOrBrokenFileIsAnError) {
  auto empty = ParseTeamImport("\n\n", "team.csv");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.error().message, "team.csv: no header row");
  auto broken = ParseTeamImport(std::string("PK\x03\x04garbage", 11), "team.xlsx");
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message.find("team.xlsx"), std::string::npos) << broken.error().message;
}

TEST(TeamImportTest, ShiftJisCsvIsRefusedNamingTheLine) {
  // "name,institution,role\n青葉,東北大学,PI\n" with the second line in Shift_JIS, as Excel's
  // Japanese "CSV" writes it.
  std::string csv = "name,institution,role\n\x90\xC2\x97\x74,\x93\x8C\x96\x6B\x91\xE5\x8A\x77,PI\n";
  auto team = ParseTeamImport(csv, "team.csv");
  ASSERT_FALSE(team.has_value());
  EXPECT_EQ(team.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(team.error().message, "team.csv:2: not UTF-8 text (Shift_JIS?); save the sheet as \"CSV UTF-8\"");
}

TEST(TeamImportTest, UnterminatedQuoteIsReportedOnItsLine) {
  auto team = ParseTeamImport("name,institution,role\n青葉 花子,東北大学,PI\n\"佐藤 一郎,東北大学,Co-PI\n", "team.csv");
  ASSERT_TRUE(team.has_value());
  ASSERT_EQ(team->errors.size(), 1u);
  EXPECT_EQ(team->errors[0].line, 3);
  EXPECT_EQ(team->members.size(), 1u);
}

TEST(TeamImportTest, XlsxWithJapaneseHeadersIsReadLikeCsv) {
  TempDir dir;
  std::string xlsx = MakeXlsx(dir, {{"氏名", "所属機関", "役割", "研究者番号"},
                                    {"青葉 花子", "東北大学", "研究代表者", "70451234"},
                                    {"李 伟", "北京航空航天大学", "PI?", ""}});
  auto team = ParseTeamImport(xlsx, "体制.xlsx");
  ASSERT_TRUE(team.has_value()) << team.error().message;
  ASSERT_EQ(team->members.size(), 1u);
  EXPECT_EQ(team->members[0].erad_id, "70451234");
  EXPECT_EQ(team->members[0].line, 2);
  EXPECT_EQ(Messages(team->errors),
            std::vector<std::string>{
                "体制.xlsx:3: column \"役割\": unknown value \"PI?\" (expected PI, Co-PI, participant, student)"});
}

// ---- disclosures ----

// The fixture's disclosure as an import yields it: organisations unresolved, no id, seq or
// certification.
Disclosure AsImported(Disclosure d) {
  d.id.clear();
  d.tenant_id.clear();
  d.person_id.clear();
  d.seq = 0;
  d.certification = {};
  auto clear = [](OrgRef& o) { o.organisation_id.clear(); };
  for (auto& r : d.education) clear(r.organisation);
  for (auto& r : d.career) clear(r.organisation);
  for (auto& r : d.funding) clear(r.funder);
  for (auto& r : d.other_support) clear(r.provider);
  for (auto& r : d.publications) {
    for (auto& c : r.co_authors) clear(c.organisation);
  }
  for (auto& r : d.patents) {
    for (auto& c : r.co_inventors) clear(c.organisation);
  }
  return d;
}

TEST(DisclosureImportTest, ShippedExampleGivesTheFixtureDisclosureRowForRow) {
  auto in = ParseDisclosureImport(ReadFileOrFail(RepoPath("data/examples/imports/disclosures.csv")), "disclosures.csv",
                                  {.today = "2026-11-30"});
  ASSERT_TRUE(in.has_value()) << in.error().message;
  EXPECT_TRUE(in->errors.empty()) << ::testing::PrintToString(Messages(in->errors));
  EXPECT_EQ(in->rows_read, 14);
  ASSERT_EQ(in->drafts.size(), 2u);
  const DisclosureDraft& aoba = in->drafts[0];
  EXPECT_EQ(aoba.erad_id, "70451234");
  EXPECT_EQ(aoba.person_id, "");
  EXPECT_EQ(ToJson(aoba.disclosure, {.indent = 1}), ToJson(AsImported(testing::AobaDisclosure()), {.indent = 1}));
  ASSERT_EQ(aoba.sources.size(), 11u);
  EXPECT_EQ(aoba.sources[4], (DraftRowSource{DisclosureItem::kFunding, 1, 6}));

  const DisclosureDraft& sato = in->drafts[1];
  EXPECT_EQ(sato.erad_id, "80562345");
  EXPECT_EQ(sato.disclosure.as_of, "2026-10-03");
  ASSERT_EQ(sato.disclosure.career.size(), 1u);
  EXPECT_EQ(sato.disclosure.career[0].start, "2009-04-01");  // written 2009/4/1
  EXPECT_EQ(sato.disclosure.funding[0].start, "2025-04");    // written 2025/4
  EXPECT_EQ(sato.disclosure.funding[0].amount, (Money{42'000'000, "JPY"}));
  EXPECT_EQ(sato.disclosure.other_support[0].value, (Money{3'500'000, "JPY"}));
}

const std::string kEnglishHeader =
    "erad_id,as_of,item,organisation,country,title,programme,role,start,end,amount,currency,effort,nda\n";

TEST(DisclosureImportTest, EffortOverOneHundredPercentNamesTheRowsAndTheirLines) {
  std::string csv = kEnglishHeader +
                    "70451234,2026-10-01,career,Tohoku University,JP,,,Associate Professor,2018-04,,,,50,\n"
                    "70451234,2026-10-01,funding,JSPS,JP,Hydrogen embrittlement,KAKENHI (B),PI,2024-04,2027-03,,,20,\n"
                    "70451234,2026-10-01,funding,JST,JP,Structural reliability,CREST,Co-I,2023-10,2029-03,,,40,\n"
                    "70451234,2026-10-01,side_jobs,Sendai Alloy K.K.,JP,,,Technical adviser,2021-04,,,,20,\n";
  auto in = ParseDisclosureImport(csv, "effort.csv", {.today = "2026-11-30"});
  ASSERT_TRUE(in.has_value());
  EXPECT_TRUE(in->drafts.empty());
  EXPECT_EQ(Messages(in->errors),
            std::vector<std::string>{
                "effort.csv:2: person 70451234 as of 2026-10-01: effort totals 130 % on 2026-10-01 (at most 100 %): "
                "career[0] (line 2) 'Tohoku University Associate Professor' 50 %, funding[0] (line 3) 'JSPS KAKENHI "
                "(B)' 20 %, funding[1] (line 4) 'JST CREST' 40 %, side_jobs[0] (line 5) 'Sendai Alloy K.K. Technical "
                "adviser' 20 %"});
}

TEST(DisclosureImportTest, RestrictedItemsAreRefusedAsColumnsAndAsItems) {
  auto column = ParseDisclosureImport(
      "erad_id,as_of,item,organisation,国籍\n70451234,2026-10-01,education,東北大学,JP\n", "d.csv", {});
  ASSERT_TRUE(column.has_value());
  ASSERT_EQ(column->errors.size(), 1u);
  EXPECT_EQ(
      column->errors[0].ToString(),
      "d.csv:1: column \"国籍\": not imported here: items ⑫ 非居住者・特定類型 and ⑬ 国籍 are restricted and never "
      "imported with a disclosure (the export-control officer records them separately)");
  EXPECT_TRUE(column->drafts.empty());

  auto item = ParseDisclosureImport("erad_id,as_of,item,description\n70451234,2026-10-01,⑬,JP\n", "d.csv", {});
  ASSERT_TRUE(item.has_value());
  ASSERT_EQ(item->errors.size(), 1u);
  EXPECT_EQ(item->errors[0].line, 2);
  EXPECT_EQ(item->errors[0].column, "item");
  EXPECT_NE(item->errors[0].message.find("\"⑬\": items ⑫ 非居住者・特定類型 and ⑬ 国籍 are restricted"),
            std::string::npos);
  EXPECT_TRUE(item->drafts.empty());
}

TEST(DisclosureImportTest, CellProblemsNameTheirColumn) {
  std::string csv =
      kEnglishHeader +
      "70451234,2026-10-01,funding,JSPS,Japan,Hydrogen,KAKENHI,PI,2024-04,2027-03,13000000,,20,\n"
      "70451234,2026-10-01,external_funding,HIT,CN,Welds,,collaborator,2022-01,2025-13,200000,CNY,110%,maybe\n"
      "70451234,2026-10-01,education,Tohoku University,JP,PhD,,,2008-04,2011-03,,,,yes\n"
      "70451234,2026-10-01,publications,,,,,,,,,,,\n"
      "70451234,2027-01-01,career,Tohoku University,JP,,,Professor,2027-01,,,,,\n"
      "7045123,2026-10-01,careers,Tohoku University,JP,,,Professor,2027-01,,,,,\n";
  auto in = ParseDisclosureImport(csv, "d.csv", {.today = "2026-11-30"});
  ASSERT_TRUE(in.has_value());
  EXPECT_EQ(Messages(in->errors),
            (std::vector<std::string>{
                "d.csv:2: column \"country\": \"Japan\" is not an ISO 3166-1 alpha-2 code (JP, CN, US …) of the "
                "organisation",
                "d.csv:2: column \"currency\": empty: an amount needs its currency (JPY, USD, CNY …)",
                "d.csv:3: column \"effort\": \"110%\" is not a percentage (0–100)",
                "d.csv:3: column \"nda\": \"maybe\" is not yes or no (yes/no, 有/無, はい/いいえ, ○/×)",
                "d.csv:3: column \"end\": \"2025-13\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD; / also accepted)",
                "d.csv:4: column \"nda\": not used for item education (学歴); leave it empty",
                "d.csv:5: column \"title\": empty: item publications needs title",
                "d.csv:6: column \"as_of\": 2027-01-01 is in the future (today is 2026-11-30)",
                "d.csv:7: column \"erad_id\": \"7045123\" is not an e-Rad researcher number (8 digits)",
                "d.csv:7: column \"item\": unknown value \"careers\" (expected education, career, funding, "
                "other_support, publications, patents, talent_programmes, sanctions, list_appearances, "
                "listed_affiliations, listed_relationships, external_funding, side_jobs, unpaid_posts, ①–⑪ or "
                "their Japanese names)",
            }));
  EXPECT_TRUE(in->drafts.empty());
}

TEST(DisclosureImportTest, XlsxDatesStoredAsSerialNumbersAreRead) {
  TempDir dir;
  std::string xlsx = MakeXlsx(
      dir, {{"研究者番号", "基準日", "項目", "機関名", "国・地域", "役職", "開始", "エフォート", "本務"},
            {"70451234", XlsxDate{2026, 10, 1}, "②", "東北大学", "JP", "准教授", XlsxDate{2018, 4, 1}, 50.0, "○"},
            {"70451234", XlsxDate{2026, 10, 1}, "兼業", "株式会社仙台アロイ", "JP", "技術顧問", 2021.0, "5%", ""}});
  auto in = ParseDisclosureImport(xlsx, "開示.xlsx", {.today = "2026-11-30"});
  ASSERT_TRUE(in.has_value()) << in.error().message;
  EXPECT_TRUE(in->errors.empty()) << ::testing::PrintToString(Messages(in->errors));
  ASSERT_EQ(in->drafts.size(), 1u);
  const Disclosure& d = in->drafts[0].disclosure;
  EXPECT_EQ(d.as_of, "2026-10-01");
  ASSERT_EQ(d.career.size(), 1u);
  EXPECT_EQ(d.career[0].start, "2018-04-01");
  EXPECT_TRUE(d.career[0].main_post);
  EXPECT_EQ(d.career[0].effort_percent, 50);
  ASSERT_EQ(d.side_jobs.size(), 1u);
  EXPECT_EQ(d.side_jobs[0].start, "2021");  // a year typed as a number stays a year
  EXPECT_EQ(d.side_jobs[0].effort_percent, 5);
}

TEST(DisclosureImportTest, MissingPersonColumnsRefuseTheFile) {
  auto in = ParseDisclosureImport("as_of,item,organisation\n2026-10-01,education,東北大学\n", "d.csv", {});
  ASSERT_TRUE(in.has_value());
  EXPECT_EQ(Messages(in->errors),
            std::vector<std::string>{"d.csv:1: missing column \"person_id\" or \"erad_id\" (研究者番号)"});
}

}  // namespace
}  // namespace highfence::cases
