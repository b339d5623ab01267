#include "db/statements.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <exception>

namespace crm::db {

namespace detail {

void Exchanges::hand_to(soci::statement& st) {
  // Each element is owned by the statement as soon as it is handed over; the
  // slot is emptied first so that nothing is deleted twice if one throws.
  for (auto& p : intos) {
    auto* e = p;
    p = nullptr;
    st.exchange(soci::details::into_type_ptr(e));
  }
  for (auto& p : uses) {
    auto* e = p;
    p = nullptr;
    st.exchange(soci::details::use_type_ptr(e));
  }
  intos.clear();
  uses.clear();
}

}  // namespace detail

namespace {

// Ends SQLite's read of a statement (sqlite3_step left it on a row), so that
// the connection does not keep a read transaction, and its snapshot, open.
void reset_sqlite(soci::statement& st) noexcept {
  auto* be = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (be && be->stmt_) sqlite_api::sqlite3_reset(be->stmt_);
}

}  // namespace

Sql::Sql(soci::session& session, bool sqlite, std::size_t capacity)
    : session_(session), sqlite_(sqlite), capacity_(capacity) {}

Sql::~Sql() {
  clear();
}

void Sql::clear() {
  index_.clear();
  entries_.clear();
}

detail::Lease Sql::lease(const std::string& query) {
  detail::Lease l;
  if (auto it = index_.find(query); it != index_.end()) {
    Entry& e = *it->second;
    if (!e.busy) {
      entries_.splice(entries_.begin(), entries_, it->second);
      e.busy = true;
      l.st = &e.st;
      l.entry = &e;
      return l;
    }
  }
  if (capacity_ == 0 || index_.count(query)) {
    // Nothing is kept, or the same text is still being read (a Rows alive): a one-off.
    l.owned = std::make_unique<soci::statement>(session_);
    l.owned->alloc();
    l.owned->prepare(query, soci::details::st_one_time_query);
    ++stats_.prepared;
    l.st = l.owned.get();
    return l;
  }
  entries_.emplace_front(session_, query);
  auto it = entries_.begin();
  try {
    it->st.alloc();
    it->st.prepare(query, soci::details::st_repeatable_query);
  } catch (...) {
    entries_.erase(it);
    throw;
  }
  ++stats_.prepared;
  index_.emplace(it->query, it);
  // Keep the bound: drop the least recently used statements not in use.
  for (auto victim = std::prev(entries_.end());
       entries_.size() > capacity_ && victim != entries_.begin();) {
    auto prev = std::prev(victim);
    if (!victim->busy) {
      index_.erase(victim->query);
      entries_.erase(victim);
    }
    victim = prev;
  }
  it->busy = true;
  l.st = &it->st;
  l.entry = &*it;
  return l;
}

void Sql::give_back(detail::Lease& l, bool failed) noexcept {
  if (!l.st) return;
  try {
    if (sqlite_) reset_sqlite(*l.st);
    l.st->bind_clean_up();
  } catch (...) {
    failed = true;
  }
  if (l.entry) {
    auto* e = static_cast<Entry*>(l.entry);
    e->busy = false;
    if (failed) {
      auto it = index_.find(e->query);
      if (it != index_.end()) {
        auto pos = it->second;
        index_.erase(it);
        entries_.erase(pos);
      }
    }
  }
  l.owned.reset();
  l.st = nullptr;
  l.entry = nullptr;
}

void Sql::add_time(std::chrono::steady_clock::time_point since) {
  stats_.time += std::chrono::steady_clock::now() - since;
}

void Sql::begin_read() {
  if (!sqlite_ || read_open_) return;
  auto started = std::chrono::steady_clock::now();
  session_ << "BEGIN";
  read_open_ = true;
  add_time(started);
}

void Sql::end_read() noexcept {
  if (!read_open_) return;
  read_open_ = false;
  auto started = std::chrono::steady_clock::now();
  try {
    session_ << "COMMIT";
  } catch (...) {
    // Only reads ran inside; if COMMIT fails the next BEGIN reports the state.
  }
  add_time(started);
}

void Sql::before_execute(soci::statement& st) {
  if (!read_open_) return;
  auto* be = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (be && be->stmt_ && !sqlite_api::sqlite3_stmt_readonly(be->stmt_)) end_read();
}

void Sql::run(const std::string& query, detail::Exchanges& ex) {
  ++stats_.statements;
  auto started = std::chrono::steady_clock::now();
  detail::Lease l = lease(query);
  try {
    before_execute(*l.st);
    ex.hand_to(*l.st);
    l.st->define_and_bind();
    l.st->execute(true);
    affected_rows_ = l.st->get_affected_rows();
  } catch (...) {
    give_back(l, true);
    add_time(started);
    throw;
  }
  give_back(l, false);
  add_time(started);
}

void Sql::run_unprepared(const std::string& query) {
  end_read();
  ++stats_.statements;
  auto started = std::chrono::steady_clock::now();
  try {
    session_ << query;
  } catch (...) {
    add_time(started);
    throw;
  }
  add_time(started);
}

Sql::Once::Once(Sql& sql, std::string query)
    : sql_(sql), query_(std::move(query)), uncaught_(std::uncaught_exceptions()) {}

Sql::Once::~Once() noexcept(false) {
  // Building the values threw: the statement must not run.
  if (std::uncaught_exceptions() > uncaught_) return;
  sql_.run(query_, ex_);
}

Rows::Rows(Sql::Prepare& p) : sql_(p.sql_) {
  start(p);
}
Rows::Rows(Sql::Prepare&& p) : sql_(p.sql_) {
  start(p);
}

void Rows::start(Sql::Prepare& p) {
  ++sql_.stats_.statements;
  auto started = std::chrono::steady_clock::now();
  lease_ = sql_.lease(p.query_);
  try {
    sql_.before_execute(*lease_.st);
    p.ex_.hand_to(*lease_.st);
    lease_.st->define_and_bind();
    lease_.st->exchange_for_rowset(soci::into(row_));
    lease_.st->execute(false);
  } catch (...) {
    sql_.give_back(lease_, true);
    sql_.add_time(started);
    throw;
  }
  sql_.add_time(started);
}

Rows::~Rows() {
  sql_.give_back(lease_, false);
}

bool Rows::fetch() {
  auto started = std::chrono::steady_clock::now();
  bool more = false;
  try {
    more = lease_.st->fetch();
  } catch (...) {
    sql_.add_time(started);
    sql_.give_back(lease_, true);
    throw;
  }
  sql_.add_time(started);
  return more;
}

Rows::iterator Rows::begin() {
  if (started_) return end();
  started_ = true;
  return fetch() ? iterator(this) : end();
}

}  // namespace crm::db
