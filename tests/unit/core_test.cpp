// Plain functions of core/, http/router, web/html and db/ that need no server.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>

#include "app/worker.hpp"
#include "core/config.hpp"
#include "core/worker_pool.hpp"
#include "db/database.hpp"
#include "db/like.hpp"
#include "db/migrate.hpp"
#include "http/router.hpp"
#include "web/html.hpp"

namespace crm {
namespace {

struct EnvGuard {
  std::string name;
  EnvGuard(std::string n, const char* v) : name(std::move(n)) { setenv(name.c_str(), v, 1); }
  ~EnvGuard() { unsetenv(name.c_str()); }
};

TEST(Config, DefaultsAndCommandLine) {
  std::vector<std::string> rest;
  auto c = load_config({"--listen", "127.0.0.1:9001", "--workers=3", "--tls", "extra"}, rest);
  ASSERT_TRUE(c.ok()) << c.error().key;
  EXPECT_EQ(c->listen, "127.0.0.1:9001");
  EXPECT_EQ(c->workers, 3u);
  EXPECT_TRUE(c->tls);
  EXPECT_EQ(c->base_url, "http://127.0.0.1:9001");
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0], "extra");
}

TEST(Config, PrecedenceCommandLineOverEnvironmentOverFile) {
  std::string path = testing::TempDir() + "/crm-config-test.conf";
  {
    std::ofstream f(path);
    f << "# settings\nlisten = 127.0.0.1:7000\ndatabase = sqlite:/tmp/from-file.db\nqueue = 7\n";
  }
  EnvGuard env("CRM_DATABASE", "sqlite:/tmp/from-env.db");
  std::vector<std::string> rest;
  auto c = load_config({"--config", path, "--queue", "9"}, rest);
  ASSERT_TRUE(c.ok()) << c.error().key;
  EXPECT_EQ(c->listen, "127.0.0.1:7000");
  EXPECT_EQ(c->database, "sqlite:/tmp/from-env.db");
  EXPECT_EQ(c->queue, 9u);
}

TEST(Config, BadValuesAreErrors) {
  std::vector<std::string> rest;
  EXPECT_FALSE(load_config({"--workers", "many"}, rest).ok());
  EXPECT_FALSE(load_config({"--listen", "nowhere"}, rest).ok());
  EXPECT_FALSE(load_config({"--listen", "127.0.0.1:99999"}, rest).ok());
  EXPECT_FALSE(load_config({"--config", "/nonexistent/crm.conf"}, rest).ok());
  EnvGuard env("CRM_QUEUE", "-1");
  EXPECT_FALSE(load_config({}, rest).ok());
}

TEST(Html, EscapesTextAndAttributes) {
  web::Html h;
  h.open("a", {{"href", "/x?a=1&b=\"2\""}}).text("<script>alert('x')</script>").close("a");
  EXPECT_EQ(
      h.view(),
      "<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>");
}

TEST(Html, OptionalAttributesAreLeftOutWhenEmpty) {
  web::Html h;
  h.empty("input", {{"name", "q"}, {"?required", ""}, {"?aria-invalid", "true"}});
  EXPECT_EQ(h.view(), "<input name=\"q\" aria-invalid=\"true\">");
}

struct NoCtx {};

TEST(Router, MatchesParametersMethodsAndHead) {
  http::Router<NoCtx> r;
  r.get("/invite/{token}", [](http::Request&, NoCtx&) { return http::text(200, "get"); });
  r.post(
      "/invite/{token}", [](http::Request&, NoCtx&) { return http::text(200, "post"); },
      http::Pool::auth);
  http::Request req;
  req.method = "HEAD";
  req.path = "/invite/abc";
  auto m = r.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, "GET");
  EXPECT_EQ(req.param("token"), "abc");

  req.method = "POST";
  m = r.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pool, http::Pool::auth);

  req.method = "PUT";
  m = r.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed.size(), 2u);

  req.method = "GET";
  req.path = "/invite/abc/more";
  m = r.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Request, ParamIdAcceptsOnlyPositiveNumbers) {
  http::Request req;
  req.params["id"] = "42";
  EXPECT_EQ(req.param_id("id"), 42);
  for (const char* bad : {"0", "-1", "4x", "", "99999999999999999999"}) {
    req.params["id"] = bad;
    EXPECT_FALSE(req.param_id("id").has_value()) << bad;
  }
}

struct NoState {};

