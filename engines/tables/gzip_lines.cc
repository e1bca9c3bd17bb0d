// SPDX-License-Identifier: Apache-2.0
#include "engines/tables/gzip_lines.h"

#include <zlib.h>

#include <string>
#include <vector>

namespace highfence::tables {
namespace {

Error Fail(ErrorCode code, std::string_view name, std::string_view what) {
  return MakeError(code, std::string(name) + ": " + std::string(what));
}

}  // namespace

Result<void> ForEachGzipLine(std::string_view bytes, std::string_view name, const GzipOptions& options,
                             const LineCallback& callback) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1F ||
      static_cast<unsigned char>(bytes[1]) != 0x8B) {
    return Fail(ErrorCode::kInvalidArgument, name, "not a gzip file");
  }
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Fail(ErrorCode::kInternal, name, "zlib init failed");
  struct Guard {
    z_stream* z;
    ~Guard() { inflateEnd(z); }
  } guard{&zs};

  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  std::vector<char> chunk(1 << 16);
  std::string pending;
  std::uint64_t total = 0;
  int line = 0;
  bool stream_end = false;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = static_cast<uInt>(chunk.size());
    int rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      return Fail(ErrorCode::kDataLoss, name, std::string("corrupt gzip stream (") + (zs.msg ? zs.msg : "?") + ")");
    }
    size_t got = chunk.size() - zs.avail_out;
    total += got;
    if (total > options.max_uncompressed) {
      return Fail(ErrorCode::kResourceExhausted, name, "inflates beyond the size limit");
    }
    size_t start = 0;
    for (size_t k = 0; k < got; ++k) {
      if (chunk[k] != '\n') continue;
      pending.append(chunk.data() + start, k - start);
      start = k + 1;
      if (!pending.empty() && pending.back() == '\r') pending.pop_back();
      if (auto r = callback(++line, pending); !r) return r;
      pending.clear();
    }
    pending.append(chunk.data() + start, got - start);
    if (pending.size() > options.max_line) {
      return Fail(ErrorCode::kResourceExhausted, name, "line " + std::to_string(line + 1) + " is too long");
    }
    if (rc == Z_STREAM_END) {
      stream_end = true;
      if (zs.avail_in == 0) break;
      if (inflateReset(&zs) != Z_OK) return Fail(ErrorCode::kDataLoss, name, "corrupt gzip member");
      stream_end = false;
      continue;
    }
    if (rc == Z_BUF_ERROR && got == 0) break;  // input exhausted before the end of the stream
  }
  if (!stream_end) return Fail(ErrorCode::kDataLoss, name, "truncated gzip stream");
  if (!pending.empty()) {
    if (auto r = callback(++line, pending); !r) return r;
  }
  return Ok();
}

}  // namespace highfence::tables
