// SPDX-License-Identifier: Apache-2.0
#pragma once
// SplitAffiliation: a raw affiliation line (所属) → the organisation to look up in a NameIndex,
// and the address cues around it (department, city, postcode, country) that help a reviewer
// or a country filter. Handles comma-separated English lines and Japanese/Chinese lines:
//
//   "Dept. of Physics, Beihang Univ., Beijing 100191, China"
//     → organisation "Beihang Univ.", department "Dept. of Physics", city "Beijing",
//       postcode "100191", country "China" (CN)
//   "北京航空航天大学物理学院, 北京 100191"
//     → organisation "北京航空航天大学", department "物理学院", city "北京", postcode "100191"
//
// Heuristic and pure: no dictionary of cities, never fails (an unparseable line comes back
// as the organisation). Thread-safe. Left out: street addresses, several organisations in
// one line (take the first), e-mail addresses.
#include <string>
#include <string_view>
#include <vector>

namespace highfence::names {

struct Affiliation {
  std::string organisation;              // as written, trimmed; "" only for an empty line
  std::vector<std::string> departments;  // "Dept. of Physics", "物理学院"
  std::string city;                      // "Beijing", "北京"; "" if none seen
  std::string postcode;                  // "100191", "980-8577", "02139"
  std::string country;                   // as written: "China", "P.R. China", "日本"
  std::string country_code;              // ISO alpha-2 when the country is known: "CN"; "JP" also
                                         // from a Japanese address (〒, 宮城県…) with no country written
  std::vector<std::string> other;        // parts left unexplained
};

Affiliation SplitAffiliation(std::string_view raw);

}  // namespace highfence::names
