// SPDX-License-Identifier: Apache-2.0
#pragma once
// Date and Timestamp: the calendar words of the procedure (期日, 記録日時). A due date or an
// appeal deadline is a calendar Date ("2026-12-15"); when something was recorded is an RFC 3339
// Timestamp string ("2026-12-01T09:30:00+09:00") kept as written, so a record shows the
// officer's own offset. Pure; no clock: every function that needs "today" takes it.
//
//   auto due = workflow::ParseDate("2026-12-15", "due_date");     // Result<Date>
//   bool late = today > *due;
//   auto day = workflow::TimestampDate(opinion.at, "at");         // its calendar date
#include <chrono>
#include <string>
#include <string_view>

#include "base/result.h"

namespace highfence::workflow {

using Date = std::chrono::year_month_day;
using Timestamp = std::string;  // RFC 3339: YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)

// "YYYY-MM-DD", a real calendar day. kInvalidArgument naming `field` otherwise.
Result<Date> ParseDate(std::string_view text, std::string_view field);
// "YYYY-MM-DD".
std::string FormatDate(Date date);
// Checks that `text` is an RFC 3339 timestamp and returns its calendar date (as written, in
// its own offset). kInvalidArgument naming `field` otherwise.
Result<Date> TimestampDate(std::string_view text, std::string_view field);
// date + days (days may be negative).
Date AddDays(Date date, int days);

}  // namespace highfence::workflow
