// Decisions on a call (/calls/{id}/decisions, /calls/{id}/templates,
// /applications/{id}/confirm) on both databases: deciding as the shortlist
// stands and one by one, changing before sending, sending (mails in each
// applicant's language through the outbox to a real SMTP server), the
// template editor, confirming (the enrolment's history starts at
// 'applicant', the account becomes a participant's), declining, answering
// after the date, the expiry job, the waiting-list offer that skips who
// would break a bound, and 404 with nothing changed for everyone else.
#include <ctime>
#include <map>

#include "auth/service.hpp"
#include "demo/decisions.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr const char* kPassword = "correct horse battery";

ll wall() {
  return static_cast<ll>(std::time(nullptr));
}

// A date `days` from today as YYYY-MM-DD (UTC; the call's zone is Berlin,
// a day or more ahead is in the future there too).
std::string date_in(int days) {
  std::time_t t = static_cast<std::time_t>(wall() + days * 86400LL);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// The fixture of the shortlist test, closed yesterday: places 2, at most one
// per country, at least one woman. Scores (2m + e) / 3:
//   A  man,   MA, 5.00  (fr)      B  woman, MA, 4.67  (ar, applicant account)
//   C  man,   TN, 4.33  (de, alumnus account)      D  woman, EG, 1.00  (en)
//   E  man,   TN, one review: not eligible (en)    F  woman, EG, withdrawn
// Shortlist: B and C. As the shortlist stands with two on the waiting list:
// B, C accepted; A, D waiting 1, 2; E not admitted; F none.
class DecisionTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_ = 0, call_ = 0;
  std::map<char, ll> app_, person_;
  std::map<char, std::string> email_;

  void SetUp() override {
    HttpTest::SetUp();
    sql().sql() << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    programme::Cohort c;
    c.programme_id = programme_;
    c.number = 90;
    c.name = "Decision round";
    c.starts_on = wall() + 60 * 86400;
    c.ends_on = wall() + 150 * 86400;
    c.status = "planned";
    cohort_ = programme::store::insert_cohort(sql(), c);
    auto ids = call_insert(sql(),
                           {.programme = programme_,
                            .cohort = cohort_,
                            .status = "closed",
                            .opens_at = wall() - 30 * 86400,
                            .closes_at = wall() - 86400,
                            .places = 2,
                            .title = "Decision call"},
                           wall());
    call_ = ids.call;
    call_bound_insert(sql(), call_, "country", "*", 0, 1);
    call_bound_insert(sql(), call_, "gender", "female", 1, std::nullopt);
    std::vector<ll> reviewers = {account_id(demo("lecturer").email),
                                 account_id(demo("stakeholder").email)};
    struct Spec {
      char key;
      const char *name, *gender, *country, *language;
      long m, e;
      int reviews;
      const char* status;
    };
    for (const Spec& s :
         {Spec{'A', "Amir Applicant", "male", "MA", "fr", 5, 5, 2, "submitted"},
          Spec{'B', "Basma Applicant", "female", "MA", "ar", 5, 4, 2, "submitted"},
          Spec{'C', "Chokri Applicant", "male", "TN", "de", 4, 5, 2, "submitted"},
          Spec{'D', "Dalia Applicant", "female", "EG", "en", 1, 1, 2, "submitted"},
          Spec{'E', "Elyes Applicant", "male", "TN", "en", 5, 5, 1, "submitted"},
          Spec{'F', "Fatma Applicant", "female", "EG", "en", 5, 5, 2, "withdrawn"}}) {
      programme::Person p;
      p.name = s.name;
      p.email = std::string(1, static_cast<char>(s.key + 32)) + ".applicant@decisions.example.org";
      p.gender = s.gender;
      p.created_at = wall();
      ll person = programme::store::insert_person(sql(), p);
      ll app = application_insert(sql(),
                                  {.call = call_,
                                   .person = person,
                                   .status = s.status,
                                   .language = s.language,
                                   .organisation_country = s.country,
                                   .submitted_at = wall() - 2 * 86400},
                                  wall());
      for (int r = 0; r < s.reviews; ++r)
        review_insert(sql(), app, reviewers[r], ids.criteria, {s.m, s.e}, wall());
      app_[s.key] = app;
      person_[s.key] = person;
      email_[s.key] = p.email;
    }
    link_account('B', auth::Role::applicant);
    link_account('C', auth::Role::alumnus);
    link_account('D', auth::Role::applicant);
  }

  void link_account(char key, auth::Role role) {
    auto id = auth::create_account(sql(), email_[key], "Applicant " + std::string(1, key), role,
                                   kPassword, "en", wall());
    if (!id) throw std::runtime_error("create_account failed");
    sql().sql() << "UPDATE person SET account_id = :a WHERE id = :p", soci::use(*id),
        soci::use(person_[key]);
  }

  Client as(char key) { return sign_in(email_[key], kPassword); }

  Client staff_in_english() {
    auto c = sign_in("staff");
    auto token = csrf_of(c.get("/").body);
    c.post("/language", {{"csrf", token}, {"language", "en"}, {"next", "/"}});
    return c;
  }

  std::string path(const std::string& rest = "") {
    return "/calls/" + std::to_string(call_) + "/decisions" + rest;
  }

  std::string decision_of(char key) {
    std::string d;
    sql().sql() << "SELECT decision FROM application WHERE id = :a", soci::use(app_[key]),
        soci::into(d);
    return d;
  }
  ll rank_of(char key) {
    return count("SELECT COALESCE(waiting_rank, 0) FROM application WHERE id = " +
                 std::to_string(app_[key]));
  }

  HttpResponse post(Client& c, const std::string& target, Form fields) {
    auto token = csrf_of(c.get(path()).body);
    fields.emplace_back("csrf", token);
    return c.post(target, fields);
  }

  HttpResponse decide_all(Client& c, const std::string& waiting = "2",
                          const std::string& by = date_in(14)) {
    return post(c, path(), {{"mode", "all"}, {"waiting", waiting}, {"confirm_by", by}});
  }
  HttpResponse decide_one(Client& c, char key, const std::string& decision,
                          const std::string& by = date_in(14)) {
    return post(c, path(),
                {{"mode", "one"},
                 {"application", std::to_string(app_[key])},
                 {"decision", decision},
                 {"one_confirm_by", by}});
  }
  HttpResponse send(Client& c, bool tick = true) {
    Form f;
    if (tick) f.emplace_back("confirm", "yes");
    return post(c, path("/send"), f);
  }

  std::string tables() {
    return dump_tables(sql(),
                       {"application", "call", "audit_log", "mail_outbox", "job", "enrolment",
                        "enrolment_status_history", "decision_template", "account"});
  }

  static std::string row_of(const std::string& html, ll application) {
    auto at = html.find("id=\"application-" + std::to_string(application) + "\"");
    if (at == std::string::npos) return {};
    return html.substr(at, html.find("</tr>", at) - at);
  }

  // Decided as the shortlist stands and sent.
  void decided_and_sent() {
    auto staff = staff_in_english();
    ASSERT_EQ(decide_all(staff).status, 303);
    ASSERT_EQ(send(staff).status, 303);
  }
};

