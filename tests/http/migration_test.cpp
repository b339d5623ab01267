// Migrations on a database that already holds data: migration 5 rebuilds the
// person table on SQLite (to drop the unique email) and must keep every row
// and every reference to it: enrolments, histories, consents, photos and
// merged records. Runs on SQLite, and on PostgreSQL when the tests use it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "http/support/test_server.hpp"
#include "surveys/answer_store.hpp"

namespace crm::test {
namespace {

// How many migrations this binary knows after `version` (numbers may have
// gaps while parts written side by side are merged).
int migrations_after(int version) {
  int n = 0;
  for (const auto& m : db::known_migrations()) n += m.version > version;
  return n;
}

long long count(db::Session& s, const std::string& sql) {
  long long n = 0;
  s.sql() << sql, soci::into(n);
  return n;
}

TEST(MigrationTest, PersonRebuildKeepsEveryRowAndReference) {
  EmptyDatabase database;
  const std::vector<std::string> tables = {"person", "enrolment", "enrolment_status_history",
                                           "consent"};
  std::string before;
  long long people = 0;
  {
    db::Session s(database.url());
    ASSERT_EQ(db::migrate(s, 4), 4);
    // The programme and its people only: the demo's later parts (curriculum,
    // attendance) need tables that schema 4 does not have yet.
    demo::load_programme(s, 1767225600);
    // A merged record and a photo, so both kinds of reference are there.
    s.sql() << "UPDATE person SET merged_into = (SELECT MIN(id) FROM person) WHERE id = (SELECT "
               "MAX(id) FROM person)";
    s.sql() << "INSERT INTO person_photo (person_id, content_type, data, updated_at) SELECT "
               "MIN(id), 'image/png', 'png', 0 FROM person";
    people = count(s, "SELECT COUNT(*) FROM person");
    ASSERT_GT(people, 100);
    before = dump_tables(s, tables);
  }
  db::Session s(database.url());
  EXPECT_EQ(db::migrate(s), migrations_after(4));
  EXPECT_EQ(dump_tables(s, tables), before);
  EXPECT_EQ(count(s, "SELECT COUNT(*) FROM person_photo"), 1);
  EXPECT_EQ(count(s, "SELECT COUNT(*) FROM person WHERE merged_into IS NOT NULL"), 1);
  // Foreign keys are on again and still hold: a dangling reference is refused …
  EXPECT_THROW(s.sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) "
                          "VALUES (999999, 1, 'participant', 'applicant', 0)",
               soci::soci_error);
  // … deleting a person takes their enrolments with them …
  const long long enrolments = count(s, "SELECT COUNT(*) FROM enrolment");
  const long long of_first =
      count(s,
            "SELECT COUNT(*) FROM enrolment WHERE person_id = (SELECT MAX(id) FROM person WHERE "
            "merged_into IS NULL AND account_id IS NULL)");
  s.sql() << "DELETE FROM person WHERE id = (SELECT MAX(id) FROM person WHERE merged_into IS "
             "NULL AND account_id IS NULL)";
  EXPECT_EQ(count(s, "SELECT COUNT(*) FROM enrolment"), enrolments - of_first);
  // … and an address may now stand on two records, new ids keep counting up.
  s.sql() << "INSERT INTO person (name, email, country, created_at) SELECT 'Twin', email, "
             "country, 0 FROM person WHERE id = (SELECT MIN(id) FROM person)";
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM person WHERE email = (SELECT email FROM person WHERE "
                  "id = (SELECT MIN(id) FROM person))"),
            2);
  EXPECT_GT(count(s, "SELECT MAX(id) FROM person"), people);
}