TEST(WorkerPool, RefusesWhenTheQueueIsFullAndRunsWhatItAccepted) {
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::atomic<int> ran{0};
  {
    WorkerPool<NoState> pool(1, 2, [] { return std::make_unique<NoState>(); });
    std::promise<void> started;
    ASSERT_TRUE(pool.submit([&](NoState&) {
      started.set_value();
      gate.wait();
      ++ran;
    }));
    started.get_future().wait();  // the one worker is busy now
    EXPECT_TRUE(pool.submit([&](NoState&) { ++ran; }));
    EXPECT_TRUE(pool.submit([&](NoState&) { ++ran; }));
    EXPECT_FALSE(pool.submit([&](NoState&) { ++ran; }));  // queue of 2 is full
    release.set_value();
  }  // destructor drains
  EXPECT_EQ(ran.load(), 3);
}

// A worker with something to do between tasks (reconnecting) runs its idle
// function before it waits, again when the time it asked for is up, and at
// once when woken.
TEST(WorkerPool, RunsTheIdleFunctionWhenDueAndWhenWoken) {
  std::mutex m;
  std::condition_variable changed;
  int calls = 0;
  bool again = true;  // ask to be called again after 1 ms
  auto wait_for_calls = [&](int n) {
    std::unique_lock lock(m);
    return changed.wait_for(lock, std::chrono::seconds(30), [&] { return calls >= n; });
  };
  WorkerPool<NoState> pool(
      1, 2, [] { return std::make_unique<NoState>(); },
      [&](NoState&) -> std::optional<std::chrono::milliseconds> {
        std::lock_guard lock(m);
        ++calls;
        changed.notify_all();
        if (again) return std::chrono::milliseconds(1);
        return std::nullopt;
      });
  EXPECT_TRUE(wait_for_calls(3));  // called again and again without a task
  int seen = 0;
  {
    std::lock_guard lock(m);
    again = false;
    seen = calls;
  }
  EXPECT_TRUE(wait_for_calls(seen + 1));  // the last timed call: now it sleeps
  {
    std::lock_guard lock(m);
    seen = calls;
  }
  pool.wake();
  EXPECT_TRUE(wait_for_calls(seen + 1));
  std::promise<void> ran;
  ASSERT_TRUE(pool.submit([&](NoState&) { ran.set_value(); }));
  ran.get_future().wait();
}

TEST(Reconnect, BacksOffFrom50MsDoublingTo2s) {
  using std::chrono::milliseconds;
  std::vector<long> waits;
  milliseconds w{0};
  for (int i = 0; i < 8; ++i) waits.push_back((w = app::next_retry(w)).count());
  EXPECT_EQ(waits, (std::vector<long>{50, 100, 200, 400, 800, 1600, 2000, 2000}));
}

TEST(Database, ParsesAddresses) {
  auto s = db::parse_url("sqlite:data/crm.db");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->backend, db::Backend::sqlite);
  EXPECT_EQ(s->sqlite_path, "data/crm.db");
  auto p = db::parse_url("postgresql://crm:s%20cret@db.example:5433/crm?sslmode=require");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->backend, db::Backend::postgresql);
  EXPECT_EQ(
      p->connect,
      "host='db.example' port='5433' user='crm' password='s cret' dbname='crm' sslmode='require'");
  EXPECT_FALSE(db::parse_url("mysql://x/y").ok());
  EXPECT_FALSE(db::parse_url("sqlite:").ok());
}

// What a LIKE pattern from user text looks like; tests/http/privacy_test.cpp
// runs such patterns on both databases.
TEST(Database, LikePatternsMatchTheTextLiterally) {
  EXPECT_EQ(db::like_contains(""), "%%");
  EXPECT_EQ(db::like_contains("Anna"), "%Anna%");
  EXPECT_EQ(db::like_contains("%%"), "%\\%\\%%");
  EXPECT_EQ(db::like_contains("a_b\\c"), "%a\\_b\\\\c%");
  EXPECT_EQ(db::like_contains("ليلى_"), "%ليلى\\_%");
  EXPECT_EQ(std::string(db::kLikeEscape), " ESCAPE '\\'");
}

TEST(Migrations, AreNumberedInOrderAndTranslatedPerDialect) {
  auto all = db::known_migrations();
  ASSERT_FALSE(all.empty());
  // From 1, each after the one before. Numbers are handed out up front to
  // parts written side by side, so a branch may lack another's number until
  // they are merged.
  EXPECT_EQ(all.front().version, 1) << all.front().name;
  for (size_t i = 1; i < all.size(); ++i)
    EXPECT_GT(all[i].version, all[i - 1].version) << all[i].name;
  auto sqlite = db::dialect_sql("CREATE TABLE t (id {{ID}}, b {{BLOB}})", db::Backend::sqlite);
  auto pg = db::dialect_sql("CREATE TABLE t (id {{ID}}, b {{BLOB}})", db::Backend::postgresql);
  EXPECT_EQ(sqlite, "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB)");
  EXPECT_EQ(pg, "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, b BYTEA)");
}

}  // namespace
}  // namespace crm
