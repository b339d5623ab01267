// The review of applications (issue 13 §3) through the server, on both
// databases: the blind first stage (no applicant's name, e-mail or
// organisation name on any page, export or mail a reviewer gets), the
// conflict rules and the even assignment, scores outside the scale, 404 for
// what a reviewer or another programme's staff may not see, the staff's
// progress with the spread and disagreement on a hand-checked fixture, and
// the reminders through a real SMTP server.
#include <ctime>
#include <map>
#include <regex>
#include <set>

#include "admissions/review_service.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "jobs/service.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;

struct Applicant {
  std::string name, email, organisation;
  ll person = 0, application = 0;
};

// `text` with each placeholder replaced.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [k, v] : values)
    for (auto at = text.find(k); at != std::string::npos; at = text.find(k, at + v.size()))
      text.replace(at, k.size(), v);
  return text;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c == '\'')
      out += "&#39;";
    else
      out += c;
  }
  return out;
}

class ReviewTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_ = 0, now_ = 0;
  CallIds call_;
  std::vector<Applicant> applicants_;
  // Reviewers: role → organisation, country.
  const std::vector<std::string> roles_ = {"admin", "staff", "lecturer", "stakeholder"};

  void SetUp() override {
    HttpTest::SetUp();
    now_ = static_cast<ll>(std::time(nullptr));
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    // A cohort of its own: the demo's cohorts may have calls of their own.
    programme::Cohort c;
    c.programme_id = programme_;
    c.number = 90;
    c.name = "Review test cohort";
    c.starts_on = now_ + 60 * 86400;
    c.ends_on = now_ + 200 * 86400;
    c.status = "planned";
    cohort_ = programme::store::insert_cohort(sql(), c);
  }

  // A condition on review_assignment (or review_conflict …) rows of this call.
  std::string in_call() const {
    return " application_id IN (SELECT id FROM application WHERE call_id = " +
           std::to_string(call_.call) + ")";
  }

  // A closed call of cohort 4 with `n` submitted applications of people with
  // names, addresses and organisations found nowhere else.
  void make_call(int n, bool same_country = false, bool second_stage = false) {
    call_ = call_insert(sql(),
                        {.programme = programme_,
                         .cohort = cohort_,
                         .status = "closed",
                         .opens_at = now_ - 30 * 86400,
                         .closes_at = now_ - 86400,
                         .second_stage = second_stage,
                         .conflict_same_country = same_country},
                        now_);
    const char* first[] = {"Xiomara", "Quillon", "Zebulon", "Ottilie", "Yusra", "Vasilisa"};
    const char* last[] = {"Vandersloot", "Krzyzanowski",     "Abernathy-Moyo",
                          "Thistlewood", "Okonkwo-Baptiste", "Haraldsdottir"};
    const char* org[] = {"Quetzal Relief Agency",  "Bureau Zanzibarite",
                         "Fjordline Migrant Aid",  "Kestrel Returnee Network",
                         "Obsidian Labour Office", "Marigold Diaspora Trust"};
    for (int i = 0; i < n; ++i) {
      Applicant a;
      a.name = std::string(first[i % 6]) + " " + last[i % 6];
      a.email = "applicant" + std::to_string(i) + ".zq@mailbox.example";
      a.organisation = org[i % 6];
      programme::Person p;
      p.name = a.name;
      p.email = a.email;
      p.country = "MA";
      p.gender = i % 2 ? "female" : "male";
      p.created_at = now_;
      a.person = programme::store::insert_person(sql(), p);
      a.application = application_insert(sql(),
                                         {.call = call_.call,
                                          .person = a.person,
                                          .organisation_name = a.organisation,
                                          .organisation_country = i % 2 ? "MA" : "TN"},
                                         now_);
      applicants_.push_back(a);
    }
  }

  ll reviewer_id(const std::string& role) { return account_id(demo(role).email); }

  void add_reviewers(const std::vector<std::pair<std::string, std::string>>& org_country) {
    for (size_t i = 0; i < org_country.size() && i < roles_.size(); ++i)
      call_reviewer_insert(sql(), call_.call, reviewer_id(roles_[i]), org_country[i].first,
                           org_country[i].second, now_);
  }

  std::string call_path() const { return "/calls/" + std::to_string(call_.call); }

  std::vector<ll> assignments_of(ll account) {
    std::vector<ll> out;
    db::Rows rows =
        (sql().sql().prepare << "SELECT ra.id FROM review_assignment ra JOIN application ap ON "
                                "ap.id = ra.application_id WHERE ap.call_id = :c AND "
                                "ra.account_id = :a ORDER BY ra.id",
         soci::use(call_.call), soci::use(account));
    for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
    return out;
  }

  // Whether `text` holds any applicant's name, e-mail or organisation name.
  std::string leak(const std::string& text) {
    for (const auto& a : applicants_)
      for (const auto* s : {&a.name, &a.email, &a.organisation})
        if (text.find(*s) != std::string::npos) return *s;
    // Each word of a name alone, too (a family name in an alt text …).
    for (const auto& a : applicants_) {
      auto space = a.name.find(' ');
      for (auto w : {a.name.substr(0, space), a.name.substr(space + 1)})
        if (text.find(w) != std::string::npos) return w;
    }
    return "";
  }

  Client staff() { return sign_in("staff"); }
};

