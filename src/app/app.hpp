// The wiring of a running crm: the route table, the worker pools (each worker
// owns a database session and reconnects it when the server went away, see
// worker.hpp), the request pipeline (session, language, CSRF, second-factor
// gate, handler, headers) and the error pages. An http::Dispatcher for the
// server.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "app/worker.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/worker_pool.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "jobs/runner.hpp"
#include "mail/outbox.hpp"
#include "web/assets.hpp"
#include "web/context.hpp"

namespace crm::app {

using Router = http::Router<web::Ctx>;

// Every capability's routes, in one place (routes.cpp).
void register_routes(Router& r);

// Every kind of job and its handler, in one place (jobs.cpp). `mail` is how
// mail is sent (its SMTP settings; smtp.url empty: mail waits).
void register_jobs(jobs::Registry& r, const Config& config, const Catalogs& catalogs,
                   const web::Assets& assets, mail::SenderConfig mail,
                   mail::Transport transport = mail::send);

class App final : public http::Dispatcher {
 public:
  // REQUIRES: the database schema is current (main migrates first).
  App(const Config& config, db::Url url, const Catalogs& catalogs, const web::Assets& assets);
  ~App() override;

  bool dispatch(http::Request& req, Done done) override;
  void flush() override;
  bool accepts_files(const http::Request& head) override;
  http::Response error_page(int status, const http::Request& partial) override;
  void access_log(const http::Request& req, const http::Response& res, size_t bytes,
                  std::chrono::microseconds took) override;

  // Runs one request on the calling thread with the given session (tests).
  http::Response handle(http::Request& req, db::Session& db);
  // What the workers know about the database server (/healthz asks).
  const DatabaseHealth& database_health() const { return health_; }
  // Called after a request that enqueued a job (`crm serve`: wakes the job
  // runners). REQUIRES: set before the server starts; thread-safe to call.
  void on_jobs_enqueued(std::function<void()> wake) { wake_jobs_ = std::move(wake); }
  // This process's search index, which handlers reach through web::Ctx.
  // REQUIRES: set before the server starts; outlives the App.
  void set_search_index(search::Index* index) { search_ = index; }
  // Finishes queued requests and stops the workers.
  void shutdown();

 private:
  // A request on a worker: reconnects the worker's session when it was lost,
  // and runs a GET or HEAD once more when the connection turns out to have
  // gone before the request could use it. `queued`: how long it waited for a worker.
  http::Response serve(http::Request& req, const Router::Route* route,
                       const std::vector<std::string>& allowed, Worker& w,
                       std::chrono::steady_clock::duration queued);
  // `lost`: set when the request failed because the connection to the
  // database server is gone (answered 503).
  http::Response run(http::Request& req, const Router::Route* route,
                     const std::vector<std::string>& allowed, db::Session& db, bool* lost = nullptr,
                     std::chrono::steady_clock::duration queued = {});
  // 503 with Retry-After in the reader's language, made without the database.
  http::Response database_unreachable(http::Request& req, db::Session& db);
  // The request's figures (statements, time in the database, in the rest, in
  // the queue): on the access-log line always, as Server-Timing if set.
  void add_timing(http::Response& res, const db::StatementStats& stats,
                  std::chrono::steady_clock::duration total,
                  std::chrono::steady_clock::duration queued) const;
  std::string language_for(const http::Request& req) const;
  // The site's name in `language` (web::Ctx::site_name). The names are read
  // at most every kSiteNameSeconds, before a request's figures start (they
  // are the site's, not the page's): a renamed programme shows within that
  // time on every app server. Thread-safe.
  static constexpr int64_t kSiteNameSeconds = 300;
  std::string site_name(db::Session& db, const std::string& language, int64_t now);

  const Config& config_;
  db::Url url_;
  const Catalogs& catalogs_;
  const web::Assets& assets_;
  Router router_;
  DatabaseHealth health_;
  std::unique_ptr<WorkerPool<Worker>> pages_;
  std::unique_ptr<WorkerPool<Worker>> auth_;
  std::function<void()> wake_jobs_;
  search::Index* search_ = nullptr;
  std::mutex site_mu_;
  int64_t site_read_at_ = 0;                       // 0: never read
  std::map<std::string, std::string> site_names_;  // language → name
};

}  // namespace crm::app
