// The ranking page and the shortlist (/calls/{id}/ranking, POST
// /calls/{id}/shortlist) on a hand-checked fixture, on both databases: the
// weighted scores, the proposal and why each applicant is in or out, the
// parity view, changes by hand with a reason (and without one: nothing
// changes), exports, and 404 for another programme's call and lesser roles.
#include <map>

#include "admissions/shortlist_store.hpp"
#include "demo/shortlists.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr ll kNow = 1767225600;  // 2026-01-01

// Places 2, at most one per country, at least one woman. Criteria weigh 2
// (motivation) and 1 (experience); each applicant has two reviews with the
// same scores, so the score is (2m + e) / 3:
//   A  man,   MA, 5/5 → 5.00        B  woman, MA, 5/4 → 4.67
//   C  man,   TN, 4/5 → 4.33        D  woman, EG, 1/1 → 1.00
//   E  man,   TN, 5/5 but one review → not eligible
//   F  woman, EG, 5/5, withdrawn
// Proposal: {B, C} = 9.00 (A + D = 6.00 is what greedy by score gives).
class ShortlistTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_ = 0, call_ = 0;
  std::map<char, ll> app_;
  std::vector<ll> reviewers_;
  CallIds ids_;

  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    cohort_ = new_cohort(programme_, 90, "Selection round");
    ids_ = call_insert(sql(),
                       {.programme = programme_,
                        .cohort = cohort_,
                        .status = "closed",
                        .opens_at = kNow - 30 * 86400,
                        .closes_at = kNow - 86400,
                        .places = 2,
                        .title = "Shortlist call"},
                       kNow);
    call_ = ids_.call;
    call_bound_insert(sql(), call_, "country", "*", 0, 1);
    call_bound_insert(sql(), call_, "gender", "female", 1, std::nullopt);
    reviewers_ = {account_id(demo("lecturer").email), account_id(demo("stakeholder").email)};
    struct Spec {
      char key;
      const char *name, *gender, *country;
      long m, e;
      int reviews;
      const char* status;
    };
    for (const Spec& s : {Spec{'A', "Amir Applicant", "male", "MA", 5, 5, 2, "submitted"},
                          Spec{'B', "Basma Applicant", "female", "MA", 5, 4, 2, "submitted"},
                          Spec{'C', "Chokri Applicant", "male", "TN", 4, 5, 2, "submitted"},
                          Spec{'D', "Dalia Applicant", "female", "EG", 1, 1, 2, "submitted"},
                          Spec{'E', "Elyes Applicant", "male", "TN", 5, 5, 1, "submitted"},
                          Spec{'F', "Fatma Applicant", "female", "EG", 5, 5, 2, "withdrawn"}}) {
      ll person = new_person(s.name, s.gender);
      ll app = application_insert(sql(),
                                  {.call = call_,
                                   .person = person,
                                   .status = s.status,
                                   .organisation_country = s.country,
                                   .submitted_at = kNow - 2 * 86400},
                                  kNow);
      for (int r = 0; r < s.reviews; ++r)
        review_insert(sql(), app, reviewers_[r], ids_.criteria, {s.m, s.e}, kNow);
      app_[s.key] = app;
    }
  }

  ll new_cohort(ll programme, long number, const std::string& name) {
    programme::Cohort c;
    c.programme_id = programme;
    c.number = number;
    c.name = name;
    c.starts_on = kNow;
    c.ends_on = kNow + 86400 * 90;
    c.status = "planned";
    return programme::store::insert_cohort(sql(), c);
  }

  ll new_person(const std::string& name, const std::string& gender) {
    programme::Person p;
    p.name = name;
    std::string local = name.substr(0, name.find(' '));
    p.email = local + "." + std::to_string(cohort_) + "@applicants.example.org";
    p.gender = gender;
    p.created_at = kNow;
    return programme::store::insert_person(sql(), p);
  }

  // The demo staff member reads German: these tests read the English page.
  Client staff_in_english() {
    auto c = sign_in("staff");
    auto token = csrf_of(c.get("/").body);
    c.post("/language", {{"csrf", token}, {"language", "en"}, {"next", "/"}});
    return c;
  }

  std::string ranking() { return "/calls/" + std::to_string(call_) + "/ranking"; }
  std::string shortlist() { return "/calls/" + std::to_string(call_) + "/shortlist"; }

  // The row of an applicant on the page.
  static std::string row_of(const std::string& html, ll application) {
    auto at = html.find("id=\"application-" + std::to_string(application) + "\"");
    if (at == std::string::npos) return {};
    return html.substr(at, html.find("</tr>", at) - at);
  }

  std::string tables() {
    return dump_tables(sql(), {"shortlist_change", "audit_log", "application", "call_bound"});
  }

  HttpResponse change(Client& c, ll application, const std::string& action,
                      const std::string& reason) {
    auto token = csrf_of(c.get(ranking()).body);
    return c.post(shortlist(), {{"csrf", token},
                                {"application", std::to_string(application)},
                                {"action", action},
                                {"reason", reason}});
  }
};

