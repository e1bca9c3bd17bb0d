// SPDX-License-Identifier: Apache-2.0
#include "engines/tables/xlsx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>

#include "tests/support/data.h"

namespace highfence::tables {
namespace {

// Builds an in-memory .xlsx from part name → XML (test fixture; libzip writes it).
std::string MakeZip(const std::map<std::string, std::string>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  for (const auto& [name, xml] : parts) {
    zip_source_t* s = zip_source_buffer(z, xml.data(), xml.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(z);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

const char* kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="一覧" sheetId="1" r:id="rId1"/><sheet name="Data" sheetId="2" r:id="rId2"/></sheets></workbook>)";
const char* kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(</Relationships>)";
const char* kShared = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                      R"(<si><t>別名</t><rPh sb="0" eb="2"><t>ベツメイ</t></rPh></si>)"
                      R"(<si><r><t>北京</t></r><r><rPr><b/></rPr><t xml:space="preserve">航空航天大学 </t></r></si>)"
                      R"(<si><t>line1_x000D_
line2</t></si></sst>)";
const char* kSheet1 =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>)";
const char* kSheet2 =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
    R"(<row r="3"><c r="A3"><v>42</v></c><c r="B3" t="inlineStr"><is><t>Beihang</t></is></c>)"
    R"(<c r="AB3" t="inlineStr"><is><r><t>rich </t></r><r><t>run</t></r></is></c><c r="D3" t="s"><v>2</v></c></row>)"
    R"(</sheetData><mergeCells count="1"><mergeCell ref="A3:A5"/></mergeCells></worksheet>)";

std::string SmallWorkbook() {
  return MakeZip({{"[Content_Types].xml", "<Types/>"},
                  {"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", kRels},
                  {"xl/sharedStrings.xml", kShared},
                  {"xl/worksheets/sheet1.xml", kSheet1},
                  {"xl/worksheets/sheet2.xml", kSheet2}});
}

TEST(XlsxReaderTest, ReadsSharedInlineAndRichTextWithoutPhoneticGuides) {
  auto book = ReadXlsx(SmallWorkbook(), "small.xlsx", {});
  ASSERT_TRUE(book) << book.error().message;
  ASSERT_EQ(book->sheets.size(), 2u);
  const Sheet* sheet = book->Find("Data");
  ASSERT_NE(sheet, nullptr);
  ASSERT_EQ(sheet->rows.size(), 2u);
  EXPECT_EQ(sheet->rows[0].number, 1);
  EXPECT_EQ(sheet->rows[0].At(0), "別名");  // the ベツメイ reading is dropped
  EXPECT_EQ(sheet->rows[0].At(2), "北京航空航天大学 ");
  EXPECT_EQ(sheet->rows[0].At(1), "");
  EXPECT_EQ(sheet->rows[1].number, 3);
  EXPECT_EQ(sheet->rows[1].At(0), "42");
  EXPECT_EQ(sheet->rows[1].At(1), "Beihang");
  EXPECT_EQ(sheet->rows[1].At(27), "rich run");     // AB
  EXPECT_EQ(sheet->rows[1].At(3), "line1\nline2");  // _x000D_ dropped
  EXPECT_EQ(sheet->merged_ranges, std::vector<std::string>{"A3:A5"});
  EXPECT_EQ(book->Find("missing"), nullptr);
}

TEST(XlsxReaderTest, ParsesCellReferences) {
  int col = -1, row = -1;
  EXPECT_TRUE(ParseCellRef("A1", col, row));
  EXPECT_EQ(col, 0);
  EXPECT_EQ(row, 1);
  EXPECT_TRUE(ParseCellRef("XFD1048576", col, row));
  EXPECT_EQ(col, 16383);
  EXPECT_FALSE(ParseCellRef("XFE1", col, row));
  EXPECT_FALSE(ParseCellRef("A0", col, row));
  EXPECT_FALSE(ParseCellRef("1A", col, row));
  EXPECT_FALSE(ParseCellRef("A", col, row));
}

TEST(XlsxReaderTest, ReadsTheRealMetiWorkbook) {
  std::string bytes = testing::ReadFileOrFail(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  auto book = ReadXlsx(bytes, "meti_eul_20250929.xlsx", {});
  ASSERT_TRUE(book) << book.error().message;
  const Sheet* sheet = book->Find("ユーザーリスト");
  ASSERT_NE(sheet, nullptr);
  EXPECT_EQ(sheet->rows.size(), 836u);  // header + 835 entries
  EXPECT_EQ(sheet->rows[1].At(2), "Al Qa'ida/Islamic Army");
}

TEST(XlsxReaderTest, TruncatedArchiveIsDataLossNamingTheFile) {
  std::string bytes = testing::ReadFileOrFail(testing::SharedData("lists/jp_meti_eul/meti_eul_20250929.xlsx"));
  auto book = ReadXlsx(bytes.substr(0, bytes.size() / 2), "meti_cut.xlsx", {});
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(book.error().message.find("meti_cut.xlsx"), std::string::npos);
}

TEST(XlsxReaderTest, NonZipIsInvalidArgumentNamingTheFile) {
  auto book = ReadXlsx("name,country\nA,B\n", "list.csv", {});
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(book.error().message.find("list.csv"), std::string::npos);
}

TEST(XlsxReaderTest, ZipWithoutWorkbookIsInvalidArgument) {
  auto book = ReadXlsx(MakeZip({{"word/document.xml", "<w/>"}}), "report.docx", {});
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(book.error().message.find("report.docx: not an XLSX workbook"), std::string::npos);
}

TEST(XlsxReaderTest, RefusesPartsBeyondTheSizeLimit) {
  XlsxOptions options;
  options.max_total_uncompressed = 1000;  // the small workbook inflates to more
  auto book = ReadXlsx(SmallWorkbook(), "bomb.xlsx", options);
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, ErrorCode::kResourceExhausted);
}

TEST(XlsxReaderTest, MalformedSheetXmlIsDataLoss) {
  std::string zip = MakeZip({{"xl/workbook.xml", kWorkbook},
                             {"xl/_rels/workbook.xml.rels", kRels},
                             {"xl/sharedStrings.xml", kShared},
                             {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"},
                             {"xl/worksheets/sheet2.xml", kSheet2}});
  auto book = ReadXlsx(zip, "broken.xlsx", {});
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(book.error().message.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

}  // namespace
}  // namespace highfence::tables
