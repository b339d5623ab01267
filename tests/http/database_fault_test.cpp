// Faults of the database server rather than of the request: a write lock held
// past the busy timeout and a full disk are told apart from bugs
// (db::fault_of) and answered 503 with Retry-After, changing nothing.
#include <chrono>
#include <filesystem>
#include <random>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

// A SQLite file of its own, removed at the end.
struct ScratchFile {
  ScratchFile() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("crm-fault-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    url = *db::parse_url("sqlite:" + (dir / "crm.db").string());
  }
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  std::filesystem::path dir;
  db::Url url;
};

// The real errors SQLite gives, not strings written for the test.
TEST(DatabaseFault, SqliteErrorsAreToldApart) {
  ScratchFile file;
  db::Session a(file.url), b(file.url);
  a.sql() << "CREATE TABLE t (x TEXT)";

  // Storage full: a database allowed no more pages than it has.
  db::Fault full = db::Fault::other;
  try {
    a.sql() << "PRAGMA max_page_count = 8";
    std::string big(4096, 'x');
    for (int i = 0; i < 100; ++i) a.sql() << "INSERT INTO t (x) VALUES (:x)", soci::use(big);
  } catch (const std::exception& e) {
    full = db::fault_of(e);
  }
  EXPECT_EQ(full, db::Fault::storage_full);

  // Busy: another connection holds the write lock past this one's timeout.
  db::Fault busy = db::Fault::other;
  {
    db::Transaction hold(a);
    b.sql() << "PRAGMA busy_timeout = 50";
    try {
      db::Transaction tx(b);
    } catch (const std::exception& e) {
      busy = db::fault_of(e);
    }
  }
  EXPECT_EQ(busy, db::Fault::busy);

  // Everything else is a bug: 500.
  db::Fault other = db::Fault::busy;
  try {
    a.sql() << "SELEC nonsense";
  } catch (const std::exception& e) {
    other = db::fault_of(e);
  }
  EXPECT_EQ(other, db::Fault::other);
  EXPECT_EQ(db::fault_of(std::runtime_error("database is locked")), db::Fault::other);
}

class DatabaseFaultTest : public HttpTest {};

// A write that waits longer than the busy timeout for another writer gets a
// 503 page with Retry-After in the reader's language, and nothing changes.
TEST_F(DatabaseFaultTest, WriteLockHeldPastTheBusyTimeoutIs503) {
  if (testing_postgresql()) GTEST_SKIP() << "SQLite only: PostgreSQL waits for row locks";
  auto c = sign_in("alumnus");
  auto page = c.get("/account");
  ASSERT_EQ(page.status, 200);
  const std::string before = state();
  HttpResponse res;
  {
    // The test's own session takes the write lock and keeps it for longer
    // than the server's busy timeout (10 s).
    db::Transaction hold(sql());
    res = c.post("/account", {{"csrf", csrf_of(page.body)},
                              {"name", "Locked Out"},
                              {"language", "en"},
                              {"time_zone", "UTC"}});
  }
  EXPECT_EQ(res.status, 503);
  EXPECT_FALSE(res.header("retry-after").empty());
  EXPECT_NE(res.body.find(tr("en", "crm is very busy right now. Please try again in a moment.")),
            std::string::npos);
  EXPECT_EQ(state(), before);
  // And once the lock is gone, the same form goes through.
  EXPECT_EQ(c.post("/account", {{"csrf", csrf_of(page.body)},
                                {"name", "Arben Hoxha"},
                                {"language", "en"},
                                {"time_zone", "UTC"}})
                .status,
            303);
}

}  // namespace
}  // namespace crm::test
