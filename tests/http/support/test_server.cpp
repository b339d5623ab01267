#include "http/support/test_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "auth/totp.hpp"
#include "db/migrate.hpp"
#include "mail/outbox.hpp"
#include "unit/support/mime_decode.hpp"

namespace crm::test {

namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

namespace {

std::string database_setting() {
  const char* v = std::getenv("CRM_TEST_DATABASE");
  return v && *v ? std::string(v) : std::string("sqlite");
}

std::string random_hex(size_t n) {
  static std::mutex m;
  static std::mt19937_64 rng{std::random_device{}()};
  std::lock_guard lock(m);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kHex[rng() % 16];
  return s;
}

// postgresql://user@host:port/db?params with another database name.
std::string with_database(const std::string& url, const std::string& name) {
  auto authority = url.find("://");
  if (authority == std::string::npos) throw std::runtime_error("bad CRM_TEST_DATABASE: " + url);
  authority += 3;
  auto q = url.find('?', authority);
  std::string params = q == std::string::npos ? "" : url.substr(q);
  auto end = q == std::string::npos ? url.size() : q;
  auto slash = url.find('/', authority);
  if (slash == std::string::npos || slash > end) slash = end;
  return url.substr(0, slash) + "/" + name + params;
}

db::Url parse(const std::string& text) {
  auto u = db::parse_url(text);
  if (!u) throw std::runtime_error("bad database address: " + text);
  return *u;
}

// The schema and demo accounts, prepared once per process.
struct Template {
  std::vector<demo::DemoAccount> accounts;
  std::filesystem::path search_dir;       // the search indexes of the template's data
  std::filesystem::path sqlite_dir;       // holds template.db
  std::string pg_name;                    // template database
  std::unique_ptr<db::Session> pg_admin;  // for CREATE/DROP DATABASE
};

std::mutex template_mutex;
std::unique_ptr<Template> the_template;

Template& prepared_template() {
  std::lock_guard lock(template_mutex);
  if (the_template) return *the_template;
  auto t = std::make_unique<Template>();
  auto now = static_cast<int64_t>(std::time(nullptr));
  if (testing_postgresql()) {
    auto admin_url = database_setting();
    t->pg_admin = std::make_unique<db::Session>(parse(admin_url));
    t->pg_name = "crm_tpl_" + std::to_string(::getpid()) + "_" + random_hex(8);
    t->pg_admin->sql() << "CREATE DATABASE " + t->pg_name;
    db::Session s(parse(with_database(admin_url, t->pg_name)));
    db::migrate(s);
    t->accounts = demo::load(s, now);
  } else {
    std::string dir = (std::filesystem::temp_directory_path() / "crm-tpl-XXXXXX").string();
    if (!::mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
    t->sqlite_dir = dir;
    db::Session s(parse("sqlite:" + (t->sqlite_dir / "template.db").string()));
    db::migrate(s);
    t->accounts = demo::load(s, now);
  }
  // Both search indexes of the template's data, built once: a server on a
  // fresh copy of the template starts from a copy of them (rebuilding them
  // took a large part of every test's time).
  std::string search = (std::filesystem::temp_directory_path() / "crm-tpl-search-XXXXXX").string();
  if (!::mkdtemp(search.data())) throw std::runtime_error("mkdtemp failed");
  t->search_dir = search;
  {
    auto url = t->pg_admin ? parse(with_database(database_setting(), t->pg_name))
                           : parse("sqlite:" + (t->sqlite_dir / "template.db").string());
    db::Session s(url);
    search::Index(search).rebuild(s);
    spaces::SearchIndex(spaces::search_index_dir(search)).rebuild(s);
  }
  the_template = std::move(t);
  return *the_template;
}

void drop_template() {
  std::lock_guard lock(template_mutex);
  if (!the_template) return;
  if (the_template->pg_admin) {
    try {
      the_template->pg_admin->sql()
          << "DROP DATABASE IF EXISTS " + the_template->pg_name + " WITH (FORCE)";
    } catch (const std::exception& e) {
      std::fprintf(stderr, "test_server: cannot drop %s: %s\n", the_template->pg_name.c_str(),
                   e.what());
    }
  }
  std::error_code ignored;
  if (!the_template->sqlite_dir.empty())
    std::filesystem::remove_all(the_template->sqlite_dir, ignored);
  if (!the_template->search_dir.empty()) {
    std::filesystem::remove_all(the_template->search_dir, ignored);
    std::filesystem::remove_all(spaces::search_index_dir(the_template->search_dir.string()),
                                ignored);
  }
  the_template.reset();
}

class DatabaseEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { drop_template(); }
};

[[maybe_unused]] const auto* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new DatabaseEnvironment);

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool testing_postgresql() {
  auto s = database_setting();
  return s.starts_with("postgresql://") || s.starts_with("postgres://");
}

TestDatabase::TestDatabase() {
  auto& t = prepared_template();
  if (testing_postgresql()) {
    pg_name_ = "crm_t_" + std::to_string(::getpid()) + "_" + random_hex(10);
    std::lock_guard lock(template_mutex);
    t.pg_admin->sql() << "CREATE DATABASE " + pg_name_ + " TEMPLATE " + t.pg_name;
    url_ = parse(with_database(database_setting(), pg_name_));
  } else {
    std::string dir = (std::filesystem::temp_directory_path() / "crm-http-XXXXXX").string();
    if (!::mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    std::filesystem::copy_file(t.sqlite_dir / "template.db", dir_ / "crm.db");
    url_ = parse("sqlite:" + (dir_ / "crm.db").string());
  }
}

TestDatabase::TestDatabase(long demo_scale) {
  auto& t = prepared_template();
  auto now = static_cast<int64_t>(std::time(nullptr));
  if (testing_postgresql()) {
    pg_name_ = "crm_t_" + std::to_string(::getpid()) + "_" + random_hex(10);
    {
      std::lock_guard lock(template_mutex);
      t.pg_admin->sql() << "CREATE DATABASE " + pg_name_;
    }
    url_ = parse(with_database(database_setting(), pg_name_));
  } else {
    std::string dir = (std::filesystem::temp_directory_path() / "crm-http-XXXXXX").string();
    if (!::mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    url_ = parse("sqlite:" + (dir_ / "crm.db").string());
  }
  try {
    db::Session s(url_);
    db::migrate(s);
    own_accounts_ = demo::load(s, now, demo_scale);
  } catch (...) {
    remove();
    throw;
  }
}

TestDatabase::~TestDatabase() {
  remove();
}

void TestDatabase::remove() {
  if (!pg_name_.empty()) {
    std::lock_guard lock(template_mutex);
    if (the_template && the_template->pg_admin) {
      try {
        the_template->pg_admin->sql() << "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)";
      } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot drop " << pg_name_ << ": " << e.what();
      }
    }
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

const std::vector<demo::DemoAccount>& TestDatabase::demo_accounts() const {
  if (!own_accounts_.empty()) return own_accounts_;
  return prepared_template().accounts;
}

// ------------------------------------------------------------------ server

const Catalogs& catalogs() {
  static const Catalogs c;
  return c;
}

const web::Assets& assets() {
  static const web::Assets a;
  return a;
}

TestServer::TestServer(const db::Url& url, const ServerOptions& o)
    : config_(std::make_unique<Config>()) {
  config_->listen = "127.0.0.1:0";
  config_->io_threads = o.io_threads;
  config_->workers = o.workers;
  config_->auth_workers = o.auth_workers;
  config_->queue = o.queue;
  config_->limits = o.limits;
  config_->log = o.log;
  config_->server_timing = o.server_timing;
  app_ = std::make_unique<app::App>(*config_, url, catalogs(), assets());
  // Each server its own index, as each `crm serve` process: the first search
  // catches up from the change log.
  search_dir_ = std::filesystem::temp_directory_path() /
                ("crm-test-search-" + std::to_string(std::random_device{}()) + "-" +
                 std::to_string(reinterpret_cast<uintptr_t>(this)));
  config_->search_index = search_dir_.string();
  const std::string spaces_dir = spaces::search_index_dir(search_dir_.string());
  if (!o.search_from.empty()) {
    namespace fs = std::filesystem;
    fs::copy(o.search_from, search_dir_, fs::copy_options::recursive);
    fs::copy(spaces::search_index_dir(o.search_from), spaces_dir, fs::copy_options::recursive);
  }
  search_ = std::make_unique<search::Index>(search_dir_.string());
  space_search_ = std::make_unique<spaces::SearchIndex>(spaces_dir);
  if (o.search_from.empty()) {
    db::Session s(url);
    search_->rebuild(s);
    space_search_->rebuild(s);
  }
  app_->set_search_index(search_.get());
  search_->set_spaces(space_search_.get());
  if (o.job_workers > 0) {
    job_kinds_ = std::make_unique<jobs::Registry>();
    mail::SenderConfig mail;
    mail.smtp.url = o.smtp_url;
    mail.smtp.timeout_seconds = 10;
    mail.from_address = "crm@test.example";
    app::register_jobs(*job_kinds_, *config_, catalogs(), assets(), mail);
    runner_ = std::make_unique<jobs::Runner>(
        url, *job_kinds_,
        jobs::RunnerConfig{.threads = o.job_workers, .poll = std::chrono::milliseconds(200)});
    app_->on_jobs_enqueued([r = runner_.get()] { r->wake(); });
  }
  server_ = std::make_unique<http::Server>(*app_, o.limits);
  server_->start("127.0.0.1", 0, o.io_threads);
  port_ = server_->port();
  // Read by handlers only, and none has run yet.
  config_->base_url = base_url();
}

TestServer::~TestServer() {
  stop();
  app_->shutdown();
  runner_.reset();
  server_.reset();
  app_.reset();
  search_.reset();
  space_search_.reset();
  std::error_code ec;
  std::filesystem::remove_all(search_dir_, ec);
  std::filesystem::remove_all(spaces::search_index_dir(search_dir_.string()), ec);
}

std::string TestServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void TestServer::stop() {
  server_->stop();
}

// ------------------------------------------------------------------ client

std::string HttpResponse::header(std::string_view name) const {
  auto n = lower(name);
  for (const auto& [k, v] : headers)
    if (k == n) return v;
  return {};
}

std::vector<std::string> HttpResponse::headers_named(std::string_view name) const {
  auto n = lower(name);
  std::vector<std::string> out;
  for (const auto& [k, v] : headers)
    if (k == n) out.push_back(v);
  return out;
}

bool HttpResponse::has_header(std::string_view name) const {
  auto n = lower(name);
  for (const auto& [k, v] : headers)
    if (k == n) return true;
  return false;
}

RawConnection::RawConnection(unsigned short port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    int e = errno;
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error(std::string("connect failed: ") + std::strerror(e));
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

RawConnection::~RawConnection() {
  close();
}

void RawConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawConnection::send(std::string_view bytes) {
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLOUT, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));
      continue;
    }
    return false;
  }
  return true;
}

bool RawConnection::fill(std::chrono::steady_clock::time_point deadline) {
  if (eof_) return false;
  for (;;) {
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      buffer_.append(buf, static_cast<size_t>(n));
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {  // reset
      eof_ = true;
      return false;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(left.count()));
  }
}

std::optional<HttpResponse> RawConnection::read_response(std::chrono::milliseconds timeout,
                                                         bool head) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.skip(head);
  parser.header_limit(1024 * 1024);
  parser.body_limit(boost::none);
  for (;;) {
    if (!buffer_.empty()) {
      boost::system::error_code ec;
      size_t used = parser.put(boost::asio::buffer(buffer_), ec);
      buffer_.erase(0, used);
      if (parser.is_done()) break;
      if (ec && ec != bhttp::error::need_more) return std::nullopt;
      if (!ec && used > 0 && !buffer_.empty()) continue;  // the parser takes it in steps
    }
    if (!fill(deadline)) {
      if (!eof_ || !parser.got_some()) return std::nullopt;  // out of time, or closed unanswered
      boost::system::error_code ec;
      parser.put_eof(ec);  // a body that ends with the connection
      if (ec || !parser.is_done()) return std::nullopt;
      break;
    }
  }
  auto msg = parser.release();
  HttpResponse r;
  r.status = static_cast<int>(msg.result_int());
  for (const auto& f : msg) r.headers.emplace_back(lower(f.name_string()), std::string(f.value()));
  r.body = std::move(msg.body());
  return r;
}

