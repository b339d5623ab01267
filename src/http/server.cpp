#include "http/server.hpp"

#include <fmt/format.h>
#include <malloc.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "core/log.hpp"
#include "http/compress.hpp"

// tcmalloc's, when it is linked in (the release binary); null otherwise.
extern "C" void MallocExtension_ReleaseFreeMemory() __attribute__((weak));

namespace crm::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

namespace {

// The head of a request as handlers see it: method, target, percent-decoded
// path, query, headers (names lower-cased) and cookies. False when the target
// or the query cannot be read (400).
template <class Header>
bool to_head(const Header& msg, Request& req) {
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  for (const auto& [k, v] : req.headers)
    if (k == "cookie")
      for (auto& c : parse_cookies(v)) req.cookies.push_back(std::move(c));
  std::string_view target = req.target;
  if (target.empty() || target.front() != '/') return false;
  auto q = target.find('?');
  auto path = percent_decode(target.substr(0, q), false);
  if (!path || !valid_utf8(*path) || path->find('\0') != std::string::npos) return false;
  req.path = std::move(*path);
  if (q != std::string_view::npos) {
    auto fields = parse_urlencoded(target.substr(q + 1));
    if (!fields) return false;
    req.query = std::move(fields.value());
  }
  return true;
}

// RFC 9112 6.1: the only transfer coding read is chunked on its own, in one
// field, and not in HTTP/1.0 (where it would be a framing error).
template <class Header>
bool acceptable_transfer_encoding(const Header& msg) {
  int fields = 0;
  for (const auto& f : msg)
    if (f.name() == bhttp::field::transfer_encoding && (++fields > 1 || !chunked_only(f.value())))
      return false;
  return fields == 0 || msg.version() >= 11;
}

// Adds the body to the head: form fields for urlencoded and multipart POSTs
// (whose raw body is then let go, so an upload is not held twice). False when
// the form cannot be read (400).
bool add_body(std::string&& body, Request& req) {
  req.body = std::move(body);
  if (req.method != "POST") return true;
  auto type = media_type(req.header("content-type"));
  if (type == "application/x-www-form-urlencoded") {
    auto fields = parse_urlencoded(req.body);
    if (!fields) return false;
    req.form.fields = std::move(fields.value());
    std::string().swap(req.body);
  } else if (type == "multipart/form-data") {
    auto form = parse_multipart(req.body, req.header("content-type"));
    if (!form) return false;
    req.form = std::move(form.value());
    std::string().swap(req.body);
  }
  return true;
}

// RFC 9110 6.4.1: 1xx, 204 and 304 answers never have a body.
bool has_body(int status) {
  return status >= 200 && status != 204 && status != 304;
}

// The status line and header block written for `res` (RFC 9112 4, 5, 6): its
// fields in order (several Set-Cookie included), then the framing, which is
// the server's alone: Content-Length of the body (none where there is never
// a body) and Connection: close unless kept alive. Framing fields a response
// carries itself are left out. Written by hand: Beast's serializer walked
// every field through several layers of buffer views per request.
std::string wire_head(const Response& res, bool keep_alive) {
  size_t size = 64;
  for (const auto& [k, v] : res.headers()) size += k.size() + v.size() + 4;
  std::string out;
  out.reserve(size);
  char number[24];
  auto append_number = [&](size_t n) {
    auto [end, ec] = std::to_chars(number, number + sizeof number, n);
    out.append(number, end);
  };
  out += "HTTP/1.1 ";
  append_number(static_cast<size_t>(res.status));
  out += ' ';
  out += bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(res.status)));
  out += "\r\n";
  for (const auto& [k, v] : res.headers()) {
    if (beast::iequals(k, "content-length") || beast::iequals(k, "transfer-encoding") ||
        beast::iequals(k, "connection"))
      continue;
    out += k;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  if (has_body(res.status)) {
    out += "Content-Length: ";
    append_number(res.body.size());
    out += "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  return out;
}

// Gives the memory that large bodies took back to the system once none is in
// flight: the release binary's tcmalloc keeps freed pages otherwise (an upload
// flood left crm at its peak), glibc keeps them in its arenas.
void release_free_memory() {
  if (MallocExtension_ReleaseFreeMemory)
    MallocExtension_ReleaseFreeMemory();
  else
    malloc_trim(0);
}

// One of a bounded number of places for uploads; given back when destroyed,
// and the last one out gives the memory back.
class Place {
 public:
  Place() = default;
  Place(const Place&) = delete;
  Place& operator=(const Place&) = delete;
  ~Place() { release(); }
  // Gives the place back now (idempotent).
  void release() {
    if (count_ && --*count_ == 0) release_free_memory();
    count_ = nullptr;
  }
  bool take(std::atomic<size_t>& count, size_t max) {
    if (++count > max) {
      --count;
      return false;
    }
    count_ = &count;
    return true;
  }

 private:
  std::atomic<size_t>* count_ = nullptr;
};

// Over-the-limit connections that get a 503 page in their own language (their
// header is read first); beyond this many at once, an English page at once.
constexpr size_t kBusyAnswers = 64;
// Requests an I/O thread dispatches before it flushes (wakes workers) even
// if its round of ready connections is not over.
constexpr unsigned kFlushEvery = 16;
constexpr std::chrono::seconds kBusyHeaderTimeout{2};

}  // namespace

