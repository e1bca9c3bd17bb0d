// SPDX-License-Identifier: Apache-2.0
#include "engines/documents/document.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/data.h"

namespace highfence::documents {
namespace {

std::filesystem::path Fixture(const std::string& name) {
  return testing::RepoPath("tests/engines/documents/fixtures/" + name);
}

Document ReadOk(const std::string& name, const ReadOptions& options = {}) {
  Result<Document> doc = ReadDocument(Fixture(name), options);
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message);
  return doc ? *doc : Document{};
}

// The page holding the first occurrence of `needle`, or 0 if absent.
int PageOf(const Document& doc, const std::string& needle) {
  const size_t at = doc.text.find(needle);
  return at == std::string::npos ? 0 : doc.PageAt(at);
}

void ExpectError(const Result<Document>& doc, ErrorCode code, const std::string& file, const std::string& reason) {
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, code) << doc.error().message;
  EXPECT_TRUE(doc.error().message.starts_with(file)) << doc.error().message;
  EXPECT_NE(doc.error().message.find(reason), std::string::npos) << doc.error().message;
}

// The whole message: "<path as given>: <reason>".
void ExpectFixtureError(const std::string& name, const ReadOptions& options, ErrorCode code,
                        const std::string& reason) {
  const std::string path = Fixture(name).string();
  Result<Document> doc = ReadDocument(path, options);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, code) << doc.error().message;
  EXPECT_EQ(doc.error().message, path + ": " + reason);
}

void ExpectPagesCoverText(const Document& doc) {
  ASSERT_FALSE(doc.pages.empty());
  EXPECT_EQ(doc.pages.front().begin, 0u);
  EXPECT_EQ(doc.pages.back().end, doc.text.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ(doc.pages[i].number, static_cast<int>(i) + 1);
    if (i > 0) {
      EXPECT_EQ(doc.pages[i].begin, doc.pages[i - 1].end);
    }
  }
}

// ---- PDF ---------------------------------------------------------------------------------------

TEST(DocumentPdfTest, JapanesePdfKeepsPageNumbersOfWords) {
  const Document doc = ReadOk("ja_three_pages.pdf");
  EXPECT_EQ(doc.format, Format::kPdf);
  ASSERT_EQ(doc.pages.size(), 3u);
  ExpectPagesCoverText(doc);
  EXPECT_EQ(PageOf(doc, "研究計画調書"), 1);
  EXPECT_EQ(PageOf(doc, "自律型無人潜水機"), 2);
  EXPECT_EQ(PageOf(doc, "磁気センサ"), 2);
  EXPECT_EQ(PageOf(doc, "社会実装"), 3);
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(DocumentPdfTest, WordWrappedAcrossLinesIsKeptAsPrintedForTheNormalizer) {
  // The HTML source wraps 量子センシング after 量子セ; joining the lines is engines/text's job.
  const Document doc = ReadOk("ja_three_pages.pdf");
  EXPECT_EQ(doc.text.find("量子センシング"), std::string::npos);
  EXPECT_EQ(PageOf(doc, "量子セ\nンシング"), 1);
}

TEST(DocumentPdfTest, EnglishPdfHasTwoPages) {
  const Document doc = ReadOk("en_two_pages.pdf");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.encoding, "UTF-8");
  EXPECT_EQ(PageOf(doc, "seagrass meadows"), 1);
  EXPECT_EQ(PageOf(doc, "participatory mapping"), 2);
}

TEST(DocumentPdfTest, PageWithoutTextIsReportedNotGuessed) {
  const Document doc = ReadOk("scanned_page.pdf");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[1].begin, doc.pages[1].end);
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "page 2 has no extractable text (scanned image?)");
}

TEST(DocumentPdfTest, PdfWithoutAnyTextIsInvalidArgument) {
  ExpectFixtureError("image_only.pdf", {}, ErrorCode::kInvalidArgument, "no extractable text (scanned images?)");
}

