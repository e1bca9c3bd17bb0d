// SPDX-License-Identifier: Apache-2.0
#include "cli/commands/keywords.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/version.h"
#include "domain/technology/keyword_list.h"

namespace highfence::cli {
namespace {

namespace fs = std::filesystem;
using technology::KeywordList;

struct KeywordsArgs {
  std::string dir;
  int area = 0;
  std::string lang;
  std::string source_doc;
  std::vector<std::string> files;
  std::string to;
  bool force = false;
};

fs::path Dir(const KeywordsArgs& a) {
  return a.dir.empty() ? DefaultDataDir() / "keywords" : fs::path(a.dir);
}

Result<std::string> ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, p.string() + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int List(const KeywordsArgs& a) {
  auto list = technology::LoadKeywordDirectory(Dir(a));
  if (!list) return Fail(list.error());
  for (const auto& k : list->keywords) {
    if (a.area && std::find(k.areas.begin(), k.areas.end(), a.area) == k.areas.end()) continue;
    if (!a.lang.empty() && k.lang != a.lang) continue;
    if (!a.source_doc.empty() && technology::SourceDocumentId(k.source_doc) != a.source_doc) continue;
    std::string areas;
    for (int n : k.areas) areas += (areas.empty() ? "" : ";") + std::to_string(n);
    std::cout << fmt::format("{}\t{}\t{}\t{:.2f}\t{}\t{}\t{}\n", k.id, k.lang, k.term, k.weight, areas, k.source_ref,
                             technology::DerivationId(k.derivation));
  }
  return kExitOk;
}

int Stats(const KeywordsArgs& a) {
  auto list = technology::LoadKeywordDirectory(Dir(a));
  if (!list) return Fail(list.error());
  std::cout << fmt::format("keyword lists {} in {}: {} keywords, {} readiness cues\n\n", list->version, Dir(a).string(),
                           list->keywords.size(), list->cues.size());
  std::cout << "file\trows\tas_of\tlicence\n";
  for (const auto& f : list->files)
    std::cout << fmt::format("{}\t{}\t{}\t{}\n", fs::path(f.path).filename().string(), f.rows, f.as_of, f.licence);
  std::map<int, std::pair<int, int>> per_area;
  std::map<std::string, int> per_derivation;
  for (const auto& k : list->keywords) {
    for (int n : k.areas) (k.lang == "ja" ? per_area[n].first : per_area[n].second)++;
    per_derivation[std::string(technology::DerivationId(k.derivation))]++;
  }
  std::cout << "\narea\tja\ten\tname\n";
  for (const auto& area : technology::TechnologyAreas())
    std::cout << fmt::format("{}\t{}\t{}\t{}\n", area.number, per_area[area.number].first, per_area[area.number].second,
                             area.name_ja);
  std::cout << "\nderivation\tkeywords\n";
  for (const auto& [d, n] : per_derivation) std::cout << d << "\t" << n << "\n";
  return kExitOk;
}

// Parses each file on its own (so errors name it), then together with the installed lists.
Result<KeywordList> Validate(const std::vector<std::string>& files, const fs::path& installed_dir,
                             bool with_installed) {
  KeywordList list;
  if (with_installed) {
    auto installed = technology::LoadKeywordDirectory(installed_dir);
    if (!installed) return installed.error();
    list = std::move(*installed);
  }
  for (const auto& f : files) {
    auto bytes = ReadAll(f);
    if (!bytes) return bytes.error();
    // A file replacing an installed one of the same name is checked instead of it.
    std::string name = fs::path(f).filename().string();
    std::erase_if(list.keywords, [&](const auto& k) { return fs::path(k.file).filename() == name; });
    std::erase_if(list.files, [&](const auto& kf) { return fs::path(kf.path).filename() == name; });
    auto r = name == "readiness_cues.tsv" ? technology::ParseReadinessCueFile(*bytes, f, list)
                                          : technology::ParseKeywordFile(*bytes, f, list);
    if (!r) return r.error();
  }
  if (auto r = technology::Finalize(list); !r) return r.error();
  return list;
}

int Check(const KeywordsArgs& a) {
  auto list = Validate(a.files, Dir(a), !a.dir.empty() || a.files.empty());
  if (!list) return Fail(list.error());
  std::cout << fmt::format("ok: {} keywords, {} cues in {} file(s); version {}\n", list->keywords.size(),
                           list->cues.size(), list->files.size(), list->version);
  return kExitOk;
}

// Installs keyword files in our format into the list directory: validated alone and together
// with the installed lists first, then written to a temporary file and renamed, so a bad
// file never leaves the installed lists half-written.
int Import(const KeywordsArgs& a) {
  fs::path to = a.to.empty() ? Dir(a) : fs::path(a.to);
  for (const auto& f : a.files) {
    if (fs::path(f).extension() != ".tsv")
      return Fail(MakeError(ErrorCode::kUnimplemented,
                            f + ": only keyword files in highfence's format (.tsv, docs/formats/keywords.md) can be "
                                "imported; convert an official CSV/XLSX first (docs/keywords.md)"));
    fs::path target = to / fs::path(f).filename();
    if (fs::exists(target) && !a.force)
      return Fail(MakeError(ErrorCode::kAlreadyExists, target.string() + ": exists; use --force to replace it"));
  }
  KeywordsArgs check = a;
  check.dir = to.string();
  auto list = Validate(a.files, to, fs::exists(to));
  if (!list) return Fail(list.error());
  std::error_code ec;
  fs::create_directories(to, ec);
  for (const auto& f : a.files) {
    auto bytes = ReadAll(f);
    if (!bytes) return Fail(bytes.error());
    fs::path target = to / fs::path(f).filename();
    fs::path tmp = target;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << *bytes;
      if (!out) return Fail(MakeError(ErrorCode::kUnavailable, tmp.string() + ": cannot write"));
    }
    fs::rename(tmp, target, ec);
    if (ec) return Fail(MakeError(ErrorCode::kUnavailable, target.string() + ": cannot install: " + ec.message()));
    std::cout << "imported " << f << " → " << target.string() << "\n";
  }
  std::cout << fmt::format("keyword lists now {} ({} keywords)\n", list->version, list->keywords.size());
  return kExitOk;
}

}  // namespace

void AddKeywordsCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<KeywordsArgs>();
  CLI::App* cmd = app.add_subcommand("keywords", "Inspect, validate and import technology keyword lists");
  cmd->require_subcommand(1);
  cmd->add_option("--dir", args->dir, "Keyword list directory (default: the shipped data/keywords)");
  CLI::App* list = cmd->add_subcommand("list", "Print keywords (id, lang, term, weight, areas, source, derivation)");
  list->add_option("--area", args->area, "Only this area (1–20)")->check(CLI::Range(1, 20));
  list->add_option("--lang", args->lang, "Only ja or en")->check(CLI::IsMember({"ja", "en"}));
  list->add_option("--source-doc", args->source_doc, "Only this source document (export_control, …)");
  list->callback([args, &status] { status = List(*args); });
  CLI::App* stats = cmd->add_subcommand("stats", "Counts per file, per area and language, per derivation");
  stats->callback([args, &status] { status = Stats(*args); });
  CLI::App* check = cmd->add_subcommand("check", "Validate keyword files (each alone, then with the installed lists)");
  check->add_option("files", args->files, "Files to check (default: the installed lists)");
  check->callback([args, &status] { status = Check(*args); });
  CLI::App* imp = cmd->add_subcommand("import", "Validate keyword files and install them into the list directory");
  imp->add_option("files", args->files, "Keyword files in highfence's format (docs/formats/keywords.md)")->required();
  imp->add_option("--to", args->to, "Target directory (default: the list directory)");
  imp->add_flag("--force", args->force, "Replace an installed file of the same name");
  imp->callback([args, &status] { status = Import(*args); });
}

}  // namespace highfence::cli
