// The per-session statement cache (db/statements.hpp) against the real
// databases: statements are prepared once, stay correct when nested, when one
// fails, past the bound, across a lost PostgreSQL connection, and a kept
// SQLite statement never pins an old snapshot.
#include <gtest/gtest.h>

#include <string>

#include "db/database.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;

ll insert_programme(db::Session& s, const std::string& slug) {
  ll id = 0, now = 1;
  s.sql() << "INSERT INTO programme (slug, created_at) VALUES (:s, :t) RETURNING id",
      soci::use(slug), soci::use(now), soci::into(id);
  return id;
}

ll programmes(db::Session& s) {
  ll n = 0;
  s.sql() << "SELECT COUNT(*) FROM programme", soci::into(n);
  return n;
}

TEST(StatementCacheTest, ATextIsPreparedOnceAndRunsWithNewValuesEachTime) {
  TestDatabase database;
  db::Session s(database.url());
  ll a = insert_programme(s, "cache-a");
  ll b = insert_programme(s, "cache-b");
  s.sql().reset_stats();
  for (ll id : {a, b, a}) {
    std::string slug;
    s.sql() << "SELECT slug FROM programme WHERE id = :id", soci::use(id), soci::into(slug);
    ASSERT_TRUE(s.sql().got_data());
    EXPECT_EQ(slug, id == a ? "cache-a" : "cache-b");
  }
  ll missing = 999999;
  std::string none;
  s.sql() << "SELECT slug FROM programme WHERE id = :id", soci::use(missing), soci::into(none);
  EXPECT_FALSE(s.sql().got_data());
  EXPECT_EQ(s.sql().stats().statements, 4);
  EXPECT_EQ(s.sql().stats().prepared, 1);
  EXPECT_GT(s.sql().stats().time.count(), 0);
}

TEST(StatementCacheTest, ACacheOfNoneStatementsPreparesEveryStatementForItsOneRun) {
  TestDatabase database;
  db::Url url = database.url();
  url.statement_cache = 0;
  db::Session s(url);
  ll a = insert_programme(s, "uncached");
  s.sql().reset_stats();
  for (int i = 0; i < 3; ++i) {
    std::string slug;
    s.sql() << "SELECT slug FROM programme WHERE id = :id", soci::use(a), soci::into(slug);
    EXPECT_EQ(slug, "uncached");
  }
  EXPECT_EQ(s.sql().stats().prepared, 3);
  EXPECT_EQ(s.sql().kept(), 0u);
}

TEST(StatementCacheTest, RowsOfTheSameTextNestedAreBothRead) {
  TestDatabase database;
  db::Session s(database.url());
  for (auto slug : {"nest-1", "nest-2", "nest-3"}) insert_programme(s, slug);
  const std::string query = "SELECT slug FROM programme WHERE slug LIKE 'nest-%' ORDER BY slug";
  int outer = 0, inner = 0;
  {
    db::Rows rows = s.sql().prepare << query;
    for (const soci::row& r : rows) {
      ++outer;
      EXPECT_EQ(db::get_text(r, 0), "nest-" + std::to_string(outer));
      db::Rows again = s.sql().prepare << query;
      for (const soci::row& r2 : again) {
        (void)r2;
        ++inner;
      }
    }
  }
  EXPECT_EQ(outer, 3);
  EXPECT_EQ(inner, 9);
  // Both gave their statement back: the kept one is reused.
  s.sql().reset_stats();
  db::Rows later = s.sql().prepare << query;
  int n = 0;
  for (const soci::row& r : later) n += !db::get_text(r, 0).empty();
  EXPECT_EQ(n, 3);
  EXPECT_EQ(s.sql().stats().prepared, 0);
}

TEST(StatementCacheTest, AStatementThatFailsLeavesTheCacheUsable) {
  TestDatabase database;
  db::Session s(database.url());
  insert_programme(s, "twice");
  EXPECT_THROW(insert_programme(s, "twice"), soci::soci_error);  // slug is unique
  EXPECT_EQ(insert_programme(s, "once") > 0, true);
  EXPECT_EQ(programmes(s), programmes(s));
  // A failing list too, and one inside a transaction that rolls back.
  EXPECT_THROW(
      {
        db::Rows r = s.sql().prepare << "SELECT no_such_column FROM programme";
        for (const soci::row& x : r) (void)x;
      },
      soci::soci_error);
  const ll before = programmes(s);
  {
    db::Transaction tx(s);
    insert_programme(s, "rolled-back");
    EXPECT_THROW(insert_programme(s, "twice"), soci::soci_error);
  }
  EXPECT_EQ(programmes(s), before);
  insert_programme(s, "after");
  EXPECT_EQ(programmes(s), before + 1);
}

