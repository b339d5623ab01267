// Answering surveys: through the personal link and signed in, page by page,
// each page saved when sent (a new client with the same link goes on where
// the first stopped), "show if" hiding and dropping answers, every kind of
// bad answer refused with nothing saved, anonymous responses that nothing
// leads to, links that were used, closed, cancelled or never existed, and
// another person's invitation.
#include <boost/json.hpp>
#include <ctime>
#include <set>

#include "auth/tokens.hpp"
#include "http/client_address.hpp"
#include "http/support/schema.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/instruments.hpp"
#include "surveys/links.hpp"
#include "surveys/round_store.hpp"

namespace crm::test {
namespace {

using ll = long long;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

surveys::Texts en(const std::string& text) {
  return {{"en", text}};
}

surveys::Question q(const std::string& name, const std::string& type, bool required = false) {
  surveys::Question x;
  x.name = name;
  x.type = type;
  x.required = required;
  x.label = en("Question " + name);
  return x;
}

surveys::Choice choice(const std::string& name) {
  return {name, en("Choice " + name), false};
}

// Two pages: numbers, a date, choices and a constraint; then a matrix and text.
surveys::Definition checked_definition() {
  surveys::Definition d;
  d.languages = {"en"};
  d.title = en("Checked survey");
  d.intro = en("Please answer.");
  auto age = q("age", "integer", true);
  age.min_value = 18;
  age.max_value = 99;
  d.questions.push_back(age);
  auto share = q("share", "decimal");
  share.min_value = 0;
  share.max_value = 1;
  d.questions.push_back(share);
  d.questions.push_back(q("since", "date"));
  auto colour = q("colour", "single", true);
  colour.choices = {choice("red"), choice("green")};
  d.questions.push_back(colour);
  auto tools = q("tools", "multiple");
  tools.choices = {choice("phone"), choice("mail"), choice("fax")};
  tools.constraint_expr = "not(selected(., 'fax'))";
  tools.constraint_message = en("Nobody uses a fax any more.");
  d.questions.push_back(tools);
  auto section = q("second", "section");
  section.label = en("Second part");
  d.questions.push_back(section);
  auto skills = q("skills", "matrix", true);
  skills.choices = {choice("1"), choice("2"), choice("3")};
  skills.rows = {choice("talk"), choice("write")};
  d.questions.push_back(skills);
  d.questions.push_back(q("comment", "text"));
  return d;
}

class SurveyAnswerTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    now_ = static_cast<int64_t>(std::time(nullptr));
    sql().sql() << "SELECT p.id, e.cohort_id, c.programme_id FROM person p JOIN account a ON a.id "
                   "= p.account_id JOIN enrolment e ON e.person_id = p.id JOIN cohort c ON c.id = "
                   "e.cohort_id WHERE a.email = 'participant@demo.crm.example' ORDER BY e.id",
        soci::into(person_), soci::into(cohort_), soci::into(programme_);
    sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email "
                   "= 'alumnus@demo.crm.example'",
        soci::into(alumnus_);
  }

  struct Survey {
    ll survey = 0, version = 0, round = 0;
  };
  Survey survey(const surveys::Definition& d, bool anonymous, const std::string& kind = "custom",
                int64_t closes_in = 86400) {
    auto ids = survey_insert(sql(), programme_, kind, anonymous, d, now_);
    Survey s{ids.survey, ids.version, 0};
    s.round = survey_round_insert(sql(), ids.survey, cohort_, now_ - 3600, now_ + closes_in);
    rounds_ += (rounds_.empty() ? "" : ",") + std::to_string(s.round);
    return s;
  }
  // A personal link for `person` in the round: the token (only its digest is stored).
  std::string invite(ll round, ll person, ll* invitation = nullptr) {
    std::string token = auth::random_token();
    std::string hash = surveys::invitation_hash(token);
    ll at = now_ - 60, id = 0;
    sql().sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, "
                   "sent_at) VALUES (:r, :p, :h, :s, :s2) RETURNING id",
        soci::use(round), soci::use(person), soci::use(hash), soci::use(at), soci::use(at),
        soci::into(id);
    if (invitation) *invitation = id;
    return token;
  }
  // Posts page n of `base` from its own form.
  HttpResponse post_page(Client& c, const std::string& base, long n, Form fields,
                         const std::string& action = "next") {
    std::string page = base + "/page/" + std::to_string(n);
    fields.emplace_back("action", action);
    return c.submit(page, fields);
  }
  std::string survey_state() {
    return dump_tables(sql(), {"survey_response", "survey_answer", "survey_indicator_answer",
                               "survey_invitation", "survey_version", "audit_log"});
  }
  std::string text(const std::string& select) {
    std::string v;
    soci::indicator ind;
    sql().sql() << select, soci::into(v, ind);
    return ind == soci::i_null ? "" : v;
  }
  Form valid_first_page() {
    return {{"q.age", "42"},     {"q.share", "0.5"},   {"q.since", "2025-02-28"},
            {"q.colour", "red"}, {"q.tools", "phone"}, {"q.tools", "mail"}};
  }

