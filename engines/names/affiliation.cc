// SPDX-License-Identifier: Apache-2.0
#include "engines/names/affiliation.h"

#include <algorithm>
#include <cctype>

namespace highfence::names {
namespace {

struct Country {
  std::string_view written;  // lower case for Latin
  std::string_view code;
};

constexpr Country kCountries[] = {
    {"china", "CN"},
    {"p.r. china", "CN"},
    {"pr china", "CN"},
    {"p. r. china", "CN"},
    {"people's republic of china", "CN"},
    {"prc", "CN"},
    {"中国", "CN"},
    {"中華人民共和国", "CN"},
    {"中华人民共和国", "CN"},
    {"japan", "JP"},
    {"日本", "JP"},
    {"usa", "US"},
    {"u.s.a.", "US"},
    {"united states", "US"},
    {"united states of america", "US"},
    {"uk", "GB"},
    {"united kingdom", "GB"},
    {"korea", "KR"},
    {"south korea", "KR"},
    {"republic of korea", "KR"},
    {"대한민국", "KR"},
    {"한국", "KR"},
    {"taiwan", "TW"},
    {"台湾", "TW"},
    {"台灣", "TW"},
    {"hong kong", "HK"},
    {"香港", "HK"},
    {"singapore", "SG"},
    {"germany", "DE"},
    {"france", "FR"},
    {"russia", "RU"},
    {"russian federation", "RU"},
    {"iran", "IR"},
    {"india", "IN"},
    {"australia", "AU"},
    {"canada", "CA"},
    {"italy", "IT"},
    {"spain", "ES"},
    {"netherlands", "NL"},
    {"switzerland", "CH"},
    {"sweden", "SE"},
    {"pakistan", "PK"},
    {"belarus", "BY"},
    {"north korea", "KP"},
    {"dprk", "KP"},
    {"syria", "SY"},
};

// Words that make a part an organisation, strongest first.
constexpr std::string_view kOrgWords[] = {
    "univ",   "institut", "academ", "college", "laborator", "hospital",    "corporation", "company",  "co.",  "ltd",
    "inc",    "gmbh",     "center", "centre",  "school",    "polytechnic", "agency",      "ministry", "大学", "大學",
    "研究所", "研究院",   "科学院", "公司",    "会社",      "中心",        "센터",        "대학"};
constexpr std::string_view kDepartmentStarts[] = {"dept",          "department",      "school of",  "faculty",
                                                  "division",      "graduate school", "college of", "lab of",
                                                  "laboratory of", "key laboratory",  "state key",  "institute of"};
// CJK units below the organisation, cut off after it: 北京航空航天大学 | 物理学院.
constexpr std::string_view kCjkOrgEnds[] = {"大学",   "大學",     "研究院",   "研究所",
                                            "科学院", "有限公司", "株式会社", "대학교"};

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(ws);
  std::string out(s.substr(b, e - b + 1));
  while (!out.empty() &&
         (out.back() == '.' && out.size() > 1 && std::isdigit(static_cast<unsigned char>(out[out.size() - 2]))))
    out.pop_back();
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool IsOrganisation(std::string_view lower) {
  return std::any_of(std::begin(kOrgWords), std::end(kOrgWords),
                     [&](std::string_view w) { return Contains(lower, w); });
}

bool IsDepartment(std::string_view lower) {
  return std::any_of(std::begin(kDepartmentStarts), std::end(kDepartmentStarts),
                     [&](std::string_view w) { return lower.starts_with(w); });
}

// Splits on , ; ， 、 ；
std::vector<std::string> Parts(std::string_view raw) {
  std::vector<std::string> parts;
  std::string current;
  for (size_t i = 0; i < raw.size();) {
    const std::string_view rest = raw.substr(i);
    size_t sep = 0;
    if (rest[0] == ',' || rest[0] == ';') sep = 1;
    for (std::string_view s : {std::string_view("，"), std::string_view("、"), std::string_view("；")}) {
      if (rest.starts_with(s)) sep = s.size();
    }
    if (sep > 0) {
      parts.push_back(Trim(current));
      current.clear();
      i += sep;
      continue;
    }
    current += raw[i++];
  }
  parts.push_back(Trim(current));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return parts;
}

// A postcode inside a part: the longest run of digits (with one inner '-') of ≥ 4 digits,
// or a Japanese 〒123-4567. Removes it from the part and returns it.
std::string TakePostcode(std::string* part) {
  std::string& s = *part;
  size_t best_b = 0, best_len = 0, digits_best = 0;
  for (size_t i = 0; i < s.size();) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i, digits = 0;
    while (j < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[j])) ||
            (s[j] == '-' && j + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[j + 1])) && j > i))) {
      digits += s[j] != '-';
      ++j;
    }
    if (digits >= 4 && digits > digits_best) best_b = i, best_len = j - i, digits_best = digits;
    i = j;
  }
  if (digits_best == 0) return {};
  std::string code = s.substr(best_b, best_len);
  s.erase(best_b, best_len);
  if (const size_t mark = s.find("〒"); mark != std::string::npos) s.erase(mark, std::string_view("〒").size());
  s = Trim(s);
  return code;
}

