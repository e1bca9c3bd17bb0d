// SPDX-License-Identifier: Apache-2.0
#include "engines/tables/gzip_lines.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

namespace highfence::tables {
namespace {

std::string Gzip(const std::string& text) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, text.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(GzipLinesTest, YieldsNumberedLinesAcrossMembers) {
  std::string gz = Gzip("{\"id\":1}\r\n{\"id\":2}\n") + Gzip("東北大学");
  std::vector<std::pair<int, std::string>> lines;
  auto r = ForEachGzipLine(gz, "x.jsonl.gz", {}, [&](int line, std::string_view text) -> Result<void> {
    lines.emplace_back(line, std::string(text));
    return Ok();
  });
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], (std::pair<int, std::string>{1, "{\"id\":1}"}));
  EXPECT_EQ(lines[2], (std::pair<int, std::string>{3, "東北大学"}));
}

TEST(GzipLinesTest, TruncatedStreamIsDataLoss) {
  std::string text(100000, 'x');
  for (size_t i = 0; i < text.size(); i += 77) text[i] = '\n';
  std::string gz = Gzip(text);
  auto r = ForEachGzipLine(gz.substr(0, gz.size() / 2), "cut.gz", {},
                           [](int, std::string_view) -> Result<void> { return Ok(); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(r.error().message.find("cut.gz"), std::string::npos);
}

TEST(GzipLinesTest, NotGzipIsInvalidArgumentAndCallbackErrorsStop) {
  auto r = ForEachGzipLine("plain text", "a.txt", {}, [](int, std::string_view) -> Result<void> { return Ok(); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  int calls = 0;
  auto stop = ForEachGzipLine(Gzip("a\nb\nc\n"), "x.gz", {}, [&](int, std::string_view) -> Result<void> {
    ++calls;
    return MakeError(ErrorCode::kInvalidArgument, "stop");
  });
  ASSERT_FALSE(stop);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(stop.error().message, "stop");
}

}  // namespace
}  // namespace highfence::tables
