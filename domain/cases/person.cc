// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/person.h"

#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;

namespace {

constexpr std::string_view kOrcidPrefix = "https://orcid.org/";

// The ISO 7064 MOD 11-2 check character over the first 15 digits (ORCID's algorithm).
char OrcidCheck(std::string_view digits15) {
  int total = 0;
  for (char c : digits15) total = (total + (c - '0')) * 2;
  int result = (12 - total % 11) % 11;
  return result == 10 ? 'X' : static_cast<char>('0' + result);
}

// The 16 characters without hyphens when the shape is right, "" otherwise.
std::string OrcidDigits(std::string_view orcid) {
  if (orcid.starts_with(kOrcidPrefix)) orcid.remove_prefix(kOrcidPrefix.size());
  if (orcid.size() != 19) return "";
  std::string digits;
  for (size_t i = 0; i < orcid.size(); ++i) {
    char c = orcid[i];
    if (i % 5 == 4) {
      if (c != '-') return "";
      continue;
    }
    bool last = digits.size() == 15;
    if (!(c >= '0' && c <= '9') && !(last && c == 'X')) return "";
    digits += c;
  }
  return digits;
}

}  // namespace

bool IsValidEradId(std::string_view erad_id) {
  if (erad_id.size() != 8) return false;
  for (char c : erad_id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsValidOrcid(std::string_view orcid) {
  std::string digits = OrcidDigits(orcid);
  return !digits.empty() && OrcidCheck(std::string_view(digits).substr(0, 15)) == digits[15];
}

Result<void> ValidatePerson(const Person& person) {
  if (person.id.empty()) return Invalid("id", "empty");
  if (person.tenant_id.empty()) return Invalid("tenant_id", "empty");
  if (auto names = ValidateNames(person.names, "a person"); !names) return names.error();
  if (!person.erad_id.empty() && !IsValidEradId(person.erad_id)) {
    return Invalid("erad_id", Quote(person.erad_id) + " is not an e-Rad researcher number (8 digits)");
  }
  if (!person.orcid.empty()) {
    std::string digits = OrcidDigits(person.orcid);
    if (digits.empty()) {
      return Invalid("orcid", Quote(person.orcid) + " is not an ORCID iD (0000-0000-0000-000X)");
    }
    char expected = OrcidCheck(std::string_view(digits).substr(0, 15));
    if (expected != digits[15]) {
      return Invalid("orcid", Quote(person.orcid) + " has check character " + digits[15] + ", expected " + expected);
    }
  }
  if (!person.researchmap_id.empty() && internal::HasSpaceOrSlash(person.researchmap_id)) {
    return Invalid("researchmap_id", Quote(person.researchmap_id) + " holds a space or '/': give the id, not the URL");
  }
  for (size_t i = 0; i < person.affiliations.size(); ++i) {
    const Affiliation& a = person.affiliations[i];
    if (a.institution_id.empty() && a.organisation_id.empty() && internal::Trim(a.name).empty()) {
      return Invalid(Indexed("affiliations", i), "neither an institution, an organisation nor a name");
    }
    if (!a.since.empty() && !internal::IsIsoDate(a.since)) {
      return Invalid(Indexed("affiliations", i) + ".since", Quote(a.since) + " is not a date (YYYY[-MM[-DD]])");
    }
  }
  return Ok();
}

}  // namespace highfence::cases
