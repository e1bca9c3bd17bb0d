// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL connection over libpq: text parameters and results, SQLSTATE mapped to ErrorCode,
// messages that name host:port and database but never the user or password.
#include <libpq-fe.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/internal/connection.h"

namespace highfence::storage::internal {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

struct ConninfoDeleter {
  void operator()(PQconninfoOption* o) const { PQconninfoFree(o); }
};

ErrorCode CodeOfSqlState(std::string_view state) {
  if (state == "23505") return ErrorCode::kAlreadyExists;
  if (state == "40001" || state == "40P01") return ErrorCode::kAborted;
  if (state.substr(0, 2) == "23" || state.substr(0, 2) == "22") return ErrorCode::kInvalidArgument;
  if (state.substr(0, 2) == "08" || state.substr(0, 2) == "57") return ErrorCode::kUnavailable;
  if (state.substr(0, 2) == "53") return ErrorCode::kResourceExhausted;
  if (state.substr(0, 2) == "42") return ErrorCode::kInvalidArgument;  // a missing table, a syntax error
  if (state == "XX001" || state == "XX002") return ErrorCode::kDataLoss;
  return ErrorCode::kInternal;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

void IgnoreNotice(void*, const char*) {}  // "NOTICE: … already exists, skipping" is not for users

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* conn, std::string where) : Connection(std::move(where)), conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }
  using Connection::Query;
  Dialect dialect() const override { return Dialect::kPostgres; }
  bool healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }

  // Transaction control costs no round trip of its own where it can be avoided (a case read was
  // BEGIN, two statements and COMMIT: four round trips; now two waits, docs/benchmarks.md run I):
  // - BEGIN is held back and sent in one pipeline with the transaction's first statement (libpq's
  //   pipeline mode); a transaction that runs no statement sends nothing at all.
  // - COMMIT of a READ ONLY transaction is sent without waiting for its answer: nothing was
  //   written, so there is nothing whose success the caller must learn. The answer is read (and
  //   dropped) before the connection's next statement, so the connection is never idle in a
  //   transaction: PostgreSQL ends the transaction as soon as the COMMIT arrives.
  // Both are invisible to the caller: errors of a held-back BEGIN come with the first statement.
  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override {
    DrainCommit();
    if (params.empty() && sql.starts_with("BEGIN") && !begin_ && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      begin_ = std::string(sql);
      return Rows{};
    }
    if (begin_ && params.empty() && (sql == "COMMIT" || sql == "ROLLBACK")) {
      begin_.reset();  // nothing ran: nothing to end
      return Rows{};
    }
    if (params.empty() && sql == "COMMIT" && read_only_ && PQtransactionStatus(conn_) == PQTRANS_INTRANS &&
        PQsendQuery(conn_, "COMMIT")) {
      read_only_ = false;
      commit_in_flight_ = true;
      return Rows{};
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Value& v : params) values.push_back(v ? v->c_str() : nullptr);
    auto prepared = Prepared(sql, static_cast<int>(params.size()));
    if (!prepared) return prepared.error();
    const std::string* name = *prepared;
    const int n = static_cast<int>(params.size());
    PgResult res;
    if (begin_) {
      std::string begin = std::move(*begin_);
      begin_.reset();
      read_only_ = begin.find("READ ONLY") != std::string::npos;
      auto piped = AfterBegin(begin, sql, name, n, values.data());
      if (!piped) return piped.error();
      res = std::move(*piped);
    } else {
      res.reset(
          name ? PQexecPrepared(conn_, name->c_str(), n, values.data(), nullptr, nullptr, 0)
               : PQexecParams(conn_, NumberPlaceholders(sql).c_str(), n, nullptr, values.data(), nullptr, nullptr, 0));
    }
    ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (name && status == PGRES_FATAL_ERROR && healthy() && PlanOutdated(res.get())) {
      // A restore replaced a table under the prepared statement with one of another row type:
      // forget it (prepared again, under a new name, on its next use), and outside a
      // transaction run the text once more; inside one, the transaction may be run again.
      prepared_.erase(prepared_.find(sql));
      if (PQtransactionStatus(conn_) == PQTRANS_IDLE) {
        res.reset(PQexecParams(conn_, NumberPlaceholders(sql).c_str(), n, nullptr, values.data(), nullptr, nullptr, 0));
        status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
      } else {
        saw_retryable_error_ = true;
      }
    }
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Fail(res.get(), sql);
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) read_only_ = false;
    return ToRows(res.get());
  }

  Result<void> ExecScript(std::string_view sql) override {
    DrainCommit();
    if (begin_) {  // a script may hold several statements: begin on its own first
      std::string begin = std::move(*begin_);
      begin_.reset();
      PgResult b(PQexec(conn_, begin.c_str()));
      if (!b || PQresultStatus(b.get()) != PGRES_COMMAND_OK) return Fail(b.get(), begin);
    }
    PgResult res(PQexec(conn_, std::string(sql).c_str()));
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Fail(res.get(), "(script)");
    return Ok();
  }

 private:
  static Rows ToRows(PGresult* res) {
    Rows out;
    const int n = PQnfields(res);
    for (int c = 0; c < n; ++c) out.columns.emplace_back(PQfname(res, c));
    const int count = PQntuples(res);
    out.rows.reserve(count);
    for (int r = 0; r < count; ++r) {
      Row row(n);
      for (int c = 0; c < n; ++c) {
        if (PQgetisnull(res, r, c)) continue;
        row[c] = std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c));
      }
      out.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(res);
    out.affected = affected && *affected ? ParseInt64(affected).value_or(0) : 0;
    return out;
  }

  // Sends the held-back BEGIN and the statement in one pipeline and returns the statement's
  // result, or BEGIN's error. The statement is already prepared (name) or runs as text.
  Result<PgResult> AfterBegin(const std::string& begin, std::string_view sql, const std::string* name, int n,
                              const char* const* values) {
    if (!PQenterPipelineMode(conn_)) return Fail(nullptr, begin);
    const bool sent =
        PQsendQueryParams(conn_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) &&
        (name ? PQsendQueryPrepared(conn_, name->c_str(), n, values, nullptr, nullptr, 0)
              : PQsendQueryParams(conn_, NumberPlaceholders(sql).c_str(), n, nullptr, values, nullptr, nullptr, 0)) &&
        PQpipelineSync(conn_);
    // Results come as: BEGIN's, NULL, the statement's, NULL, then PGRES_PIPELINE_SYNC. Two NULLs
    // in a row (nothing more will come) end the loop on a broken connection.
    std::vector<PgResult> results;
    for (int nulls = 0; sent && nulls < 2;) {
      PgResult r(PQgetResult(conn_));
      if (!r) {
        ++nulls;
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC) break;
      results.push_back(std::move(r));
    }
    PQexitPipelineMode(conn_);
    if (!sent || results.empty()) return Fail(nullptr, begin);
    if (PQresultStatus(results[0].get()) != PGRES_COMMAND_OK) return Fail(results[0].get(), begin);
    if (results.size() < 2) return Fail(nullptr, sql);
    return std::move(results[1]);
  }

  // Reads the answer to a COMMIT sent without waiting (see Query). Its outcome is dropped: the
  // transaction was read only, and a lost connection shows in the next statement.
  void DrainCommit() {
    if (!commit_in_flight_) return;
    commit_in_flight_ = false;
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  }

  // Statements are prepared once per connection and then only bound and executed: PostgreSQL
  // parses and plans each text once instead of on every call (planning was most of its time on
  // a case read, docs/benchmarks.md). Only reads and writes of rows are prepared (not BEGIN,
  // COMMIT or DDL), and at most kMaxPrepared texts per connection (texts differ by the number
  // of values in an IN list); beyond that a statement runs unprepared as before. Returns the
  // statement's name, nullptr to run it unprepared, or the statement's own error (an unknown
  // table, a syntax error) as running it would.
  static constexpr size_t kMaxPrepared = 512;
  Result<const std::string*> Prepared(std::string_view sql, int n_params) {
    if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
    const bool row_statement = sql.starts_with("SELECT") || sql.starts_with("INSERT") || sql.starts_with("UPDATE") ||
                               sql.starts_with("DELETE");
    if (!row_statement || prepared_.size() >= kMaxPrepared) return static_cast<const std::string*>(nullptr);
    std::string name = "hf_" + std::to_string(++statements_);
    PgResult res(PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(), n_params, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(res.get(), sql);
    return &prepared_.emplace(std::string(sql), std::move(name)).first->second;
  }

  // "cached plan must not change result type" (feature_not_supported on a prepared statement).
  static bool PlanOutdated(PGresult* res) {
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    return state && std::string_view(state) == "0A000";
  }

  Error Fail(PGresult* res, std::string_view sql) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = Trim(res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    if (!healthy()) {
      return MakeError(ErrorCode::kUnavailable, where_ + ": connection lost: " + message);
    }
    std::string code = state ? state : "";
    if (code == "40001" || code == "40P01") saw_retryable_error_ = true;
    std::string_view head = sql.substr(0, std::min<size_t>(sql.size(), 80));
    return MakeError(CodeOfSqlState(code),
                     where_ + ": " + message + " (in: " + std::string(head) + (sql.size() > 80 ? "…" : "") + ")");
  }

  PGconn* conn_;
  std::optional<std::string> begin_;                          // a BEGIN not sent yet
  bool read_only_ = false;                                    // in a transaction begun READ ONLY
  bool commit_in_flight_ = false;                             // a COMMIT sent, its answer not read yet
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL text → statement name
  int64_t statements_ = 0;                                    // statements prepared so far
};

