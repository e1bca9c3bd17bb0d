// SPDX-License-Identifier: Apache-2.0
#include "domain/workflow/codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace highfence::workflow {
namespace {

using json = nlohmann::ordered_json;

std::string Dump(const json& j) {
  // replace: a string that is not UTF-8 is written with U+FFFD instead of throwing.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---- writing ----------------------------------------------------------------------------

json Null() {
  return json(nullptr);
}

json W(const SourceRef& s) {
  return {
      {"document", s.document}, {"entry", s.entry}, {"as_of", s.as_of}, {"licence", s.licence}, {"address", s.address}};
}
json W(const Subject& s) {
  return {{"kind", Name(s.kind)}, {"id", s.id}};
}
json W(const std::optional<Date>& d) {
  return d ? json(FormatDate(*d)) : Null();
}
json W(const Unobtainable& u) {
  return {{"what", u.what}, {"why", u.why}};
}
json W(const Evidence& e) {
  return {{"file_name", e.file_name}, {"sha256", e.sha256}, {"uploaded_by", e.uploaded_by}, {"at", e.at}};
}
json W(const StatusChange& c) {
  return {{"status", Name(c.status)}, {"by", c.by}, {"at", c.at}, {"note", c.note}};
}
json W(const Feasibility& f) {
  return {{"by", f.by}, {"at", f.at}, {"note", f.note}};
}
json W(const Consent& c) {
  return {{"person_id", c.person_id}, {"answer", Name(c.answer)}, {"at", c.at}, {"note", c.note}};
}
json W(const Opinion& o) {
  return {{"reviewer", o.reviewer}, {"vote", Name(o.vote)}, {"text", o.text}, {"at", o.at}};
}
json W(const TeamMember& m) {
  return {{"person_id", m.person_id},
          {"has_current_disclosure", m.has_current_disclosure},
          {"no_disclosure_reason", m.no_disclosure_reason},
          {"list_screened", m.list_screened}};
}
json W(const Partner& p) {
  return {{"institution_id", p.institution_id}, {"list_screened", p.list_screened}};
}
json W(const Flag& f) {
  return {{"id", f.id}, {"subject", W(f.subject)}};
}
// Declared before the templates below so that they find them (ADL does not see this namespace).
json W(const Evaluation& e);
json W(const Measure& m);
json W(const Review& r);
json W(const Decision& d);
json W(const Appeal& a);
json W(const FollowUp& f);

template <typename T>
json W(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(W(item));
  return out;
}
json W(const std::vector<std::string>& items) {
  return json(items);
}
template <typename T>
json W(const std::optional<T>& value) {
  return value ? W(*value) : Null();
}

json W(const Evaluation& e) {
  return {{"id", e.id},
          {"case_id", e.case_id},
          {"subject", W(e.subject)},
          {"risk", Name(e.risk)},
          {"rationale", e.rationale},
          {"categories", W(e.categories)},
          {"flag_ids", W(e.flag_ids)},
          {"due_diligence",
           {{"state", Name(e.due_diligence.state)},
            {"unobtainable", W(e.due_diligence.unobtainable)},
            {"note", e.due_diligence.note}}},
          {"evaluator", e.evaluator},
          {"at", e.at}};
}
json W(const Measure& m) {
  return {{"id", m.id},
          {"case_id", m.case_id},
          {"catalogue_id", m.catalogue_id},
          {"subject", W(m.subject)},
          {"description", m.description},
          {"owner", m.owner},
          {"due_date", W(m.due_date)},
          {"binds", W(m.binds)},
          {"status", Name(CurrentStatus(m))},
          {"history", W(m.history)},
          {"evidence", W(m.evidence)},
          {"feasibility", W(m.feasibility)},
          {"consents", W(m.consents)}};
}
json W(const Review& r) {
  return {{"id", r.id},       {"case_id", r.case_id},        {"stage_id", r.stage_id},   {"order", r.order},
          {"round", r.round}, {"reviewers", W(r.reviewers)}, {"opinions", W(r.opinions)}};
}
json W(const Decision& d) {
  return {{"id", d.id},
          {"case_id", d.case_id},
          {"round", d.round},
          {"outcome", Name(d.outcome)},
          {"reasons", W(d.reasons)},
          {"conditions", W(d.conditions)},
          {"correction_target", Name(d.correction_target)},
          {"decided_by", d.decided_by},
          {"at", d.at},
          {"appeal_deadline", W(d.appeal_deadline)}};
}
json W(const Appeal& a) {
  return {{"id", a.id},
          {"case_id", a.case_id},
          {"decision_id", a.decision_id},
          {"filed_by", a.filed_by},
          {"grounds", a.grounds},
          {"filed_at", a.filed_at},
          {"status", Name(a.status)},
          {"outcome_reason", a.outcome_reason},
          {"decided_by", a.decided_by},
          {"decided_at", a.decided_at}};
}
json W(const FollowUp& f) {
  return {{"id", f.id},
          {"kind", Name(f.kind)},
          {"case_id", f.case_id},
          {"subject", W(f.subject)},
          {"ref", f.ref},
          {"opened_at", f.opened_at},
          {"status", Name(f.status)},
          {"note", f.note},
          {"closed_by", f.closed_by},
          {"closed_at", f.closed_at},
          {"closing_note", f.closing_note}};
}
json W(const ListHit& h) {
  return {{"list_id", h.list_id},
          {"entry_id", h.entry_id},
          {"subject", W(h.subject)},
          {"snapshot", h.snapshot},
          {"matched_name", h.matched_name}};
}
json W(const CaseSnapshot& s) {
  return {{"case_id", s.case_id},
          {"state", Name(s.state)},
          {"round", s.round},
          {"team", W(s.team)},
          {"partners", W(s.partners)},
          {"flags", W(s.flags)},
          {"evaluations", W(s.evaluations)},
          {"measures", W(s.measures)},
          {"reviews", W(s.reviews)},
          {"decision", W(s.decision)},
          {"appeal", W(s.appeal)},
          {"followups", W(s.followups)},
          {"withdrawal_reason", s.withdrawal_reason}};
}
json W(const RiskCategory& c) {
  return {{"id", c.id}, {"ja", c.ja}, {"en", c.en}, {"origin", c.origin}, {"source", W(c.source)}, {"line", c.line}};
}
json W(const MeasureKind& k) {
  return {{"id", k.id},
          {"ja", k.ja},
          {"en", k.en},
          {"description_ja", k.description_ja},
          {"description_en", k.description_en},
          {"source", W(k.source)},
          {"wording", k.wording},
          {"line", k.line}};
}
json W(const ReviewStage& s) {
  json roles = json::array();
  for (access::Role r : s.roles) roles.push_back(access::RoleName(r));
  return {{"track", s.track},
          {"order", s.order},
          {"id", s.id},
          {"ja", s.ja},
          {"en", s.en},
          {"roles", roles},
          {"min_reviewers", s.min_reviewers},
          {"source", W(s.source)},
          {"line", s.line}};
}

// ---- reading ----------------------------------------------------------------------------
// A sticky first error: each Get records the first problem with its path and leaves the
// output at its default, so a reader is a flat list of Gets and one check at the end.

std::string TypeName(const json& j) {
  return j.type_name();
}

class In {
 public:
  std::optional<Error> error;

  void Fail(const std::string& path, const std::string& message) {
    if (!error) error = MakeError(ErrorCode::kInvalidArgument, path + ": " + message);
  }

  // True when `j` is an object whose keys are all among `keys` (else records the error).
  bool Object(const json& j, const std::string& path, std::initializer_list<std::string_view> keys) {
    if (error) return false;
    if (!j.is_object()) {
      Fail(path, "expected an object, found " + TypeName(j));
      return false;
    }
    for (const auto& item : j.items())
      if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
        Fail(path, "unknown field \"" + item.key() + "\"");
        return false;
      }
    return true;
  }

  const json* Field(const json& obj, const std::string& path, std::string_view key, bool required) {
    if (error) return nullptr;
    auto it = obj.find(std::string(key));
    if (it == obj.end()) {
      if (required) Fail(Path(path, key), "is required");
      return nullptr;
    }
    return &*it;
  }

  static std::string Path(const std::string& path, std::string_view key) { return path + "." + std::string(key); }

  void Get(const json& obj, const std::string& path, std::string_view key, std::string& out) {
    if (const json* v = Field(obj, path, key, false)) {
      if (v->is_string())
        out = v->get<std::string>();
      else
        Fail(Path(path, key), "expected a string, found " + TypeName(*v));
    }
  }
  void Get(const json& obj, const std::string& path, std::string_view key, bool& out) {
    if (const json* v = Field(obj, path, key, false)) {
      if (v->is_boolean())
        out = v->get<bool>();
      else
        Fail(Path(path, key), "expected true or false, found " + TypeName(*v));
    }
  }
  void Get(const json& obj, const std::string& path, std::string_view key, int& out) {
    if (const json* v = Field(obj, path, key, false)) {
      if (v->is_number_integer() && v->get<long long>() >= -(1LL << 31) && v->get<long long>() < (1LL << 31))
        out = v->get<int>();
      else
        Fail(Path(path, key), "expected a whole number, found " + (v->is_number() ? v->dump() : TypeName(*v)));
    }
  }
  void Get(const json& obj, const std::string& path, std::string_view key, std::vector<std::string>& out) {
    const json* v = Field(obj, path, key, false);
    if (!v) return;
    if (!v->is_array()) return Fail(Path(path, key), "expected an array of strings, found " + TypeName(*v));
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string())
        return Fail(Path(path, key) + "[" + std::to_string(i) + "]", "expected a string, found " + TypeName((*v)[i]));
      out.push_back((*v)[i].get<std::string>());
    }
  }
  void Get(const json& obj, const std::string& path, std::string_view key, std::optional<Date>& out) {
    const json* v = Field(obj, path, key, false);
    if (!v || v->is_null()) return;
    if (!v->is_string()) return Fail(Path(path, key), "expected a date \"YYYY-MM-DD\" or null, found " + TypeName(*v));
    auto date = ParseDate(v->get<std::string>(), Path(path, key));
    if (!date) return Fail(Path(path, key), "\"" + v->get<std::string>() + "\" is not a date YYYY-MM-DD");
    out = *date;
  }
  // Enums are required: a missing one would silently become the default.
  template <typename E>
  void Enum(const json& obj, const std::string& path, std::string_view key, E& out,
            Result<E> (*parse)(std::string_view)) {
    const json* v = Field(obj, path, key, true);
    if (!v) return;
    if (!v->is_string()) return Fail(Path(path, key), "expected a string, found " + TypeName(*v));
    auto parsed = parse(v->get<std::string>());
    if (!parsed) {
      // "risk: unknown …" → "<path>.risk: unknown …"
      const std::string& m = parsed.error().message;
      size_t colon = m.find(": ");
      return Fail(Path(path, key), colon == std::string::npos ? m : m.substr(colon + 2));
    }
    out = *parsed;
  }
  template <typename T>
  void List(const json& obj, const std::string& path, std::string_view key, std::vector<T>& out);
  template <typename T>
  void Maybe(const json& obj, const std::string& path, std::string_view key, std::optional<T>& out);
  template <typename T>
  void One(const json& obj, const std::string& path, std::string_view key, T& out);
};

