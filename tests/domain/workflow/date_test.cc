// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/date.h"

#include <gtest/gtest.h>

#include "tests/domain/workflow/fixtures.h"

namespace highfence::workflow {
namespace {

using testing::Day;

TEST(DateTest, ParsesCalendarDaysOnly) {
  EXPECT_EQ(*ParseDate("2028-02-29", "due_date"), Day(2028, 2, 29));
  for (const char* bad : {"2027-02-29", "2026-13-01", "2026-1-01", "20261201", "2026-12-01 ", "２０２６-12-01"}) {
    auto d = ParseDate(bad, "due_date");
    ASSERT_FALSE(d.has_value()) << bad;
    EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(d.error().message.rfind("due_date: \"" + std::string(bad) + "\" is not", 0), 0u) << d.error().message;
  }
  EXPECT_EQ(FormatDate(Day(2027, 1, 9)), "2027-01-09");
}

TEST(DateTest, TimestampsAreRfc3339WithAnOffsetAndGiveTheirOwnDay) {
  EXPECT_EQ(*TimestampDate("2026-12-01T09:30:00+09:00", "at"), Day(2026, 12, 1));
  EXPECT_EQ(*TimestampDate("2026-11-30T23:59:59.123Z", "at"), Day(2026, 11, 30));
  EXPECT_EQ(*TimestampDate("2026-12-01T00:00:00-05:00", "at"), Day(2026, 12, 1));
  for (const char* bad : {"2026-12-01", "2026-12-01T09:30:00", "2026-12-01 09:30:00+09:00", "2026-12-01T24:00:00Z",
                          "2026-12-01T09:30:00+0900", "2026-12-01T09:30:00.Z", "2026-02-30T09:30:00Z"}) {
    auto d = TimestampDate(bad, "opinion.at");
    ASSERT_FALSE(d.has_value()) << bad;
    EXPECT_NE(d.error().message.find("opinion.at: \"" + std::string(bad) + "\" is not an RFC 3339 timestamp"),
              std::string::npos)
        << d.error().message;
  }
}

TEST(DateTest, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(AddDays(Day(2026, 12, 10), 30), Day(2027, 1, 9));
  EXPECT_EQ(AddDays(Day(2028, 2, 28), 1), Day(2028, 2, 29));
  EXPECT_EQ(AddDays(Day(2027, 3, 1), -1), Day(2027, 2, 28));
}

}  // namespace
}  // namespace highfence::workflow