  // This test's rows only (the demo has surveys of its own).
  std::string responses() {
    return "(SELECT * FROM survey_response WHERE round_id IN (" + rounds_ + ")) sr";
  }
  std::string answers(const std::string& alias = "sa") {
    return "(SELECT x.* FROM survey_answer x JOIN survey_response y ON y.id = x.response_id "
           "WHERE y.round_id IN (" +
           rounds_ + ")) " + alias;
  }
  std::string invitations() {
    return "(SELECT * FROM survey_invitation WHERE round_id IN (" + rounds_ + ")) si";
  }

  // A reminder as the dispatch job records it: a new link for the invitation
  // (the old one keeps working). Returns the new token.
  std::string remind(ll invitation) {
    std::string token = auth::random_token();
    db::Transaction tx(sql());
    EXPECT_TRUE(surveys::round_store::mark_reminded(sql(), invitation,
                                                    surveys::invitation_hash(token), now_));
    tx.commit();
    return token;
  }
  std::string seed_of(ll invitation) {
    return text("SELECT draft_seed FROM survey_invitation WHERE id = " +
                std::to_string(invitation));
  }

  // The tables of the whole schema any of whose columns (as text) contains
  // one of `values` (hex digests and link tokens: no quote, no '%').
  std::set<std::string> tables_holding(const std::vector<std::string>& values) {
    auto& db = sql();
    std::set<std::string> out;
    for (const auto& t : schema_tables(db)) {
      std::string where;
      for (const auto& c : schema_columns(db, t))
        for (const auto& v : values) {
          EXPECT_EQ(v.find_first_of("'%\\"), std::string::npos);
          where += std::string(where.empty() ? "" : " OR ") + "CAST(" + c.name +
                   " AS TEXT) LIKE '%" + v + "%'";
        }
      if (where.empty()) continue;
      if (count("SELECT COUNT(*) FROM " + t + " WHERE " + where) > 0) out.insert(t);
    }
    return out;
  }

  std::string rounds_;
  int64_t now_ = 0;
  ll person_ = 0, cohort_ = 0, programme_ = 0, alumnus_ = 0;
};

