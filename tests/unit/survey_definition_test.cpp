// Survey definitions without HTTP: XLSForm expressions (parse errors with
// their place, XPath conversions), validation, pages and "show if", and a
// definition stored and read back on a real database (both backends).
#include <gtest/gtest.h>

#include "http/support/search_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/definition.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/expression.hpp"
#include "surveys/instruments.hpp"

namespace crm::surveys {
namespace {

bool test(std::string_view expr, const AnswerValues& a, std::string_view self = {}) {
  auto p = parse_expression(expr);
  EXPECT_TRUE(p.expression) << expr << ": " << p.error_key;
  return p.expression && p.expression->test(a, self);
}

TEST(SurveyExpression, ComparesNumbersAndTextAsXPathDoes) {
  AnswerValues a{{"age", "34"}, {"country", "IQ"}, {"empty", ""}};
  EXPECT_TRUE(test("${age} > 18", a));
  EXPECT_FALSE(test("${age} < 18", a));
  EXPECT_TRUE(test("${age} = 34", a));
  EXPECT_TRUE(test("${age} = '34'", a));
  EXPECT_TRUE(test("${country} = 'IQ'", a));
  EXPECT_TRUE(test("${country} != \"SY\"", a));
  EXPECT_FALSE(test("${missing} > 18", a));  // unanswered: not a number
  EXPECT_FALSE(test("${missing} < 18", a));
  EXPECT_TRUE(test("${missing} = ''", a));
  EXPECT_FALSE(test("${empty}", a));
  EXPECT_TRUE(test("${age} >= 30 and ${age} <= 40", a));
  EXPECT_TRUE(test("${age} < 10 or ${country} = 'IQ'", a));
  EXPECT_TRUE(test("not(${country} = 'SY')", a));
  EXPECT_TRUE(test("${age} + 1 = 35 and ${age} * 2 = 68 and ${age} div 2 = 17", a));
  EXPECT_TRUE(test("${age} mod 5 = 4 and -${age} = 0 - 34", a));
  EXPECT_TRUE(test("(${age} > 40 or ${age} < 35) and true()", a));
  EXPECT_FALSE(test("false()", a));
  EXPECT_TRUE(test("", a));  // empty: always
  EXPECT_TRUE(test("  ", a));
}

TEST(SurveyExpression, MultipleChoiceFunctionsAndSelf) {
  AnswerValues a{{"langs", "ar fr"}, {"name", "Ağa"}};
  EXPECT_TRUE(test("selected(${langs}, 'fr')", a));
  EXPECT_FALSE(test("selected(${langs}, 'f')", a));
  EXPECT_TRUE(test("count-selected(${langs}) = 2", a));
  EXPECT_TRUE(test("string-length(${name}) = 3", a));  // characters, not bytes
  EXPECT_TRUE(test(". >= 1 and . <= 5", a, "3"));
  EXPECT_FALSE(test(". >= 1 and . <= 5", a, "7"));
  EXPECT_TRUE(test("selected(., 'x')", a, "y x"));
  auto p = parse_expression("${a} = 1 or ${b} = 2 or ${a} = 3");
  ASSERT_TRUE(p.expression);
  EXPECT_EQ(p.expression->names(), (std::vector<std::string>{"a", "b"}));
}

TEST(SurveyExpression, WhatDoesNotParseSaysWhatAndWhere) {
  struct Case {
    const char* text;
    const char* key;
    size_t at;
  };
  for (const auto& c : std::vector<Case>{
           {"${age > 18", "A question name ${…} is not closed or is empty.", 0},
           {"${} = 1", "A question name ${…} is not closed or is empty.", 0},
           {"${a} = 'x", "A quote is not closed.", 7},
           {"(${a} = 1", "A bracket is not closed.", 0},
           {"${a} =", "Something is missing at the end of the expression.", 6},
           {"${a} = 1 1", "This is not understood here.", 9},
           {"/data/age > 3", "This is not understood here.", 0},
           {"today() > 3",
            "Unknown function; supported: selected, count-selected, string-length, not, true, "
            "false.",
            0},
           {"selected(${a})", "Wrong number of arguments for this function.", 0},
           {"age > 3", "This is not understood here.", 0},
       }) {
    auto p = parse_expression(c.text);
    EXPECT_FALSE(p.expression) << c.text;
    EXPECT_EQ(p.error_key, c.key) << c.text;
    EXPECT_EQ(p.error_at, c.at) << c.text;
  }
  EXPECT_EQ(parse_expression(std::string(3000, '1')).error_key, "The expression is too long.");
  EXPECT_EQ(parse_expression(std::string(100, '(') + "1" + std::string(100, ')')).error_key,
            "The expression is nested too deeply.");
  EXPECT_EQ(parse_expression(std::string(100, '-') + "1").error_key,
            "The expression is nested too deeply.");
}

Definition sample() {
  Definition d;
  d.languages = {"en", "ar"};
  d.default_language = "en";
  d.title = {{"en", "Feedback"}, {"ar", "التقييم"}};
  Question s1;
  s1.name = "about";
  s1.type = "section";
  s1.label = {{"en", "About you"}};
  Question work;
  work.name = "works";
  work.type = "single";
  work.required = true;
  work.label = {{"en", "Do you work on returns?"}, {"ar", "هل تعمل في مجال العودة؟"}};
  work.choices = {{"yes", {{"en", "Yes"}}, false}, {"no", {{"en", "No"}}, false}};
  Question years;
  years.name = "years";
  years.type = "integer";
  years.relevant = "${works} = 'yes'";
  years.min_value = 0;
  years.max_value = 60;
  years.label = {{"en", "For how many years?"}};
  Question s2;
  s2.name = "use";
  s2.type = "section";
  s2.relevant = "${works} = 'yes'";
  s2.label = {{"en", "Your work"}};
  Question useful;
  useful.name = "useful";
  useful.type = "likert";
  useful.indicator = "useful";
  useful.label = {{"en", "The training is useful for my work."}};
  for (auto [n, l, pos] : {std::tuple{"1", "Disagree", false}, std::tuple{"2", "Neutral", false},
                           std::tuple{"3", "Agree", true}})
    useful.choices.push_back({n, {{"en", l}}, pos});
  Question grid;
  grid.name = "skills";
  grid.type = "matrix";
  grid.label = {{"en", "Rate your skills"}};
  grid.choices = {{"low", {{"en", "Low"}}, false}, {"high", {{"en", "High"}}, false}};
  grid.rows = {{"law", {{"en", "Return law"}}, false}, {"talk", {{"en", "Counselling"}}, false}};
  d.questions = {s1, work, years, s2, useful, grid};
  return d;
}

TEST(SurveyDefinition, ASampleIsValidAndSplitsIntoPages) {
  Definition d = sample();
  EXPECT_TRUE(validate(d).empty());
  auto p = pages(d);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(p[1], (std::vector<size_t>{3, 4, 5}));
  AnswerValues no{{"works", "no"}}, yes{{"works", "yes"}};
  EXPECT_FALSE(is_shown(d, 2, no));
  EXPECT_TRUE(is_shown(d, 2, yes));
  EXPECT_FALSE(is_shown(d, 4, no));  // inside a hidden section
  EXPECT_TRUE(is_shown(d, 5, yes));
  EXPECT_EQ(text_in(d.questions[1].label, "ar", "en"), "هل تعمل في مجال العودة؟");
  EXPECT_EQ(text_in(d.questions[2].label, "ar", "en"), "For how many years?");
  EXPECT_EQ(reading_language(d, "ar"), "ar");
  EXPECT_EQ(reading_language(d, "fr"), "en");
  auto values = answer_values(d, {{"works", "", "yes", std::nullopt, std::nullopt},
                                  {"years", "", "", 12.0, std::nullopt},
                                  {"skills", "law", "high", std::nullopt, std::nullopt}});
  EXPECT_EQ(values, (AnswerValues{{"works", "yes"}, {"years", "12"}}));
}

std::vector<std::string> problems(const Definition& d) {
  std::vector<std::string> out;
  for (const auto& p : validate(d)) out.push_back(std::to_string(p.question) + " " + p.field);
  return out;
}

TEST(SurveyDefinition, ValidationNamesEachProblem) {
  Definition d = sample();
  d.questions[2].relevant = "${useful} = '3'";  // reads a later question
  d.questions[4].indicator = "useful";
  for (auto& c : d.questions[4].choices) c.positive = false;  // nothing counts as yes
  d.questions[5].rows.clear();
  d.questions[1].name = "works";
  d.questions[2].name = "works";  // twice
  d.questions[2].min_value = 70;  // above the largest
  EXPECT_EQ(problems(d), (std::vector<std::string>{"2 name", "2 min_value", "2 relevant",
                                                   "4 indicator", "5 rows"}));
  Definition e = sample();
  e.default_language = "fr";
  e.questions[1].choices.pop_back();  // one choice
  e.questions[1].choices[0].name = "a b";
  e.questions[0].type = "grid";
  EXPECT_EQ(problems(e),
            (std::vector<std::string>{"-1 default_language", "-1 title", "0 type", "1 label",
                                      "1 choices", "1 choices", "1 choices", "2 label", "3 label",
                                      "4 label", "4 choices", "4 choices", "4 choices", "5 label",
                                      "5 choices", "5 choices", "5 choices", "5 choices"}));
  Definition none;
  none.languages = {"xx"};
  none.default_language = "xx";
  EXPECT_EQ(problems(none), (std::vector<std::string>{"-1 languages", "-1 title", "-1 questions"}));
}

TEST(SurveyDefinitionStore, AVersionReadsBackAsWritten) {
  test::TestDatabase database;
  db::Session db(database.url());
  auto world = test::search_world(db, "surveys-store");
  auto other = test::search_world(db, "surveys-other");
  db::Transaction tx(db);
  Survey s;
  s.programme_id = world.programme;
  s.title = "Feedback";
  s.anonymous = true;
  s.created_at = 1767225600;
  const int64_t survey = store::insert_survey(db, s);
  Definition d = sample();
  d.intro = {{"en", "Thank you."}};
  d.questions[1].hint = {{"ar", "اختر واحدا"}};
  d.questions[2].constraint_expr = ". <= 60";
  d.questions[2].constraint_message = {{"en", "At most 60."}};
  const int64_t version = store::insert_version(db, survey, 1, "builder", d, 1767225601);
  tx.commit();
  auto v = store::load_version(db, world.programme, version);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->survey_id, survey);
  EXPECT_EQ(v->number, 1);
  EXPECT_EQ(v->frozen_at, 0);
  const Definition& r = v->definition;
  EXPECT_EQ(r.languages, d.languages);
  EXPECT_EQ(r.title, d.title);
  EXPECT_EQ(r.intro, d.intro);
  ASSERT_EQ(r.questions.size(), d.questions.size());
  for (size_t i = 0; i < d.questions.size(); ++i) {
    const auto &a = d.questions[i], &b = r.questions[i];
    EXPECT_NE(b.id, 0);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.required, b.required);
    EXPECT_EQ(a.relevant, b.relevant);
    EXPECT_EQ(a.constraint_expr, b.constraint_expr);
    EXPECT_EQ(a.min_value, b.min_value);
    EXPECT_EQ(a.max_value, b.max_value);
    EXPECT_EQ(a.indicator, b.indicator);
    EXPECT_EQ(a.label, b.label);
    EXPECT_EQ(a.hint, b.hint);
    EXPECT_EQ(a.constraint_message, b.constraint_message);
    ASSERT_EQ(a.choices.size(), b.choices.size());
    for (size_t c = 0; c < a.choices.size(); ++c) {
      EXPECT_EQ(a.choices[c].name, b.choices[c].name);
      EXPECT_EQ(a.choices[c].label, b.choices[c].label);
      EXPECT_EQ(a.choices[c].positive, b.choices[c].positive);
    }
    ASSERT_EQ(a.rows.size(), b.rows.size());
    for (size_t c = 0; c < a.rows.size(); ++c) EXPECT_EQ(a.rows[c].name, b.rows[c].name);
  }
  EXPECT_TRUE(validate(r).empty());
  // Another programme's scope finds nothing.
  EXPECT_FALSE(store::load_version(db, other.programme, version));
  EXPECT_FALSE(store::find_survey(db, other.programme, survey));
  EXPECT_TRUE(store::find_survey(db, world.programme, survey)->anonymous);
  EXPECT_EQ(store::latest_version(db, world.programme, survey)->id, version);
  {
    db::Transaction t2(db);
    store::freeze_version(db, version, 1767225700);
    t2.commit();
  }
  EXPECT_EQ(store::load_version(db, world.programme, version)->frozen_at, 1767225700);
}