std::string RawConnection::read_until_close(std::chrono::milliseconds timeout, bool* closed) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fill(deadline)) {
  }
  if (closed) *closed = eof_;
  std::string out = std::move(buffer_);
  buffer_.clear();
  return out;
}

bool RawConnection::wait_closed(std::chrono::milliseconds timeout) {
  bool closed = false;
  read_until_close(timeout, &closed);
  return closed;
}

HttpResponse Client::request(const std::string& method, const std::string& target,
                             const std::string& body, const std::string& content_type,
                             const Headers& extra) {
  std::string req = method + " " + target + " HTTP/1.1\r\n";
  req += "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
  req += "User-Agent: crm-http-test\r\nConnection: close\r\n";
  if (!accept_language.empty()) req += "Accept-Language: " + accept_language + "\r\n";
  if (!jar_.empty()) {
    std::string c;
    for (const auto& [k, v] : jar_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    req += "Cookie: " + c + "\r\n";
  }
  if (!content_type.empty()) req += "Content-Type: " + content_type + "\r\n";
  if (!body.empty() || method == "POST")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  for (const auto& [k, v] : extra) req += k + ": " + v + "\r\n";
  req += "\r\n";
  req += body;
  RawConnection c(port_);
  if (!c.send(req)) throw std::runtime_error("cannot send " + method + " " + target);
  auto res = c.read_response(30s, method == "HEAD");
  if (!res) throw std::runtime_error("no answer to " + method + " " + target);
  take_cookies(*res);
  return *res;
}

HttpResponse Client::get(const std::string& target, const Headers& extra) {
  return request("GET", target, "", "", extra);
}

HttpResponse Client::head(const std::string& target, const Headers& extra) {
  return request("HEAD", target, "", "", extra);
}

HttpResponse Client::post(const std::string& target, const Form& fields, const Headers& extra) {
  std::string body;
  for (const auto& [k, v] : fields)
    body += (body.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  return request("POST", target, body, "application/x-www-form-urlencoded", extra);
}

HttpResponse Client::post_multipart(const std::string& target, const Form& fields,
                                    const std::vector<FilePart>& files, const Headers& extra) {
  const std::string boundary = "crm-test-" + random_hex(16);
  std::string body;
  for (const auto& [k, v] : fields)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v +
            "\r\n";
  for (const auto& f : files)
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field +
            "\"; filename=\"" + f.filename + "\"\r\nContent-Type: " + f.content_type + "\r\n\r\n" +
            f.data + "\r\n";
  body += "--" + boundary + "--\r\n";
  return request("POST", target, body, "multipart/form-data; boundary=" + boundary, extra);
}

HttpResponse Client::submit(const std::string& page, Form fields, const std::string& action) {
  auto p = get(page);
  auto token = csrf_of(p.body);
  if (token.empty())
    throw std::runtime_error("no csrf field on " + page + " (status " + std::to_string(p.status) +
                             ")");
  fields.emplace_back("csrf", token);
  return post(action.empty() ? page : action, fields);
}

std::optional<std::string> Client::cookie(const std::string& name) const {
  auto it = jar_.find(name);
  if (it == jar_.end()) return std::nullopt;
  return it->second;
}

void Client::take_cookies(const HttpResponse& res) {
  for (const auto& c : res.headers_named("set-cookie")) {
    auto semi = c.find(';');
    auto pair = c.substr(0, semi);
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    auto name = pair.substr(0, eq);
    auto value = pair.substr(eq + 1);
    auto attrs = lower(semi == std::string::npos ? "" : c.substr(semi));
    if (attrs.find("max-age=0") != std::string::npos)
      jar_.erase(name);
    else
      jar_[name] = value;
  }
}

// ------------------------------------------------------------ page helpers

std::string html_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    auto semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    auto entity = s.substr(i + 1, semi - i - 1);
    if (entity == "amp")
      out += '&';
    else if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos")
      out += '\'';
    else if (entity.starts_with("#x") || entity.starts_with("#X"))
      out += static_cast<char>(std::stoi(std::string(entity.substr(2)), nullptr, 16));
    else if (entity.starts_with("#"))
      out += static_cast<char>(std::stoi(std::string(entity.substr(1))));
    else {
      out += s[i];
      continue;
    }
    i = semi;
  }
  return out;
}