TEST_F(SurveyAnswerTest, AnsweredPageByPageAndResumedByANewClientWithTheSameLink) {
  auto s = survey(checked_definition(), false);
  std::string token = invite(s.round, person_);
  const std::string base = "/s/" + token;

  auto first = client();
  first.accept_language = "en";
  auto start = first.get(base);
  ASSERT_EQ(start.status, 200);
  auto body = html_unescape(start.body);
  EXPECT_TRUE(has(body, "Checked survey"));
  EXPECT_TRUE(has(body, "Please answer."));
  // Identified, said before the first question.
  EXPECT_TRUE(has(body, tr("ar", "This survey is not anonymous.")) ||
              has(body, "This survey is not anonymous."));
  EXPECT_LT(body.find("not anonymous"), body.find("/page/1"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 0);  // looking saves nothing

  // Page 2 is not reachable before page 1 was sent.
  EXPECT_EQ(first.get(base + "/page/2").location(), base + "/page/1");
  auto saved = post_page(first, base, 1, valid_first_page());
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.location(), base + "/page/2");
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers()), 6);
  EXPECT_EQ(count("SELECT page FROM " + responses()), 1);
  EXPECT_EQ(count("SELECT person_id FROM " + responses()), person_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() + " WHERE resume_hash IS NULL"), 1);
  // The connection drops; later, another browser with the same link goes on at page 2 …
  auto second = client();
  auto resumed = second.get(base);
  EXPECT_EQ(resumed.status, 303);
  EXPECT_EQ(resumed.location(), base + "/page/2");
  auto page2 = second.get(base + "/page/2");
  ASSERT_EQ(page2.status, 200);
  EXPECT_TRUE(has(page2.body, "Second part"));
  EXPECT_TRUE(has(page2.body, "name=\"m.skills~talk\""));
  // … and finds the earlier answers when it goes back.
  auto page1 = second.get(base + "/page/1");
  EXPECT_TRUE(has(page1.body, "value=\"42\""));
  EXPECT_TRUE(has(page1.body, "value=\"2025-02-28\""));
  EXPECT_TRUE(has(page1.body, "value=\"red\" checked"));
  EXPECT_TRUE(has(page1.body, "value=\"mail\" checked"));
  // "Back" saves the page too.
  auto back = post_page(second, base, 2, {{"m.skills~talk", "2"}, {"m.skills~write", "3"}}, "back");
  EXPECT_EQ(back.location(), base + "/page/1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers() + " WHERE item = 'talk' AND choice = '2'"),
            1);
  EXPECT_EQ(
      count("SELECT frozen_at FROM survey_version WHERE id = " + std::to_string(s.version)) > 0,
      true);

  auto done =
      post_page(second, base, 2,
                {{"m.skills~talk", "3"}, {"m.skills~write", "3"}, {"q.comment", "Good"}}, "submit");
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.location(), base + "/done");
  auto thanks = second.get(base + "/done");
  EXPECT_EQ(thanks.status, 200);
  EXPECT_TRUE(has(thanks.body, "Good") == false);
  // Submitted on the UTC day, with the facts results count by.
  ll on = count("SELECT submitted_on FROM " + responses());
  EXPECT_EQ(on % 86400, 0);
  EXPECT_LE(now_ - on, 86400 + 5);
  EXPECT_EQ(count("SELECT cohort_id FROM " + responses()), cohort_);
  EXPECT_EQ(text("SELECT country FROM " + responses()),
            text("SELECT country FROM person WHERE id = " + std::to_string(person_)));
  EXPECT_FALSE(text("SELECT gender FROM " + responses()).empty());
  EXPECT_EQ(text("SELECT organisation_type FROM " + responses()),
            text("SELECT COALESCE(o.type, '') FROM person p LEFT JOIN organisation o ON o.id = "
                 "p.organisation_id WHERE p.id = " +
                 std::to_string(person_)));
  EXPECT_EQ(count("SELECT answered FROM " + invitations()), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers() + " WHERE text = 'Good'"), 1);
  // Identified submissions are audit-logged.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.response.submit'"), 1);

  // The link now says thank you and changes nothing.
  auto before = survey_state();
  auto again = client().get(base);
  EXPECT_EQ(again.status, 200);
  EXPECT_FALSE(has(again.body, "Good"));
  EXPECT_EQ(client().get(base + "/page/1").status, 409);
  EXPECT_EQ(post_page(second, base, 2, {{"m.skills~talk", "1"}}, "submit").status, 409);
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveyAnswerTest, EveryBadAnswerIsRefusedWithItsMessageAndNothingSaved) {
  auto s = survey(checked_definition(), false);
  std::string token = invite(s.round, person_);
  const std::string base = "/s/" + token;
  auto c = client();
  c.accept_language = "en";
  struct Case {
    std::string field, value, message;
  };
  const std::vector<Case> cases = {
      {"q.age", "", "Answer this question."},
      {"q.age", "forty", "Enter a whole number."},
      {"q.age", "4.5", "Enter a whole number."},
      {"q.age", "17", "Enter a number from 18 to 99."},
      {"q.age", "100", "Enter a number from 18 to 99."},
      {"q.share", "half", "Enter a number."},
      {"q.share", "1.5", "Enter a number from 0 to 1."},
      {"q.since", "2025-02-30", "Enter a valid date."},
      {"q.since", "yesterday", "Enter a valid date."},
      {"q.colour", "blue", "Choose one of the answers shown."},
      {"q.colour", "", "Answer this question."},
      {"q.tools", "fax", "Nobody uses a fax any more."},
      {"q.tools", "telex", "Choose among the answers shown."},
  };
  auto before = survey_state();
  for (const auto& k : cases) {
    Form f;
    for (auto& [name, value] : valid_first_page())
      if (name != k.field) f.emplace_back(name, value);
    if (!k.value.empty()) f.emplace_back(k.field, k.value);
    auto res = post_page(c, base, 1, f);
    EXPECT_EQ(res.status, 422) << k.field << "=" << k.value;
    auto body = html_unescape(res.body);
    EXPECT_TRUE(has(body, k.message)) << k.field << "=" << k.value;
    EXPECT_TRUE(has(body, "href=\"#f-" + k.field + "\"")) << k.field;  // in the summary
    // … and beside its field, which it describes (form_views: the one renderer).
    EXPECT_TRUE(has(body, "<p class=\"error\" id=\"f-" + k.field + "-error\">" + k.message))
        << k.field;
    EXPECT_TRUE(has(body, "aria-describedby=\"f-" + k.field + "-error")) << k.field;
    EXPECT_TRUE(has(title_of(res.body), "Error"));
    // What was typed stays in the form.
    if (!k.value.empty() && k.field != "q.colour" && k.field != "q.tools") {
      EXPECT_TRUE(has(body, "value=\"" + k.value + "\"")) << k.field;
    }
    EXPECT_EQ(survey_state(), before) << k.field << "=" << k.value;
  }
  // Page 2: a required matrix row missing, a choice the scale has not, text too long.
  ASSERT_EQ(post_page(c, base, 1, valid_first_page()).status, 303);
  before = survey_state();
  auto missing = post_page(c, base, 2, {{"m.skills~talk", "2"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(has(html_unescape(missing.body), "href=\"#f-m.skills~write\""));
  EXPECT_TRUE(has(missing.body, "id=\"f-m.skills~write-error\""));
  EXPECT_TRUE(has(missing.body, "<fieldset class=\"matrix-row invalid\""));
  EXPECT_TRUE(has(missing.body, "value=\"2\" checked"));
  auto wrong = post_page(c, base, 2, {{"m.skills~talk", "9"}, {"m.skills~write", "1"}});
  EXPECT_EQ(wrong.status, 422);
  auto long_text = post_page(
      c, base, 2,
      {{"m.skills~talk", "1"}, {"m.skills~write", "1"}, {"q.comment", std::string(5001, 'x')}});
  EXPECT_EQ(long_text.status, 422);
  EXPECT_TRUE(has(long_text.body, "5,000"));
  EXPECT_EQ(survey_state(), before);
  // A page that does not exist is never saved: on to the page reached.
  auto ahead = c.post(base + "/page/7", {{"csrf", *c.cookie("crm_csrf")}, {"q.comment", "x"}});
  EXPECT_EQ(ahead.status, 303);
  EXPECT_EQ(ahead.location(), base + "/page/2");
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveyAnswerTest, ShowIfHidesQuestionsAndDropsTheirAnswers) {
  auto d = *surveys::instrument("follow_up");
  auto s = survey(d, true, "follow_up");
  std::string token = invite(s.round, person_);
  const std::string base = "/s/" + token;
  auto c = client();
  // The condition's question comes first, alone; the rest on the next page.
  auto page1 = c.get(base + "/page/1");
  ASSERT_EQ(page1.status, 200);
  EXPECT_TRUE(has(page1.body, "name=\"q.using_skills\""));
  EXPECT_FALSE(has(page1.body, "name=\"q.areas\""));
  ASSERT_EQ(post_page(c, base, 1, {{"q.using_skills", "regularly"}}).location(), base + "/page/2");
  auto page2 = c.get(base + "/page/2");
  EXPECT_TRUE(has(page2.body, "name=\"q.areas\""));
  EXPECT_TRUE(has(page2.body, "name=\"q.example\""));
  EXPECT_FALSE(has(page2.body, "name=\"q.barriers\""));
  ASSERT_EQ(
      post_page(c, base, 2, {{"q.areas", "cases"}, {"q.example", "A family"}}, "back").location(),
      base + "/page/1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers()), 3);
  // Changing the answer hides "where" and "example": their answers go.
  ASSERT_EQ(post_page(c, base, 1, {{"q.using_skills", "no"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers()), 1);
  EXPECT_EQ(text("SELECT choice FROM " + answers()), "no");
  page2 = c.get(base + "/page/2");
  EXPECT_FALSE(has(page2.body, "name=\"q.areas\""));
  EXPECT_TRUE(has(page2.body, "name=\"q.barriers\""));
  // A hidden question sent anyway is not stored.
  ASSERT_EQ(
      post_page(c, base, 2, {{"q.barriers", "Time"}, {"q.areas", "cases"}}, "submit").location(),
      base + "/done");
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers()), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers("a") +
                  " JOIN survey_question q ON q.id = "
                  "a.question_id WHERE q.name = 'areas'"),
            0);
}

TEST_F(SurveyAnswerTest, AnAnonymousResponseLeadsToNobody) {
  auto d = *surveys::instrument("follow_up");
  auto s = survey(d, true, "follow_up");
  ll invitation = 0;
  std::string token = invite(s.round, person_, &invitation);
  const std::string base = "/s/" + token;
  auto c = client();
  auto start = c.get(base);
  ASSERT_EQ(start.status, 200);
  // In the person's language (Arabic), right to left, anonymity said first.
  EXPECT_EQ(html_attribute(start.body, "lang"), "ar");
  EXPECT_EQ(html_attribute(start.body, "dir"), "rtl");
  EXPECT_TRUE(has(html_unescape(start.body), tr("ar", "This survey is anonymous.")));
  EXPECT_TRUE(has(start.body, "بعد ثلاثة أشهر"));

  EXPECT_EQ(seed_of(invitation), "");  // looking sets nothing
  ASSERT_EQ(post_page(c, base, 1, {{"q.using_skills", "sometimes"}}).status, 303);
  // The draft: no person, only the key the invitation's seed leads to.
  const std::string seed = seed_of(invitation);
  ASSERT_GE(seed.size(), 40u);
  const std::string key = surveys::draft_key(seed);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() + " WHERE person_id IS NULL"), 1);
  EXPECT_EQ(text("SELECT resume_hash FROM " + responses()), key);
  // A draft is not counted by the indicator report.
  const std::string counted = "SELECT COUNT(*) FROM survey_indicator_answer x JOIN " + responses() +
                              " ON sr.id = x.response_id";
  EXPECT_EQ(count(counted), 0);
  ASSERT_EQ(
      post_page(c, base, 2, {{"q.areas", "policy"}, {"q.example", "A law"}}, "submit").location(),
      base + "/done");
  // Submitted, it is: "sometimes" is a positive answer to "are you using
  // the skills?", and the row holds only what the response holds.
  EXPECT_EQ(
      count(counted + " WHERE x.indicator = 'using_skills' AND x.positive = 1 AND x.audience = "
                      "'cohort' AND x.submitted_on = sr.submitted_on AND x.country = sr.country"),
      1);
  EXPECT_EQ(count(counted), 1);
  // Submitted: no person, no key; no column holds anything of the invitation or the person.
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() +
                  " WHERE person_id IS NULL AND resume_hash "
                  "IS NULL AND submitted_on IS NOT NULL"),
            1);
  std::string token_hash = text("SELECT token_hash FROM " + invitations());
  std::string row = dump_tables(sql(), {"survey_response"});
  for (const std::string& secret :
       {token, token_hash, surveys::resume_hash(token),
        text("SELECT name FROM person WHERE id = " + std::to_string(person_)),
        text("SELECT email FROM person WHERE id = " + std::to_string(person_))})
    EXPECT_FALSE(has(row, secret)) << secret;
  EXPECT_EQ(count("SELECT answered FROM " + invitations()), 1);
  // Every column of every table: neither the seed nor the draft's key nor
  // the link is kept anywhere; the link's digest only in the invitation.
  EXPECT_EQ(seed_of(invitation), "");
  EXPECT_EQ(tables_holding({seed, key, token, surveys::resume_hash(token)}),
            std::set<std::string>{});
  EXPECT_EQ(tables_holding({token_hash}), std::set<std::string>{"survey_invitation"});
  // The invitation has no column that could name a response.
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + invitations() +
                  " WHERE sent_at IS NOT NULL AND "
                  "reminded_at IS NULL"),
            1);
  // No audit entry ties anyone to it.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'survey_response' OR action LIKE "
                  "'survey%'"),
            0);
  // The thank-you page shows nothing of the answers.
  auto after = c.get(base);
  EXPECT_EQ(after.status, 200);
  EXPECT_FALSE(has(after.body, "A law"));
  EXPECT_EQ(c.get(base + "/page/2").status, 409);
  // And the person's data download does not hold it.
  auto p = sign_in("participant");
  auto file = p.get("/profile/data.json");
  ASSERT_EQ(file.status, 200);
  EXPECT_FALSE(has(file.body, "A law"));
  EXPECT_TRUE(has(file.body, "\"survey_responses\":[]"));
}

