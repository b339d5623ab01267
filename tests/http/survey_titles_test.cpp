// Survey titles on the staff pages in the reader's language: the list and
// its CSV/XLSX exports, the overview, the round pages and the results pages
// show the newest version's title in the reader's language when the version
// has one, else the staff's working title; the working title stays visible
// beside a translated one (and in its own export column). Another
// programme's survey stays absent or 404 whatever its titles.
#include "http/support/other_programme.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/definition.hpp"
#include "surveys/staff_title.hpp"
#include "surveys/xlsx_reader.hpp"

namespace crm::test {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01
constexpr int64_t kDay = 86400;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// A survey of one question with `titles` (the first language the default).
surveys::Definition titled(std::vector<std::pair<std::string, std::string>> titles) {
  surveys::Definition d;
  for (const auto& [language, title] : titles) {
    d.languages.push_back(language);
    d.title[language] = title;
  }
  d.default_language = d.languages.front();
  surveys::Question q;
  q.name = "useful";
  q.type = "single";
  q.label = {{d.default_language, "Useful?"}};
  q.choices = {{"yes", {{d.default_language, "Yes"}}, true},
               {"no", {{d.default_language, "No"}}, false}};
  d.questions.push_back(q);
  return d;
}

class SurveyTitlesTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    programme = count("SELECT id FROM programme WHERE slug = 'crm'");
    cohort = count("SELECT id FROM cohort WHERE programme_id = " + std::to_string(programme) +
                   " AND number = 1");
    // Translated: English (its working title) and German.
    mentoring = survey_insert(
        sql(), programme, "custom", false,
        titled({{"en", "Feedback on mentoring"}, {"de", "Rückmeldung zum Mentoring"}}), kNow);
    // English only.
    clinic = survey_insert(sql(), programme, "custom", false, titled({{"en", "Law clinic visit"}}),
                           kNow);
    mentoring_round = survey_round_insert(sql(), mentoring.survey, cohort, kNow, kNow + 30 * kDay);
    clinic_round = survey_round_insert(sql(), clinic.survey, cohort, kNow, kNow + 30 * kDay);
  }

  Client in(std::string_view role, const std::string& language) {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", language}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("language not switched");
    return c;
  }

  static std::string path(const SurveyIds& s, const std::string& rest = "") {
    return "/surveys/" + std::to_string(s.survey) + rest;
  }

  int64_t programme = 0, cohort = 0, mentoring_round = 0, clinic_round = 0;
  SurveyIds mentoring, clinic;
};

TEST_F(SurveyTitlesTest, TheListShowsEachTitleInTheReadersLanguageElseTheWorkingTitle) {
  auto de = in("staff", "de");
  auto list = de.get("/surveys");
  ASSERT_EQ(list.status, 200);
  // The German title links to the survey; the working title stays under it.
  EXPECT_TRUE(has(list.body,
                  "<a href=\"" + path(mentoring) + "\"><bdi>Rückmeldung zum Mentoring</bdi></a>"))
      << list.body;
  EXPECT_TRUE(has(list.body, "Arbeitstitel: <bdi lang=\"en\">Feedback on mentoring</bdi>"));
  // Without a German title: the working title, marked as English.
  EXPECT_TRUE(has(list.body,
                  "<a href=\"" + path(clinic) + "\"><bdi lang=\"en\">Law clinic visit</bdi></a>"));
  EXPECT_FALSE(has(list.body, "Arbeitstitel: <bdi lang=\"en\">Law clinic visit"));

  // In English the English title is the working title: nothing beside it.
  auto en = in("staff", "en");
  list = en.get("/surveys");
  EXPECT_TRUE(
      has(list.body, "<a href=\"" + path(mentoring) + "\"><bdi>Feedback on mentoring</bdi></a>"));
  EXPECT_FALSE(has(list.body, "Working title: <bdi lang=\"en\">Feedback on mentoring"));
  EXPECT_FALSE(has(list.body, "Rückmeldung zum Mentoring"));
}

