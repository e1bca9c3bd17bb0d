// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/registry_file.h"

#include <zlib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "domain/lists/internal/import_util.h"
#include "engines/tables/gzip_lines.h"

namespace highfence::lists {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json HeaderJson(const model::Registry& r) {
  ordered_json h;
  h["format"] = kRegistryFormat;
  h["format_version"] = kRegistryFormatVersion;
  h["registry_id"] = r.registry_id;
  h["title"] = r.title;
  h["version_date"] = r.version_date;
  h["content_hash"] = r.content_hash;
  h["licence"] = r.licence;
  h["source_file"] = r.source_file;
  h["records"] = r.records.size();
  h["rows_read"] = r.report.rows_read;
  h["names"] = r.report.names;
  h["rejected"] = r.report.rejected;
  h["notes"] = r.report.notes;
  return h;
}

ordered_json RecordJson(const model::OrgRecord& o) {
  ordered_json j;
  j["id"] = o.id;
  if (!o.status.empty()) j["status"] = o.status;
  ordered_json names = ordered_json::array();
  for (const model::Name& n : o.names) {
    ordered_json x;
    x["text"] = n.text;
    if (!n.language.empty()) x["language"] = n.language;
    x["kind"] = model::NameKindName(n.kind);
    names.push_back(std::move(x));
  }
  j["names"] = std::move(names);
  if (!o.country_code.empty()) j["country"] = o.country_code;
  if (!o.city.empty()) j["city"] = o.city;
  for (const char* type : {"parent", "child"}) {
    ordered_json ids = ordered_json::array();
    for (const model::OrgRelation& rel : o.relationships) {
      if (rel.type == type) ids.push_back(rel.id);
    }
    if (!ids.empty()) j[type] = std::move(ids);
  }
  return j;
}

Result<std::string> Gzip(std::string_view text) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return MakeError(ErrorCode::kInternal, "zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return MakeError(ErrorCode::kInternal, "zlib: deflate did not finish");
  return out;
}

struct Where {
  std::string_view file;
  int line = 0;
  Error Bad(std::string_view field, std::string_view what) const {
    return MakeError(ErrorCode::kInvalidArgument, std::string(file) + ":" + std::to_string(line) + ": " +
                                                      std::string(field) + ": " + std::string(what));
  }
};

// The string under key ("" when absent); fails naming the field when it is not a string.
Result<std::string> Str(const json& o, const char* key, const std::string& path, const Where& w) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::string();
  if (!it->is_string()) return w.Bad(path + key, "expected a string");
  return it->get<std::string>();
}

Result<int> Count(const json& o, const char* key, const Where& w) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > INT32_MAX)
    return w.Bad(key, "expected a non-negative integer");
  return it->get<int>();
}

Result<void> ParseHeader(const json& h, const Where& w, model::Registry& r, int& expected) {
  auto format = Str(h, "format", "", w);
  if (!format) return format.error();
  if (*format != kRegistryFormat) return w.Bad("format", "not \"" + std::string(kRegistryFormat) + "\"");
  auto version = Count(h, "format_version", w);
  if (!version) return version.error();
  if (*version != kRegistryFormatVersion)
    return MakeError(ErrorCode::kUnimplemented,
                     std::string(w.file) + ":1: format_version: " + std::to_string(*version) + " is not supported");
  for (auto [key, field] : {std::pair{"registry_id", &r.registry_id}, std::pair{"title", &r.title},
                            std::pair{"version_date", &r.version_date}, std::pair{"content_hash", &r.content_hash},
                            std::pair{"licence", &r.licence}, std::pair{"source_file", &r.source_file}}) {
    auto v = Str(h, key, "", w);
    if (!v) return v.error();
    *field = std::move(*v);
  }
  if (r.registry_id.empty()) return w.Bad("registry_id", "missing");
  auto records = Count(h, "records", w);
  if (!records) return records.error();
  expected = *records;
  for (auto [key, field] : {std::pair{"rows_read", &r.report.rows_read}, std::pair{"names", &r.report.names},
                            std::pair{"rejected", &r.report.rejected}}) {
    if (h.contains(key)) {
      auto v = Count(h, key, w);
      if (!v) return v.error();
      *field = *v;
    }
  }
  if (auto it = h.find("notes"); it != h.end() && it->is_array()) {
    for (const json& n : *it) {
      if (!n.is_string()) return w.Bad("notes", "expected strings");
      r.report.notes.push_back(n.get<std::string>());
    }
  }
  r.report.entries = expected;
  return Ok();
}

