// The wiring of a running crm: the route table, the worker pools (each worker
// owns a database session), the request pipeline (session, language, CSRF,
// second-factor gate, handler, headers) and the error pages. An
// http::Dispatcher for the server.
#pragma once

#include <memory>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/worker_pool.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "web/assets.hpp"
#include "web/context.hpp"

namespace crm::app {

using Router = http::Router<web::Ctx>;

// Every capability's routes, in one place (routes.cpp).
void register_routes(Router& r);

struct Worker {
  explicit Worker(const db::Url& url) : db(url) {}
  db::Session db;
};

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
  // Finishes queued requests and stops the workers.
  void shutdown();

 private:
  http::Response run(http::Request& req, const Router::Route* route,
                     const std::vector<std::string>& allowed, db::Session& db);
  std::string language_for(const http::Request& req) const;

  const Config& config_;
  db::Url url_;
  const Catalogs& catalogs_;
  const web::Assets& assets_;
  Router router_;
  std::unique_ptr<WorkerPool<Worker>> pages_;
  std::unique_ptr<WorkerPool<Worker>> auth_;
};

}  // namespace crm::app
