// The tables and columns of the test database's schema, read from its
// catalog (SQLite or PostgreSQL), so that checks over "every table" take in
// tables added later by themselves.
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::test {

// Every table but SQLite's own, by name.
inline std::vector<std::string> schema_tables(db::Session& db) {
  const bool pg = db.backend() == db::Backend::postgresql;
  db::Rows rows =
      (db.sql().prepare << (pg ? "SELECT table_name FROM information_schema.tables WHERE "
                                 "table_schema = 'public' ORDER BY table_name"
                               : "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                 "name NOT LIKE 'sqlite_%' ORDER BY name"));
  std::vector<std::string> tables;
  for (const auto& r : rows) tables.push_back(r.get<std::string>(0));
  return tables;
}

struct SchemaColumn {
  std::string name, type;  // type lower-cased: "blob", "bytea", "text", "bigint" …
};

// The columns of `table` (a name schema_tables() returned), in their order.
inline std::vector<SchemaColumn> schema_columns(db::Session& db, const std::string& table) {
  const bool pg = db.backend() == db::Backend::postgresql;
  db::Rows rows =
      (db.sql().prepare << (pg ? "SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_schema = 'public' AND table_name = '" +
                                     table + "' ORDER BY ordinal_position"
                               : "SELECT name, type FROM pragma_table_info('" + table + "')"));
  std::vector<SchemaColumn> out;
  for (const auto& r : rows) {
    SchemaColumn c{r.get<std::string>(0), r.get<std::string>(1)};
    for (auto& ch : c.type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace crm::test