Result<model::OrgRecord> ParseRecord(const json& j, const Where& w) {
  model::OrgRecord o;
  o.source_line = w.line;
  auto id = Str(j, "id", "", w);
  if (!id) return id.error();
  if (id->empty()) return w.Bad("id", "missing");
  o.id = std::move(*id);
  for (auto [key, field] :
       {std::pair{"status", &o.status}, std::pair{"country", &o.country_code}, std::pair{"city", &o.city}}) {
    auto v = Str(j, key, "", w);
    if (!v) return v.error();
    *field = std::move(*v);
  }
  auto names = j.find("names");
  if (names == j.end() || !names->is_array() || names->empty()) return w.Bad("names", "expected a non-empty array");
  for (size_t i = 0; i < names->size(); ++i) {
    const json& n = (*names)[i];
    std::string path = "names[" + std::to_string(i) + "].";
    if (!n.is_object()) return w.Bad(path, "expected an object");
    auto text = Str(n, "text", path, w);
    auto lang = text ? Str(n, "language", path, w) : text;
    auto kind = lang ? Str(n, "kind", path, w) : lang;
    if (!kind) return kind.error();
    model::NameKind k = model::NameKind::kPrimary;
    bool known = false;
    for (auto candidate : {model::NameKind::kPrimary, model::NameKind::kAlias, model::NameKind::kAcronym,
                           model::NameKind::kFormer, model::NameKind::kTranslation}) {
      if (*kind == model::NameKindName(candidate)) k = candidate, known = true;
    }
    if (!known) return w.Bad(path + "kind", "unknown name kind \"" + *kind + "\"");
    o.names.push_back(internal::MakeName(*text, k, *lang));
  }
  for (const char* type : {"parent", "child"}) {
    auto ids = j.find(type);
    if (ids == j.end()) continue;
    if (!ids->is_array()) return w.Bad(type, "expected an array of ids");
    for (const json& x : *ids) {
      if (!x.is_string()) return w.Bad(type, "expected an array of ids");
      o.relationships.push_back({type, x.get<std::string>(), ""});
    }
  }
  return o;
}

}  // namespace

Result<std::string> FormatRegistry(const model::Registry& registry) {
  if (registry.registry_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "registry: registry_id is empty");
  std::string text;
  try {
    text = HeaderJson(registry).dump(-1, ' ', false, json::error_handler_t::strict) + "\n";
    for (const model::OrgRecord& o : registry.records) {
      text += RecordJson(o).dump(-1, ' ', false, json::error_handler_t::strict);
      text += '\n';
    }
  } catch (const json::exception& ex) {
    return MakeError(ErrorCode::kInvalidArgument, registry.registry_id + ": " + ex.what());
  }
  return Gzip(text);
}

Result<void> WriteRegistry(const model::Registry& registry, const std::filesystem::path& path) {
  auto bytes = FormatRegistry(registry);
  if (!bytes) return bytes.error().WithContext(path.string());
  return internal::WriteFileAtomically(path, *bytes);
}

Result<model::Registry> ParseRegistry(std::string_view bytes, std::string_view name) {
  model::Registry r;
  int expected = -1;
  auto read = tables::ForEachGzipLine(bytes, name, {}, [&](int line, std::string_view text) -> Result<void> {
    Where w{name, line};
    if (text.empty()) return w.Bad("line", "empty line");
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return w.Bad("line", "not a JSON object");
    if (line == 1) return ParseHeader(j, w, r, expected);
    auto o = ParseRecord(j, w);
    if (!o) return o.error();
    r.records.push_back(std::move(*o));
    return Ok();
  });
  if (!read) return read.error();
  if (expected < 0) return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ": empty, not a registry file");
  if (static_cast<int>(r.records.size()) != expected)
    return MakeError(ErrorCode::kDataLoss, std::string(name) + ":1: records: the header counts " +
                                               std::to_string(expected) + " but the file holds " +
                                               std::to_string(r.records.size()));
  return r;
}

Result<model::Registry> ReadRegistry(const std::filesystem::path& path) {
  auto bytes = internal::ReadSourceFile(path);
  if (!bytes) return bytes.error();
  return ParseRegistry(*bytes, path.string());
}

}  // namespace highfence::lists