TEST(DocumentPdfTest, EncryptedPdfNeedsPassword) {
  ExpectFixtureError("encrypted.pdf", {}, ErrorCode::kFailedPrecondition, "encrypted PDF (password required)");
}

TEST(DocumentPdfTest, TruncatedPdfIsDataLoss) {
  ExpectFixtureError("truncated.pdf", {}, ErrorCode::kDataLoss, "truncated PDF (no %%EOF marker at the end)");
}

TEST(DocumentPdfTest, PdfHeaderFollowedByNoiseIsDataLoss) {
  ExpectFixtureError("corrupt.pdf", {}, ErrorCode::kDataLoss, "corrupt PDF (cannot be parsed)");
}

TEST(DocumentPdfTest, PdfExtensionOnOtherBytesIsDataLoss) {
  ExpectError(ReadDocumentBytes("hello, not a pdf", "upload/提案書.pdf", {}), ErrorCode::kDataLoss,
              "upload/提案書.pdf: ", "no %PDF- header");
}

// ---- DOCX ---------------------------------------------------------------------------------------

TEST(DocumentDocxTest, TableCellsAreSeparatedRowsAreLines) {
  const Document doc = ReadOk("table_header_break.docx");
  EXPECT_EQ(doc.format, Format::kDocx);
  EXPECT_NE(doc.text.find("Year\tMilestone\tTRL\n"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("2025\tPrototype design\t3\n"), std::string::npos);
  EXPECT_EQ(doc.text.find("designTRL"), std::string::npos);
}

TEST(DocumentDocxTest, HeaderIsOnFirstPageExplicitPageBreakStartsPageTwo) {
  const Document doc = ReadOk("table_header_break.docx");
  // One w:br w:type="page" followed by w:lastRenderedPageBreak: one break, not two.
  ASSERT_EQ(doc.pages.size(), 2u);
  ExpectPagesCoverText(doc);
  EXPECT_EQ(PageOf(doc, "研究計画調書（機密）"), 1);
  EXPECT_LT(doc.text.find("研究計画調書（機密）"), doc.text.find("研究課題名"));
  EXPECT_EQ(PageOf(doc, "自律型無人潜水機(AUV)"), 1);
  EXPECT_EQ(PageOf(doc, "研究体制"), 2);
  EXPECT_NE(doc.text.find("代表者\t山田太郎（東北大学）"), std::string::npos);
}

TEST(DocumentDocxTest, FootnotesAndFootersFollowTheBodyOnTheLastPage) {
  const Document doc = ReadOk("table_header_break.docx");
  EXPECT_EQ(PageOf(doc, "Funding period: FY2025–FY2027."), 2);
  EXPECT_EQ(PageOf(doc, "Page footer: Highfence test fixture"), 2);
  EXPECT_GT(doc.text.find("Page footer"), doc.text.find("field demonstration at sea"));
}

TEST(DocumentDocxTest, DeclaredHugePartIsRefusedAsZipBomb) {
  ExpectFixtureError("zip_bomb.docx", {}, ErrorCode::kResourceExhausted,
                     "DOCX part word/document.xml uncompresses beyond the limit (ZIP bomb?)");
}

TEST(DocumentDocxTest, UnderstatedPartIsCaughtWhileInflating) {
  ReadOptions options;
  options.max_docx_uncompressed_bytes = 8u << 20;
  ExpectFixtureError("zip_bomb_forged.docx", options, ErrorCode::kResourceExhausted,
                     "DOCX part word/document.xml uncompresses beyond the limit (ZIP bomb?)");
}

TEST(DocumentDocxTest, SpreadsheetIsUnimplementedAndNamed) {
  ExpectFixtureError("budget.xlsx", {}, ErrorCode::kUnimplemented, "unsupported format: Excel workbook (.xlsx)");
}

TEST(DocumentDocxTest, LegacyWordDocIsUnimplemented) {
  ExpectFixtureError("legacy.doc", {}, ErrorCode::kUnimplemented, "legacy Word .doc; save as .docx or PDF");
}

TEST(DocumentDocxTest, BrokenZipIsDataLoss) {
  std::string bytes = testing::ReadFileOrFail(Fixture("table_header_break.docx"));
  bytes.resize(bytes.size() / 2);
  ExpectError(ReadDocumentBytes(bytes, "half.docx", {}), ErrorCode::kDataLoss, "half.docx: ", "corrupt ZIP archive");
}

// ---- text -------------------------------------------------------------------------------------------

constexpr std::string_view kJapaneseLines[] = {
    "研究課題名：深海探査のための量子センシング技術の開発\n",
    "本研究では、ダイヤモンドＮＶセンターを用いた磁気センサ～慣性センサの統合を目指す。\n",
    "①試作機の設計　②水槽試験　③海域での実証試験\n",
};

TEST(DocumentTextTest, EveryJapaneseCharsetDecodesToTheSameText) {
  std::string expected;
  for (std::string_view line : kJapaneseLines) expected += line;
  const struct {
    const char* file;
    const char* encoding;
  } cases[] = {
      {"utf8.txt", "UTF-8"},
      {"utf8_bom.txt", "UTF-8"},
      {"sjis.txt", "Shift_JIS"},
      {"eucjp.txt", "EUC-JP"},
      {"utf16le_bom.txt", "UTF-16LE"},
      {"utf16be_bom.txt", "UTF-16BE"},
      {"utf16le_nobom.txt", "UTF-16LE"},
      {"utf16be_nobom.txt", "UTF-16BE"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const Document doc = ReadOk(c.file);
    EXPECT_EQ(doc.format, Format::kText);
    EXPECT_EQ(doc.encoding, c.encoding);
    EXPECT_EQ(doc.text, expected);  // no BOM, CRLF → LF (sjis.txt has CRLF), ～ and ① kept
    EXPECT_TRUE(doc.warnings.empty());
  }
}

TEST(DocumentTextTest, ShortShiftJisIsNotMistakenForAnotherCharset) {
  // 8 bytes of CP932: too short for ICU's detector alone.
  const Document doc = *ReadDocumentBytes("\x97\xca\x8e\x71\x83\x5a\x83\x93", "short.txt", {});
  EXPECT_EQ(doc.text, "量子セン");
  EXPECT_EQ(doc.encoding, "Shift_JIS");
}

TEST(DocumentTextTest, FormFeedsSplitMarkdownIntoPages) {
  const Document doc = ReadOk("pages.md");
  ASSERT_EQ(doc.pages.size(), 3u);
  ExpectPagesCoverText(doc);
  EXPECT_EQ(PageOf(doc, "literature review"), 1);
  EXPECT_EQ(PageOf(doc, "fishing cooperatives"), 2);
  EXPECT_EQ(PageOf(doc, "地域漁業協同組合"), 3);
  EXPECT_EQ(doc.text.find('\f'), std::string::npos);
}

TEST(DocumentTextTest, EmptyFileIsInvalidArgument) {
  ExpectFixtureError("empty.txt", {}, ErrorCode::kInvalidArgument, "empty file");
  ExpectError(ReadDocumentBytes(" \n\n", "blank.md", {}), ErrorCode::kInvalidArgument, "blank.md: ", "empty file");
}

TEST(DocumentTextTest, BinaryGarbageWithTextExtensionIsUnimplemented) {
  const std::string garbage("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x00\x13", 14);
  ExpectError(ReadDocumentBytes(garbage, "notes.txt", {}), ErrorCode::kUnimplemented,
              "notes.txt: ", "unsupported format");
}

// ---- example proposals (data/examples/proposals) ------------------------------------------------------

TEST(DocumentExamplesTest, EveryExampleProposalReadsWithItsFormatAndEncoding) {
  const struct {
    const char* file;
    Format format;
    const char* encoding;
    size_t pages;
    const char* needle;
    int page;
  } cases[] = {
      {"quantum_sensing_ja.pdf", Format::kPdf, "UTF-8", 2, "実海域での実証試験。", 2},
      {"hypersonic_en.docx", Format::kDocx, "UTF-8", 2, "FY2026\tCombustor tests", 1},
      {"semiconductor_ja.docx", Format::kDocx, "UTF-8", 2, "極端紫外線(EUV)リソグラフィ", 1},
      {"battery_grid_en.txt", Format::kText, "UTF-8", 1, "Pilot deployment", 1},
      {"edo_literature_ja.txt", Format::kText, "Shift_JIS", 1, "江戸時代の俳諧と出版文化の研究", 1},
      {"coastal_ecology_en.pdf", Format::kPdf, "UTF-8", 2, "Participatory mapping", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    Result<Document> doc = ReadDocument(testing::RepoPath(std::string("data/examples/proposals/") + c.file), {});
    ASSERT_TRUE(doc.has_value()) << doc.error().message;
    EXPECT_EQ(doc->format, c.format);
    EXPECT_EQ(doc->encoding, c.encoding);
    EXPECT_EQ(doc->pages.size(), c.pages);
    EXPECT_EQ(PageOf(*doc, c.needle), c.page) << doc->text;
    EXPECT_TRUE(doc->warnings.empty());
  }
}

// ---- dispatch --------------------------------------------------------------------------------------

TEST(DocumentDispatchTest, ImageIsUnimplementedNamingWhatItIs) {
  ExpectFixtureError("image.png", {}, ErrorCode::kUnimplemented, "unsupported format: PNG image");
  ExpectError(ReadDocumentBytes(std::string("\xff\xd8\xff\xe0\x00\x10JFIF", 10), "scan.txt", {}),
              ErrorCode::kUnimplemented, "scan.txt: ", "JPEG image");
}

TEST(DocumentDispatchTest, TextStartingLikeABitmapHeaderStaysText) {
  const Result<Document> doc = ReadDocumentBytes("BMW and Toyota fund hydrogen research.\n", "notes.txt", {});
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_EQ(doc->text, "BMW and Toyota fund hydrogen research.\n");
}

TEST(DocumentDispatchTest, UnknownBinaryIsUnimplementedWithItsFirstBytes) {
  ExpectError(ReadDocumentBytes(std::string("\x00\x01\x02\x03garbage", 11), "blob.bin", {}), ErrorCode::kUnimplemented,
              "blob.bin: ", "binary data of unknown type (starts 00 01 02 03");
}

TEST(DocumentDispatchTest, MissingFileIsNotFound) {
  ExpectError(ReadDocument("no/such/提案書.pdf", {}), ErrorCode::kNotFound, "no/such/提案書.pdf: ", "no such file");
}

TEST(DocumentDispatchTest, FileOverTheSizeLimitIsResourceExhausted) {
  ReadOptions options;
  options.max_file_bytes = 1000;
  ExpectFixtureError("en_two_pages.pdf", options, ErrorCode::kResourceExhausted,
                     "file is 18860 bytes, over the limit of 1000 bytes");
  ExpectError(ReadDocumentBytes(std::string(1001, 'a'), "big.txt", options), ErrorCode::kResourceExhausted,
              "big.txt: ", "over the limit");
}

TEST(DocumentDispatchTest, PageAtMapsOffsetsAndDefaultsToPageOne) {
  Document doc;
  EXPECT_EQ(doc.PageAt(42), 1);
  doc.text = "aaabbbcc";
  doc.pages = {{1, 0, 3}, {2, 3, 6}, {3, 6, 8}};
  EXPECT_EQ(doc.PageAt(0), 1);
  EXPECT_EQ(doc.PageAt(2), 1);
  EXPECT_EQ(doc.PageAt(3), 2);
  EXPECT_EQ(doc.PageAt(7), 3);
  EXPECT_EQ(doc.PageAt(100), 3);
  EXPECT_EQ(FormatName(Format::kDocx), "docx");
}

}  // namespace
}  // namespace highfence::documents