TEST(SurveyInstruments, EachIsValidInFourLanguagesWithItsIndicator) {
  for (const char* kind : {"session_feedback", "useful", "self_assessment", "follow_up"}) {
    auto d = instrument(kind);
    ASSERT_TRUE(d) << kind;
    EXPECT_TRUE(validate(*d).empty()) << kind;
    for (const auto& q : d->questions) {
      for (const char* lang : {"en", "de", "fr", "ar"}) {
        EXPECT_TRUE(q.label.count(lang)) << kind << " " << q.name << " " << lang;
        for (const auto& c : q.choices) EXPECT_TRUE(c.label.count(lang)) << q.name << c.name;
        for (const auto& c : q.rows) EXPECT_TRUE(c.label.count(lang)) << q.name << c.name;
      }
    }
  }
  EXPECT_FALSE(instrument("custom"));
  auto indicator_of = [](const Definition& d) {
    for (const auto& q : d.questions)
      if (!q.indicator.empty()) return q.name + ":" + q.indicator;
    return std::string();
  };
  EXPECT_EQ(indicator_of(*instrument("useful")), "useful:useful");
  EXPECT_EQ(indicator_of(*instrument("follow_up")), "using_skills:using_skills");
  EXPECT_FALSE(instrument_is_anonymous("self_assessment"));  // pre and post are paired per person
  EXPECT_TRUE(instrument_is_anonymous("follow_up"));
  // The follow-up asks where only those who use what they learned.
  const auto f = *instrument("follow_up");
  EXPECT_FALSE(is_shown(f, 1, {{"using_skills", "no"}}));
  EXPECT_TRUE(is_shown(f, 1, {{"using_skills", "sometimes"}}));
  EXPECT_TRUE(is_shown(f, 3, {{"using_skills", "no"}}));
}

}  // namespace
}  // namespace crm::surveys
