// SPDX-License-Identifier: Apache-2.0
#include "storage/audit.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <unordered_map>

#include "storage/internal/audit_chain.h"
#include "storage/internal/crypto.h"
#include "storage/records.h"

namespace highfence::storage {

namespace internal {

std::string ChainHash(const AuditRecord& r) {
  std::string bytes = r.prev_hash;
  bytes += "hf-audit-v1\n";
  AppendField(bytes, std::to_string(r.seq));
  AppendField(bytes, r.at);
  AppendField(bytes, r.actor);
  AppendOptionalField(bytes, r.request_id);
  AppendOptionalField(bytes, r.tenant_id);
  AppendField(bytes, r.action);
  AppendField(bytes, r.object_kind);
  AppendField(bytes, r.object_id);
  AppendOptionalField(bytes, r.before_digest);
  AppendOptionalField(bytes, r.after_digest);
  AppendOptionalField(bytes, r.reason);
  return Sha256Hex(bytes);
}

AuditRecord AuditFromRow(const Row& row) {
  AuditRecord r;
  r.seq = ParseInt64(row[0].value_or("")).value_or(-1);
  r.at = row[1].value_or("");
  r.actor = row[2].value_or("");
  r.request_id = row[3];
  r.tenant_id = row[4];
  r.action = row[5].value_or("");
  r.object_kind = row[6].value_or("");
  r.object_id = row[7].value_or("");
  r.before_digest = row[8];
  r.after_digest = row[9];
  r.reason = row[10];
  r.prev_hash = row[11].value_or("");
  r.hash = row[12].value_or("");
  return r;
}

Result<AuditRecord> AppendAudit(Transaction::Rep& tx, AuditRecord r) {
  if (tx.read_only) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     r.object_kind + "/" + r.object_id + ": cannot write in a read-only snapshot transaction");
  }
  r.seq = tx.head_seq + 1;
  r.at = NowUtc();
  r.prev_hash = tx.head_hash;
  r.hash = ChainHash(r);
  auto inserted = tx.conn->Query(
      "INSERT INTO audit_log (seq, at, actor, request_id, tenant_id, action, object_kind, object_id, before_digest, "
      "after_digest, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::to_string(r.seq), r.at, r.actor, r.request_id, r.tenant_id, r.action, r.object_kind, r.object_id,
       r.before_digest, r.after_digest, r.reason, r.prev_hash, r.hash});
  if (!inserted) return inserted.error().WithContext("appending to the audit log");
  tx.head_seq = r.seq;
  tx.head_hash = r.hash;
  tx.head_moved = true;
  return r;
}

}  // namespace internal

namespace {

using internal::Row;

constexpr int64_t kBatch = 2000;

// Collects the problems VerifyAudit finds and keeps the earliest.
class Findings {
 public:
  explicit Findings(AuditReport& report) : report_(report) {}
  void Add(std::optional<int64_t> seq, std::string reason) {
    report_.ok = false;
    ++report_.problems;
    const bool earlier = seq && (!report_.first_broken_seq || *seq < *report_.first_broken_seq);
    if (earlier || (report_.reason.empty() && !report_.first_broken_seq)) {
      if (earlier) report_.first_broken_seq = seq;
      report_.reason = std::move(reason);
    }
  }

 private:
  AuditReport& report_;
};

struct Latest {
  int64_t seq = 0;
  std::string action;
  std::optional<std::string> after_digest;
  bool seen = false;
};

std::string ObjectKey(std::string_view kind, std::string_view id) {
  std::string key(kind);
  key += '\0';
  key += id;
  return key;
}

Result<std::vector<AuditRecord>> AuditBatch(internal::Connection& conn, int64_t after_seq) {
  auto rows = conn.Query("SELECT " + std::string(internal::kAuditColumns) +
                             " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT " + std::to_string(kBatch),
                         {std::to_string(after_seq)});
  if (!rows) return rows.error();
  std::vector<AuditRecord> out;
  out.reserve(rows->rows.size());
  for (const Row& row : rows->rows) out.push_back(internal::AuditFromRow(row));
  return out;
}

Result<void> VerifyIn(Transaction& tx, AuditReport& report) {
  Transaction::Rep& rep = tx.rep();
  internal::Connection& conn = *rep.conn;
  Findings findings(report);
  auto head = conn.Query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!head) return head.error();
  if (head->rows.size() != 1) {
    findings.Add(std::nullopt, "audit_head must hold one row, it holds " + std::to_string(head->rows.size()));
    return Ok();
  }
  const int64_t head_seq = internal::ParseInt64(head->rows[0][0].value_or("")).value_or(-1);
  const std::string head_hash = head->rows[0][1].value_or("");