TEST_F(SurveyAnswerTest, AnAnonymousDraftGoesOnWithTheRemindersLink) {
  auto s = survey(*surveys::instrument("follow_up"), true, "follow_up");
  ll invitation = 0;
  std::string first = invite(s.round, person_, &invitation);
  auto c = client();
  ASSERT_EQ(post_page(c, "/s/" + first, 1, {{"q.using_skills", "regularly"}}).status, 303);
  const std::string seed = seed_of(invitation);
  ASSERT_FALSE(seed.empty());

  // The reminder issues a new link; answering goes on with it where it stopped.
  std::string second = remind(invitation);
  const std::string base = "/s/" + second;
  auto other = client();
  auto resumed = other.get(base);
  EXPECT_EQ(resumed.status, 303);
  EXPECT_EQ(resumed.location(), base + "/page/2");
  auto page1 = other.get(base + "/page/1");
  ASSERT_EQ(page1.status, 200);
  EXPECT_TRUE(has(page1.body, "value=\"regularly\" checked"));
  ASSERT_EQ(post_page(other, base, 2, {{"q.areas", "cases"}, {"q.example", "A family"}}).location(),
            base + "/page/2");
  // The first mail's link finds the same draft (the seed did not change).
  EXPECT_EQ(client().get("/s/" + first).location(), "/s/" + first + "/page/2");
  EXPECT_EQ(seed_of(invitation), seed);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 1);
  ASSERT_EQ(post_page(other, base, 2, {{"q.areas", "cases"}, {"q.example", "A family"}}, "submit")
                .location(),
            base + "/done");
  // One response with every answer, leading to nobody.
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() +
                  " WHERE person_id IS NULL AND resume_hash IS NULL AND submitted_on IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers()), 3);
  EXPECT_EQ(seed_of(invitation), "");
  EXPECT_EQ(tables_holding({seed, surveys::draft_key(seed), first, second}),
            std::set<std::string>{});
  EXPECT_EQ(client().get("/s/" + first + "/page/1").status, 409);
}

