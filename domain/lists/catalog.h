// SPDX-License-Identifier: Apache-2.0
#pragma once
// Catalog: the official lists highfence can import (取込可能なリスト一覧), by list id, with
// each list's title, default file (relative to the shared data folder), licence and official
// address, and the function that imports it. `highfence lists import <id> [file]` looks here.
//
//   const lists::CatalogEntry* c = lists::FindList("jp_meti_eul");
//   auto snapshot = c->import(data_dir / c->info.default_file);   // Result<ListSnapshot>
//
// Static, immutable; safe from any thread.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/model/list_entry.h"
#include "domain/model/organisation.h"

namespace highfence::lists {

struct ListInfo {
  std::string id;              // "jp_meti_eul"
  std::string title;           // "METI End User List (外国ユーザーリスト)"
  std::string publisher;       // "Ministry of Economy, Trade and Industry (経済産業省)"
  std::string default_file;    // relative to ../shared/data, e.g. "lists/jp_meti_eul/meti_eul_20250929.xlsx"
  std::string licence;         // licence of the file we read (a transcription may differ from the list)
  std::string source_address;  // official URL
};

using ListImporter = Result<model::ListSnapshot> (*)(const std::filesystem::path& path);
using RegistryImporter = Result<model::Registry> (*)(const std::filesystem::path& path);

struct CatalogEntry {
  ListInfo info;
  ListImporter import = nullptr;               // set for lists
  RegistryImporter import_registry = nullptr;  // set for organisation registries (ror)
};

// Every list and registry, in a fixed order.
const std::vector<CatalogEntry>& Catalog();
// The entry for a list id, or nullptr.
const CatalogEntry* FindList(std::string_view id);

}  // namespace highfence::lists
