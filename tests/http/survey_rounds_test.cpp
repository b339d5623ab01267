// Survey rounds (issue 12 §2, sending), on SQLite and PostgreSQL, with a real
// SMTP server and the job runner driven at chosen times: a cohort round
// mails each participant once in their language with a personal link whose
// digest is the invitation's; a session round only its attendees; a
// graduates round each graduate three months after their own completion,
// picking up one who completes later; one reminder with a new link while
// the first still works; nothing after closing or cancelling; bad input
// changes nothing; other roles get 404; an anonymous survey's round shows
// counts, never names.
#include <algorithm>
#include <ctime>

#include "curriculum/service.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/instruments.hpp"
#include "surveys/links.hpp"
#include "surveys/round_service.hpp"
#include "surveys/round_store.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr ll kDay = 86400;

bool has(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

// "{title}" in `s` replaced by `value`.
std::string fill(std::string s, const std::string& key, const std::string& value) {
  const std::string k = "{" + key + "}";
  if (auto at = s.find(k); at != std::string::npos) s.replace(at, k.size(), value);
  return s;
}

ll at(int y, int m, int d) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return static_cast<ll>(timegm(&tm));
}

class SurveyRoundsTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT MIN(id) FROM programme", soci::into(programme_);
    // Staff enter dates in Berlin time.
    db << "UPDATE account SET time_zone = 'Europe/Berlin', language = 'en' WHERE email = "
          "'staff@demo.crm.example'";
    const ll now = static_cast<ll>(std::time(nullptr));
    {
      db::Transaction tx(sql());
      programme::Cohort c;
      c.programme_id = programme_;
      c.number = 90;
      c.name = "Survey cohort";
      c.starts_on = at(2025, 10, 1);
      c.ends_on = at(2026, 2, 15);
      c.status = "completed";
      cohort_ = programme::store::insert_cohort(sql(), c);
      c.number = 91;
      c.name = "Neighbour cohort";
      other_cohort_ = programme::store::insert_cohort(sql(), c);
      tx.commit();
    }
    // Dieter (account in German), Amal (account in Arabic), Noor (no
    // account: the programme's default), Willi (withdrawn) and Anna (an
    // applicant) are not asked.
    dieter_ = person("Dieter Survey", "dieter.survey@example.org", "de", "graduate");
    amal_ = person("أمل الاستبيان", "amal.survey@example.org", "ar", "participant");
    noor_ = person("Noor Survey", "noor.survey@example.org", "", "graduate");
    person("Willi Withdrawn", "willi.survey@example.org", "en", "withdrawn");
    person("Anna Applicant", "anna.survey@example.org", "en", "applicant");
    // Dieter's certificate: completed on 31 January 2026.
    certificate(dieter_, at(2026, 1, 31));
    // A session of the cohort: Dieter present, Amal absent, Noor not recorded.
    db << "INSERT INTO course_session (cohort_id, title, kind, starts_at, ends_at, time_zone, "
          "uid, created_at, updated_at) VALUES (:c, 'Opening', 'on_site', :s, :e, "
          "'Europe/Berlin', 'survey-test-session', :t, :t2) RETURNING id",
        soci::use(cohort_), soci::use(now - 7 * kDay), soci::use(now - 7 * kDay + 3600),
        soci::use(now), soci::use(now), soci::into(session_);
    db << "INSERT INTO course_session (cohort_id, title, kind, starts_at, ends_at, time_zone, "
          "uid, created_at, updated_at) VALUES (:c, 'Elsewhere', 'on_site', :s, :e, "
          "'Europe/Berlin', 'survey-test-session-2', :t, :t2) RETURNING id",
        soci::use(other_cohort_), soci::use(now - 7 * kDay), soci::use(now - 7 * kDay + 3600),
        soci::use(now), soci::use(now), soci::into(other_session_);
    db << "INSERT INTO attendance (session_id, person_id, status, recorded_at) VALUES (:s, :p, "
          "'present', :t), (:s2, :o, 'absent', :t2)",
        soci::use(session_), soci::use(dieter_), soci::use(now), soci::use(session_),
        soci::use(amal_), soci::use(now);
    definition_ = *surveys::instrument("useful");
    survey_ = survey_insert(sql(), programme_, "useful", false, definition_, now).survey;
  }

  ll person(const std::string& name, const std::string& email, const std::string& language,
            const std::string& status) {
    const ll now = static_cast<ll>(std::time(nullptr));
    ll account = 0;
    if (!language.empty())
      sql().sql() << "INSERT INTO account (email, name, role, language, time_zone, created_at, "
                     "updated_at) VALUES (:e, :n, 'participant', :l, 'Europe/Berlin', :t, :t2) "
                     "RETURNING id",
          soci::use(email), soci::use(name), soci::use(language), soci::use(now), soci::use(now),
          soci::into(account);
    db::Transaction tx(sql());
    programme::Person p;
    p.account_id = account;
    p.name = name;
    p.email = email;
    p.country = "DE";
    p.created_at = now;
    const ll id = programme::store::insert_person(sql(), p);
    programme::store::insert_enrolment(sql(), {0, id, cohort_, "participant", status, now});
    tx.commit();
    return id;
  }

  void certificate(ll person, ll completed_on) {
    static int n = 0;
    const std::string code = "SURVEY-TEST-" + std::to_string(person) + "-" + std::to_string(++n);
    sql().sql() << "INSERT INTO certificate (code, person_id, cohort_id, name, completed_on, "
                   "issued_at) VALUES (:c, :p, :co, 'x', :d, :t)",
        soci::use(code), soci::use(person), soci::use(cohort_), soci::use(completed_on),
        soci::use(completed_on);
  }

  Client staff() { return sign_in("staff"); }

  std::string new_path(ll survey = 0) const {
    return "/surveys/" + std::to_string(survey ? survey : survey_) + "/rounds/new";
  }

  // The form with Berlin wall-clock dates for `opens` and `closes` (UTC).
  Form round_form(const std::string& audience, ll opens, ll closes,
                  const std::string& extra_key = {}, const std::string& extra_value = {}) const {
    auto a = curriculum::local_parts(opens, "Europe/Berlin");
    auto b = curriculum::local_parts(closes, "Europe/Berlin");
    Form f{{"audience", audience},  {"cohort", std::to_string(cohort_)},
           {"session", ""},         {"months", "3"},
           {"phase", ""},           {"opens_date", a.date},
           {"opens_time", a.time},  {"closes_date", b.date},
           {"closes_time", b.time}, {"reminder_days", "0"}};
    if (!extra_key.empty())
      for (auto& [k, v] : f)
        if (k == extra_key) v = extra_value;
    return f;
  }

  // Posts the form; returns the new round's id (0 when refused).
  ll create(Client& c, const Form& f, HttpResponse* out = nullptr, ll survey = 0) {
    auto res = c.submit(new_path(survey), f);
    if (out) *out = res;
    if (res.status != 303) return 0;
    const std::string loc = path_of(res.location());
    EXPECT_TRUE(loc.starts_with("/rounds/")) << loc;
    return std::stoll(loc.substr(8));
  }

  // Runs every job due at `now` as `crm serve` would (mail to smtp()).
  int run_jobs_at(ll now) {
    mail::SenderConfig cfg;
    cfg.smtp.url = smtp().url();
    cfg.smtp.timeout_seconds = 10;
    cfg.from_address = "crm@test.example";
    cfg.from_name = "crm";
    jobs::Registry kinds;
    app::register_jobs(kinds, server().config(), catalogs(), assets(), cfg);
    return jobs::run_due(sql(), kinds, jobs::RunOptions{"test", 300, nullptr}, now);
  }

  long sent_mails() { return count("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'"); }

  long invited(ll round) {
    return count("SELECT COUNT(*) FROM survey_invitation WHERE round_id = " +
                 std::to_string(round));
  }
  long sent_in(ll round) {
    return count(
        "SELECT COUNT(*) FROM survey_invitation WHERE sent_at IS NOT NULL AND round_id = " +
        std::to_string(round));
  }
  std::string token_hash(ll round, ll person, const char* column = "token_hash") {
    std::string h;
    soci::indicator ind = soci::i_ok;
    sql().sql() << std::string("SELECT ") + column +
                       " FROM survey_invitation WHERE round_id = :r AND person_id = :p",
        soci::use(round), soci::use(person), soci::into(h, ind);
    return ind == soci::i_ok ? h : "";
  }
  std::string email_of(ll person) {
    std::string e;
    sql().sql() << "SELECT email FROM person WHERE id = :p", soci::use(person), soci::into(e);
    return e;
  }
  // The received mail to `address` among the first `n`.
  std::optional<ParsedMail> mail_to(const std::string& address, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      auto m = mail(i);
      if (has(m.to, address)) return m;
    }
    return std::nullopt;
  }

  std::string round_state() {
    return dump_tables(sql(), {"survey_round", "survey_invitation", "survey_version", "job",
                               "audit_log", "mail_outbox"});
  }

  ll programme_ = 0, cohort_ = 0, other_cohort_ = 0, session_ = 0, other_session_ = 0;
  ll dieter_ = 0, amal_ = 0, noor_ = 0, survey_ = 0;
  surveys::Definition definition_;
};

