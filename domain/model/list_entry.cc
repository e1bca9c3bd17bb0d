// SPDX-License-Identifier: Apache-2.0
#include "domain/model/list_entry.h"

namespace highfence::model {

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kOrganisation:
      return "organisation";
    case EntityType::kPerson:
      return "person";
    case EntityType::kVessel:
      return "vessel";
    case EntityType::kOther:
      return "other";
  }
  return "other";
}

const char* NameKindName(NameKind kind) {
  switch (kind) {
    case NameKind::kPrimary:
      return "primary";
    case NameKind::kAlias:
      return "alias";
    case NameKind::kAcronym:
      return "acronym";
    case NameKind::kFormer:
      return "former";
    case NameKind::kTranslation:
      return "translation";
  }
  return "alias";
}

}  // namespace highfence::model
