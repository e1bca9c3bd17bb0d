// SPDX-License-Identifier: Apache-2.0
#include "domain/checking/entity_checker.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace highfence::checking {

struct EntityChecker::Rep {
  std::vector<model::ListSnapshot> snapshots;
  std::optional<model::Registry> registry;
  Options options;
  // Record id in `lists` → (snapshot, entry).
  std::vector<std::pair<uint32_t, uint32_t>> entries;
  std::optional<names::NameIndex> lists;  // set by Build; NameIndex has no empty state
  std::optional<names::NameIndex> orgs;   // record id = index into registry->records
  std::unordered_map<std::string, size_t> org_by_id;
};

namespace {

names::Kind KindOf(model::EntityType t) {
  return t == model::EntityType::kPerson ? names::Kind::kPerson : names::Kind::kOrganisation;
}

// A name the index can hold: one with a letter or digit. Importers occasionally leave a bare
// bracket or dash as an alias (MOF row 480: "("); such a name names nothing and must not make
// the whole build fail. Any non-ASCII byte counts as a possible letter (the index decides).
bool Indexable(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0;
  });
}

std::string FirstCountry(const model::ListEntry& e) {
  for (const auto& c : e.countries)
    if (!c.code.empty()) return c.code;
  for (const auto& a : e.addresses)
    if (!a.country_code.empty()) return a.country_code;
  return "";
}

// "ROR" for the Research Organization Registry, else the registry's id as imported.
std::string RegistryLabel(const model::Registry& r) {
  if (r.registry_id == "ror") return "ROR";
  return r.registry_id.empty() ? std::string("registry") : r.registry_id;
}

}  // namespace

Result<EntityChecker> EntityChecker::Build(std::vector<model::ListSnapshot> snapshots,
                                           std::optional<model::Registry> registry, const Options& options) {
  auto rep = std::make_shared<Rep>();
  rep->snapshots = std::move(snapshots);
  rep->registry = std::move(registry);
  rep->options = options;
  std::vector<names::NameRecord> records;
  for (uint32_t s = 0; s < rep->snapshots.size(); ++s) {
    const auto& snap = rep->snapshots[s];
    for (uint32_t e = 0; e < snap.entries.size(); ++e) {
      const model::ListEntry& entry = snap.entries[e];
      if (entry.type == model::EntityType::kVessel) continue;  // ships are not research partners
      const auto id = static_cast<uint32_t>(rep->entries.size());
      rep->entries.emplace_back(s, e);
      const std::string country = FirstCountry(entry);
      for (const auto& n : entry.names) {
        if (!Indexable(n.text)) continue;
        records.push_back({id, n.text, KindOf(entry.type), country, n.kind == model::NameKind::kAcronym});
      }
    }
  }
  auto index = names::NameIndex::Build(records, options.index);
  if (!index) return index.error().WithContext("indexing the list entries");
  rep->lists = std::move(*index);
  if (rep->registry) {
    std::vector<names::NameRecord> orgs;
    for (uint32_t i = 0; i < rep->registry->records.size(); ++i) {
      const auto& r = rep->registry->records[i];
      rep->org_by_id.emplace(r.id, i);
      for (const auto& n : r.names) {
        if (!Indexable(n.text)) continue;
        orgs.push_back({i, n.text, names::Kind::kOrganisation, r.country_code, n.kind == model::NameKind::kAcronym});
      }
    }
    auto org_index = names::NameIndex::Build(orgs, options.index);
    if (!org_index) return org_index.error().WithContext("indexing the organisation registry");
    rep->orgs = std::move(*org_index);
  }
  EntityChecker c;
  c.rep_ = std::move(rep);
  return c;
}

const std::vector<model::ListSnapshot>& EntityChecker::snapshots() const {
  return rep_->snapshots;
}
bool EntityChecker::has_registry() const {
  return rep_->orgs.has_value();
}

namespace {

ListHit MakeHit(const model::ListSnapshot& snap, const model::ListEntry& e, names::Match m, std::string via) {
  ListHit h;
  h.list_id = snap.list_id;
  h.list_title = snap.title;
  h.snapshot_version = snap.version_date;
  h.snapshot_hash = snap.content_hash;
  h.licence = snap.licence;
  h.entry_id = e.entry_id;
  h.type = e.type;
  h.primary_name = e.names.empty() ? "" : e.names[0].text;
  for (const auto& c : e.countries) h.countries.push_back(c.code.empty() ? c.name : c.code);
  h.concerns = e.concerns;
  h.programme = e.programme;
  h.source_address = e.source_address.empty() ? snap.source_address : e.source_address;
  h.via = std::move(via);
  h.match = std::move(m);
  return h;
}

// Keeps the best hit per (list, entry), best first.
void Merge(std::vector<ListHit>& into, std::vector<ListHit> more) {
  for (auto& h : more) {
    auto it = std::find_if(into.begin(), into.end(),
                           [&](const ListHit& x) { return x.list_id == h.list_id && x.entry_id == h.entry_id; });
    if (it == into.end())
      into.push_back(std::move(h));
    else if (h.match.score > it->match.score)
      *it = std::move(h);
  }
  std::stable_sort(into.begin(), into.end(),
                   [](const ListHit& a, const ListHit& b) { return a.match.score > b.match.score; });
}

}  // namespace

