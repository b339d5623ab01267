// Bytes in BLOB (SQLite) / BYTEA (PostgreSQL) columns. SOCI 4 maps neither
// to std::string the same way, so the difference lives here: bind
// blob_param(db, bytes) as an ordinary `:name` parameter into such a column,
// and read the column into a std::string passed through blob_value(db, text).
//
//   sql << "INSERT INTO person_photo (person_id, data) VALUES (:p, :data)",
//       use(id), use(db::blob_param(db, bytes));
//   sql << "SELECT data FROM person_photo WHERE person_id = :p", use(id), into(text);
//   std::string bytes = db::blob_value(db, text);
#pragma once

#include <string>
#include <string_view>

#include "db/database.hpp"

namespace crm::db {

// PostgreSQL: the bytea hex input form ("\x89504e47…"); SQLite: the bytes.
std::string blob_param(const Session& db, std::string_view bytes);
// The bytes of a column value read as text (PostgreSQL sends bytea in its
// hex output form, SQLite the bytes themselves).
std::string blob_value(const Session& db, std::string text);

}  // namespace crm::db
