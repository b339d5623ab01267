// Support for the HTTP tests: a fresh database per test, a real crm server on
// 127.0.0.1 (App + http::Server, the same objects `crm serve` wires up), a
// small synchronous HTTP/1.1 client with a cookie jar, raw sockets for
// malformed or slow clients, and helpers to read HTML pages and mail.
//
// The database comes from CRM_TEST_DATABASE: "sqlite" (the default: a fresh
// file in a temporary directory) or a postgresql:// URL of a throwaway
// cluster (a fresh `CREATE DATABASE … TEMPLATE` per test, dropped afterwards).
// The schema and the demo accounts are prepared once per process in a
// template, so a test pays for a copy, not for six password hashes.
//
//   class LoginTest : public crm::test::HttpTest {};
//   TEST_F(LoginTest, Works) {
//     auto c = client();
//     auto page = c.get("/login");
//     auto res = c.post("/login", {{"csrf", csrf_of(page.body)}, {"email", …}, …});
//     EXPECT_EQ(res.status, 303);
//   }
//
// Helpers that cannot go on after a failure (sign_in, …) throw
// std::runtime_error; GoogleTest reports it as a failure of the test.
// Nothing here is thread-safe unless said so: Client and RawConnection may be
// used from several threads as long as each object stays on one.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/app.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "demo/demo.hpp"
#include "http/server.hpp"
#include "jobs/runner.hpp"
#include "search/index.hpp"
#include "spaces/search_index.hpp"
#include "unit/support/smtp_server.hpp"
#include "web/assets.hpp"

namespace crm::test {

// ---------------------------------------------------------------- database

// True when CRM_TEST_DATABASE names a PostgreSQL cluster.
bool testing_postgresql();

// A database of its own for one test: migrated, with the demo accounts.
// The destructor removes it (REQUIRES: every other session on it is closed).
class TestDatabase {
 public:
  TestDatabase();
  // A database of its own with the demo programme at `demo_scale` (see
  // demo::load): slower than the default (it migrates and loads anew), so
  // build one per suite, not per test.
  explicit TestDatabase(long demo_scale);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const db::Url& url() const { return url_; }
  // The demo accounts with their passwords and TOTP secrets.
  const std::vector<demo::DemoAccount>& demo_accounts() const;

 private:
  void remove();  // drops the database (PostgreSQL) or its directory (SQLite)
  db::Url url_;
  std::vector<demo::DemoAccount> own_accounts_;  // scaled: its own demo accounts
  std::string pg_name_;                          // PostgreSQL: the database to drop
  std::filesystem::path dir_;                    // SQLite: the directory to remove
};

// A database of its own that is not migrated and has no demo data (for
// migrations and loaders); removed at the end.
class EmptyDatabase {
 public:
  EmptyDatabase();
  ~EmptyDatabase();
  EmptyDatabase(const EmptyDatabase&) = delete;
  EmptyDatabase& operator=(const EmptyDatabase&) = delete;
  const db::Url& url() const { return url_; }

 private:
  db::Url url_;
  std::string admin_url_, name_;
  std::filesystem::path dir_;
};

// The body of a gzip answer, decoded; throws on data that is not one whole
// gzip stream.
std::string gunzip(const std::string& data);

// ------------------------------------------------------------------ server

struct ServerOptions {
  http::Limits limits = small_limits();
  unsigned io_threads = 2;
  unsigned workers = 2;
  unsigned auth_workers = 1;
  size_t queue = 64;
  bool server_timing = false;  // --server-timing
  std::string log = "quiet";   // --log: "info" writes the access log
  // Job runners as `crm serve` starts them (woken after a request that
  // enqueued a job). 0: none; tests run due jobs with HttpTest::run_jobs().
  // Mail jobs wait (no SMTP server) unless `smtp_url` is set.
  unsigned job_workers = 0;
  std::string smtp_url;
  // A search index directory (with its spaces index beside it) to start from
  // instead of rebuilding both from the database: only for a database whose
  // data the index holds (HttpTest's fresh copy of the template). Empty: rebuild.
  std::string search_from;

  // Smaller than production, so limit tests send kilobytes, not megabytes.
  static http::Limits small_limits() {
    http::Limits l;
    l.header_bytes = 8 * 1024;
    l.body_bytes = 64 * 1024;
    l.upload_bytes = 256 * 1024;
    l.header_timeout = std::chrono::seconds(5);
    l.body_timeout = std::chrono::seconds(5);
    l.idle_timeout = std::chrono::seconds(5);
    l.max_connections = 64;
    return l;
  }
};

// The shared, immutable catalogs and assets (built once per process).
const Catalogs& catalogs();
const web::Assets& assets();

// A running crm on 127.0.0.1 with an ephemeral port.
class TestServer {
 public:
  TestServer(const db::Url& url, const ServerOptions& options);
  ~TestServer();  // stop() and shutdown of the workers
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  unsigned short port() const { return port_; }
  // "http://127.0.0.1:PORT" (also the base URL in mail links).
  std::string base_url() const;
  Config& config() { return *config_; }
  app::App& app() { return *app_; }
  // Graceful stop: no new connections, requests in flight are answered.
  // Idempotent.
  void stop();
  // This server's own search index (in a temporary directory).
  search::Index& search_index() { return *search_; }
  // … and its own index of the spaces' posts.
  spaces::SearchIndex& space_search_index() { return *space_search_; }

