// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/un/un.h"

#include <pugixml.hpp>
#include <set>
#include <string>
#include <tuple>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

constexpr std::string_view kListId = "un";

std::string Text(const pugi::xml_node& node, const char* child) {
  return internal::Trim(node.child(child).text().get());
}

void AddCountry(model::ListEntry& e, std::string_view name) {
  model::Country c = internal::MakeCountry(name);
  if (c.name.empty()) return;
  for (const model::Country& k : e.countries) {
    if (k.name == c.name || (!c.code.empty() && k.code == c.code)) return;
  }
  e.countries.push_back(std::move(c));
}

// Maps one INDIVIDUAL or ENTITY element; `prefix` is "INDIVIDUAL" or "ENTITY".
model::ListEntry MapParty(const pugi::xml_node& node, const std::string& prefix, bool person) {
  model::ListEntry e;
  e.list_id = std::string(kListId);
  e.entry_id = Text(node, "REFERENCE_NUMBER");
  if (e.entry_id.empty()) e.entry_id = "DATAID-" + Text(node, "DATAID");
  e.type = person ? model::EntityType::kPerson : model::EntityType::kOrganisation;
  std::string full;
  for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    std::string p = Text(node, part);
    if (!p.empty()) full += (full.empty() ? "" : " ") + p;
  }
  internal::AddName(e, full, model::NameKind::kPrimary);
  internal::AddName(e, Text(node, "NAME_ORIGINAL_SCRIPT"), model::NameKind::kTranslation);
  // The tag names must outlive the ranges (pugixml keeps the pointer).
  const std::string alias_tag = prefix + "_ALIAS", address_tag = prefix + "_ADDRESS";
  for (pugi::xml_node alias : node.children(alias_tag.c_str())) {
    std::string text = Text(alias, "ALIAS_NAME");
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
      text = internal::Trim(text.substr(1, text.size() - 2));
    std::string quality = Text(alias, "QUALITY");
    model::NameKind kind = quality == "f.k.a." || quality == "fka" ? model::NameKind::kFormer
                           : internal::LooksLikeAcronym(text)      ? model::NameKind::kAcronym
                                                                   : model::NameKind::kAlias;
    internal::AddName(e, text, kind);
  }
  for (pugi::xml_node v : node.child("NATIONALITY").children("VALUE")) AddCountry(e, internal::Trim(v.text().get()));
  for (pugi::xml_node a : node.children(address_tag.c_str())) {
    model::Address addr;
    for (const char* part : {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"}) {
      std::string p = Text(a, part);
      if (!p.empty()) addr.text += (addr.text.empty() ? "" : ", ") + p;
    }
    std::string note = Text(a, "NOTE");
    if (!note.empty()) addr.text += (addr.text.empty() ? "" : " ") + ("(" + note + ")");
    if (addr.text.empty()) continue;
    addr.city = Text(a, "CITY");
    std::string country = Text(a, "COUNTRY");
    addr.country_code = internal::CountryCode(country);
    if (!country.empty()) AddCountry(e, country);
    e.addresses.push_back(std::move(addr));
  }
  e.programme = Text(node, "UN_LIST_TYPE");
  e.listed_on = Text(node, "LISTED_ON");
  e.reason = internal::Squash(Text(node, "COMMENTS1"));
  std::string designation;
  for (pugi::xml_node v : node.child("DESIGNATION").children("VALUE")) {
    std::string d = internal::Trim(v.text().get());
    if (!d.empty()) designation += (designation.empty() ? "" : "; ") + d;
  }
  if (!designation.empty()) e.remarks = "designation: " + designation;
  return e;
}

}  // namespace

Result<model::ListSnapshot> ParseUn(std::string_view bytes, std::string_view name) {
  if (auto r = internal::RequireText(bytes, name, "UN consolidated XML"); !r) return r.error();
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size());
  if (!parsed) {
    std::string where = std::string(name) + ": malformed XML at byte " + std::to_string(parsed.offset) + " (" +
                        parsed.description() + ")";
    bool looks_xml = internal::Trim(bytes.substr(0, 64)).rfind('<', 0) == 0;
    return MakeError(looks_xml ? ErrorCode::kDataLoss : ErrorCode::kInvalidArgument, where);
  }
  pugi::xml_node root = doc.child("CONSOLIDATED_LIST");
  if (!root) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(name) + ": not a UN consolidated list (root element is not CONSOLIDATED_LIST)");
  }
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  std::string generated = root.attribute("dateGenerated").value();
  if (generated.size() >= 10) snap.version_date = generated.substr(0, 10);
  std::set<std::string> ids;
  int index = 0;
  // Line of a node from its byte offset; offsets grow through the document, so count on.
  size_t counted_to = 0;
  int line = 1;
  auto line_of = [&](const pugi::xml_node& node) {
    std::ptrdiff_t offset = node.offset_debug();
    if (offset < 0 || static_cast<size_t>(offset) > bytes.size()) return 0;
    auto end = static_cast<size_t>(offset);
    if (end < counted_to) {
      counted_to = 0;
      line = 1;
    }
    for (; counted_to < end; ++counted_to) line += bytes[counted_to] == '\n';
    return line;
  };
  for (auto [group, prefix, person] : {std::tuple{"INDIVIDUALS", "INDIVIDUAL", true}, {"ENTITIES", "ENTITY", false}}) {
    for (pugi::xml_node node : root.child(group).children(prefix)) {
      ++index;
      ++snap.report.rows_read;
      model::ListEntry e = MapParty(node, prefix, person);
      e.source_line = line_of(node);
      if (e.names.empty()) {
        internal::Reject(snap.report, name, e.source_line, std::string(prefix) + " " + e.entry_id + ": no FIRST_NAME");
        continue;
      }
      if (!ids.insert(e.entry_id).second) {
        internal::Reject(snap.report, name, e.source_line, std::string(prefix) + " " + e.entry_id + " appears twice");
        continue;
      }
      e.source_address = snap.source_address;
      snap.entries.push_back(std::move(e));
    }
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportUn(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseUn);
}

}  // namespace highfence::lists
