// `crm backup`: a consistent copy of a live SQLite database, taken while
// writes go on, that a server can run on. On PostgreSQL it points to pg_dump.
#include <atomic>
#include <fstream>
#include <thread>

#include "db/migrate.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using namespace std::chrono_literals;

class BackupTest : public HttpTest {};

TEST_F(BackupTest, PostgresqlIsPointedToPgDump) {
  if (!testing_postgresql()) GTEST_SKIP() << "PostgreSQL only";
  auto st = db::backup_sqlite(db_url(), (std::filesystem::temp_directory_path() / "x.db").string());
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().key.find("pg_dump"), std::string::npos);
}

// A backup that fails leaves no file behind that looks like one.
TEST(BackupFailure, LeavesNoFileBehind) {
  auto dir = std::filesystem::temp_directory_path() /
             ("crm-backup-" + std::to_string(::getpid()) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir);
  const auto source = dir / "not-a-database.db", copy = dir / "copy.db";
  {
    std::ofstream out(source);
    out << std::string(8192, 'x');  // not SQLite: the copy fails half-way
  }
  auto url = db::parse_url("sqlite:" + source.string());
  ASSERT_TRUE(url);
  auto st = db::backup_sqlite(*url, copy.string());
  EXPECT_FALSE(st);
  EXPECT_FALSE(std::filesystem::exists(copy));
  // A file that was there before is the user's: a failure leaves it alone.
  { std::ofstream(copy) << "kept"; }
  EXPECT_FALSE(db::backup_sqlite(*url, copy.string()));
  EXPECT_TRUE(std::filesystem::exists(copy));
  std::filesystem::remove_all(dir);
}

TEST_F(BackupTest, SqliteBackupOfALiveDatabaseRestoresTheSameData) {
  if (testing_postgresql()) GTEST_SKIP() << "SQLite only";
  // Large enough that the copy takes several steps.
  {
    db::Transaction tx(sql());
    std::string padding(1000, 'p');
    for (int i = 0; i < 3000; ++i)
      sql().sql() << "INSERT INTO audit_log (at, action, entity, entity_id, changes) VALUES "
                     "(1, 'filler', 'test', :i, :p)",
          soci::use(i), soci::use(padding);
    tx.commit();
  }
  // A writer that keeps committing, numbered, while the backup runs.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    db::Session w(db_url());
    for (int i = 0; !stop; ++i) {
      db::Transaction tx(w);
      w.sql() << "INSERT INTO audit_log (at, action, entity, entity_id) VALUES "
                 "(2, 'live', 'test', :i)",
          soci::use(i);
      tx.commit();
      written = i + 1;
      std::this_thread::sleep_for(1ms);
    }
  });
  // And the web server writing too.
  auto signed_in = sign_in("participant");
  while (written < 20) std::this_thread::sleep_for(1ms);

  auto dir = std::filesystem::temp_directory_path() / ("crm-backup-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = (dir / "backup.db").string();
  auto started = std::chrono::steady_clock::now();
  auto st = db::backup_sqlite(db_url(), file);
  auto took = std::chrono::steady_clock::now() - started;
  int written_during = written;
  stop = true;
  writer.join();
  ASSERT_TRUE(st) << st.error().key;
  EXPECT_LT(took, 20s);

  {
    auto url = db::parse_url("sqlite:" + file);
    ASSERT_TRUE(url);
    db::Session copy(*url);
    std::string check;
    copy.sql() << "PRAGMA integrity_check", soci::into(check);
    EXPECT_EQ(check, "ok");
    EXPECT_EQ(db::schema_version(copy), db::latest_version());
    // A consistent snapshot: the live rows are 0…k-1 without a gap, and
    // everything else is what the source holds.
    long long live = 0, highest = -1;
    soci::indicator ind;
    copy.sql() << "SELECT COUNT(*) FROM audit_log WHERE action = 'live'", soci::into(live);
    copy.sql() << "SELECT MAX(CAST(entity_id AS INTEGER)) FROM audit_log WHERE action = 'live'",
        soci::into(highest, ind);
    EXPECT_GT(live, 0);
    EXPECT_LE(live, written_during);
    EXPECT_EQ(highest + 1, live);
    EXPECT_EQ(dump_tables(copy, {"account", "invitation", "password_reset", "mail_outbox"}),
              dump_tables(sql(), {"account", "invitation", "password_reset", "mail_outbox"}));
    long long last_id = 0;
    copy.sql() << "SELECT MAX(id) FROM audit_log", soci::into(last_id);
    std::string a, b;
    auto rows = [&](db::Session& s) {
      std::string out;
      db::Rows rs =
          (s.sql().prepare << "SELECT id, action, entity_id FROM audit_log WHERE id <= :m "
                              "ORDER BY id",
           soci::use(last_id));
      for (const auto& r : rs)
        out += std::to_string(db::get_int64(r, 0)) + " " + db::get_text(r, 1) + " " +
               db::get_text(r, 2) + "\n";
      return out;
    };
    EXPECT_EQ(rows(copy), rows(sql()));
  }

  // With the writes over, a second copy holds exactly the same data…
  auto file2 = (dir / "backup2.db").string();
  ASSERT_TRUE(db::backup_sqlite(db_url(), file2));
  {
    db::Session copy(*db::parse_url("sqlite:" + file2));
    EXPECT_EQ(dump_tables(copy, state_tables()), state());
    EXPECT_EQ(dump_tables(copy, {"login_attempt"}), dump_tables(sql(), {"login_attempt"}));
  }
  // …and a server runs on it: the demo accounts can sign in.
  {
    TestServer restored(*db::parse_url("sqlite:" + file2), ServerOptions{});
    Client c(restored.port());
    const auto& a = demo("alumnus");
    auto r = c.submit("/login", {{"email", a.email}, {"password", a.password}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.location(), "/");
    EXPECT_EQ(c.get("/account").status, 200);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

}  // namespace
}  // namespace crm::test