std::string csrf_of(std::string_view html) {
  auto pos = html.find("name=\"csrf\"");
  if (pos == std::string_view::npos) return {};
  auto start = html.rfind('<', pos);
  auto end = html.find('>', pos);
  auto tag = html.substr(start, end - start);
  auto v = tag.find("value=\"");
  if (v == std::string_view::npos) return {};
  v += 7;
  return html_unescape(tag.substr(v, tag.find('"', v) - v));
}

std::vector<std::string> links_of(std::string_view html) {
  std::vector<std::string> out;
  for (size_t pos = 0; (pos = html.find("href=\"", pos)) != std::string_view::npos;) {
    pos += 6;
    auto end = html.find('"', pos);
    out.push_back(html_unescape(html.substr(pos, end - pos)));
    pos = end;
  }
  return out;
}

std::string html_attribute(std::string_view html, std::string_view name) {
  auto start = html.find("<html");
  if (start == std::string_view::npos) return {};
  auto tag = html.substr(start, html.find('>', start) - start);
  auto key = " " + std::string(name) + "=\"";
  auto pos = tag.find(key);
  if (pos == std::string_view::npos) return {};
  pos += key.size();
  return html_unescape(tag.substr(pos, tag.find('"', pos) - pos));
}

std::string title_of(std::string_view html) {
  auto start = html.find("<title>");
  if (start == std::string_view::npos) return {};
  start += 7;
  return html_unescape(html.substr(start, html.find("</title>", start) - start));
}

