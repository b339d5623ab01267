// The database server restarts or stops under load (PostgreSQL only; SQLite
// has no server). Every worker, the page workers and the password worker
// alike, notices that its connection is gone and reconnects with back-off:
// while the server is down requests are answered 503 with Retry-After in the
// reader's language (never 500, never without an answer), and once it is
// back every request succeeds again, logins included. /healthz says 503
// while the workers cannot reach the database and 200 when they can.
//
// These tests start a private cluster (they may not restart the shared one):
// initdb takes a few seconds.
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "db/migrate.hpp"
#include "http/support/pg_cluster.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// How long after the server is back a worker may still answer 503: its
// back-off (at most 2 s) and the reconnection itself, on a slow machine.
constexpr auto kGrace = 4s;

struct Answer {
  Clock::time_point at;  // when the answer arrived
  std::string what;      // "GET /" …
  int status = 0;        // 0: no answer at all
  bool retry_after = false;
  bool signed_in = false;  // the page was made for the signed-in account
};

// Requests, in a loop on their own threads, until stopped; keeps every answer.
class Load {
 public:
  ~Load() { stop(); }

  void add(std::function<void(std::vector<Answer>&)> step) {
    threads_.emplace_back([this, step = std::move(step)] {
      std::vector<Answer> mine;
      while (!stopping_) step(mine);
      std::lock_guard lock(mutex_);
      answers_.insert(answers_.end(), mine.begin(), mine.end());
    });
  }

  std::vector<Answer> stop() {
    stopping_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
    threads_.clear();
    std::lock_guard lock(mutex_);
    return answers_;
  }

 private:
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<Answer> answers_;
  std::vector<std::thread> threads_;
};

Answer ask(Client& c, const std::string& method, const std::string& target, const Form& form = {}) {
  Answer a;
  a.what = method + " " + target;
  try {
    auto res = method == "POST" ? c.post(target, form) : c.get(target);
    a.status = res.status;
    a.retry_after = !res.header("retry-after").empty();
    a.signed_in = res.body.find("action=\"/logout\"") != std::string::npos;
  } catch (const std::exception&) {
    a.status = 0;  // closed without an answer
  }
  a.at = Clock::now();
  return a;
}

// The real errors, not strings written for the test: a session whose server
// process was ended, a server that is not there, and errors that say nothing
// about the connection (even when the data they quote does).
TEST(ConnectionLost, RealErrorsAreToldApart) {
  TestDatabase database;
  {
    db::Session a(database.url());
    auto lost = [&](const std::string& sql) {
      try {
        a.sql() << sql;
      } catch (const std::exception& e) {
        return db::connection_lost(e);
      }
      ADD_FAILURE() << sql << " did not fail";
      return false;
    };
    EXPECT_FALSE(lost("SELEC nonsense"));
    EXPECT_FALSE(lost("INSERT INTO account (email) VALUES ('server closed the connection')"));
    if (!testing_postgresql()) return;

    db::Session b(database.url());
    long long pid = 0;
    a.sql() << "SELECT pg_backend_pid()", soci::into(pid);
    b.sql() << "SELECT pg_terminate_backend(:p)", soci::use(pid);
    EXPECT_TRUE(lost("SELECT 1"));
    a.reconnect();
    int one = 0;
    a.sql() << "SELECT 1", soci::into(one);
    EXPECT_EQ(one, 1);
  }
  if (!testing_postgresql()) return;
  try {
    db::Session nowhere(*db::parse_url("postgresql://postgres@127.0.0.1:1/none"));
    ADD_FAILURE() << "connected to port 1";
  } catch (const std::exception& e) {
    EXPECT_TRUE(db::connection_lost(e)) << e.what();
  }
}

class DatabaseRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing_postgresql()) GTEST_SKIP() << "PostgreSQL only: SQLite has no server to restart";
    if (!PgCluster::available()) GTEST_SKIP() << "PostgreSQL's server programs are not installed";
    pg_ = std::make_unique<PgCluster>();
    pg_->create_database("crm");
    url_ = *db::parse_url(pg_->url("crm"));
    {
      db::Session s(url_);
      db::migrate(s);
      accounts_ = demo::load(s, static_cast<int64_t>(std::time(nullptr)));
    }
    ServerOptions o;
    o.workers = 2;
    o.auth_workers = 1;
    server_ = std::make_unique<TestServer>(url_, o);
  }

  void TearDown() override {
    server_.reset();  // before the cluster it uses
    pg_.reset();
  }

  const demo::DemoAccount& account(std::string_view role) const {
    for (const auto& a : accounts_)
      if (a.role == role) return a;
    throw std::runtime_error("no demo account " + std::string(role));
  }

  // A login through the form: 303 to the start page when it worked.
  Answer log_in(Client& c, std::string_view role) {
    Answer a;
    a.what = "login";
    try {
      auto page = c.get("/login");
      auto res = page.status != 200 ? page
                                    : c.post("/login", {{"csrf", csrf_of(page.body)},
                                                        {"email", account(role).email},
                                                        {"password", account(role).password}});
      a.status = res.status;
      a.retry_after = !res.header("retry-after").empty();
    } catch (const std::exception&) {
      a.status = 0;
    }
    a.at = Clock::now();
    return a;
  }

  Client signed_in(std::string_view role) {
    Client c(server_->port());
    auto a = log_in(c, role);
    if (a.status != 303) throw std::runtime_error("login answered " + std::to_string(a.status));
    return c;
  }

  // Dashboards of three signed-in accounts and logins, on four threads.
  void start_load(Load& load) {
    for (auto role : {"lecturer", "participant", "stakeholder"}) {
      load.add([c = signed_in(role)](std::vector<Answer>& out) mutable {
        out.push_back(ask(c, "GET", "/"));
      });
    }
    load.add([this](std::vector<Answer>& out) {
      Client c(server_->port());
      out.push_back(log_in(c, "alumnus"));
    });
  }

  int healthz() {
    Client c(server_->port());
    return ask(c, "GET", "/healthz").status;
  }

  // Waits until /healthz answers 200 (true) or the time is up.
  bool healthy_within(std::chrono::seconds limit) {
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      if (healthz() == 200) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  std::unique_ptr<PgCluster> pg_;
  db::Url url_;
  std::vector<demo::DemoAccount> accounts_;
  std::unique_ptr<TestServer> server_;
};

bool good(const Answer& a) {
  if (a.what == "login") return a.status == 303;
  if (a.what == "GET /") return a.status == 200 && a.signed_in;
  return a.status == 200;
}

// Errors only while the server is down (503 with Retry-After, never a 500 or
// a closed connection), none from `back + kGrace` on; and enough answers after
// that to show it.
void expect_recovered(const std::vector<Answer>& answers, Clock::time_point back) {
  long after = 0, logins_after = 0;
  for (const auto& a : answers) {
    if (good(a)) {
      if (a.at > back + kGrace) {
        ++after;
        if (a.what == "login") ++logins_after;
      }
      continue;
    }
    EXPECT_EQ(a.status, 503) << a.what << " answered " << a.status;
    EXPECT_TRUE(a.retry_after) << a.what << ": 503 without Retry-After";
    EXPECT_LT(a.at, back + kGrace)
        << a.what << " still answered " << a.status << " after "
        << std::chrono::duration_cast<std::chrono::milliseconds>(a.at - back).count() << " ms";
  }
  EXPECT_GT(after, 10) << "too few answers after the server was back";
  EXPECT_GT(logins_after, 0) << "no login after the server was back";
}

TEST_F(DatabaseRestartTest, EveryWorkerReconnectsAfterARestartUnderLoad) {
  Load load;
  start_load(load);
  std::this_thread::sleep_for(1s);
  pg_->restart();  // pg_ctl restart -m fast: every session is ended
  auto back = Clock::now();
  // Long enough for the slowest worker to notice and come back, and for a
  // few logins (each hashes a password) after that.
  std::this_thread::sleep_for(kGrace + 4s);
  auto answers = load.stop();
  expect_recovered(answers, back);
  EXPECT_TRUE(healthy_within(5s));
  // A login from a new browser works.
  Client c(server_->port());
  EXPECT_EQ(log_in(c, "participant").status, 303);
  EXPECT_EQ(ask(c, "GET", "/").status, 200);
}

TEST_F(DatabaseRestartTest, WhileTheServerIsDownEveryAnswerIs503AndHealthzSaysSo) {
  ASSERT_EQ(healthz(), 200);
  Load load;
  start_load(load);
  std::this_thread::sleep_for(500ms);
  pg_->stop();
  // Down: /healthz says so every time, pages and logins are 503 with
  // Retry-After and a page in the reader's language.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(healthz(), 503);
    std::this_thread::sleep_for(100ms);
  }
  Client reader(server_->port());
  reader.accept_language = "fr";
  auto login_page = reader.get("/login");
  auto refused = reader.post("/login", {{"csrf", csrf_of(login_page.body)},
                                        {"email", account("alumnus").email},
                                        {"password", account("alumnus").password}});
  EXPECT_EQ(refused.status, 503);
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_EQ(html_attribute(refused.body, "lang"), "fr");
  EXPECT_NE(refused.body.find(Tr(catalogs(), "fr")(
                "crm cannot reach its database at the moment. Please try again in a minute.")),
            std::string::npos);
  std::this_thread::sleep_for(2500ms);  // every worker at its longest back-off
  pg_->start();
  auto back = Clock::now();
  EXPECT_TRUE(healthy_within(kGrace));
  std::this_thread::sleep_for(kGrace + 3s);
  auto answers = load.stop();
  long down = 0;
  for (const auto& a : answers)
    if (a.status == 503 && a.at < back) ++down;
  EXPECT_GT(down, 0) << "no request saw the server down";
  expect_recovered(answers, back);
  EXPECT_EQ(healthz(), 200);
}

}  // namespace
}  // namespace crm::test
