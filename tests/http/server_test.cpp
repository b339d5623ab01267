// What the HTTP server promises: HEAD, keep-alive, error pages in the
// visitor's language, 405/413/431/400, timeouts against slow clients, the
// connection limit, security headers, assets, health check, graceful stop.
#include <sodium.h>
#include <zlib.h>

#include <atomic>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "auth/tokens.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(CRM_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void expect_security_headers(const HttpResponse& r, const std::string& what) {
  SCOPED_TRACE(what);
  auto csp = r.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
}

// A chunked body of two 40,000-byte chunks: its size shows only while it is read.
std::string two_big_chunks() {
  std::string chunk(40000, 'a');
  char size[16];
  std::snprintf(size, sizeof size, "%zx", chunk.size());
  const std::string one = std::string(size) + "\r\n" + chunk + "\r\n";
  return one + one + "0\r\n\r\n";
}

// One raw request on its own connection; the answer, or a failed expectation.
HttpResponse raw(unsigned short port, const std::string& request, bool* closed = nullptr) {
  RawConnection c(port);
  c.send(request);
  auto res = c.read_response(10s);
  if (!res) {
    ADD_FAILURE() << "no answer to " << request.substr(0, 60);
    return {};
  }
  if (closed) *closed = c.wait_closed(5s);
  return *res;
}

class ServerTest : public HttpTest {};

