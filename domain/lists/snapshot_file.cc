// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/snapshot_file.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// ---- writing -----------------------------------------------------------------------------

// Empty strings and lists are left out, so a file holds what the list publishes.
void PutString(ordered_json& o, const char* key, const std::string& value) {
  if (!value.empty()) o[key] = value;
}

ordered_json HeaderJson(const model::ListSnapshot& s) {
  ordered_json h;
  h["format"] = kSnapshotFormat;
  h["format_version"] = kSnapshotFormatVersion;
  h["list_id"] = s.list_id;
  h["title"] = s.title;
  h["publisher"] = s.publisher;
  h["version_date"] = s.version_date;
  h["content_hash"] = s.content_hash;
  h["licence"] = s.licence;
  h["source_file"] = s.source_file;
  h["source_address"] = s.source_address;
  h["imported_at"] = s.imported_at;
  h["entries"] = s.entries.size();
  h["rows_read"] = s.report.rows_read;
  h["names"] = s.report.names;
  h["rejected"] = s.report.rejected_rows.size();
  ordered_json rejected = ordered_json::array();
  for (const model::RejectedRow& r : s.report.rejected_rows)
    rejected.push_back(ordered_json{{"file", r.file}, {"line", r.line}, {"reason", r.reason}});
  h["rejected_rows"] = std::move(rejected);
  h["notes"] = s.report.notes;
  return h;
}

ordered_json EntryJson(const model::ListEntry& e) {
  ordered_json o;
  o["entry_id"] = e.entry_id;
  o["type"] = model::EntityTypeName(e.type);
  ordered_json names = ordered_json::array();
  for (const model::Name& n : e.names) {
    ordered_json j;
    j["text"] = n.text;
    PutString(j, "language", n.language);
    PutString(j, "script", n.script);
    j["kind"] = model::NameKindName(n.kind);
    names.push_back(std::move(j));
  }
  o["names"] = std::move(names);
  if (!e.addresses.empty()) {
    ordered_json& a = o["addresses"] = ordered_json::array();
    for (const model::Address& x : e.addresses) {
      ordered_json j;
      j["text"] = x.text;
      PutString(j, "city", x.city);
      PutString(j, "country_code", x.country_code);
      a.push_back(std::move(j));
    }
  }
  if (!e.countries.empty()) {
    ordered_json& c = o["countries"] = ordered_json::array();
    for (const model::Country& x : e.countries) c.push_back(ordered_json{{"code", x.code}, {"name", x.name}});
  }
  if (!e.concerns.empty()) {
    ordered_json& c = o["concerns"] = ordered_json::array();
    for (const model::Concern& x : e.concerns) c.push_back(ordered_json{{"code", x.code}, {"label", x.label}});
  }
  PutString(o, "reason", e.reason);
  PutString(o, "programme", e.programme);
  PutString(o, "listed_on", e.listed_on);
  PutString(o, "source_address", e.source_address);
  PutString(o, "remarks", e.remarks);
  if (e.source_line != 0) o["source_line"] = e.source_line;
  return o;
}

// ---- reading -----------------------------------------------------------------------------

// Where a value sits, for messages: "<file>:<line>: <field>".
struct Where {
  std::string_view file;
  int line = 0;
  Error Bad(std::string_view field, std::string_view what) const {
    return MakeError(ErrorCode::kInvalidArgument, std::string(file) + ":" + std::to_string(line) + ": " +
                                                      std::string(field) + ": " + std::string(what));
  }
};

Result<void> GetString(const json& o, const char* key, const std::string& path, const Where& w, std::string& out,
                       bool required = false) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) return w.Bad(path + key, "missing");
    out.clear();
    return Ok();
  }
  if (!it->is_string()) return w.Bad(path + key, "expected a string");
  out = it->get<std::string>();
  return Ok();
}

Result<void> GetInt(const json& o, const char* key, const Where& w, int& out, bool required = false) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) return w.Bad(key, "missing");
    out = 0;
    return Ok();
  }
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > INT32_MAX)
    return w.Bad(key, "expected a non-negative integer");
  out = it->get<int>();
  return Ok();
}