void Read(In& in, const json& j, const std::string& path, Subject& s) {
  if (!in.Object(j, path, {"kind", "id"})) return;
  in.Enum(j, path, "kind", s.kind, ParseSubjectKind);
  in.Get(j, path, "id", s.id);
}
void Read(In& in, const json& j, const std::string& path, SourceRef& s) {
  if (!in.Object(j, path, {"document", "entry", "as_of", "licence", "address"})) return;
  in.Get(j, path, "document", s.document);
  in.Get(j, path, "entry", s.entry);
  in.Get(j, path, "as_of", s.as_of);
  in.Get(j, path, "licence", s.licence);
  in.Get(j, path, "address", s.address);
}
void Read(In& in, const json& j, const std::string& path, Unobtainable& u) {
  if (!in.Object(j, path, {"what", "why"})) return;
  in.Get(j, path, "what", u.what);
  in.Get(j, path, "why", u.why);
}
void Read(In& in, const json& j, const std::string& path, Evidence& e) {
  if (!in.Object(j, path, {"file_name", "sha256", "uploaded_by", "at"})) return;
  in.Get(j, path, "file_name", e.file_name);
  in.Get(j, path, "sha256", e.sha256);
  in.Get(j, path, "uploaded_by", e.uploaded_by);
  in.Get(j, path, "at", e.at);
}
void Read(In& in, const json& j, const std::string& path, StatusChange& c) {
  if (!in.Object(j, path, {"status", "by", "at", "note"})) return;
  in.Enum(j, path, "status", c.status, ParseMeasureStatus);
  in.Get(j, path, "by", c.by);
  in.Get(j, path, "at", c.at);
  in.Get(j, path, "note", c.note);
}
void Read(In& in, const json& j, const std::string& path, Feasibility& f) {
  if (!in.Object(j, path, {"by", "at", "note"})) return;
  in.Get(j, path, "by", f.by);
  in.Get(j, path, "at", f.at);
  in.Get(j, path, "note", f.note);
}
void Read(In& in, const json& j, const std::string& path, Consent& c) {
  if (!in.Object(j, path, {"person_id", "answer", "at", "note"})) return;
  in.Get(j, path, "person_id", c.person_id);
  in.Enum(j, path, "answer", c.answer, ParseConsentAnswer);
  in.Get(j, path, "at", c.at);
  in.Get(j, path, "note", c.note);
}
void Read(In& in, const json& j, const std::string& path, Opinion& o) {
  if (!in.Object(j, path, {"reviewer", "vote", "text", "at"})) return;
  in.Get(j, path, "reviewer", o.reviewer);
  in.Enum(j, path, "vote", o.vote, ParseVote);
  in.Get(j, path, "text", o.text);
  in.Get(j, path, "at", o.at);
}
void Read(In& in, const json& j, const std::string& path, TeamMember& m) {
  if (!in.Object(j, path, {"person_id", "has_current_disclosure", "no_disclosure_reason", "list_screened"})) return;
  in.Get(j, path, "person_id", m.person_id);
  in.Get(j, path, "has_current_disclosure", m.has_current_disclosure);
  in.Get(j, path, "no_disclosure_reason", m.no_disclosure_reason);
  in.Get(j, path, "list_screened", m.list_screened);
}
void Read(In& in, const json& j, const std::string& path, Partner& p) {
  if (!in.Object(j, path, {"institution_id", "list_screened"})) return;
  in.Get(j, path, "institution_id", p.institution_id);
  in.Get(j, path, "list_screened", p.list_screened);
}
void Read(In& in, const json& j, const std::string& path, Flag& f) {
  if (!in.Object(j, path, {"id", "subject"})) return;
  in.Get(j, path, "id", f.id);
  in.One(j, path, "subject", f.subject);
}
void Read(In& in, const json& j, const std::string& path, Evaluation& e) {
  if (!in.Object(j, path,
                 {"id", "case_id", "subject", "risk", "rationale", "categories", "flag_ids", "due_diligence",
                  "evaluator", "at"}))
    return;
  in.Get(j, path, "id", e.id);
  in.Get(j, path, "case_id", e.case_id);
  in.One(j, path, "subject", e.subject);
  in.Enum(j, path, "risk", e.risk, ParseRiskAnswer);
  in.Get(j, path, "rationale", e.rationale);
  in.Get(j, path, "categories", e.categories);
  in.Get(j, path, "flag_ids", e.flag_ids);
  if (const json* dd = in.Field(j, path, "due_diligence", true)) {
    const std::string p = In::Path(path, "due_diligence");
    if (in.Object(*dd, p, {"state", "unobtainable", "note"})) {
      in.Enum(*dd, p, "state", e.due_diligence.state, ParseDueDiligenceState);
      in.List(*dd, p, "unobtainable", e.due_diligence.unobtainable);
      in.Get(*dd, p, "note", e.due_diligence.note);
    }
  }
  in.Get(j, path, "evaluator", e.evaluator);
  in.Get(j, path, "at", e.at);
}
void Read(In& in, const json& j, const std::string& path, Measure& m) {
  if (!in.Object(j, path,
                 {"id", "case_id", "catalogue_id", "subject", "description", "owner", "due_date", "binds", "status",
                  "history", "evidence", "feasibility", "consents"}))
    return;
  in.Get(j, path, "id", m.id);
  in.Get(j, path, "case_id", m.case_id);
  in.Get(j, path, "catalogue_id", m.catalogue_id);
  in.One(j, path, "subject", m.subject);
  in.Get(j, path, "description", m.description);
  in.Get(j, path, "owner", m.owner);
  in.Get(j, path, "due_date", m.due_date);
  in.Get(j, path, "binds", m.binds);
  in.List(j, path, "history", m.history);
  in.List(j, path, "evidence", m.evidence);
  in.Maybe(j, path, "feasibility", m.feasibility);
  in.List(j, path, "consents", m.consents);
  if (const json* status = in.Field(j, path, "status", false)) {
    MeasureStatus stated = MeasureStatus::kPlanned;
    in.Enum(j, path, "status", stated, ParseMeasureStatus);
    if (!in.error && stated != CurrentStatus(m))
      in.Fail(In::Path(path, "status"), "\"" + status->get<std::string>() +
                                            "\" disagrees with the history, which ends " +
                                            std::string(Name(CurrentStatus(m))));
  }
}
void Read(In& in, const json& j, const std::string& path, Review& r) {
  if (!in.Object(j, path, {"id", "case_id", "stage_id", "order", "round", "reviewers", "opinions"})) return;
  in.Get(j, path, "id", r.id);
  in.Get(j, path, "case_id", r.case_id);
  in.Get(j, path, "stage_id", r.stage_id);
  in.Get(j, path, "order", r.order);
  in.Get(j, path, "round", r.round);
  in.Get(j, path, "reviewers", r.reviewers);
  in.List(j, path, "opinions", r.opinions);
}
void Read(In& in, const json& j, const std::string& path, Decision& d) {
  if (!in.Object(j, path,
                 {"id", "case_id", "round", "outcome", "reasons", "conditions", "correction_target", "decided_by", "at",
                  "appeal_deadline"}))
    return;
  in.Get(j, path, "id", d.id);
  in.Get(j, path, "case_id", d.case_id);
  in.Get(j, path, "round", d.round);
  in.Enum(j, path, "outcome", d.outcome, ParseOutcome);
  in.Get(j, path, "reasons", d.reasons);
  in.Get(j, path, "conditions", d.conditions);
  if (in.Field(j, path, "correction_target", false))
    in.Enum(j, path, "correction_target", d.correction_target, ParseCorrectionTarget);
  in.Get(j, path, "decided_by", d.decided_by);
  in.Get(j, path, "at", d.at);
  in.Get(j, path, "appeal_deadline", d.appeal_deadline);
}
void Read(In& in, const json& j, const std::string& path, Appeal& a) {
  if (!in.Object(j, path,
                 {"id", "case_id", "decision_id", "filed_by", "grounds", "filed_at", "status", "outcome_reason",
                  "decided_by", "decided_at"}))
    return;
  in.Get(j, path, "id", a.id);
  in.Get(j, path, "case_id", a.case_id);
  in.Get(j, path, "decision_id", a.decision_id);
  in.Get(j, path, "filed_by", a.filed_by);
  in.Get(j, path, "grounds", a.grounds);
  in.Get(j, path, "filed_at", a.filed_at);
  in.Enum(j, path, "status", a.status, ParseAppealStatus);
  in.Get(j, path, "outcome_reason", a.outcome_reason);
  in.Get(j, path, "decided_by", a.decided_by);
  in.Get(j, path, "decided_at", a.decided_at);
}
void Read(In& in, const json& j, const std::string& path, FollowUp& f) {
  if (!in.Object(j, path,
                 {"id", "kind", "case_id", "subject", "ref", "opened_at", "status", "note", "closed_by", "closed_at",
                  "closing_note"}))
    return;
  in.Get(j, path, "id", f.id);
  in.Enum(j, path, "kind", f.kind, ParseFollowUpKind);
  in.Get(j, path, "case_id", f.case_id);
  in.One(j, path, "subject", f.subject);
  in.Get(j, path, "ref", f.ref);
  in.Get(j, path, "opened_at", f.opened_at);
  in.Enum(j, path, "status", f.status, ParseFollowUpStatus);
  in.Get(j, path, "note", f.note);
  in.Get(j, path, "closed_by", f.closed_by);
  in.Get(j, path, "closed_at", f.closed_at);
  in.Get(j, path, "closing_note", f.closing_note);
}
void Read(In& in, const json& j, const std::string& path, ListHit& h) {
  if (!in.Object(j, path, {"list_id", "entry_id", "subject", "snapshot", "matched_name"})) return;
  in.Get(j, path, "list_id", h.list_id);
  in.Get(j, path, "entry_id", h.entry_id);
  in.One(j, path, "subject", h.subject);
  in.Get(j, path, "snapshot", h.snapshot);
  in.Get(j, path, "matched_name", h.matched_name);
}
void Read(In& in, const json& j, const std::string& path, CaseSnapshot& s) {
  if (!in.Object(j, path,
                 {"case_id", "state", "round", "team", "partners", "flags", "evaluations", "measures", "reviews",
                  "decision", "appeal", "followups", "withdrawal_reason"}))
    return;
  in.Get(j, path, "case_id", s.case_id);
  in.Enum(j, path, "state", s.state, ParseCaseState);
  in.Get(j, path, "round", s.round);
  in.List(j, path, "team", s.team);
  in.List(j, path, "partners", s.partners);
  in.List(j, path, "flags", s.flags);
  in.List(j, path, "evaluations", s.evaluations);
  in.List(j, path, "measures", s.measures);
  in.List(j, path, "reviews", s.reviews);
  in.Maybe(j, path, "decision", s.decision);
  in.Maybe(j, path, "appeal", s.appeal);
  in.List(j, path, "followups", s.followups);
  in.Get(j, path, "withdrawal_reason", s.withdrawal_reason);
}
void Read(In& in, const json& j, const std::string& path, RiskCategory& c) {
  if (!in.Object(j, path, {"id", "ja", "en", "origin", "source", "line"})) return;
  in.Get(j, path, "id", c.id);
  in.Get(j, path, "ja", c.ja);
  in.Get(j, path, "en", c.en);
  in.Get(j, path, "origin", c.origin);
  in.One(j, path, "source", c.source);
  in.Get(j, path, "line", c.line);
}
void Read(In& in, const json& j, const std::string& path, MeasureKind& k) {
  if (!in.Object(j, path, {"id", "ja", "en", "description_ja", "description_en", "source", "wording", "line"})) return;
  in.Get(j, path, "id", k.id);
  in.Get(j, path, "ja", k.ja);
  in.Get(j, path, "en", k.en);
  in.Get(j, path, "description_ja", k.description_ja);
  in.Get(j, path, "description_en", k.description_en);
  in.One(j, path, "source", k.source);
  in.Get(j, path, "wording", k.wording);
  in.Get(j, path, "line", k.line);
}
void Read(In& in, const json& j, const std::string& path, ReviewStage& s) {
  if (!in.Object(j, path, {"track", "order", "id", "ja", "en", "roles", "min_reviewers", "source", "line"})) return;
  in.Get(j, path, "track", s.track);
  in.Get(j, path, "order", s.order);
  in.Get(j, path, "id", s.id);
  in.Get(j, path, "ja", s.ja);
  in.Get(j, path, "en", s.en);
  std::vector<std::string> roles;
  in.Get(j, path, "roles", roles);
  for (size_t i = 0; i < roles.size() && !in.error; ++i) {
    auto role = access::ParseRole(roles[i]);
    if (!role)
      in.Fail(In::Path(path, "roles") + "[" + std::to_string(i) + "]", role.error().message);
    else
      s.roles.push_back(*role);
  }
  in.Get(j, path, "min_reviewers", s.min_reviewers);
  in.One(j, path, "source", s.source);
  in.Get(j, path, "line", s.line);
}

