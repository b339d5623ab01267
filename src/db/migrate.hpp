// Schema migrations: numbered SQL files in migrations/ (compiled into the
// binary), applied in order, each in its own transaction, the version recorded
// in schema_migrations. Released files are never edited; add a new one.
//
// Dialect differences are marked in the SQL, not duplicated:
//   {{ID}}    -> INTEGER PRIMARY KEY AUTOINCREMENT | BIGSERIAL PRIMARY KEY
//   {{BLOB}}  -> BLOB | BYTEA
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // with the dialect markers still in it
};

// The migrations this binary knows, in order.
std::vector<Migration> known_migrations();
// SQL with markers replaced for the backend.
std::string dialect_sql(const std::string& sql, Backend backend);
// Highest applied version (0 for an empty database).
int schema_version(Session& s);
// Applies what is missing; returns how many were applied. Safe to run from
// several app servers at once on PostgreSQL (advisory lock).
int migrate(Session& s);
// Latest version this binary knows.
int latest_version();

}  // namespace crm::db