struct UrlParts {
  std::string host = "localhost";
  std::string port = "5432";
  std::string dbname;
};

Result<UrlParts> ParseUrl(std::string_view url) {
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoDeleter> options(PQconninfoParse(std::string(url).c_str(), &err));
  if (!options) {
    std::string text = err ? Trim(err) : "cannot parse";
    PQfreemem(err);
    return MakeError(ErrorCode::kInvalidArgument, "postgresql URL: " + text);
  }
  UrlParts parts;
  for (PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (!o->val) continue;
    std::string_view key = o->keyword;
    if (key == "host" || (key == "hostaddr" && parts.host == "localhost")) parts.host = o->val;
    if (key == "port") parts.port = o->val;
    if (key == "dbname") parts.dbname = o->val;
  }
  return parts;
}

}  // namespace

Result<std::string> DescribePostgresUrl(std::string_view url) {
  auto parts = ParseUrl(url);
  if (!parts) return parts.error();
  return "postgresql://" + parts->host + ":" + parts->port + "/" + parts->dbname;
}

Result<std::unique_ptr<Connection>> OpenPostgres(const PostgresSettings& s) {
  auto parts = ParseUrl(s.url);
  if (!parts) return parts.error();
  const std::string where = "postgresql://" + parts->host + ":" + parts->port + "/" + parts->dbname;
  const std::string timeout = std::to_string(s.connect_timeout_seconds);
  // The URL is expanded as the dbname; keywords after it override it only where the URL is silent.
  const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {s.url.c_str(), timeout.c_str(), "highfence", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (!conn) return MakeError(ErrorCode::kResourceExhausted, where + ": out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = Trim(PQerrorMessage(conn));
    PQfinish(conn);
    return MakeError(ErrorCode::kUnavailable, "PostgreSQL at " + parts->host + ":" + parts->port + " (database \"" +
                                                  parts->dbname + "\") is not reachable: " + message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto result = std::make_unique<PostgresConnection>(conn, where);
  // Timestamps are written by the application; the session settings only make messages and
  // text output stable.
  if (auto r = result->ExecScript("SET client_encoding = 'UTF8'; SET lc_messages = 'C'"); !r) {
    // lc_messages needs superuser on some servers: keep the encoding only.
    if (auto e = result->ExecScript("SET client_encoding = 'UTF8'"); !e) return e.error();
  }
  return std::unique_ptr<Connection>(std::move(result));
}

}  // namespace highfence::storage::internal