TEST_F(SurveyRoundsTest, CohortRoundMailsEachParticipantOnceInTheirLanguage) {
  auto c = staff();
  EXPECT_EQ(c.get(new_path()).status, 200);
  // Opens on 2 March 2026 at 10:00 in Berlin (09:00 UTC).
  const ll opens = at(2026, 3, 2) + 9 * 3600;
  const ll closes = static_cast<ll>(std::time(nullptr)) + 30 * kDay;
  const ll round = create(c, round_form("cohort", opens, closes));
  ASSERT_GT(round, 0);
  ll stored_opens = 0;
  sql().sql() << "SELECT opens_at FROM survey_round WHERE id = :r", soci::use(round),
      soci::into(stored_opens);
  EXPECT_EQ(stored_opens, opens);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version WHERE frozen_at IS NOT NULL AND "
                  "survey_id = " +
                  std::to_string(survey_)),
            1);
  EXPECT_EQ(invited(round), 3);  // not the withdrawn one nor the applicant
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'survey.dispatch' AND run_at = " +
                  std::to_string(opens)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey_round.created'"), 1);

  // Before opening nothing goes out.
  run_jobs_at(opens - 60);
  EXPECT_EQ(sent_mails(), 0);
  run_jobs_at(opens + 60);
  EXPECT_EQ(sent_in(round), 3);
  EXPECT_EQ(sent_mails(), 3);
  // Each in their language, with a personal link whose digest is theirs.
  const struct {
    ll person;
    std::string language;
  } expected[] = {{dieter_, "de"}, {amal_, "ar"}, {noor_, "en"}};
  for (const auto& e : expected) {
    auto m = mail_to(email_of(e.person), 3);
    ASSERT_TRUE(m) << e.language;
    EXPECT_EQ(m->subject,
              fill(tr(e.language, "Survey: {title}"), "title", definition_.title.at(e.language)));
    EXPECT_TRUE(has(m->text, tr(e.language,
                                "This survey is not anonymous: your answers are "
                                "stored with your name, and the programme's staff "
                                "can see them.")))
        << m->text;
    const std::string url = first_url(m->text);
    const std::string prefix = server().base_url() + "/s/";
    ASSERT_TRUE(url.starts_with(prefix)) << url;
    const std::string token = url.substr(prefix.size());
    EXPECT_GE(token.size(), 40u);
    EXPECT_EQ(surveys::invitation_hash(token), token_hash(round, e.person));
    EXPECT_TRUE(has(m->html, "/s/" + token));
  }
  // Run again: nobody gets a second mail.
  run_jobs_at(opens + 2 * kDay);
  EXPECT_EQ(sent_mails(), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey_invitation.sent'"), 3);

  // The round page: counts and (identified) who was sent; the export.
  auto page = c.get("/rounds/" + std::to_string(round));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-count=\"invited\">3<")) << page.body;
  EXPECT_TRUE(has(page.body, "data-count=\"sent\">3<"));
  EXPECT_TRUE(has(page.body, "Noor Survey"));
  EXPECT_TRUE(has(page.body, "href=\"/surveys/" + std::to_string(survey_) + "\""));
  auto csv = c.get("/rounds/" + std::to_string(round) + "/people.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Dieter Survey"));
  EXPECT_FALSE(has(csv.body, "Willi"));
}

