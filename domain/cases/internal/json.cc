// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/internal/json.h"

#include <limits>

namespace highfence::cases::internal {

std::string TypeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

void Decode(const Json& j, const std::string& path, Decoder& d, std::string& out) {
  if (!j.is_string()) return d.Fail(path, TypeName(j) + ", expected a string");
  out = j.get<std::string>();
}

void Decode(const Json& j, const std::string& path, Decoder& d, bool& out) {
  if (!j.is_boolean()) return d.Fail(path, TypeName(j) + ", expected true or false");
  out = j.get<bool>();
}

void Decode(const Json& j, const std::string& path, Decoder& d, std::int64_t& out) {
  if (j.is_number_unsigned()) {
    if (j.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return d.Fail(path, "number too large");
    }
    out = j.get<std::int64_t>();
    return;
  }
  if (!j.is_number_integer()) {
    return d.Fail(
        path, (j.is_number_float() ? j.dump() + " is not a whole number" : TypeName(j) + ", expected a whole number"));
  }
  out = j.get<std::int64_t>();
}

void Decode(const Json& j, const std::string& path, Decoder& d, int& out) {
  std::int64_t wide = 0;
  Decode(j, path, d, wide);
  if (d.failed()) return;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    return d.Fail(path, "number out of range");
  }
  out = static_cast<int>(wide);
}

void Decode(const Json& j, const std::string& path, Decoder& d, double& out) {
  if (!j.is_number()) return d.Fail(path, TypeName(j) + ", expected a number");
  out = j.get<double>();
}

Json Encode(DisclosureItem item) {
  return std::string(Info(item).id);
}

void Decode(const Json& j, const std::string& path, Decoder& d, DisclosureItem& out) {
  std::string expected;
  for (const DisclosureItemInfo& info : DisclosureItems()) {
    expected += (expected.empty() ? "" : ", ") + std::string(info.id);
  }
  if (!j.is_string()) return d.Fail(path, TypeName(j) + ", expected one of " + expected);
  for (const DisclosureItemInfo& info : DisclosureItems()) {
    if (info.id == j.get_ref<const std::string&>()) {
      out = info.item;
      return;
    }
  }
  d.Fail(path, "unknown value \"" + j.get<std::string>() + "\" (expected " + expected + ")");
}

void Reader::Finish() {
  // Names under which items ⑫ 非居住者・特定類型 and ⑬ 国籍 might be offered: they are refused
  // with a pointer to where they belong.
  static constexpr std::string_view kRestricted[] = {"nationality",  "nationalities",      "citizenship",
                                                     "non_resident", "specified_category", "residence_status"};
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    if (seen_.contains(it.key())) continue;
    std::string what = "unknown field";
    for (std::string_view r : kRestricted) {
      if (it.key() == r) {
        what += " (items ⑫ 非居住者・特定類型 and ⑬ 国籍 are recorded only in a RestrictedDisclosure)";
      }
    }
    return d_.Fail(Join(path_, it.key()), what);
  }
}

Result<Json> Parse(std::string_view text) {
  // With exceptions: nlohmann 3.11 throws out_of_range ("number overflow parsing '1e400'") even
  // when asked not to, so every parser exception is caught here and turned into an Error.
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 1, …"
    if (size_t close = what.find("] "); what.starts_with("[json.exception") && close != std::string::npos) {
      what.erase(0, close + 2);
    }
    return MakeError(ErrorCode::kInvalidArgument, "JSON: " + what);
  }
}