 private:
  std::unique_ptr<Config> config_;
  std::filesystem::path search_dir_;
  std::unique_ptr<search::Index> search_;
  std::unique_ptr<spaces::SearchIndex> space_search_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<jobs::Registry> job_kinds_;
  std::unique_ptr<jobs::Runner> runner_;
  std::unique_ptr<http::Server> server_;
  unsigned short port_ = 0;
};

// ------------------------------------------------------------------ client

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  // The first value of a header ("" when absent); name in any case.
  std::string header(std::string_view name) const;
  std::vector<std::string> headers_named(std::string_view name) const;
  bool has_header(std::string_view name) const;
  std::string location() const { return header("location"); }
};

using Form = std::vector<std::pair<std::string, std::string>>;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct FilePart {
  std::string field, filename, content_type, data;
};

// One TCP connection with timeouts, for what a browser would not send.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer has closed or reset the connection.
  bool send(std::string_view bytes);
  // One response; nullopt when the connection ends or the time runs out
  // before a whole response arrived. `head`: the request was HEAD (no body).
  std::optional<HttpResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(10), bool head = false);
  // Everything until the peer closes; `closed` tells whether it did in time.
  std::string read_until_close(std::chrono::milliseconds timeout, bool* closed = nullptr);
  // True when the peer closes (or resets) within `timeout`; data is discarded.
  bool wait_closed(std::chrono::milliseconds timeout);
  void close();

 private:
  // Appends what arrives within the deadline; false on EOF, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  bool eof_ = false;
  std::string buffer_;  // received, not yet consumed
};

// A browser-like client: one connection per request, cookies kept.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}

  HttpResponse get(const std::string& target, const Headers& extra = {});
  HttpResponse head(const std::string& target, const Headers& extra = {});
  // application/x-www-form-urlencoded; the fields are sent as given (no csrf added).
  HttpResponse post(const std::string& target, const Form& fields, const Headers& extra = {});
  HttpResponse post_multipart(const std::string& target, const Form& fields,
                              const std::vector<FilePart>& files, const Headers& extra = {});
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body, const std::string& content_type,
                       const Headers& extra = {});
  // GETs `page`, then POSTs `fields` with that page's csrf token to `action`
  // (default: `page`). Throws when the page has no csrf field.
  HttpResponse submit(const std::string& page, Form fields, const std::string& action = {});

  std::optional<std::string> cookie(const std::string& name) const;
  std::map<std::string, std::string>& cookies() { return jar_; }
  // Sent as Accept-Language when not empty.
  std::string accept_language;

 private:
  void take_cookies(const HttpResponse& res);
  unsigned short port_;
  std::map<std::string, std::string> jar_;
};

// ------------------------------------------------------------ page helpers

std::string html_unescape(std::string_view s);
// The value of the first hidden `csrf` input; "" when none.
std::string csrf_of(std::string_view html);
// Every href in the page, unescaped, in order.
std::vector<std::string> links_of(std::string_view html);
// An attribute of the <html> element ("lang", "dir"); "" when absent.
std::string html_attribute(std::string_view html, std::string_view name);
// The text of <title>, unescaped.
std::string title_of(std::string_view html);
// "http://host:port/path?q" -> "/path?q".
std::string path_of(std::string_view url);
std::string url_encode(std::string_view s);

// ------------------------------------------------------------ mail helpers

struct ParsedMail {
  std::string to, subject, content_type;  // subject decoded from RFC 2047
  std::string text, html;                 // decoded bodies (CRLF line ends)
};
// Reads a message as crm::mail::render writes it (multipart/alternative with
// quoted-printable or base64 parts). Throws on a shape it does not know.
ParsedMail parse_mail(const std::string& raw);
// The first http(s) URL in `text`.
std::string first_url(std::string_view text);

// -------------------------------------------------------------- data helpers

// All rows of the tables, ordered by their first column, as text: compare two
// dumps to prove that nothing changed.
std::string dump_tables(db::Session& sql, const std::vector<std::string>& tables);
// Every table a request can write, except login_attempt (failures are recorded
// on purpose).
const std::vector<std::string>& state_tables();
// A TOTP code of `secret` that the server has not seen yet (after the step
// recorded in account.totp_last_step); waits for the next 30-second step
// only when the current and next ones are both used.
std::string fresh_totp(db::Session& sql, const std::string& email, const std::string& secret);

// ------------------------------------------------------------------ fixture

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Options for the server SetUp() starts.
  virtual ServerOptions options() const { return {}; }
  // Replaces the running server with one using `o` (same database).
  void restart(const ServerOptions& o);

  TestServer& server() { return *server_; }
  Client client() const { return Client(server_->port()); }
  unsigned short port() const { return server_->port(); }
  // A session of the test's own, for checks and setup.
  db::Session& sql();
  const db::Url& db_url() const { return database_->url(); }

  const demo::DemoAccount& demo(std::string_view role) const;
  // Signs in through the web forms (second factor included when the account
  // has one); throws when any step answers unexpectedly.
  Client sign_in(std::string_view role);
  Client sign_in(const std::string& email, const std::string& password,
                 const std::string& totp_secret = {});

  // The SMTP server (started on first use) and delivery of the mail queue to it.
  SmtpServer& smtp();
  // Runs every due job as `crm serve`'s runners would (mail goes to smtp());
  // returns how many ran.
  int run_jobs();
  // run_jobs(); returns how many mails were sent.
  int deliver_mail();
  // Waits for the index-th received message and parses it.
  ParsedMail mail(size_t index);

  long count(const std::string& select_count_sql);
  int64_t account_id(const std::string& email);
  std::string password_hash(const std::string& email);
  std::string state() { return dump_tables(sql(), state_tables()); }

  // Translation as the server would render it.
  static std::string tr(std::string_view language, const char* msgid);

 private:
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<db::Session> sql_;
  std::unique_ptr<SmtpServer> smtp_;
};

}  // namespace crm::test
