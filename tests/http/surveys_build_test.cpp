// The survey builder: the list and its exports, a new survey from scratch or
// from a built-in instrument, the survey's texts and languages, questions of
// every type with their choices, rows, ranges and "show if" conditions,
// moving and deleting them, versions (a frozen version is never changed: the
// first edit makes a new one), the preview, archiving; bad input changes
// nothing and says why; another programme's survey and other roles get 404.
#include "http/support/other_programme.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/instruments.hpp"

namespace crm::test {
namespace {

using ll = long long;

class SurveysBuildTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    programme_ = count("SELECT id FROM programme WHERE slug = 'crm'");
  }
  // Everything a write of the builder may touch.
  std::string survey_state() {
    auto tables = state_tables();
    tables.insert(tables.end(),
                  {"survey", "survey_version", "survey_version_text", "survey_question",
                   "survey_question_text", "survey_choice", "survey_choice_text"});
    return dump_tables(sql(), tables);
  }
  static bool has(const std::string& s, std::string_view what) {
    return s.find(what) != std::string::npos;
  }
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("language not switched");
    return c;
  }
  // A new survey from scratch in English and German; its id.
  ll create(Client& c, const std::string& title) {
    auto res = c.submit("/surveys/new", {{"programme", std::to_string(programme_)},
                                         {"title", title},
                                         {"languages", "en"},
                                         {"languages", "de"},
                                         {"default_language", "en"}});
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 3000);
    return count("SELECT COALESCE(MAX(id), 0) FROM survey WHERE title = '" + title + "'");
  }
  static Form question(const std::string& name, const std::string& type, const std::string& label) {
    return {{"name", name}, {"type", type}, {"label_en", label}};
  }
  HttpResponse add(Client& c, ll survey, Form fields) {
    const auto page = "/surveys/" + std::to_string(survey) + "/questions/new";
    return c.submit(page, std::move(fields));
  }
  HttpResponse edit(Client& c, ll survey, const std::string& name, Form fields) {
    const auto page = "/surveys/" + std::to_string(survey) + "/questions/" + name + "/edit";
    return c.submit(page, std::move(fields));
  }
  HttpResponse action(Client& c, ll survey, const std::string& path, Form fields = {}) {
    return c.submit("/surveys/" + std::to_string(survey), std::move(fields),
                    "/surveys/" + std::to_string(survey) + path);
  }
  ll latest_version(ll survey) {
    return count("SELECT MAX(id) FROM survey_version WHERE survey_id = " + std::to_string(survey));
  }
  // The questions of a version in order: "name:type:relevant|…".
  std::string questions_of(ll version) {
    std::string out;
    soci::rowset<soci::row> rows =
        (sql().raw().prepare << "SELECT name, type, relevant FROM survey_question WHERE "
                                "version_id = "
                             << version << " ORDER BY position");
    for (const auto& r : rows)
      out +=
          r.get<std::string>(0) + ":" + r.get<std::string>(1) + ":" + r.get<std::string>(2) + "|";
    return out;
  }
  // A survey with a choice question "works" and a number shown if it is yes.
  ll with_condition(Client& c) {
    const ll id = create(c, "Mentoring");
    auto works = question("works", "single", "Do you work with returnees?");
    works.push_back({"choice_name", "yes"});
    works.push_back({"choice_en", "Yes"});
    works.push_back({"choice_name", "no"});
    works.push_back({"choice_en", "No"});
    EXPECT_EQ(add(c, id, works).status, 303);
    auto caseload = question("caseload", "integer", "How many a month?");
    caseload.push_back({"if_question", "works"});
    caseload.push_back({"if_operator", "="});
    caseload.push_back({"if_value", "yes"});
    caseload.push_back({"min_value", "0"});
    caseload.push_back({"max_value", "500"});
    EXPECT_EQ(add(c, id, caseload).status, 303);
    return id;
  }
  ll programme_ = 0;
};

