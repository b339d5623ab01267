#include "app/app.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "core/log.hpp"
#include "http/client_address.hpp"
#include "http/origin.hpp"
#include "programme/service.hpp"
#include "web/cookies.hpp"
#include "web/layout.hpp"

namespace crm::app {

namespace {

// Paths a signed-in admin or staff member may use before enrolling the
// second factor that their role requires.
bool allowed_before_enrolment(std::string_view path) {
  return path.starts_with("/account/2fa") || path == "/logout" || path == "/language" ||
         path == "/healthz";
}

// Pages a visitor may open without signing in. Deny by default: any other
// page sends a signed-out visitor to the login, which then brings them back
// (a link to /cohorts/3 from a mail), before its handler runs, so the answer
// says nothing about what exists. A page for visitors is added here.
bool open_to_visitors(const std::vector<std::string>& segments) {
  static constexpr std::string_view kOpen[] = {
      "",
      "language",
      "healthz",
      "login",
      "login/2fa",
      "logout",
      "password/forgot",
      "password/reset/{token}",
      "invite/{token}",
      // Applying: signing up and confirming the address (admissions/signup_service.hpp).
      "apply/signup",
      "apply/confirm/{token}",
      "programme",
      "programmes",
      "programmes/{id}",
      "verify",  // certificates: the public verification of a code
      "verify/{code}",
      // One-click unsubscribe from a mail (spaces/notification_routes.hpp):
      // the signed token is the key, no sign-in.
      "unsubscribe/{token}",
      "calendar/{token}",  // calendar apps send no cookie: the token in the path is the key
      // Answering a survey through its personal link: the token is the key.
      "s/{token}",
      "s/{token}/page/{n}",
      "s/{token}/done",
      // The knowledge base's list, search and feed: published works only,
      // unless the reader is staff (knowledge/policy.hpp).
      "knowledge",
      "knowledge/feed.atom",
      // publishing: a published work and a published curated resource, their
      // citations and files (what is not published answers 404)
      "knowledge/works/{file}",
      "knowledge/works/{id}/file",
      "knowledge/resources/{file}",
      "knowledge/resources/{id}/file",
      // Calls for applications: the open calls and a published call's page
      // (a draft answers 404).
      "calls",
      "calls/{id}",
  };
  std::string pattern;
  for (const auto& s : segments) pattern += (pattern.empty() ? "" : "/") + s;
  return std::find(std::begin(kOpen), std::end(kOpen), pattern) != std::end(kOpen);
}

// "/login?next=…": the login, then back to `target` (already percent-encoded).
// RFC 8058: a mail program posts "List-Unsubscribe=One-Click" to the link
// of the mail, from no page of ours and without a CSRF token; the signed
// token in the path is what authorises it, and it can only switch a kind of
// mail off.
bool one_click_unsubscribe(const std::vector<std::string>& segments) {
  return segments.size() == 2 && segments[0] == "unsubscribe" && segments[1] == "{token}";
}

std::string login_then(const std::string& target) {
  return "/login?" + http::encode_query(http::Fields{{{"next", target}}});
}

// The second line behind the CSRF token: what the browser says about where
// a POST comes from (http/origin.hpp).
bool post_from_own_origin(const http::Request& req, const Config& config) {
  bool https = config.tls || config.base_url.starts_with("https://");
  return http::from_own_origin({req.header("sec-fetch-site"), req.header("origin"),
                                req.header("host"), https ? "https" : "http", config.base_url});
}

std::string percent_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The 503 page while the database server cannot be reached.
constexpr const char* kDatabaseUnreachable =
    N_("crm cannot reach its database at the moment. Please try again in a minute.");

}  // namespace

App::App(const Config& config, db::Url url, const Catalogs& catalogs, const web::Assets& assets)
    : config_(config), url_(std::move(url)), catalogs_(catalogs), assets_(assets) {
  register_routes(router_);
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  unsigned workers = config_.workers ? config_.workers : 2 * cores;
  // Page workers run at nice 2: an I/O thread with bytes to move must not
  // wait behind page rendering, or every connection waits with it (on two
  // cores the dashboard's p99 at 64 connections went from 8 to 5 ms).
  auto factory = [this] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 2);
    return std::make_unique<Worker>(url_, health_);
  };
  // Between requests a worker whose connection is lost reconnects by itself.
  auto idle = [](Worker& w) { return w.tend(); };
  pages_ = std::make_unique<WorkerPool<Worker>>(workers, config_.queue, factory, idle);
  health_.on_lost([pool = pages_.get()] { pool->wake(); });
  // Password hashing is CPU-bound for ~150 ms: its threads run at a lower
  // priority, so on a small machine page rendering wins the CPU during a
  // storm of logins (Linux applies nice values per thread).
  auto auth_factory = [this] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
    return std::make_unique<Worker>(url_, health_);
  };
  auth_ = std::make_unique<WorkerPool<Worker>>(
      config_.auth_workers, std::max<size_t>(16, config_.queue / 8), auth_factory, idle);
  health_.on_lost([pool = auth_.get()] { pool->wake(); });
}