template <typename T>
void In::List(const json& obj, const std::string& path, std::string_view key, std::vector<T>& out) {
  const json* v = Field(obj, path, key, false);
  if (!v) return;
  if (!v->is_array()) return Fail(Path(path, key), "expected an array, found " + TypeName(*v));
  for (size_t i = 0; i < v->size() && !error; ++i) {
    T item{};
    Read(*this, (*v)[i], Path(path, key) + "[" + std::to_string(i) + "]", item);
    out.push_back(std::move(item));
  }
}

template <typename T>
void In::Maybe(const json& obj, const std::string& path, std::string_view key, std::optional<T>& out) {
  const json* v = Field(obj, path, key, false);
  if (!v || v->is_null()) return;
  T item{};
  Read(*this, *v, Path(path, key), item);
  out = std::move(item);
}

template <typename T>
void In::One(const json& obj, const std::string& path, std::string_view key, T& out) {
  if (const json* v = Field(obj, path, key, true)) Read(*this, *v, Path(path, key), out);
}

template <typename T>
Result<T> Parse(std::string_view text, const std::string& root) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return MakeError(ErrorCode::kInvalidArgument, root + ": not valid JSON");
  In in;
  T value{};
  Read(in, j, root, value);
  if (in.error) return *in.error;
  return value;
}

}  // namespace