TEST_F(ServerTest, HeadHasContentLengthAndNoBody) {
  RawConnection c(port());
  ASSERT_TRUE(c.send("HEAD / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  bool closed = false;
  auto bytes = c.read_until_close(10s, &closed);
  ASSERT_TRUE(closed);
  auto end = bytes.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(end + 4, bytes.size()) << "HEAD answered with a body";
  EXPECT_TRUE(bytes.starts_with("HTTP/1.1 200"));
  auto get = client().get("/");
  EXPECT_NE(bytes.find("Content-Length: " + std::to_string(get.body.size()) + "\r\n"),
            std::string::npos)
      << bytes;
}

TEST_F(ServerTest, KeepAliveAnswersSeveralRequestsOnOneConnection) {
  RawConnection c(port());
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto first = c.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "ok\n");
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto second = c.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  // Pipelined: both answered, in order; the second asks to close.
  ASSERT_TRUE(
      c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /nothing-here HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  auto third = c.read_response();
  auto fourth = c.read_response();
  ASSERT_TRUE(third && fourth);
  EXPECT_EQ(third->status, 200);
  EXPECT_EQ(fourth->status, 404);
  EXPECT_TRUE(c.wait_closed(5s));
}

TEST_F(ServerTest, NotFoundPageSpeaksTheVisitorsLanguage) {
  auto en = client().get("/no/such/page");
  EXPECT_EQ(en.status, 404);
  EXPECT_EQ(html_attribute(en.body, "lang"), "en");
  EXPECT_EQ(html_attribute(en.body, "dir"), "ltr");
  EXPECT_NE(title_of(en.body).find("Page not found"), std::string::npos);

  auto c = client();
  c.accept_language = "de-AT, en;q=0.5";
  auto de = c.get("/no/such/page");
  EXPECT_EQ(de.status, 404);
  EXPECT_EQ(html_attribute(de.body, "lang"), "de");
  EXPECT_EQ(html_attribute(de.body, "dir"), "ltr");
  EXPECT_NE(title_of(de.body).find(tr("de", "Page not found")), std::string::npos);
  if (std::ifstream(std::string(CRM_SOURCE_DIR) + "/locale/de.po")) {
    EXPECT_EQ(title_of(de.body).find("Page not found"), std::string::npos)
        << "the German 404 title is still English";
  }

  auto a = client();
  a.accept_language = "ar-MA";
  auto ar = a.get("/no/such/page");
  EXPECT_EQ(ar.status, 404);
  EXPECT_EQ(html_attribute(ar.body, "lang"), "ar");
  EXPECT_EQ(html_attribute(ar.body, "dir"), "rtl");

  // The language cookie beats the header.
  auto f = client();
  f.accept_language = "ar";
  f.cookies()["crm_lang"] = "fr";
  EXPECT_EQ(html_attribute(f.get("/missing").body, "lang"), "fr");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto c = client();
  auto r = c.post("/healthz", {});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET");
  auto d = c.request("DELETE", "/login", "", "");
  EXPECT_EQ(d.status, 405);
  EXPECT_NE(d.header("allow").find("GET"), std::string::npos);
  EXPECT_NE(d.header("allow").find("POST"), std::string::npos);
  auto g = c.get("/logout");
  EXPECT_EQ(g.status, 405);
  EXPECT_EQ(g.header("allow"), "POST");
  EXPECT_NE(g.body.find(tr("en", "Method not allowed")), std::string::npos);
}

TEST_F(ServerTest, HeaderOverTheLimitIs431) {
  bool closed = false;
  auto r =
      raw(port(), "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(10 * 1024, 'a') + "\r\n\r\n",
          &closed);
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.header("connection"), "close");
  EXPECT_NE(r.body.find(tr("en", "Request headers too large")), std::string::npos);
  EXPECT_TRUE(closed);
  // Just under the limit is fine.
  auto ok = raw(port(), "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(6 * 1024, 'a') +
                            "\r\n\r\n");
  EXPECT_EQ(ok.status, 200);
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  auto before = state();
  // Announced too large: refused before the body is read.
  bool closed = false;
  auto r = raw(port(),
               "POST /login HTTP/1.1\r\nHost: t\r\nContent-Type: "
               "application/x-www-form-urlencoded\r\nContent-Length: 70000\r\n\r\n",
               &closed);
  EXPECT_EQ(r.status, 413);
  EXPECT_TRUE(closed);
  // Chunked, so the size shows only while reading.
  auto chunked = raw(port(),
                     "POST /login HTTP/1.1\r\nHost: t\r\nContent-Type: "
                     "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" +
                         two_big_chunks());
  EXPECT_EQ(chunked.status, 413);
  EXPECT_EQ(state(), before);

  // A multipart form within the form limit is fine on any route.
  auto c = client();
  auto csrf = csrf_of(c.get("/").body);
  auto up = c.post_multipart("/language", {{"csrf", csrf}, {"language", "de"}, {"next", "/"}},
                             {{"attachment", "notes.txt", "text/plain", std::string(10000, 'x')}});
  EXPECT_EQ(up.status, 303);
  EXPECT_EQ(c.cookie("crm_lang").value_or(""), "de");
  auto big = raw(port(),
                 "POST /language HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; "
                 "boundary=xyz\r\nContent-Length: 300000\r\n\r\n");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(state(), before);
}

// A multipart request for `target` announcing `body_size` bytes; only the head.
std::string multipart_head(const std::string& target, size_t body_size, const std::string& cookies,
                           bool expect_continue) {
  std::string h = "POST " + target +
                  " HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=b0undary\r\n"
                  "Content-Length: " +
                  std::to_string(body_size) + "\r\n";
  if (!cookies.empty()) h += "Cookie: " + cookies + "\r\n";
  if (expect_continue) h += "Expect: 100-continue\r\n";
  return h + "\r\n";
}

// A multipart body with a csrf field and one file of `size` bytes (not an image).
std::string multipart_body(const std::string& csrf, size_t size) {
  std::string body =
      "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
      "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.bin\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n";
  body += std::string(size, 'x');
  body += "\r\n--b0undary--\r\n";
  return body;
}

std::string cookie_header(Client& c) {
  std::string out;
  for (const auto& [k, v] : c.cookies()) out += (out.empty() ? "" : "; ") + k + "=" + v;
  return out;
}

TEST_F(ServerTest, BodyLimitIsDecidedByTheRouteBeforeTheBodyIsRead) {
  auto before = state();
  // Within the upload limit but sent to a route that takes no files: refused
  // from the head alone (the body is never sent here; the old server waited for it).
  bool closed = false;
  auto login = raw(port(), multipart_head("/login", 100000, "", false), &closed);
  EXPECT_EQ(login.status, 413);
  EXPECT_TRUE(closed);
  expect_security_headers(login, "413 multipart to /login");
  EXPECT_NE(login.body.find(tr("en", "Too large")), std::string::npos);
  // Chunked: the route's limit holds while reading.
  auto chunked = raw(port(),
                     "POST /language HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; "
                     "boundary=b0undary\r\nTransfer-Encoding: chunked\r\n\r\n" +
                         two_big_chunks());
  EXPECT_EQ(chunked.status, 413);
  EXPECT_EQ(state(), before);

  // A route that takes files has the upload limit: the photo is read and
  // judged by the handler (not an image), not refused for its size.
  auto p = sign_in("participant");
  auto csrf = csrf_of(p.get("/profile").body);
  auto photo =
      p.post_multipart("/profile/photo", {{"csrf", csrf}},
                       {{"photo", "a.bin", "application/octet-stream", std::string(100000, 'x')}});
  EXPECT_EQ(photo.status, 422);
  // Beyond the upload limit even there.
  auto huge = raw(port(), multipart_head("/profile/photo", 300000, cookie_header(p), false));
  EXPECT_EQ(huge.status, 413);
  // A form that is not multipart keeps the form limit on an upload route.
  auto form = raw(port(),
                  "POST /profile/photo HTTP/1.1\r\nHost: t\r\nContent-Type: "
                  "application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n");
  EXPECT_EQ(form.status, 413);
}

TEST_F(ServerTest, LargeBodiesBeyondTheCapGet503) {
  auto o = options();
  o.limits.max_uploads = 1;
  restart(o);
  auto p = sign_in("participant");
  auto csrf = csrf_of(p.get("/profile").body);
  auto body = multipart_body(csrf, 100000);
  // The first large body is let in (100 Continue) and holds the one place.
  RawConnection first(port());
  ASSERT_TRUE(first.send(multipart_head("/profile/photo", body.size(), cookie_header(p), true)));
  auto go = first.read_response();
  ASSERT_TRUE(go);
  EXPECT_EQ(go->status, 100);
  // A second one meanwhile: 503 with a page, at once, without its body.
  {
    RawConnection second(port());
    ASSERT_TRUE(
        second.send(multipart_head("/profile/photo", body.size(), cookie_header(p), false)));
    auto busy = second.read_response();
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->status, 503);
    EXPECT_EQ(busy->header("retry-after"), "1");
    EXPECT_NE(busy->body.find(tr("ar", "Busy")),
              std::string::npos);  // the participant reads Arabic
    expect_security_headers(*busy, "503 large body");
    EXPECT_TRUE(second.wait_closed(5s));
  }
  // Small bodies are not counted.
  auto small = p.post_multipart("/profile/photo", {{"csrf", csrf}},
                                {{"photo", "a.bin", "application/octet-stream", "x"}});
  EXPECT_EQ(small.status, 422);
  ASSERT_TRUE(first.send(body));
  auto done = first.read_response();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 422);
  // The place is free again.
  auto again =
      p.post_multipart("/profile/photo", {{"csrf", csrf}},
                       {{"photo", "a.bin", "application/octet-stream", std::string(100000, 'x')}});
  EXPECT_EQ(again.status, 422);
}

