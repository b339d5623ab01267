// Survey results (/surveys/{id}/results, /change, /responses and their
// exports): the charts' numbers, cross-tabs with the anonymity threshold (a
// group of 4 hidden, of 5 shown), free text listed only from the threshold
// on, filters that would single out a small rest refused, the pre/post change
// on a hand-checked fixture, raw identified responses for staff only, and
// 404 for other programmes and roles without the right. Fixture responses
// are written through tests/http/support/survey_fixture.hpp.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "http/support/other_programme.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/definition.hpp"

namespace crm::test {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01
constexpr int64_t kDay = 86400;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

size_t occurrences(const std::string& s, std::string_view part) {
  size_t n = 0;
  for (auto p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

// The part of the page of question `name` (its <section>).
std::string question_part(const std::string& html, std::string_view name) {
  auto start = html.find("data-question=\"" + std::string(name) + "\"");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

std::string unzip_member(const std::string& zip, const std::string& member) {
  auto path = std::filesystem::temp_directory_path() /
              ("crm-survey-results-test-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << zip;
  std::string out;
  if (FILE* p = popen(("unzip -p '" + path.string() + "' '" + member + "'").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

surveys::Texts en(const char* text) {
  return {{"en", text}};
}

surveys::Choice choice(const char* name, const char* label) {
  return {name, en(label), false};
}

// A survey with a choice, a number, a date and a free-text question.
surveys::Definition feedback() {
  surveys::Definition d;
  d.languages = {"en"};
  d.title = en("Feedback");
  surveys::Question q;
  q.name = "useful";
  q.type = "single";
  q.label = en("Was it useful?");
  q.choices = {choice("yes", "Yes"), choice("partly", "Partly"), choice("no", "No")};
  d.questions.push_back(q);
  surveys::Question n;
  n.name = "hours";
  n.type = "integer";
  n.label = en("Hours a week");
  d.questions.push_back(n);
  surveys::Question when;
  when.name = "started";
  when.type = "date";
  when.label = en("Started on");
  d.questions.push_back(when);
  surveys::Question text;
  text.name = "comments";
  text.type = "text";
  text.label = en("Comments");
  d.questions.push_back(text);
  return d;
}

// Competences rated 1–3 before and after.
surveys::Definition self_assessment() {
  surveys::Definition d;
  d.languages = {"en"};
  d.title = en("Self-assessment");
  surveys::Question m;
  m.name = "competences";
  m.type = "matrix";
  m.label = en("Your competence in");
  m.choices = {choice("1", "Low"), choice("2", "Medium"), choice("3", "High")};
  m.rows = {choice("law", "Law"), choice("counselling", "Counselling")};
  d.questions.push_back(m);
  return d;
}

class SurveyResultsTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    programme = count("SELECT id FROM programme ORDER BY id LIMIT 1");
    cohort1 = count("SELECT id FROM cohort WHERE number = 1");
    cohort2 = count("SELECT id FROM cohort WHERE number = 2");
    ASSERT_TRUE(surveys::validate(feedback()).empty());
    ASSERT_TRUE(surveys::validate(self_assessment()).empty());
  }

  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("cannot switch to English");
    return c;
  }

  surveys::RespondentFacts facts(const std::string& country, int64_t cohort = 0) {
    surveys::RespondentFacts f;
    f.cohort_id = cohort ? cohort : cohort1;
    f.country = country;
    f.gender = "female";
    f.organisation_type = "ngo";
    return f;
  }

  // `n` anonymous responses to round `round` from `country`, each answering
  // `useful` with `answer` and `hours` with 1, 2, 3 …
  void respond(const SurveyIds& s, int64_t round, int n, const std::string& country,
               const std::string& answer, int64_t cohort = 0, const std::string& comment = "") {
    for (int i = 0; i < n; ++i) {
      std::vector<FixtureAnswer> answers = {{"useful", "", answer, std::nullopt, std::nullopt},
                                            {"hours", "", "", double(i + 1), std::nullopt}};
      if (!comment.empty())
        answers.push_back({"comments", "", "", std::nullopt, comment + " " + std::to_string(i)});
      survey_response_insert(sql(), programme, round, s.version, 0, facts(country, cohort), answers,
                             kNow + kDay);
    }
  }

  std::string path(const SurveyIds& s, const std::string& rest = "/results") {
    return "/surveys/" + std::to_string(s.survey) + rest;
  }

  int64_t programme = 0, cohort1 = 0, cohort2 = 0;
};

TEST_F(SurveyResultsTest, ChartsShowTheNumbersAndSharesOfEachAnswer) {
  auto s = survey_insert(sql(), programme, "custom", true, feedback(), kNow);
  auto round = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 30 * kDay);
  respond(s, round, 7, "DE", "yes");
  respond(s, round, 5, "DE", "partly");
  // Hours 1..7 and 1..5: mean 43 / 12 = 3.58, median 3.5, 1 to 7.
  auto staff = english("staff");
  auto page = staff.get(path(s));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-respondents=\"12\""));
  auto useful = question_part(page.body, "useful");
  EXPECT_TRUE(has(useful, "<svg "));
  EXPECT_TRUE(has(useful, "data-choice=\"yes\" data-count=\"7\""));
  EXPECT_TRUE(has(useful, "data-choice=\"partly\" data-count=\"5\""));
  EXPECT_TRUE(has(useful, "data-choice=\"no\" data-count=\"0\""));
  EXPECT_TRUE(has(useful, "58%") || has(useful, "58 %"));
  auto hours = question_part(page.body, "hours");
  EXPECT_TRUE(has(hours, "data-count=\"12\""));
  EXPECT_TRUE(has(hours, "<dd>3.6</dd>"));
  EXPECT_TRUE(has(hours, "<dd>3.5</dd>"));
  EXPECT_TRUE(has(hours, "1.0 to 7.0"));

  // Arabic readers get their own digits.
  auto arabic = sign_in("staff");
  arabic.submit("/account", {{"language", "ar"}, {"next", "/"}}, "/language");
  auto ar = arabic.get(path(s));
  EXPECT_TRUE(has(question_part(ar.body, "hours"), "٣٫٥"));
}

TEST_F(SurveyResultsTest, ACrossTabHidesAGroupOfFourAndShowsAGroupOfFive) {
  auto s = survey_insert(sql(), programme, "custom", true, feedback(), kNow);
  auto round = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 30 * kDay);
  respond(s, round, 5, "DE", "yes");
  respond(s, round, 6, "TR", "yes");
  respond(s, round, 4, "IT", "no");
  respond(s, round, 3, "JO", "no");
  auto staff = english("staff");
  auto page = staff.get(path(s) + "?by=country");
  ASSERT_EQ(page.status, 200);
  auto useful = question_part(page.body, "useful");
  ASSERT_TRUE(has(useful, "data-by=\"country\""));
  EXPECT_TRUE(has(useful, " data-group=\"DE\" data-count=\"5\">"));
  EXPECT_TRUE(has(useful, " data-group=\"TR\" data-count=\"6\">"));
  EXPECT_TRUE(has(useful, " data-group=\"IT\" data-count=\"hidden\">fewer than 5"));
  EXPECT_TRUE(has(useful, " data-group=\"JO\" data-count=\"hidden\">fewer than 5"));
  EXPECT_FALSE(has(useful, "data-group=\"IT\" data-count=\"4\""));
  // The overall chart: "no" was chosen 7 times (4 + 3), shown.
  EXPECT_TRUE(has(useful, "data-choice=\"no\" data-count=\"7\""));

  // With only one small group, the smallest other is hidden with it.
  auto s2 = survey_insert(sql(), programme, "custom", true, feedback(), kNow);
  auto r2 = survey_round_insert(sql(), s2.survey, cohort1, kNow, kNow + 30 * kDay);
  respond(s2, r2, 5, "DE", "yes");
  respond(s2, r2, 6, "TR", "yes");
  respond(s2, r2, 4, "IT", "no");
  auto p2 = question_part(staff.get(path(s2) + "?by=country").body, "useful");
  EXPECT_TRUE(has(p2, " data-group=\"IT\" data-count=\"hidden\">fewer than 5"));
  EXPECT_TRUE(has(p2, " data-group=\"DE\" data-count=\"hidden\">hidden"));
  EXPECT_TRUE(has(p2, " data-group=\"TR\" data-count=\"6\">"));

  // The exports hold the same, never more.
  auto csv = staff.get(path(s, "/results.csv?by=country"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Was it useful?,,Yes,Germany,5,100.0"));
  EXPECT_TRUE(has(csv.body, "Was it useful?,,No,Italy,fewer than 5,"));
  EXPECT_FALSE(has(csv.body, "Italy,4"));
  EXPECT_FALSE(has(csv.body, "Jordan,3"));
  auto xlsx = staff.get(path(s, "/results.xlsx?by=country"));
  ASSERT_EQ(xlsx.status, 200);
  auto strings = unzip_member(xlsx.body, "xl/sharedStrings.xml");
  EXPECT_TRUE(has(strings, "fewer than 5"));
  EXPECT_TRUE(has(strings, "Italy"));
  auto sheet = unzip_member(xlsx.body, "xl/worksheets/sheet1.xml");
  EXPECT_FALSE(sheet.empty());
  // Rows: a header, per choice "all" and four countries (3 × 5), 5 number rows.
  EXPECT_EQ(occurrences(sheet, "<row "), 1u + 15u + 5u);
}

TEST_F(SurveyResultsTest, BelowTheThresholdOnlyTheMessageIsShown) {
  auto s = survey_insert(sql(), programme, "custom", true, feedback(), kNow);
  auto round = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 30 * kDay);
  respond(s, round, 4, "DE", "yes", 0, "Great");
  auto staff = english("staff");
  auto page = staff.get(path(s));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-too-few=\"1\""));
  EXPECT_FALSE(has(page.body, "<svg "));
  EXPECT_FALSE(has(page.body, "Great"));
  auto csv = staff.get(path(s, "/results.csv"));
  EXPECT_FALSE(has(csv.body, "Yes"));
  // The fifth respondent: everything is shown.
  respond(s, round, 1, "DE", "yes", 0, "Great");
  page = staff.get(path(s));
  EXPECT_FALSE(has(page.body, "data-too-few"));
  EXPECT_TRUE(has(page.body, "data-choice=\"yes\" data-count=\"5\""));
}

