// One question's input as the preview and the answering form show it.
#include <gtest/gtest.h>

#include "surveys/form_views.hpp"

namespace crm::surveys {
namespace {

const Catalogs& catalogs() {
  static const Catalogs c;
  return c;
}

Question choice_question(std::string type) {
  Question q;
  q.name = "langs";
  q.type = std::move(type);
  q.required = true;
  q.label = {{"en", "Which languages?"}, {"ar", "أي اللغات؟"}};
  q.choices = {{"fr", {{"en", "French"}, {"ar", "الفرنسية"}}, false},
               {"de", {{"en", "German"}}, false}};
  return q;
}

std::string input(const Question& q, const InputOptions& o, const FieldValues& values,
                  const FieldErrors& errors, const Tr& t) {
  web::Html h;
  question_input(h, q, o, values, errors, t);
  return std::move(h).str();
}

const InputOptions kAnswer{"en", "en", false};
const InputOptions kPreview{"en", "en", true};

TEST(SurveyFormViews, MultipleChoiceKeepsWhatWasChosen) {
  Tr t(catalogs(), "en");
  const auto html = input(choice_question("multiple"), kAnswer, {{"q.langs", {"de"}}}, {}, t);
  EXPECT_NE(html.find(R"(type="checkbox" id="f-q.langs" name="q.langs" value="fr")"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(name="q.langs" value="de" checked="checked")"), std::string::npos) << html;
  EXPECT_EQ(html.find(R"(value="fr" checked)"), std::string::npos) << html;
  EXPECT_NE(html.find("<legend>"), std::string::npos);
  EXPECT_NE(html.find(R"(class="required")"), std::string::npos);
  EXPECT_EQ(html.find("disabled"), std::string::npos);
  EXPECT_EQ(html.find("aria-invalid"), std::string::npos);
}

TEST(SurveyFormViews, SingleChoiceIsRequiredRadiosAndDisabledInThePreview) {
  Tr t(catalogs(), "en");
  auto html = input(choice_question("single"), kAnswer, {}, {}, t);
  EXPECT_NE(
      html.find(R"(type="radio" id="f-q.langs" name="q.langs" value="fr" required="required")"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(id="f-q.langs-2")"), std::string::npos) << html;
  html = input(choice_question("single"), kPreview, {}, {}, t);
  EXPECT_NE(html.find(R"(disabled="disabled")"), std::string::npos) << html;
  EXPECT_EQ(html.find("required=\"required\""), std::string::npos) << html;
  EXPECT_EQ(html.find("class=\"error\""), std::string::npos) << html;
}

TEST(SurveyFormViews, AnErrorStandsBesideItsGroupAndDescribesIt) {
  Tr t(catalogs(), "en");
  const auto html =
      input(choice_question("single"), kAnswer, {}, {{"q.langs", "Answer this question."}}, t);
  EXPECT_NE(html.find(R"(<fieldset class="invalid" aria-describedby="f-q.langs-error">)"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(<p class="error" id="f-q.langs-error">Answer this question.</p>)"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(aria-invalid="true")"), std::string::npos) << html;
  // The message comes before the choices it is about.
  EXPECT_LT(html.find("f-q.langs-error\">"), html.find("type=\"radio\""));
}

TEST(SurveyFormViews, ANumberKeepsWhatWasTypedWithItsMessageAndHint) {
  Tr t(catalogs(), "ar");
  Question q;
  q.name = "age";
  q.type = "integer";
  q.label = {{"en", "Age"}};
  q.hint = {{"en", "In years"}};
  q.min_value = 18;
  q.max_value = 99;
  const auto html =
      input(q, kAnswer, {{"q.age", {"forty"}}}, {{"q.age", "Enter a whole number."}}, t);
  EXPECT_NE(html.find(R"(lang="en" dir="ltr")"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(type="text" inputmode="numeric" value="forty")"), std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(aria-invalid="true" aria-describedby="f-q.age-error f-q.age-hint")"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("In years"), std::string::npos) << html;
  EXPECT_NE(html.find("١٨"), std::string::npos) << html;  // the range in Arabic digits
  EXPECT_NE(html.find(R"(<div class="field invalid">)"), std::string::npos) << html;
}

TEST(SurveyFormViews, TextsFallBackToTheSurveysDefaultLanguage) {
  Tr t(catalogs(), "fr");
  Question q = choice_question("single");
  const auto html = input(q, {"fr", "ar", false}, {}, {}, t);
  EXPECT_NE(html.find("أي اللغات؟"), std::string::npos) << html;
}

TEST(SurveyFormViews, MatrixHasOneFieldsetOfRadiosPerRowEachWithItsMessage) {
  Tr t(catalogs(), "en");
  Question q;
  q.name = "skills";
  q.type = "matrix";
  q.required = true;
  q.label = {{"en", "Rate"}};
  q.choices = {{"1", {{"en", "Low"}}, false}, {"2", {{"en", "High"}}, false}};
  q.rows = {{"law", {{"en", "Law"}}, false}, {"care", {{"en", "Care"}}, false}};
  const auto html =
      input(q, kAnswer, {{"m.skills~care", {"2"}}}, {{"m.skills~law", "Answer for “Law”."}}, t);
  EXPECT_NE(html.find(R"(id="f-m.skills~law" name="m.skills~law" value="1")"), std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(name="m.skills~care" value="2" checked="checked")"), std::string::npos)
      << html;
  EXPECT_NE(
      html.find(R"(<fieldset class="matrix-row invalid" aria-describedby="f-m.skills~law-error">)"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(<fieldset class="matrix-row">)"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(class="question question-matrix invalid")"), std::string::npos) << html;
  EXPECT_NE(html.find("class=\"choices likert\""), std::string::npos) << html;
}

}  // namespace
}  // namespace crm::surveys
