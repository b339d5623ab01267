// HTTP/1.1 server on Boost.Beast: one io_context per I/O thread, each with its
// own SO_REUSEPORT acceptor. The I/O threads only move bytes: they read a
// request within its limits, hand it to the Dispatcher (which runs the handler
// on a worker pool) and write the answer back.
//
// Reading a request: the header (Limits::header_bytes, header_timeout) is
// checked as raw bytes first (no obs-fold, CRLF only) and then parsed; a
// Transfer-Encoding other than `chunked` alone is refused (400). Then the
// Dispatcher says whether the route takes files, which decides the body limit
// before any of the body is read (413 at once when Content-Length is above
// it); an upload larger than body_bytes also needs one of max_uploads
// places (503 at once otherwise). No header with a control character is ever
// written: Response refuses it, and the server checks again before writing.
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
  size_t upload_bytes = 48 * 1024 * 1024;   // multipart/form-data bodies: a post's four
                                            // 10 MB photos and its text fit
  std::chrono::seconds header_timeout{10};  // whole header must arrive in this time (slowloris)
  std::chrono::seconds body_timeout{60};    // whole body must arrive in this time
  std::chrono::seconds idle_timeout{60};    // keep-alive connection without a request
  size_t max_connections = 10000;           // beyond: new connections get 503 and are closed
  std::chrono::seconds shutdown_grace{10};  // on stop: time for requests in flight, then
                                            // what is left (a client stuck mid-body) is closed
  // Uploads larger than body_bytes read (and handled) at the same time; beyond:
  // 503 at once, before the body is read. Bounds the memory a flood takes.
  size_t max_uploads = 4;
};

// Runs handlers off the I/O threads.
class Dispatcher {
 public:
  using Done = std::function<void(Response)>;
  virtual ~Dispatcher() = default;
  // Queues the request; `done` is called exactly once, on any thread, with the
  // answer. Returns false at once (without calling done) when the queue is full.
  // A queued request may wait for the next flush() before a worker wakes for it.
  // `req` stays the server's and lives until `done` is called (nothing of it
  // is copied); the dispatcher may fill its params and let go of its body and
  // form (an upload's memory) before the answer, and must not touch it after
  // calling `done`.
  virtual bool dispatch(Request& req, Done done) = 0;
  // Wakes workers for what dispatch() queued since the last call. An I/O
  // thread calls it once after each round of requests it has read (every
  // socket that was ready), so a round costs one wake-up, not one per
  // request. Called on an I/O thread: must be cheap.
  virtual void flush() = 0;
  // Whether the route `head` goes to takes file uploads (multipart bodies up
  // to Limits::upload_bytes; others have Limits::body_bytes). Asked once the
  // header is read, before any of the body: `head` has the method, target,
  // path, query, headers and cookies. Called on an I/O thread: must be cheap
  // and must not touch the database.
  virtual bool accepts_files(const Request& head) = 0;
  // Error pages for failures found before a handler runs (400, 413, 431, 503),
  // and the 500 that replaces a response with a header that must not be sent.
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
