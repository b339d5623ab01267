// The SQL of a space's library (table space_material): its materials without
// their bytes, one material's bytes, a new material or version, and when a
// reader last looked at the library. Scope: callers pass a space they checked
// through access_store; nothing here decides who may see what.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::spaces::materials_store {

struct MaterialRow {
  int64_t id = 0;
  int64_t space_id = 0;
  std::string title, description, language;
  int64_t module_id = 0;  // 0: none
  std::string kind;       // "file" or "link"
  std::string url, filename, content_type;
  int64_t size = 0;
  int64_t replaces_id = 0;    // 0: the first version
  int64_t added_by = 0;       // account; 0 when it is gone
  std::string added_by_name;  // the account's name; "" when it is gone
  int64_t created_at = 0;
};

// Every material of the space, every version, by id (one statement).
std::vector<MaterialRow> list(db::Session& db, int64_t space_id);
// One material with its space (nullopt: none).
std::optional<MaterialRow> find(db::Session& db, int64_t id);
// The file's bytes ("" for a link).
std::string data(db::Session& db, int64_t id);
// Whether a newer version replaces the material.
bool replaced(db::Session& db, int64_t id);
int64_t insert(db::Session& db, const MaterialRow& m, const std::string& data, int64_t now);

// When the account last saw the space's library (0: never).
int64_t seen_at(db::Session& db, int64_t space_id, int64_t account_id);
// Records that the account sees it now (one statement, the reader's row made if missing).
void mark_seen(db::Session& db, int64_t space_id, int64_t account_id, int64_t now);

// The languages the space's programme writes its texts in (codes, sorted).
std::vector<std::string> programme_languages(db::Session& db, int64_t programme_id);

}  // namespace crm::spaces::materials_store