const Country* FindCountry(std::string_view part) {
  const std::string lower = Lower(part);
  for (const Country& c : kCountries) {
    if (lower == c.written) return &c;
  }
  return nullptr;
}

}  // namespace

Affiliation SplitAffiliation(std::string_view raw) {
  Affiliation a;
  std::vector<std::string> parts = Parts(raw);
  int org_index = -1;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string lower = Lower(parts[i]);
    if (!IsDepartment(lower) && IsOrganisation(lower)) {
      org_index = static_cast<int>(i);
      break;
    }
  }
  // With no clear organisation, a department-looking part ("Institute of Physics") is it.
  if (org_index < 0) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if (IsOrganisation(Lower(parts[i]))) {
        org_index = static_cast<int>(i);
        break;
      }
    }
  }
  if (org_index < 0 && !parts.empty()) org_index = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string part = parts[i];
    if (static_cast<int>(i) == org_index) {
      // 北京航空航天大学物理学院 → organisation + department.
      size_t cut = std::string::npos;
      for (std::string_view end : kCjkOrgEnds) {
        const size_t at = part.find(end);
        if (at != std::string::npos && (cut == std::string::npos || at + end.size() < cut)) cut = at + end.size();
      }
      if (cut != std::string::npos && cut < part.size()) {
        std::string rest = Trim(std::string_view(part).substr(cut));
        part = Trim(std::string_view(part).substr(0, cut));
        if (!rest.empty()) a.departments.push_back(rest);
      }
      if (std::string code = TakePostcode(&part); !code.empty() && a.postcode.empty()) a.postcode = code;
      a.organisation = part;
      continue;
    }
    if (const Country* c = FindCountry(part); c != nullptr && a.country.empty()) {
      a.country = part;
      a.country_code = std::string(c->code);
      continue;
    }
    const std::string lower = Lower(part);
    if (IsDepartment(lower) || (static_cast<int>(i) < org_index && IsOrganisation(lower))) {
      a.departments.push_back(part);
      continue;
    }
    std::string code = TakePostcode(&part);
    if (!code.empty() && a.postcode.empty()) a.postcode = code;
    if (part.empty()) continue;
    if (const Country* c = FindCountry(part); c != nullptr && a.country.empty()) {
      a.country = part;
      a.country_code = std::string(c->code);
      continue;
    }
    if (a.city.empty() && static_cast<int>(i) > org_index && std::count(part.begin(), part.end(), ' ') <= 2) {
      a.city = part;
      continue;
    }
    a.other.push_back(part);
  }
  return a;
}

}  // namespace highfence::names
