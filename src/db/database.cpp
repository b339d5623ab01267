#include "db/database.hpp"

#include <chrono>
#include <string_view>
#include <thread>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <boost/url/parse.hpp>
#include <filesystem>

namespace crm::db {

Result<Url> parse_url(std::string_view text) {
  Url u;
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    // SOCI's PostgreSQL backend rewrites URI-style connect strings, so hand it
    // libpq's keyword=value form instead.
    auto parsed = boost::urls::parse_uri(text);
    if (!parsed) return invalid("database", "Unknown database address.");
    auto quote = [](std::string_view v) {
      std::string q = "'";
      for (char c : v) {
        if (c == '\\' || c == '\'') q += '\\';
        q += c;
      }
      return q + "'";
    };
    std::string c;
    auto add = [&](std::string_view key, std::string_view value) {
      if (value.empty()) return;
      if (!c.empty()) c += ' ';
      c += std::string(key) + "=" + quote(value);
    };
    add("host", parsed->encoded_host().decode());
    add("port", parsed->port());
    add("user", parsed->encoded_user().decode());
    add("password", parsed->encoded_password().decode());
    std::string path = parsed->encoded_path().decode();
    add("dbname",
        path.starts_with('/') ? std::string_view(path).substr(1) : std::string_view(path));
    for (auto param : parsed->params()) add(param.key, param.value);
    u.backend = Backend::postgresql;
    u.connect = c;
    return u;
  }
  std::string_view path = text;
  if (text.starts_with("sqlite:"))
    path = text.substr(7);
  else if (!text.ends_with(".db") && !text.ends_with(".sqlite"))
    return invalid("database", "Unknown database address.");
  if (path.starts_with("//")) path.remove_prefix(2);
  if (path.empty()) return invalid("database", "Unknown database address.");
  u.backend = Backend::sqlite;
  u.sqlite_path = std::string(path);
  // SOCI's connect string is space-separated key=value; quote the path.
  u.connect = "db=\"" + u.sqlite_path + "\" timeout=10 shared_cache=false";
  return u;
}

Session::Session(const Url& url) : url_(url) {
  if (url.backend == Backend::sqlite) {
    configure_sqlite_library();
    auto dir = std::filesystem::path(url.sqlite_path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
    sql_.open(*soci::factory_sqlite3(), url.connect);
  } else {
    sql_.open(*soci::factory_postgresql(), url.connect);
  }
  configure();
}

void Session::configure() {
  if (url_.backend == Backend::sqlite) {
    sql_ << "PRAGMA busy_timeout=10000";
    // While another process starting at the same moment switches a new
    // database to WAL, this answers "locked" at once, without waiting for
    // the busy timeout: try again for as long as that timeout.
    for (int attempt = 0;; ++attempt) {
      try {
        sql_ << "PRAGMA journal_mode=WAL";
        break;
      } catch (const soci::soci_error& e) {
        if (attempt >= 500 || std::string_view(e.what()).find("locked") == std::string_view::npos)
          throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    sql_ << "PRAGMA foreign_keys=ON";
    sql_ << "PRAGMA synchronous=NORMAL";
  } else {
    sql_ << "SET client_min_messages TO WARNING";
  }
}

bool Session::ping() {
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      int one = 0;
      sql_ << "SELECT 1", soci::into(one);
      return one == 1;
    } catch (const std::exception&) {
      if (attempt == 1 || url_.backend != Backend::postgresql) return false;
      try {
        reconnect();
      } catch (const std::exception&) {
        return false;
      }
    }
  }
  return false;
}

void Session::reconnect() {
  statements_.clear();  // they belong to the connection being replaced
  sql_.reconnect();
  configure();
}

Transaction::Transaction(Session& s) : s_(s) {
  s_.sql().run_unprepared(s_.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    s_.sql().run_unprepared("ROLLBACK");
  } catch (const std::exception&) {
    // The connection is gone; the server rolled back for us.
  }
}

void Transaction::commit() {
  s_.sql().run_unprepared("COMMIT");
  done_ = true;
}

}  // namespace crm::db

namespace crm::db {

int64_t get_int64(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(r.get<double>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      throw std::runtime_error("column " + std::to_string(i) + " is not a number");
  }
}

std::string get_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  return r.get<std::string>(i);
}

std::optional<double> get_optional_double(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return static_cast<double>(r.get<long long>(i));
    case soci::dt_string:
      return std::stod(r.get<std::string>(i));
    default:
      throw std::runtime_error("column " + std::to_string(i) + " is not a number");
  }
}

Fault fault_of(const std::exception& e) {
  if (!dynamic_cast<const soci::soci_error*>(&e)) return Fault::other;
  const std::string_view what = e.what();
  auto says = [&](std::string_view s) { return what.find(s) != std::string_view::npos; };
  // SQLite's messages (SQLITE_FULL, SQLITE_BUSY) and PostgreSQL's (SQLSTATE
  // 53100 disk_full; 55P03 lock_not_available).
  if (says("database or disk is full") || says("No space left on device") ||
      says("could not extend file") || says("could not write"))
    return Fault::storage_full;
  if (says("database is locked") || says("database is busy") || says("lock timeout"))
    return Fault::busy;
  return Fault::other;
}

bool connection_lost(const std::exception& e) {
  const auto* soci = dynamic_cast<const soci::soci_error*>(&e);
  if (!soci || dynamic_cast<const soci::sqlite3_soci_error*>(&e)) return false;
  if (soci->get_error_category() == soci::soci_error::connection_error) return true;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    // 08xxx connection exceptions; 57P01 admin_shutdown, 57P02
    // crash_shutdown, 57P03 cannot_connect_now (starting or shutting down).
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03")
      return true;
    // Any other state is the server's answer to the statement: connected.
    if (state.find_first_not_of(" \0", 0, 2) != std::string::npos) return false;
  }
  // Without a state: libpq's and SOCI's own words for a connection that is gone.
  const std::string_view what = e.what();
  auto says = [&](std::string_view s) { return what.find(s) != std::string_view::npos; };
  return says("no connection to the server") || says("server closed the connection") ||
         says("terminating connection") || says("could not connect to server") ||
         says("connection to server") || says("Connection refused") ||
         says("could not send data to server") || says("could not receive data from server") ||
         says("the database system is shutting down") ||
         says("the database system is starting up") || says("Session is not connected") ||
         says("Cannot establish connection");
}

}  // namespace crm::db