CheckResult EntityChecker::Check(std::string_view name, const CheckOptions& o) const {
  CheckResult r;
  r.query = std::string(name);
  names::QueryOptions q{o.kind, o.country, o.threshold, o.max_results};
  std::vector<ListHit> hits;
  for (names::Match& m : rep_->lists->Query(name, q)) {
    auto [s, e] = rep_->entries[m.record];
    hits.push_back(MakeHit(rep_->snapshots[s], rep_->snapshots[s].entries[e], std::move(m), std::string(name)));
  }
  if (o.via_registry && rep_->orgs && o.kind != names::Kind::kPerson) {
    // The registry as a bridge between scripts and names: the record the name resolves to,
    // then each of its other names (not acronyms: ROR's are ambiguous) against the lists.
    names::QueryOptions rq{names::Kind::kOrganisation, o.country, rep_->options.affiliation_confidence, 2};
    for (const names::Match& org : rep_->orgs->Query(name, rq)) {
      const model::OrgRecord& rec = rep_->registry->records[org.record];
      names::QueryOptions lq{names::Kind::kOrganisation, o.country.empty() ? rec.country_code : o.country,
                             std::min(1.0, o.threshold / org.score), o.max_results};
      for (const model::Name& n : rec.names) {
        if (n.kind == model::NameKind::kAcronym || n.text == org.record_name) continue;
        lq.threshold = std::max(lq.threshold, rep_->options.registry_bridge_min);
        for (names::Match& m : rep_->lists->Query(n.text, lq)) {
          const auto acronym = [](names::Transform t) {
            return t == names::Transform::kAcronym || t == names::Transform::kDerivedAcronym;
          };
          if (acronym(m.query_transform) || acronym(m.record_transform)) continue;
          auto [s, e] = rep_->entries[m.record];
          m.score *= org.score;
          m.explanation = "via " + RegistryLabel(*rep_->registry) + " record " + rec.id + " (" +
                          (rec.names.empty() ? std::string() : rec.names[0].text) + "), its name '" + n.text +
                          "': the query '" + std::string(name) + "' is that record (" + org.explanation +
                          "); the name → " + m.explanation;
          if (m.score < o.threshold) continue;
          hits.push_back(MakeHit(rep_->snapshots[s], rep_->snapshots[s].entries[e], std::move(m),
                                 "registry name '" + n.text + "' (" + rec.id + ")"));
        }
      }
    }
  }
  Merge(r.hits, std::move(hits));
  if (r.hits.size() > o.max_results) r.hits.resize(o.max_results);
  return r;
}

AffiliationResult EntityChecker::CheckAffiliation(std::string_view raw, const CheckOptions& o) const {
  AffiliationResult out;
  out.parsed = names::SplitAffiliation(raw);
  const std::string& org = out.parsed.organisation.empty() ? std::string(raw) : out.parsed.organisation;
  CheckOptions org_options = o;
  org_options.kind = names::Kind::kOrganisation;
  org_options.via_registry = false;  // resolved below, with the parents
  if (org_options.country.empty()) org_options.country = out.parsed.country_code;
  // The organisation as written.
  Merge(out.hits, Check(org, org_options).hits);
  if (!rep_->orgs) return out;

  names::QueryOptions rq{names::Kind::kOrganisation, org_options.country, 0.5, 5};
  auto to_registry_match = [&](names::Match m) {
    const model::OrgRecord& rec = rep_->registry->records[m.record];
    RegistryMatch rm;
    rm.id = rec.id;
    rm.name = rec.names.empty() ? "" : rec.names[0].text;
    for (size_t i = 1; i < rec.names.size(); ++i) rm.other_names.push_back(rec.names[i].text);
    rm.country_code = rec.country_code;
    rm.city = rec.city;
    for (const auto& rel : rec.relationships) {
      if (rel.type != "parent") continue;
      auto it = rep_->org_by_id.find(rel.id);
      std::string parent_name = it != rep_->org_by_id.end() && !rep_->registry->records[it->second].names.empty()
                                    ? rep_->registry->records[it->second].names[0].text
                                    : rel.label;
      rm.parents.emplace_back(rel.id, parent_name);
    }
    rm.match = std::move(m);
    return rm;
  };
  std::vector<names::Match> found = rep_->orgs->Query(org, rq);
  if (!found.empty() && found[0].score >= rep_->options.affiliation_confidence) {
    out.resolved = to_registry_match(std::move(found[0]));
    // Every name of the resolved record and of its parents is checked against the lists:
    // an affiliation with a listed body's laboratory is an affiliation with that body.
    const model::OrgRecord& rec = rep_->registry->records[out.resolved->match.record];
    std::vector<const model::OrgRecord*> family{&rec};
    for (const auto& [pid, _] : out.resolved->parents)
      if (auto it = rep_->org_by_id.find(pid); it != rep_->org_by_id.end())
        family.push_back(&rep_->registry->records[it->second]);
    for (const model::OrgRecord* member : family) {
      CheckOptions mo = org_options;
      mo.country = member->country_code;
      for (const auto& n : member->names) {
        // Not the registry's acronyms: ROR's are short and shared across the world (TEM, ASC,
        // UCK), and the bridge of Check() leaves them out for the same reason.
        if (n.kind == model::NameKind::kAcronym) continue;
        std::string via =
            (member == &rec ? "registry name " : "parent ") + std::string("'") + n.text + "' (" + member->id + ")";
        for (ListHit& h : Check(n.text, mo).hits) {
          h.via = via;
          Merge(out.hits, {std::move(h)});
        }
      }
    }
  } else {
    for (auto& m : found) out.candidates.push_back(to_registry_match(std::move(m)));
  }
  return out;
}

}  // namespace highfence::checking