App::~App() {
  shutdown();
}

void App::shutdown() {
  if (pages_) pages_->shutdown();
  if (auth_) auth_->shutdown();
}

std::string App::language_for(const http::Request& req) const {
  if (auto c = req.cookie(web::kLanguageCookie); c && is_language(*c)) return std::string(*c);
  auto picked = pick_language(http::parse_accept_language(req.header("accept-language")));
  return picked.empty() ? "en" : picked;
}

bool App::dispatch(http::Request& req, Done done) {
  // Assets need no database: answer on the I/O thread.
  if (req.path.starts_with("/assets/") || req.path == web::kServiceWorkerPath) {
    if (auto res = assets_.serve(req)) {
      web::security_headers(*res, config_.tls);
      done(std::move(*res));
      return true;
    }
  }
  auto match = router_.match(req);
  auto& pool = match.route && match.route->pool == http::Pool::auth ? *auth_ : *pages_;
  const Router::Route* route = match.route;
  const auto queued = std::chrono::steady_clock::now();
  // The server flushes once per round of requests (one wake-up for all).
  return pool.submit_batched([this, &req, route, allowed = std::move(match.allowed),
                              done = std::move(done), queued](Worker& w) mutable {
    auto res = serve(req, route, allowed, w, std::chrono::steady_clock::now() - queued);
    // An upload's memory is given back before the answer goes on; the rest
    // of the request is the server's (access log, compression).
    req.form = {};
    std::string().swap(req.body);
    done(std::move(res));
  });
}

void App::flush() {
  pages_->flush();
  auth_->flush();
}

bool App::accepts_files(const http::Request& head) {
  http::Request probe;  // match() fills the path parameters
  probe.method = head.method;
  probe.path = head.path;
  auto match = router_.match(probe);
  return match.route && match.route->accepts_files;
}

http::Response App::handle(http::Request& req, db::Session& db) {
  if (req.path.starts_with("/assets/") || req.path == web::kServiceWorkerPath)
    if (auto res = assets_.serve(req)) {
      web::security_headers(*res, config_.tls);
      return *res;
    }
  auto match = router_.match(req);
  return run(req, match.route, match.allowed, db);
}

http::Response App::serve(http::Request& req, const Router::Route* route,
                          const std::vector<std::string>& allowed, Worker& w,
                          std::chrono::steady_clock::duration queued) {
  if (!w.ready()) return database_unreachable(req, w.db);
  bool lost = false;
  auto res = run(req, route, allowed, w.db, &lost, queued);
  if (!lost) return res;
  // A restart of the database server ends every session, also those of
  // workers that were idle: the first request of each finds its connection
  // gone. One that changes nothing is safe to run again once reconnected.
  if (w.lost() && (req.method == "GET" || req.method == "HEAD")) {
    lost = false;
    res = run(req, route, allowed, w.db, &lost, queued);
    if (lost) w.lost();
  }
  return res;
}

http::Response App::database_unreachable(http::Request& req, db::Session& db) {
  web::Ctx ctx{db, config_, catalogs_, assets_, Tr(catalogs_, language_for(req))};
  ctx.search = search_;
  ctx.path = req.path;
  ctx.target = http::encode_path(req.path);
  ctx.request_id = req.request_id;
  ctx.csrf = req.cookie(web::kCsrfCookie).value_or("");
  auto res = web::error_page(ctx, 503, kDatabaseUnreachable);
  res.set("Retry-After", "5");
  web::security_headers(res, config_.tls);
  return res;
}