// Kilobytes of /proc/self/status's `key` (VmRSS, VmHWM).
long status_kb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(key + ":")) return std::stol(line.substr(key.size() + 1));
  return -1;
}

// The attack of the security review: many parallel large multipart posts, to
// a route that takes no files and to one that does. The server's memory must
// stay bounded: /login refuses them from the head, the upload route reads at
// most max_uploads at a time and answers the rest 503. The server runs in
// this process, so its peak resident memory is this process's (VmHWM, reset
// before the attack). The clients ask for 100 Continue, so each body is sent
// only once the server has let it in: the test decides nothing by timing.
TEST_F(ServerTest, ParallelLargePostsKeepMemoryBounded) {
  constexpr size_t kMiB = 1024 * 1024;
  constexpr int kClients = 24;
  auto o = options();
  o.limits.upload_bytes = 8 * kMiB;
  o.limits.max_uploads = 2;
  o.io_threads = 2;
  restart(o);
  auto p = sign_in("participant");
  const auto csrf = csrf_of(p.get("/profile").body);
  const auto cookies = cookie_header(p);
  const auto body = multipart_body(csrf, 6 * kMiB);

  auto attack = [&](const std::string& target, std::vector<int>& statuses) {
    std::vector<std::unique_ptr<RawConnection>> conns;
    std::vector<int> first(kClients, 0);
    for (int i = 0; i < kClients; ++i) {
      conns.push_back(std::make_unique<RawConnection>(port()));
      conns.back()->send(multipart_head(target, body.size(), cookies, true));
    }
    // Every head has been answered (100, 413 or 503) before any body is sent.
    for (int i = 0; i < kClients; ++i)
      if (auto r = conns[i]->read_response(20s)) first[i] = r->status;
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i)
      threads.emplace_back([&, i] {
        statuses[i] = first[i];
        if (first[i] != 100 || !conns[i]->send(body)) return;
        if (auto r = conns[i]->read_response(60s)) statuses[i] = r->status;
      });
    for (auto& t : threads) t.join();
  };

  ASSERT_EQ(std::ofstream("/proc/self/clear_refs") << "5" ? 0 : 1, 0) << "cannot reset VmHWM";
  long base = status_kb("VmRSS");
  std::vector<int> login(kClients), upload(kClients);
  attack("/login", login);
  attack("/profile/photo", upload);
  long peak = status_kb("VmHWM");
  ASSERT_GT(base, 0);
  ASSERT_GT(peak, 0);
  long grown_mib = (peak - base) / 1024;
  // 24 bodies of 6 MiB read at once are 144 MiB before any copy; two at a
  // time are 24 MiB with their parsed copies.
  EXPECT_LT(grown_mib, 72) << "peak resident memory grew by " << grown_mib << " MiB";
  for (int s : login) EXPECT_EQ(s, 413);
  int read = 0, busy = 0;
  for (int s : upload) {
    read += s == 422;
    busy += s == 503;
  }
  EXPECT_EQ(read, 2);
  EXPECT_EQ(busy, kClients - 2);
  // Afterwards everything is answered as usual.
  EXPECT_EQ(p.get("/profile").status, 200);
}