TEST_F(ReviewTest, StaffAssignEvenlyWithinTheRulesAndNoStageOnePageExportOrMailShowsAnApplicant) {
  make_call(6);
  sql().sql() << "UPDATE call SET review_due_at = :t WHERE id = :c", soci::use(now_ - 3600),
      soci::use(call_.call);
  // The lecturer is of the first applicant's organisation, written otherwise.
  add_reviewers({{"University of Krems", "AT"},
                 {"Danube Office", "DE"},
                 {"  quetzal RELIEF   agency ", "FR"},
                 {"Steering Committee", "GH"}});
  // One session per reviewer (signing in again would wait for a fresh TOTP step).
  std::map<std::string, Client> clients;
  for (const auto& role : roles_) clients.emplace(role, sign_in(role));
  auto& s = clients.at("staff");
  auto res = s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign");
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE" + in_call()), 12);
  // Every application two reviewers, never the lecturer for the first.
  for (const auto& a : applicants_)
    EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE application_id = " +
                    std::to_string(a.application)),
              2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE application_id = " +
                  std::to_string(applicants_[0].application) +
                  " AND account_id = " + std::to_string(reviewer_id("lecturer"))),
            0);
  // Loads as even as the rules allow: 12 reviews over 4 reviewers, 3 each.
  for (const auto& role : roles_) EXPECT_EQ(assignments_of(reviewer_id(role)).size(), 3u) << role;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'call.assign'"), 1);

  // Every stage-1 page, export and mail of every reviewer, against every applicant.
  long pages = 0;
  for (const auto& role : roles_) {
    auto& c = clients.at(role);
    for (const std::string path : {"/reviews", "/reviews.csv"}) {
      auto r = c.get(path);
      ASSERT_EQ(r.status, 200) << role << path;
      EXPECT_EQ(leak(r.body), "") << role << " " << path;
      ++pages;
    }
    for (ll a : assignments_of(reviewer_id(role))) {
      const auto path = "/reviews/" + std::to_string(a);
      auto page = c.get(path);
      ASSERT_EQ(page.status, 200) << role << path;
      EXPECT_NE(page.body.find("Five years of counselling returnees."), std::string::npos)
          << "the application's answers are shown";
      EXPECT_EQ(leak(page.body), "") << role << " " << path;
      // A score outside the scale: the page again, with the message.
      auto bad = c.post(path, {{"csrf", csrf_of(page.body)},
                               {"score_" + std::to_string(call_.criteria[0]), "9"},
                               {"score_" + std::to_string(call_.criteria[1]), "3"}});
      EXPECT_EQ(bad.status, 422);
      EXPECT_EQ(leak(bad.body), "") << role << " error page " << path;
      // Submitted, with the other reviewers' scores once both are in.
      auto ok = c.post(path, {{"csrf", csrf_of(page.body)},
                              {"score_" + std::to_string(call_.criteria[0]), "4"},
                              {"score_" + std::to_string(call_.criteria[1]), "2"},
                              {"comment_" + std::to_string(call_.criteria[0]), "Clear aims."}});
      EXPECT_EQ(ok.status, 303) << ok.body;
      pages += 2;
    }
  }
  // Again after all submitted: the other reviewers' scores are shown now.
  for (const auto& role : roles_) {
    auto& c = clients.at(role);
    for (ll a : assignments_of(reviewer_id(role))) {
      auto page = c.get("/reviews/" + std::to_string(a));
      ASSERT_EQ(page.status, 200);
      EXPECT_NE(page.body.find("id=\"others\""), std::string::npos) << "the others' scores";
      EXPECT_EQ(leak(page.body), "") << role;
      ++pages;
    }
  }
  EXPECT_EQ(pages, 4 * 2 + 12 * 2 + 12);

  // The check can fail: the staff's progress page names the applicants.
  auto progress = s.get(call_path() + "/reviews");
  ASSERT_EQ(progress.status, 200);
  EXPECT_NE(leak(progress.body), "");
}

