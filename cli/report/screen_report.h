// SPDX-License-Identifier: Apache-2.0
#pragma once
// Renderers of screening results for people and programs: text (terminal), JSON (schema in
// docs/formats/screening-result.md) and a self-contained printable HTML report per proposal.
#include <string>
#include <vector>

#include "domain/screening/screener.h"

namespace highfence::cli {

struct Failure {
  std::string file;
  std::string code;     // ErrorCodeName
  std::string message;  // names the file and the reason
};

struct BatchReport {
  std::string tool_version;
  std::string keyword_list_version;
  std::string generated_at;  // ISO 8601 UTC
  std::vector<screening::ScreeningResult> results;
  std::vector<Failure> failures;
};

// Text for a person: level, areas with counts, the strongest passages, reasons, missing answers.
std::string RenderText(const screening::Screener& screener, const BatchReport& report, bool color);
// The whole batch as one JSON document.
std::string RenderJson(const screening::Screener& screener, const BatchReport& report);
// One proposal as JSON (the element of "results").
std::string RenderResultJson(const screening::Screener& screener, const screening::ScreeningResult& result);
// One proposal as a self-contained HTML page (inline CSS, no scripts, prints on A4).
std::string RenderHtml(const screening::Screener& screener, const BatchReport& report,
                       const screening::ScreeningResult& result);

}  // namespace highfence::cli
