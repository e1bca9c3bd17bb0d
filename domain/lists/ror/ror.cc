// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/ror/ror.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "domain/lists/internal/import_util.h"
#include "engines/tables/gzip_lines.h"

namespace highfence::lists {
namespace {

std::string Str(const nlohmann::json& o, const char* key) {
  if (!o.is_object()) return {};
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool HasType(const nlohmann::json& name, std::string_view type) {
  auto it = name.find("types");
  if (it == name.end() || !it->is_array()) return false;
  for (const auto& t : *it) {
    if (t.is_string() && t.get<std::string>() == type) return true;
  }
  return false;
}

void AddOrgName(model::OrgRecord& r, std::string_view text, model::NameKind kind, std::string_view lang) {
  model::Name n = internal::MakeName(text, kind, lang);
  if (n.text.empty()) return;
  for (const model::Name& have : r.names) {
    if (have.text == n.text) return;
  }
  r.names.push_back(std::move(n));
}

Result<model::OrgRecord> MapRecord(const nlohmann::json& j) {
  model::OrgRecord r;
  if (!j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "not a JSON object");
  r.id = Str(j, "id");
  if (r.id.empty()) return MakeError(ErrorCode::kInvalidArgument, "no \"id\"");
  r.status = Str(j, "status");
  if (auto t = j.find("types"); t != j.end() && t->is_array()) {
    for (const auto& s : *t) {
      if (s.is_string()) r.types.push_back(s.get<std::string>());
    }
  }
  if (auto n = j.find("names"); n != j.end() && n->is_array()) {
    // ror_display first, then labels, aliases, acronyms.
    struct Pass {
      const char* type;
      model::NameKind kind;
    };
    for (Pass pass : {Pass{"ror_display", model::NameKind::kPrimary}, Pass{"label", model::NameKind::kTranslation},
                      Pass{"alias", model::NameKind::kAlias}, Pass{"acronym", model::NameKind::kAcronym}}) {
      for (const auto& name : *n) {
        if (name.is_object() && HasType(name, pass.type))
          AddOrgName(r, Str(name, "value"), pass.kind, Str(name, "lang"));
      }
    }
  }
  if (r.names.empty()) return MakeError(ErrorCode::kInvalidArgument, r.id + ": no names");
  if (r.names[0].kind != model::NameKind::kPrimary) r.names[0].kind = model::NameKind::kPrimary;
  if (auto l = j.find("locations"); l != j.end() && l->is_array() && !l->empty()) {
    const auto& first = (*l)[0];
    if (first.is_object() && first.contains("geonames_details")) {
      const auto& g = first["geonames_details"];
      r.country_code = Str(g, "country_code");
      r.city = Str(g, "name");
    }
  }
  if (auto d = j.find("domains"); d != j.end() && d->is_array()) {
    for (const auto& s : *d) {
      if (s.is_string()) r.domains.push_back(s.get<std::string>());
    }
  }
  if (auto rel = j.find("relationships"); rel != j.end() && rel->is_array()) {
    for (const auto& x : *rel) {
      if (x.is_object()) r.relationships.push_back({Str(x, "type"), Str(x, "id"), Str(x, "label")});
    }
  }
  if (auto e = j.find("established"); e != j.end() && e->is_number_integer()) r.established = e->get<int>();
  return r;
}

}  // namespace

Result<model::Registry> ParseRor(std::string_view bytes, std::string_view name) {
  model::Registry reg;
  reg.registry_id = "ror";
  reg.title = "Research Organization Registry";
  reg.licence = "CC0 1.0";
  reg.source_file = std::string(name);
  reg.content_hash = internal::Sha256(bytes);
  std::set<std::string> ids;
  auto done = tables::ForEachGzipLine(bytes, name, {}, [&](int line, std::string_view text) -> Result<void> {
    if (internal::Trim(text).empty()) return Ok();
    ++reg.report.rows_read;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      internal::Reject(reg.report, name, line, "not valid JSON");
      return Ok();
    }
    auto record = MapRecord(j);
    if (!record) {
      internal::Reject(reg.report, name, line, record.error().message);
      return Ok();
    }
    if (!ids.insert(record->id).second) {
      internal::Reject(reg.report, name, line, record->id + " appears twice");
      return Ok();
    }
    record->source_line = line;
    if (j.contains("admin") && j["admin"].is_object() && j["admin"].contains("last_modified")) {
      std::string date = Str(j["admin"]["last_modified"], "date");
      if (date > reg.version_date) reg.version_date = date;
    }
    reg.report.names += static_cast<int>(record->names.size());
    reg.records.push_back(std::move(*record));
    return Ok();
  });
  if (!done) return done.error();
  reg.report.entries = static_cast<int>(reg.records.size());
  reg.report.rejected = static_cast<int>(reg.report.rejected_rows.size());
  return reg;
}

Result<model::Registry> ImportRor(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseRor);
}

}  // namespace highfence::lists
