// SPDX-License-Identifier: Apache-2.0
#pragma once
// Snapshot file: highfence's own file for one imported list (リストのスナップショット), the form
// in which data/lists/<list_id>.jsonl ships and in which imports are stored. JSON Lines,
// UTF-8, no compression: line 1 is a header (format, provenance, counts, notes), then one
// ListEntry per line. Specification: docs/formats/list_snapshot.md.
//
//   auto snapshot = lists::ImportJpMetiEul(xlsx);                   // Result<ListSnapshot>
//   if (auto w = lists::WriteSnapshot(*snapshot, dir / "jp_meti_eul.jsonl"); !w) return w.error();
//   auto back = lists::ReadSnapshot(dir / "jp_meti_eul.jsonl");      // the same snapshot
//
// Linear in the file size; pure apart from the file access; thread-safe. Writing goes to a
// temporary file in the target directory that is renamed over the target, so a failed write
// leaves an existing file as it was. Entries carry no list_id of their own: on reading, each
// takes the header's. Not here: the registry (registry_file.h), matching (engines/names).
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/model/list_entry.h"

namespace highfence::lists {

inline constexpr std::string_view kSnapshotFormat = "highfence-list-snapshot";
inline constexpr int kSnapshotFormatVersion = 1;

// The whole file as text (header line, then one line per entry, each ending in "\n").
// Errors: kInvalidArgument when list_id is empty, an entry belongs to another list, or a
// field is not valid UTF-8 (the message names the entry and field).
Result<std::string> FormatSnapshot(const model::ListSnapshot& snapshot);

// The header line and one entry's line alone (no "\n"), as FormatSnapshot writes them; for
// tools that show parts of a snapshot as JSON. Errors: kInvalidArgument (not UTF-8).
Result<std::string> FormatSnapshotHeader(const model::ListSnapshot& snapshot);
Result<std::string> FormatSnapshotEntry(const model::ListEntry& entry);

// Writes FormatSnapshot(snapshot) to `path` atomically (temporary file + rename), creating
// the directory if needed. Errors: FormatSnapshot's, kUnavailable naming the path when the
// directory or file cannot be written (the existing file is then untouched).
Result<void> WriteSnapshot(const model::ListSnapshot& snapshot, const std::filesystem::path& path);

// Parses a snapshot file's bytes; `name` is used in messages ("<name>:<line>: <field>: …").
// Errors: kInvalidArgument (not JSON, wrong type, missing field, not a snapshot file),
// kUnimplemented (a newer format_version), kDataLoss (fewer or more entry lines than the
// header's count: a truncated or spliced file).
Result<model::ListSnapshot> ParseSnapshot(std::string_view bytes, std::string_view name);

// ParseSnapshot over a file; kNotFound when it cannot be opened. Messages name the path.
Result<model::ListSnapshot> ReadSnapshot(const std::filesystem::path& path);

// The header only (entries left empty, report counts filled): for listing installed
// snapshots without parsing every entry. Errors as ParseSnapshot's for line 1.
Result<model::ListSnapshot> ReadSnapshotHeader(const std::filesystem::path& path);

}  // namespace highfence::lists