std::string ToJson(const Evaluation& v) {
  return Dump(W(v));
}
std::string ToJson(const Measure& v) {
  return Dump(W(v));
}
std::string ToJson(const Review& v) {
  return Dump(W(v));
}
std::string ToJson(const Decision& v) {
  return Dump(W(v));
}
std::string ToJson(const Appeal& v) {
  return Dump(W(v));
}
std::string ToJson(const FollowUp& v) {
  return Dump(W(v));
}
std::string ToJson(const ListHit& v) {
  return Dump(W(v));
}
std::string ToJson(const CaseSnapshot& v) {
  return Dump(W(v));
}
std::string ToJson(const RiskCategory& v) {
  return Dump(W(v));
}
std::string ToJson(const MeasureKind& v) {
  return Dump(W(v));
}
std::string ToJson(const ReviewStage& v) {
  return Dump(W(v));
}

template <>
Result<Evaluation> FromJson<Evaluation>(std::string_view json) {
  return Parse<Evaluation>(json, "evaluation");
}
template <>
Result<Measure> FromJson<Measure>(std::string_view json) {
  return Parse<Measure>(json, "measure");
}
template <>
Result<Review> FromJson<Review>(std::string_view json) {
  return Parse<Review>(json, "review");
}
template <>
Result<Decision> FromJson<Decision>(std::string_view json) {
  return Parse<Decision>(json, "decision");
}
template <>
Result<Appeal> FromJson<Appeal>(std::string_view json) {
  return Parse<Appeal>(json, "appeal");
}
template <>
Result<FollowUp> FromJson<FollowUp>(std::string_view json) {
  return Parse<FollowUp>(json, "followup");
}
template <>
Result<ListHit> FromJson<ListHit>(std::string_view json) {
  return Parse<ListHit>(json, "list_hit");
}
template <>
Result<CaseSnapshot> FromJson<CaseSnapshot>(std::string_view json) {
  return Parse<CaseSnapshot>(json, "case_snapshot");
}
template <>
Result<RiskCategory> FromJson<RiskCategory>(std::string_view json) {
  return Parse<RiskCategory>(json, "risk_category");
}
template <>
Result<MeasureKind> FromJson<MeasureKind>(std::string_view json) {
  return Parse<MeasureKind>(json, "measure_kind");
}
template <>
Result<ReviewStage> FromJson<ReviewStage>(std::string_view json) {
  return Parse<ReviewStage>(json, "review_stage");
}

}  // namespace highfence::workflow