TEST_F(SurveyResultsTest, FreeTextIsListedOnlyFromTheThresholdOn) {
  auto s = survey_insert(sql(), programme, "custom", false, feedback(), kNow);
  auto round = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 30 * kDay);
  respond(s, round, 2, "DE", "yes");
  respond(s, round, 4, "DE", "yes", 0, "Too short");
  auto staff = english("staff");
  auto part = question_part(staff.get(path(s)).body, "comments");
  EXPECT_TRUE(has(part, "at least 5 respondents"));
  EXPECT_FALSE(has(part, "Too short"));
  respond(s, round, 1, "DE", "yes", 0, "Five now");
  part = question_part(staff.get(path(s)).body, "comments");
  EXPECT_EQ(occurrences(part, "Too short"), 4u);
  EXPECT_TRUE(has(part, "Five now 0"));
}

TEST_F(SurveyResultsTest, AFilterThatWouldSingleOutASmallRestIsRefused) {
  auto s = survey_insert(sql(), programme, "custom", true, feedback(), kNow);
  auto r1 = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 30 * kDay);
  auto r2 = survey_round_insert(sql(), s.survey, cohort2, kNow + kDay, kNow + 30 * kDay);
  respond(s, r1, 6, "DE", "yes", cohort1);
  respond(s, r2, 4, "DE", "no", cohort2);
  auto staff = english("staff");
  // Round 2 has 4; round 1 has 6, but all minus round 1 would be the 4.
  for (auto round : {r1, r2}) {
    auto page = staff.get(path(s) + "?round=" + std::to_string(round));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "data-refused=\"1\""));
    EXPECT_FALSE(has(page.body, "data-choice="));
  }
  auto cohort = staff.get(path(s) + "?cohort=" + std::to_string(cohort2));
  EXPECT_TRUE(has(cohort.body, "data-refused=\"1\""));
  auto csv = staff.get(path(s, "/results.csv?round=") + std::to_string(r1));
  EXPECT_FALSE(has(csv.body, "Yes"));
  // A fifth in round 2: both rounds may be shown.
  respond(s, r2, 1, "DE", "no", cohort2);
  auto page = staff.get(path(s) + "?round=" + std::to_string(r2));
  EXPECT_FALSE(has(page.body, "data-refused"));
  EXPECT_TRUE(has(page.body, "data-choice=\"no\" data-count=\"5\""));
  // Unknown filter values are ignored, not errors.
  auto odd = staff.get(path(s) + "?round=99999&by=%3Cscript%3E&version=x");
  EXPECT_EQ(odd.status, 200);
  EXPECT_TRUE(has(odd.body, "data-respondents=\"11\""));
}

