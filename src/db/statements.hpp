// Statements prepared once per database session, behind SOCI's own syntax.
//
// Store code writes its SQL where it is read, the SOCI way:
//
//   db.sql() << "SELECT name FROM cohort WHERE id = :id", soci::use(id), soci::into(name);
//   if (!db.sql().got_data()) return std::nullopt;
//
//   db::Rows rows = (db.sql().prepare << "SELECT id, name FROM cohort WHERE programme_id = :p",
//                    soci::use(p));
//   for (const soci::row& r : rows) …
//
// The first time a session runs a text it is prepared (sqlite3_prepare_v2;
// PostgreSQL: a named server-side statement) and kept, keyed by the text; after
// that only the values are bound again. The SQL text is the key, so a store
// never names or registers its statements.
//
// Promises:
// - Bounded: at most `capacity` statements are kept; the least recently used
//   one goes first. Capacity 0 keeps none (each statement is prepared for its
//   one run, as plain SOCI does).
// - A statement that fails (constraint, lock timeout, lost connection) is
//   dropped from the cache and prepared again next time; the cache stays usable.
// - A text that is still being read (a Rows alive) and is needed again runs as
//   a one-off statement, so nested use is correct.
// - SQLite: a kept statement is reset as soon as its result is read, so it
//   never holds a read transaction open between statements.
// - Every statement run (cached or not) is counted with the time spent
//   executing and reading its rows, for the per-request statement budget.
// - SQLite read snapshot (begin_read/end_read): the statements that follow
//   share one read transaction instead of taking and dropping SQLite's locks
//   for each (a tenth of a page's CPU), and a page's lists and counts agree.
//   The first statement that would write, and any BEGIN/COMMIT, ends the
//   snapshot first, so a write never runs inside it (no SQLITE_BUSY_SNAPSHOT,
//   and db::Transaction keeps its BEGIN IMMEDIATE). Nothing on PostgreSQL.
//
// Not thread-safe: one Sql per Session, owned by the thread that owns the
// connection. REQUIRES for clear(): no Rows of this session alive.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace crm::db {

// What the statements of a session cost since the last reset_stats().
struct StatementStats {
  long statements = 0;               // statements run
  long prepared = 0;                 // of which prepared anew (not found in the cache)
  std::chrono::nanoseconds time{0};  // spent in the database: executing and fetching
};

class Sql;
class Rows;

namespace detail {

// The into/use elements of one statement, converted at once (SOCI's
// containers hold references to temporaries of the full expression).
struct Exchanges {
  soci::details::into_type_vector intos;
  soci::details::use_type_vector uses;
  void hand_to(soci::statement& st);  // moves every element into st
};

// A statement lent out of the cache (or a one-off when the cached one is busy).
struct Lease {
  soci::statement* st = nullptr;
  void* entry = nullptr;                   // the cache entry, or null for a one-off
  std::unique_ptr<soci::statement> owned;  // the one-off
};

}  // namespace detail

class Sql {
 public:
  // `sqlite` selects the SQLite reset after each use.
  Sql(soci::session& session, bool sqlite, std::size_t capacity = 256);
  ~Sql();
  Sql(const Sql&) = delete;
  Sql& operator=(const Sql&) = delete;

  // One statement, run at the end of the full expression (`, use(x), into(y)`).
  class Once {
   public:
    Once(Sql& sql, std::string query);
    ~Once() noexcept(false);
    Once(const Once&) = delete;
    Once& operator=(const Once&) = delete;
    template <class T, class I>
    Once& operator,(const soci::details::into_container<T, I>& c) {
      ex_.intos.exchange(c);
      return *this;
    }
    Once& operator,(const soci::details::into_type_ptr& p) {
      ex_.intos.exchange(p);
      return *this;
    }
    template <class T, class I>
    Once& operator,(const soci::details::use_container<T, I>& c) {
      ex_.uses.exchange(c);
      return *this;
    }
    Once& operator,(const soci::details::use_type_ptr& p) {
      ex_.uses.exchange(p);
      return *this;
    }

   private:
    Sql& sql_;
    std::string query_;
    detail::Exchanges ex_;
    int uncaught_;
  };