std::string Dump(const Json& j, int indent) {
  // Replace invalid UTF-8 rather than throw: every string we hold came from decoded JSON or
  // from an importer that checks its input, so this is a last line of defence.
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// ---- field lists ----
// Self<Person> T: T is Person or const Person (one list serves reading and writing).
template <typename T, typename Struct>
concept Self = std::same_as<std::remove_const_t<T>, Struct>;

template <typename V, Self<Name> T>
void Fields(V& v, T& x) {
  v("text", x.text, kRequired);
  v("script", x.script, kRequired);
  v("kind", x.kind);
}
template <typename V, Self<Institution> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("name_ja", x.name_ja);
  v("name_en", x.name_en);
  v("kind", x.kind, kRequired);
  v("ror_id", x.ror_id);
  v("member_ids", x.member_ids);
}
template <typename V, Self<Affiliation> T>
void Fields(V& v, T& x) {
  v("institution_id", x.institution_id);
  v("organisation_id", x.organisation_id);
  v("name", x.name);
  v("department", x.department);
  v("position", x.position);
  v("since", x.since);
  v("main_post", x.main_post);
}
template <typename V, Self<Person> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("tenant_id", x.tenant_id, kRequired);
  v("names", x.names, kRequired);
  v("erad_id", x.erad_id);
  v("orcid", x.orcid);
  v("researchmap_id", x.researchmap_id);
  v("affiliations", x.affiliations);
}
template <typename V, Self<ListMembership> T>
void Fields(V& v, T& x) {
  v("list_id", x.list_id, kRequired);
  v("entry_id", x.entry_id, kRequired);
  v("version_date", x.version_date);
  v("content_hash", x.content_hash, kRequired);
}
template <typename V, Self<Organisation> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("tenant_id", x.tenant_id);
  v("names", x.names, kRequired);
  v("ror_id", x.ror_id);
  v("country", x.country);
  v("list_memberships", x.list_memberships);
}
template <typename V, Self<DesignationCondition> T>
void Fields(V& v, T& x) {
  v("label", x.label, kRequired);
  v("met", x.met, kRequired);
  v("reference", x.reference);
  v("note", x.note);
}
template <typename V, Self<Programme> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("agency_id", x.agency_id, kRequired);
  v("name_ja", x.name_ja);
  v("name_en", x.name_en);
  v("designated", x.designated, kRequired);
  v("designation_conditions", x.designation_conditions);
}
template <typename V, Self<TeamMember> T>
void Fields(V& v, T& x) {
  v("person_id", x.person_id, kRequired);
  v("institution_id", x.institution_id, kRequired);
  v("role", x.role, kRequired);
}
template <typename V, Self<Proposal> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("programme_id", x.programme_id, kRequired);
  v("title", x.title);
  v("lead_institution_id", x.lead_institution_id, kRequired);
  v("team", x.team);
  v("partner_institution_ids", x.partner_institution_ids);
  v("state", x.state, kRequired);
}
template <typename V, Self<Case> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("tenant_id", x.tenant_id, kRequired);
  v("agency_id", x.agency_id, kRequired);
  v("proposal_id", x.proposal_id, kRequired);
  v("state", x.state, kRequired);
  v("opened_at", x.opened_at);
  v("opened_by", x.opened_by);
  v("risk_level", x.risk_level);
  v("screening_ids", x.screening_ids);
}
template <typename V, Self<Subject> T>
void Fields(V& v, T& x) {
  v("kind", x.kind, kRequired);
  v("id", x.id, kRequired);
}
template <typename V, Self<KeywordScreening> T>
void Fields(V& v, T& x) {
  v("document", x.document);
  v("keyword_list_version", x.keyword_list_version, kRequired);
  v("keyword_hit", x.keyword_hit, kRequired);
  v("level", x.level);
  v("min_level", x.min_level, kRequired);
  v("max_level", x.max_level, kRequired);
  v("reasons", x.reasons);
  v("keywords", x.keywords);
}
template <typename V, Self<SnapshotRef> T>
void Fields(V& v, T& x) {
  v("list_id", x.list_id, kRequired);
  v("version_date", x.version_date);
  v("content_hash", x.content_hash, kRequired);
}
template <typename V, Self<ListHitRef> T>
void Fields(V& v, T& x) {
  v("snapshot", x.snapshot, kRequired);
  v("entry_id", x.entry_id, kRequired);
  v("primary_name", x.primary_name);
  v("matched_name", x.matched_name);
  v("score", x.score);
  v("explanation", x.explanation);
}
template <typename V, Self<ListCheck> T>
void Fields(V& v, T& x) {
  v("subject", x.subject, kRequired);
  v("query", x.query);
  v("snapshots", x.snapshots, kRequired);
  v("hits", x.hits);
}
template <typename V, Self<ScreeningRef> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("case_id", x.case_id, kRequired);
  v("kind", x.kind, kRequired);
  v("screened_at", x.screened_at);
  v("screened_by", x.screened_by);
  v("keywords", x.keywords);
  v("lists", x.lists);
}
template <typename V, Self<Certification> T>
void Fields(V& v, T& x) {
  v("certified_by", x.certified_by);
  v("certified_at", x.certified_at);
  v("statement", x.statement);
}
template <typename V, Self<OrgRef> T>
void Fields(V& v, T& x) {
  v("name", x.name);
  v("organisation_id", x.organisation_id);
  v("country", x.country);
}
template <typename V, Self<Money> T>
void Fields(V& v, T& x) {
  v("amount", x.amount, kRequired);
  v("currency", x.currency, kRequired);
}
template <typename V, Self<Contributor> T>
void Fields(V& v, T& x) {
  v("name", x.name);
  v("organisation", x.organisation);
}
template <typename V, Self<EducationRow> T>
void Fields(V& v, T& x) {
  v("organisation", x.organisation);
  v("degree", x.degree);
  v("field", x.field);
  v("start", x.start);
  v("end", x.end);
}
template <typename V, Self<CareerRow> T>
void Fields(V& v, T& x) {
  v("organisation", x.organisation);
  v("department", x.department);
  v("position", x.position);
  v("start", x.start);
  v("end", x.end);
  v("main_post", x.main_post);
  v("effort_percent", x.effort_percent);
}
template <typename V, Self<FundingRow> T>
void Fields(V& v, T& x) {
  v("funder", x.funder);
  v("programme", x.programme);
  v("title", x.title);
  v("role", x.role);
  v("project_id", x.project_id);
  v("amount", x.amount);
  v("start", x.start);
  v("end", x.end);
  v("effort_percent", x.effort_percent);
}
template <typename V, Self<SupportRow> T>
void Fields(V& v, T& x) {
  v("provider", x.provider);
  v("kind", x.kind);
  v("description", x.description);
  v("value", x.value);
  v("start", x.start);
  v("end", x.end);
}
template <typename V, Self<PublicationRow> T>
void Fields(V& v, T& x) {
  v("title", x.title);
  v("venue", x.venue);
  v("published", x.published);
  v("doi", x.doi);
  v("co_authors", x.co_authors);
}
template <typename V, Self<PatentRow> T>
void Fields(V& v, T& x) {
  v("title", x.title);
  v("number", x.number);
  v("office", x.office);
  v("filed", x.filed);
  v("co_inventors", x.co_inventors);
  v("co_applicants", x.co_applicants);
}
template <typename V, Self<TalentProgrammeRow> T>
void Fields(V& v, T& x) {
  v("programme", x.programme);
  v("sponsor", x.sponsor);
  v("role", x.role);
  v("amount", x.amount);
  v("start", x.start);
  v("end", x.end);
  v("effort_percent", x.effort_percent);
}
template <typename V, Self<SanctionRow> T>
void Fields(V& v, T& x) {
  v("authority", x.authority);
  v("kind", x.kind);
  v("description", x.description);
  v("date", x.date);
}
template <typename V, Self<ListAppearanceRow> T>
void Fields(V& v, T& x) {
  v("list", x.list);
  v("entry_id", x.entry_id);
  v("name_listed", x.name_listed);
  v("listed_on", x.listed_on);
  v("description", x.description);
}
template <typename V, Self<ListedAffiliationRow> T>
void Fields(V& v, T& x) {
  v("organisation", x.organisation);
  v("list", x.list);
  v("position", x.position);
  v("start", x.start);
  v("end", x.end);
}
template <typename V, Self<ListedRelationshipRow> T>
void Fields(V& v, T& x) {
  v("researcher", x.researcher);
  v("organisation", x.organisation);
  v("list", x.list);
  v("nature", x.nature);
  v("start", x.start);
  v("end", x.end);
}
template <typename V, Self<ExternalFundingRow> T>
void Fields(V& v, T& x) {
  v("funder", x.funder);
  v("title", x.title);
  v("role", x.role);
  v("amount", x.amount);
  v("effort_percent", x.effort_percent);
  v("nda", x.nda);
  v("start", x.start);
  v("end", x.end);
}
template <typename V, Self<PostRow> T>
void Fields(V& v, T& x) {
  v("organisation", x.organisation);
  v("position", x.position);
  v("remuneration", x.remuneration);
  v("effort_percent", x.effort_percent);
  v("start", x.start);
  v("end", x.end);
}
template <typename V, Self<Disclosure> T>
void Fields(V& v, T& x) {
  v("id", x.id, kRequired);
  v("tenant_id", x.tenant_id);
  v("person_id", x.person_id, kRequired);
  v("seq", x.seq, kRequired);
  v("as_of", x.as_of, kRequired);
  v("certification", x.certification);
  v("education", x.education);
  v("career", x.career);
  v("funding", x.funding);
  v("other_support", x.other_support);
  v("publications", x.publications);
  v("patents", x.patents);
  v("talent_programmes", x.talent_programmes);
  v("sanctions", x.sanctions);
  v("list_appearances", x.list_appearances);
  v("listed_affiliations", x.listed_affiliations);
  v("listed_relationships", x.listed_relationships);
  v("external_funding", x.external_funding);
  v("side_jobs", x.side_jobs);
  v("unpaid_posts", x.unpaid_posts);
}