TEST_F(ReviewTest, RemindersGoToReviewersWithOverdueReviewsOnceADayWithoutAnApplicant) {
  make_call(4);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  sql().sql() << "UPDATE call SET review_due_at = :t WHERE id = :c", soci::use(now_ - 3600),
      soci::use(call_.call);
  auto s = staff();
  ASSERT_EQ(
      s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign").status,
      303);
  // The admin submits theirs: only the staff member and the lecturer are overdue.
  auto admin = sign_in("admin");
  for (ll a : assignments_of(reviewer_id("admin"))) {
    auto page = admin.get("/reviews/" + std::to_string(a));
    ASSERT_EQ(admin
                  .post("/reviews/" + std::to_string(a),
                        {{"csrf", csrf_of(page.body)},
                         {"score_" + std::to_string(call_.criteria[0]), "3"},
                         {"score_" + std::to_string(call_.criteria[1]), "3"}})
                  .status,
              303);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'admissions.review_reminder'"), 1);
  EXPECT_EQ(deliver_mail(), 2);
  std::map<std::string, ParsedMail> by_to;
  for (size_t i = 0; i < 2; ++i) {
    auto m = mail(i);
    by_to[m.to] = m;
    EXPECT_EQ(leak(m.subject + m.text + m.html), "") << m.to;
    EXPECT_NE(m.text.find("/reviews"), std::string::npos);
  }
  ASSERT_EQ(by_to.size(), 2u);
  std::string staff_mail, lecturer_mail;
  for (const auto& [to, m] : by_to) {
    if (to.find(demo("staff").email) != std::string::npos) staff_mail = m.subject + m.text;
    if (to.find(demo("lecturer").email) != std::string::npos) lecturer_mail = m.subject + m.text;
  }
  // In the reviewer's language: German for the staff member, French for the lecturer.
  EXPECT_NE(staff_mail.find(tr("de", "Open your reviews")), std::string::npos) << staff_mail;
  EXPECT_NE(lecturer_mail.find(tr("fr", "Open your reviews")), std::string::npos) << lecturer_mail;
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM review_assignment WHERE reminded_at IS NOT NULL AND" + in_call()),
      count("SELECT COUNT(*) FROM review_assignment WHERE submitted_at IS NULL AND" + in_call()));
  // The job looks again tomorrow; a run today sends nothing more.
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'admissions.review_reminder' AND "
                  "state = 'queued'"),
            1);
  jobs::NewJob again{.kind = "admissions.review_reminder",
                     .payload = "{\"call\":" + std::to_string(call_.call) + "}",
                     .key = "again"};
  {
    db::Transaction tx(sql());
    jobs::enqueue(sql(), again, now_);
    tx.commit();
  }
  EXPECT_EQ(deliver_mail(), 0);
  // A day later they are reminded again.
  sql().sql() << "UPDATE review_assignment SET reminded_at = reminded_at - 86400 WHERE" + in_call();
  again.key = "a day later";
  {
    db::Transaction tx(sql());
    jobs::enqueue(sql(), again, now_);
    tx.commit();
  }
  EXPECT_EQ(deliver_mail(), 2);
}