// Migration 7 puts the mail that waited in the old outbox queue onto the job
// queue: queued (and interrupted) mail gets a send job at its old time, sent
// and failed mail none; the outbox keeps every message.
TEST(MigrationTest, MailWaitingInTheOldQueueGetsItsJob) {
  EmptyDatabase database;
  {
    db::Session s(database.url());
    ASSERT_EQ(db::migrate(s, 6), 6);
    s.sql() << "INSERT INTO mail_outbox (to_address, subject, text_body, html_body, message_id, "
               "status, attempts, next_attempt_at, created_at) VALUES "
               "('a@example.org', 'A', 'a', '', 'm1', 'queued', 2, 1767225900, 1767225600), "
               "('b@example.org', 'B', 'b', '', 'm2', 'sending', 1, 1767225600, 1767225600), "
               "('c@example.org', 'C', 'c', '', 'm3', 'sent', 1, 1767225600, 1767225600), "
               "('d@example.org', 'D', 'd', '', 'm4', 'failed', 8, 1767225600, 1767225600)";
  }
  db::Session s(database.url());
  EXPECT_EQ(db::migrate(s), migrations_after(6));
  EXPECT_EQ(count(s, "SELECT COUNT(*) FROM mail_outbox"), 4);
  EXPECT_EQ(count(s, "SELECT COUNT(*) FROM job"), 2);
  EXPECT_EQ(count(s,
                  "SELECT COUNT(*) FROM job j JOIN mail_outbox m ON j.idempotency_key = "
                  "'mail:' || m.id WHERE j.kind = 'mail.send' AND j.state = 'queued' AND "
                  "j.payload = '{\"outbox\":' || m.id || '}' AND m.message_id IN ('m1', 'm2') "
                  "AND j.run_at = CASE m.message_id WHEN 'm1' THEN 1767225900 ELSE 1767225600 "
                  "END"),
            2);
}

// Migration 29 gives the responses submitted before it the rows the
// indicator report counts (survey_indicator_answer): the same rows as
// recording them now gives, positive and not.
TEST(MigrationTest, ResponsesSubmittedBeforeTheIndicatorRowsAreCounted) {
  EmptyDatabase database;
  {
    db::Session s(database.url());
    ASSERT_EQ(db::migrate(s, 28),
              static_cast<int>(db::known_migrations().size()) - migrations_after(28));
    demo::load(s, 1796083200);  // 2026-12-01: every cohort's follow-up has answers
    ASSERT_GT(count(s, "SELECT COUNT(*) FROM survey_response WHERE submitted_on IS NOT NULL"), 100);
  }
  db::Session s(database.url());
  EXPECT_EQ(db::migrate(s), migrations_after(28));
  auto rows = [&s] {
    std::string out;
    db::Rows all = (s.sql().prepare << "SELECT response_id, indicator, programme_id, cohort_id, "
                                       "country, gender, organisation_type, audience, "
                                       "months_after, submitted_on, positive FROM "
                                       "survey_indicator_answer ORDER BY response_id, indicator");
    for (const auto& r : all) {
      for (std::size_t i : {0, 2, 3, 8, 9, 10}) out += std::to_string(db::get_int64(r, i)) + " ";
      for (std::size_t i : {1, 4, 5, 6, 7}) out += db::get_text(r, i) + " ";
      out += "\n";
    }
    return out;
  };
  const std::string migrated = rows();
  const long long n = count(s, "SELECT COUNT(*) FROM survey_indicator_answer");
  EXPECT_GT(count(s, "SELECT COUNT(*) FROM survey_indicator_answer WHERE positive = 1"), 10);
  EXPECT_GT(count(s, "SELECT COUNT(*) FROM survey_indicator_answer WHERE positive = 0"), 10);
  EXPECT_EQ(count(s,
                  "SELECT COUNT(DISTINCT indicator) FROM survey_indicator_answer WHERE cohort_id "
                  "> 0"),
            2);
  s.sql() << "DELETE FROM survey_indicator_answer";
  EXPECT_EQ(surveys::answer_store::record_missing_indicator_answers(s), n);
  EXPECT_EQ(rows(), migrated);
  EXPECT_EQ(surveys::answer_store::record_missing_indicator_answers(s), 0);
}

// Two app servers started together on an empty database (or two `crm
// migrate`): both succeed, and the schema is migrated once.
TEST(MigrationTest, TwoServersMigratingAnEmptyDatabaseAtOnceBothSucceed) {
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    EmptyDatabase database;
    int applied[2] = {-1, -1};
    std::string errors[2];
    {
      std::vector<std::thread> servers;
      for (int i = 0; i < 2; ++i)
        servers.emplace_back([&, i] {
          try {
            db::Session s(database.url());
            applied[i] = db::migrate(s);
          } catch (const std::exception& e) {
            errors[i] = e.what();
          }
        });
      for (auto& t : servers) t.join();
    }
    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "");
    EXPECT_EQ(applied[0] + applied[1], migrations_after(0));
    db::Session s(database.url());
    EXPECT_EQ(db::schema_version(s), db::latest_version());
    EXPECT_EQ(count(s, "SELECT COUNT(*) FROM schema_migrations"), migrations_after(0));
  }
}

}  // namespace
}  // namespace crm::test