std::string path_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// ------------------------------------------------------------ mail helpers

namespace {

// Header block -> unfolded fields (names lower-cased).
std::vector<std::pair<std::string, std::string>> parse_headers(std::string_view block) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < block.size()) {
    auto end = block.find("\r\n", pos);
    if (end == std::string_view::npos) end = block.size();
    auto line = block.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {
      out.back().second += std::string(line);
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    out.emplace_back(lower(line.substr(0, colon)), std::string(value));
  }
  return out;
}

std::string field(const std::vector<std::pair<std::string, std::string>>& h,
                  std::string_view name) {
  for (const auto& [k, v] : h)
    if (k == name) return v;
  return {};
}

std::string decode_words(std::string_view value) {
  std::string out;
  bool previous_encoded = false;
  size_t pos = 0;
  while (pos < value.size()) {
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t')) ++pos;
    if (pos >= value.size()) break;
    auto end = value.find_first_of(" \t", pos);
    if (end == std::string_view::npos) end = value.size();
    auto word = value.substr(pos, end - pos);
    pos = end;
    bool encoded = word.starts_with("=?") && word.ends_with("?=");
    if (encoded) {
      auto lowered = lower(word);
      if (!lowered.starts_with("=?utf-8?b?"))
        throw std::runtime_error("unexpected encoded word " + std::string(word));
      if (!out.empty() && !previous_encoded) out += ' ';
      out += base64_decode(word.substr(10, word.size() - 12));
    } else {
      if (!out.empty()) out += ' ';
      out += word;
    }
    previous_encoded = encoded;
  }
  return out;
}

