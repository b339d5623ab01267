// Database access through SOCI, one code path for SQLite (embedded default)
// and PostgreSQL. Dialect differences live in this folder only.
//
// A Session is one connection and is not thread-safe: every worker thread owns
// its own. Times are stored as BIGINT Unix seconds (UTC), booleans as 0/1.
#pragma once

#include <soci/soci.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "db/statements.hpp"

namespace crm::db {

enum class Backend { sqlite, postgresql };

struct Url {
  Backend backend = Backend::sqlite;
  std::string connect;      // SOCI connect string
  std::string sqlite_path;  // for sqlite only
  // Prepared statements each session keeps (db/statements.hpp); 0: none, every
  // statement is prepared for its one run.
  std::size_t statement_cache = 256;
};

// "sqlite:PATH" (or a path ending in .db) or "postgresql://user@host:port/db" /
// "postgres://…". Error key when the scheme is unknown.
Result<Url> parse_url(std::string_view text);

class Session {
 public:
  // Connects; throws soci::soci_error when the database cannot be reached.
  explicit Session(const Url& url);
  // Statements through the per-session cache (see db/statements.hpp).
  Sql& sql() { return statements_; }
  // SOCI itself, for what must not be kept prepared (migrations, backup, DDL).
  soci::session& raw() { return sql_; }
  Backend backend() const { return url_.backend; }
  // True when a trivial query answers (for /healthz). Reconnects once if the
  // connection was lost (PostgreSQL restarted).
  bool ping();
  // Opens the connection again (after the server restarted) and applies the
  // session settings; throws soci::soci_error while the server is out of reach.
  void reconnect();

 private:
  void configure();
  Url url_;
  soci::session sql_;
  Sql statements_{sql_, url_.backend == Backend::sqlite,
                  url_.statement_cache};  // destroyed before sql_
};

// One write transaction. SQLite: BEGIN IMMEDIATE, so two writers queue on the
// busy timeout instead of failing on lock upgrade. Rolls back unless commit()
// was called (also when an exception passes through).
class Transaction {
 public:
  explicit Transaction(Session& s);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Session& s_;
  bool done_ = false;
};

// The statements of a page that reads share one SQLite read transaction while
// this lives (Sql::begin_read); a write ends it first. No-op on PostgreSQL.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Session& s) : s_(s) { s_.sql().begin_read(); }
  ~ReadSnapshot() { s_.sql().end_read(); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Session& s_;
};

// Process-wide SQLite settings, applied once before the first connection.
void configure_sqlite_library();

// Writes a consistent copy of a live SQLite database to `to` (SQLite online
// backup API). Error key when the database is not SQLite or cannot be copied.
Status backup_sqlite(const Url& url, const std::string& to);

// What a failed statement says about the database server rather than about
// the request: busy (a write lock held past the busy timeout) and storage
// full are temporary and answered 503 with Retry-After; anything else is a
// bug or broken infrastructure (500).
enum class Fault { other, busy, storage_full };
Fault fault_of(const std::exception& e);

// True when a failed statement says that the connection to the database
// server is gone (PostgreSQL restarted or stopped, network cut): SQLSTATE
// class 08, a server that ends sessions (57P01–57P03), or libpq's own words
// for a broken socket. The session must reconnect before it is used again.
bool connection_lost(const std::exception& e);

// Nullable columns: SOCI 4 has no std::optional, so wrap once here.
inline std::string text_or_empty(const std::string& v, soci::indicator ind) {
  return ind == soci::i_null ? std::string() : v;
}

}  // namespace crm::db

namespace crm::db {

// Column readers for soci::row that do not care whether the backend reports
// a column as int or long long (SQLite's INTEGER PRIMARY KEY vs PostgreSQL's
// BIGSERIAL). NULL reads as 0 / "".
int64_t get_int64(const soci::row& r, std::size_t i);
std::string get_text(const soci::row& r, std::size_t i);
// A nullable number column (NULL: nullopt); integers read as doubles.
std::optional<double> get_optional_double(const soci::row& r, std::size_t i);

}  // namespace crm::db