TEST_F(SurveysBuildTest, TheListShowsTheProgrammesSurveysAndExportsThem) {
  auto c = english("staff");
  auto res = c.get("/surveys");
  ASSERT_EQ(res.status, 200);
  // The demo's instruments and its custom survey.
  EXPECT_TRUE(has(res.body, "Peer mentoring for the next cohort"));
  EXPECT_TRUE(has(res.body, "Three-month follow-up"));
  EXPECT_TRUE(has(res.body, "href=\"/surveys/new\""));
  res = c.get("/surveys.csv");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "Peer mentoring for the next cohort"));
  EXPECT_TRUE(has(res.body, "Newest version"));
  res = c.get("/surveys.xlsx");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.substr(0, 2), "PK");
  // The navigation leads there.
  EXPECT_TRUE(has(c.get("/").body, "href=\"/surveys\""));
}

TEST_F(SurveysBuildTest, AStaffMemberStartsASurveyFromScratch) {
  auto c = english("staff");
  const ll id = create(c, "Alumni network");
  ASSERT_GT(id, 0);
  const auto ids = std::to_string(id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey WHERE id = " + ids +
                  " AND kind = 'custom' AND anonymous = 0"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version WHERE survey_id = " + ids +
                  " AND number = 1 AND source = 'builder' AND languages = 'en,de'"),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.create' AND entity_id = '" +
            ids + "'"),
      1);
  auto page = c.get("/surveys/" + ids);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Add at least one question to answer"));
}

TEST_F(SurveysBuildTest, EachInstrumentIsCopiedAsVersionOne) {
  auto c = english("staff");
  for (const char* kind : {"session_feedback", "useful", "self_assessment", "follow_up"}) {
    const ll before = count("SELECT COUNT(*) FROM survey WHERE kind = '" + std::string(kind) + "'");
    auto res =
        c.submit("/surveys/new", {{"programme", std::to_string(programme_)}, {"instrument", kind}});
    ASSERT_EQ(res.status, 303) << kind << res.body.substr(0, 2000);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey WHERE kind = '" + std::string(kind) + "'"),
              before + 1);
    const ll id = count("SELECT MAX(id) FROM survey WHERE kind = '" + std::string(kind) + "'");
    const ll version = latest_version(id);
    EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version WHERE id = " + std::to_string(version) +
                    " AND number = 1 AND source = 'instrument'"),
              1);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM survey_question WHERE version_id = " + std::to_string(version)),
        static_cast<long>(surveys::instrument(kind)->questions.size()));
    EXPECT_EQ(count("SELECT anonymous FROM survey WHERE id = " + std::to_string(id)),
              surveys::instrument_is_anonymous(kind) ? 1 : 0);
  }
}