std::string decode_body(const std::vector<std::pair<std::string, std::string>>& h,
                        std::string_view body) {
  auto cte = lower(field(h, "content-transfer-encoding"));
  if (cte == "base64") return base64_decode(body);
  if (cte == "quoted-printable") return qp_decode(body);
  return std::string(body);
}

}  // namespace

ParsedMail parse_mail(const std::string& raw) {
  auto split = raw.find("\r\n\r\n");
  if (split == std::string::npos) throw std::runtime_error("mail without a body");
  auto headers = parse_headers(std::string_view(raw).substr(0, split));
  std::string_view body = std::string_view(raw).substr(split + 4);
  ParsedMail m;
  m.to = field(headers, "to");
  m.subject = decode_words(field(headers, "subject"));
  m.content_type = field(headers, "content-type");
  auto type = lower(m.content_type);
  if (type.starts_with("text/plain")) {
    m.text = decode_body(headers, body);
    return m;
  }
  if (!type.starts_with("multipart/alternative"))
    throw std::runtime_error("unexpected mail type " + m.content_type);
  auto b = m.content_type.find("boundary=\"");
  if (b == std::string::npos) throw std::runtime_error("no boundary");
  b += 10;
  std::string delimiter = "--" + m.content_type.substr(b, m.content_type.find('"', b) - b);
  size_t pos = body.find(delimiter);
  while (pos != std::string_view::npos) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;
    pos += 2;  // CRLF
    auto next = body.find("\r\n" + delimiter, pos);
    if (next == std::string_view::npos) throw std::runtime_error("unterminated part");
    auto part = body.substr(pos, next - pos);
    auto part_split = part.find("\r\n\r\n");
    auto ph = parse_headers(part.substr(0, part_split));
    auto content = decode_body(ph, part.substr(part_split + 4));
    auto ptype = lower(field(ph, "content-type"));
    if (ptype.starts_with("text/plain"))
      m.text = content;
    else if (ptype.starts_with("text/html"))
      m.html = content;
    pos = next + 2;
  }
  return m;
}