TEST_F(SurveyRoundsTest, SessionRoundGoesOnlyToAttendees) {
  auto c = staff();
  const ll opens = at(2026, 3, 2);
  const ll closes = static_cast<ll>(std::time(nullptr)) + 30 * kDay;
  const ll round =
      create(c, round_form("session", opens, closes, "session", std::to_string(session_)));
  ASSERT_GT(round, 0);
  EXPECT_EQ(invited(round), 1);
  run_jobs_at(opens + 60);
  EXPECT_EQ(sent_mails(), 1);
  EXPECT_TRUE(has(mail(0).to, "dieter.survey@example.org"));
}

TEST_F(SurveyRoundsTest, GraduatesAreAskedMonthsAfterTheirOwnCompletion) {
  auto c = staff();
  const ll opens = at(2026, 2, 1);
  const ll closes = static_cast<ll>(std::time(nullptr)) + 30 * kDay;
  const ll round = create(c, round_form("graduates", opens, closes));
  ASSERT_GT(round, 0);
  // Dieter: certificate of 31 January → 30 April (the month's last day);
  // Noor: graduate without a certificate → the cohort's end, 15 February → 15 May.
  EXPECT_EQ(invited(round), 2);
  ll dieter_due = 0, noor_due = 0;
  sql().sql() << "SELECT send_at FROM survey_invitation WHERE round_id = :r AND person_id = :p",
      soci::use(round), soci::use(dieter_), soci::into(dieter_due);
  sql().sql() << "SELECT send_at FROM survey_invitation WHERE round_id = :r AND person_id = :p",
      soci::use(round), soci::use(noor_), soci::into(noor_due);
  EXPECT_EQ(dieter_due, at(2026, 4, 30));
  EXPECT_EQ(noor_due, at(2026, 5, 15));

  run_jobs_at(opens + 60);
  EXPECT_EQ(sent_mails(), 0);
  run_jobs_at(at(2026, 4, 29));
  EXPECT_EQ(sent_mails(), 0);
  run_jobs_at(at(2026, 4, 30) + 60);
  EXPECT_EQ(sent_mails(), 1);
  EXPECT_TRUE(has(mail(0).to, "dieter.survey@example.org"));

  // Amal completes later: her certificate of 10 March is issued after the
  // round was made; the job invites her for 10 June.
  certificate(amal_, at(2026, 3, 10));
  run_jobs_at(at(2026, 5, 15) + 60);
  EXPECT_EQ(sent_mails(), 2);  // Noor
  EXPECT_EQ(invited(round), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_invitation WHERE sent_at IS NULL AND send_at = " +
                  std::to_string(at(2026, 6, 10))),
            1);
  run_jobs_at(at(2026, 6, 10) + 60);
  EXPECT_EQ(sent_mails(), 3);
  EXPECT_EQ(sent_in(round), 3);
}