// The array under key (nullptr when absent); fails when it is something else.
Result<const json*> GetArray(const json& o, const char* key, const Where& w) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return static_cast<const json*>(nullptr);
  if (!it->is_array()) return w.Bad(key, "expected an array");
  return &*it;
}

Result<json> ParseObject(std::string_view text, const Where& w) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return w.Bad("line", "not valid JSON");
  if (!j.is_object()) return w.Bad("line", "expected a JSON object");
  return j;
}

Result<model::EntityType> ParseType(const std::string& s, const Where& w) {
  for (auto t : {model::EntityType::kOrganisation, model::EntityType::kPerson, model::EntityType::kVessel,
                 model::EntityType::kOther}) {
    if (s == model::EntityTypeName(t)) return t;
  }
  return w.Bad("type", "unknown entity type \"" + s + "\" (organisation, person, vessel, other)");
}

Result<model::NameKind> ParseKind(const std::string& s, const std::string& field, const Where& w) {
  for (auto k : {model::NameKind::kPrimary, model::NameKind::kAlias, model::NameKind::kAcronym,
                 model::NameKind::kFormer, model::NameKind::kTranslation}) {
    if (s == model::NameKindName(k)) return k;
  }
  return w.Bad(field, "unknown name kind \"" + s + "\" (primary, alias, acronym, former, translation)");
}

// Calls each(element, "key[i].") for every element of an optional array of objects.
template <typename Each>
Result<void> ForEachObject(const json& o, const char* key, const Where& w, Each each) {
  auto arr = GetArray(o, key, w);
  if (!arr) return arr.error();
  if (*arr == nullptr) return Ok();
  for (size_t i = 0; i < (*arr)->size(); ++i) {
    const json& x = (**arr)[i];
    std::string path = std::string(key) + "[" + std::to_string(i) + "].";
    if (!x.is_object()) return w.Bad(path.substr(0, path.size() - 1), "expected an object");
    if (auto r = each(x, path); !r) return r.error();
  }
  return Ok();
}

Result<model::ListEntry> ParseEntry(const json& o, const Where& w) {
  model::ListEntry e;
  if (auto r = GetString(o, "entry_id", "", w, e.entry_id, true); !r) return r.error();
  if (e.entry_id.empty()) return w.Bad("entry_id", "empty");
  std::string type;
  if (auto r = GetString(o, "type", "", w, type, true); !r) return r.error();
  auto t = ParseType(type, w);
  if (!t) return t.error();
  e.type = *t;
  auto names = ForEachObject(o, "names", w, [&](const json& x, const std::string& path) -> Result<void> {
    model::Name n;
    std::string kind;
    if (auto r = GetString(x, "text", path, w, n.text, true); !r) return r;
    if (auto r = GetString(x, "language", path, w, n.language); !r) return r;
    if (auto r = GetString(x, "script", path, w, n.script); !r) return r;
    if (auto r = GetString(x, "kind", path, w, kind, true); !r) return r;
    auto k = ParseKind(kind, path + "kind", w);
    if (!k) return k.error();
    n.kind = *k;
    e.names.push_back(std::move(n));
    return Ok();
  });
  if (!names) return names.error();
  if (e.names.empty()) return w.Bad("names", "an entry needs at least one name");
  auto addresses = ForEachObject(o, "addresses", w, [&](const json& x, const std::string& path) -> Result<void> {
    model::Address a;
    if (auto r = GetString(x, "text", path, w, a.text); !r) return r;
    if (auto r = GetString(x, "city", path, w, a.city); !r) return r;
    if (auto r = GetString(x, "country_code", path, w, a.country_code); !r) return r;
    e.addresses.push_back(std::move(a));
    return Ok();
  });
  if (!addresses) return addresses.error();
  auto countries = ForEachObject(o, "countries", w, [&](const json& x, const std::string& path) -> Result<void> {
    model::Country c;
    if (auto r = GetString(x, "code", path, w, c.code); !r) return r;
    if (auto r = GetString(x, "name", path, w, c.name); !r) return r;
    e.countries.push_back(std::move(c));
    return Ok();
  });
  if (!countries) return countries.error();
  auto concerns = ForEachObject(o, "concerns", w, [&](const json& x, const std::string& path) -> Result<void> {
    model::Concern c;
    if (auto r = GetString(x, "code", path, w, c.code); !r) return r;
    if (auto r = GetString(x, "label", path, w, c.label); !r) return r;
    e.concerns.push_back(std::move(c));
    return Ok();
  });
  if (!concerns) return concerns.error();
  for (auto [key, field] :
       {std::pair{"reason", &e.reason}, std::pair{"programme", &e.programme}, std::pair{"listed_on", &e.listed_on},
        std::pair{"source_address", &e.source_address}, std::pair{"remarks", &e.remarks}}) {
    if (auto r = GetString(o, key, "", w, *field); !r) return r.error();
  }
  if (auto r = GetInt(o, "source_line", w, e.source_line); !r) return r.error();
  return e;
}