std::string first_url(std::string_view text) {
  auto pos = text.find("http://");
  if (auto s = text.find("https://"); s < pos) pos = s;
  if (pos == std::string_view::npos) return {};
  auto end = text.find_first_of(" \t\r\n\"<>", pos);
  return std::string(text.substr(pos, end == std::string_view::npos ? end : end - pos));
}

// -------------------------------------------------------------- data helpers

std::string dump_tables(db::Session& sql, const std::vector<std::string>& tables) {
  std::string out;
  for (const auto& t : tables) {
    out += "== " + t + "\n";
    db::Rows rows = (sql.sql().prepare << "SELECT * FROM " + t + " ORDER BY 1");
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (i) out += " | ";
        if (r.get_indicator(i) == soci::i_null) {
          out += "NULL";
          continue;
        }
        switch (r.get_properties(i).get_data_type()) {
          case soci::dt_string:
            out += r.get<std::string>(i);
            break;
          case soci::dt_double:
            out += std::to_string(r.get<double>(i));
            break;
          default:
            out += std::to_string(db::get_int64(r, i));
        }
      }
      out += "\n";
    }
  }
  return out;
}

const std::vector<std::string>& state_tables() {
  static const std::vector<std::string> all = {
      "account",        "recovery_code", "web_session", "invitation",
      "password_reset", "audit_log",     "mail_outbox", "job"};
  return all;
}

std::string fresh_totp(db::Session& sql, const std::string& email, const std::string& secret) {
  long long last = 0;
  sql.sql() << "SELECT totp_last_step FROM account WHERE email = :e", soci::use(email),
      soci::into(last);
  for (;;) {
    auto now = static_cast<int64_t>(std::time(nullptr));
    int64_t current = now / auth::kTotpStepSeconds;
    int64_t step = std::max<int64_t>(current, last + 1);
    if (step <= current + 1) return auth::totp_code(secret, step * auth::kTotpStepSeconds);
    std::this_thread::sleep_for(std::chrono::seconds((current + 1) * auth::kTotpStepSeconds - now) +
                                100ms);
  }
}

// ------------------------------------------------------------------ fixture

void HttpTest::SetUp() {
  database_ = std::make_unique<TestDatabase>();
  // An untouched copy of the template: its indexes fit it.
  ServerOptions o = options();
  o.search_from = prepared_template().search_dir.string();
  server_ = std::make_unique<TestServer>(database_->url(), o);
}

void HttpTest::TearDown() {
  server_.reset();
  sql_.reset();
  smtp_.reset();
  database_.reset();
}

void HttpTest::restart(const ServerOptions& o) {
  server_.reset();
  server_ = std::make_unique<TestServer>(database_->url(), o);
}

db::Session& HttpTest::sql() {
  if (!sql_) sql_ = std::make_unique<db::Session>(database_->url());
  return *sql_;
}

