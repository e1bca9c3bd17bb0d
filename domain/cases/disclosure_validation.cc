// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/disclosure_validation.h"

#include <optional>
#include <type_traits>

#include "domain/cases/internal/disclosure_items.h"
#include "domain/cases/internal/invalid.h"
#include "domain/cases/internal/text_checks.h"

namespace highfence::cases {

using internal::Indexed;
using internal::Invalid;
using internal::Quote;
using internal::Trim;

namespace {

using Problem = std::optional<Error>;

bool Blank(const std::string& s) {
  return Trim(s).empty();
}

Problem Required(const std::string& where, const std::string& value) {
  if (Blank(value)) return Invalid(where, "empty");
  return std::nullopt;
}

Problem Date(const std::string& where, const std::string& value) {
  if (!value.empty() && !internal::IsIsoDate(value)) {
    return Invalid(where, Quote(value) + " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  }
  return std::nullopt;
}

Problem Period(const std::string& where, const std::string& start, const std::string& end) {
  if (auto p = Date(where + ".start", start)) return p;
  if (auto p = Date(where + ".end", end)) return p;
  if (!start.empty() && !end.empty() && internal::FirstDay(start) > internal::LastDay(end)) {
    return Invalid(where + ".end", Quote(end) + " is before the start " + Quote(start));
  }
  return std::nullopt;
}

Problem Org(const std::string& where, const OrgRef& org, bool name_required) {
  if (name_required && Blank(org.name)) return Invalid(where + ".name", "empty");
  if (!org.country.empty() && !internal::IsCountryCode(org.country)) {
    return Invalid(where + ".country", Quote(org.country) + " is not an ISO 3166-1 alpha-2 code (the organisation's)");
  }
  return std::nullopt;
}

Problem Amount(const std::string& where, const std::optional<Money>& money) {
  if (!money) return std::nullopt;
  if (money->amount < 0) return Invalid(where + ".amount", "negative");
  if (!internal::IsCurrencyCode(money->currency)) {
    return Invalid(where + ".currency", Quote(money->currency) + " is not an ISO 4217 code (JPY, USD, CNY …)");
  }
  return std::nullopt;
}

Problem Effort(const std::string& where, const std::optional<int>& effort) {
  if (effort && (*effort < 0 || *effort > 100)) {
    return Invalid(where + ".effort_percent", std::to_string(*effort) + " is not between 0 and 100");
  }
  return std::nullopt;
}

Problem Contributors(const std::string& where, const std::vector<Contributor>& people) {
  for (size_t i = 0; i < people.size(); ++i) {
    std::string at = Indexed(where, i);
    if (Blank(people[i].name) && Blank(people[i].organisation.name))
      return Invalid(at, "neither a name nor an organisation");
    if (auto p = Org(at + ".organisation", people[i].organisation, false)) return p;
  }
  return std::nullopt;
}

Problem EitherRequired(const std::string& where, const char* a, const std::string& va, const char* b,
                       const std::string& vb) {
  if (Blank(va) && Blank(vb)) return Invalid(where + "." + a, std::string("empty, and so is ") + b);
  return std::nullopt;
}

// The first problem wins: `return p` as soon as one is found.
#define HF_RETURN_IF_PROBLEM(expr) \
  if (Problem p = (expr)) return p

Problem Check(const std::string& w, const EducationRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".organisation", r.organisation, true));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const CareerRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".organisation", r.organisation, true));
  HF_RETURN_IF_PROBLEM(Effort(w, r.effort_percent));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const FundingRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".funder", r.funder, true));
  HF_RETURN_IF_PROBLEM(EitherRequired(w, "title", r.title, "programme", r.programme));
  HF_RETURN_IF_PROBLEM(Amount(w + ".amount", r.amount));
  HF_RETURN_IF_PROBLEM(Effort(w, r.effort_percent));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const SupportRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".provider", r.provider, true));
  HF_RETURN_IF_PROBLEM(EitherRequired(w, "kind", r.kind, "description", r.description));
  HF_RETURN_IF_PROBLEM(Amount(w + ".value", r.value));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const PublicationRow& r) {
  HF_RETURN_IF_PROBLEM(Required(w + ".title", r.title));
  HF_RETURN_IF_PROBLEM(Date(w + ".published", r.published));
  return Contributors(w + ".co_authors", r.co_authors);
}
Problem Check(const std::string& w, const PatentRow& r) {
  HF_RETURN_IF_PROBLEM(EitherRequired(w, "title", r.title, "number", r.number));
  HF_RETURN_IF_PROBLEM(Date(w + ".filed", r.filed));
  HF_RETURN_IF_PROBLEM(Contributors(w + ".co_inventors", r.co_inventors));
  return Contributors(w + ".co_applicants", r.co_applicants);
}
Problem Check(const std::string& w, const TalentProgrammeRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".sponsor", r.sponsor, false));
  HF_RETURN_IF_PROBLEM(EitherRequired(w, "programme", r.programme, "sponsor.name", r.sponsor.name));
  HF_RETURN_IF_PROBLEM(Amount(w + ".amount", r.amount));
  HF_RETURN_IF_PROBLEM(Effort(w, r.effort_percent));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const SanctionRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".authority", r.authority, false));
  HF_RETURN_IF_PROBLEM(EitherRequired(w, "kind", r.kind, "description", r.description));
  return Date(w + ".date", r.date);
}
Problem Check(const std::string& w, const ListAppearanceRow& r) {
  HF_RETURN_IF_PROBLEM(Required(w + ".list", r.list));
  return Date(w + ".listed_on", r.listed_on);
}
Problem Check(const std::string& w, const ListedAffiliationRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".organisation", r.organisation, true));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const ListedRelationshipRow& r) {
  HF_RETURN_IF_PROBLEM(Required(w + ".researcher", r.researcher));
  HF_RETURN_IF_PROBLEM(Org(w + ".organisation", r.organisation, true));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const ExternalFundingRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".funder", r.funder, true));
  HF_RETURN_IF_PROBLEM(Required(w + ".title", r.title));
  HF_RETURN_IF_PROBLEM(Amount(w + ".amount", r.amount));
  HF_RETURN_IF_PROBLEM(Effort(w, r.effort_percent));
  return Period(w, r.start, r.end);
}
Problem Check(const std::string& w, const PostRow& r) {
  HF_RETURN_IF_PROBLEM(Org(w + ".organisation", r.organisation, true));
  HF_RETURN_IF_PROBLEM(Required(w + ".position", r.position));
  HF_RETURN_IF_PROBLEM(Amount(w + ".remuneration", r.remuneration));
  HF_RETURN_IF_PROBLEM(Effort(w, r.effort_percent));
  return Period(w, r.start, r.end);
}
#undef HF_RETURN_IF_PROBLEM

