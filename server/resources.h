// SPDX-License-Identifier: Apache-2.0
#pragma once
// Resources: the /v1 routes of the procedure (手順書) and the screening tools, each a thin handler
// in server/handlers/<resource>.cc: parse → authorize (domain/access, per record) → call the
// service (storage::CaseStore, checking::EntityChecker, screening::Screener) → render with the
// domain codecs. Lists page with ?limit&offset&sort and filters (internal/paging.h); reads send
// ETag, writes need If-Match (etag.h: stale → 409); uploads are multipart with per-file limits.
//
//   ResourceServices services{.cases = store.get(), .checker = &checker, .screener = &screener};
//   AddResourceRoutes(server, services, {});
//
// A service left null keeps its routes registered (the OpenAPI and role-matrix tests walk them)
// but they answer 503 "not configured". Services must outlive the server and be thread-safe.
#include <cstddef>

#include "server/server.h"

namespace highfence::checking {
class EntityChecker;
}
namespace highfence::screening {
class Screener;
}
namespace highfence::storage {
class CaseStore;
}

namespace highfence::server {

struct ResourceOptions {
  // One uploaded proposal file; larger → 413. Default: 32 MiB.
  size_t max_file_bytes = 32u << 20;
  // Total uncompressed size read from a DOCX (a ZIP bomb is refused with 413 past it). Default: 64 MiB.
  size_t max_docx_uncompressed_bytes = 64u << 20;
  // Names in one POST /v1/checks/batch. Default: 500.
  size_t max_batch_names = 500;
};

struct ResourceServices {
  storage::CaseStore* cases = nullptr;               // the procedure (institutions … follow-ups, audit)
  const checking::EntityChecker* checker = nullptr;  // lists loaded once at start
  const screening::Screener* screener = nullptr;     // keyword lists loaded once at start
};

// REQUIRES: before server.Start().
void AddResourceRoutes(Server& server, const ResourceServices& services, const ResourceOptions& options);

}  // namespace highfence::server