TEST_F(SurveyAnswerTest, AnAnonymousDraftIsTheSameSignedInAndThroughTheLink) {
  auto d = *surveys::instrument("follow_up");
  auto signed_first = survey(d, true, "follow_up");
  auto link_first = survey(d, true, "follow_up");
  ll a = 0, b = 0;
  std::string token_a = invite(signed_first.round, person_, &a);
  std::string token_b = invite(link_first.round, person_, &b);
  auto p = sign_in("participant");

  // Begun signed in, before a reminder; continued with the reminder's link.
  const std::string mine_a = "/my/surveys/" + std::to_string(a);
  ASSERT_EQ(post_page(p, mine_a, 1, {{"q.using_skills", "no"}}).location(), mine_a + "/page/2");
  std::string reminded = remind(a);
  auto c = client();
  const std::string link_a = "/s/" + reminded;
  EXPECT_EQ(c.get(link_a).location(), link_a + "/page/2");
  EXPECT_TRUE(has(c.get(link_a + "/page/2").body, "name=\"q.barriers\""));
  ASSERT_EQ(post_page(c, link_a, 2, {{"q.barriers", "No time"}}).status, 303);
  // Back signed in: the answer of the link is there.
  auto page2 = p.get(mine_a + "/page/2");
  ASSERT_EQ(page2.status, 200);
  EXPECT_TRUE(has(page2.body, "No time"));
  ASSERT_EQ(post_page(p, mine_a, 2, {{"q.barriers", "No time at all"}}, "submit").location(),
            mine_a + "/done");
  EXPECT_EQ(c.get(link_a + "/page/1").status, 409);

  // Begun with the link, continued signed in.
  const std::string link_b = "/s/" + token_b;
  ASSERT_EQ(post_page(c, link_b, 1, {{"q.using_skills", "sometimes"}}).status, 303);
  const std::string mine_b = "/my/surveys/" + std::to_string(b);
  EXPECT_TRUE(has(p.get("/my/surveys").body, tr("ar", "Started")));
  EXPECT_EQ(p.get(mine_b).location(), mine_b + "/page/2");
  EXPECT_TRUE(has(p.get(mine_b + "/page/1").body, "value=\"sometimes\" checked"));
  ASSERT_EQ(
      post_page(p, mine_b, 2, {{"q.areas", "policy"}, {"q.example", "A law"}}, "submit").location(),
      mine_b + "/done");

  // Two invitations, two responses, each one row with no person and no key.
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() +
                  " WHERE person_id IS NULL AND resume_hash IS NULL AND submitted_on IS NOT NULL"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers() + " WHERE text = 'No time at all'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + invitations() + " WHERE draft_seed IS NOT NULL"), 0);
}