TEST_F(SurveysBuildTest, BadNewSurveysChangeNothing) {
  auto c = english("staff");
  const auto before = survey_state();
  const Form bad[] = {
      {{"programme", std::to_string(programme_)}, {"instrument", "astrology"}},
      {{"programme", std::to_string(programme_)},
       {"title", ""},
       {"languages", "en"},
       {"default_language", "en"}},
      {{"programme", std::to_string(programme_)},
       {"title", "X"},
       {"languages", "xx"},
       {"default_language", "en"}},
      {{"programme", std::to_string(programme_)},
       {"title", "X"},
       {"languages", "de"},
       {"default_language", "en"}},
      {{"programme", "999999"}, {"title", "X"}, {"languages", "en"}, {"default_language", "en"}},
  };
  for (const auto& form : bad) {
    auto res = c.submit("/surveys/new", form);
    EXPECT_EQ(res.status, 422) << res.body.substr(0, 2000);
    EXPECT_TRUE(has(res.body, "There is a problem"));
  }
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveysBuildTest, QuestionsOfEveryTypeWithConditions) {
  auto c = english("staff");
  const ll id = with_condition(c);
  const ll version = latest_version(id);
  EXPECT_EQ(questions_of(version), "works:single:|caseload:integer:${works} = 'yes'|");
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_question WHERE version_id = " +
                  std::to_string(version) + " AND min_value = 0 AND max_value = 500"),
            1);
  auto langs = question("langs", "multiple", "Which languages do you speak?");
  for (const char* l : {"fr", "de", "ar"}) {
    langs.push_back({"choice_name", l});
    langs.push_back({"choice_en", std::string("Language ") + l});
    langs.push_back({"choice_de", std::string("Sprache ") + l});
  }
  langs.push_back({"label_de", "Welche Sprachen sprechen Sie?"});
  langs.push_back({"required", "1"});
  ASSERT_EQ(add(c, id, langs).status, 303);
  auto why = question("why_fr", "text", "Why French?");
  why.push_back({"if_question", "langs"});
  why.push_back({"if_operator", "selected"});
  why.push_back({"if_value", "fr"});
  ASSERT_EQ(add(c, id, why).status, 303);
  auto grid = question("skills", "matrix", "Rate your skills");
  grid.push_back({"choice_name", "1"});
  grid.push_back({"choice_en", "Low"});
  grid.push_back({"choice_name", "2"});
  grid.push_back({"choice_en", "High"});
  grid.push_back({"row_name", "law"});
  grid.push_back({"row_en", "Law"});
  ASSERT_EQ(add(c, id, grid).status, 303);
  auto rate = question("useful", "likert", "Useful?");
  rate.push_back({"choice_name", "no"});
  rate.push_back({"choice_en", "No"});
  rate.push_back({"choice_name", "yes"});
  rate.push_back({"choice_en", "Yes"});
  rate.push_back({"positive", "1"});
  rate.push_back({"indicator", "useful"});
  ASSERT_EQ(add(c, id, rate).status, 303);
  for (const char* type : {"decimal", "date", "note"}) {
    auto q = question(std::string("q_") + type, type, std::string("A ") + type);
    ASSERT_EQ(add(c, id, q).status, 303) << type;
  }
  auto section = question("part2", "section", "Part two");
  section.push_back({"position", "langs"});
  ASSERT_EQ(add(c, id, section).status, 303);
  EXPECT_EQ(latest_version(id), version);  // not frozen: changed in place
  EXPECT_EQ(questions_of(version),
            "works:single:|caseload:integer:${works} = 'yes'|part2:section:|langs:multiple:|"
            "why_fr:text:selected(${langs}, 'fr')|skills:matrix:|useful:likert:|"
            "q_decimal:decimal:|q_date:date:|q_note:note:|");
  const auto vs = std::to_string(version);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_choice c JOIN survey_question q ON q.id = "
                  "c.question_id WHERE q.version_id = " +
                  vs +
                  " AND q.name = 'skills' AND c.role = "
                  "'row'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_choice c JOIN survey_question q ON q.id = "
                  "c.question_id WHERE q.version_id = " +
                  vs +
                  " AND q.name = 'useful' AND "
                  "c.positive = 1 AND c.name = 'yes'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_question_text t JOIN survey_question q ON q.id = "
                  "t.question_id WHERE q.version_id = " +
                  vs + " AND q.name = 'langs'"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.question.add' AND "
                  "entity_id = '" +
                  std::to_string(id) + "'"),
            10);
  // The editor shows the simple condition back.
  auto page = c.get("/surveys/" + std::to_string(id) + "/questions/caseload/edit");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "<option value=\"works\" selected=\"selected\""));
  // Edit in place: a hint.
  auto hinted = question("caseload", "integer", "How many a month?");
  hinted.push_back({"hint_en", "Roughly"});
  hinted.push_back({"relevant", "${works} = 'yes' and true()"});
  ASSERT_EQ(edit(c, id, "caseload", hinted).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_question_text t JOIN survey_question q ON q.id = "
                  "t.question_id WHERE q.version_id = " +
                  vs + " AND t.hint = 'Roughly'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_question WHERE version_id = " + vs +
                  " AND relevant = '${works} = ''yes'' and true()'"),
            1);
}