  // 1. The chain: seq without gaps, each prev_hash the hash before, each hash its fields'.
  std::unordered_map<std::string, Latest> latest;
  int64_t expected = 1;
  std::string prev(internal::kGenesisHash);
  bool broken = false;
  for (int64_t after = 0; !broken;) {
    auto batch = AuditBatch(conn, after);
    if (!batch) return batch.error();
    for (const AuditRecord& r : *batch) {
      ++report.records_checked;
      if (r.seq != expected) {
        findings.Add(expected, "seq " + std::to_string(expected) + " is missing: the record after seq " +
                                   std::to_string(expected - 1) + " is seq " + std::to_string(r.seq) +
                                   " (a record was deleted or renumbered)");
      } else if (r.prev_hash != prev) {
        findings.Add(r.seq, "seq " + std::to_string(r.seq) + ": prev_hash is not the hash of seq " +
                                std::to_string(r.seq - 1) + " (a record before it was changed, removed or moved)");
      } else if (internal::ChainHash(r) != r.hash) {
        findings.Add(r.seq,
                     "seq " + std::to_string(r.seq) + ": hash does not match its fields (the record was edited)");
      }
      if (!report.ok) {
        broken = true;
        break;
      }
      if (r.action != "read") latest[ObjectKey(r.object_kind, r.object_id)] = {r.seq, r.action, r.after_digest};
      prev = r.hash;
      ++expected;
    }
    if (batch->empty() || static_cast<int64_t>(batch->size()) < kBatch) break;
    after = batch->back().seq;
  }
  const int64_t last = expected - 1;
  if (!broken && (head_seq != last || head_hash != prev)) {
    if (head_seq > last) {
      findings.Add(last + 1, "audit_head names seq " + std::to_string(head_seq) + " but the log ends at seq " +
                                 std::to_string(last) + " (the newest records were deleted)");
    } else {
      findings.Add(std::min(head_seq, last) + 1, "audit_head names seq " + std::to_string(head_seq) +
                                                     " with another hash than the log's seq " + std::to_string(last) +
                                                     " (the head or the newest records were changed)");
    }
  }

  // 2. Every aggregate row against its latest insert / update record. Only on an intact chain:
  // past a broken link the records cannot say what a row should hold.
  if (!report.ok) return Ok();
  for (const auto& [name, table] : rep.schema->tables) {
    for (std::string after;;) {
      auto rows = conn.Query(
          "SELECT " + table.select_list + " FROM " + name + " WHERE id > ? ORDER BY id LIMIT " + std::to_string(kBatch),
          {after});
      if (!rows) return rows.error();
      for (const Row& row : rows->rows) {
        Record record = internal::RecordFromRow(table, row);
        ++report.rows_checked;
        auto it = latest.find(ObjectKey(name, record.id));
        const std::string object = name + "/" + record.id;
        if (it == latest.end()) {
          findings.Add(std::nullopt,
                       object + ": no audit record mentions this row (inserted behind the application's back)");
          continue;
        }
        Latest& l = it->second;
        l.seen = true;
        if (l.action == "delete") {
          findings.Add(l.seq, object + ": seq " + std::to_string(l.seq) + " deleted this row but it exists");
        } else if (l.after_digest != RecordDigest(record)) {
          findings.Add(l.seq, object + ": the row differs from what seq " + std::to_string(l.seq) +
                                  " recorded (edited behind the application's back)");
        }
      }
      if (static_cast<int64_t>(rows->rows.size()) < kBatch) break;
      after = *rows->rows.back()[0];
    }
  }
  for (const auto& [key, l] : latest) {
    if (l.seen || l.action == "delete") continue;
    const std::string kind = key.substr(0, key.find('\0'));
    if (!rep.schema->Find(kind)) continue;  // an object kind without a table of its own
    findings.Add(l.seq, kind + "/" + key.substr(key.find('\0') + 1) + ": seq " + std::to_string(l.seq) +
                            " recorded this row but it is missing (deleted behind the application's back)");
  }
  return Ok();
}

}  // namespace