struct Server::Impl {
  struct Connection {
    beast::tcp_stream stream;
    bool idle = true;  // waiting for (the rest of) a request header
    explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  };
  struct IoThread {
    asio::io_context ioc{1};
    std::optional<tcp::acceptor> acceptor;
    std::unordered_set<Connection*> connections;  // touched only on this thread
    std::thread thread;
    bool flush_posted = false;  // a Dispatcher::flush() is queued on this thread
    unsigned unflushed = 0;     // requests dispatched since the last flush
  };

  Dispatcher& dispatcher;
  Limits limits;
  std::vector<std::unique_ptr<IoThread>> threads;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> open_connections{0};
  std::atomic<bool> accept_failing{false};  // accept() fails (e.g. out of file descriptors)
  std::atomic<size_t> uploads{0};           // uploads above body_bytes being read or handled
  std::atomic<size_t> busy_answers{0};      // busy() coroutines running
  std::atomic<uint64_t> request_counter{0};
  uint64_t id_prefix = 0;
  unsigned short bound_port = 0;
  std::once_flag stopped;

  Impl(Dispatcher& d, Limits l) : dispatcher(d), limits(l) {
    id_prefix = static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) &
                0xffffffff;
  }

  // After the handlers of every socket that was ready when the thread last
  // polled (they are queued already; this goes behind them), once.
  void flush_later(IoThread& t) {
    // A long round (hundreds of connections ready at once) gets workers
    // going before its end.
    if (++t.unflushed >= kFlushEvery) {
      t.unflushed = 0;
      dispatcher.flush();
      return;
    }
    if (t.flush_posted) return;
    t.flush_posted = true;
    asio::post(t.ioc, [this, &t] {
      t.flush_posted = false;
      t.unflushed = 0;
      dispatcher.flush();
    });
  }

  // Hands `req` to the dispatcher and resumes on this thread with
  // (queued, answer); false at once when the queue is full. `req` stays in
  // the caller's frame, which waits here: nothing of it is copied.
  template <class Token>
  auto async_dispatch(IoThread& t, Request& req, Token&& token) {
    return asio::async_initiate<Token, void(bool, Response)>(
        [this, &t, &req](auto handler) {
          auto ex = asio::get_associated_executor(handler);
          using H = decltype(handler);
          struct Pending {
            H handler;
            asio::executor_work_guard<decltype(ex)> work;
            const Request& req;
            Response res;
          };
          // One allocation per request; the callback holds only its address.
          auto* p = new Pending{std::move(handler), asio::make_work_guard(ex), req, {}};
          auto resume = [](Pending* p, bool queued) {
            std::unique_ptr<Pending> owned(p);
            auto handler = std::move(owned->handler);
            auto res = std::move(owned->res);
            owned.reset();  // the work guard goes before the coroutine resumes
            std::move(handler)(queued, std::move(res));
          };
          bool queued = dispatcher.dispatch(req, [p, resume](Response res) {
            // On the worker: the I/O thread only moves bytes.
            encode(res, p->req);
            p->res = std::move(res);
            auto ex = p->work.get_executor();
            asio::post(ex, [p, resume] { resume(p, true); });
          });
          if (queued)
            flush_later(t);
          else
            asio::post(ex, [p, resume] { resume(p, false); });
        },
        token);
  }

  asio::awaitable<void> write(Connection& c, Response res, const Request& head, bool keep_alive,
                              std::chrono::steady_clock::time_point started) {
    // Response::set/add already refuse such headers; this is the last guard
    // before the bytes go out, whatever built the response.
    if (!headers_valid(res)) {
      log::error(fmt::format("event=bad_response_header request_id={} path={} status={}",
                             head.request_id, log::value(head.path), res.status));
      res = dispatcher.error_page(500, head);
      keep_alive = false;
    }
    size_t bytes = has_body(res.status) ? res.body.size() : 0;
    auto wire = wire_head(res, keep_alive);
    // HEAD: the header a GET would get (its Content-Length), no body.
    if (head.method == "HEAD") bytes = 0;
    std::array<asio::const_buffer, 2> out{asio::buffer(wire), asio::buffer(res.body.data(), bytes)};
    c.stream.expires_after(limits.body_timeout);
    co_await asio::async_write(c.stream, out, kTuple);
    auto took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    res.body.clear();
    dispatcher.access_log(head, res, head.method == "HEAD" ? 0 : bytes, took);
  }

  // Answers an error found before any handler ran, then closes.
  asio::awaitable<void> refuse(Connection& c, int status, Request& head,
                               std::chrono::steady_clock::time_point started) {
    if (head.request_id.empty()) head.request_id = next_request_id();
    if (head.method.empty()) head.method = "GET";
    auto res = dispatcher.error_page(status, head);
    if (status == 503) res.set("Retry-After", "1");
    co_await write(c, std::move(res), head, false, started);
  }

  std::string next_request_id() {
    char buf[32];
    auto n =
        std::snprintf(buf, sizeof buf, "%08llx%08llx", static_cast<unsigned long long>(id_prefix),
                      static_cast<unsigned long long>(++request_counter));
    return std::string(buf, static_cast<size_t>(n));
  }

  enum class Head { ok, gone, too_large, bad };

  // Reads a request header into `parser`. The raw lines are checked before
  // Beast sees them, since its parser joins obs-folded lines into one value.
  // gone: the peer closed or the stream's deadline passed (no answer is due).
  template <class Parser>
  asio::awaitable<Head> read_head(Connection& c, beast::flat_buffer& buffer, Parser& parser) {
    size_t scanned = 0;
    for (;;) {
      std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
      auto end = data.find("\r\n\r\n", scanned > 3 ? scanned - 3 : 0);
      auto block = data.substr(0, end == std::string_view::npos ? data.size() : end + 4);
      // The lines so far are checked as they come, so a bare LF is refused at
      // once rather than waited on until the timeout.
      auto lines =
          block.substr(0, end == std::string_view::npos ? block.rfind('\n') + 1 : block.size());
      if (!plain_header_block(lines)) co_return Head::bad;
      if (block.size() > limits.header_bytes) co_return Head::too_large;
      if (end != std::string_view::npos) {
        boost::system::error_code ec;
        auto used = parser.put(asio::buffer(block.data(), block.size()), ec);
        buffer.consume(used);
        if (ec == bhttp::error::header_limit) co_return Head::too_large;
        if (ec || !parser.is_header_done()) co_return Head::bad;
        co_return Head::ok;
      }
      scanned = data.size();
      auto [ec, n] = co_await c.stream.async_read_some(buffer.prepare(4096), kTuple);
      if (ec) co_return Head::gone;
      buffer.commit(n);
    }
  }

  asio::awaitable<void> session(IoThread& t, tcp::socket socket) {
    Connection c(std::move(socket));
    t.connections.insert(&c);
    std::string remote;
    {
      boost::system::error_code ec;
      auto ep = c.stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<uint32_t>(limits.header_bytes));
      parser.body_limit(boost::none);  // depends on the route: set once the header is read
      c.idle = true;
      if (!first && buffer.size() == 0) {
        // Between requests a client may wait up to the idle timeout; once it
        // starts one, the whole header has the header timeout (slowloris).
        c.stream.expires_after(limits.idle_timeout);
        auto [iec, in] = co_await c.stream.async_read_some(buffer.prepare(4096), kTuple);
        if (iec) break;
        buffer.commit(in);
      }
      c.stream.expires_after(limits.header_timeout);
      first = false;
      auto read = co_await read_head(c, buffer, parser);
      auto started = std::chrono::steady_clock::now();
      c.idle = false;
      Request req;
      req.remote_address = remote;
      if (read != Head::ok) {
        if (read == Head::too_large) co_await refuse(c, 431, req, started);
        if (read == Head::bad) co_await refuse(c, 400, req, started);
        break;
      }
      // From here the header has arrived; the body has its own deadline.
      c.stream.expires_after(limits.body_timeout);
      req.request_id = next_request_id();
      const auto& msg = parser.get();
      if (!to_head(msg.base(), req) || !acceptable_transfer_encoding(msg.base())) {
        req.method = std::string(msg.method_string());
        co_await refuse(c, 400, req, started);
        break;
      }
      // The route decides the body limit, before any of the body is read.
      bool upload = media_type(req.header("content-type")) == "multipart/form-data" &&
                    dispatcher.accepts_files(req);
      size_t limit = upload ? limits.upload_bytes : limits.body_bytes;
      auto length = parser.content_length();
      if (length && *length > limit) {
        co_await refuse(c, 413, req, started);
        break;
      }
      Place upload_place;
      if (upload && !parser.is_done() && (!length || *length > limits.body_bytes) &&
          !upload_place.take(uploads, limits.max_uploads)) {
        co_await refuse(c, 503, req, started);
        break;
      }
      parser.body_limit(limit);
      if (!parser.is_done()) {
        if (beast::iequals(msg[bhttp::field::expect], "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
          auto [wec, wn] = co_await bhttp::async_write(c.stream, cont, kTuple);
          (void)wn;
          if (wec) break;
        }
        auto [rec, rn] = co_await bhttp::async_read(c.stream, buffer, parser, kTuple);
        (void)rn;
        if (rec) {
          if (rec == bhttp::error::body_limit)
            co_await refuse(c, 413, req, started);
          else if (rec != beast::error::timeout && rec != bhttp::error::end_of_stream &&
                   rec != bhttp::error::partial_message && rec != asio::error::operation_aborted)
            co_await refuse(c, 400, req, started);
          break;
        }
      }
      bool keep_alive = parser.get().keep_alive();
      if (!add_body(std::move(parser.release().body()), req)) {
        co_await refuse(c, 400, req, started);
        break;
      }
      auto [queued, res] = co_await async_dispatch(t, req, asio::use_awaitable);
      // The upload is handled: its place is free before the answer leaves,
      // so a client that has read the answer finds the place free.
      upload_place.release();
      if (!queued) {
        res = dispatcher.error_page(503, req);
        res.set("Retry-After", "1");
      }
      keep_alive = keep_alive && !stopping;
      co_await write(c, std::move(res), req, keep_alive, started);
      if (!keep_alive) break;
    }
    boost::system::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    t.connections.erase(&c);
    --open_connections;
  }

  // A connection beyond max_connections: a short 503 page with the security
  // headers, in the language its header asks for when that arrives within a
  // moment, then closed.
  asio::awaitable<void> busy(IoThread& t, tcp::socket socket) {
    Connection c(std::move(socket));
    t.connections.insert(&c);
    beast::flat_buffer buffer;
    bhttp::request_parser<bhttp::empty_body> parser;
    parser.header_limit(static_cast<uint32_t>(limits.header_bytes));
    // Not the stream's own deadline: that would close the socket, and the
    // answer is due all the same.
    c.stream.expires_never();
    asio::steady_timer timer(
        t.ioc, std::min<std::chrono::seconds>(limits.header_timeout, kBusyHeaderTimeout));
    timer.async_wait([&c](boost::system::error_code ec) {
      boost::system::error_code ignored;
      if (!ec) c.stream.socket().cancel(ignored);
    });
    auto read = co_await read_head(c, buffer, parser);
    timer.cancel();
    Request head;
    if (read == Head::ok) {
      const auto& msg = parser.get();
      head.method = std::string(msg.method_string());
      head.target = std::string(msg.target());
      for (const auto& f : msg)
        if (f.name() == bhttp::field::accept_language)
          head.headers.emplace_back("accept-language", std::string(f.value()));
        else if (f.name() == bhttp::field::cookie)
          for (auto& ck : parse_cookies(f.value())) head.cookies.push_back(std::move(ck));
    }
    co_await refuse(c, 503, head, std::chrono::steady_clock::now());
    boost::system::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    t.connections.erase(&c);
    --busy_answers;
  }

  // What a connection beyond every limit gets, without waiting for anything.
  void busy_now(tcp::socket& socket) {
    Request head;
    head.method = "GET";
    head.request_id = next_request_id();
    auto res = dispatcher.error_page(503, head);
    res.set("Retry-After", "1");
    res.status = 503;
    auto wire = wire_head(res, false);
    std::array<asio::const_buffer, 2> out{asio::buffer(wire), asio::buffer(res.body)};
    boost::system::error_code ignored;
    asio::write(socket, out, ignored);
    socket.close(ignored);
  }

  asio::awaitable<void> accept_loop(IoThread& t) {
    for (;;) {
      auto [ec, socket] = co_await t.acceptor->async_accept(kTuple);
      if (stopping || !t.acceptor->is_open()) co_return;
      if (ec) {
        // Out of file descriptors and similar: said once per run of failures,
        // then back off instead of spinning.
        if (!accept_failing.exchange(true))
          log::error(fmt::format("event=accept_failed detail={} open_connections={}",
                                 log::value(ec.message()), open_connections.load()));
        asio::steady_timer timer(t.ioc, std::chrono::milliseconds(20));
        co_await timer.async_wait(kTuple);
        continue;
      }
      if (accept_failing.exchange(false)) log::info("event=accept_recovered");
      if (++open_connections > limits.max_connections) {
        --open_connections;
        if (++busy_answers <= kBusyAnswers) {
          asio::co_spawn(t.ioc, busy(t, std::move(socket)), asio::detached);
        } else {
          --busy_answers;
          busy_now(socket);
        }
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      asio::co_spawn(t.ioc, session(t, std::move(socket)), asio::detached);
    }
  }
};

