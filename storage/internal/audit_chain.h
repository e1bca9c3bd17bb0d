// SPDX-License-Identifier: Apache-2.0
#pragma once
// The hash chain's internals shared by records.cc (every write appends) and audit.cc (read
// audits, verify, export): the canonical bytes that are hashed, and the append itself.
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/audit.h"
#include "storage/internal/connection.h"
#include "storage/internal/rep.h"
#include "storage/records.h"

namespace highfence::storage::internal {

inline constexpr std::string_view kAuditColumns =
    "seq, at, actor, request_id, tenant_id, action, object_kind, object_id, before_digest, after_digest, reason, "
    "prev_hash, hash";
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// hash = SHA-256(prev_hash ‖ "hf-audit-v1\n" ‖ netstrings of seq … reason).
std::string ChainHash(const AuditRecord& record);
// A row selected with kAuditColumns.
AuditRecord AuditFromRow(const Row& row);
// Fills in seq, at, prev_hash and hash from the transaction's head, inserts the record and
// advances the head. REQUIRES: a write transaction.
Result<AuditRecord> AppendAudit(Transaction::Rep& tx, AuditRecord record);

// A row selected with table.select_list.
Record RecordFromRow(const TableSchema& table, const Row& row);
Record RecordFromRow(const TableSchema& table, Row&& row);  // moves the values out of row

}  // namespace highfence::storage::internal