std::string AuditRecordJson(const AuditRecord& r) {
  auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::ordered_json(*v) : nullptr; };
  nlohmann::ordered_json j = {{"seq", r.seq},
                              {"at", r.at},
                              {"actor", r.actor},
                              {"request_id", opt(r.request_id)},
                              {"tenant_id", opt(r.tenant_id)},
                              {"action", r.action},
                              {"object_kind", r.object_kind},
                              {"object_id", r.object_id},
                              {"before_digest", opt(r.before_digest)},
                              {"after_digest", opt(r.after_digest)},
                              {"reason", opt(r.reason)},
                              {"prev_hash", r.prev_hash},
                              {"hash", r.hash}};
  return j.dump();
}

std::string RecordDigest(const Record& record) {
  std::string bytes = "hf-record-v1\n";
  internal::AppendField(bytes, record.table);
  internal::AppendField(bytes, record.id);
  internal::AppendField(bytes, record.tenant_id);
  internal::AppendField(bytes, std::to_string(record.version));
  internal::AppendField(bytes, record.created_at);
  internal::AppendField(bytes, record.updated_at);
  internal::AppendField(bytes, record.body);
  for (const auto& [column, value] : record.keys) {  // std::map: sorted by column; NULL = left out
    if (!value) continue;
    internal::AppendField(bytes, column);
    internal::AppendField(bytes, *value);
  }
  return internal::Sha256Hex(bytes);
}

Result<AuditRecord> AppendRead(Transaction& tx, const Actor& actor, const Record& record, std::string_view reason) {
  if (actor.id.empty())
    return MakeError(ErrorCode::kInvalidArgument, record.table + "/" + record.id + ": actor is empty");
  if (reason.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     record.table + "/" + record.id + ": reason is empty (a restricted read must say why)");
  }
  AuditRecord r;
  r.actor = actor.id;
  if (!actor.request_id.empty()) r.request_id = actor.request_id;
  r.tenant_id = record.tenant_id;
  r.action = "read";
  r.object_kind = record.table;
  r.object_id = record.id;
  r.after_digest = RecordDigest(record);
  r.reason = std::string(reason);
  return internal::AppendAudit(tx.rep(), std::move(r));
}

Result<AuditReport> VerifyAudit(Database& db) {
  AuditReport report;
  auto done = db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    report = AuditReport{};
    auto schema = tx.rep().AllTables(/*reload=*/true);
    if (!schema) return schema.error();
    if ((*schema)->tables.empty()) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       db.description() + ": the database has no case tables yet: run `highfence db migrate`");
    }
    return VerifyIn(tx, report);
  });
  if (!done) return done.error();
  return report;
}

Result<int64_t> ExportAudit(Database& db, std::ostream& out) {
  int64_t written = 0;
  bool started = false;
  auto done = db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    // A snapshot may be retried after a transient failure; lines already written cannot be
    // taken back, so a second attempt fails instead of writing them twice.
    if (started) return MakeError(ErrorCode::kUnavailable, "the audit export was interrupted: run it again");
    started = true;
    for (int64_t after = 0;;) {
      auto batch = AuditBatch(*tx.rep().conn, after);
      if (!batch) return batch.error();
      for (const AuditRecord& r : *batch) {
        out << AuditRecordJson(r) << '\n';
        ++written;
      }
      if (static_cast<int64_t>(batch->size()) < kBatch) break;
      after = batch->back().seq;
    }
    out.flush();
    if (!out) return MakeError(ErrorCode::kUnavailable, "writing the audit export failed");
    return Ok();
  });
  if (!done) return done.error();
  return written;
}

Result<std::vector<AuditRecord>> AuditHistory(Database& db, std::string_view object_kind, std::string_view object_id) {
  std::vector<AuditRecord> out;
  auto done = db.WithSnapshot([&](Transaction& tx) -> Result<void> {
    out.clear();
    auto rows = tx.rep().conn->Query("SELECT " + std::string(internal::kAuditColumns) +
                                         " FROM audit_log WHERE object_kind = ? AND object_id = ? ORDER BY seq",
                                     {std::string(object_kind), std::string(object_id)});
    if (!rows) return rows.error();
    for (const Row& row : rows->rows) out.push_back(internal::AuditFromRow(row));
    return Ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace highfence::storage
