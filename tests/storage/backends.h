// SPDX-License-Identifier: Apache-2.0
#pragma once
// The two backends the storage suite runs on, and raw access to each database behind the
// application's back (the sqlite3 C API and libpq directly), for the tampering tests.
#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"
#include "tests/support/data.h"

namespace highfence::testing {

struct SqliteBackend {
  static constexpr const char* kName = "sqlite";
  // "sqlite:<dir>/<name>.db", a file that does not exist yet.
  static std::string NewUrl(const TempDir& dir);
};

struct PostgresBackend {
  static constexpr const char* kName = "postgres";
  // A fresh database of the test server (tests/support/postgres.h).
  static std::string NewUrl(const TempDir& dir);
};

// Runs SQL statements on the database at url without going through storage/ (a person with
// the database password, or the file). Fails the current test on error and returns false.
bool RawExec(const std::string& url, const std::string& sql);
// The first column of every row of a query, as text ("" for NULL).
std::vector<std::string> RawColumn(const std::string& url, const std::string& sql);

// Path of the storage_writer helper built beside the tests.
std::string WriterPath();

}  // namespace highfence::testing