// Header fields into s (entries left empty); `expected_entries` gets the header's count.
Result<void> ParseHeader(const json& h, const Where& w, model::ListSnapshot& s, int& expected_entries) {
  std::string format;
  if (auto r = GetString(h, "format", "", w, format, true); !r) return r;
  if (format != kSnapshotFormat)
    return w.Bad("format", "\"" + format + "\" is not \"" + std::string(kSnapshotFormat) + "\"");
  int version = 0;
  if (auto r = GetInt(h, "format_version", w, version, true); !r) return r;
  if (version != kSnapshotFormatVersion)
    return MakeError(ErrorCode::kUnimplemented, std::string(w.file) + ":1: format_version: " + std::to_string(version) +
                                                    " is not supported (this highfence "
                                                    "reads version " +
                                                    std::to_string(kSnapshotFormatVersion) + ")");
  if (auto r = GetString(h, "list_id", "", w, s.list_id, true); !r) return r;
  if (s.list_id.empty()) return w.Bad("list_id", "empty");
  for (auto [key, field] : {std::pair{"title", &s.title}, std::pair{"publisher", &s.publisher},
                            std::pair{"version_date", &s.version_date}, std::pair{"content_hash", &s.content_hash},
                            std::pair{"licence", &s.licence}, std::pair{"source_file", &s.source_file},
                            std::pair{"source_address", &s.source_address}, std::pair{"imported_at", &s.imported_at}}) {
    if (auto r = GetString(h, key, "", w, *field); !r) return r;
  }
  if (auto r = GetInt(h, "entries", w, expected_entries, true); !r) return r;
  if (auto r = GetInt(h, "rows_read", w, s.report.rows_read); !r) return r;
  if (auto r = GetInt(h, "names", w, s.report.names); !r) return r;
  auto rejected = ForEachObject(h, "rejected_rows", w, [&](const json& x, const std::string& path) -> Result<void> {
    model::RejectedRow row;
    if (auto r = GetString(x, "file", path, w, row.file); !r) return r;
    if (auto r = GetString(x, "reason", path, w, row.reason); !r) return r;
    if (auto r = GetInt(x, "line", w, row.line); !r) return w.Bad(path + "line", "expected a non-negative integer");
    s.report.rejected_rows.push_back(std::move(row));
    return Ok();
  });
  if (!rejected) return rejected;
  int rejected_count = 0;
  if (auto r = GetInt(h, "rejected", w, rejected_count); !r) return r;
  if (rejected_count != static_cast<int>(s.report.rejected_rows.size()))
    return w.Bad("rejected", std::to_string(rejected_count) + " but rejected_rows holds " +
                                 std::to_string(s.report.rejected_rows.size()));
  s.report.rejected = rejected_count;
  auto notes = GetArray(h, "notes", w);
  if (!notes) return notes.error();
  if (*notes) {
    for (size_t i = 0; i < (*notes)->size(); ++i) {
      const json& n = (**notes)[i];
      if (!n.is_string()) return w.Bad("notes[" + std::to_string(i) + "]", "expected a string");
      s.report.notes.push_back(n.get<std::string>());
    }
  }
  s.report.entries = expected_entries;
  return Ok();
}

// Cuts bytes into lines (without "\n" or a trailing "\r"); a final newline ends the last line.
std::vector<std::string_view> Lines(std::string_view bytes) {
  std::vector<std::string_view> lines;
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    std::string_view line = bytes.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    bytes.remove_prefix(nl + 1);
  }
  return lines;
}