TEST_F(DecisionTest, DecidingAsTheShortlistStandsThenSendingMailsEachInTheirLanguage) {
  auto staff = staff_in_english();
  auto page = staff.get(path());
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("Decision call (en)"), std::string::npos);
  EXPECT_NE(page.body.find("that cannot be undone"), std::string::npos);
  auto res = decide_all(staff);
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 800);
  EXPECT_EQ(decision_of('B'), "accepted");
  EXPECT_EQ(decision_of('C'), "accepted");
  EXPECT_EQ(decision_of('A'), "waiting");
  EXPECT_EQ(rank_of('A'), 1);
  EXPECT_EQ(decision_of('D'), "waiting");
  EXPECT_EQ(rank_of('D'), 2);
  EXPECT_EQ(decision_of('E'), "rejected");
  EXPECT_EQ(decision_of('F'), "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE decided_at IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE decision = 'accepted' AND confirm_by > " +
                  std::to_string(wall() + 13 * 86400)),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'decision.set'"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
  auto html = staff.get(path()).body;
  EXPECT_NE(row_of(html, app_['A']).find("Waiting list, place 1"), std::string::npos);
  EXPECT_NE(row_of(html, app_['B']).find("(not sent)"), std::string::npos);
  // The applicant sees nothing of it before it is sent.
  auto basma = as('B');
  auto own = basma.get("/applications/" + std::to_string(app_['B']));
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body.find("id=\"decision\""), std::string::npos);

  // Sending needs the tick; then every decision goes out, once.
  const std::string before = tables();
  res = send(staff, false);
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("Tick the box to confirm that the mails go out now."), std::string::npos);
  EXPECT_EQ(tables(), before);
  res = send(staff);
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 800);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM call WHERE status = 'decided' AND id = " + std::to_string(call_)),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE decided_at IS NOT NULL"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'decision.send'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'admissions.confirm_expiry'"), 1);
  EXPECT_EQ(deliver_mail(), 5);
  std::map<std::string, ParsedMail> by_to;
  for (size_t i = 0; i < 5; ++i) {
    auto m = mail(i);
    for (const auto& [k, e] : email_)
      if (m.to.find(e) != std::string::npos) by_to[std::string(1, k)] = m;
  }
  ASSERT_EQ(by_to.size(), 5u);
  // Basma's acceptance in Arabic with the call's Arabic title and her link.
  EXPECT_NE(by_to["B"].subject.find("Decision call (ar)"), std::string::npos);
  std::string ar = tr("ar", "{call}: you have a place");
  EXPECT_NE(ar, "{call}: you have a place");
  auto at = ar.find("{call}");
  ar.replace(at, 6, "Decision call (ar)");
  EXPECT_EQ(by_to["B"].subject, ar);
  EXPECT_NE(by_to["B"].text.find("/applications/" + std::to_string(app_['B'])), std::string::npos);
  std::string de = tr("de", "{call}: you have a place");
  de.replace(de.find("{call}"), 6, "Decision call (de)");
  EXPECT_EQ(by_to["C"].subject, de);
  std::string fr = tr("fr", "{call}: you are on the waiting list");
  fr.replace(fr.find("{call}"), 6, "Decision call (fr)");
  EXPECT_EQ(by_to["A"].subject, fr);
  EXPECT_EQ(by_to["E"].subject, "Decision call (en): your application");
  EXPECT_NE(by_to["E"].text.find("Hello Elyes Applicant,"), std::string::npos);
  // The applicant now sees the decision, nothing of the review.
  own = basma.get("/applications/" + std::to_string(app_['B']));
  EXPECT_NE(own.body.find("id=\"decision\""), std::string::npos);
  EXPECT_NE(own.body.find("/confirm"), std::string::npos);
  EXPECT_EQ(own.body.find("4.67"), std::string::npos);
  EXPECT_EQ(own.body.find("٤٫٦٧"), std::string::npos);
  // Sent is sent: no decision changes any more.
  const std::string sent = tables();
  res = decide_one(staff, 'E', "accepted");
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("The decisions have been sent: they no longer change."),
            std::string::npos);
  EXPECT_EQ(send(staff).status, 422);
  EXPECT_EQ(tables(), sent);
}