TEST_F(ShortlistTest, TheRankingProposesTheBestSetThatMeetsTheBoundsAndSaysWhy) {
  auto staff = staff_in_english();
  auto res = staff.get(ranking());
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 400);
  const auto& html = res.body;
  EXPECT_NE(html.find("Shortlist call (en)"), std::string::npos);
  // Ranks by score: A, F (withdrawn, 5.00 too but later), E, B, C, D.
  EXPECT_LT(html.find("Amir Applicant"), html.find("Basma Applicant"));
  EXPECT_LT(html.find("Basma Applicant"), html.find("Chokri Applicant"));
  EXPECT_LT(html.find("Chokri Applicant"), html.find("Dalia Applicant"));
  const auto a = row_of(html, app_['A']), b = row_of(html, app_['B']), c = row_of(html, app_['C']),
             d = row_of(html, app_['D']), e = row_of(html, app_['E']), f = row_of(html, app_['F']);
  EXPECT_NE(a.find("5.00"), std::string::npos) << a;
  EXPECT_NE(b.find("4.67"), std::string::npos) << b;
  EXPECT_NE(c.find("4.33"), std::string::npos) << c;
  // Why each is in or out.
  EXPECT_NE(a.find("score 5.00, above the last place (4.33), but taking them would break a bound"),
            std::string::npos)
      << a;
  EXPECT_NE(b.find("in: needed for the minimum of 1 Female"), std::string::npos) << b;
  EXPECT_NE(c.find("in: score 4.33"), std::string::npos) << c;
  EXPECT_NE(d.find("score 1.00, below the last place (4.33)"), std::string::npos) << d;
  EXPECT_NE(e.find("not eligible: fewer than 2 reviews"), std::string::npos) << e;
  EXPECT_NE(f.find("withdrawn"), std::string::npos) << f;
  EXPECT_NE(b.find("shortlisted"), std::string::npos);
  EXPECT_NE(c.find("shortlisted"), std::string::npos);
  EXPECT_EQ(a.find("shortlisted"), std::string::npos);
  EXPECT_NE(html.find("The proposal meets every bound."), std::string::npos);
  // The parity view: one per country, one woman — met.
  EXPECT_NE(html.find("2 places; 4 of 6 applications eligible"), std::string::npos);
  EXPECT_NE(html.find("2 on the shortlist"), std::string::npos);
  EXPECT_EQ(html.find("not met"), std::string::npos);
  EXPECT_NE(html.find("ranking.csv"), std::string::npos);
  // Nothing was written by looking.
  EXPECT_EQ(count("SELECT COUNT(*) FROM shortlist_change"), 0);
}

