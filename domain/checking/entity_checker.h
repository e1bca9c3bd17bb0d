// SPDX-License-Identifier: Apache-2.0
#pragma once
// EntityChecker: due diligence of people and organisations against the lists of entities of
// concern (懸念先リストとの照合), across scripts. List snapshots (+ the organisation registry)
// → one name index → ListHits that each name the list, the exact snapshot (version date and
// content hash), the entry, the name of the entry that matched, the transformation and what
// counted against it. A hit is evidence for a person, never a decision.
//
//   auto checker = EntityChecker::Build(std::move(snapshots), std::move(registry), {});
//   CheckResult r = checker->Check("北京航空航天大学", {.kind = names::Kind::kOrganisation});
//   AffiliationResult a = checker->CheckAffiliation("Dept. of Physics, Beihang Univ., Beijing 100191, China", {});
//
// Non-discrimination: a query's country only disambiguates *which* organisation or person is
// meant (東北大学 JP vs 东北大学 CN); it is never a risk factor and nationality is never asked.
// Build: seconds for ~100k names (the registry dominates). Immutable; Check is thread-safe.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/model/list_entry.h"
#include "domain/model/organisation.h"
#include "engines/names/affiliation.h"
#include "engines/names/name_index.h"

namespace highfence::checking {

struct Options {
  names::Options index;  // scoring and retrieval of the name engine
  // Registry matches at or above this resolve an affiliation confidently. Default: 0.85.
  double affiliation_confidence = 0.85;
  // A registry record's other name (CheckOptions::via_registry) must meet a list entry at
  // least this well, and not through an acronym, for the hit to count: the bridge is for
  // the same name in another script, not for one more similar-looking name. Default: 0.9.
  double registry_bridge_min = 0.9;
};

struct CheckOptions {
  std::optional<names::Kind> kind;  // organisation / person; Default: both.
  std::string country;              // ISO alpha-2 of the queried entity, only to disambiguate; Default: "".
  double threshold = 0.75;          // Default: 0.75.
  size_t max_results = 10;          // Default: 10.
  // With a registry: an organisation name that resolves to a registry record (score ≥
  // Options::affiliation_confidence) is also checked under that record's other names, so
  // "Beihang University" finds an entry listed only as 北京航空航天大学 when ROR carries both.
  // A hit found so scores list score × registry score and names the record in `via`.
  // Default: true.
  bool via_registry = true;
};

// One list entry that matched, with the snapshot that holds it.
struct ListHit {
  std::string list_id;
  std::string list_title;
  std::string snapshot_version;  // version date of the list edition
  std::string snapshot_hash;     // "sha256:…" of the official file it was imported from
  std::string licence;
  std::string entry_id;
  model::EntityType type = model::EntityType::kOrganisation;
  std::string primary_name;
  std::vector<std::string> countries;  // codes (or names as printed when unresolved)
  std::vector<model::Concern> concerns;
  std::string programme;
  std::string source_address;
  std::string via;     // the query form that led here (the name asked, or a registry name / parent)
  names::Match match;  // score, matched name, transformations, explanation
};

struct CheckResult {
  std::string query;
  std::vector<ListHit> hits;  // best first, one per list entry
};

// An organisation of the registry an affiliation resolved to (or a close candidate).
struct RegistryMatch {
  std::string id;  // "https://ror.org/…"
  std::string name;
  std::vector<std::string> other_names;
  std::string country_code;
  std::string city;
  std::vector<std::pair<std::string, std::string>> parents;  // id, name
  names::Match match;
};

struct AffiliationResult {
  names::Affiliation parsed;              // organisation part and address cues
  std::optional<RegistryMatch> resolved;  // when a registry record matches confidently
  std::vector<RegistryMatch> candidates;  // the closest records otherwise ("no confident match")
  std::vector<ListHit> hits;              // entries matched by the organisation, its registry names or parents
};

class EntityChecker {
 public:
  // Fails with kInvalidArgument naming the list and entry whose name cannot be indexed.
  static Result<EntityChecker> Build(std::vector<model::ListSnapshot> snapshots,
                                     std::optional<model::Registry> registry, const Options& options);

  CheckResult Check(std::string_view name, const CheckOptions& options) const;
  AffiliationResult CheckAffiliation(std::string_view raw, const CheckOptions& options) const;

  const std::vector<model::ListSnapshot>& snapshots() const;
  bool has_registry() const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;
};

}  // namespace highfence::checking
