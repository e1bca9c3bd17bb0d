// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/date.h"

#include <cstdio>

namespace highfence::workflow {
namespace {

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

Error Bad(std::string_view field, std::string_view text, std::string_view expected) {
  return MakeError(ErrorCode::kInvalidArgument,
                   std::string(field) + ": \"" + std::string(text) + "\" is not " + std::string(expected));
}

}  // namespace

// Hand-written: std::chrono::parse arrives only in libstdc++ 14, and the two fixed shapes
// below are all the procedure records use.
Result<Date> ParseDate(std::string_view text, std::string_view field) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text.substr(0, 4)) ||
      !Digits(text.substr(5, 2)) || !Digits(text.substr(8, 2)))
    return Bad(field, text, "a date YYYY-MM-DD");
  Date date{std::chrono::year(Number(text.substr(0, 4))), std::chrono::month(Number(text.substr(5, 2))),
            std::chrono::day(Number(text.substr(8, 2)))};
  if (!date.ok()) return Bad(field, text, "a calendar day");
  return date;
}

std::string FormatDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

Result<Date> TimestampDate(std::string_view text, std::string_view field) {
  constexpr std::string_view kShape = "an RFC 3339 timestamp (e.g. 2026-12-01T09:30:00+09:00)";
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return Bad(field, text, kShape);
  auto date = ParseDate(text.substr(0, 10), field);
  if (!date) return Bad(field, text, kShape);
  std::string_view time = text.substr(11);
  if (time.size() < 8 || time[2] != ':' || time[5] != ':' || !Digits(time.substr(0, 2)) || !Digits(time.substr(3, 2)) ||
      !Digits(time.substr(6, 2)) || Number(time.substr(0, 2)) > 23 || Number(time.substr(3, 2)) > 59 ||
      Number(time.substr(6, 2)) > 60)
    return Bad(field, text, kShape);
  std::string_view rest = time.substr(8);
  if (!rest.empty() && rest.front() == '.') {
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return Bad(field, text, kShape);
    rest.remove_prefix(n);
  }
  bool zone_ok =
      rest == "Z" || rest == "z" ||
      (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && Digits(rest.substr(1, 2)) &&
       Digits(rest.substr(4, 2)) && Number(rest.substr(1, 2)) <= 23 && Number(rest.substr(4, 2)) <= 59);
  if (!zone_ok) return Bad(field, text, kShape);
  return *date;
}

Date AddDays(Date date, int days) {
  return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

}  // namespace highfence::workflow