TEST_F(ServerTest, TransferCodingsOtherThanChunkedAndFoldedHeadersAre400) {
  auto before = state();
  const std::vector<std::string> requests = {
      "POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      "POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n",
      "POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: xchunked\r\n\r\n",
      "POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\n\r\n",
      "POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n",
      "POST /login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: "
      "chunked\r\n\r\n0\r\n\r\n",
      "POST /login HTTP/1.0\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Folded: a\r\n b\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Folded: a\r\n\tb\r\n\r\n",
      "GET /healthz HTTP/1.1\r\n Host: t\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: t\nX-Bare: lf\r\n\r\n",
  };
  for (const auto& request : requests) {
    SCOPED_TRACE(request);
    bool closed = false;
    auto r = raw(port(), request, &closed);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(closed);
    expect_security_headers(r, "400");
  }
  // Chunked alone, in any case, is read as before.
  auto ok = raw(port(),
                "POST /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(ok.status, 405);
  EXPECT_EQ(state(), before);
}

TEST_F(ServerTest, MalformedRequestsAre400) {
  const std::vector<std::string> requests = {
      "GARBAGE\r\n\r\n",
      "GET / HTTP/1.1\r\nHost t\r\n\r\n",            // header without a colon
      "GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n",        // bad escape in the path
      "GET /%ff%fe HTTP/1.1\r\nHost: t\r\n\r\n",     // path not UTF-8
      "GET /a%00b HTTP/1.1\r\nHost: t\r\n\r\n",      // NUL in the path
      "GET relative HTTP/1.1\r\nHost: t\r\n\r\n",    // not an origin-form target
      "GET /?q=%c3%28 HTTP/1.1\r\nHost: t\r\n\r\n",  // query not UTF-8
      "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
  };
  for (const auto& request : requests) {
    SCOPED_TRACE(request);
    bool closed = false;
    auto r = raw(port(), request, &closed);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(closed);
    expect_security_headers(r, "400");
  }
}

TEST_F(ServerTest, InvalidUtf8InAFormFieldIs400AndChangesNothing) {
  const auto& a = demo("participant");
  auto before = state();
  auto c = client();
  auto csrf = csrf_of(c.get("/login").body);
  auto r = c.request("POST", "/login",
                     "csrf=" + csrf + "&email=" + url_encode(a.email) + "%C3%28&password=x",
                     "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 400);
  auto m =
      c.post_multipart("/login", {{"csrf", csrf}, {"email", "\xff\xfe"}, {"password", "x"}}, {});
  EXPECT_EQ(m.status, 400);
  EXPECT_FALSE(c.cookie("crm_session"));
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), 0);
}