template <typename V, Self<FieldChange> T>
void Fields(V& v, T& x) {
  v("field", x.field, kRequired);
  v("before", x.before);
  v("after", x.after);
}
template <typename V, Self<RowChange> T>
void Fields(V& v, T& x) {
  v("kind", x.kind, kRequired);
  v("key", x.key);
  v("before_index", x.before_index);
  v("after_index", x.after_index);
  v("fields", x.fields);
}
template <typename V, Self<ItemDiff> T>
void Fields(V& v, T& x) {
  v("item", x.item, kRequired);
  v("rows", x.rows);
}
template <typename V, Self<DisclosureDiff> T>
void Fields(V& v, T& x) {
  v("person_id", x.person_id, kRequired);
  v("before_seq", x.before_seq);
  v("after_seq", x.after_seq);
  v("before_as_of", x.before_as_of);
  v("after_as_of", x.after_as_of);
  v("items", x.items);
}
template <typename V, Self<EvaluationInputs> T>
void Fields(V& v, T& x) {
  v("case_id", x.case_id, kRequired);
  v("subject", x.subject, kRequired);
  v("person", x.person);
  v("disclosure", x.disclosure);
  v("organisation", x.organisation);
  v("screenings", x.screenings);
}

#define HF_CASES_JSON_DEFINE(Type)                                             \
  Json Encode(const Type& v) {                                                 \
    return EncodeFields(v);                                                    \
  }                                                                            \
  void Decode(const Json& j, const std::string& path, Decoder& d, Type& out) { \
    DecodeFields(j, path, d, out);                                             \
  }