TEST_F(SurveyTitlesTest, TheListsExportsHaveTheTitleInTheReadersLanguageAndTheWorkingTitle) {
  auto de = in("staff", "de");
  auto csv = de.get("/surveys.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Nummer,Umfrage,Arbeitstitel,Programm,")) << csv.body.substr(0, 300);
  EXPECT_TRUE(has(csv.body, std::to_string(mentoring.survey) +
                                ",Rückmeldung zum Mentoring,Feedback on mentoring,"));
  EXPECT_TRUE(has(csv.body, std::to_string(clinic.survey) + ",Law clinic visit,Law clinic visit,"));
  auto xlsx = de.get("/surveys.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto book = surveys::xlsx::read(xlsx.body);
  ASSERT_TRUE(book && !book->sheets.empty());
  const auto& sheet = book->sheets.front();
  EXPECT_EQ(sheet.cell(0, 1), "Umfrage");
  EXPECT_EQ(sheet.cell(0, 2), "Arbeitstitel");
  bool translated = false, working = false;
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    if (sheet.cell(r, 0) == std::to_string(mentoring.survey))
      translated = sheet.cell(r, 1) == "Rückmeldung zum Mentoring" &&
                   sheet.cell(r, 2) == "Feedback on mentoring";
    if (sheet.cell(r, 0) == std::to_string(clinic.survey))
      working = sheet.cell(r, 1) == "Law clinic visit" && sheet.cell(r, 2) == "Law clinic visit";
  }
  EXPECT_TRUE(translated);
  EXPECT_TRUE(working);
}

TEST_F(SurveyTitlesTest, TheOverviewRoundAndResultsPagesShowTheTitleInTheReadersLanguage) {
  auto de = in("staff", "de");
  const std::string german = "<bdi>Rückmeldung zum Mentoring</bdi>";
  const std::string working = "Arbeitstitel: <bdi lang=\"en\">Feedback on mentoring</bdi>";
  const std::string english = "<bdi lang=\"en\">Law clinic visit</bdi>";
  struct Case {
    std::string path, heading;  // heading: the h1's start before the title
  };
  const std::string round = "/rounds/" + std::to_string(mentoring_round);
  for (const auto& c : {Case{path(mentoring), "<h1>"}, Case{round, "<h1>Runde: "},
                        Case{path(mentoring, "/results"), "<h1>Ergebnisse: "},
                        Case{path(mentoring, "/responses"), "<h1>Rückmeldungen mit Namen: "}}) {
    auto res = de.get(c.path);
    ASSERT_EQ(res.status, 200) << c.path;
    EXPECT_TRUE(has(res.body, c.heading + german + "</h1>")) << c.path << "\n" << res.body;
    EXPECT_TRUE(has(res.body, working)) << c.path;
    EXPECT_TRUE(has(res.body, "<title>")) << c.path;
    EXPECT_FALSE(has(res.body.substr(0, res.body.find("</title>")), "Feedback on mentoring"))
        << c.path << ": the page's title is the German one";
  }
  // The new-round form and the builder's pages lead back by the German title.
  for (const auto& p : {path(mentoring, "/rounds/new"), path(mentoring, "/edit")}) {
    auto res = de.get(p);
    ASSERT_EQ(res.status, 200) << p;
    EXPECT_TRUE(has(res.body, "\"" + path(mentoring) + "\">" + german + "</a>")) << p;
  }
  // A survey without a German title: the working title, and nothing beside it.
  const std::string clinic_round_path = "/rounds/" + std::to_string(clinic_round);
  for (const auto& c : {Case{path(clinic), "<h1>"}, Case{clinic_round_path, "<h1>Runde: "},
                        Case{path(clinic, "/results"), "<h1>Ergebnisse: "}}) {
    auto res = de.get(c.path);
    ASSERT_EQ(res.status, 200) << c.path;
    EXPECT_TRUE(has(res.body, c.heading + english + "</h1>")) << c.path;
    EXPECT_FALSE(has(res.body, "Arbeitstitel:")) << c.path;
  }
}

TEST_F(SurveyTitlesTest, TheTitleIsTheNewestVersionsEvenWhenResultsShowAnEarlierOne) {
  // Five responses to version 1, then version 2 renames the German title.
  for (int i = 0; i < 5; ++i)
    survey_response_insert(sql(), programme, mentoring_round, mentoring.version, 0,
                           {cohort, "DE", "female", "ngo"},
                           {{"useful", "", "yes", std::nullopt, std::nullopt}}, kNow + kDay);
  {
    auto d = titled({{"en", "Feedback on mentoring"}, {"de", "Rückblick auf das Mentoring"}});
    db::Transaction tx(sql());
    surveys::store::insert_version(sql(), mentoring.survey, 2, "builder", d, kNow + kDay);
    tx.commit();
  }
  auto de = in("staff", "de");
  // The results show version 1 (the newest with responses) under version 2's title.
  auto res = de.get(path(mentoring, "/results"));
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "<h1>Ergebnisse: <bdi>Rückblick auf das Mentoring</bdi></h1>"))
      << res.body;
  EXPECT_TRUE(has(res.body, "data-question=\"useful\""));
  for (const auto& p :
       {std::string("/surveys"), path(mentoring), "/rounds/" + std::to_string(mentoring_round)}) {
    auto page = de.get(p).body;
    EXPECT_TRUE(has(page, "<bdi>Rückblick auf das Mentoring</bdi>")) << p;
    EXPECT_FALSE(has(page, "Rückmeldung zum Mentoring")) << p;
  }
}

