// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/institution.h"

#include <set>

#include "domain/cases/internal/enums.h"
#include "domain/cases/internal/invalid.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;

std::string_view InstitutionKindId(InstitutionKind kind) {
  return internal::kInstitutionKinds.Id(kind);
}
std::optional<InstitutionKind> ParseInstitutionKind(std::string_view id) {
  return internal::kInstitutionKinds.Parse(id);
}

bool IsValidRorId(std::string_view ror_id) {
  constexpr std::string_view kPrefix = "https://ror.org/";
  if (ror_id.starts_with(kPrefix)) ror_id.remove_prefix(kPrefix.size());
  if (ror_id.size() != 9 || ror_id[0] != '0') return false;
  // Crockford base 32 without i, l, o, u; ROR writes it in lower case.
  constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  long long value = 0;
  for (size_t i = 1; i < 7; ++i) {
    size_t digit = kAlphabet.find(ror_id[i]);
    if (digit == std::string_view::npos) return false;
    value = value * 32 + static_cast<long long>(digit);
  }
  if (ror_id[7] < '0' || ror_id[7] > '9' || ror_id[8] < '0' || ror_id[8] > '9') return false;
  int check = (ror_id[7] - '0') * 10 + (ror_id[8] - '0');
  return check == 98 - static_cast<int>((value * 100) % 97);
}

Result<void> ValidateInstitution(const Institution& institution) {
  if (institution.id.empty()) return Invalid("id", "empty");
  if (institution.name_ja.empty() && institution.name_en.empty())
    return Invalid("name_ja", "no name in either language");
  if (!institution.ror_id.empty() && !IsValidRorId(institution.ror_id)) {
    return Invalid("ror_id", Quote(institution.ror_id) + " is not a ROR id (0 + 6 base-32 + 2 check digits)");
  }
  if (institution.kind != InstitutionKind::kHub && !institution.member_ids.empty()) {
    return Invalid("member_ids",
                   "only a hub has members; this institution is a " + std::string(InstitutionKindId(institution.kind)));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < institution.member_ids.size(); ++i) {
    const std::string& member = institution.member_ids[i];
    if (member.empty()) return Invalid(Indexed("member_ids", i), "empty");
    if (member == institution.id) return Invalid(Indexed("member_ids", i), "a hub cannot be its own member");
    if (!seen.insert(member).second) return Invalid(Indexed("member_ids", i), Quote(member) + " listed twice");
  }
  return Ok();
}

}  // namespace highfence::cases
