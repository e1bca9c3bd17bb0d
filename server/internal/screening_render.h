// SPDX-License-Identifier: Apache-2.0
#pragma once
// A keyword screening as the API shows it, and the evidence a case keeps of it
// (cases::KeywordScreening, pinned to the keyword-list version).
#include <nlohmann/json.hpp>

#include "domain/cases/screening_ref.h"
#include "domain/screening/screener.h"
#include "server/api_error.h"
#include "server/http.h"
#include "server/resources.h"

namespace highfence::server::handlers {

// At most this many hits are listed (each with page and passage); counts cover them all.
inline constexpr size_t kMaxHitsShown = 200;

nlohmann::json ScreeningJson(const screening::ScreeningResult& r, const technology::KeywordList& keywords);
cases::KeywordScreening KeywordScreeningOf(const screening::ScreeningResult& r);

// The upload in part "file" read and screened; errors name field "file" (413 / 415 / 422).
ApiResult<screening::ScreeningResult> ScreenUpload(const Request& req, const screening::Screener* screener,
                                                   const ResourceOptions& options);
ApiError DocumentError(const Error& e);

}  // namespace highfence::server::handlers
