// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases::internal {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int Number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool Upper(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

bool IsIsoDate(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!Digits(s, 0, 4) || Number(s, 0, 4) < 1900) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !Digits(s, 5, 2)) return false;
  int month = Number(s, 5, 2);
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !Digits(s, 8, 2)) return false;
  int day = Number(s, 8, 2);
  return day >= 1 && day <= DaysInMonth(Number(s, 0, 4), month);
}

bool IsFullDate(std::string_view s) {
  return s.size() == 10 && IsIsoDate(s);
}

bool IsRfc3339(std::string_view s) {
  if (s.size() < 20 || !IsFullDate(s.substr(0, 10)) || (s[10] != 'T' && s[10] != 't')) return false;
  if (!Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2)) return false;
  if (Number(s, 11, 2) > 23 || Number(s, 14, 2) > 59 || Number(s, 17, 2) > 60) return false;
  size_t i = 19;
  if (s[i] == '.') {
    ++i;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    if (digits == 0) return false;
  }
  std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2) && zone[3] == ':' &&
         Digits(zone, 4, 2);
}

bool IsCountryCode(std::string_view s) {
  return Upper(s, 2);
}
bool IsCurrencyCode(std::string_view s) {
  return Upper(s, 3);
}

std::string FirstDay(std::string_view d) {
  if (d.size() == 4) return std::string(d) + "-01-01";
  if (d.size() == 7) return std::string(d) + "-01";
  return std::string(d);
}

std::string LastDay(std::string_view d) {
  if (d.size() == 4) return std::string(d) + "-12-31";
  if (d.size() == 7) return std::string(d) + "-31";
  return std::string(d);
}

bool CoversDay(std::string_view start, std::string_view end, std::string_view day) {
  if (!start.empty() && FirstDay(start) > day) return false;
  if (!end.empty() && LastDay(end) < day) return false;
  return true;
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000, common in Japanese sheets
  for (bool changed = true; changed;) {
    changed = false;
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1), changed = true;
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size()), changed = true;
    }
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1), changed = true;
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size()), changed = true;
    }
  }
  return s;
}

bool HasSpaceOrSlash(std::string_view s) {
  return s.find_first_of(" \t\r\n/") != std::string_view::npos;
}

}  // namespace highfence::cases::internal
