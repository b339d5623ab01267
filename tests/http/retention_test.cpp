// Retention of applicants' documents (the job "admissions.retention", on both
// databases): it empties the documents of exactly the applicants who were not
// admitted once their call's period is over — rejected, on the waiting list,
// declined, withdrawn, drafts never sent — and nothing else: not within the
// period, not the accepted, not the undecided, never an enrolled
// participant's; the rows, answers and the funnel's counts stay; a second run
// changes nothing; the applicant sees "deleted on …" and the file is gone.
#include <ctime>
#include <map>

#include "admissions/retention.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/test_server.hpp"
#include "jobs/service.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr ll kDay = 86400;

TEST(RetentionPeriod, EndsOnTheSameDayOrTheMonthsLastDayInUtc) {
  using admissions::retention::period_end;
  // 2026-08-31 10:00 UTC + 6 months: 2027-02-28 10:00 UTC.
  EXPECT_EQ(period_end(1788170400, 6), 1803808800);
  // 2027-08-31 + 6 months: 2028-02-29 (a leap year).
  EXPECT_EQ(period_end(1819706400, 6), 1835431200);
  // 2026-01-15 00:00 + 1 month: 2026-02-15 00:00; 0 months: at once.
  EXPECT_EQ(period_end(1768435200, 1), 1771113600);
  EXPECT_EQ(period_end(1768435200, 0), 1768435200);
  // 12 months: the same date a year later.
  EXPECT_EQ(period_end(1768435200, 12), 1799971200);
}

class RetentionTest : public HttpTest {
 protected:
  ll programme_ = 0, now_ = 0;
  std::map<std::string, ll> app_;
  std::map<std::string, std::vector<ll>> docs_;  // cv, support letter
  ll call_ = 0, long_call_ = 0, cohort_ = 0;

  ll cohort(long number) {
    programme::Cohort c;
    c.programme_id = programme_;
    c.number = number;
    c.name = "Retention " + std::to_string(number);
    c.starts_on = now_ - 200 * kDay;
    c.ends_on = now_ + 100 * kDay;
    c.status = "running";
    return programme::store::insert_cohort(sql(), c);
  }

  ll person(const std::string& key) {
    programme::Person p;
    p.name = "Person " + key + " Retention";
    p.email = key + ".retention@applicants.example.org";
    p.gender = "female";
    p.created_at = now_;
    return programme::store::insert_person(sql(), p);
  }

  // An application with a CV and a letter of support, an answer, and what
  // the decision left.
  void applicant(const std::string& key, ll call, ll question, const std::string& status,
                 const DecisionSpec& d, ll person_id = 0) {
    const ll p = person_id ? person_id : person(key);
    ll app = application_insert(sql(),
                                {.call = call,
                                 .person = p,
                                 .status = status,
                                 .organisation_country = "AL",
                                 .submitted_at = now_ - 300 * kDay},
                                now_ - 320 * kDay);
    app_[key] = app;
    answer_insert(sql(), app, question, "yes");
    docs_[key] = {
        document_insert(sql(), app, "cv", key + "-cv.pdf", now_ - 310 * kDay),
        document_insert(sql(), app, "support_letter", key + "-letter.pdf", now_ - 310 * kDay)};
    if (!d.decision.empty() || d.withdrawn_at) decision_set(sql(), app, d);
  }

