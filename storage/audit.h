// SPDX-License-Identifier: Apache-2.0
#pragma once
// The audit trail (監査証跡): one hash chain of every change to the case store, written in the
// same transaction as the change, so a change without its record (or a record without its
// change) cannot be committed. Record n holds who (actor, request id), when, what (action,
// object, tenant), the digests of the row before and after, and prev_hash = hash of record n-1;
//   hash = SHA-256(prev_hash ‖ canonical(seq, at, actor, request_id, tenant_id, action,
//                  object_kind, object_id, before_digest, after_digest, reason))
// (netstring fields; docs/storage.md gives the exact bytes). Reads of restricted items
// (⑫ 非居住者・特定類型, ⑬ 国籍) append a `read` record through AppendRead.
//
//   auto report = storage::VerifyAudit(*db);      // Result<AuditReport>
//   if (report && !report->ok) Show(report->first_broken_seq, report->reason);
//
// VerifyAudit reads one consistent snapshot: cost linear in the audit records plus the aggregate
// rows. What it detects and what it cannot (someone who rewrites the whole chain and the head
// after the last export) is in docs/storage.md: export the chain regularly to an outside archive.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/database.h"

namespace highfence::storage {

struct Record;

// Who caused a write or read. Both end up in every audit record.
struct Actor {
  std::string id;          // a user id ("user_3f…"), or "cli:<login>" / "system:<job>"; never empty
  std::string request_id;  // the HTTP request or CLI run, to join with logs; "" = none
};

struct AuditRecord {
  int64_t seq = 0;  // 1, 2, 3 … without gaps
  std::string at;   // RFC 3339 UTC with microseconds
  std::string actor;
  std::optional<std::string> request_id;
  std::optional<std::string> tenant_id;
  std::string action;       // insert | update | delete | read
  std::string object_kind;  // the table: "cases"
  std::string object_id;
  std::optional<std::string> before_digest;  // SHA-256 of the row before (update, delete)
  std::optional<std::string> after_digest;   // of the row after (insert, update) or as read (read)
  std::optional<std::string> reason;         // why a restricted item was read
  std::string prev_hash;                     // 64 zeros for seq 1
  std::string hash;
};

// One audit record as a JSON object (the line `audit export` writes; the API's audit records).
std::string AuditRecordJson(const AuditRecord& r);

// Appends a `read` record for record (as just read in this transaction), giving the reason
// (e.g. "export control review of case_…"). kInvalidArgument for an empty actor or reason;
// kFailedPrecondition in a snapshot (read-only) transaction.
Result<AuditRecord> AppendRead(Transaction& tx, const Actor& actor, const Record& record, std::string_view reason);

struct AuditReport {
  int64_t records_checked = 0;  // audit records walked
  int64_t rows_checked = 0;     // aggregate rows compared with their latest audit record
  bool ok = true;
  // The earliest seq found broken: a record whose hash or prev_hash does not match, the first
  // missing seq, or the latest record of a row whose current content differs from it. nullopt
  // when ok, or when the only problem is a row no audit record mentions (named in reason).
  std::optional<int64_t> first_broken_seq;
  std::string reason;    // "seq 17: hash does not match its fields" / "cases/case_…: row differs from …"
  int64_t problems = 0;  // how many problems were found in all
};

// Recomputes every hash of the chain, checks seq has no gaps and audit_head names the last
// record, and compares the digest of every aggregate row with the after_digest of its latest
// insert / update record (a row edited, inserted or deleted behind the application's back).
Result<AuditReport> VerifyAudit(Database& db);

// Writes the chain as JSON lines, one record per line in seq order (fields as in AuditRecord,
// nulls as null). Returns the number of records written.
Result<int64_t> ExportAudit(Database& db, std::ostream& out);

// The audit records of one object, oldest first (the history of a case).
Result<std::vector<AuditRecord>> AuditHistory(Database& db, std::string_view object_kind, std::string_view object_id);

// SHA-256 (lowercase hex) of a record's stored content: table, id, tenant, version, timestamps,
// body and key columns, in a canonical order. The before/after digests of the audit records.
std::string RecordDigest(const Record& record);

}  // namespace highfence::storage
