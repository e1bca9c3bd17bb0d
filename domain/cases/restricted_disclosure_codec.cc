// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/restricted_disclosure_codec.h"

#include "domain/cases/internal/json.h"

namespace highfence::cases {

// In this namespace (not internal) so that the codec templates find them by argument-dependent
// lookup; the rest of domain/cases never sees these two types.
template <typename V, typename T>
requires std::same_as<std::remove_const_t<T>, NonResidentStatus>
void Fields(V& v, T& x) {
  v("non_resident", x.non_resident);
  v("specified_category", x.specified_category);
  v("category", x.category);
  v("note", x.note);
}
template <typename V, typename T>
requires std::same_as<std::remove_const_t<T>, RestrictedDisclosure>
void Fields(V& v, T& x) {
  v("id", x.id, internal::kRequired);
  v("tenant_id", x.tenant_id);
  v("person_id", x.person_id, internal::kRequired);
  v("seq", x.seq, internal::kRequired);
  v("as_of", x.as_of, internal::kRequired);
  v("certification", x.certification);
  v("non_resident_status", x.non_resident_status);
  v("nationalities", x.nationalities);
}

internal::Json Encode(const NonResidentStatus& v) {
  return internal::EncodeFields(v);
}
void Decode(const internal::Json& j, const std::string& path, internal::Decoder& d, NonResidentStatus& out) {
  internal::DecodeFields(j, path, d, out);
}
internal::Json Encode(const RestrictedDisclosure& v) {
  return internal::EncodeFields(v);
}
void Decode(const internal::Json& j, const std::string& path, internal::Decoder& d, RestrictedDisclosure& out) {
  internal::DecodeFields(j, path, d, out);
}

std::string ToJson(const RestrictedDisclosure& value, const JsonOptions& options) {
  return internal::Dump(Encode(value), options.indent);
}

template <>
Result<RestrictedDisclosure> FromJson<RestrictedDisclosure>(std::string_view json) {
  return internal::FromText<RestrictedDisclosure>(json);
}

}  // namespace highfence::cases