TEST_F(ServerTest, SlowClientIsDisconnectedAfterTheHeaderTimeout) {
  auto o = options();
  o.limits.header_timeout = 1s;
  o.limits.idle_timeout = 30s;
  restart(o);
  // Trickles a header one byte at a time; true when the server hung up,
  // with the time it took.
  auto trickle = [](RawConnection& c, Clock::duration& took) {
    auto start = Clock::now();
    if (!c.send("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ")) return false;
    while (Clock::now() - start < 6s) {
      if (!c.send("a") || c.wait_closed(100ms)) {
        took = Clock::now() - start;
        return true;
      }
    }
    return false;
  };
  {
    RawConnection c(port());
    Clock::duration took{};
    EXPECT_TRUE(trickle(c, took));
    EXPECT_GE(took, 900ms);
    EXPECT_LT(took, 3s);
  }
  {
    // The same for a second request on a kept-alive connection: the long idle
    // timeout does not give the header more time.
    RawConnection c(port());
    ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(c.read_response());
    Clock::duration took{};
    EXPECT_TRUE(trickle(c, took));
    EXPECT_LT(took, 3s);
  }
  // The server still answers others.
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitGet503) {
  auto o = options();
  o.limits.max_connections = 3;
  restart(o);
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(std::make_unique<RawConnection>(port()));
    ASSERT_TRUE(open.back()->send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = open.back()->read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  {
    RawConnection extra(port());
    extra.send("GET /healthz HTTP/1.1\r\nHost: t\r\nAccept-Language: de\r\n\r\n");
    auto busy = extra.read_response(5s);
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->status, 503);
    EXPECT_EQ(busy->header("retry-after"), "1");
    EXPECT_EQ(busy->header("connection"), "close");
    expect_security_headers(*busy, "503 over the connection limit");
    // A short page, in the language the visitor asked for.
    EXPECT_EQ(html_attribute(busy->body, "lang"), "de");
    EXPECT_NE(busy->body.find(tr("de", "Busy")), std::string::npos);
    EXPECT_TRUE(extra.wait_closed(5s));
  }
  {
    // Nothing sent at all: a page all the same.
    RawConnection silent(port());
    bool closed = false;
    auto bytes = silent.read_until_close(10s, &closed);
    EXPECT_TRUE(bytes.starts_with("HTTP/1.1 503")) << bytes;
    EXPECT_NE(bytes.find("Content-Security-Policy"), std::string::npos);
    EXPECT_TRUE(closed);
  }
  // Once one closes, there is room again.
  open.front()->close();
  bool served = false;
  for (auto deadline = Clock::now() + 5s; !served && Clock::now() < deadline;) {
    RawConnection c(port());
    c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    auto r = c.read_response(2s);
    served = r && r->status == 200;
    if (!served) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerTest, EveryResponseCarriesTheSecurityHeaders) {
  auto c = client();
  auto home = c.get("/");
  expect_security_headers(home, "GET /");
  expect_security_headers(c.get("/login"), "GET /login");
  expect_security_headers(c.get("/account"), "303");
  expect_security_headers(c.get("/missing"), "404");
  expect_security_headers(c.get("/logout"), "405");
  expect_security_headers(c.post("/login", {}), "403");
  expect_security_headers(c.get("/healthz"), "healthz");
  expect_security_headers(c.head("/"), "HEAD");
  for (const auto& link : links_of(home.body))
    if (link.starts_with("/assets/")) expect_security_headers(c.get(link), link);
  expect_security_headers(
      raw(port(), "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n"),
      "431");
  expect_security_headers(raw(port(), "GARBAGE\r\n\r\n"), "400");
  expect_security_headers(
      raw(port(), "POST /login HTTP/1.1\r\nHost: t\r\nContent-Length: 900000\r\n\r\n"), "413");
  auto signed_in = sign_in("participant");
  expect_security_headers(signed_in.get("/"), "dashboard");
  expect_security_headers(signed_in.get("/invitations"), "404 signed in");
}

TEST_F(ServerTest, AssetsAreFingerprintedImmutableAndGzipped) {
  auto home = client().get("/");
  std::string css, js;
  for (const auto& link : links_of(home.body))
    if (link.starts_with("/assets/app.") && link.ends_with(".css")) css = link;
  auto src = home.body.find("src=\"/assets/app.");
  ASSERT_NE(src, std::string::npos);
  src += 5;
  js = home.body.substr(src, home.body.find('"', src) - src);
  ASSERT_FALSE(css.empty());

  auto c = client();
  auto plain = c.get(css);
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(plain.header("cache-control").find("immutable"), std::string::npos);
  EXPECT_NE(plain.header("cache-control").find("max-age=31536000"), std::string::npos);
  EXPECT_FALSE(plain.has_header("content-encoding"));
  EXPECT_EQ(plain.body, read_source("src/web/assets/app.css"));

  auto gz = c.get(css, {{"Accept-Encoding", "br, gzip;q=0.9"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_NE(gz.header("vary").find("Accept-Encoding"), std::string::npos);
  EXPECT_LT(gz.body.size(), plain.body.size());
  EXPECT_EQ(gunzip(gz.body), plain.body);

  auto script = c.get(js, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(gunzip(script.body), read_source("src/web/assets/app.js"));

  // Another fingerprint is another file: none.
  EXPECT_EQ(c.get("/assets/app.00000000.css").status, 404);
  EXPECT_EQ(c.get("/assets/app.css").status, 404);
}

// A client that stops sending half-way through a body would hold a stop for
// the whole body timeout (here an hour): after the grace period it is closed.
TEST_F(ServerTest, StopClosesAClientStuckMidBodyAfterTheGrace) {
  auto o = options();
  o.limits.body_timeout = std::chrono::seconds(3600);
  o.limits.shutdown_grace = std::chrono::seconds(1);
  restart(o);
  RawConnection stuck(port());
  ASSERT_TRUE(
      stuck.send("POST /login HTTP/1.1\r\nHost: t\r\nContent-Type: "
                 "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
                 "email=half"));
  std::this_thread::sleep_for(200ms);  // the header is read; the body never completes
  auto stopped = std::async(std::launch::async, [&] { server().stop(); });
  // Bounds that only a hang would reach: the grace is one second.
  EXPECT_EQ(stopped.wait_for(60s), std::future_status::ready) << "stop waited for the client";
  EXPECT_TRUE(stuck.wait_closed(60s));
}

TEST_F(ServerTest, HealthzAnswersOk) {
  auto r = client().get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(ServerTest, StopAnswersTheRequestsInFlight) {
  auto o = options();
  o.auth_workers = 1;  // the logins queue behind each other
  restart(o);
  constexpr int kRequests = 5;
  struct Outcome {
    int status = 0;
    std::string body;
    Clock::time_point at;
  };
  // Each login checks a wrong password against a hash of interactive cost
  // (about 150 ms; the test build's own hashes are cheap), so the five queue
  // on the one auth worker.
  auth::init_crypto();
  char slow[crypto_pwhash_STRBYTES];
  const std::string known = "a password of interactive cost";
  ASSERT_EQ(
      crypto_pwhash_str_alg(slow, known.data(), known.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13),
      0);
  const std::string slow_hash = slow;
  const std::vector<std::string> roles = {"lecturer", "participant", "alumnus", "stakeholder",
                                          "staff"};
  std::vector<Client> clients;
  std::vector<std::string> tokens;
  for (int i = 0; i < kRequests; ++i) {
    sql().sql() << "UPDATE account SET password_hash = :h WHERE email = :e", soci::use(slow_hash),
        soci::use(demo(roles[static_cast<size_t>(i)]).email);
    clients.push_back(client());
    tokens.push_back(csrf_of(clients.back().get("/login").body));
  }
  std::vector<Outcome> outcomes(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      try {
        auto r = clients[i].post("/login", {{"csrf", tokens[i]},
                                            {"email", demo(roles[static_cast<size_t>(i)]).email},
                                            {"password", "not a password"}});
        outcomes[i] = {r.status, r.body, Clock::now()};
      } catch (const std::exception& e) {
        outcomes[i] = {-1, e.what(), Clock::now()};
      }
    });
  // Once the first login has been answered (each takes a password hash on the
  // one auth worker), the others have long been read and wait in the queue.
  auto deadline = Clock::now() + 20s;
  while (count("SELECT COUNT(*) FROM login_attempt") < 1 && Clock::now() < deadline)
    std::this_thread::sleep_for(2ms);
  auto stop_called = Clock::now();
  server().stop();
  for (auto& t : threads) t.join();
  int after_stop = 0;
  for (const auto& out : outcomes) {
    EXPECT_EQ(out.status, 422) << out.body;
    EXPECT_TRUE(out.body.ends_with("</html>")) << out.body.size();
    if (out.at > stop_called) ++after_stop;
  }
  EXPECT_GE(after_stop, 1) << "no request was still in flight when stop() was called";
  // No new connections once stopped.
  bool refused = false;
  try {
    RawConnection c(port());
    c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    refused = !c.read_response(2s);
  } catch (const std::exception&) {
    refused = true;
  }
  EXPECT_TRUE(refused);
}

}  // namespace
}  // namespace crm::test
