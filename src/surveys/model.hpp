// Plain data of surveys: a survey and its versions, a version's questions
// with their texts per language (the Definition every part reads: the
// builder, the XLSForm import, the answering form, results and reports), the
// rounds that send a survey, personal invitations, responses and answers.
// migrations/0011_surveys.sql says what each field holds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crm::surveys {

// The built-in instruments (instruments.hpp) and custom surveys.
inline constexpr const char* kKinds[] = {"custom", "session_feedback", "useful", "self_assessment",
                                         "follow_up"};
inline constexpr const char* kQuestionTypes[] = {"section", "note",    "single",  "multiple",
                                                 "likert",  "integer", "decimal", "date",
                                                 "text",    "matrix"};
// The languages a survey may be written in (the interface's four and the
// knowledge base's two more).
inline constexpr const char* kLanguages[] = {"en", "de", "fr", "ar", "tr", "it"};
inline constexpr const char* kAudiences[] = {"cohort", "session", "graduates"};
// The funder's indicators a question may feed (reports).
inline constexpr const char* kIndicators[] = {"useful", "using_skills"};

// A text in several languages: language → text.
using Texts = std::map<std::string, std::string>;

struct Choice {
  std::string name;  // stable key: stored in answers, used in expressions
  Texts label;
  bool positive = false;  // counts as "yes" for an indicator question
};

struct Question {
  int64_t id = 0;  // 0 until stored
  std::string name;
  std::string type = "text";  // one of kQuestionTypes
  bool required = false;
  std::string relevant;         // "show if" expression ('' = always)
  std::string constraint_expr;  // with "." for the answer ('' = none)
  std::optional<double> min_value, max_value;
  std::string indicator;  // '' or one of kIndicators
  Texts label, hint, constraint_message;
  std::vector<Choice> choices;  // single, multiple, likert, matrix (the scale)
  std::vector<Choice> rows;     // matrix: the items rated on the scale
};

// What a respondent is asked: one version of a survey.
struct Definition {
  std::vector<std::string> languages;  // in which the texts are written
  std::string default_language = "en";
  Texts title, intro;
  std::vector<Question> questions;  // in order; 'section' starts a page
};

struct Survey {
  int64_t id = 0, programme_id = 0;
  std::string kind = "custom";
  std::string title;
  bool anonymous = false;
  int64_t created_at = 0, archived_at = 0;  // 0: not archived
};

struct Version {
  int64_t id = 0, survey_id = 0;
  long number = 0;
  int64_t created_at = 0, frozen_at = 0;  // 0: not frozen, may be edited in place
  std::string source = "builder";         // builder | instrument | xlsform
  Definition definition;
};

struct Round {
  int64_t id = 0, survey_id = 0, cohort_id = 0, session_id = 0;  // session_id 0: none
  std::string audience = "cohort";                               // one of kAudiences
  long months_after = 0;                                         // graduates only
  std::string phase;                                             // '' | pre | post
  int64_t opens_at = 0, closes_at = 0;
  long reminder_days = 0;  // 0: no reminder
  int64_t created_at = 0, cancelled_at = 0;
};

struct Invitation {
  int64_t id = 0, round_id = 0, person_id = 0;
  int64_t send_at = 0, sent_at = 0, reminded_at = 0;  // 0: not yet
  bool answered = false;
};

// One answer value. item: the matrix row; choice: a chosen choice's name.
struct Answer {
  std::string question;  // the question's name
  std::string item, choice;
  std::optional<double> number;
  std::optional<std::string> text;
};

// What a response is counted by in results, copied in at submission.
struct RespondentFacts {
  int64_t cohort_id = 0;
  std::string country, gender = "not_given", organisation_type;
};

struct Response {
  int64_t id = 0, round_id = 0, version_id = 0, person_id = 0;  // person_id 0: anonymous
  std::string language;
  long page = 0;
  int64_t submitted_on = 0;  // 0: a draft
  RespondentFacts facts;
  std::vector<Answer> answers;
};

}  // namespace crm::surveys
