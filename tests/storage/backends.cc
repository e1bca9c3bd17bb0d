// SPDX-License-Identifier: Apache-2.0
#include "tests/storage/backends.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>

#include "tests/support/postgres.h"

namespace highfence::testing {

std::string SqliteBackend::NewUrl(const TempDir& dir) {
  static std::atomic<int> n{0};
  return "sqlite:" + (dir.path() / ("store_" + std::to_string(++n) + ".db")).string();
}

std::string PostgresBackend::NewUrl(const TempDir&) {
  return PostgresServer::Get().NewDatabase();
}

namespace {

bool IsSqlite(const std::string& url) {
  return url.rfind("sqlite:", 0) == 0;
}

}  // namespace

bool RawExec(const std::string& url, const std::string& sql) {
  if (IsSqlite(url)) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) ADD_FAILURE() << "sqlite: " << (message ? message : sqlite3_errmsg(db)) << " in " << sql;
    sqlite3_free(message);
    sqlite3_close(db);
    return rc == SQLITE_OK;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
  if (!ok) ADD_FAILURE() << "postgres: " << PQerrorMessage(conn) << " in " << sql;
  PQclear(res);
  PQfinish(conn);
  return ok;
}

std::vector<std::string> RawColumn(const std::string& url, const std::string& sql) {
  std::vector<std::string> out;
  if (IsSqlite(url)) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "sqlite: " << sqlite3_errmsg(db) << " in " << sql;
    }
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      out.emplace_back(text ? text : "");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    ADD_FAILURE() << "postgres: " << PQerrorMessage(conn) << " in " << sql;
  } else {
    for (int r = 0; r < PQntuples(res); ++r) out.emplace_back(PQgetvalue(res, r, 0));
  }
  PQclear(res);
  PQfinish(conn);
  return out;
}

std::string WriterPath() {
  return (BinaryDir() / "tests" / "storage" / "storage_writer").string();
}

}  // namespace highfence::testing