TEST_F(ShortlistTest, ChangesByHandNeedAReasonAndUpdateTheParityView) {
  auto staff = staff_in_english();
  auto res = change(staff, app_['D'], "add", "Strong letter of support from the ministry.");
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 600);
  EXPECT_EQ(count("SELECT COUNT(*) FROM shortlist_change WHERE source = 'added' AND reason = "
                  "'Strong letter of support from the ministry.' AND application_id = " +
                  std::to_string(app_['D'])),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'shortlist.add' AND entity_id = '" +
            std::to_string(app_['D']) + "'"),
      1);
  auto html = staff.get(ranking()).body;
  EXPECT_NE(row_of(html, app_['D']).find("yes (added by hand)"), std::string::npos);
  EXPECT_NE(html.find("3 on the shortlist"), std::string::npos);
  EXPECT_NE(html.find("Strong letter of support from the ministry."), std::string::npos);

  // Removing C: the list is B and D, two women, TN none.
  res = change(staff, app_['C'], "remove", "Cannot travel on the on-site week.");
  ASSERT_EQ(res.status, 303);
  html = staff.get(ranking()).body;
  EXPECT_NE(row_of(html, app_['C']).find("no (removed by hand)"), std::string::npos);
  EXPECT_NE(html.find("2 on the shortlist"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'shortlist.remove'"), 1);

  // Adding A breaks the country bound of MA (B is in): the parity view says so.
  res = change(staff, app_['A'], "add", "Steering committee's choice.");
  ASSERT_EQ(res.status, 303);
  html = staff.get(ranking()).body;
  EXPECT_NE(html.find("not met: over by 1"), std::string::npos);
}

TEST_F(ShortlistTest, BadChangesSayWhyAndChangeNothing) {
  ll other_cohort = new_cohort(programme_, 91, "Other round");
  auto other = call_insert(sql(), {.programme = programme_, .cohort = other_cohort}, kNow);
  ll stranger = application_insert(
      sql(), {.call = other.call, .person = new_person("Ghada Stranger", "female")}, kNow);
  auto staff = staff_in_english();
  const std::string before = tables();
  struct Case {
    ll application;
    std::string action, reason, message;
  };
  for (const auto& k :
       {Case{app_['D'], "add", "", "Give the reason for the change: it goes to the audit log."},
        Case{app_['D'], "add", "   \n ",
             "Give the reason for the change: it goes to the audit log."},
        Case{app_['D'], "add", std::string(1001, 'x'), "At most 1,000 characters."},
        Case{app_['B'], "add", "Already in.", "This application is already on the shortlist."},
        Case{app_['A'], "remove", "Not in.", "This application is not on the shortlist."},
        Case{app_['F'], "add", "Withdrawn.",
             "Choose one of the call&#39;s submitted applications."},
        Case{999999, "add", "No such.", "Choose one of the call&#39;s submitted applications."},
        Case{app_['D'], "promote", "Unknown.",
             "Choose whether to add or remove the application."}}) {
    SCOPED_TRACE(k.action + " " + std::to_string(k.application) + " " + k.reason.substr(0, 20));
    auto res = change(staff, k.application, k.action, k.reason);
    EXPECT_EQ(res.status, 422);
    EXPECT_NE(res.body.find(k.message), std::string::npos) << res.body.substr(0, 300);
    EXPECT_NE(res.body.find("There is a problem"), std::string::npos);
  }
  // An application of another call of the programme.
  auto res = change(staff, stranger, "add", "From another call.");
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(tables(), before);
  // A decided call's shortlist no longer changes.
  sql().sql() << "UPDATE call SET status = 'decided' WHERE id = :c", soci::use(call_);
  const std::string decided = tables();
  res = change(staff, app_['D'], "add", "Too late.");
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("The call is decided: its shortlist no longer changes."),
            std::string::npos);
  EXPECT_EQ(tables(), decided);
}

TEST_F(ShortlistTest, AnotherProgrammesCallAndLesserRolesAre404) {
  auto other = insert_other_programme(sql());
  auto foreign = call_insert(sql(), {.programme = other.programme, .cohort = other.cohort}, kNow);
  auto staff = staff_in_english();
  const std::string path = "/calls/" + std::to_string(foreign.call);
  EXPECT_EQ(staff.get(path + "/ranking").status, 404);
  EXPECT_EQ(staff.get(path + "/ranking.csv").status, 404);
  auto token = csrf_of(staff.get("/").body);
  // Signing in is audited: compare what a shortlist change would write.
  const std::string before = dump_tables(sql(), {"shortlist_change", "application", "call"});
  EXPECT_EQ(staff
                .post(path + "/shortlist", {{"csrf", token},
                                            {"application", std::to_string(app_['D'])},
                                            {"action", "add"},
                                            {"reason", "Across programmes."}})
                .status,
            404);
  EXPECT_EQ(staff.get("/calls/999999/ranking").status, 404);
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    EXPECT_EQ(c.get(ranking()).status, 404);
    EXPECT_EQ(c.get(ranking() + ".xlsx").status, 404);
    auto res = change(c, app_['D'], "add", "Not mine to change.");
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(res.body.find("Dalia Applicant"), std::string::npos);
  }
  EXPECT_NE(client().get(ranking()).status, 200);
  EXPECT_EQ(dump_tables(sql(), {"shortlist_change", "application", "call"}), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'shortlist.%'"), 0);
}

