// `crm demo --scale N` loads its people, organisations, enrolments and their
// histories many rows per statement: the number of statements does not grow
// with the number of people (at --scale 100 on PostgreSQL one statement per
// row took about 20 s). The rows keep their references right and the ids
// carry on after what the database already holds. SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

// A migrated database of its own without demo data; removed at the end.
class ScratchDatabase : public EmptyDatabase {
 public:
  ScratchDatabase() {
    db::Session s(url());
    db::migrate(s);
  }
};

long long count(db::Session& s, const std::string& sql) {
  long long n = 0;
  s.sql() << sql, soci::into(n);
  return n;
}

constexpr int64_t kNow = 1767225600;

// The statements demo::load runs (SOCI's query log: one line each, since a
// session that keeps no statements prepares each one for its run).
long statements_of_load(db::Session& s, long scale) {
  std::ostringstream log;
  s.raw().set_log_stream(&log);
  demo::load(s, kNow, scale);
  s.raw().set_log_stream(nullptr);
  const std::string text = log.str();
  return static_cast<long>(std::count(text.begin(), text.end(), '\n'));
}

TEST(DemoLoad, StatementsDoNotGrowWithThePeople) {
  ScratchDatabase small, large;
  db::Url small_url = small.url(), large_url = large.url();
  small_url.statement_cache = large_url.statement_cache = 0;
  db::Session a(small_url), b(large_url);
  const long one = statements_of_load(a, 1);
  const long ten = statements_of_load(b, 10);
  const long long people = count(b, "SELECT COUNT(*) FROM person");
  ASSERT_GT(people, 1000);
  // Nine more rounds add 36 cohorts (one statement each) and a few batches;
  // one statement per row would be thousands.
  EXPECT_LT(ten - one, 100) << one << " statements at scale 1, " << ten << " at scale 10";
}

TEST(DemoLoad, RowsReferToEachOtherAndIdsCarryOn) {
  ScratchDatabase database;
  db::Session s(database.url());
  // Rows the database held before (one deleted: its id is not given again).
  const int64_t org =
      programme::store::insert_organisation(s, {0, "Earlier organisation", "", "DE", "ngo"});
  programme::Person before;
  before.name = "Earlier person";
  before.email = "earlier@example.org";
  before.country = "DE";
  before.organisation_id = org;
  const int64_t kept = programme::store::insert_person(s, before);
  before.email = "deleted@example.org";
  const int64_t deleted = programme::store::insert_person(s, before);
  const long long gone = deleted;
  s.sql() << "DELETE FROM person WHERE id = :id", soci::use(gone);

  demo::load(s, kNow, 3);

  EXPECT_GT(count(s, "SELECT COUNT(*) FROM person"), 300);
  EXPECT_EQ(count(s, "SELECT MIN(id) FROM person WHERE id <> " + std::to_string(kept)),
            deleted + 1);
  // Everyone works at an organisation of their own country: the ids of
  // organisations and people were matched up right.
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM person p JOIN organisation o ON o.id = p.organisation_id "
                  "WHERE o.country <> p.country"),
            0);
  EXPECT_EQ(count(s, "SELECT COUNT(*) FROM person WHERE organisation_id IS NULL"), 0);
  // Every enrolment has its history, and the latest entry is its status
  // (the demo's applicants who were not admitted end at "admitted").
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM enrolment e WHERE e.status <> 'not_admitted' AND "
                  "e.status <> (SELECT h.status FROM "
                  "enrolment_status_history h WHERE h.enrolment_id = e.id ORDER BY h.at DESC, "
                  "h.id DESC LIMIT 1)"),
            0);
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM enrolment e "
                  "WHERE e.person_id = p.id) AND p.id <> " +
                      std::to_string(kept)),
            0);
  // The demo accounts are linked to their people; the applicant's first
  // step was nobody's, the others the staff member's.
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM person p JOIN account a ON a.id = p.account_id WHERE "
                  "a.email = 'participant@demo.crm.example' AND p.country = 'LB'"),
            1);
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM enrolment_status_history WHERE status = 'applicant' "
                  "AND by_account_id IS NOT NULL"),
            0);
  EXPECT_GT(count(s, "SELECT COUNT(*) FROM cohort_target"), 0);
  // New rows carry on after the demo's.
  programme::Person after;
  after.name = "Later person";
  after.email = "later@example.org";
  after.country = "AT";
  const int64_t later = programme::store::insert_person(s, after);
  EXPECT_EQ(later, count(s, "SELECT MAX(id) FROM person"));
  EXPECT_GT(programme::store::insert_organisation(s, {0, "Later organisation", "", "AT", "ngo"}),
            count(s, "SELECT MAX(id) FROM organisation WHERE name <> 'Later organisation'"));
}

}  // namespace
}  // namespace crm::test
