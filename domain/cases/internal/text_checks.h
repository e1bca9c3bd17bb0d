// SPDX-License-Identifier: Apache-2.0
#pragma once
// Format checks shared by the validators, codecs and importers of domain/cases: ISO dates
// (whole or partial), RFC 3339 times, country codes, identifiers. Hand-written because each is
// a few lines of fixed-width digit checks; pulling a date library in for them is not worth it.
#include <string>
#include <string_view>

namespace highfence::cases::internal {

// "YYYY", "YYYY-MM" or "YYYY-MM-DD", a real calendar date (leap years counted).
bool IsIsoDate(std::string_view s);
// "YYYY-MM-DD" only.
bool IsFullDate(std::string_view s);
// "YYYY-MM-DDTHH:MM:SS" with optional fraction and "Z" or "±HH:MM".
bool IsRfc3339(std::string_view s);
// Two upper-case ASCII letters (ISO 3166-1 alpha-2 shape).
bool IsCountryCode(std::string_view s);
// Three upper-case ASCII letters (ISO 4217 shape).
bool IsCurrencyCode(std::string_view s);

// The first and last day a partial date covers, as comparable "YYYY-MM-DD" text:
// "2020" → "2020-01-01" / "2020-12-31"; "2020-04" → "2020-04-01" / "2020-04-31".
std::string FirstDay(std::string_view iso_date);
std::string LastDay(std::string_view iso_date);
// True when [start, end] (either may be "": open) covers the full date `day`.
bool CoversDay(std::string_view start, std::string_view end, std::string_view day);

// ASCII whitespace and U+3000 (全角スペース) trimmed from both ends.
std::string_view Trim(std::string_view s);
// True if s holds a space, a tab, a newline or a '/'.
bool HasSpaceOrSlash(std::string_view s);

}  // namespace highfence::cases::internal
