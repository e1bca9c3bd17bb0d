// SPDX-License-Identifier: Apache-2.0
#include "cli/report/screen_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace highfence::cli {
namespace {

using nlohmann::json;
using screening::ScreeningResult;
using technology::Keyword;

std::string LevelText(const rules::Classification& c) {
  if (c.level) return std::string(rules::RiskLevelId(*c.level));
  return "pending (" + std::string(rules::RiskLevelId(c.min_level)) + "–" +
         std::string(rules::RiskLevelId(c.max_level)) + ")";
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return out;
}

std::string Weight(double w) {
  return fmt::format("{:.2f}", w);
}

std::string AreaName(int n) {
  const auto* a = technology::FindTechnologyArea(n);
  return a ? fmt::format("{} {}", n, a->name_ja) : std::to_string(n);
}

std::string AreaNameEn(int n) {
  const auto* a = technology::FindTechnologyArea(n);
  return a ? std::string(a->name_en) : "";
}

// The strongest passages: the first occurrence of each distinct keyword, most specific first.
std::vector<const screening::KeywordHit*> StrongestHits(const screening::Screener& s, const ScreeningResult& r,
                                                        size_t n) {
  std::map<size_t, const screening::KeywordHit*> first;
  for (const auto& h : r.hits) first.try_emplace(h.keyword, &h);
  std::vector<const screening::KeywordHit*> out;
  for (auto& [_, h] : first) out.push_back(h);
  const auto& kws = s.keywords().keywords;
  std::stable_sort(out.begin(), out.end(), [&](auto* a, auto* b) {
    if (kws[a->keyword].weight != kws[b->keyword].weight) return kws[a->keyword].weight > kws[b->keyword].weight;
    return a->span.begin < b->span.begin;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

json PassageJson(const text::Passage& p) {
  return {{"before", p.before}, {"match", p.match}, {"after", p.after}};
}

json ClassificationJson(const rules::Classification& c) {
  json j;
  j["level"] = c.level ? json(rules::RiskLevelId(*c.level)) : json(nullptr);
  j["level_range"] = {rules::RiskLevelId(c.min_level), rules::RiskLevelId(c.max_level)};
  j["keyword_hit"] = rules::KeywordHitId(c.keyword_hit);
  j["keyword_hit_screened"] = rules::KeywordHitId(c.keyword_hit_screened);
  j["keyword_hit_overridden"] = c.keyword_hit_overridden;
  j["realisation"] = c.realisation ? json(rules::RealisationId(*c.realisation)) : json(nullptr);
  j["actions"] = {{"rs_questionnaire", rules::RequirementId(c.actions.rs_questionnaire)},
                  {"publication_management", rules::RequirementId(c.actions.publication_management)}};
  j["reasons"] = c.reasons;
  j["missing_answers"] = c.missing_answers;
  j["warnings"] = c.warnings;
  return j;
}

// JSON string escaping for the hits array, which is written by hand: a proposal can have
// thousands of hits, and building them as nlohmann objects (std::map per object) took 80 % of
// a JSON run. UTF-8 passes through; quotes, backslashes and control characters are escaped.
void AppendJsonString(std::string& out, std::string_view v) {
  out += '"';
  for (char c : v) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        else
          out += c;
    }
  }
  out += '"';
}

void AppendPassage(std::string& out, const text::Passage& p) {
  out += "{\"before\":";
  AppendJsonString(out, p.before);
  out += ",\"match\":";
  AppendJsonString(out, p.match);
  out += ",\"after\":";
  AppendJsonString(out, p.after);
  out += '}';
}

std::string HitsJson(const screening::Screener& s, const ScreeningResult& r) {
  const auto& kws = s.keywords().keywords;
  std::string out = "[";
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const auto& h = r.hits[i];
    const Keyword& k = kws[h.keyword];
    out += i ? ",{" : "{";
    out += "\"keyword_id\":";
    AppendJsonString(out, k.id);
    out += ",\"term\":";
    AppendJsonString(out, k.term);
    out += ",\"lang\":";
    AppendJsonString(out, k.lang);
    out += ",\"matched\":";
    AppendJsonString(out, h.matched);
    out += ",\"areas\":[";
    for (size_t a = 0; a < k.areas.size(); ++a) out += (a ? "," : "") + std::to_string(k.areas[a]);
    out += "],\"source_doc\":";
    AppendJsonString(out, technology::SourceDocumentId(k.source_doc));
    out += ",\"source_ref\":";
    AppendJsonString(out, k.source_ref);
    out += ",\"derivation\":";
    AppendJsonString(out, technology::DerivationId(k.derivation));
    out += fmt::format(",\"weight\":{},\"page\":{},\"offsets\":[{},{}],\"passage\":", k.weight, h.page, h.span.begin,
                       h.span.end);
    if (h.passage)
      AppendPassage(out, *h.passage);
    else
      out += "null";
    out += '}';
  }
  return out + "]";
}

json ResultJson(const screening::Screener& s, const ScreeningResult& r) {
  json j;
  j["document"] = r.document;
  j["format"] = documents::FormatName(r.format);
  j["encoding"] = r.encoding;
  j["pages"] = r.pages;
  j["bytes"] = r.bytes;
  j["warnings"] = r.warnings;
  j["keyword_list_version"] = r.keyword_list_version;
  j["classification"] = ClassificationJson(r.classification);
  json areas = json::array();
  for (const auto& a : r.areas)
    areas.push_back({{"area", a.area},
                     {"name_ja", technology::FindTechnologyArea(a.area)->name_ja},
                     {"name_en", AreaNameEn(a.area)},
                     {"hits", a.hits},
                     {"keywords", a.keywords},
                     {"max_weight", a.max_weight}});
  j["areas"] = areas;
  json cues = json::array();
  for (const auto& c : r.cues) {
    const auto& cue = s.keywords().cues[c.cue];
    cues.push_back({{"cue_id", cue.id},
                    {"term", cue.term},
                    {"cue", cue.cue},
                    {"page", c.page},
                    {"offsets", {c.span.begin, c.span.end}},
                    {"passage", PassageJson(c.passage)}});
  }
  j["readiness_cues"] = cues;
  if (r.answers) {
    const auto& a = *r.answers;
    json aj{{"file", a.file}, {"scenario", a.scenario}, {"officer", a.officer}, {"answered_on", a.answered_on}};
    aj["trl_start"] = a.trl_start ? json(*a.trl_start) : json(nullptr);
    aj["trl_end"] = a.trl_end ? json(*a.trl_end) : json(nullptr);
    aj["scope"] = a.scope ? json(*a.scope == rules::DevelopmentScope::kSystem ? "system" : "element") : json(nullptr);
    aj["implementation_within_period"] =
        a.implementation_within_period ? json(*a.implementation_within_period) : json(nullptr);
    j["answers"] = aj;
  } else {
    j["answers"] = nullptr;
  }
  return j;
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* LevelColor(std::string_view level) {
  if (level == "red") return "\033[1;31m";
  if (level == "yellow") return "\033[1;33m";
  if (level == "green") return "\033[1;32m";
  return "\033[1m";
}

// The result object with its hand-written hits array spliced in before the closing brace.
std::string ResultJsonText(const screening::Screener& s, const ScreeningResult& r) {
  std::string body = ResultJson(s, r).dump();
  body.pop_back();  // the closing '}'
  return body + ",\"hits\":" + HitsJson(s, r) + "}";
}

}  // namespace

std::string RenderResultJson(const screening::Screener& s, const ScreeningResult& r) {
  return ResultJsonText(s, r);
}

std::string RenderJson(const screening::Screener& s, const BatchReport& report) {
  json j;
  j["tool"] = "highfence";
  j["tool_version"] = report.tool_version;
  j["generated_at"] = report.generated_at;
  j["keyword_list_version"] = report.keyword_list_version;
  json files = json::array();
  for (const auto& f : s.keywords().files)
    files.push_back({{"path", f.path},
                     {"name", f.name},
                     {"as_of", f.as_of},
                     {"licence", f.licence},
                     {"sha256", f.sha256},
                     {"rows", f.rows}});
  j["keyword_files"] = files;
  std::map<std::string, int> counts{{"red", 0}, {"yellow", 0}, {"green", 0}, {"pending", 0}};
  for (const auto& r : report.results)
    counts[r.classification.level ? std::string(rules::RiskLevelId(*r.classification.level)) : "pending"]++;
  json failures = json::array();
  for (const auto& f : report.failures)
    failures.push_back({{"file", f.file}, {"code", f.code}, {"message", f.message}});
  j["failures"] = failures;
  j["summary"] = {
      {"screened", report.results.size()}, {"failed", report.failures.size()}, {"red", counts["red"]},
      {"yellow", counts["yellow"]},        {"green", counts["green"]},         {"pending", counts["pending"]}};
  // Each result is built, serialised and freed in turn (one result per line), so a batch never
  // holds the whole document tree in memory.
  j["results"] = json::array();
  std::string head = j.dump(2);
  const std::string marker = "\"results\": []";
  const size_t at = head.find(marker);
  std::string out = head.substr(0, at) + "\"results\": [";
  for (size_t i = 0; i < report.results.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    out += ResultJsonText(s, report.results[i]);
  }
  out += report.results.empty() ? "]" : "\n  ]";
  out += head.substr(at + marker.size());
  return out + "\n";
}

std::string RenderText(const screening::Screener& s, const BatchReport& report, bool color) {
  const auto& kws = s.keywords().keywords;
  std::string out;
  auto paint = [&](std::string_view level, const std::string& text) {
    return color ? std::string(LevelColor(level)) + text + "\033[0m" : text;
  };
  int red = 0, yellow = 0, green = 0, pending = 0;
  for (const auto& r : report.results) {
    const auto& c = r.classification;
    std::string level = c.level ? std::string(rules::RiskLevelId(*c.level)) : "pending";
    (level == "red" ? red : level == "yellow" ? yellow : level == "green" ? green : pending)++;
    std::string head = c.level ? fmt::format("{} {}", Upper(rules::RiskLevelId(*c.level)), rules::RiskLevelJa(*c.level))
                               : LevelText(c);
    out += fmt::format("{}  [{}, {} page{}]  {}  (keyword {}{}, realisation {})\n", r.document,
                       documents::FormatName(r.format), r.pages, r.pages == 1 ? "" : "s", paint(level, head),
                       rules::KeywordHitSymbol(c.keyword_hit), c.keyword_hit_overridden ? " by officer" : "",
                       c.realisation ? std::string(rules::RealisationSymbol(*c.realisation)) : "?");
    out +=
        fmt::format("  RS questionnaire: {} {} · publication management: {} {}{}\n",
                    rules::RequirementId(c.actions.rs_questionnaire), rules::RequirementJa(c.actions.rs_questionnaire),
                    rules::RequirementId(c.actions.publication_management),
                    rules::RequirementJa(c.actions.publication_management), c.level ? "" : " (until answered)");
    if (!r.areas.empty()) {
      out += "  areas:";
      for (size_t i = 0; i < r.areas.size() && i < 6; ++i)
        out += fmt::format("{} {} ({} hit{}, {} keyword{})", i ? " ·" : "", AreaName(r.areas[i].area), r.areas[i].hits,
                           r.areas[i].hits == 1 ? "" : "s", r.areas[i].keywords, r.areas[i].keywords == 1 ? "" : "s");
      out += r.areas.size() > 6 ? fmt::format(" · {} more\n", r.areas.size() - 6) : "\n";
    }
    auto strongest = StrongestHits(s, r, 5);
    if (!strongest.empty()) out += "  strongest passages:\n";
    for (const auto* h : strongest) {
      const Keyword& k = kws[h->keyword];
      out += fmt::format("    p.{:<3} {} [{}] {}\n           …{}【{}】{}…\n", h->page, k.term, Weight(k.weight),
                         technology::SourceEntry(k), h->passage->before, h->passage->match, h->passage->after);
    }
    if (!r.cues.empty()) {
      out += "  readiness cues (suggestions only, never decide the level):";
      std::map<std::string, int> seen;
      for (const auto& cue : r.cues) seen[s.keywords().cues[cue.cue].term]++;
      int n = 0;
      for (const auto& [term, count] : seen) out += fmt::format("{} {}×{}", n++ ? "," : "", term, count);
      out += "\n";
    }
    out += "  reasons:\n";
    for (const auto& reason : c.reasons) out += "    - " + reason + "\n";
    if (!c.missing_answers.empty()) {
      out += "  missing answers:";
      for (const auto& m : c.missing_answers) out += " " + m;
      out += " (see docs/formats/answers.md)\n";
    }
    for (const auto& w : c.warnings) out += "  warning: " + w + "\n";
    for (const auto& w : r.warnings) out += "  note: " + w + "\n";
    out += "\n";
  }
  out += fmt::format("{} screened: {} red, {} yellow, {} green, {} pending answers; {} failed  (keyword lists {})\n",
                     report.results.size(), red, yellow, green, pending, report.failures.size(),
                     report.keyword_list_version);
  for (const auto& f : report.failures) out += fmt::format("  failed: {}\n", f.message);
  return out;
}

std::string RenderHtml(const screening::Screener& s, const BatchReport& report, const ScreeningResult& r) {
  const auto& kws = s.keywords().keywords;
  const auto& c = r.classification;
  std::string level = c.level ? std::string(rules::RiskLevelId(*c.level)) : "pending";
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\n";
  h += "<title>highfence screening — " + Escape(r.document) + "</title>\n";
  h += R"(<style>
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.5}
h1{font-size:1.4em;margin-bottom:.2em} h2{font-size:1.1em;border-bottom:1px solid #ccc;margin-top:1.6em}
.level{display:inline-block;padding:.2em .8em;border-radius:.3em;font-weight:bold;color:#fff}
.red{background:#c0392b}.yellow{background:#d4a017}.green{background:#2e8b57}.pending{background:#777}
table{border-collapse:collapse;width:100%;font-size:.9em} td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
mark{background:#ffe08a;font-weight:bold} .meta{color:#555;font-size:.85em} .reason{font-family:monospace;font-size:.85em}
@media print{body{margin:0;max-width:none} .level{-webkit-print-color-adjust:exact;print-color-adjust:exact} tr{page-break-inside:avoid}}
</style></head><body>
)";
  h += "<h1>" + Escape(r.document) + "</h1>\n";
  h += fmt::format("<p class=\"meta\">{} · {} page(s) · {} · keyword lists {} · highfence {} · {}</p>\n",
                   documents::FormatName(r.format), r.pages, Escape(r.encoding), Escape(r.keyword_list_version),
                   Escape(report.tool_version), Escape(report.generated_at));
  h += fmt::format(
      "<p><span class=\"level {}\">{}</span> keyword {}{} × realisation {}</p>\n", level,
      Escape(c.level ? fmt::format("{} {}", rules::RiskLevelId(*c.level), rules::RiskLevelJa(*c.level)) : LevelText(c)),
      rules::KeywordHitSymbol(c.keyword_hit), c.keyword_hit_overridden ? " (officer)" : "",
      c.realisation ? std::string(rules::RealisationSymbol(*c.realisation)) : "?");
  h += "<table><tr><th>RSアンケート / RS questionnaire</th><th>成果公開の管理 / publication management</th></tr>";
  h += fmt::format("<tr><td>{} ({})</td><td>{} ({})</td></tr></table>\n",
                   rules::RequirementJa(c.actions.rs_questionnaire), rules::RequirementId(c.actions.rs_questionnaire),
                   rules::RequirementJa(c.actions.publication_management),
                   rules::RequirementId(c.actions.publication_management));
  h += "<h2>判定理由 / Reasons</h2><ul>\n";
  for (const auto& reason : c.reasons) h += "<li class=\"reason\">" + Escape(reason) + "</li>\n";
  h += "</ul>\n";
  if (!c.missing_answers.empty()) {
    h += "<p><b>未回答 / Missing answers:</b> ";
    for (const auto& m : c.missing_answers) h += Escape(m) + " ";
    h += "</p>\n";
  }
  for (const auto& w : c.warnings) h += "<p><b>warning:</b> " + Escape(w) + "</p>\n";
  if (!r.areas.empty()) {
    h += "<h2>技術領域 / Technology "
         "areas</h2><table><tr><th>#</th><th>領域</th><th>Area</th><th>hits</th><th>keywords</th><th>max "
         "weight</th></tr>\n";
    for (const auto& a : r.areas)
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", a.area,
                       Escape(technology::FindTechnologyArea(a.area)->name_ja), Escape(AreaNameEn(a.area)), a.hits,
                       a.keywords, Weight(a.max_weight));
    h += "</table>\n";
  }
  if (!r.hits.empty()) {
    h += "<h2>該当箇所 / Passages</h2><table><tr><th>page</th><th>keyword</th><th>source</th><th>passage</th></tr>\n";
    for (const auto& hit : r.hits) {
      if (!hit.passage) continue;  // later occurrences: counted in the areas table, not repeated
      const Keyword& k = kws[hit.keyword];
      h += fmt::format(
          "<tr><td>{}</td><td>{}<br><span class=\"meta\">{} · weight {} · {}</span></td><td>{}<br>{}</td>"
          "<td>…{}<mark>{}</mark>{}…</td></tr>\n",
          hit.page, Escape(k.term), Escape(k.id), Weight(k.weight), technology::DerivationId(k.derivation),
          Escape(technology::SourceDocumentLabel(k.source_doc)), Escape(k.source_ref), Escape(hit.passage->before),
          Escape(hit.passage->match), Escape(hit.passage->after));
    }
    h += "</table>\n";
  }
  if (!r.cues.empty()) {
    h += "<h2>成熟度の手がかり / Readiness cues (suggestions "
         "only)</h2><table><tr><th>page</th><th>cue</th><th>passage</th></tr>\n";
    for (const auto& cue : r.cues) {
      const auto& rc = s.keywords().cues[cue.cue];
      h +=
          fmt::format("<tr><td>{}</td><td>{} ({})</td><td>…{}<mark>{}</mark>{}…</td></tr>\n", cue.page, Escape(rc.term),
                      Escape(rc.cue), Escape(cue.passage.before), Escape(cue.passage.match), Escape(cue.passage.after));
    }
    h += "</table>\n";
  }
  if (r.answers) {
    const auto& a = *r.answers;
    h += "<h2>担当者の回答 / Officer's answers</h2><table>\n";
    auto row = [&](const char* k, const std::string& v) {
      h += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", k, Escape(v));
    };
    row("file", a.file);
    row("TRL",
        (a.trl_start ? std::to_string(*a.trl_start) : "?") + " → " + (a.trl_end ? std::to_string(*a.trl_end) : "?"));
    row("scope", a.scope ? (*a.scope == rules::DevelopmentScope::kSystem ? "system" : "element") : "?");
    row("implementation within period",
        a.implementation_within_period ? (*a.implementation_within_period ? "yes" : "no") : "?");
    row("scenario", a.scenario);
    row("officer", a.officer + " " + a.answered_on);
    h += "</table>\n";
  }
  h += "<p class=\"meta\">A flag is evidence for a person, never a decision. Nationality is never an input.</p>\n";
  h += "</body></html>\n";
  return h;
}

}  // namespace highfence::cli