Server::Server(Dispatcher& dispatcher, Limits limits)
    : impl_(std::make_unique<Impl>(dispatcher, limits)) {}

Server::~Server() {
  stop();
}

void Server::start(const std::string& host, unsigned short port, unsigned threads) {
  if (threads == 0) threads = 1;
  auto address = asio::ip::make_address(host);
  for (unsigned i = 0; i < threads; ++i) {
    auto t = std::make_unique<Impl::IoThread>();
    tcp::endpoint ep(address, i == 0 ? port : impl_->bound_port);
    t->acceptor.emplace(t->ioc);
    t->acceptor->open(ep.protocol());
    t->acceptor->set_option(asio::socket_base::reuse_address(true));
    t->acceptor->set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
    t->acceptor->bind(ep);
    t->acceptor->listen(asio::socket_base::max_listen_connections);
    if (i == 0) impl_->bound_port = t->acceptor->local_endpoint().port();
    impl_->threads.push_back(std::move(t));
  }
  for (auto& t : impl_->threads) {
    asio::co_spawn(t->ioc, impl_->accept_loop(*t), asio::detached);
    t->thread = std::thread([io = t.get()] { io->ioc.run(); });
  }
}

unsigned short Server::port() const {
  return impl_->bound_port;
}

void Server::stop() {
  std::call_once(impl_->stopped, [this] {
    impl_->stopping = true;
    for (auto& t : impl_->threads) {
      asio::post(t->ioc, [io = t.get()] {
        boost::system::error_code ignored;
        if (io->acceptor) io->acceptor->close(ignored);
        // Connections waiting for a request are closed; those with a request
        // in a handler finish it, write the answer and then close.
        for (auto* c : io->connections)
          if (c->idle) c->stream.socket().cancel(ignored);
      });
    }
    // A client stuck mid-body would hold the stop for the whole body timeout:
    // after the grace period whatever is still open is closed.
    const auto deadline = std::chrono::steady_clock::now() + impl_->limits.shutdown_grace;
    while (impl_->open_connections > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (impl_->open_connections > 0) {
      log::info(
          fmt::format("event=stop_closing_connections count={}", impl_->open_connections.load()));
      for (auto& t : impl_->threads)
        asio::post(t->ioc, [io = t.get()] {
          boost::system::error_code ignored;
          for (auto* c : io->connections) c->stream.socket().close(ignored);
        });
    }
    for (auto& t : impl_->threads)
      if (t->thread.joinable()) t->thread.join();
  });
}

}  // namespace crm::http