TEST_F(SurveysBuildTest, BadQuestionsChangeNothing) {
  auto c = english("staff");
  const ll id = with_condition(c);
  const auto before = survey_state();
  struct Case {
    Form form;
    const char* message;
  };
  auto later = question("early", "text", "Early");
  later.push_back({"relevant", "${nowhere} = 'x'"});
  later.push_back({"position", "works"});
  auto reads_later = question("first", "text", "First");
  reads_later.push_back({"relevant", "${caseload} > 3"});
  reads_later.push_back({"position", "works"});
  auto unparsable = question("broken", "text", "Broken");
  unparsable.push_back({"relevant", "${works} = = 'yes'"});
  auto one_choice = question("lonely", "single", "Lonely");
  one_choice.push_back({"choice_name", "a"});
  one_choice.push_back({"choice_en", "A"});
  auto range = question("age", "integer", "Age");
  range.push_back({"min_value", "99"});
  range.push_back({"max_value", "18"});
  auto not_a_number = question("age", "integer", "Age");
  not_a_number.push_back({"min_value", "eighteen"});
  const Case cases[] = {
      {question("x", "astrology", "X"), "This question type is not known."},
      {question("works", "text", "Again"), "Another question has this name."},
      {question("1st", "text", "X"), "starts with a letter"},
      {question("nolabel", "text", ""), "Give the question a text"},
      {reads_later, "does not come before it"},
      {later, "does not come before it"},
      {unparsable, ""},
      {one_choice, "choices"},
      {range, "The smallest answer is larger than the largest."},
      {not_a_number, "Enter a number"},
      {question("big", "text", std::string(3000, 'x')), "at most"},
  };
  for (const auto& k : cases) {
    auto res = add(c, id, k.form);
    EXPECT_EQ(res.status, 422) << k.message << res.body.substr(0, 1500);
    EXPECT_TRUE(has(res.body, k.message)) << k.message;
    EXPECT_TRUE(has(res.body, "There is a problem"));
  }
  // The user's input is kept.
  auto res = add(c, id, question("works", "text", "Typed by me"));
  EXPECT_TRUE(has(res.body, "Typed by me"));
  // 50,000 characters of text reach the builder and are refused; 5 MB are
  // refused before (the form limit: 413, or the connection closed while sending).
  res = add(c, id, question("long", "text", std::string(50000, 'y')));
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "A text is at most 2000 characters."));
  try {
    res = add(c, id, question("huge", "text", std::string(5 * 1024 * 1024, 'y')));
    EXPECT_EQ(res.status, 413);
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(has(e.what(), "cannot send")) << e.what();
  }
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveysBuildTest, AtMostFiveHundredQuestions) {
  auto c = english("staff");
  surveys::Definition d;
  d.languages = {"en"};
  d.title = {{"en", "Long"}};
  for (int i = 0; i < 500; ++i) {
    surveys::Question q;
    q.name = "q" + std::to_string(i);
    q.type = "text";
    q.label = {{"en", "Question " + std::to_string(i)}};
    d.questions.push_back(q);
  }
  const auto ids = survey_insert(sql(), programme_, "custom", false, d, 1767225600);
  const auto before = survey_state();
  auto res = add(c, ids.survey, question("q600", "text", "One more"));
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "A survey has at most 500 questions."));
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveysBuildTest, RenamingOrDeletingAQuestionAConditionReadsIsRefused) {
  auto c = english("staff");
  const ll id = with_condition(c);
  const auto before = survey_state();
  auto renamed = question("working", "single", "Do you work with returnees?");
  renamed.push_back({"choice_name", "yes"});
  renamed.push_back({"choice_en", "Yes"});
  renamed.push_back({"choice_name", "no"});
  renamed.push_back({"choice_en", "No"});
  auto res = edit(c, id, "works", renamed);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "change that condition first"));
  res = action(c, id, "/questions/works/delete");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "change that condition before deleting it"));
  // Moving the question it reads after it.
  res = action(c, id, "/questions/works/move", {{"direction", "down"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Moving it would put a condition before the question it reads."));
  EXPECT_EQ(survey_state(), before);
  // Deleting the one that reads it first, then it: fine.
  ASSERT_EQ(action(c, id, "/questions/caseload/delete").status, 303);
  ASSERT_EQ(action(c, id, "/questions/works/delete").status, 303);
  EXPECT_EQ(questions_of(latest_version(id)), "");
}

TEST_F(SurveysBuildTest, MovingQuestions) {
  auto c = english("staff");
  const ll id = with_condition(c);
  ASSERT_EQ(add(c, id, question("notes", "text", "Notes")).status, 303);
  ASSERT_EQ(action(c, id, "/questions/notes/move", {{"direction", "up"}}).status, 303);
  EXPECT_EQ(questions_of(latest_version(id)),
            "works:single:|notes:text:|caseload:integer:${works} = 'yes'|");
  ASSERT_EQ(action(c, id, "/questions/notes/move", {{"direction", "up"}}).status, 303);
  EXPECT_EQ(questions_of(latest_version(id)),
            "notes:text:|works:single:|caseload:integer:${works} = 'yes'|");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.question.move'"), 2);
}

TEST_F(SurveysBuildTest, EditingAFrozenVersionMakesANewOne) {
  auto c = english("staff");
  const ll id = with_condition(c);
  const ll v1 = latest_version(id);
  // A round sent it.
  const ll cohort =
      count("SELECT MIN(id) FROM cohort WHERE programme_id = " + std::to_string(programme_));
  survey_round_insert(sql(), id, cohort, 1767225600, 1769904000);
  {
    db::Transaction tx(sql());
    surveys::store::freeze_version(sql(), v1, 1767225600);
    tx.commit();
  }
  const auto v1_questions = questions_of(v1);
  const auto v1_dump = dump_tables(sql(), {"survey_question_text", "survey_choice"});
  auto page = c.get("/surveys/" + std::to_string(id) + "/questions/caseload/edit");
  EXPECT_TRUE(has(page.body, "saving makes version 2"));
  auto changed = question("caseload", "integer", "How many people a month?");
  ASSERT_EQ(edit(c, id, "caseload", changed).status, 303);
  const ll v2 = latest_version(id);
  ASSERT_NE(v2, v1);
  EXPECT_EQ(count("SELECT number FROM survey_version WHERE id = " + std::to_string(v2)), 2);
  EXPECT_EQ(questions_of(v1), v1_questions);
  EXPECT_EQ(questions_of(v2), "works:single:|caseload:integer:|");
  // Version 1's texts are as they were (version 2's are new rows).
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_question_text t JOIN survey_question q ON q.id = "
                  "t.question_id WHERE q.version_id = " +
                  std::to_string(v1) + " AND t.label = 'How many a month?'"),
            1);
  // The next edit changes version 2 in place.
  ASSERT_EQ(add(c, id, question("more", "text", "More")).status, 303);
  EXPECT_EQ(latest_version(id), v2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version WHERE survey_id = " + std::to_string(id)),
            2);
  auto overview = c.get("/surveys/" + std::to_string(id));
  EXPECT_TRUE(has(overview.body, "Responses stay with the version they answered."));
  // Anonymity is settled once a round exists.
  const auto before = survey_state();
  auto res = c.submit("/surveys/" + std::to_string(id) + "/edit", {{"title_en", "Mentoring"},
                                                                   {"languages", "en"},
                                                                   {"languages", "de"},
                                                                   {"default_language", "en"},
                                                                   {"anonymous", "1"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveysBuildTest, TheSurveysTextsAndLanguages) {
  auto c = english("staff");
  const ll id = create(c, "Alumni network");
  const auto page = "/surveys/" + std::to_string(id) + "/edit";
  auto res = c.submit(page, {{"title_en", "Alumni network 2027"},
                             {"title_de", "Alumni-Netzwerk"},
                             {"intro_en", "Ten minutes."},
                             {"languages", "en"},
                             {"languages", "de"},
                             {"languages", "ar"},
                             {"default_language", "de"},
                             {"anonymous", "1"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 2000);
  const ll v = latest_version(id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version WHERE id = " + std::to_string(v) +
                  " AND languages = 'en,de,ar' AND default_language = 'de'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey WHERE id = " + std::to_string(id) +
                  " AND anonymous = 1 AND title = 'Alumni-Netzwerk'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version_text WHERE version_id = " +
                  std::to_string(v) + " AND intro = 'Ten minutes.'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.update'"), 1);
  const auto before = survey_state();
  // No title in the default language; a language not offered; the default not among them.
  const Form bad[] = {
      {{"title_en", "Only English"},
       {"languages", "en"},
       {"languages", "de"},
       {"default_language", "de"}},
      {{"title_en", "X"},
       {"languages", "en"},
       {"languages", "klingon"},
       {"default_language", "en"}},
      {{"title_en", "X"}, {"languages", "en"}, {"default_language", "fr"}},
      {{"title_en", std::string(300, 'x')}, {"languages", "en"}, {"default_language", "en"}},
  };
  for (const auto& form : bad) {
    res = c.submit(page, form);
    EXPECT_EQ(res.status, 422) << res.body.substr(0, 1500);
  }
  EXPECT_EQ(survey_state(), before);
}

TEST_F(SurveysBuildTest, ThePreviewReadsAsARespondentWould) {
  auto c = english("staff");
  const ll id = count("SELECT id FROM survey WHERE title = 'Peer mentoring for the next cohort'");
  ASSERT_GT(id, 0);
  auto res = c.get("/surveys/" + std::to_string(id) + "/preview?lang=ar");
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "lang=\"ar\" dir=\"rtl\""));
  EXPECT_TRUE(has(res.body, "الإرشاد بين الأقران للدفعة القادمة"));
  EXPECT_TRUE(has(res.body, "disabled=\"disabled\""));
  EXPECT_TRUE(has(res.body, "survey-conditions"));  // the condition in words
  res = c.get("/surveys/" + std::to_string(id) + "/preview?lang=de");
  EXPECT_TRUE(has(res.body, "Peer-Mentoring für den nächsten Jahrgang"));
  EXPECT_TRUE(has(res.body, "Seite"));  // the interface words in German
  // A language the survey is not written in: its default.
  res = c.get("/surveys/" + std::to_string(id) + "/preview?lang=tr");
  EXPECT_TRUE(has(res.body, "Peer mentoring for the next cohort"));
}

TEST_F(SurveysBuildTest, ArchivingHidesFromTheListAndStopsNewRounds) {
  auto c = english("staff");
  const ll id = create(c, "Old survey");
  ASSERT_EQ(action(c, id, "/archive").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey WHERE id = " + std::to_string(id) +
                  " AND archived_at IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.archive'"), 1);
  auto list = c.get("/surveys").body;
  const auto archived = list.find("<h2>Archived</h2>");
  ASSERT_NE(archived, std::string::npos);
  EXPECT_GT(list.find("Old survey"), archived);
  auto page = c.get("/surveys/" + std::to_string(id)).body;
  EXPECT_FALSE(has(page, "/rounds/new"));
}

TEST_F(SurveysBuildTest, OtherProgrammesAndOtherRolesGet404) {
  const auto other = insert_other_programme(sql());
  surveys::Definition d;
  d.languages = {"en"};
  d.title = {{"en", "Elsewhere"}};
  surveys::Question q;
  q.name = "a";
  q.type = "text";
  q.label = {{"en", "A"}};
  d.questions.push_back(q);
  const auto ids = survey_insert(sql(), other.programme, "custom", false, d, 1767225600);
  const auto s = std::to_string(ids.survey);
  auto staff = english("staff");
  EXPECT_FALSE(has(staff.get("/surveys").body, "Elsewhere"));
  const auto before = survey_state();
  for (const auto& path :
       {"/surveys/" + s, "/surveys/" + s + "/edit", "/surveys/" + s + "/preview",
        "/surveys/" + s + "/questions/new", "/surveys/" + s + "/questions/a/edit"})
    EXPECT_EQ(staff.get(path).status, 404) << path;
  const auto csrf = csrf_of(staff.get("/surveys").body);
  for (const auto& path :
       {"/surveys/" + s + "/edit", "/surveys/" + s + "/questions/new",
        "/surveys/" + s + "/questions/a/edit", "/surveys/" + s + "/questions/a/delete",
        "/surveys/" + s + "/questions/a/move", "/surveys/" + s + "/archive"})
    EXPECT_EQ(staff
                  .post(path, {{"csrf", csrf},
                               {"name", "b"},
                               {"type", "text"},
                               {"label_en", "B"},
                               {"title_en", "T"},
                               {"languages", "en"},
                               {"default_language", "en"},
                               {"direction", "up"}})
                  .status,
              404)
        << path;
  EXPECT_EQ(staff
                .post("/surveys/new", {{"csrf", csrf},
                                       {"programme", std::to_string(other.programme)},
                                       {"instrument", "useful"}})
                .status,
            422);
  EXPECT_EQ(survey_state(), before);
  // Roles that do not build surveys.
  const ll own =
      count("SELECT MIN(id) FROM survey WHERE programme_id = " + std::to_string(programme_));
  for (const char* role : {"participant", "lecturer", "alumnus", "stakeholder"}) {
    auto c = sign_in(role);
    EXPECT_EQ(c.get("/surveys").status, 404) << role;
    EXPECT_EQ(c.get("/surveys/new").status, 404) << role;
    EXPECT_EQ(c.get("/surveys/" + std::to_string(own)).status, 404) << role;
    EXPECT_EQ(c.get("/surveys/" + std::to_string(own) + "/preview").status, 404) << role;
  }
  // The admin sees every programme's.
  auto admin = english("admin");
  EXPECT_TRUE(has(admin.get("/surveys").body, "Elsewhere"));
  EXPECT_EQ(admin.get("/surveys/" + s).status, 200);
}

}  // namespace
}  // namespace crm::test