TEST_F(DecisionTest, OneByOneAndChangedBeforeSending) {
  auto staff = staff_in_english();
  ASSERT_EQ(decide_all(staff).status, 303);
  // A off the waiting list: D moves up to place 1.
  auto res = decide_one(staff, 'A', "rejected");
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 600);
  EXPECT_EQ(decision_of('A'), "rejected");
  EXPECT_EQ(rank_of('D'), 1);
  // E joins the waiting list last.
  ASSERT_EQ(decide_one(staff, 'E', "waiting").status, 303);
  EXPECT_EQ(rank_of('E'), 2);
  // Changed again before sending; back to no decision.
  ASSERT_EQ(decide_one(staff, 'D', "accepted").status, 303);
  EXPECT_EQ(decision_of('D'), "accepted");
  EXPECT_EQ(rank_of('E'), 1);
  ASSERT_EQ(decide_one(staff, 'D', "none").status, 303);
  EXPECT_EQ(decision_of('D'), "");
  // One without a decision: nothing is sent.
  const std::string before = tables();
  res = send(staff);
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("1 application has no decision yet"), std::string::npos);
  EXPECT_EQ(tables(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'decision.set' AND entity_id = '" +
                  std::to_string(app_['D']) + "'"),
            3);
}

TEST_F(DecisionTest, BadDecisionsSayWhyAndChangeNothing) {
  ll other_cohort = 0;
  {
    programme::Cohort c;
    c.programme_id = programme_;
    c.number = 91;
    c.name = "Other round";
    c.starts_on = wall();
    c.ends_on = wall() + 86400;
    c.status = "planned";
    other_cohort = programme::store::insert_cohort(sql(), c);
  }
  auto other = call_insert(sql(), {.programme = programme_, .cohort = other_cohort}, wall());
  programme::Person p;
  p.name = "Ghada Stranger";
  p.email = "ghada@decisions.example.org";
  p.created_at = wall();
  ll stranger = application_insert(
      sql(), {.call = other.call, .person = programme::store::insert_person(sql(), p)}, wall());
  auto staff = staff_in_english();
  const std::string before = tables();
  struct Case {
    std::string mode, application, decision, by, waiting, message;
  };
  const std::string a = std::to_string(app_['A']);
  for (const auto& k :
       {Case{"all", "", "", "", "2", "Give the date by which accepted applicants confirm."},
        Case{"all", "", "", "31.12.2030", "2", "Enter the date as YYYY-MM-DD."},
        Case{"all", "", "", date_in(-1), "2", "The date to confirm by must be in the future."},
        Case{"all", "", "", date_in(0), "2", "The date to confirm by must be in the future."},
        Case{"all", "", "", date_in(14), "-1", "Enter how many go on the waiting list"},
        Case{"all", "", "", date_in(14), "many", "Enter how many go on the waiting list"},
        Case{"one", a, "promoted", date_in(14), "", "Choose accept, waiting list, reject"},
        Case{"one", a, "accepted", "", "", "Give the date by which accepted applicants"},
        Case{"one", std::to_string(app_['F']), "accepted", date_in(14), "",
             "Choose one of the call&#39;s submitted applications."},
        Case{"one", std::to_string(stranger), "accepted", date_in(14), "",
             "Choose one of the call&#39;s submitted applications."},
        Case{"one", "999999", "rejected", "", "",
             "Choose one of the call&#39;s submitted applications."},
        Case{"maybe", "", "", "", "", "Choose what to decide."}}) {
    SCOPED_TRACE(k.mode + " " + k.decision + " " + k.by + " " + k.waiting);
    auto res = post(staff, path(),
                    {{"mode", k.mode},
                     {"application", k.application},
                     {"decision", k.decision},
                     {"confirm_by", k.by},
                     {"one_confirm_by", k.by},
                     {"waiting", k.waiting}});
    EXPECT_EQ(res.status, 422);
    EXPECT_NE(res.body.find(k.message), std::string::npos) << res.body.substr(0, 300);
    EXPECT_NE(res.body.find("There is a problem"), std::string::npos);
  }
  EXPECT_EQ(tables(), before);
  // A call that still takes applications is not decided.
  sql().sql() << "UPDATE call SET status = 'published', closes_at = :t WHERE id = :c",
      soci::use(wall() + 86400), soci::use(call_);
  const std::string open = tables();
  auto res = decide_all(staff);
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("The call still takes applications"), std::string::npos);
  EXPECT_EQ(tables(), open);
}