TEST_F(SurveyResultsTest, ChangeBeforeAndAfterIsPairedPerPerson) {
  auto s = survey_insert(sql(), programme, "self_assessment", false, self_assessment(), kNow);
  auto pre = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 10 * kDay, "pre");
  auto post =
      survey_round_insert(sql(), s.survey, cohort1, kNow + 100 * kDay, kNow + 110 * kDay, "post");
  std::vector<int64_t> people;
  {
    db::Rows rows = (sql().sql().prepare << "SELECT id FROM person ORDER BY id LIMIT 7");
    for (const auto& r : rows) people.push_back(db::get_int64(r, 0));
  }
  ASSERT_EQ(people.size(), 7u);
  // Law, five people paired: before 1 1 2 2 3 (1.8), after 2 3 3 3 3 (2.8).
  // Counselling: only four answered after (hidden).
  const int law_pre[] = {1, 1, 2, 2, 3}, law_post[] = {2, 3, 3, 3, 3};
  for (int i = 0; i < 5; ++i) {
    std::vector<FixtureAnswer> a = {
        {"competences", "law", std::to_string(law_pre[i]), std::nullopt, std::nullopt},
        {"competences", "counselling", "1", std::nullopt, std::nullopt}};
    survey_response_insert(sql(), programme, pre, s.version, people[i], facts("DE"), a,
                           kNow + kDay);
    std::vector<FixtureAnswer> b = {
        {"competences", "law", std::to_string(law_post[i]), std::nullopt, std::nullopt}};
    if (i < 4) b.push_back({"competences", "counselling", "2", std::nullopt, std::nullopt});
    survey_response_insert(sql(), programme, post, s.version, people[i], facts("DE"), b,
                           kNow + 101 * kDay);
  }
  // Someone who answered only before is not paired.
  survey_response_insert(sql(), programme, pre, s.version, people[5], facts("DE"),
                         {{"competences", "law", "3", std::nullopt, std::nullopt}}, kNow + kDay);
  auto staff = english("staff");
  auto results = staff.get(path(s));
  EXPECT_TRUE(has(results.body, "href=\"/surveys/" + std::to_string(s.survey) + "/change\""));
  auto page = staff.get(path(s, "/change"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-paired=\"5\""));
  EXPECT_TRUE(has(page.body, "data-before=\"1.80\""));
  EXPECT_TRUE(has(page.body, "data-after=\"2.80\""));
  EXPECT_TRUE(has(page.body, "data-change=\"1.00\""));
  EXPECT_TRUE(has(page.body, "+1.0"));
  // Counselling: four paired, hidden; its means are nowhere.
  auto counselling = page.body.substr(page.body.find("data-item=\"counselling\""));
  EXPECT_TRUE(has(counselling.substr(0, 300), "fewer than 5"));
  EXPECT_FALSE(has(page.body, "data-before=\"1.00\""));

  // A lecturer of the programme sees it too; an anonymous survey has none.
  EXPECT_EQ(english("lecturer").get(path(s, "/change")).status, 200);
  auto anon = survey_insert(sql(), programme, "self_assessment", true, self_assessment(), kNow);
  survey_round_insert(sql(), anon.survey, cohort1, kNow, kNow + 10 * kDay, "pre");
  survey_round_insert(sql(), anon.survey, cohort1, kNow, kNow + 10 * kDay, "post");
  EXPECT_EQ(staff.get(path(anon, "/change")).status, 404);
  // Without rounds before and after: no change page.
  auto plain = survey_insert(sql(), programme, "custom", false, feedback(), kNow);
  EXPECT_EQ(staff.get(path(plain, "/change")).status, 404);
}

