// SPDX-License-Identifier: Apache-2.0
#pragma once
// Gzip line reader: inflates a .gz (e.g. ROR's .jsonl.gz) in bounded chunks and hands each
// text line, with its 1-based number, to a callback; the whole inflated file is never held.
//
//   auto r = tables::ForEachGzipLine(bytes, "ror.jsonl.gz", {}, [&](int line, std::string_view text) {
//     return Parse(line, text);                 // Result<void>; an error stops the reading
//   });
//
// Concatenated gzip members are read in turn. Uses zlib. Pure; thread-safe.
#include <cstdint>
#include <functional>
#include <string_view>

#include "base/result.h"

namespace highfence::tables {

struct GzipOptions {
  std::uint64_t max_uncompressed = 2ull << 30;  // Stop with kResourceExhausted past this. Default: 2 GiB.
  std::uint64_t max_line = 64ull << 20;         // Longest line accepted. Default: 64 MiB.
};

using LineCallback = std::function<Result<void>(int line, std::string_view text)>;

// Errors: kInvalidArgument ("<name>: not a gzip file"), kDataLoss (truncated or corrupt
// stream), kResourceExhausted, or the callback's own error unchanged.
Result<void> ForEachGzipLine(std::string_view bytes, std::string_view name, const GzipOptions& options,
                             const LineCallback& callback);

}  // namespace highfence::tables