TEST(StatementCacheTest, KeepsAtMostItsBoundOfStatements) {
  TestDatabase database;
  db::Session s(database.url());
  for (int i = 0; i < 400; ++i) {
    ll n = 0;
    s.sql() << "SELECT " + std::to_string(i) + " + COUNT(*) FROM programme", soci::into(n);
    EXPECT_GE(n, i);
  }
  EXPECT_LE(s.sql().kept(), 256u);
  EXPECT_GT(s.sql().kept(), 0u);
}

// A statement left on a row would keep SQLite's read transaction open, and
// with it the snapshot: the session would not see what others wrote since.
TEST(StatementCacheTest, AKeptStatementDoesNotHideLaterWritesOfOtherSessions) {
  TestDatabase database;
  db::Session reader(database.url());
  db::Session writer(database.url());
  for (auto slug : {"snap-1", "snap-2"}) insert_programme(writer, slug);
  std::string first;
  reader.sql() << "SELECT slug FROM programme ORDER BY slug", soci::into(first);  // more rows left
  const ll before = programmes(reader);
  insert_programme(writer, "snap-3");
  EXPECT_EQ(programmes(reader), before + 1);
}

TEST(StatementCacheTest, StatementsArePreparedAgainAfterTheConnectionIsReplaced) {
  if (!testing_postgresql()) GTEST_SKIP() << "PostgreSQL connections only";
  TestDatabase database;
  db::Session s(database.url());
  const ll before = programmes(s);
  ll pid = 0;
  s.sql() << "SELECT pg_backend_pid()", soci::into(pid);
  {
    db::Session admin(database.url());
    admin.sql() << "SELECT pg_terminate_backend(:p)", soci::use(pid);
  }
  EXPECT_THROW(programmes(s), soci::soci_error);
  ASSERT_TRUE(s.ping());  // reconnects, forgetting the statements of the old connection
  EXPECT_EQ(programmes(s), before);
  insert_programme(s, "after-reconnect");
  EXPECT_EQ(programmes(s), before + 1);
}

TEST(StatementCacheTest, AReadSnapshotSeesOneStateAndEndsBeforeAWrite) {
  TestDatabase database;
  db::Session reader(database.url());
  db::Session writer(database.url());
  insert_programme(writer, "snapshot-1");
  const ll before = programmes(reader);
  reader.sql().reset_stats();
  {
    db::ReadSnapshot snapshot(reader);
    EXPECT_EQ(reader.sql().reading(), reader.backend() == db::Backend::sqlite);
    EXPECT_EQ(programmes(reader), before);
    insert_programme(writer, "snapshot-2");
    // SQLite: the page goes on seeing the state it started with; PostgreSQL
    // (no snapshot): each statement sees what was committed before it.
    EXPECT_EQ(programmes(reader), reader.backend() == db::Backend::sqlite ? before : before + 1);
    // A write ends the snapshot first: it sees and keeps the other session's
    // row (no SQLITE_BUSY_SNAPSHOT), and the reads after it see both.
    insert_programme(reader, "snapshot-3");
    EXPECT_FALSE(reader.sql().reading());
    EXPECT_EQ(programmes(reader), before + 2);
  }
  EXPECT_FALSE(reader.sql().reading());
  EXPECT_EQ(programmes(writer), before + 2);
  // BEGIN and COMMIT of the snapshot are not statements of the page.
  EXPECT_EQ(reader.sql().stats().statements, 4);
}

TEST(StatementCacheTest, ATransactionInsideAReadSnapshotCommitsItsWrites) {
  TestDatabase database;
  db::Session s(database.url());
  db::Session other(database.url());
  const ll before = programmes(s);
  {
    db::ReadSnapshot snapshot(s);
    EXPECT_EQ(programmes(s), before);
    insert_programme(other, "tx-other");
    db::Transaction tx(s);
    EXPECT_FALSE(s.sql().reading());
    insert_programme(s, "tx-own");
    tx.commit();
    EXPECT_EQ(programmes(s), before + 2);
  }
  EXPECT_EQ(programmes(other), before + 2);
}

}  // namespace
}  // namespace crm::test
