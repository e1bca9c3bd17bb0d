// SPDX-License-Identifier: Apache-2.0
#pragma once
// The OpenAPI document as a contract on live responses: every response a test server sends for a
// registered route must have its status documented for that operation, and a JSON body must
// validate against the documented schema (valijson, draft 7, "#/components/…" resolved in the
// whole document). ApiServer records every response and fails the test that owns it on the
// first non-conforming response per (method, route, status), so the e2e suites check the
// document against what the server really answers, not only against its hand-written examples.
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace highfence::testing {

// "" when the response conforms, else why (naming the operation, the status and the schema
// path that failed). Thread-safe; the document is parsed once per process.
std::string CheckAgainstOpenApi(std::string_view method, std::string_view pattern, int status,
                                std::string_view content_type, std::string_view body);

// Collects responses from a server's ResponseObserver (any thread) and keeps the first problem
// per (method, pattern, status).
class ResponseContract {
 public:
  void Observe(std::string_view method, std::string_view pattern, int status, std::string_view content_type,
               std::string_view body);
  std::vector<std::string> Problems() const;
  size_t checked() const;

 private:
  mutable std::mutex mu_;
  std::set<std::string> failed_keys_;
  std::vector<std::string> problems_;
  size_t checked_ = 0;
};

}  // namespace highfence::testing
