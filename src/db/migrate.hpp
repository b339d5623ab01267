// Schema migrations: numbered SQL files in migrations/ (compiled into the
// binary), applied in order, each in its own transaction, the version recorded
// in schema_migrations. Released files are never edited; add a new one.
//
// Dialect differences are marked in the SQL, not duplicated:
//   {{ID}}    -> INTEGER PRIMARY KEY AUTOINCREMENT | BIGSERIAL PRIMARY KEY
//   {{BLOB}}  -> BLOB | BYTEA
// A statement that one backend can do in place and the other must do another
// way (SQLite rebuilds a table to drop a constraint) starts with {{SQLITE}} or
// {{POSTGRESQL}} and runs on that backend only. SQLite migrations run with
// foreign keys off and are checked with PRAGMA foreign_key_check before they
// commit (a violation throws and rolls the migration back).
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
// `up_to`: stop after that version (tests of a migration on existing data).
int migrate(Session& s, int up_to = 1 << 30);
// Latest version this binary knows.
int latest_version();

}  // namespace crm::db