TEST_F(SurveyResultsTest, RawIdentifiedResponsesAreForStaffOnly) {
  auto s = survey_insert(sql(), programme, "custom", false, feedback(), kNow);
  auto round = survey_round_insert(sql(), s.survey, cohort1, kNow, kNow + 30 * kDay);
  int64_t person = count("SELECT id FROM person ORDER BY id LIMIT 1");
  std::string name;
  long long pid = person;
  sql().sql() << "SELECT name FROM person WHERE id = :p", soci::use(pid), soci::into(name);
  survey_response_insert(sql(), programme, round, s.version, person, facts("DE"),
                         {{"useful", "", "partly", std::nullopt, std::nullopt},
                          {"comments", "", "", std::nullopt, std::string("Named answer")}},
                         kNow + kDay);
  respond(s, round, 5, "DE", "yes");
  auto staff = english("staff");
  auto page = staff.get(path(s, "/responses"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(html_unescape(page.body), name));
  EXPECT_TRUE(has(page.body, "Named answer"));
  EXPECT_TRUE(has(page.body, "Partly"));
  auto csv = staff.get(path(s, "/responses.csv"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, name));
  EXPECT_EQ(staff.get(path(s, "/responses.xlsx")).status, 200);
  // The results page links there for staff and lists the text without the name.
  auto results = staff.get(path(s));
  EXPECT_TRUE(has(results.body, "/responses\""));
  EXPECT_FALSE(has(html_unescape(results.body), name));

  // Lecturers see the results, without names and without the raw responses.
  auto lecturer = english("lecturer");
  auto lr = lecturer.get(path(s));
  EXPECT_EQ(lr.status, 200);
  EXPECT_FALSE(has(html_unescape(lr.body), name));
  EXPECT_FALSE(has(lr.body, "/responses\""));
  for (const char* p : {"/responses", "/responses.csv", "/responses.xlsx"})
    EXPECT_EQ(lecturer.get(path(s, p)).status, 404) << p;
  // Anonymous surveys have no raw responses, not even for staff.
  auto anon = survey_insert(sql(), programme, "custom", true, feedback(), kNow);
  for (const char* p : {"/responses", "/responses.csv", "/responses.xlsx"})
    EXPECT_EQ(staff.get(path(anon, p)).status, 404) << p;
}

TEST_F(SurveyResultsTest, OtherProgrammesAndOtherRolesGetNotFound) {
  auto o = insert_other_programme(sql());
  auto s = survey_insert(sql(), o.programme, "custom", false, feedback(), kNow);
  auto mine = survey_insert(sql(), programme, "custom", false, feedback(), kNow);
  auto staff = english("staff");
  for (const char* p : {"/results", "/results.csv", "/results.xlsx", "/responses", "/change"})
    EXPECT_EQ(staff.get(path(s, p)).status, 404) << p;
  for (const char* role : {"participant", "alumnus", "stakeholder"}) {
    auto c = sign_in(role);
    for (const char* p : {"/results", "/results.csv", "/responses"})
      EXPECT_EQ(c.get(path(mine, p)).status, 404) << role << p;
  }
  EXPECT_NE(client().get(path(mine)).status, 200);
  EXPECT_EQ(staff.get("/surveys/999999/results").status, 404);
}

}  // namespace
}  // namespace crm::test
