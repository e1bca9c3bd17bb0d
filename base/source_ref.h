// SPDX-License-Identifier: Apache-2.0
#pragma once
// SourceRef: where a fact came from (a file and line, or a document and its entry), with the
// as-of date and licence that must travel with it into anything highfence ships or reports.
#include <string>

namespace highfence {

struct SourceRef {
  std::string document;  // e.g. "輸出貿易管理令 別表第一" or "../shared/data/lists/ofac/sdn.csv"
  std::string entry;     // e.g. "4(19)", "6A008", or "line 214"
  std::string as_of;     // ISO date of the source version, "" if unknown
  std::string licence;   // e.g. "public domain (著作権法 第13条)", "CC BY-NC 4.0"
  std::string address;   // URL or repository path, "" if none
};

}  // namespace highfence