  void SetUp() override {
    HttpTest::SetUp();
    now_ = static_cast<ll>(std::time(nullptr));
    sql().sql() << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    cohort_ = cohort(92);
    const ll seven = now_ - 213 * kDay, five = now_ - 150 * kDay, eight = now_ - 244 * kDay;
    auto ids = call_insert(sql(),
                           {.programme = programme_,
                            .cohort = cohort_,
                            .status = "decided",
                            .opens_at = now_ - 330 * kDay,
                            .closes_at = now_ - 270 * kDay,
                            .places = 3,
                            .title = "Retention call"},
                           now_ - 330 * kDay);
    call_ = ids.call;
    const ll q = question_insert(sql(), call_, 1, "yes");
    // Past the 6 months: emptied.
    applicant("rejected", call_, q, "submitted", {"rejected", seven, {}, {}, {}},
              person_of_account("participant@demo.crm.example"));
    applicant("waiting", call_, q, "submitted", {"waiting", seven, {}, {}, {}});
    applicant("declined", call_, q, "submitted", {"accepted", eight, {}, seven, {}});
    applicant("withdrawn", call_, q, "submitted", {"", 0, {}, {}, seven});
    applicant("draft", call_, q, "draft", {});
    // Kept: within the period, admitted, undecided, enrolled.
    applicant("rejected-recently", call_, q, "submitted", {"rejected", five, {}, {}, {}});
    applicant("declined-recently", call_, q, "submitted", {"accepted", eight, {}, five, {}});
    applicant("withdrawn-recently", call_, q, "submitted", {"", 0, {}, {}, five});
    applicant("enrolled", call_, q, "submitted", {"accepted", eight, eight, {}, {}});
    enrolment_insert(sql(), person_id_of(app_["enrolled"]), cohort_, eight);
    applicant("accepted-unconfirmed", call_, q, "submitted", {"accepted", eight, {}, {}, {}});
    applicant("undecided", call_, q, "submitted", {});
    // Rejected long ago, yet a participant of the cohort (staff enrolled them
    // by hand): never theirs.
    applicant("rejected-enrolled", call_, q, "submitted", {"rejected", eight, {}, {}, {}});
    enrolment_insert(sql(), person_id_of(app_["rejected-enrolled"]), cohort_, seven, "participant",
                     "participant");
    // A call that keeps documents 12 months.
    auto long_ids = call_insert(sql(),
                                {.programme = programme_,
                                 .cohort = cohort(93),
                                 .status = "decided",
                                 .opens_at = now_ - 330 * kDay,
                                 .closes_at = now_ - 270 * kDay,
                                 .title = "Long retention call"},
                                now_ - 330 * kDay);
    long_call_ = long_ids.call;
    sql().sql() << "UPDATE call SET retention_months = 12 WHERE id = :c", soci::use(long_call_);
    const ll q2 = question_insert(sql(), long_call_, 1, "yes");
    applicant("rejected-long-call", long_call_, q2, "submitted", {"rejected", seven, {}, {}, {}});
  }

  ll person_of_account(const std::string& email) {
    ll id = 0;
    sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE "
                   "a.email = :e",
        soci::use(email), soci::into(id);
    return id;
  }

  ll person_id_of(ll application) {
    ll id = 0;
    sql().sql() << "SELECT person_id FROM application WHERE id = :a", soci::use(application),
        soci::into(id);
    return id;
  }

  // Every document: whether its data is there, its length and when deleted.
  std::map<ll, std::string> documents() {
    std::map<ll, std::string> out;
    db::Rows rows =
        (sql().sql().prepare << "SELECT id, application_id, kind, filename, size, uploaded_at, "
                                "COALESCE(LENGTH(data), -1), COALESCE(deleted_at, 0) FROM "
                                "application_document ORDER BY id");
    for (const auto& r : rows) {
      std::string line;
      for (size_t i = 1; i < 8; ++i)
        line += (i == 1 ? "" : " | ") +
                (i == 2 || i == 3 ? db::get_text(r, i) : std::to_string(db::get_int64(r, i)));
      out[db::get_int64(r, 0)] = line;
    }
    return out;
  }

  bool emptied(const std::map<ll, std::string>& now, ll doc) {
    const auto& line = now.at(doc);
    return line.find(" | -1 | ") != std::string::npos && line.rfind(" | 0") != line.size() - 4;
  }

  std::string others() {
    return dump_tables(sql(), {"application", "application_answer", "enrolment", "call",
                               "call_question", "shortlist_change"});
  }

  std::string funnel_csv(const std::vector<ll>& calls) {
    auto staff = sign_in("staff");
    std::string out;
    for (ll c : calls) {
      auto res = staff.get("/calls/" + std::to_string(c) + "/funnel.csv");
      EXPECT_EQ(res.status, 200);
      out += res.body;
    }
    return out;
  }

  void enqueue_run(const std::string& key) {
    db::Transaction tx(sql());
    jobs::NewJob j;
    j.kind = std::string(admissions::retention::kRetentionJob);
    j.key = key;
    jobs::enqueue(sql(), j, now_);
    tx.commit();
  }
};

