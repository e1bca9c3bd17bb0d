// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/ror/ror.h"

#include <gtest/gtest.h>

#include <zlib.h>

#include "tests/support/data.h"

namespace highfence::lists {
namespace {

const model::OrgRecord* FindRecord(const model::Registry& r, const std::string& id) {
  for (const model::OrgRecord& o : r.records) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

TEST(RorTest, ImportsThePartialRegistryWithJapaneseLabels) {
  auto reg = ImportRor(testing::SharedData("registry/ror_records_v2.jsonl.gz"));
  ASSERT_TRUE(reg) << reg.error().message;
  EXPECT_EQ(reg->records.size(), 51370u);
  EXPECT_EQ(reg->report.rejected, 0);
  EXPECT_EQ(reg->licence, "CC0 1.0");
  EXPECT_EQ(reg->version_date, "2026-06-23");
  // 150,990 names in SOURCES.md; a few records repeat one text under two types (kept once).
  EXPECT_GE(reg->report.names, 150900);
  EXPECT_LE(reg->report.names, 150990);

  const model::OrgRecord* tohoku = FindRecord(*reg, "https://ror.org/01dq60k83");
  ASSERT_NE(tohoku, nullptr);
  ASSERT_EQ(tohoku->names.size(), 3u);
  EXPECT_EQ(tohoku->names[0].text, "Tohoku University");
  EXPECT_EQ(tohoku->names[0].kind, model::NameKind::kPrimary);
  EXPECT_EQ(tohoku->names[1].text, "東北大学");
  EXPECT_EQ(tohoku->names[1].language, "ja");
  EXPECT_EQ(tohoku->names[1].kind, model::NameKind::kTranslation);
  EXPECT_EQ(tohoku->names[2].text, "Tōhoku daigaku");
  EXPECT_EQ(tohoku->names[2].kind, model::NameKind::kAlias);
  EXPECT_EQ(tohoku->country_code, "JP");
  EXPECT_EQ(tohoku->city, "Sendai");
  EXPECT_EQ(tohoku->established, 1907);
  EXPECT_EQ(tohoku->relationships.size(), 4u);
  EXPECT_EQ(tohoku->relationships[0].type, "child");

  const model::OrgRecord* hospital = FindRecord(*reg, "https://ror.org/00kcd6x60");
  ASSERT_NE(hospital, nullptr);
  EXPECT_EQ(hospital->names.back().text, "TUH");
  EXPECT_EQ(hospital->names.back().kind, model::NameKind::kAcronym);
}

std::string Gzip(const std::string& text) {
  uLongf size = compressBound(text.size()) + 64;
  std::string out(size, '\0');
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(RorTest, BadLinesAreRejectedWithTheirNumbers) {
  std::string jsonl = R"({"id":"https://ror.org/x1","names":[{"value":"A","lang":"en","types":["ror_display"]}]})"
                      "\n{not json\n"
                      R"({"names":[]})"
                      "\n";
  auto reg = ParseRor(Gzip(jsonl), "ror.jsonl.gz");
  ASSERT_TRUE(reg) << reg.error().message;
  EXPECT_EQ(reg->records.size(), 1u);
  ASSERT_EQ(reg->report.rejected, 2);
  EXPECT_EQ(reg->report.rejected_rows[0].Where(), "ror.jsonl.gz:2");
  EXPECT_EQ(reg->report.rejected_rows[1].Where(), "ror.jsonl.gz:3");
  auto plain = ParseRor(jsonl, "ror.jsonl");
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(plain.error().message.find("ror.jsonl: not a gzip file"), std::string::npos);
}

}  // namespace
}  // namespace highfence::lists