TEST_F(SurveyTitlesTest, AnArabicReaderGetsTheWorkingTitleMarkedAsEnglish) {
  auto ar = in("staff", "ar");
  auto list = ar.get("/surveys").body;
  EXPECT_TRUE(has(
      list, "<a href=\"" + path(mentoring) + "\"><bdi lang=\"en\">Feedback on mentoring</bdi>"));
  auto page = ar.get(path(mentoring, "/results")).body;
  EXPECT_TRUE(has(page, "<bdi lang=\"en\">Feedback on mentoring</bdi></h1>")) << page;
}

TEST_F(SurveyTitlesTest, AnotherProgrammesSurveyStaysAbsentAndNotFound) {
  const auto other = insert_other_programme(sql());
  const auto elsewhere = survey_insert(sql(), other.programme, "custom", false,
                                       titled({{"en", "Elsewhere"}, {"de", "Anderswo"}}), kNow);
  const auto round =
      survey_round_insert(sql(), elsewhere.survey, other.cohort, kNow, kNow + 30 * kDay);
  auto de = in("staff", "de");
  for (const auto& p : {std::string("/surveys"), std::string("/surveys.csv")}) {
    auto res = de.get(p);
    ASSERT_EQ(res.status, 200);
    EXPECT_FALSE(has(res.body, "Anderswo")) << p;
    EXPECT_FALSE(has(res.body, "Elsewhere")) << p;
  }
  for (const auto& p : {path(elsewhere), path(elsewhere, "/results"), path(elsewhere, "/responses"),
                        path(elsewhere, "/rounds/new"), "/rounds/" + std::to_string(round)}) {
    auto res = de.get(p);
    EXPECT_EQ(res.status, 404) << p;
    EXPECT_FALSE(has(res.body, "Anderswo")) << p;
  }
}

TEST(SurveyStaffTitle, TheReadersTitleElseTheWorkingTitleWithItsLanguage) {
  const surveys::Texts titles = {{"en", "Feedback"}, {"de", "Rückmeldung"}, {"fr", "Feedback"}};
  auto t = surveys::staff_title("Feedback", titles, "de", "en");
  EXPECT_EQ(t.shown, "Rückmeldung");
  EXPECT_TRUE(t.translated());
  EXPECT_EQ(t.working_language, "en");
  EXPECT_EQ(t.shown_language(), "");
  // The reader's own language first when the working title is written the same in it.
  t = surveys::staff_title("Feedback", titles, "fr", "en");
  EXPECT_FALSE(t.translated());
  EXPECT_EQ(t.shown_language(), "fr");
  // No title in the reader's language: the working title in its language.
  t = surveys::staff_title("Feedback", titles, "ar", "de");
  EXPECT_EQ(t.shown, "Feedback");
  EXPECT_EQ(t.shown_language(), "en");
  // A working title that no version text has: its language is unknown.
  t = surveys::staff_title("Old name", titles, "ar", "en");
  EXPECT_EQ(t.shown, "Old name");
  EXPECT_EQ(t.shown_language(), "");
  // An empty text in the reader's language counts as none.
  t = surveys::staff_title("Feedback", {{"en", "Feedback"}, {"de", ""}}, "de", "en");
  EXPECT_EQ(t.shown, "Feedback");
  // From SQL's columns.
  t = surveys::staff_title("Feedback", "", "en");
  EXPECT_EQ(t.shown, "Feedback");
  EXPECT_EQ(t.shown_language(), "en");
  t = surveys::staff_title("Feedback", "Rückmeldung", "en");
  EXPECT_EQ(t.shown, "Rückmeldung");
  EXPECT_EQ(t.working, "Feedback");
}

}  // namespace
}  // namespace crm::test