TEST_F(RetentionTest, TheJobEmptiesExactlyTheDocumentsOfThoseNotAdmittedPastThePeriod) {
  const auto before = documents();
  const auto rest = others();
  const auto funnel = funnel_csv({call_, long_call_});
  admissions::retention::schedule_retention(sql(), now_);
  EXPECT_GE(run_jobs(), 1);

  const auto after = documents();
  ASSERT_EQ(after.size(), before.size());
  const std::set<std::string> gone = {"rejected", "waiting", "declined", "withdrawn", "draft"};
  for (const auto& [key, docs] : docs_) {
    SCOPED_TRACE(key);
    for (ll d : docs) {
      if (gone.count(key)) {
        EXPECT_TRUE(emptied(after, d)) << after.at(d);
        // Name, kind and size stay.
        EXPECT_EQ(after.at(d).substr(0, after.at(d).find(" | -1")),
                  before.at(d).substr(0, after.at(d).find(" | -1")));
      } else {
        EXPECT_EQ(after.at(d), before.at(d));
      }
    }
  }
  // The rows, answers and enrolments as they were; the funnel counts the same.
  EXPECT_EQ(others(), rest);
  EXPECT_EQ(funnel_csv({call_, long_call_}), funnel);
  // One audit entry with the count.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'admissions.retention'"), 1);
  std::string changes;
  sql().sql() << "SELECT changes FROM audit_log WHERE action = 'admissions.retention'",
      soci::into(changes);
  EXPECT_NE(changes.find("documents=10 applications=5"), std::string::npos) << changes;
  // Tomorrow's run is queued; scheduling again today adds nothing.
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'admissions.retention' AND state = "
                  "'queued'"),
            1);
  admissions::retention::schedule_retention(sql(), now_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'admissions.retention'"), 2);

  // A second run changes nothing and logs nothing.
  const auto state = dump_tables(sql(), {"application", "application_answer", "enrolment"});
  enqueue_run("admissions.retention:again");
  EXPECT_GE(run_jobs(), 1);
  EXPECT_EQ(documents(), after);
  EXPECT_EQ(dump_tables(sql(), {"application", "application_answer", "enrolment"}), state);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'admissions.retention'"), 1);
}

TEST_F(RetentionTest, NothingIsDueWithinThePeriod) {
  // Every decision a day younger than six months: nothing goes.
  sql().sql() << "UPDATE application SET decided_at = :t, declined_at = CASE WHEN declined_at IS "
                 "NULL THEN NULL ELSE CAST(:t2 AS BIGINT) END, withdrawn_at = CASE WHEN "
                 "withdrawn_at IS NULL THEN NULL ELSE CAST(:t3 AS BIGINT) END",
      soci::use(now_ - 180 * kDay), soci::use(now_ - 180 * kDay), soci::use(now_ - 180 * kDay);
  sql().sql() << "UPDATE call SET closes_at = :t", soci::use(now_ - 180 * kDay);
  const auto before = documents();
  admissions::retention::schedule_retention(sql(), now_);
  run_jobs();
  EXPECT_EQ(documents(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'admissions.retention'"), 0);
}

TEST_F(RetentionTest, TheApplicantSeesWhenTheDocumentWasDeletedAndItsLinkIsGone) {
  auto me = sign_in("participant");  // reads Arabic: this test reads English
  me.post("/language", {{"csrf", csrf_of(me.get("/").body)}, {"language", "en"}, {"next", "/"}});
  const std::string base = "/applications/" + std::to_string(app_["rejected"]);
  ASSERT_EQ(me.get(base + "/documents/cv").status, 200);
  EXPECT_NE(me.get(base).body.find("href=\"" + base + "/documents/cv\""), std::string::npos);

  admissions::retention::schedule_retention(sql(), now_);
  run_jobs();
  auto page = me.get(base);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("href=\"" + base + "/documents/cv\""), std::string::npos);
  EXPECT_NE(page.body.find("rejected-cv.pdf"), std::string::npos);
  EXPECT_NE(page.body.find("deleted on"), std::string::npos);
  auto file = me.get(base + "/documents/cv");
  EXPECT_EQ(file.status, 404);
  EXPECT_EQ(file.body.find("%PDF"), std::string::npos);
  EXPECT_NE(file.body.find("deleted after the call&#39;s retention period"), std::string::npos)
      << file.body.substr(0, 2000);
  // Someone else's document stays 404 without a word about it.
  auto other = me.get("/applications/" + std::to_string(app_["waiting"]) + "/documents/cv");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("retention"), std::string::npos);
}

}  // namespace
}  // namespace crm::test