Result<model::ListSnapshot> Parse(std::string_view bytes, std::string_view name, bool header_only) {
  std::vector<std::string_view> lines = Lines(bytes);
  if (lines.empty()) return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ": empty, not a snapshot file");
  model::ListSnapshot s;
  int expected = 0;
  Where w{name, 1};
  if (!lines[0].empty() && lines[0].front() != '{')
    return w.Bad("line", "not a highfence list snapshot (expected a JSON header object)");
  auto header = ParseObject(lines[0], w);
  if (!header) return header.error();
  if (auto r = ParseHeader(*header, w, s, expected); !r) return r.error();
  if (header_only) return s;
  s.entries.reserve(static_cast<size_t>(std::min<int>(expected, static_cast<int>(lines.size()))));
  for (size_t i = 1; i < lines.size(); ++i) {
    w.line = static_cast<int>(i) + 1;
    if (lines[i].empty()) return w.Bad("line", "empty line");
    auto o = ParseObject(lines[i], w);
    if (!o) return o.error();
    auto e = ParseEntry(*o, w);
    if (!e) return e.error();
    e->list_id = s.list_id;
    s.entries.push_back(std::move(*e));
  }
  if (static_cast<int>(s.entries.size()) != expected)
    return MakeError(ErrorCode::kDataLoss, std::string(name) + ":1: entries: the header counts " +
                                               std::to_string(expected) + " entries but the file holds " +
                                               std::to_string(s.entries.size()) + " (truncated or spliced file)");
  return s;
}

}  // namespace

Result<std::string> FormatSnapshot(const model::ListSnapshot& snapshot) {
  if (snapshot.list_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "snapshot: list_id is empty");
  auto header = FormatSnapshotHeader(snapshot);
  if (!header) return header.error();
  std::string out = std::move(*header);
  out += '\n';
  for (const model::ListEntry& e : snapshot.entries) {
    if (!e.list_id.empty() && e.list_id != snapshot.list_id)
      return MakeError(ErrorCode::kInvalidArgument,
                       snapshot.list_id + ": entry " + e.entry_id + ": belongs to list \"" + e.list_id + "\"");
    if (e.entry_id.empty() || e.names.empty())
      return MakeError(ErrorCode::kInvalidArgument, snapshot.list_id + ": entry at source line " +
                                                        std::to_string(e.source_line) +
                                                        ": an entry needs an entry_id and a name");
    auto line = FormatSnapshotEntry(e);
    if (!line) return line.error().WithContext(snapshot.list_id);
    out += *line;
    out += '\n';
  }
  return out;
}

Result<std::string> FormatSnapshotHeader(const model::ListSnapshot& snapshot) {
  try {
    return HeaderJson(snapshot).dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::exception& ex) {
    return MakeError(ErrorCode::kInvalidArgument, snapshot.list_id + ": header: " + ex.what());
  }
}

Result<std::string> FormatSnapshotEntry(const model::ListEntry& entry) {
  try {
    return EntryJson(entry).dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::exception& ex) {
    return MakeError(ErrorCode::kInvalidArgument, "entry " + entry.entry_id + ": " + ex.what());
  }
}

Result<void> WriteSnapshot(const model::ListSnapshot& snapshot, const std::filesystem::path& path) {
  auto text = FormatSnapshot(snapshot);
  if (!text) return text.error().WithContext(path.string());
  return internal::WriteFileAtomically(path, *text);
}

Result<model::ListSnapshot> ParseSnapshot(std::string_view bytes, std::string_view name) {
  return Parse(bytes, name, /*header_only=*/false);
}

Result<model::ListSnapshot> ReadSnapshot(const std::filesystem::path& path) {
  auto bytes = internal::ReadSourceFile(path);
  if (!bytes) return bytes.error();
  return Parse(*bytes, path.string(), /*header_only=*/false);
}

Result<model::ListSnapshot> ReadSnapshotHeader(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return MakeError(ErrorCode::kInvalidArgument, path.string() + ": is a directory, not a snapshot file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path.string() + ": cannot open file");
  std::string first;
  std::getline(in, first);
  return Parse(first, path.string(), /*header_only=*/true);
}

}  // namespace highfence::lists
