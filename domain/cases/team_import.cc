// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/team_import.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "domain/cases/internal/import_table.h"
#include "domain/cases/person.h"

namespace highfence::cases {

namespace {

enum Column { kProposal, kPersonId, kEradId, kOrcid, kName, kNameLatin, kInstitution, kRole };

const internal::ColumnSpec kSpecs[] = {
    {"proposal_id", {"提案ID", "課題ID"}, false},
    {"person_id", {"人物ID"}, false},
    {"erad_id", {"e-Rad研究者番号", "研究者番号", "e-Rad ID"}, false},
    {"orcid", {"ORCID iD"}, false},
    {"name", {"氏名", "名前"}, true},
    {"name_latin", {"氏名（ローマ字）", "ローマ字氏名", "name (latin)"}, false},
    {"institution", {"所属機関", "機関", "institution_id"}, true},
    {"role", {"役割", "研究体制上の役割"}, true},
};

std::optional<TeamRole> ParseRoleCell(std::string_view cell) {
  static const std::pair<std::string_view, TeamRole> kNames[] = {
      {"pi", TeamRole::kPi},
      {"研究代表者", TeamRole::kPi},
      {"co-pi", TeamRole::kCoPi},
      {"co_pi", TeamRole::kCoPi},
      {"copi", TeamRole::kCoPi},
      {"研究分担者", TeamRole::kCoPi},
      {"主たる共同研究者", TeamRole::kCoPi},
      {"participant", TeamRole::kParticipant},
      {"研究参加者", TeamRole::kParticipant},
      {"student", TeamRole::kStudent},
      {"学生", TeamRole::kStudent},
  };
  std::string lower;
  for (char c : cell) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [name, role] : kNames) {
    if (lower == name) return role;
  }
  return std::nullopt;
}

}  // namespace

Result<TeamImport> ParseTeamImport(std::string_view bytes, std::string_view file_name) {
  auto table = internal::ReadTable(bytes, file_name);
  if (!table) return table.error();
  TeamImport out;
  out.rows_read = static_cast<int>(table->rows.size());
  internal::Columns cols = internal::MapColumns(*table, kSpecs, out.errors);
  if (!out.errors.empty()) {
    out.errors.insert(out.errors.end(), table->problems.begin(), table->problems.end());
    return out;  // a header problem makes every row suspect
  }
  out.errors = table->problems;

  // (proposal, identifier) → line of its first row; proposal → line of its PI.
  std::map<std::tuple<std::string, Column, std::string>, int> seen;
  std::map<std::string, int> pi_line;
  for (const internal::TableRow& row : table->rows) {
    auto cell = [&](Column c) -> const std::string& {
      static const std::string kEmpty;
      int i = cols.Of(c);
      return i < 0 ? kEmpty : row.cells[static_cast<size_t>(i)];
    };
    size_t errors_before = out.errors.size();
    auto fail = [&](Column c, std::string message) {
      out.errors.push_back({table->file, row.line, table->header[static_cast<size_t>(cols.Of(c))], std::move(message)});
    };
    TeamMemberDraft m;
    m.line = row.line;
    m.proposal_id = cell(kProposal);
    m.person_id = cell(kPersonId);
    m.erad_id = cell(kEradId);
    m.orcid = cell(kOrcid);
    m.name = cell(kName);
    m.name_latin = cell(kNameLatin);
    m.institution = cell(kInstitution);
    if (m.name.empty()) fail(kName, "empty");
    if (m.institution.empty()) fail(kInstitution, "empty");
    if (!m.erad_id.empty() && !IsValidEradId(m.erad_id)) {
      fail(kEradId, "\"" + m.erad_id + "\" is not an e-Rad researcher number (8 digits)");
    }
    if (!m.orcid.empty() && !IsValidOrcid(m.orcid)) {
      fail(kOrcid, "\"" + m.orcid + "\" is not a valid ORCID iD (0000-0000-0000-000X, check character)");
    }
    const std::string& role_cell = cell(kRole);
    if (role_cell.empty()) {
      fail(kRole, "empty (expected PI, Co-PI, participant, student)");
    } else if (auto role = ParseRoleCell(role_cell)) {
      m.role = *role;
    } else {
      fail(kRole, "unknown value \"" + role_cell + "\" (expected PI, Co-PI, participant, student)");
    }
    if (out.errors.size() != errors_before) continue;

    bool duplicate = false;
    for (auto [column, id] : {std::pair{kPersonId, m.person_id}, {kEradId, m.erad_id}, {kOrcid, m.orcid}}) {
      if (id.empty() || duplicate) continue;
      auto [it, inserted] = seen.emplace(std::tuple{m.proposal_id, column, id}, row.line);
      if (!inserted) {
        fail(column, "\"" + id + "\" is already on line " + std::to_string(it->second));
        duplicate = true;
      }
    }
    if (duplicate) continue;
    if (m.role == TeamRole::kPi) {
      auto [it, inserted] = pi_line.emplace(m.proposal_id, row.line);
      if (!inserted) {
        fail(kRole, "a second PI (研究代表者); line " + std::to_string(it->second) + " is the PI");
        continue;
      }
    }
    out.members.push_back(std::move(m));
  }
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  return out;
}

}  // namespace highfence::cases