TEST_F(SurveyAnswerTest, ADraftBegunUnderItsOlderKeyIsTakenOver) {
  // A draft saved before drafts had a seed: keyed by the digest of its link.
  auto s = survey(*surveys::instrument("follow_up"), true, "follow_up");
  ll invitation = 0;
  std::string token = invite(s.round, person_, &invitation);
  const std::string older = surveys::resume_hash(token);
  ll response = 0, question = 0;
  sql().sql() << "INSERT INTO survey_response (round_id, version_id, resume_hash, language, page) "
                 "VALUES (:r, :v, :k, 'en', 1) RETURNING id",
      soci::use(s.round), soci::use(s.version), soci::use(older), soci::into(response);
  sql().sql() << "SELECT id FROM survey_question WHERE version_id = :v AND name = 'using_skills'",
      soci::use(s.version), soci::into(question);
  sql().sql() << "INSERT INTO survey_answer (response_id, question_id, choice) VALUES (:r, :q, "
                 "'no')",
      soci::use(response), soci::use(question);
  const std::string base = "/s/" + token;
  auto c = client();
  EXPECT_EQ(c.get(base).location(), base + "/page/2");
  ASSERT_EQ(post_page(c, base, 2, {{"q.barriers", "Time"}}).status, 303);
  // Saved into the same response, now under the seed's key.
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 1);
  EXPECT_EQ(text("SELECT resume_hash FROM " + responses()),
            surveys::draft_key(seed_of(invitation)));
  // So a reminder's link finds it too.
  std::string second = remind(invitation);
  EXPECT_TRUE(has(client().get("/s/" + second + "/page/2").body, "Time"));
}

