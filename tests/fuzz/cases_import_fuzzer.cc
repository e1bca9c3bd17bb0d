// SPDX-License-Identifier: Apache-2.0
// Fuzzes the team and disclosure importers of domain/cases (CSV, or XLSX when the bytes are a
// ZIP); the first byte picks the importer. Every error must carry a line within the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "domain/cases/disclosure_import.h"
#include "domain/cases/team_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    auto team = highfence::cases::ParseTeamImport(bytes, "team.csv");
    if (team) {
      for (const auto& m : team->members) HF_CHECK(m.line >= 2 && !m.name.empty());
    }
  } else {
    auto in = highfence::cases::ParseDisclosureImport(bytes, "disclosures.csv", {.today = "2026-11-30"});
    if (in) {
      for (const auto& d : in->drafts) HF_CHECK(!d.sources.empty() && d.disclosure.as_of.size() == 10);
    }
  }
  return 0;
}