TEST_F(SurveyRoundsTest, OneReminderWithANewLinkWhileTheFirstStillWorks) {
  auto c = staff();
  const ll opens = at(2026, 3, 2);
  const ll closes = static_cast<ll>(std::time(nullptr)) + 30 * kDay;
  const ll round = create(c, round_form("cohort", opens, closes, "reminder_days", "3"));
  ASSERT_GT(round, 0);
  run_jobs_at(opens + 60);
  ASSERT_EQ(sent_mails(), 3);
  // Noor answers.
  sql().sql() << "UPDATE survey_invitation SET answered = 1 WHERE round_id = :r AND person_id = :p",
      soci::use(round), soci::use(noor_);
  const std::string first = token_hash(round, dieter_);
  run_jobs_at(opens + 2 * kDay);
  EXPECT_EQ(sent_mails(), 3);  // not yet
  run_jobs_at(opens + 3 * kDay + 120);
  EXPECT_EQ(sent_mails(), 5);  // Dieter and Amal
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_invitation WHERE reminded_at IS NOT NULL"), 2);
  EXPECT_EQ(token_hash(round, dieter_, "previous_token_hash"), first);
  EXPECT_NE(token_hash(round, dieter_), first);
  ParsedMail reminder;
  for (size_t i = 3; i < 5; ++i)
    if (has(mail(i).to, "dieter.survey@example.org")) reminder = mail(i);
  const std::string url = first_url(reminder.text);
  EXPECT_EQ(surveys::invitation_hash(url.substr(url.rfind('/') + 1)), token_hash(round, dieter_));
  EXPECT_TRUE(has(reminder.subject, "Erinnerung")) << reminder.subject;
  // Both links lead to the invitation: the first mail's and the reminder's.
  auto by_new = surveys::round_store::invitation_by_link(sql(), token_hash(round, dieter_));
  auto by_old = surveys::round_store::invitation_by_link(sql(), first);
  ASSERT_TRUE(by_new && by_old);
  EXPECT_EQ(by_new->id, by_old->id);
  EXPECT_EQ(by_new->person_id, dieter_);
  EXPECT_FALSE(surveys::round_store::invitation_by_link(sql(), "no such digest"));
  // Once: later runs send no more.
  run_jobs_at(opens + 10 * kDay);
  EXPECT_EQ(sent_mails(), 5);

  // "Remind now" reminds those not answered again, at once.
  auto res = c.submit("/rounds/" + std::to_string(round), {},
                      "/rounds/" + std::to_string(round) + "/remind");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey_invitation.reminded'"), 4);
}