std::string Join(const std::string& a, const std::string& b) {
  if (Blank(a)) return b;
  if (Blank(b)) return a;
  return a + " " + b;
}

// Rows that carry an effort: the label a researcher recognises, the effort and the period.
struct EffortView {
  std::string label;
  std::optional<int> effort;
  const std::string* start;
  const std::string* end;
};
std::optional<EffortView> View(const CareerRow& r) {
  return EffortView{Join(r.organisation.name, r.position), r.effort_percent, &r.start, &r.end};
}
std::optional<EffortView> View(const FundingRow& r) {
  return EffortView{Join(r.funder.name, r.programme.empty() ? r.title : r.programme), r.effort_percent, &r.start,
                    &r.end};
}
std::optional<EffortView> View(const TalentProgrammeRow& r) {
  return EffortView{Join(r.sponsor.name, r.programme), r.effort_percent, &r.start, &r.end};
}
std::optional<EffortView> View(const ExternalFundingRow& r) {
  return EffortView{Join(r.funder.name, r.title), r.effort_percent, &r.start, &r.end};
}
std::optional<EffortView> View(const PostRow& r) {
  return EffortView{Join(r.organisation.name, r.position), r.effort_percent, &r.start, &r.end};
}
template <typename Row>
std::optional<EffortView> View(const Row&) {
  return std::nullopt;
}

}  // namespace

std::vector<EffortShare> CurrentEffort(const Disclosure& d) {
  std::vector<EffortShare> shares;
  internal::ForEachItem(d, [&](DisclosureItem item, const auto& rows) {
    for (size_t i = 0; i < rows.size(); ++i) {
      std::optional<EffortView> v = View(rows[i]);
      if (!v || !v->effort || *v->effort == 0) continue;
      if (!d.as_of.empty() && !internal::CoversDay(*v->start, *v->end, d.as_of)) continue;
      shares.push_back({Indexed(Info(item).id, i), v->label, *v->effort});
    }
  });
  return shares;
}

Result<void> ValidateDisclosure(const Disclosure& d, const DisclosureValidationOptions& options) {
  if (d.id.empty()) return Invalid("id", "empty");
  if (d.person_id.empty()) return Invalid("person_id", "empty");
  if (d.seq < 1) return Invalid("seq", std::to_string(d.seq) + " is not a version number (1, 2, …)");
  if (!internal::IsFullDate(d.as_of)) return Invalid("as_of", Quote(d.as_of) + " is not a date (YYYY-MM-DD)");
  if (!options.today.empty() && d.as_of > options.today) {
    return Invalid("as_of", d.as_of + " is in the future (today is " + options.today + ")");
  }
  if (options.require_certification) {
    const Certification& c = d.certification;
    if (Blank(c.certified_by)) return Invalid("certification.certified_by", "empty: a disclosure is certified");
    if (!internal::IsRfc3339(c.certified_at)) {
      return Invalid("certification.certified_at", Quote(c.certified_at) + " is not an RFC 3339 time");
    }
    if (Blank(c.statement)) return Invalid("certification.statement", "empty");
  }
  Problem problem;
  internal::ForEachItem(d, [&](DisclosureItem item, const auto& rows) {
    for (size_t i = 0; i < rows.size() && !problem; ++i) problem = Check(Indexed(Info(item).id, i), rows[i]);
  });
  if (problem) return *problem;
  for (size_t i = 0; i < d.unpaid_posts.size(); ++i) {
    if (d.unpaid_posts[i].remuneration && d.unpaid_posts[i].remuneration->amount > 0) {
      return Invalid(Indexed("unpaid_posts", i) + ".remuneration", "an unpaid post has none: list it under side_jobs");
    }
  }

  std::vector<EffortShare> shares = CurrentEffort(d);
  int total = 0;
  for (const EffortShare& s : shares) total += s.percent;
  if (total > options.max_effort_percent) {
    std::string rows;
    for (const EffortShare& s : shares) {
      rows += (rows.empty() ? "" : ", ") + s.row + " '" + s.label + "' " + std::to_string(s.percent) + " %";
    }
    return MakeError(ErrorCode::kInvalidArgument, "effort totals " + std::to_string(total) + " % on " + d.as_of +
                                                      " (at most " + std::to_string(options.max_effort_percent) +
                                                      " %): " + rows);
  }
  return Ok();
}

}  // namespace highfence::cases