TEST_F(SurveyAnswerTest, AnIdentifiedDraftIsTheSameSignedInAndThroughTheLink) {
  auto s = survey(*surveys::instrument("follow_up"), false, "follow_up");
  ll invitation = 0;
  std::string token = invite(s.round, person_, &invitation);
  auto c = client();
  ASSERT_EQ(post_page(c, "/s/" + token, 1, {{"q.using_skills", "regularly"}}).status, 303);
  auto p = sign_in("participant");
  const std::string mine = "/my/surveys/" + std::to_string(invitation);
  EXPECT_EQ(p.get(mine).location(), mine + "/page/2");
  ASSERT_EQ(post_page(p, mine, 2, {{"q.areas", "training"}, {"q.example", "Taught"}}).status, 303);
  std::string second = remind(invitation);
  EXPECT_TRUE(has(client().get("/s/" + second + "/page/2").body, "Taught"));
  ASSERT_EQ(
      post_page(c, "/s/" + token, 2, {{"q.areas", "training"}, {"q.example", "Taught"}}, "submit")
          .status,
      303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 1);
  EXPECT_EQ(count("SELECT person_id FROM " + responses() + " WHERE submitted_on IS NOT NULL"),
            person_);
  EXPECT_EQ(seed_of(invitation), "");  // identified drafts need no seed
}

TEST_F(SurveyAnswerTest, UsedClosedCancelledAndUnknownLinksChangeNothing) {
  auto d = checked_definition();
  auto open = survey(d, false);
  auto closed = survey(d, false, "custom", -1);
  auto cancelled = survey(d, false);
  ll at = now_ - 10;
  sql().sql() << "UPDATE survey_round SET cancelled_at = :t WHERE id = :r", soci::use(at),
      soci::use(cancelled.round);
  std::string used = invite(open.round, person_);
  sql().sql() << "UPDATE survey_invitation SET answered = 1 WHERE round_id = :r",
      soci::use(open.round);
  std::string expired = invite(closed.round, person_);
  std::string off = invite(cancelled.round, person_);
  auto before = survey_state();
  auto c = client();
  c.accept_language = "de";
  auto unknown = c.get("/s/" + auth::random_token());
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(html_attribute(unknown.body, "lang"), "de");
  EXPECT_EQ(c.get("/s/bad%0D%0Atoken").status, 404);
  EXPECT_EQ(c.get("/s/" + std::string(200, 'a')).status, 404);
  EXPECT_EQ(c.get("/s/" + used + "/page/1").status, 409);
  EXPECT_EQ(c.get("/s/" + used).status, 200);  // thanks
  // The person's language (Arabic) for a link that is known.
  auto gone = c.get("/s/" + expired);
  EXPECT_EQ(gone.status, 410);
  EXPECT_EQ(html_attribute(gone.body, "dir"), "rtl");
  EXPECT_EQ(c.get("/s/" + expired + "/page/1").status, 410);
  EXPECT_EQ(c.get("/s/" + off).status, 410);
  for (const auto& t : {used, expired, off}) {
    auto res = c.post("/s/" + t + "/page/1", [&] {
      Form f = valid_first_page();
      f.emplace_back("csrf", *c.cookie("crm_csrf"));
      return f;
    }());
    EXPECT_TRUE(res.status == 409 || res.status == 410) << res.status;
  }
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveyAnswerTest, UnknownLinksFromOneNetworkAreSlowedDownAndTheWaitEnds) {
  // The test server's peer is 127.0.0.1: as a trusted reverse proxy, it
  // names its clients in X-Forwarded-For.
  server().config().trusted_proxies = *http::TrustedProxies::parse("127.0.0.1");
  auto s = survey(checked_definition(), false);
  std::string token = invite(s.round, person_);
  const Headers scanner = {{"X-Forwarded-For", "203.0.113.7"}};
  const Headers respondent = {{"X-Forwarded-For", "198.51.100.9"}};
  auto c = client();
  c.accept_language = "de";
  auto attempts = [&] {
    return count(
        "SELECT COUNT(*) FROM login_attempt WHERE kind = 'link' AND network = "
        "'203.0.113.7'");
  };
  // Twenty unknown links are looked up and answered "not known" …
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(c.get("/s/" + auth::random_token(), scanner).status, 404) << i;
  EXPECT_EQ(c.get("/s/bad%0D%0Atoken", scanner).status, 429);  // … then nothing is
  EXPECT_EQ(attempts(), 20);
  // Even a right link from that network waits; the page says why, in the
  // reader's language, and when to come back; the wait is not counted.
  auto waits = c.get("/s/" + token, scanner);
  EXPECT_EQ(waits.status, 429);
  ll retry = std::atoll(waits.header("Retry-After").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 60);
  EXPECT_EQ(html_attribute(waits.body, "lang"), "de");
  EXPECT_TRUE(has(html_unescape(waits.body),
                  tr("de",
                     "Too many survey links that do not exist were opened from your "
                     "network.")));
  // A page from another network is saved; the same from the scanner's is not.
  EXPECT_EQ(post_page(c, "/s/" + token, 1, valid_first_page()).status, 303);
  auto before = survey_state();
  EXPECT_EQ(c.post("/s/" + token + "/page/1",
                   {{"csrf", *c.cookie("crm_csrf")}, {"q.age", "40"}, {"action", "next"}}, scanner)
                .status,
            429);
  EXPECT_EQ(attempts(), 20);
  EXPECT_EQ(survey_state(), before);
  // A right link from another network works.
  EXPECT_EQ(c.get("/s/" + token, respondent).status, 303);  // on to the page reached
  EXPECT_EQ(c.get("/s/" + token + "/page/1", respondent).status, 200);

  // The wait ends a minute after the latest failure (moved back here).
  sql().sql() << "UPDATE login_attempt SET at = at - 61 WHERE network = '203.0.113.7'";
  EXPECT_EQ(c.get("/s/" + token + "/page/1", scanner).status, 200);
  // One more unknown link and the next wait is twice as long.
  EXPECT_EQ(c.get("/s/" + auth::random_token(), scanner).status, 404);
  retry = std::atoll(c.get("/s/" + token, scanner).header("Retry-After").c_str());
  EXPECT_GT(retry, 60);
  EXPECT_LE(retry, 120);
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveyAnswerTest, SignedInParticipantsAnswerTheirOwnInvitationsOnly) {
  auto d = *surveys::instrument("follow_up");
  auto s = survey(d, true, "follow_up");
  ll mine = 0, theirs = 0;
  invite(s.round, person_, &mine);
  invite(s.round, alumnus_, &theirs);
  auto p = sign_in("participant");
  auto list = p.get("/my/surveys");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "/my/surveys/" + std::to_string(mine)));
  EXPECT_FALSE(has(list.body, "/my/surveys/" + std::to_string(theirs)));
  EXPECT_TRUE(has(list.body, tr("ar", "Not started")));
  auto before = survey_state();
  EXPECT_EQ(p.get("/my/surveys/" + std::to_string(theirs)).status, 404);
  EXPECT_EQ(p.get("/my/surveys/" + std::to_string(theirs) + "/page/1").status, 404);
  EXPECT_EQ(p.submit("/my/surveys/" + std::to_string(mine) + "/page/1",
                     {{"q.using_skills", "no"}, {"action", "next"}},
                     "/my/surveys/" + std::to_string(theirs) + "/page/1")
                .status,
            404);
  EXPECT_EQ(p.get("/my/surveys/abc").status, 404);
  EXPECT_EQ(survey_state(), before);
  // Staff have no "my surveys".
  EXPECT_EQ(sign_in("staff").get("/my/surveys").status, 404);

  const std::string base = "/my/surveys/" + std::to_string(mine);
  ASSERT_EQ(p.get(base).status, 200);
  ASSERT_EQ(post_page(p, base, 1, {{"q.using_skills", "no"}}).location(), base + "/page/2");
  // Anonymous also signed in: the draft carries a key, not the person.
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() +
                  " WHERE person_id IS NULL AND resume_hash "
                  "IS NOT NULL"),
            1);
  EXPECT_TRUE(has(p.get("/my/surveys").body, tr("ar", "Started")));
  EXPECT_EQ(p.get(base).location(), base + "/page/2");
  ASSERT_EQ(post_page(p, base, 2, {{"q.barriers", "No time"}}, "submit").location(),
            base + "/done");
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses() +
                  " WHERE person_id IS NULL AND resume_hash "
                  "IS NULL"),
            1);
  EXPECT_FALSE(has(p.get("/my/surveys").body, base));
}