HF_CASES_JSON_DEFINE(Name)
HF_CASES_JSON_DEFINE(Institution)
HF_CASES_JSON_DEFINE(Affiliation)
HF_CASES_JSON_DEFINE(Person)
HF_CASES_JSON_DEFINE(ListMembership)
HF_CASES_JSON_DEFINE(Organisation)
HF_CASES_JSON_DEFINE(DesignationCondition)
HF_CASES_JSON_DEFINE(Programme)
HF_CASES_JSON_DEFINE(TeamMember)
HF_CASES_JSON_DEFINE(Proposal)
HF_CASES_JSON_DEFINE(Case)
HF_CASES_JSON_DEFINE(Subject)
HF_CASES_JSON_DEFINE(KeywordScreening)
HF_CASES_JSON_DEFINE(SnapshotRef)
HF_CASES_JSON_DEFINE(ListHitRef)
HF_CASES_JSON_DEFINE(ListCheck)
HF_CASES_JSON_DEFINE(ScreeningRef)
HF_CASES_JSON_DEFINE(Certification)
HF_CASES_JSON_DEFINE(OrgRef)
HF_CASES_JSON_DEFINE(Money)
HF_CASES_JSON_DEFINE(Contributor)
HF_CASES_JSON_DEFINE(EducationRow)
HF_CASES_JSON_DEFINE(CareerRow)
HF_CASES_JSON_DEFINE(FundingRow)
HF_CASES_JSON_DEFINE(SupportRow)
HF_CASES_JSON_DEFINE(PublicationRow)
HF_CASES_JSON_DEFINE(PatentRow)
HF_CASES_JSON_DEFINE(TalentProgrammeRow)
HF_CASES_JSON_DEFINE(SanctionRow)
HF_CASES_JSON_DEFINE(ListAppearanceRow)
HF_CASES_JSON_DEFINE(ListedAffiliationRow)
HF_CASES_JSON_DEFINE(ListedRelationshipRow)
HF_CASES_JSON_DEFINE(ExternalFundingRow)
HF_CASES_JSON_DEFINE(PostRow)
HF_CASES_JSON_DEFINE(Disclosure)
HF_CASES_JSON_DEFINE(FieldChange)
HF_CASES_JSON_DEFINE(RowChange)
HF_CASES_JSON_DEFINE(ItemDiff)
HF_CASES_JSON_DEFINE(DisclosureDiff)
HF_CASES_JSON_DEFINE(EvaluationInputs)
#undef HF_CASES_JSON_DEFINE

}  // namespace highfence::cases::internal