TEST_F(ReviewTest, ScoresOutsideTheScaleAreRefusedAndNothingChanges) {
  make_call(1);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  ll a = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"), call_.criteria,
                       {}, now_);
  auto c = sign_in("lecturer");
  const auto path = "/reviews/" + std::to_string(a);
  auto page = c.get(path);
  ASSERT_EQ(page.status, 200);
  const auto k0 = "score_" + std::to_string(call_.criteria[0]);
  const auto k1 = "score_" + std::to_string(call_.criteria[1]);
  const auto before = state();
  for (const auto& [v0, v1] : std::vector<std::pair<std::string, std::string>>{
           {"6", "3"}, {"0", "3"}, {"3", ""}, {"three", "3"}, {"-1", "2"}, {"3", "99999999999"}}) {
    auto r = c.post(path, {{"csrf", csrf_of(page.body)}, {k0, v0}, {k1, v1}});
    EXPECT_EQ(r.status, 422) << v0 << "/" << v1;
    EXPECT_NE(r.body.find(fill(tr("fr", "Choose a score from {min} to {max}."),
                               {{"{min}", "1"}, {"{max}", "5"}})),
              std::string::npos)
        << r.body;
    EXPECT_EQ(state(), before) << v0 << "/" << v1;
  }
  // A comment too long: refused as well.
  auto r = c.post(path, {{"csrf", csrf_of(page.body)},
                         {k0, "3"},
                         {k1, "3"},
                         {"comment_" + std::to_string(call_.criteria[0]), std::string(5001, 'x')}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(state(), before);
  // In the scale: saved in one go, audit-logged.
  r = c.post(path, {{"csrf", csrf_of(page.body)}, {k0, "5"}, {k1, "1"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_score WHERE assignment_id = " + std::to_string(a)),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.submit'"), 1);
}

TEST_F(ReviewTest, OthersScoresOnlyAfterOnesOwnIsSubmitted) {
  make_call(1);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  review_insert(sql(), applicants_[0].application, reviewer_id("admin"), call_.criteria, {5, 4},
                now_);
  sql().sql() << "UPDATE review_score SET comment = 'Zyzzyva remark' WHERE criterion_id = :c",
      soci::use(call_.criteria[0]);
  ll mine = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"),
                          call_.criteria, {}, now_);
  auto c = sign_in("lecturer");
  const auto path = "/reviews/" + std::to_string(mine);
  auto page = c.get(path);
  EXPECT_EQ(page.body.find("Zyzzyva remark"), std::string::npos);
  ASSERT_EQ(c.post(path, {{"csrf", csrf_of(page.body)},
                          {"score_" + std::to_string(call_.criteria[0]), "2"},
                          {"score_" + std::to_string(call_.criteria[1]), "2"}})
                .status,
            303);
  page = c.get(path);
  EXPECT_NE(page.body.find("Zyzzyva remark"), std::string::npos);
}

TEST_F(ReviewTest, AnotherReviewersAssignmentAndAnotherProgrammesCallAre404) {
  make_call(2);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  ll theirs = review_insert(sql(), applicants_[0].application, reviewer_id("admin"), call_.criteria,
                            {}, now_);
  ll mine = review_insert(sql(), applicants_[1].application, reviewer_id("lecturer"),
                          call_.criteria, {}, now_);
  auto c = sign_in("lecturer");
  auto page = c.get("/reviews/" + std::to_string(mine));
  ASSERT_EQ(page.status, 200);
  const auto before = state();
  EXPECT_EQ(c.get("/reviews/" + std::to_string(theirs)).status, 404);
  EXPECT_EQ(c.post("/reviews/" + std::to_string(theirs),
                   {{"csrf", csrf_of(page.body)},
                    {"score_" + std::to_string(call_.criteria[0]), "3"},
                    {"score_" + std::to_string(call_.criteria[1]), "3"}})
                .status,
            404);
  EXPECT_EQ(c.post("/reviews/" + std::to_string(theirs) + "/conflict",
                   {{"csrf", csrf_of(page.body)}, {"reason", "I know them"}})
                .status,
            404);
  EXPECT_EQ(c.get("/reviews/999999").status, 404);
  // A reviewer removed from the call no longer sees the assignment.
  sql().sql() << "DELETE FROM call_reviewer WHERE call_id = :c AND account_id = :a",
      soci::use(call_.call), soci::use(reviewer_id("stakeholder"));
  ll gone = review_insert(sql(), applicants_[0].application, reviewer_id("stakeholder"),
                          call_.criteria, {}, now_);
  EXPECT_EQ(sign_in("stakeholder").get("/reviews/" + std::to_string(gone)).status, 404);
  // The lecturer is no staff: the call's staff pages are 404.
  for (const auto& p : {"/reviewers", "/reviews", "/reviews.csv"})
    EXPECT_EQ(c.get(call_path() + p).status, 404) << p;
  EXPECT_EQ(
      c.post(call_path() + "/assign", {{"csrf", csrf_of(page.body)}, {"mode", "even"}}).status,
      404);
  // A participant has no review pages at all.
  EXPECT_EQ(sign_in("participant").get("/reviews").status, 404);
  // Another programme's call: its staff pages are 404 to this programme's staff.
  auto other = insert_other_programme(sql());
  auto other_call =
      call_insert(sql(), {.programme = other.programme, .cohort = other.cohort}, now_);
  auto s = staff();
  for (const auto& p : {"/reviewers", "/reviews", "/reviews.xlsx"})
    EXPECT_EQ(s.get("/calls/" + std::to_string(other_call.call) + p).status, 404) << p;
  auto spage = s.get(call_path() + "/reviewers");
  ASSERT_EQ(spage.status, 200);
  EXPECT_EQ(s.post("/calls/" + std::to_string(other_call.call) + "/assign",
                   {{"csrf", csrf_of(spage.body)}, {"mode", "even"}})
                .status,
            404);
  EXPECT_EQ(s.post("/calls/" + std::to_string(other_call.call) + "/reviewers",
                   {{"csrf", csrf_of(spage.body)},
                    {"email", demo("lecturer").email},
                    {"organisation", "X"},
                    {"country", "DE"}})
                .status,
            404);
  // Nothing changed but the two calls the test made.
  sql().sql() << "DELETE FROM review_assignment WHERE id = :g", soci::use(gone);
  sql().sql() << "DELETE FROM call WHERE id = :c", soci::use(other_call.call);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_score WHERE assignment_id IN (SELECT id FROM "
                  "review_assignment WHERE" +
                  in_call() + ")"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_conflict WHERE" + in_call()), 0);
}

TEST_F(ReviewTest, ConflictsDeclaredAreHonouredAndAnotherReviewerFound) {
  make_call(1);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  ll mine = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"),
                          call_.criteria, {}, now_);
  review_insert(sql(), applicants_[0].application, reviewer_id("admin"), call_.criteria, {}, now_);
  auto c = sign_in("lecturer");
  const auto path = "/reviews/" + std::to_string(mine);
  auto page = c.get(path);
  // Without a reason: refused, nothing changes.
  const auto before = state();
  auto r = c.post(path + "/conflict", {{"csrf", csrf_of(page.body)}, {"reason", "   "}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(state(), before);
  r = c.post(path + "/conflict", {{"csrf", csrf_of(page.body)}, {"reason", "A former colleague"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_conflict WHERE" + in_call()), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE id = " + std::to_string(mine)), 0);
  // The only other reviewer free took it.
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE account_id = " +
                  std::to_string(reviewer_id("staff")) + " AND" + in_call()),
            1);
  EXPECT_EQ(c.get(path).status, 404);
  // Assigning evenly again never gives it back to the lecturer.
  auto s = staff();
  ASSERT_EQ(
      s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign").status,
      303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE account_id = " +
                  std::to_string(reviewer_id("lecturer")) + " AND" + in_call()),
            0);
  // By hand neither: a clear message, nothing changed.
  auto spage = s.get(call_path() + "/reviewers");
  const auto before_hand = state();
  r = s.post(call_path() + "/assign", {{"csrf", csrf_of(spage.body)},
                                       {"mode", "hand"},
                                       {"application", std::to_string(applicants_[0].application)},
                                       {"reviewer", std::to_string(reviewer_id("lecturer"))}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(tr("de",
                           "This reviewer may not review this application: same "
                           "organisation, same country (where the call forbids it) or a "
                           "declared conflict.")),
            std::string::npos);
  EXPECT_EQ(state(), before_hand);
}

TEST_F(ReviewTest, SameCountryOnlyWhenTheCallSaysSoAndAReportOfWhatIsNotCovered) {
  make_call(2, /*same_country=*/true);
  // Application 0 is of TN, application 1 of MA.
  add_reviewers({{"University of Krems", "TN"}, {"Danube Office", "DE"}, {"Hochschule", "MA"}});
  auto s = staff();
  auto r = s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign");
  // Each application has exactly two reviewers allowed: both covered.
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE application_id = " +
                  std::to_string(applicants_[0].application) +
                  " AND account_id = " + std::to_string(reviewer_id("admin"))),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE application_id = " +
                  std::to_string(applicants_[1].application) +
                  " AND account_id = " + std::to_string(reviewer_id("lecturer"))),
            0);
  // The call asks for three reviewers now: the page says what is missing and why.
  sql().sql() << "UPDATE call SET reviewers_per_application = 3 WHERE id = :c",
      soci::use(call_.call);
  r = s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(tr("de", "Applications without enough reviewers")), std::string::npos);
  const char* why =
      "Application {n}: {missing} missing; kept away: {org} of the same organisation, {country} "
      "of the same country, {conflict} with a declared conflict.";
  EXPECT_NE(r.body.find(html_escape(
                fill(tr("de", why), {{"{n}", std::to_string(applicants_[0].application)},
                                     {"{missing}", "1"},
                                     {"{org}", "0"},
                                     {"{country}", "1"},
                                     {"{conflict}", "0"}}))),
            std::string::npos)
      << r.body;
}