// B answers an eligibility question otherwise: out of the running with the
// reason, and the proposal becomes A + D (the only other woman is D).
TEST_F(ShortlistTest, AnApplicantRuledOutByAnEligibilityQuestionIsNotProposed) {
  const ll question = question_insert(sql(), call_, 1, "yes");
  for (char k : std::string("ABCDEF")) answer_insert(sql(), app_[k], question, "yes");
  sql().sql() << "UPDATE application_answer SET value = 'no' WHERE application_id = :a",
      soci::use(app_['B']);
  auto staff = staff_in_english();
  auto html = staff.get(ranking()).body;
  auto b = row_of(html, app_['B']);
  ASSERT_FALSE(b.empty());
  EXPECT_NE(b.find("not eligible: an answer to an eligibility question rules it out"),
            std::string::npos)
      << b;
  EXPECT_NE(row_of(html, app_['A']).find("yes (proposed)"), std::string::npos);
  EXPECT_NE(row_of(html, app_['D']).find("yes (proposed)"), std::string::npos);
  EXPECT_EQ(row_of(html, app_['C']).find("yes (proposed)"), std::string::npos);
}

TEST_F(ShortlistTest, ExportsHoldTheRankingAsThePageShowsIt) {
  auto staff = staff_in_english();
  auto csv = staff.get(ranking() + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("Rank,Applicant,Score"), std::string::npos);
  EXPECT_NE(csv.body.find("Basma Applicant,4.67"), std::string::npos);
  EXPECT_NE(csv.body.find("not eligible: fewer than 2 reviews"), std::string::npos);
  auto xlsx = staff.get(ranking() + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

// Bounds that cannot be met: the page names the bound that breaks and by
// how much, and shows the closest set.
TEST_F(ShortlistTest, InfeasibleBoundsAreNamedWithTheClosestSet) {
  // Only MA holds the destination role in the demo programme, and MA may
  // have one place: two destinations and one MA cannot both be. Breaking
  // either by one place is as close as it gets; the better score decides:
  // A and B (MA over by one, 9.67) rather than B and C (one destination
  // short, 9.00).
  call_bound_insert(sql(), call_, "route_role", "destination", 2, std::nullopt);
  auto staff = staff_in_english();
  auto res = staff.get(ranking());
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("The bounds cannot all be met."), std::string::npos);
  EXPECT_NE(res.body.find("Country Morocco: 2 on the list, bound at most 1 (not met: over by 1)"),
            std::string::npos);
  EXPECT_EQ(res.body.find("short by"), std::string::npos);
  EXPECT_NE(row_of(res.body, app_['A']).find("shortlisted"), std::string::npos);
  EXPECT_NE(row_of(res.body, app_['B']).find("shortlisted"), std::string::npos);
  EXPECT_EQ(row_of(res.body, app_['C']).find("shortlisted"), std::string::npos);
  // Contradictory bounds are named as such.
  sql().sql() << "UPDATE call_bound SET min_count = 3, max_count = 1 WHERE call_id = :c AND "
                 "dimension = 'gender'",
      soci::use(call_);
  res = staff.get(ranking());
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("The minimum of 3 for Female is above its maximum of 1."),
            std::string::npos);
  EXPECT_NE(res.body.find("The minimum of 3 for Female is more than the 2 places."),
            std::string::npos);
}

// The page in Arabic: digits and the direction of the reader.
TEST_F(ShortlistTest, ThePageSpeaksTheReadersLanguageAndDigits) {
  auto staff = staff_in_english();
  auto token = csrf_of(staff.get("/").body);
  staff.post("/language", {{"csrf", token}, {"language", "ar"}, {"next", ranking()}});
  auto res = staff.get(ranking());
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(res.body.find("٤٫٦٧"), std::string::npos);
  EXPECT_NE(res.body.find("Shortlist call (ar)"), std::string::npos);
}

// The demo's hand changes: one proposed applicant off, the best one left
// out on, each with a reason; a second run changes nothing.
TEST_F(ShortlistTest, DemoShortlistsChangeTheProposalOnceByHand) {
  demo::load_shortlists(sql(), kNow);
  EXPECT_EQ(count("SELECT COUNT(*) FROM shortlist_change WHERE source = 'removed' AND "
                  "application_id = " +
                  std::to_string(app_['C'])),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM shortlist_change WHERE source = 'added' AND "
                  "application_id = " +
                  std::to_string(app_['A'])),
            1);
  demo::load_shortlists(sql(), kNow);
  EXPECT_EQ(count("SELECT COUNT(*) FROM shortlist_change"), 2);
  auto staff = staff_in_english();
  auto html = staff.get(ranking()).body;
  EXPECT_NE(row_of(html, app_['A']).find("yes (added by hand)"), std::string::npos);
  EXPECT_NE(row_of(html, app_['C']).find("no (removed by hand)"), std::string::npos);
}

}  // namespace
}  // namespace crm::test