  // A statement whose rows are read one by one: becomes a Rows.
  class Prepare {
   public:
    Prepare(Sql& sql, std::string query) : sql_(sql), query_(std::move(query)) {}
    Prepare(const Prepare&) = delete;
    Prepare& operator=(const Prepare&) = delete;
    template <class T, class I>
    Prepare& operator,(const soci::details::use_container<T, I>& c) {
      ex_.uses.exchange(c);
      return *this;
    }
    Prepare& operator,(const soci::details::use_type_ptr& p) {
      ex_.uses.exchange(p);
      return *this;
    }

   private:
    friend class Rows;
    Sql& sql_;
    std::string query_;
    detail::Exchanges ex_;
  };

  struct PrepareStart {
    Sql& sql;
    Prepare operator<<(std::string query) const { return Prepare(sql, std::move(query)); }
  };

  Once operator<<(std::string query) { return Once(*this, std::move(query)); }
  PrepareStart prepare{*this};

  // Whether the last single-row statement found a row.
  bool got_data() const { return session_.got_data(); }
  // Rows changed by the last statement run through operator<<.
  long long affected_rows() const { return affected_rows_; }

  // Runs a statement that is not worth keeping (BEGIN, COMMIT, DDL), counted.
  // Ends a read snapshot first.
  void run_unprepared(const std::string& query);

  // SQLite: opens a read snapshot (see above) unless one is open; no-op on
  // PostgreSQL. end_read() closes it (no-op when none is open); neither is
  // counted as a statement. Throws soci::soci_error if SQLite refuses.
  void begin_read();
  void end_read() noexcept;
  bool reading() const { return read_open_; }

  const StatementStats& stats() const { return stats_; }
  void reset_stats() { stats_ = {}; }

  // Forgets every kept statement: before the connection is replaced (its
  // statements die with it) and after the schema changed.
  void clear();
  std::size_t kept() const { return entries_.size(); }

  soci::session& raw() { return session_; }

 private:
  friend class Rows;
  struct Entry {
    std::string query;
    soci::statement st;
    bool busy = false;
    Entry(soci::session& s, std::string q) : query(std::move(q)), st(s) {}
  };
  using List = std::list<Entry>;

  detail::Lease lease(const std::string& query);
  // Unbinds and (SQLite) resets the statement; `failed` drops it from the cache.
  void give_back(detail::Lease& l, bool failed) noexcept;
  void run(const std::string& query, detail::Exchanges& ex);
  void add_time(std::chrono::steady_clock::time_point since);
  // Ends a read snapshot before a statement that writes (SQLite).
  void before_execute(soci::statement& st);

  soci::session& session_;
  bool sqlite_;
  std::size_t capacity_;
  List entries_;  // most recently used first
  std::unordered_map<std::string_view, List::iterator> index_;
  StatementStats stats_;
  long long affected_rows_ = 0;
  bool read_open_ = false;
};

// The rows of one statement, read as they are iterated. Not copyable; keep it
// a local variable. Iterating twice is not supported.
class Rows {
 public:
  Rows(Sql::Prepare& p);   // NOLINT: `db::Rows r = (db.sql().prepare << …, use(x));`
  Rows(Sql::Prepare&& p);  // NOLINT: `db::Rows r = db.sql().prepare << "…";`
  ~Rows();
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  class iterator {
   public:
    using value_type = soci::row;
    using difference_type = std::ptrdiff_t;
    explicit iterator(Rows* rows = nullptr) : rows_(rows) {}
    const soci::row& operator*() const { return rows_->row_; }
    const soci::row* operator->() const { return &rows_->row_; }
    iterator& operator++() {
      if (!rows_->fetch()) rows_ = nullptr;
      return *this;
    }
    bool operator==(const iterator& o) const { return rows_ == o.rows_; }
    bool operator!=(const iterator& o) const { return rows_ != o.rows_; }

   private:
    Rows* rows_;
  };
  iterator begin();
  iterator end() { return iterator(); }

 private:
  void start(Sql::Prepare& p);
  bool fetch();
  Sql& sql_;
  detail::Lease lease_;
  soci::row row_;
  bool started_ = false;
};

}  // namespace crm::db