const demo::DemoAccount& HttpTest::demo(std::string_view role) const {
  for (const auto& a : database_->demo_accounts())
    if (a.role == role) return a;
  throw std::runtime_error("no demo account for role " + std::string(role));
}

Client HttpTest::sign_in(std::string_view role) {
  const auto& a = demo(role);
  return sign_in(a.email, a.password, a.totp_secret);
}

Client HttpTest::sign_in(const std::string& email, const std::string& password,
                         const std::string& totp_secret) {
  Client c = client();
  auto r = c.submit("/login", {{"email", email}, {"password", password}});
  if (r.status != 303)
    throw std::runtime_error("login of " + email + " answered " + std::to_string(r.status));
  if (r.location() == "/login/2fa") {
    if (totp_secret.empty()) throw std::runtime_error(email + " needs a second factor");
    auto r2 = c.submit("/login/2fa", {{"code", fresh_totp(sql(), email, totp_secret)}});
    if (r2.status != 303 || r2.location() != "/")
      throw std::runtime_error("second factor of " + email + " answered " +
                               std::to_string(r2.status));
  } else if (r.location() != "/") {
    throw std::runtime_error("login of " + email + " went to " + r.location());
  }
  return c;
}

SmtpServer& HttpTest::smtp() {
  if (!smtp_) smtp_ = std::make_unique<SmtpServer>();
  return *smtp_;
}

int HttpTest::run_jobs() {
  mail::SenderConfig cfg;
  cfg.smtp.url = smtp().url();
  cfg.smtp.timeout_seconds = 10;
  cfg.from_address = "crm@test.example";
  cfg.from_name = "crm";
  jobs::Registry kinds;
  app::register_jobs(kinds, server().config(), catalogs(), assets(), cfg);
  return jobs::run_due(sql(), kinds, jobs::RunOptions{"test", 300, nullptr},
                       static_cast<int64_t>(std::time(nullptr)));
}

int HttpTest::deliver_mail() {
  const long before = count("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'");
  run_jobs();
  return static_cast<int>(count("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'") - before);
}

ParsedMail HttpTest::mail(size_t index) {
  auto raw = smtp().wait_for_message(index, 10s);
  if (!raw) throw std::runtime_error("mail " + std::to_string(index) + " did not arrive");
  return parse_mail(*raw);
}

long HttpTest::count(const std::string& select_count_sql) {
  long long n = 0;
  sql().sql() << select_count_sql, soci::into(n);
  return static_cast<long>(n);
}

int64_t HttpTest::account_id(const std::string& email) {
  long long id = 0;
  sql().sql() << "SELECT id FROM account WHERE email = :e", soci::use(email), soci::into(id);
  return id;
}

std::string HttpTest::password_hash(const std::string& email) {
  std::string h;
  soci::indicator ind;
  sql().sql() << "SELECT password_hash FROM account WHERE email = :e", soci::use(email),
      soci::into(h, ind);
  return ind == soci::i_null ? std::string() : h;
}

std::string HttpTest::tr(std::string_view language, const char* msgid) {
  return Tr(catalogs(), language)(msgid);
}

EmptyDatabase::EmptyDatabase() {
  const std::string suffix = random_hex(16);
  if (testing_postgresql()) {
    admin_url_ = std::getenv("CRM_TEST_DATABASE");
    name_ = "crm_empty_" + suffix;
    db::Session admin(*db::parse_url(admin_url_));
    admin.sql() << "CREATE DATABASE " + name_;
    auto slash = admin_url_.rfind('/');
    url_ = *db::parse_url(admin_url_.substr(0, slash + 1) + name_);
  } else {
    dir_ = std::filesystem::temp_directory_path() / ("crm-empty-" + suffix);
    std::filesystem::create_directories(dir_);
    url_ = *db::parse_url("sqlite:" + (dir_ / "crm.db").string());
  }
}

EmptyDatabase::~EmptyDatabase() {
  if (!name_.empty()) {
    db::Session admin(*db::parse_url(admin_url_));
    admin.sql() << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
  }
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

std::string gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc == Z_OK);
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || zs.avail_in != 0) throw std::runtime_error("bad gzip data");
  return out;
}

}  // namespace crm::test