http::Response App::run(http::Request& req, const Router::Route* route,
                        const std::vector<std::string>& allowed, db::Session& db, bool* lost,
                        std::chrono::steady_clock::duration queued) {
  const auto started = std::chrono::steady_clock::now();
  const auto now = static_cast<int64_t>(std::time(nullptr));
  std::string site = site_name(db, "", now);  // reads the names when due, before the figures
  db.sql().reset_stats();
  web::Ctx ctx{db, config_, catalogs_, assets_, Tr(catalogs_, "en")};
  ctx.search = search_;
  ctx.workers_connected = health_.every_worker_connected();
  ctx.now = now;
  ctx.path = req.path;
  ctx.target = http::encode_path(req.path);
  if (!req.query.items.empty()) ctx.target += "?" + http::encode_query(req.query);
  ctx.remote_address = http::client_address(req, config_.trusted_proxies);
  ctx.request_id = req.request_id;
  http::Response res;
  try {
    ctx.pending_account =
        auth::load_session(ctx, req.cookie(web::kSessionCookie), req.header("user-agent"));
    // The language picked in this browser (the header's switcher) comes
    // first; else the account's; else what the browser asks for.
    auto picked = req.cookie(web::kLanguageCookie);
    std::string language = picked && is_language(*picked) ? std::string(*picked)
                           : ctx.actor.signed_in()        ? ctx.actor.language
                                                          : language_for(req);
    ctx.tr = Tr(catalogs_, language, ctx.actor.signed_in() ? ctx.actor.time_zone : "UTC");
    ctx.site_name = site_name(db, language, now);
    // Anonymous forms carry a token bound to a cookie (double submit); a
    // session's forms carry the session's token.
    std::string anon_csrf(req.cookie(web::kCsrfCookie).value_or(""));
    if (ctx.csrf.empty()) {
      if (anon_csrf.size() < 20 || anon_csrf.size() > 100) {
        anon_csrf = auth::random_token();
        ctx.set_cookies.push_back(web::cookie(config_, web::kCsrfCookie, anon_csrf, -1));
      }
      ctx.csrf = anon_csrf;
    }
    if (auto f = req.cookie(web::kFlashCookie); f && f->size() > 2) {
      auto decoded = http::percent_decode(f->substr(2), false);
      if (decoded && http::valid_utf8(*decoded))
        ctx.flash = web::Flash{f->front() == 'e' ? "error" : "ok", *decoded};
    }
    if (!route) {
      res = web::error_page(ctx, allowed.empty() ? 404 : 405);
      if (!allowed.empty()) res.set("Allow", fmt::format("{}", fmt::join(allowed, ", ")));
    } else if (req.method == "POST" && !one_click_unsubscribe(route->segments) &&
               (!auth::constant_time_equal(req.form.fields.value("csrf"), ctx.csrf) ||
                !post_from_own_origin(req, config_))) {
      res = web::error_page(ctx, 403);
    } else if (!ctx.actor.signed_in() && !ctx.pending_account &&
               (req.method == "GET" || req.method == "HEAD") &&
               !open_to_visitors(route->segments)) {
      res = http::redirect(login_then(ctx.target));
    } else if (ctx.pending_account && req.path != "/login/2fa" && req.path != "/logout" &&
               req.path != "/language") {
      res = http::redirect("/login/2fa");
    } else if (ctx.actor.signed_in() && auth::policy::needs_second_factor(ctx.actor.role) &&
               !ctx.actor.totp_enabled && !allowed_before_enrolment(req.path)) {
      res = http::redirect("/account/2fa");
    } else {
      // A page that only reads sees one snapshot of the data, and SQLite
      // takes its locks once per page rather than once per statement.
      std::optional<db::ReadSnapshot> snapshot;
      if (req.method == "GET" || req.method == "HEAD") snapshot.emplace(db);
      res = route->handler(req, ctx);
    }
  } catch (const std::exception& e) {
    ctx.set_cookies.clear();
    // The transaction rolled back: nothing of the request was saved.
    if (db::connection_lost(e)) {
      // The database server went away (restart, network): the worker
      // reconnects (serve); until then every request is answered this way.
      log::error(fmt::format("event=database_unreachable request_id={} path={} detail={}",
                             req.request_id, log::value(req.path), log::value(e.what())));
      if (lost) *lost = true;
      res = web::error_page(ctx, 503, kDatabaseUnreachable);
      res.set("Retry-After", "5");
    } else {
      switch (db::fault_of(e)) {
        case db::Fault::storage_full:
          log::error(fmt::format("event=storage_full request_id={} path={} detail={}",
                                 req.request_id, log::value(req.path), log::value(e.what())));
          res = web::error_page(ctx, 503,
                                N_("The server's storage is full, so nothing was saved. The team "
                                   "has been told; please try again later."));
          res.set("Retry-After", "300");
          break;
        case db::Fault::busy:
          log::error(fmt::format("event=database_busy request_id={} path={}", req.request_id,
                                 log::value(req.path)));
          res = web::error_page(ctx, 503);
          res.set("Retry-After", "5");
          break;
        case db::Fault::other:
          log::error(fmt::format("event=handler_exception request_id={} path={} detail={}",
                                 req.request_id, log::value(req.path), log::value(e.what())));
          res = web::error_page(ctx, 500);
      }
    }
  }
  // A message is used up only by a page that shows it: a redirect (e.g. to
  // the second-factor enrolment) passes it on to the page it leads to.
  bool redirect = res.status >= 300 && res.status < 400;
  if (ctx.flash && !ctx.next_flash && !redirect)
    ctx.set_cookies.push_back(web::cookie(config_, web::kFlashCookie, "", 0));
  if (ctx.next_flash)
    ctx.set_cookies.push_back(web::cookie(
        config_, web::kFlashCookie,
        (ctx.next_flash->kind == "error" ? "e:" : "o:") + percent_encode(ctx.next_flash->message),
        60));
  // Answers made before a handler runs (413, 431 …) know only the cookie: a
  // browser that has picked no language gets the signed-in account's. Only a
  // language to keep is set: a login knows the account but not yet its
  // language. A language picked in this browser stays.
  auto cookie_language = req.cookie(web::kLanguageCookie);
  if (ctx.actor.signed_in() && is_language(ctx.actor.language) &&
      !(cookie_language && is_language(*cookie_language)) &&
      std::none_of(ctx.set_cookies.begin(), ctx.set_cookies.end(), [](const std::string& c) {
        return c.starts_with(std::string(web::kLanguageCookie) + "=");
      }))
    ctx.set_cookies.push_back(
        web::cookie(config_, web::kLanguageCookie, ctx.actor.language, 31536000));
  try {
    for (auto& c : ctx.set_cookies) res.add("Set-Cookie", std::move(c));
  } catch (const http::BadHeader& e) {
    // A cookie that must not be sent is a bug: logged, and a 500 instead.
    log::error(fmt::format("event=bad_response_header request_id={} path={} detail={}",
                           req.request_id, log::value(req.path), log::value(e.what())));
    res = web::error_page(ctx, 500);
  }
  web::security_headers(res, config_.tls);
  // The handler's transaction has committed: the job can be claimed now.
  if (ctx.jobs_enqueued && wake_jobs_) wake_jobs_();
  add_timing(res, db.sql().stats(), std::chrono::steady_clock::now() - started, queued);
  return res;
}

