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

TEST(SurveyFormViews, MultipleChoiceKeepsWhatWasChosen) {
  Tr t(catalogs(), "en");
  const auto html = question_input(choice_question("multiple"), "en", {{"langs", "de"}}, t, false);
  EXPECT_NE(html.find(R"(type="checkbox" id="f-langs" name="langs" value="fr")"), std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(name="langs" value="de" checked="checked")"), std::string::npos) << html;
  EXPECT_EQ(html.find(R"(value="fr" checked)"), std::string::npos) << html;
  EXPECT_NE(html.find("<legend>"), std::string::npos);
  EXPECT_EQ(html.find("disabled"), std::string::npos);
}

TEST(SurveyFormViews, SingleChoiceIsRequiredRadiosAndDisabledInThePreview) {
  Tr t(catalogs(), "en");
  auto html = question_input(choice_question("single"), "en", {}, t, false);
  EXPECT_NE(html.find(R"(type="radio" id="f-langs" name="langs" value="fr" required="required")"),
            std::string::npos)
      << html;
  html = question_input(choice_question("single"), "en", {}, t, true);
  EXPECT_NE(html.find(R"(disabled="disabled")"), std::string::npos) << html;
  EXPECT_EQ(html.find("required=\"required\""), std::string::npos) << html;
}

TEST(SurveyFormViews, TextsInTheSurveysLanguageWithReadersDigits) {
  Tr t(catalogs(), "ar");
  Question q;
  q.name = "age";
  q.type = "integer";
  q.label = {{"en", "Age"}};
  q.min_value = 18;
  q.max_value = 99;
  const auto html = question_input(q, "en", {{"age", "40"}}, t, false);
  EXPECT_NE(html.find(R"(lang="en" dir="ltr")"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(min="18" max="99" value="40")"), std::string::npos) << html;
  EXPECT_NE(html.find("١٨"), std::string::npos) << html;  // the hint in Arabic digits
}

TEST(SurveyFormViews, MatrixHasOneRadioGroupPerRow) {
  Tr t(catalogs(), "en");
  Question q;
  q.name = "skills";
  q.type = "matrix";
  q.label = {{"en", "Rate"}};
  q.choices = {{"1", {{"en", "Low"}}, false}, {"2", {{"en", "High"}}, false}};
  q.rows = {{"law", {{"en", "Law"}}, false}, {"care", {{"en", "Care"}}, false}};
  const auto html = question_input(q, "en", {{"skills/care", "2"}}, t, false);
  EXPECT_NE(html.find(R"(name="skills/law" value="1")"), std::string::npos) << html;
  EXPECT_NE(html.find(R"(name="skills/care" value="2" checked="checked")"), std::string::npos)
      << html;
  EXPECT_NE(html.find(R"(id="f-skills")"), std::string::npos);
}

}  // namespace
}  // namespace crm::surveys
