// SPDX-License-Identifier: Apache-2.0
#pragma once
// The JSON machinery behind codec.h (nlohmann, internal to domain/cases). Each struct lists its
// fields once, in a Fields(visitor, value) template; the same list drives writing (Writer) and
// reading (Reader), so the two cannot drift. Reading names the path of the first problem
// ("team[2].role: unknown value …"), rejects unknown fields (a typo is not silently dropped, and
// no restricted item can ride along in a Disclosure), and never throws.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/error.h"
#include "base/result.h"
#include "domain/cases/case.h"
#include "domain/cases/disclosure.h"
#include "domain/cases/disclosure_diff.h"
#include "domain/cases/evaluation_inputs.h"
#include "domain/cases/institution.h"
#include "domain/cases/internal/enum_table.h"
#include "domain/cases/internal/enums.h"
#include "domain/cases/organisation.h"
#include "domain/cases/person.h"
#include "domain/cases/programme.h"
#include "domain/cases/proposal.h"
#include "domain/cases/screening_ref.h"

namespace highfence::cases::internal {

using Json = nlohmann::ordered_json;  // keeps our field order: id first, rows last

enum Need { kOptional, kRequired };

// The first decoding problem, if any.
struct Decoder {
  std::optional<Error> error;
  bool failed() const { return error.has_value(); }
  void Fail(const std::string& path, const std::string& what) {
    if (!error) error = MakeError(ErrorCode::kInvalidArgument, (path.empty() ? "(root)" : path) + ": " + what);
  }
};

// An empty member name is named "" (quoted), so that the path still names something.
inline std::string Join(const std::string& path, std::string_view key) {
  std::string name = key.empty() ? std::string("\"\"") : std::string(key);
  return path.empty() ? name : path + "." + name;
}
inline std::string At(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string TypeName(const Json& j);

// ---- scalars, enums, containers ----
inline Json Encode(const std::string& s) {
  return s;
}
inline Json Encode(bool b) {
  return b;
}
inline Json Encode(int v) {
  return v;
}
inline Json Encode(std::int64_t v) {
  return v;
}
inline Json Encode(double v) {
  return v;
}
void Decode(const Json& j, const std::string& path, Decoder& d, std::string& out);
void Decode(const Json& j, const std::string& path, Decoder& d, bool& out);
void Decode(const Json& j, const std::string& path, Decoder& d, int& out);
void Decode(const Json& j, const std::string& path, Decoder& d, std::int64_t& out);
void Decode(const Json& j, const std::string& path, Decoder& d, double& out);

template <typename E, std::size_t N>
void DecodeEnum(const Json& j, const std::string& path, Decoder& d, E& out, const EnumTable<E, N>& table) {
  if (!j.is_string()) return d.Fail(path, TypeName(j) + ", expected one of " + table.Expected());
  auto parsed = table.Parse(j.get_ref<const std::string&>());
  if (!parsed) {
    return d.Fail(path, "unknown value \"" + j.get<std::string>() + "\" (expected " + table.Expected() + ")");
  }
  out = *parsed;
}

#define HF_CASES_JSON_ENUM(Type, table)                                               \
  inline Json Encode(Type v) {                                                        \
    return std::string(table.Id(v));                                                  \
  }                                                                                   \
  inline void Decode(const Json& j, const std::string& path, Decoder& d, Type& out) { \
    DecodeEnum(j, path, d, out, table);                                               \
  }
HF_CASES_JSON_ENUM(NameScript, kNameScripts)
HF_CASES_JSON_ENUM(NameKind, kNameKinds)
HF_CASES_JSON_ENUM(InstitutionKind, kInstitutionKinds)
HF_CASES_JSON_ENUM(TeamRole, kTeamRoles)
HF_CASES_JSON_ENUM(ProposalState, kProposalStates)
HF_CASES_JSON_ENUM(SubjectKind, kSubjectKinds)
HF_CASES_JSON_ENUM(ScreeningKind, kScreeningKinds)
HF_CASES_JSON_ENUM(rules::RiskLevel, kRiskLevels)
HF_CASES_JSON_ENUM(rules::KeywordHit, kKeywordHits)
HF_CASES_JSON_ENUM(RowChangeKind, kRowChangeKinds)
#undef HF_CASES_JSON_ENUM

// Every struct of domain/cases with a codec, nested ones included. Declared before the
// container templates below so that their unqualified Encode() calls find them.
#define HF_CASES_JSON_STRUCT(Type) \
  Json Encode(const Type& v);      \
  void Decode(const Json& j, const std::string& path, Decoder& d, Type& out);
HF_CASES_JSON_STRUCT(Name)
HF_CASES_JSON_STRUCT(Institution)
HF_CASES_JSON_STRUCT(Affiliation)
HF_CASES_JSON_STRUCT(Person)
HF_CASES_JSON_STRUCT(ListMembership)
HF_CASES_JSON_STRUCT(Organisation)
HF_CASES_JSON_STRUCT(DesignationCondition)
HF_CASES_JSON_STRUCT(Programme)
HF_CASES_JSON_STRUCT(TeamMember)
HF_CASES_JSON_STRUCT(Proposal)
HF_CASES_JSON_STRUCT(Case)
HF_CASES_JSON_STRUCT(Subject)
HF_CASES_JSON_STRUCT(KeywordScreening)
HF_CASES_JSON_STRUCT(SnapshotRef)
HF_CASES_JSON_STRUCT(ListHitRef)
HF_CASES_JSON_STRUCT(ListCheck)
HF_CASES_JSON_STRUCT(ScreeningRef)
HF_CASES_JSON_STRUCT(Certification)
HF_CASES_JSON_STRUCT(OrgRef)
HF_CASES_JSON_STRUCT(Money)
HF_CASES_JSON_STRUCT(Contributor)
HF_CASES_JSON_STRUCT(EducationRow)
HF_CASES_JSON_STRUCT(CareerRow)
HF_CASES_JSON_STRUCT(FundingRow)
HF_CASES_JSON_STRUCT(SupportRow)
HF_CASES_JSON_STRUCT(PublicationRow)
HF_CASES_JSON_STRUCT(PatentRow)
HF_CASES_JSON_STRUCT(TalentProgrammeRow)
HF_CASES_JSON_STRUCT(SanctionRow)
HF_CASES_JSON_STRUCT(ListAppearanceRow)
HF_CASES_JSON_STRUCT(ListedAffiliationRow)
HF_CASES_JSON_STRUCT(ListedRelationshipRow)
HF_CASES_JSON_STRUCT(ExternalFundingRow)
HF_CASES_JSON_STRUCT(PostRow)
HF_CASES_JSON_STRUCT(Disclosure)
HF_CASES_JSON_STRUCT(FieldChange)
HF_CASES_JSON_STRUCT(RowChange)
HF_CASES_JSON_STRUCT(ItemDiff)
HF_CASES_JSON_STRUCT(DisclosureDiff)
HF_CASES_JSON_STRUCT(EvaluationInputs)
#undef HF_CASES_JSON_STRUCT

Json Encode(DisclosureItem item);
void Decode(const Json& j, const std::string& path, Decoder& d, DisclosureItem& out);

template <typename T>
Json Encode(const std::optional<T>& v) {
  return v ? Encode(*v) : Json(nullptr);
}
template <typename T>
Json Encode(const std::vector<T>& v) {
  Json j = Json::array();
  for (const T& x : v) j.push_back(Encode(x));
  return j;
}
template <typename T>
void Decode(const Json& j, const std::string& path, Decoder& d, std::vector<T>& out) {
  if (!j.is_array()) return d.Fail(path, TypeName(j) + ", expected an array");
  out.clear();
  out.reserve(j.size());
  for (size_t i = 0; i < j.size() && !d.failed(); ++i) {
    out.emplace_back();
    Decode(j[i], At(path, i), d, out.back());
  }
}
template <typename T>
void Decode(const Json& j, const std::string& path, Decoder& d, std::optional<T>& out) {
  if (j.is_null()) return out.reset();
  out.emplace();
  Decode(j, path, d, *out);
}

// ---- objects: one Fields() list per struct drives both directions ----
class Writer {
 public:
  explicit Writer(Json& j) : j_(j) {}
  template <typename T>
  void operator()(const char* key, const T& value, Need = kOptional) {
    j_[key] = Encode(value);
  }

 private:
  Json& j_;
};

class Reader {
 public:
  Reader(const Json& j, std::string path, Decoder& d) : j_(j), path_(std::move(path)), d_(d) {
    if (!j_.is_object()) d_.Fail(path_, TypeName(j_) + ", expected an object");
  }
  template <typename T>
  void operator()(const char* key, T& out, Need need = kOptional) {
    if (d_.failed()) return;
    seen_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (need == kRequired) d_.Fail(Join(path_, key), "missing");
      return;
    }
    Decode(*it, Join(path_, key), d_, out);
  }
  // Fails on a key no Fields() entry read.
  void Finish();

 private:
  const Json& j_;
  std::string path_;
  Decoder& d_;
  std::set<std::string, std::less<>> seen_;
};

template <typename T>
Json EncodeFields(const T& value) {
  Json j = Json::object();
  Writer w(j);
  Fields(w, value);
  return j;
}
template <typename T>
void DecodeFields(const Json& j, const std::string& path, Decoder& d, T& out) {
  Reader r(j, path, d);
  if (d.failed()) return;
  Fields(r, out);
  if (!d.failed()) r.Finish();
}

// Text → Json, kInvalidArgument "JSON: <parser message>" on a syntax error.
Result<Json> Parse(std::string_view text);
// Json → text: compact when indent < 0.
std::string Dump(const Json& j, int indent);

// Text → T through Decode, errors naming the path.
template <typename T>
Result<T> FromText(std::string_view text) {
  auto json = Parse(text);
  if (!json) return json.error();
  Decoder d;
  T out{};
  Decode(*json, "", d, out);
  if (d.failed()) return *d.error;
  return out;
}

}  // namespace highfence::cases::internal