TEST_F(ReviewTest, NothingIsAssignedWhileApplicationsCanStillChange) {
  make_call(2);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  // Published and still open: applicants may edit until the deadline.
  sql().sql() << "UPDATE call SET status = 'published', closes_at = :t WHERE id = :c",
      soci::use(now_ + 86400), soci::use(call_.call);
  auto s = staff();
  const auto before = state();
  auto r = s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(tr("de",
                           "Applications can be assigned once the call has closed and "
                           "until it is decided.")),
            std::string::npos);
  r = s.submit(call_path() + "/reviewers",
               {{"mode", "hand"},
                {"application", std::to_string(applicants_[0].application)},
                {"reviewer", std::to_string(reviewer_id("lecturer"))}},
               call_path() + "/assign");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(state(), before);
  // Past the deadline (still "published"): assigned.
  sql().sql() << "UPDATE call SET closes_at = :t WHERE id = :c", soci::use(now_ - 1),
      soci::use(call_.call);
  r = s.submit(call_path() + "/reviewers", {{"mode", "even"}}, call_path() + "/assign");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE" + in_call()), 4);
}

TEST_F(ReviewTest, StaffSeeProgressSpreadAndDisagreementOnAHandCheckedFixture) {
  make_call(3);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  sql().sql() << "UPDATE call SET review_due_at = :t WHERE id = :c", soci::use(now_ - 3600),
      soci::use(call_.call);
  const auto& k = call_.criteria;  // Motivation weight 2, Experience weight 1, 1–5
  // Application 0: 5/5 → 5.00 and 1/1 → 1.00: mean 3.00, spread 4.00 > 1.60: disagreement.
  review_insert(sql(), applicants_[0].application, reviewer_id("admin"), k, {5, 5}, now_);
  review_insert(sql(), applicants_[0].application, reviewer_id("staff"), k, {1, 1}, now_);
  // Application 1: 4/3 → 11/3 = 3.67 and 3/4 → 10/3 = 3.33: mean 3.50, spread 0.33.
  review_insert(sql(), applicants_[1].application, reviewer_id("admin"), k, {4, 3}, now_);
  review_insert(sql(), applicants_[1].application, reviewer_id("lecturer"), k, {3, 4}, now_);
  // Application 2: one done, one overdue.
  review_insert(sql(), applicants_[2].application, reviewer_id("staff"), k, {2, 5}, now_);
  ll open = review_insert(sql(), applicants_[2].application, reviewer_id("lecturer"), k, {}, now_);
  sql().sql() << "UPDATE review_assignment SET due_at = :t WHERE id = :a", soci::use(now_ - 60),
      soci::use(open);
  auto s = staff();
  auto csv = s.get(call_path() + "/reviews.csv");
  ASSERT_EQ(csv.status, 200);
  auto line_of = [&](const Applicant& a) {
    auto at = csv.body.find(a.name);
    if (at == std::string::npos) return std::string();
    auto start = csv.body.rfind('\n', at) + 1;
    return csv.body.substr(start, csv.body.find('\r', at) - start);
  };
  const auto id = [&](int i) { return std::to_string(applicants_[i].application); };
  EXPECT_EQ(line_of(applicants_[0]), id(0) + "," + applicants_[0].name + ",2,0,2,0,3.00,4.00," +
                                         tr("de", "Strong disagreement"));
  EXPECT_EQ(line_of(applicants_[1]), id(1) + "," + applicants_[1].name + ",2,0,2,0,3.50,0.33,");
  // 2/5 → (4+5)/3 = 3.00; a single review has no spread.
  EXPECT_EQ(line_of(applicants_[2]), id(2) + "," + applicants_[2].name + ",2,0,1,1,3.00,0.00,");
  auto page = s.get(call_path() + "/reviews");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(tr("de", "Strong disagreement")), std::string::npos);
  EXPECT_NE(page.body.find("1,60"), std::string::npos) << "the threshold is said, in German";
  auto xlsx = s.get(call_path() + "/reviews.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(ReviewTest, StaffInviteReviewersAndRemoveThem) {
  make_call(1);
  auto s = staff();
  const auto path = call_path() + "/reviewers";
  auto before = state();
  // A participant never reviews; a country is required.
  auto r = s.submit(
      path,
      {{"email", demo("participant").email}, {"organisation", "Somewhere"}, {"country", "DE"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(tr("de",
                           "Only lecturers, staff and members of the steering committee "
                           "review applications.")),
            std::string::npos);
  r = s.submit(path,
               {{"email", demo("lecturer").email}, {"organisation", "Uni"}, {"country", "XX"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(state(), before);
  r = s.submit(path, {{"email", demo("lecturer").email},
                      {"organisation", "University of Krems"},
                      {"country", "AT"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_reviewer WHERE organisation_name = 'University of "
                  "Krems' AND country = 'AT'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'call.reviewer_add'"), 1);
  // Twice: refused.
  r = s.submit(path, {{"email", demo("lecturer").email}, {"organisation", "U"}, {"country", "AT"}});
  EXPECT_EQ(r.status, 422);
  // Someone without an account: an ordinary invitation.
  r = s.submit(path, {{"email", "new.reviewer@example.org"},
                      {"name", "New Reviewer"},
                      {"organisation", "Steering Committee"},
                      {"country", "GH"},
                      {"role", "stakeholder"},
                      {"language", "fr"}});
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation WHERE email = 'new.reviewer@example.org'"), 1);
  // Removing drops their open reviews of the call, keeps the submitted ones.
  ll open = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"),
                          call_.criteria, {}, now_);
  auto page = s.get(path);
  r = s.post(path + "/" + std::to_string(reviewer_id("lecturer")) + "/delete",
             {{"csrf", csrf_of(page.body)}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM call_reviewer WHERE call_id = " + std::to_string(call_.call)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_assignment WHERE id = " + std::to_string(open)), 0);
}

TEST_F(ReviewTest, AnInvitedReviewerJoinsTheCallOnceTheyHaveAnAccount) {
  make_call(1);
  auto s = staff();
  const auto path = call_path() + "/reviewers";
  auto r = s.submit(path, {{"email", " Kofi.Mensah@Example.org "},
                           {"name", "Kofi Mensah"},
                           {"organisation", "Steering Committee"},
                           {"country", "GH"},
                           {"role", "stakeholder"},
                           {"language", "fr"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_reviewer_invitation WHERE email = "
                  "'kofi.mensah@example.org' AND organisation_name = 'Steering Committee' AND "
                  "country = 'GH'"),
            1);
  auto page = s.get(path);
  EXPECT_NE(page.body.find("kofi.mensah@example.org"), std::string::npos);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM call_reviewer WHERE call_id = " + std::to_string(call_.call)), 0);

  // They accept the invitation from the mail.
  std::string text;
  sql().sql() << "SELECT text_body FROM mail_outbox ORDER BY id DESC LIMIT 1", soci::into(text);
  const auto link = path_of(first_url(text));
  auto invitee = client();
  auto form = invitee.get(link);
  ASSERT_EQ(form.status, 200);
  ASSERT_EQ(invitee
                .post(link, {{"csrf", csrf_of(form.body)},
                             {"name", "Kofi Mensah"},
                             {"password", "correct horse battery"},
                             {"password_again", "correct horse battery"},
                             {"language", "fr"},
                             {"time_zone", "Africa/Accra"}})
                .status,
            303);

  // Staff's next look at the reviewers adds them with what staff said.
  page = s.get(path);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_reviewer r JOIN account a ON a.id = r.account_id "
                  "WHERE r.call_id = " +
                  std::to_string(call_.call) +
                  " AND a.email = 'kofi.mensah@example.org' AND r.organisation_name = "
                  "'Steering Committee' AND r.country = 'GH'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_reviewer_invitation"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'call.reviewer_add'"), 1);
  // Looking again changes nothing.
  auto before = state();
  s.get(path);
  EXPECT_EQ(state(), before);
}

TEST_F(ReviewTest, AReviewersDataDownloadHoldsTheirScoresAndNothingOfTheApplicants) {
  make_call(1);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}});
  ll mine = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"),
                          call_.criteria, {4, 2}, now_);
  sql().sql() << "UPDATE review_score SET comment = 'Clear motivation, little field work' WHERE "
                 "assignment_id = :a",
      soci::use(mine);
  // Someone else's review of the same application is not theirs.
  ll other = review_insert(sql(), applicants_[0].application, reviewer_id("stakeholder"),
                           call_.criteria, {1, 1}, now_);
  sql().sql() << "UPDATE review_score SET comment = 'Another reviewer wrote this' WHERE "
                 "assignment_id = :a",
      soci::use(other);
  auto lecturer = sign_in("lecturer");
  for (const std::string path : {"/profile/data", "/profile/data.json"}) {
    auto r = lecturer.get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find("Clear motivation, little field work"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("Another reviewer wrote this"), std::string::npos) << path;
    for (const auto& a : applicants_) {
      EXPECT_EQ(r.body.find(a.name), std::string::npos) << path << ": " << a.name;
      EXPECT_EQ(r.body.find(a.email), std::string::npos) << path << ": " << a.email;
      EXPECT_EQ(r.body.find(a.organisation), std::string::npos) << path << ": " << a.organisation;
    }
  }
  auto json = lecturer.get("/profile/data.json");
  EXPECT_NE(json.body.find("\"reviews_written\""), std::string::npos);
  EXPECT_NE(json.body.find("\"application_id\":" + std::to_string(applicants_[0].application)),
            std::string::npos);
  // Someone who reviewed nothing has no such section.
  EXPECT_EQ(sign_in("participant").get("/profile/data").body.find("reviews-written"),
            std::string::npos);
}

TEST_F(ReviewTest, TheSecondStageShowsTheWholeApplication) {
  make_call(1, false, /*second_stage=*/true);
  add_reviewers({{"University of Krems", "AT"}, {"Danube Office", "DE"}, {"Hochschule", "FR"}});
  ll one = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"), call_.criteria,
                         {}, now_, 1);
  ll two = review_insert(sql(), applicants_[0].application, reviewer_id("admin"), call_.criteria,
                         {}, now_, 2);
  EXPECT_EQ(leak(sign_in("lecturer").get("/reviews/" + std::to_string(one)).body), "");
  auto full = sign_in("admin").get("/reviews/" + std::to_string(two));
  ASSERT_EQ(full.status, 200);
  EXPECT_NE(full.body.find(applicants_[0].name), std::string::npos);
  EXPECT_NE(full.body.find(applicants_[0].email), std::string::npos);
  EXPECT_NE(full.body.find(applicants_[0].organisation), std::string::npos);
}

// The statement budget: the reviewer's page, their list and the staff's
// progress run the same number of statements whatever the number of
// criteria, reviewers and applications (no statement per row).
class ReviewStatementsTest : public ReviewTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.server_timing = true;
    return o;
  }
  static long statements(const HttpResponse& r) {
    static const std::regex timing(R"(db;dur=[0-9.]+;desc="([0-9]+) statements".*)");
    std::smatch m;
    const auto h = r.header("server-timing");
    return std::regex_match(h, m, timing) ? std::stol(m[1]) : -1;
  }
  // Adds `n` criteria to the call (beyond its two).
  void more_criteria(long n) {
    for (long i = 0; i < n; ++i) {
      ll cid = 0, pos = 10 + i, c = call_.call;
      sql().sql() << "INSERT INTO call_criterion (call_id, position, weight, scale_min, "
                     "scale_max) VALUES (:c, :p, 1, 0, 10) RETURNING id",
          soci::use(c), soci::use(pos), soci::into(cid);
      std::string label = "Criterion " + std::to_string(i);
      sql().sql() << "INSERT INTO call_criterion_text (criterion_id, language, label) VALUES "
                     "(:c, 'en', :l)",
          soci::use(cid), soci::use(label);
    }
  }
};

