#include "db/migrate.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/embedded.hpp"

namespace crm::db {

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

// Splits on ';' at the end of a line; the migration files keep one statement
// per such terminator and no semicolons inside string literals at line ends.
std::vector<std::string> statements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;
  size_t start = 0;
  while (start < sql.size()) {
    size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    std::string line = sql.substr(start, end - start);
    start = end + 1;
    auto trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r'))
      trimmed.pop_back();
    if (trimmed.starts_with("--")) continue;
    current += trimmed + "\n";
    if (!trimmed.empty() && trimmed.back() == ';') {
      current.erase(current.find_last_of(';'));
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \n\t") != std::string::npos) out.push_back(current);
  return out;
}

// A statement that starts with {{SQLITE}} or {{POSTGRESQL}} runs on that
// backend only (what one of them can do in place, the other must rebuild).
// Returns false for a statement of the other backend; strips the marker.
bool for_backend(std::string& stmt, Backend backend) {
  auto start = stmt.find_first_not_of(" \n\t");
  if (start == std::string::npos) return true;
  for (auto [marker, b] : {std::pair{std::string_view("{{SQLITE}}"), Backend::sqlite},
                           std::pair{std::string_view("{{POSTGRESQL}}"), Backend::postgresql}})
    if (std::string_view(stmt).substr(start).starts_with(marker)) {
      stmt.erase(0, start + marker.size());
      return b == backend;
    }
  return true;
}

// SQLite rebuilds a table to change a column's constraints, and dropping the
// old table would cascade to every row that references it: migrations run
// with foreign keys off (a no-op inside a transaction, so before BEGIN), and
// every reference is checked before the migration commits.
class SqliteForeignKeysOff {
 public:
  explicit SqliteForeignKeysOff(Session& s) : s_(s) {
    if (s_.backend() == Backend::sqlite) s_.sql() << "PRAGMA foreign_keys=OFF";
  }
  ~SqliteForeignKeysOff() {
    try {
      if (s_.backend() == Backend::sqlite) s_.sql() << "PRAGMA foreign_keys=ON";
    } catch (const std::exception&) {
      // The session is broken; the caller sees its own exception.
    }
  }
  SqliteForeignKeysOff(const SqliteForeignKeysOff&) = delete;
  SqliteForeignKeysOff& operator=(const SqliteForeignKeysOff&) = delete;

  // Throws when a row references one that does not exist.
  void check() {
    if (s_.backend() != Backend::sqlite) return;
    soci::rowset<soci::row> rows = s_.raw().prepare << "PRAGMA foreign_key_check";
    for (const auto& r : rows)
      throw std::runtime_error("migration broke a reference from table " + r.get<std::string>(0));
  }

 private:
  Session& s_;
};

// Every app server may run migrations at start: on PostgreSQL they take turns
// through one advisory lock, held to the end of the transaction that takes it.
void lock_migrations(Session& s) {
  if (s.backend() == Backend::postgresql) s.sql() << "SELECT pg_advisory_xact_lock(4242)";
}

// Under the lock: two servers creating the table at once would otherwise
// collide in PostgreSQL's catalog even with IF NOT EXISTS.
void ensure_table(Session& s) {
  Transaction tx(s);
  lock_migrations(s);
  s.sql() << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
  tx.commit();
}

}  // namespace

std::vector<Migration> known_migrations() {
  std::vector<Migration> out;
  for (const auto& f : embedded::files()) {
    if (!f.name.starts_with("migrations/")) continue;
    auto file = f.name.substr(11);
    Migration m;
    m.version = std::atoi(std::string(file.substr(0, file.find('_'))).c_str());
    m.name = std::string(file);
    m.sql = std::string(f.data);
    if (m.version > 0) out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

std::string dialect_sql(const std::string& sql, Backend backend) {
  std::string out = sql;
  bool pg = backend == Backend::postgresql;
  replace_all(out, "{{ID}}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all(out, "{{BLOB}}", pg ? "BYTEA" : "BLOB");
  return out;
}

int schema_version(Session& s) {
  ensure_table(s);
  int v = 0;
  soci::indicator ind;
  s.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
  return ind == soci::i_null ? 0 : v;
}

int latest_version() {
  auto all = known_migrations();
  return all.empty() ? 0 : all.back().version;
}

int migrate(Session& s, int up_to) {
  ensure_table(s);
  int applied = 0;
  for (const auto& m : known_migrations()) {
    if (m.version > up_to) break;
    SqliteForeignKeysOff foreign_keys(s);
    Transaction tx(s);
    lock_migrations(s);
    int present = 0;
    s.sql() << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::into(present),
        soci::use(m.version);
    if (present) continue;
    for (auto& stmt : statements(dialect_sql(m.sql, s.backend())))
      if (for_backend(stmt, s.backend())) s.raw() << stmt;  // DDL: run once, not kept
    foreign_keys.check();
    long long now = static_cast<long long>(std::time(nullptr));
    s.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
        soci::use(m.version), soci::use(m.name), soci::use(now);
    tx.commit();
    ++applied;
  }
  // Statements kept from before may describe tables that have changed.
  if (applied) s.sql().clear();
  return applied;
}

}  // namespace crm::db