std::string App::site_name(db::Session& db, const std::string& language, int64_t now) {
  std::lock_guard lock(site_mu_);
  if (site_read_at_ == 0 || now - site_read_at_ >= kSiteNameSeconds) {
    site_read_at_ = now;
    try {
      site_names_ = programme::site_names(db);
    } catch (const std::exception& e) {
      // The site's name is no reason to fail a page: "crm" until the next read.
      site_names_.clear();
      log::error(fmt::format("event=site_name_unread detail={}", log::value(e.what())));
    }
  }
  if (language.empty()) return "";
  auto it = site_names_.find(language);
  if (it == site_names_.end()) it = site_names_.find("en");
  return it == site_names_.end() ? "" : it->second;
}

void App::add_timing(http::Response& res, const db::StatementStats& stats,
                     std::chrono::steady_clock::duration total,
                     std::chrono::steady_clock::duration queued) const {
  using ms = std::chrono::duration<double, std::milli>;
  const double db_ms = ms(stats.time).count();
  const double app_ms = std::max(0.0, ms(total).count() - db_ms);
  const double queue_ms = ms(queued).count();
  // Formatted only for a log that is written (access_log skips "quiet").
  if (config_.log != "quiet")
    res.log_fields = fmt::format("statements={} db_ms={:.3f} app_ms={:.3f} queue_ms={:.3f}",
                                 stats.statements, db_ms, app_ms, queue_ms);
  // Numbers and fixed words only: nothing of the request goes into it.
  if (config_.server_timing)
    res.set("Server-Timing",
            fmt::format("db;dur={:.3f};desc=\"{} statements\", app;dur={:.3f}, queue;dur={:.3f}",
                        db_ms, stats.statements, app_ms, queue_ms));
}

http::Response App::error_page(int status, const http::Request& partial) {
  Tr tr(catalogs_, language_for(partial));
  auto res = web::bare_error_page(tr, assets_, status, partial.request_id);
  web::security_headers(res, config_.tls);
  return res;
}

namespace {

// Paths with a secret after their first segment — a token that accepts an
// invitation, resets a password, reads someone's calendar or answers their
// survey (/s/{token}/page/{n}), a certificate's code — keep
// their route in the log but not the secret: whoever reads the logs must not
// be able to use them.
std::string path_for_log(std::string_view path) {
  static constexpr std::string_view kSecretAfter[] = {"/invite/", "/password/reset/", "/calendar/",
                                                      "/verify/", "/s/"};
  for (std::string_view prefix : kSecretAfter)
    if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix)
      return std::string(prefix) + "[secret]";
  return std::string(path);
}

}  // namespace

void App::access_log(const http::Request& req, const http::Response& res, size_t bytes,
                     std::chrono::microseconds took) {
  if (config_.log == "quiet") return;
  log::info(fmt::format(
      "method={} path={} status={} bytes={} us={} id={} remote={}{}{}", log::value(req.method),
      log::value(path_for_log(req.path.empty() ? req.target : req.path)), res.status, bytes,
      took.count(), req.request_id, http::client_address(req, config_.trusted_proxies),
      res.log_fields.empty() ? "" : " ", res.log_fields));
}

}  // namespace crm::app