TEST_F(ReviewStatementsTest, FixedStatementsWhateverTheCriteriaReviewersAndApplications) {
  make_call(6);
  add_reviewers({{"University of Krems", "AT"},
                 {"Danube Office", "DE"},
                 {"Hochschule", "FR"},
                 {"Steering Committee", "GH"}});
  auto lecturer = sign_in("lecturer");
  auto s = staff();
  std::map<std::string, long> first;
  for (int round = 0; round < 2; ++round) {
    if (round == 1) {
      // Ten more criteria, four reviews of each application, all submitted.
      more_criteria(10);
      std::vector<int64_t> ks = call_.criteria;
      for (const auto& a : applicants_)
        for (const std::string role : {"admin", "staff", "stakeholder"})
          review_insert(sql(), a.application, reviewer_id(role), ks, {3, 4}, now_);
    }
    // The lecturer's own review of the first application, submitted.
    sql().sql() << "DELETE FROM review_assignment WHERE account_id = :a AND" + in_call(),
        soci::use(reviewer_id("lecturer"));
    ll mine = review_insert(sql(), applicants_[0].application, reviewer_id("lecturer"),
                            call_.criteria, {2, 2}, now_);
    for (const auto& [name, path, c] : std::vector<std::tuple<std::string, std::string, Client*>>{
             {"review", "/reviews/" + std::to_string(mine), &lecturer},
             {"my reviews", "/reviews", &lecturer},
             {"progress", call_path() + "/reviews", &s},
             {"reviewers", call_path() + "/reviewers", &s}}) {
      ASSERT_EQ(c->get(path).status, 200) << name;
      auto r = c->get(path);
      ASSERT_EQ(r.status, 200) << name;
      const long n = statements(r);
      EXPECT_GT(n, 0) << name;
      std::printf("budget %-12s round %d: %ld\n", name.c_str(), round, n);
      if (round == 0)
        first[name] = n;
      else
        EXPECT_EQ(n, first[name]) << name << " runs a statement per criterion or review";
    }
  }
  EXPECT_LE(first["review"], 14);
}

}  // namespace
}  // namespace crm::test
