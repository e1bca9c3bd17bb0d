// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/readiness_answers.h"

#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include <set>

namespace highfence::rules {
namespace {

Error Bad(std::string_view name, const toml::source_region& where, std::string_view key, std::string_view reason) {
  std::string msg = std::string(name);
  if (where.begin.line) msg += ":" + std::to_string(where.begin.line);
  msg += ": key \"" + std::string(key) + "\": " + std::string(reason);
  return MakeError(ErrorCode::kInvalidArgument, std::move(msg));
}

}  // namespace

Result<ReadinessAnswers> ParseReadinessAnswers(std::string_view bytes, std::string_view name) {
  toml::parse_result parsed = toml::parse(bytes, std::string(name));
  if (!parsed) {
    const auto& err = parsed.error();
    return MakeError(ErrorCode::kInvalidArgument, std::string(name) + ":" + std::to_string(err.source().begin.line) +
                                                      ": " + std::string(err.description()));
  }
  const toml::table& t = parsed.table();
  static const std::set<std::string_view> kKeys{"trl_start",
                                                "trl_end",
                                                "scope",
                                                "implementation_within_period",
                                                "scenario",
                                                "keyword_hit",
                                                "keyword_hit_reason",
                                                "officer",
                                                "answered_on",
                                                "proposal"};
  ReadinessAnswers a;
  a.file = std::string(name);
  for (const auto& [key, node] : t) {
    if (!kKeys.count(key.str()))
      return Bad(name, node.source(), key.str(), "unknown key (see docs/formats/answers.md)");
  }
  auto trl = [&](std::string_view key, std::optional<int>& out) -> Result<void> {
    const toml::node* n = t.get(key);
    if (!n) return Ok();
    auto v = n->value<int64_t>();
    if (!v || *v < 1 || *v > 9) return Bad(name, n->source(), key, "must be an integer TRL 1–9");
    out = static_cast<int>(*v);
    return Ok();
  };
  auto text = [&](std::string_view key, std::string& out) -> Result<void> {
    const toml::node* n = t.get(key);
    if (!n) return Ok();
    if (auto v = n->value<std::string>()) {
      out = *v;
      return Ok();
    }
    if (auto d = n->value<toml::date>()) {  // answered_on = 2026-11-20 (a TOML date)
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(d->year), int(d->month), int(d->day));
      out = buf;
      return Ok();
    }
    return Bad(name, n->source(), key, "must be a string");
  };
  if (auto r = trl("trl_start", a.trl_start); !r) return r.error();
  if (auto r = trl("trl_end", a.trl_end); !r) return r.error();
  if (a.trl_start && a.trl_end && *a.trl_end < *a.trl_start)
    return Bad(name, t.get("trl_end")->source(), "trl_end", "is lower than trl_start");
  if (const toml::node* n = t.get("scope")) {
    auto v = n->value<std::string>();
    if (v && *v == "system")
      a.scope = DevelopmentScope::kSystem;
    else if (v && *v == "element")
      a.scope = DevelopmentScope::kElement;
    else
      return Bad(name, n->source(), "scope", "must be \"system\" or \"element\"");
  }
  if (const toml::node* n = t.get("implementation_within_period")) {
    auto v = n->value<bool>();
    if (!v) return Bad(name, n->source(), "implementation_within_period", "must be true or false");
    a.implementation_within_period = *v;
  }
  if (const toml::node* n = t.get("keyword_hit")) {
    auto v = n->value<std::string>();
    auto h = v ? ParseKeywordHit(*v) : std::nullopt;
    if (!h) return Bad(name, n->source(), "keyword_hit", "must be \"yes\", \"partial\" or \"no\"");
    a.keyword_hit = h;
  }
  for (auto [key, out] : {std::pair{"scenario", &a.scenario}, std::pair{"keyword_hit_reason", &a.keyword_hit_reason},
                          std::pair{"officer", &a.officer}, std::pair{"answered_on", &a.answered_on}}) {
    if (auto r = text(key, *out); !r) return r.error();
  }
  if (a.keyword_hit && a.keyword_hit_reason.empty())
    return Bad(name, t.get("keyword_hit")->source(), "keyword_hit_reason",
               "is required when keyword_hit overrides the screening");
  return a;
}

}  // namespace highfence::rules
