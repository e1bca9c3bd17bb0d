// SPDX-License-Identifier: Apache-2.0
#pragma once
// Institution: a tenant of highfence (機関) — a university or research institute running the
// procedure for its researchers, a funding agency (資金配分機関) receiving RS questionnaires, a
// support hub (支援拠点) serving several member institutions, or a company. A case belongs to
// its lead institution's tenant; the agency sees it through the programme.
//
//   Institution tohoku{.id = "inst_9f2c…", .name_ja = "東北大学", .name_en = "Tohoku University",
//                      .kind = InstitutionKind::kUniversity, .ror_id = "https://ror.org/01dq60k83"};
//   if (auto ok = ValidateInstitution(tohoku); !ok) Report(ok.error());
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace highfence::cases {

enum class InstitutionKind { kUniversity, kAgency, kHub, kCompany };

struct Institution {
  std::string id;  // opaque, e.g. "inst_" + 16 hex
  std::string name_ja;
  std::string name_en;
  InstitutionKind kind = InstitutionKind::kUniversity;
  std::string ror_id;                   // "https://ror.org/01dq60k83" (or the bare 9 characters), "" if none
  std::vector<std::string> member_ids;  // a hub's member institutions; empty for every other kind
  bool operator==(const Institution&) const = default;
};

std::string_view InstitutionKindId(InstitutionKind kind);  // "university", "agency", "hub", "company"
std::optional<InstitutionKind> ParseInstitutionKind(std::string_view id);

// kInvalidArgument naming the field: empty id, no name in either language, a malformed ROR id,
// members on an institution that is not a hub, a hub listing itself or a member twice.
Result<void> ValidateInstitution(const Institution& institution);

// True for a ROR id ("https://ror.org/" optional) of the form 0 + 6 Crockford base-32 + 2
// check digits, whose check digits agree (ISO 7064 MOD 97-10, as ROR computes them).
bool IsValidRorId(std::string_view ror_id);

}  // namespace highfence::cases
