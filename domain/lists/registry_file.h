// SPDX-License-Identifier: Apache-2.0
#pragma once
// Registry file: highfence's compact form of an organisation registry (研究機関レジストリ, ROR)
// for name matching: gzip-compressed JSON Lines, a header line (format, provenance, counts)
// then one record per line with only id, status, names (text, language, kind), country,
// city and parent/child relations. Specification: docs/formats/list_snapshot.md (section
// "Registry"). Types, domains, links and other relations are left out on purpose.
//
//   auto ror = lists::ImportRor(shared / "registry/ror_records_v2.jsonl.gz");
//   if (auto w = lists::WriteRegistry(*ror, "data/registry/ror.jsonl.gz"); !w) return w.error();
//   auto back = lists::ReadRegistry("data/registry/ror.jsonl.gz");   // Result<Registry>
//
// Linear in the file size; thread-safe. Writes are atomic (temporary file + rename).
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/model/organisation.h"

namespace highfence::lists {

inline constexpr std::string_view kRegistryFormat = "highfence-registry";
inline constexpr int kRegistryFormatVersion = 1;

// Gzip bytes of the registry file. Errors: kInvalidArgument (empty registry_id, text that is
// not UTF-8, naming the record), kInternal (zlib failure).
Result<std::string> FormatRegistry(const model::Registry& registry);
// FormatRegistry written atomically to `path`; kUnavailable naming the path on I/O failure.
Result<void> WriteRegistry(const model::Registry& registry, const std::filesystem::path& path);
// Parses the gzip bytes. Errors: kInvalidArgument ("<name>:<line>: <field>: …"), kUnimplemented
// (newer format_version), kDataLoss (corrupt gzip; record count not the header's). Names get
// their script guessed again (it is not stored); relations carry no label.
Result<model::Registry> ParseRegistry(std::string_view bytes, std::string_view name);
Result<model::Registry> ReadRegistry(const std::filesystem::path& path);

}  // namespace highfence::lists
