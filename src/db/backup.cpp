// The parts of db/ that call SQLite's C API directly (library settings, the
// online backup). Kept apart from database.cpp: SOCI's SQLite header wraps
// sqlite3.h in its own namespace.
#include <sqlite3.h>

#include <filesystem>
#include <mutex>

#include "db/database.hpp"

namespace crm::db {

void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Each connection is used by one thread at a time (a worker owns it), so
    // SQLite's per-connection mutexes are not needed; and its memory
    // statistics take a global mutex on every allocation, which serialises
    // the workers. Both must be set before the first connection opens.
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

Status backup_sqlite(const Url& url, const std::string& to) {
  if (url.backend != Backend::sqlite)
    return invalid("database", "Use pg_dump to back up a PostgreSQL database.");
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  Status result = ok();
  std::error_code ignored;
  const bool existed = std::filesystem::exists(to, ignored);
  if (sqlite3_open_v2(url.sqlite_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    result = invalid("database", "The database could not be opened.");
  } else if (sqlite3_open(to.c_str(), &dst) != SQLITE_OK) {
    result = invalid("to", "The backup file could not be written.");
  } else {
    sqlite3_busy_timeout(src, 10000);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
      result = invalid("to", "The backup file could not be written.");
    } else {
      int rc;
      // All pages in one step, in one read transaction. crm's databases are in
      // WAL mode, where a reader does not block writers; copying in several
      // steps instead restarts the copy after every write by another
      // connection, so a busy database would never finish.
      while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(5);
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) result = invalid("to", "The backup file could not be written.");
    }
  }
  if (dst) sqlite3_close(dst);
  if (src) sqlite3_close(src);
  // A half-written copy must not pass for a backup; a file that was there
  // before is left as it is.
  if (!result && !existed) {
    std::filesystem::remove(to, ignored);
    std::filesystem::remove(to + "-journal", ignored);
  }
  return result;
}

}  // namespace crm::db