TEST_F(DecisionTest, TemplatesAreWrittenPerKindAndLanguageAndCheckedForPlaceholders) {
  auto staff = staff_in_english();
  const std::string templates = "/calls/" + std::to_string(call_) + "/templates";
  auto page = staff.get(templates + "?kind=accepted&language=ar");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("crm&#39;s text"), std::string::npos);
  const std::string token = csrf_of(page.body);
  const std::string before = tables();
  // An unknown placeholder: a clear message, nothing stored.
  auto res = staff.post(templates, {{"csrf", token},
                                    {"kind", "accepted"},
                                    {"language", "ar"},
                                    {"subject", "{call}: مقعد لك"},
                                    {"body", "مرحبا {name}، {salary}\n\n{link}"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("Use only the placeholders {name}, {call}, {confirm_by} and {link}"),
            std::string::npos);
  EXPECT_NE(res.body.find("{salary}"), std::string::npos);  // what was typed is kept
  for (const auto& [kind, lang, subject, body] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"accepted", "ar", "", "text"},
           {"accepted", "ar", "{call", "text"},
           {"accepted", "xx", "s", "text"},
           {"promoted", "ar", "s", "text"},
           {"accepted", "ar", "s", ""}}) {
    SCOPED_TRACE(kind + lang + subject + body);
    EXPECT_EQ(staff
                  .post(templates, {{"csrf", token},
                                    {"kind", kind},
                                    {"language", lang},
                                    {"subject", subject},
                                    {"body", body}})
                  .status,
              422);
  }
  EXPECT_EQ(tables(), before);
  // A good one is stored, audited and used for Basma's mail.
  res = staff.post(templates, {{"csrf", token},
                               {"kind", "accepted"},
                               {"language", "ar"},
                               {"subject", "{call}: مقعد لك"},
                               {"body", "مرحبا {name}،\n\nأكد قبل {confirm_by}: {link}"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 600);
  EXPECT_EQ(count("SELECT COUNT(*) FROM decision_template WHERE kind = 'accepted' AND language = "
                  "'ar'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'decision_template.save'"), 1);
  page = staff.get(templates + "?kind=accepted&language=ar");
  EXPECT_NE(page.body.find("written for the call"), std::string::npos);
  decided_and_sent();
  EXPECT_EQ(deliver_mail(), 5);
  bool found = false;
  for (size_t i = 0; i < 5; ++i) {
    auto m = mail(i);
    if (m.to.find(email_['B']) == std::string::npos) continue;
    found = true;
    EXPECT_EQ(m.subject, "Decision call (ar): مقعد لك");
    EXPECT_NE(m.text.find("مرحبا Basma Applicant،"), std::string::npos) << m.text;
    EXPECT_NE(m.text.find("/applications/" + std::to_string(app_['B'])), std::string::npos);
  }
  EXPECT_TRUE(found);
  // Back to crm's text.
  res = staff.post(
      templates, {{"csrf", token}, {"kind", "accepted"}, {"language", "ar"}, {"action", "reset"}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM decision_template"), 0);
}

TEST_F(DecisionTest, ConfirmingMakesTheSamePersonAParticipantOfTheCohort) {
  decided_and_sent();
  auto basma = as('B');
  const std::string own = "/applications/" + std::to_string(app_['B']);
  auto token = csrf_of(basma.get(own).body);
  auto res = basma.post(own + "/confirm", {{"csrf", token}, {"action", "accept"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 600);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE confirmed_at IS NOT NULL AND id = " +
                  std::to_string(app_['B'])),
            1);
  const std::string enrolment =
      "SELECT id FROM enrolment WHERE person_id = " + std::to_string(person_['B']) +
      " AND cohort_id = " + std::to_string(cohort_) +
      " AND role = 'participant' AND status = 'participant'";
  ll e = count(enrolment);
  ASSERT_GT(e, 0);
  std::vector<std::string> history;
  {
    soci::rowset<std::string> rs =
        (sql().sql().raw().prepare << "SELECT status FROM enrolment_status_history WHERE "
                                      "enrolment_id = "
                                   << e << " ORDER BY at, id");
    for (const auto& s : rs) history.push_back(s);
  }
  EXPECT_EQ(history, (std::vector<std::string>{"applicant", "admitted", "participant"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE role = 'participant' AND email = '" +
                  email_['B'] + "'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.role'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'application.confirm'"), 1);
  // Their decision and answer are in their data download; nothing of the review.
  auto data = basma.get("/profile/data.json");
  ASSERT_EQ(data.status, 200);
  EXPECT_NE(data.body.find("\"decision\":\"accepted\""), std::string::npos) << data.body;
  EXPECT_EQ(data.body.find("4.67"), std::string::npos);
  // Once is enough.
  const std::string before = tables();
  res = basma.post(own + "/confirm", {{"csrf", token}, {"action", "accept"}});
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(tables(), before);
  // The alumnus applying again keeps their role.
  auto chokri = as('C');
  const std::string his = "/applications/" + std::to_string(app_['C']);
  token = csrf_of(chokri.get(his).body);
  ASSERT_EQ(chokri.post(his + "/confirm", {{"csrf", token}, {"action", "accept"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE role = 'alumnus' AND email = '" +
                  email_['C'] + "'"),
            1);
  // Staff see both among the cohort's participants.
  auto staff = staff_in_english();
  auto cohort = staff.get("/cohorts/" + std::to_string(cohort_));
  ASSERT_EQ(cohort.status, 200);
  EXPECT_NE(cohort.body.find("Basma Applicant"), std::string::npos);
  EXPECT_NE(cohort.body.find("Chokri Applicant"), std::string::npos);
}

TEST_F(DecisionTest, DecliningAndAnsweringAfterTheDate) {
  auto staff = staff_in_english();
  ASSERT_EQ(decide_all(staff).status, 303);
  ASSERT_EQ(decide_one(staff, 'D', "accepted").status, 303);
  ASSERT_EQ(send(staff).status, 303);
  auto dalia = as('D');
  const std::string own = "/applications/" + std::to_string(app_['D']);
  auto token = csrf_of(dalia.get(own).body);
  // Declining needs the tick.
  std::string before = tables();
  auto res = dalia.post(own + "/confirm", {{"csrf", token}, {"action", "decline"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("Tick the box to confirm that you decline the place."),
            std::string::npos);
  EXPECT_EQ(tables(), before);
  res = dalia.post(own + "/confirm", {{"csrf", token}, {"action", "decline"}, {"confirm", "yes"}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE declined_at IS NOT NULL AND id = " +
                  std::to_string(app_['D'])),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM enrolment WHERE person_id = " + std::to_string(person_['D'])), 0);
  // Basma answers a day too late: a clear message, nothing changed.
  sql().sql() << "UPDATE application SET confirm_by = :t WHERE id = :a", soci::use(wall() - 1),
      soci::use(app_['B']);
  auto basma = as('B');
  const std::string hers = "/applications/" + std::to_string(app_['B']);
  auto page = basma.get(hers);
  EXPECT_NE(page.body.find("The date to confirm your place has passed"), std::string::npos);
  token = csrf_of(page.body);
  before = tables();
  for (const char* action : {"accept", "decline"}) {
    res = basma.post(hers + "/confirm", {{"csrf", token}, {"action", action}, {"confirm", "yes"}});
    EXPECT_EQ(res.status, 409);
    EXPECT_NE(res.body.find("The date to confirm your place has passed"), std::string::npos);
  }
  EXPECT_EQ(tables(), before);
}

TEST_F(DecisionTest, TheExpiryJobFreesThePlaceAndTheOfferSkipsWhoWouldBreakABound) {
  decided_and_sent();
  // Basma (woman, MA) lets the date pass; the job marks her declined.
  sql().sql() << "UPDATE application SET confirm_by = :t WHERE id = :a", soci::use(wall() - 10),
      soci::use(app_['B']);
  sql().sql() << "UPDATE job SET run_at = :t WHERE kind = 'admissions.confirm_expiry'",
      soci::use(wall() - 10);
  run_jobs();
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE declined_at IS NOT NULL AND id = " +
                  std::to_string(app_['B'])),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'application.confirm_expired'"),
            1);
  // Amir (waiting 1, man, MA) would leave the cohort without a woman; Dalia
  // (waiting 2, woman, EG) keeps the targets.
  auto staff = staff_in_english();
  auto html = staff.get(path()).body;
  EXPECT_NE(html.find("1 place is free."), std::string::npos);
  EXPECT_NE(html.find("is skipped: with them, Gender Female would be short by 1."),
            std::string::npos)
      << html.substr(html.find("id=\"offer\""));
  EXPECT_NE(html.find("Offer the place to <bdi>Dalia Applicant</bdi>"), std::string::npos);
  // Offering it to Amir is refused.
  const std::string before = tables();
  auto res = post(staff, path("/offer"),
                  {{"application", std::to_string(app_['A'])}, {"confirm_by", date_in(7)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("Offer the place to the applicant suggested"), std::string::npos);
  res = post(staff, path("/offer"),
             {{"application", std::to_string(app_['D'])}, {"confirm_by", date_in(-3)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(tables(), before);
  deliver_mail();  // the decisions of the first round
  const long mails = count("SELECT COUNT(*) FROM mail_outbox");
  res = post(staff, path("/offer"),
             {{"application", std::to_string(app_['D'])}, {"confirm_by", date_in(7)}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 600);
  EXPECT_EQ(decision_of('D'), "accepted");
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), mails + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'decision.offer'"), 1);
  EXPECT_EQ(deliver_mail(), 1);
  auto m = mail(5);
  EXPECT_NE(m.to.find(email_['D']), std::string::npos);
  EXPECT_EQ(m.subject, "Decision call (en): you have a place");
  // Now both places are held.
  html = staff.get(path()).body;
  EXPECT_NE(html.find("No place is free"), std::string::npos);
}

TEST_F(DecisionTest, AnotherProgrammeLesserRolesAndOtherApplicantsAre404) {
  auto other = insert_other_programme(sql());
  auto foreign = call_insert(sql(), {.programme = other.programme, .cohort = other.cohort}, wall());
  auto staff = staff_in_english();
  const std::string there = "/calls/" + std::to_string(foreign.call);
  auto token = csrf_of(staff.get("/").body);
  const std::vector<std::string> written = {"application",       "call",      "mail_outbox",
                                            "decision_template", "enrolment", "job"};
  const std::string before = dump_tables(sql(), written);
  EXPECT_EQ(staff.get(there + "/decisions").status, 404);
  EXPECT_EQ(staff.get(there + "/decisions.csv").status, 404);
  EXPECT_EQ(staff.get(there + "/templates").status, 404);
  EXPECT_EQ(
      staff
          .post(there + "/decisions",
                {{"csrf", token}, {"mode", "all"}, {"waiting", "1"}, {"confirm_by", date_in(9)}})
          .status,
      404);
  EXPECT_EQ(staff.post(there + "/decisions/send", {{"csrf", token}, {"confirm", "yes"}}).status,
            404);
  EXPECT_EQ(staff
                .post(there + "/templates", {{"csrf", token},
                                             {"kind", "accepted"},
                                             {"language", "en"},
                                             {"subject", "s"},
                                             {"body", "b"}})
                .status,
            404);
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    auto t = csrf_of(c.get("/").body);
    EXPECT_EQ(c.get(path()).status, 404);
    EXPECT_EQ(c.get(path(".xlsx")).status, 404);
    EXPECT_EQ(
        c.post(path(), {{"csrf", t}, {"mode", "all"}, {"waiting", "1"}, {"confirm_by", date_in(9)}})
            .status,
        404);
    auto res = c.post(path("/send"), {{"csrf", t}, {"confirm", "yes"}});
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(res.body.find("Basma Applicant"), std::string::npos);
  }
  // An applicant: not the staff pages, not another's place.
  auto dalia = as('D');
  auto t = csrf_of(dalia.get("/applications").body);
  EXPECT_EQ(dalia.get(path()).status, 404);
  EXPECT_EQ(dalia
                .post("/applications/" + std::to_string(app_['B']) + "/confirm",
                      {{"csrf", t}, {"action", "accept"}})
                .status,
            404);
  EXPECT_NE(client().get(path()).status, 200);
  // Sign-ins are audited; compare what the decisions write.
  EXPECT_EQ(dump_tables(sql(), written), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'decision%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE decision <> ''"), 0);
  // An applicant's start page is their applications.
  auto home = dalia.get("/");
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.location(), "/applications");
}

// The demo decides its closed calls as the shortlist stands, sent and
// answered, once.
TEST_F(DecisionTest, DemoDecisionsAreSentAndAnsweredOnce) {
  // The demo's cohorts hold the people they admitted: here B (shortlisted)
  // and A (first on the waiting list).
  enrolment_insert(sql(), person_['B'], cohort_, wall());
  enrolment_insert(sql(), person_['A'], cohort_, wall());
  demo::load_decisions(sql(), wall());
  EXPECT_EQ(decision_of('B'), "accepted");
  EXPECT_EQ(decision_of('C'), "accepted");
  EXPECT_EQ(decision_of('E'), "rejected");
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE decided_at IS NOT NULL"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call WHERE status = 'decided'"), 1);
  // B confirmed, C (accepted, not in the cohort) declined, A (in the cohort,
  // left out by the shortlist) was offered the place and took it.
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE confirmed_at IS NOT NULL"), 2);
  EXPECT_EQ(decision_of('A'), "accepted");
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
  const std::string once = tables();
  demo::load_decisions(sql(), wall());
  EXPECT_EQ(tables(), once);
  auto staff = staff_in_english();
  auto html = staff.get(path()).body;
  EXPECT_NE(html.find("2 confirmed their place, 1 declined"), std::string::npos);
}

}  // namespace
}  // namespace crm::test
