// SPDX-License-Identifier: Apache-2.0
#include "domain/cases/codec.h"

#include "domain/cases/internal/json.h"

namespace highfence::cases {

template <typename T>
Result<T> FromJson(std::string_view json) {
  return internal::FromText<T>(json);
}

#define HF_CASES_CODEC(Type)                                          \
  std::string ToJson(const Type& value, const JsonOptions& options) { \
    return internal::Dump(internal::Encode(value), options.indent);   \
  }                                                                   \
  template Result<Type> FromJson<Type>(std::string_view);
HF_CASES_CODEC(Institution)
HF_CASES_CODEC(Person)
HF_CASES_CODEC(Organisation)
HF_CASES_CODEC(Programme)
HF_CASES_CODEC(Proposal)
HF_CASES_CODEC(Case)
HF_CASES_CODEC(ScreeningRef)
HF_CASES_CODEC(Disclosure)
HF_CASES_CODEC(DisclosureDiff)
HF_CASES_CODEC(EvaluationInputs)
#undef HF_CASES_CODEC

}  // namespace highfence::cases
