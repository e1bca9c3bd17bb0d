// SPDX-License-Identifier: Apache-2.0
#include "domain/rules/risk_level.h"

namespace highfence::rules {

std::string_view KeywordHitSymbol(KeywordHit h) {
  switch (h) {
    case KeywordHit::kYes:
      return "○";
    case KeywordHit::kPartial:
      return "△";
    case KeywordHit::kNo:
      return "×";
  }
  return "×";
}

std::string_view KeywordHitId(KeywordHit h) {
  switch (h) {
    case KeywordHit::kYes:
      return "yes";
    case KeywordHit::kPartial:
      return "partial";
    case KeywordHit::kNo:
      return "no";
  }
  return "no";
}

std::optional<KeywordHit> ParseKeywordHit(std::string_view s) {
  if (s == "yes" || s == "○") return KeywordHit::kYes;
  if (s == "partial" || s == "△") return KeywordHit::kPartial;
  if (s == "no" || s == "×") return KeywordHit::kNo;
  return std::nullopt;
}

std::string_view RealisationSymbol(Realisation r) {
  return r == Realisation::kYes ? "○" : "×";
}
std::string_view RealisationId(Realisation r) {
  return r == Realisation::kYes ? "yes" : "no";
}

std::string_view RiskLevelId(RiskLevel l) {
  switch (l) {
    case RiskLevel::kRed:
      return "red";
    case RiskLevel::kYellow:
      return "yellow";
    case RiskLevel::kGreen:
      return "green";
  }
  return "green";
}

std::string_view RiskLevelJa(RiskLevel l) {
  switch (l) {
    case RiskLevel::kRed:
      return "赤";
    case RiskLevel::kYellow:
      return "黄";
    case RiskLevel::kGreen:
      return "緑";
  }
  return "緑";
}

std::string_view RequirementId(Requirement r) {
  switch (r) {
    case Requirement::kRequired:
      return "required";
    case Requirement::kAsNeeded:
      return "as_needed";
    case Requirement::kNone:
      return "none";
  }
  return "none";
}

std::string_view RequirementJa(Requirement r) {
  switch (r) {
    case Requirement::kRequired:
      return "必須";
    case Requirement::kAsNeeded:
      return "必要に応じて";
    case Requirement::kNone:
      return "不要";
  }
  return "不要";
}

}  // namespace highfence::rules