TEST_F(SurveyAnswerTest, IdentifiedAnswersAreInTheDataDownloadAndGoWithAnErasure) {
  auto s = survey(*surveys::instrument("follow_up"), false, "follow_up");
  ll mine = 0;
  invite(s.round, person_, &mine);
  auto p = sign_in("participant");
  const std::string base = "/my/surveys/" + std::to_string(mine);
  ASSERT_EQ(post_page(p, base, 1, {{"q.using_skills", "regularly"}}).status, 303);
  ASSERT_EQ(
      post_page(p, base, 2, {{"q.areas", "training"}, {"q.example", "Taught my team"}}, "submit")
          .status,
      303);
  auto file = p.get("/profile/data.json");
  ASSERT_EQ(file.status, 200);
  auto json = boost::json::parse(file.body);
  auto& list = json.at("survey_responses").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(has(boost::json::serialize(list), "Taught my team"));
  EXPECT_TRUE(has(p.get("/profile/data").body, "id=\"surveys\""));

  // Erased: the identified response goes with the person.
  ASSERT_EQ(p.submit("/profile/erasure", {{"confirm", "yes"}}).status, 303);
  auto staff = sign_in("admin");
  const std::string erase = "/people/" + std::to_string(person_) + "/erase";
  ASSERT_EQ(staff.submit(erase, {{"confirm_id", std::to_string(person_)}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + responses()), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + answers()), 0);
}

}  // namespace
}  // namespace crm::test
