// SPDX-License-Identifier: Apache-2.0
#include "domain/lists/ofac/ofac.h"

#include <map>
#include <string>

#include "domain/lists/internal/import_util.h"

namespace highfence::lists {
namespace {

constexpr std::string_view kListId = "ofac";

std::string Field(const std::vector<std::string>& f, size_t i) {
  if (i >= f.size()) return {};
  std::string v = internal::Trim(f[i]);
  return v == "-0-" ? std::string() : v;
}

bool IsNumber(std::string_view s) {
  return !s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// Reads one header-less OFAC file; checks the first record has `columns` fields and a numeric
// ent_num, and rejects later records that do not.
Result<std::vector<tables::CsvRecord>> ReadOfacCsv(std::string_view bytes, const std::string& file, size_t columns,
                                                   model::ImportReport& report) {
  if (auto r = internal::RequireText(bytes, file, "OFAC CSV"); !r) return r.error();
  tables::CsvTable t = tables::ReadCsv(bytes, {});
  for (const tables::CsvProblem& p : t.problems) internal::Reject(report, file, p.line, p.reason);
  if (!t.records.empty()) {
    const auto& first = t.records.front().fields;
    if (first.size() != columns || !IsNumber(internal::Trim(first[0]))) {
      return MakeError(ErrorCode::kInvalidArgument, file + ": not an OFAC " + std::to_string(columns) +
                                                        "-column header-less CSV (first record has " +
                                                        std::to_string(first.size()) + " fields)");
    }
  }
  std::vector<tables::CsvRecord> out;
  for (auto& r : t.records) {
    if (r.fields.size() != columns) {
      internal::Reject(report, file, r.line,
                       "expected " + std::to_string(columns) + " fields, found " + std::to_string(r.fields.size()));
      continue;
    }
    if (!IsNumber(internal::Trim(r.fields[0]))) {
      internal::Reject(report, file, r.line, "ent_num \"" + internal::Trim(r.fields[0]) + "\" is not a number");
      continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string Programmes(std::string p) {
  // "SDGT] [IFSR" → "SDGT; IFSR"
  for (size_t at = p.find("] ["); at != std::string::npos; at = p.find("] [")) p.replace(at, 3, "; ");
  return p;
}

}  // namespace

Result<model::ListSnapshot> ParseOfac(const OfacFiles& files, std::string_view dir_name) {
  const std::string dir(dir_name);
  const std::string sdn_file = dir + "sdn.csv", alt_file = dir + "alt.csv", add_file = dir + "add.csv",
                    comments_file = dir + "sdn_comments.csv";
  std::string all;
  all.reserve(files.sdn.size() + files.alt.size() + files.add.size() + files.comments.size());
  all.append(files.sdn).append(files.alt).append(files.add).append(files.comments);
  model::ListSnapshot snap = internal::StartSnapshot(kListId, all, "sdn.csv");
  snap.version_date = internal::DateFromName(dir_name);

  auto sdn = ReadOfacCsv(files.sdn, sdn_file, 12, snap.report);
  if (!sdn) return sdn.error();
  if (sdn->empty()) return MakeError(ErrorCode::kInvalidArgument, sdn_file + ": no SDN records");
  std::map<std::string, size_t> by_id;
  for (const auto& r : *sdn) {
    ++snap.report.rows_read;
    const auto& f = r.fields;
    std::string id = Field(f, 0), primary = Field(f, 1);
    if (primary.empty()) {
      internal::Reject(snap.report, sdn_file, r.line, "ent_num " + id + ": SDN_Name is empty");
      continue;
    }
    if (by_id.count(id)) {
      internal::Reject(snap.report, sdn_file, r.line, "ent_num " + id + " appears twice");
      continue;
    }
    model::ListEntry e;
    e.list_id = std::string(kListId);
    e.entry_id = id;
    std::string type = Field(f, 2);
    e.type = type == "individual" ? model::EntityType::kPerson
             : type == "vessel"   ? model::EntityType::kVessel
             : type == "aircraft" ? model::EntityType::kOther
                                  : model::EntityType::kOrganisation;
    e.source_line = r.line;
    internal::AddName(e, primary, model::NameKind::kPrimary);
    e.programme = Programmes(Field(f, 3));
    e.remarks = Field(f, 11);
    std::string title = Field(f, 4);
    if (!title.empty()) e.reason = "title: " + title;
    std::string flag = Field(f, 9);
    if (!flag.empty()) e.countries.push_back(internal::MakeCountry(flag));
    e.source_address = snap.source_address;
    by_id[id] = snap.entries.size();
    snap.entries.push_back(std::move(e));
  }

  auto find = [&](const std::string& id, const std::string& file, int line) -> model::ListEntry* {
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      internal::Reject(snap.report, file, line, "ent_num " + id + " is not in sdn.csv");
      return nullptr;
    }
    return &snap.entries[it->second];
  };

  if (!files.alt.empty()) {
    auto alt = ReadOfacCsv(files.alt, alt_file, 5, snap.report);
    if (!alt) return alt.error();
    for (const auto& r : *alt) {
      model::ListEntry* e = find(Field(r.fields, 0), alt_file, r.line);
      if (e == nullptr) continue;
      std::string text = Field(r.fields, 3), type = Field(r.fields, 2);
      if (text.empty()) {
        internal::Reject(snap.report, alt_file, r.line, "alt_name is empty");
        continue;
      }
      model::NameKind kind = type == "fka"                      ? model::NameKind::kFormer
                             : internal::LooksLikeAcronym(text) ? model::NameKind::kAcronym
                                                                : model::NameKind::kAlias;
      internal::AddName(*e, text, kind);
    }
  }
  if (!files.add.empty()) {
    auto add = ReadOfacCsv(files.add, add_file, 6, snap.report);
    if (!add) return add.error();
    for (const auto& r : *add) {
      model::ListEntry* e = find(Field(r.fields, 0), add_file, r.line);
      if (e == nullptr) continue;
      std::string street = Field(r.fields, 2), city = Field(r.fields, 3), country = Field(r.fields, 4);
      model::Address a;
      for (const std::string& p : {street, city, country}) {
        if (!p.empty()) a.text += (a.text.empty() ? "" : ", ") + p;
      }
      if (a.text.empty()) continue;
      a.city = city;
      a.country_code = internal::CountryCode(country);
      if (!country.empty()) {
        bool have = false;
        for (const model::Country& c : e->countries) have = have || c.name == country;
        if (!have) e->countries.push_back(internal::MakeCountry(country));
      }
      e->addresses.push_back(std::move(a));
    }
  }
  if (!files.comments.empty()) {
    auto comments = ReadOfacCsv(files.comments, comments_file, 2, snap.report);
    if (!comments) return comments.error();
    for (const auto& r : *comments) {
      model::ListEntry* e = find(Field(r.fields, 0), comments_file, r.line);
      if (e != nullptr) e->remarks += Field(r.fields, 1);
    }
  }
  internal::Finish(snap);
  return snap;
}

Result<model::ListSnapshot> ImportOfac(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::is_directory(path, ec) ? path : path.parent_path();
  std::filesystem::path sdn_path = std::filesystem::is_directory(path, ec) ? dir / "sdn.csv" : path;
  auto sdn = internal::ReadSourceFile(sdn_path);
  if (!sdn) return sdn.error();
  auto alt = internal::ReadSourceFile(dir / "alt.csv");
  if (!alt) return alt.error();
  auto add = internal::ReadSourceFile(dir / "add.csv");
  if (!add) return add.error();
  std::string comments;
  if (std::filesystem::exists(dir / "sdn_comments.csv", ec)) {
    auto c = internal::ReadSourceFile(dir / "sdn_comments.csv");
    if (!c) return c.error();
    comments = std::move(*c);
  }
  std::string dir_name = dir.filename().string();
  return ParseOfac({*sdn, *alt, *add, comments}, dir_name.empty() ? std::string() : dir_name + "/");
}

}  // namespace highfence::lists
