// SPDX-License-Identifier: Apache-2.0
#include "engines/tables/csv_reader.h"

#include <gtest/gtest.h>

namespace highfence::tables {
namespace {

TEST(CsvReaderTest, QuotedFieldsKeepDelimitersQuotesAndNewlines) {
  CsvTable t = ReadCsv("name,aliases\n\"Beijing, China\",\"a \"\"b\"\"\"\n\"KIPAS\n（KIPAS）\",x\r\nlast,row", {});
  ASSERT_TRUE(t.problems.empty());
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[1].fields, (std::vector<std::string>{"Beijing, China", "a \"b\""}));
  EXPECT_EQ(t.records[2].line, 3);
  EXPECT_EQ(t.records[2].fields[0], "KIPAS\n（KIPAS）");
  EXPECT_EQ(t.records[3].line, 5);  // the quoted newline advanced the count
  EXPECT_EQ(t.records[3].fields, (std::vector<std::string>{"last", "row"}));
}

TEST(CsvReaderTest, DropsBomAndDosEofAndKeepsEmptyFields) {
  CsvTable t = ReadCsv(
      "\xEF\xBB\xBF"
      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,,\r\n\x1A",
      {});
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields, (std::vector<std::string>{"36", "AEROCARIBBEAN AIRLINES", "-0- ", "", ""}));
}

TEST(CsvReaderTest, StrayQuoteInsideUnquotedFieldIsLiteral) {
  CsvTable t = ReadCsv("a.k.a. 'BNC',Xi\"an\n", {});
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields[1], "Xi\"an");
}

TEST(CsvReaderTest, UnterminatedQuoteIsAProblemWithItsLine) {
  CsvTable t = ReadCsv("h1,h2\nok,1\n\"broken,2\nmore\n", {});
  ASSERT_EQ(t.records.size(), 2u);
  ASSERT_EQ(t.problems.size(), 1u);
  EXPECT_EQ(t.problems[0].line, 3);
}

TEST(CsvReaderTest, TabDelimiterAndBlankLines) {
  CsvOptions options;
  options.delimiter = '\t';
  CsvTable t = ReadCsv("\"Name\"\t\"City\"\n\n\" I. ASH\"\t\"SEAGOVILLE\"\n", options);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].line, 3);
  EXPECT_EQ(t.records[1].fields[0], " I. ASH");
}

}  // namespace
}  // namespace highfence::tables