TEST_F(SurveyRoundsTest, NothingIsSentAfterClosingOrForACancelledRound) {
  auto c = staff();
  const ll now = static_cast<ll>(std::time(nullptr));
  const ll closes_soon = create(c, round_form("cohort", now - kDay, now + kDay));
  ASSERT_GT(closes_soon, 0);
  run_jobs_at(now + 2 * kDay);  // the job runs only after closing
  EXPECT_EQ(sent_in(closes_soon), 0);

  const ll cancelled = create(c, round_form("cohort", now + kDay, now + 20 * kDay));
  ASSERT_GT(cancelled, 0);
  const std::string page = "/rounds/" + std::to_string(cancelled);
  EXPECT_EQ(c.submit(page, {}, page + "/cancel").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey_round.cancelled'"), 1);
  run_jobs_at(now + 2 * kDay);
  EXPECT_EQ(sent_in(cancelled), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
  // Cancelling again, or reminding, is refused and changes nothing.
  const std::string before = round_state();
  auto again = c.submit(page, {}, page + "/cancel");
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(has(again.body, "This round has been cancelled already."));
  EXPECT_EQ(c.submit(page, {}, page + "/remind").status, 422);
  EXPECT_EQ(round_state(), before);
  auto shown = c.get(page);
  EXPECT_FALSE(has(shown.body, "/cancel\""));
}

TEST_F(SurveyRoundsTest, BadInputIsRefusedAndChangesNothing) {
  auto c = staff();
  const ll now = static_cast<ll>(std::time(nullptr));
  auto other = insert_other_programme(sql());
  const std::string before = round_state();
  const struct {
    Form form;
    std::string message;
  } cases[] = {
      {round_form("cohort", now + 2 * kDay, now + kDay), "The survey must close after it opens."},
      {round_form("session", now, now + kDay, "session", std::to_string(other_session_)),
       "Choose a session of the chosen cohort."},
      {round_form("graduates", now, now + kDay, "months", "0"),
       "Enter a number of months from 1 to 60."},
      {round_form("cohort", now, now + kDay, "cohort", std::to_string(other.cohort)),
       "Choose a cohort of this programme."},
      {round_form("everyone", now, now + kDay), "Choose whom the survey goes to."},
      {round_form("cohort", now - 3 * kDay, now - kDay),
       "The closing date has passed: choose a later one."},
      {round_form("cohort", now, now + kDay, "reminder_days", "x"),
       "Enter a number of days from 0 to 90."},
      {round_form("cohort", now, now + kDay, "opens_date", "2026-02-30"), ""},
  };
  for (const auto& k : cases) {
    HttpResponse res;
    EXPECT_EQ(create(c, k.form, &res), 0);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "There is a problem") || has(res.body, "problem")) << res.body;
    if (!k.message.empty()) {
      EXPECT_TRUE(has(res.body, k.message)) << k.message;
    }
    EXPECT_EQ(round_state(), before) << k.message;
  }
  // An archived survey is not sent.
  sql().sql() << "UPDATE survey SET archived_at = 1 WHERE id = :s", soci::use(survey_);
  const std::string archived = round_state();
  HttpResponse res;
  EXPECT_EQ(create(c, round_form("cohort", now, now + kDay), &res), 0);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "This survey is archived: it can no longer be sent."));
  EXPECT_EQ(round_state(), archived);
}

