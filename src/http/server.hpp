// HTTP/1.1 server on Boost.Beast: one io_context per I/O thread, each with its
// own SO_REUSEPORT acceptor. The I/O threads only move bytes: they read a
// request within its limits, hand it to the Dispatcher (which runs the handler
// on a worker pool) and write the answer back.
//
// Thread safety: start() and stop() may be called from any thread; stop() is
// idempotent. Handlers never run on an I/O thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace crm::http {

struct Limits {
  size_t header_bytes = 16 * 1024;          // request line + headers; beyond: 431
  size_t body_bytes = 1024 * 1024;          // ordinary forms; beyond: 413
  size_t upload_bytes = 25 * 1024 * 1024;   // multipart/form-data bodies
  std::chrono::seconds header_timeout{10};  // whole header must arrive in this time (slowloris)
  std::chrono::seconds body_timeout{60};    // whole body must arrive in this time
  std::chrono::seconds idle_timeout{60};    // keep-alive connection without a request
  size_t max_connections = 10000;           // beyond: new connections get 503 and are closed
};

// Runs handlers off the I/O threads.
class Dispatcher {
 public:
  using Done = std::function<void(Response)>;
  virtual ~Dispatcher() = default;
  // Queues the request; `done` is called exactly once, on any thread, with the
  // answer. Returns false at once (without calling done) when the queue is full.
  virtual bool dispatch(Request req, Done done) = 0;
  // Error pages for failures found before a handler runs (400, 413, 431, 503).
  // Called on an I/O thread: must be cheap and must not touch the database.
  virtual Response error_page(int status, const Request& partial) = 0;
  // One access-log line per request.
  virtual void access_log(const Request& req, const Response& res, size_t bytes,
                          std::chrono::microseconds took) = 0;
};

class Server {
 public:
  // REQUIRES: dispatcher outlives the server.
  Server(Dispatcher& dispatcher, Limits limits);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (port 0 picks a free port, shared by all threads) and
  // starts `threads` I/O threads. Throws std::system_error when it cannot bind.
  void start(const std::string& host, unsigned short port, unsigned threads);
  unsigned short port() const;
  // Stops accepting, lets in-flight requests finish and be written, closes idle
  // connections, joins the I/O threads.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crm::http
