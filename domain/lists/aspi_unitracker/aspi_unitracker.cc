// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/aspi_unitracker/aspi_unitracker.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

constexpr std::string_view kListId = "aspi_unitracker";

std::vector<std::string> Strings(const nlohmann::json& meta, const char* key) {
  std::vector<std::string> out;
  if (!meta.is_object() || !meta.contains(key)) return out;
  const nlohmann::json& v = meta[key];
  if (v.is_string()) out.push_back(internal::Trim(v.get<std::string>()));
  if (v.is_array()) {
    for (const auto& s : v) {
      if (s.is_string()) out.push_back(internal::Trim(s.get<std::string>()));
    }
  }
  return out;
}

std::string LanguageOf(std::string_view text) {
  std::string script = internal::GuessScript(text);
  return script == "Hani" ? "zh" : script == "Latn" ? "en" : "";
}

}  // namespace

Result<model::ListSnapshot> ParseAspiUnitracker(std::string_view bytes, std::string_view name) {
  if (auto r = internal::RequireText(bytes, name, "JSON"); !r) return r.error();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("values") || !doc["values"].is_array()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(name) + ": not a MISP galaxy cluster (no \"values\" array)");
  }
  model::ListSnapshot snap = internal::StartSnapshot(kListId, bytes, name);
  std::set<std::string> ids;
  const nlohmann::json& values = doc["values"];
  for (size_t i = 0; i < values.size(); ++i) {
    const nlohmann::json& v = values[i];
    ++snap.report.rows_read;
    std::string where = "values[" + std::to_string(i) + "]";
    if (!v.is_object() || !v.contains("value") || !v["value"].is_string()) {
      internal::Reject(snap.report, name, 0, where + ": no string \"value\"");
      continue;
    }
    std::string value = internal::Trim(v["value"].get<std::string>());
    const nlohmann::json meta = v.contains("meta") ? v["meta"] : nlohmann::json::object();
    std::string zh = internal::TrailingParenthesised(value);
    std::string en = value;
    if (!zh.empty() && internal::GuessScript(zh) == "Hani") {
      en = internal::Trim(std::string_view(value).substr(0, value.rfind('(')));
    } else {
      zh.clear();
    }
    if (en.empty()) {
      internal::Reject(snap.report, name, 0, where + ": empty name");
      continue;
    }
    model::ListEntry e;
    e.list_id = std::string(kListId);
    std::vector<std::string> refs = Strings(meta, "refs");
    if (!refs.empty() && refs[0].find("/universities/") != std::string::npos) {
      e.entry_id = refs[0].substr(refs[0].rfind('/') + 1);
      e.source_address = refs[0];
    } else if (v.contains("uuid") && v["uuid"].is_string()) {
      e.entry_id = v["uuid"].get<std::string>();
    } else {
      e.entry_id = internal::Slug(en);
    }
    if (e.entry_id.empty() || !ids.insert(e.entry_id).second) {
      internal::Reject(snap.report, name, 0, where + ": missing or duplicate id \"" + e.entry_id + "\"");
      continue;
    }
    e.type = model::EntityType::kOrganisation;
    e.source_line = static_cast<int>(i) + 1;
    internal::AddName(e, en, model::NameKind::kPrimary, "en");
    internal::AddName(e, zh, model::NameKind::kTranslation, "zh");
    for (const std::string& a : Strings(meta, "aliases")) {
      std::string lang = LanguageOf(a);
      if (lang == "zh") {
        internal::AddName(e, a, model::NameKind::kAlias, "zh");
      } else {
        internal::AddAlias(e, a, lang);
      }
    }
    for (const std::string& c : Strings(meta, "categories")) e.concerns.push_back({c, "ASPI category"});
    std::string address = Strings(meta, "address").empty() ? "" : Strings(meta, "address")[0];
    if (!address.empty()) e.addresses.push_back({address, "", "CN"});
    e.countries.push_back({"CN", "China"});
    std::vector<std::string> agencies = Strings(meta, "supervising agencies");
    for (const std::string& a : agencies) e.programme += (e.programme.empty() ? "supervised by " : "; ") + a;
    std::vector<std::string> topics = Strings(meta, "topics");
    for (const std::string& t : topics) e.remarks += (e.remarks.empty() ? "topics: " : "; ") + t;
    if (v.contains("description") && v["description"].is_string()) e.reason = v["description"].get<std::string>();
    snap.entries.push_back(std::move(e));
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportAspiUnitracker(const std::filesystem::path& path) {
  return internal::ImportFile(path, ParseAspiUnitracker);
}

}  // namespace highfence::lists