TEST_F(SurveyRoundsTest, OthersGetNotFoundAndAnonymousRoundsShowNoNames) {
  auto c = staff();
  const ll now = static_cast<ll>(std::time(nullptr));
  const ll anonymous = survey_insert(sql(), programme_, "useful", true, definition_, now).survey;
  const ll round = create(c, round_form("cohort", now - kDay, now + 10 * kDay), nullptr, anonymous);
  ASSERT_GT(round, 0);
  run_jobs_at(now);
  const std::string page = "/rounds/" + std::to_string(round);
  auto shown = c.get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(has(shown.body, "data-count=\"sent\">3<"));
  EXPECT_FALSE(has(shown.body, "Dieter Survey"));
  EXPECT_FALSE(has(shown.body, "people.csv"));
  EXPECT_EQ(c.get(page + "/people.csv").status, 404);
  auto m = mail_to(email_of(noor_), 3);
  ASSERT_TRUE(m);
  EXPECT_TRUE(has(m->text,
                  "This survey is anonymous: your answers are stored without your name "
                  "and without anything that leads to you."))
      << m->text;

  std::vector<std::pair<std::string, Client>> others;
  for (const char* role : {"participant", "lecturer"}) others.emplace_back(role, sign_in(role));
  const std::string before = round_state();
  for (auto& [role, other] : others) {
    EXPECT_EQ(other.get(page).status, 404) << role;
    EXPECT_EQ(other.get(new_path()).status, 404) << role;
    EXPECT_EQ(other.get(page + "/people.csv").status, 404) << role;
    const std::string csrf = csrf_of(other.get("/account").body);
    auto form = round_form("cohort", now, now + kDay);
    form.push_back({"csrf", csrf});
    EXPECT_EQ(other.post(new_path(), form).status, 404) << role;
    EXPECT_EQ(other.post(page + "/cancel", {{"csrf", csrf}}).status, 404) << role;
    EXPECT_EQ(other.post(page + "/remind", {{"csrf", csrf}}).status, 404) << role;
  }
  EXPECT_EQ(round_state(), before);
  EXPECT_EQ(client().get(page).status, 303);  // to the login first
}

TEST(SurveyRoundMonths, AddsCalendarMonthsAndClampsTheDay) {
  EXPECT_EQ(surveys::add_months(at(2026, 1, 31), 3), at(2026, 4, 30));
  EXPECT_EQ(surveys::add_months(at(2026, 11, 30) + 3600, 3), at(2027, 2, 28) + 3600);
  EXPECT_EQ(surveys::add_months(at(2027, 11, 29), 3), at(2028, 2, 29));
  EXPECT_EQ(surveys::add_months(at(2026, 5, 15), 12), at(2027, 5, 15));
}

}  // namespace
}  // namespace crm::test
