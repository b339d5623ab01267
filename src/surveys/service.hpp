// The survey builder: the programme's surveys, a new survey from scratch or
// from one of the built-in instruments (a copy), the survey's texts and
// languages, its questions (added, edited, deleted, moved), versions, the
// preview and archiving.
//
// Who: staff of the survey's programme and admins (policy::can_manage_surveys);
// everyone else gets not_found (404), as does another programme's survey.
//
// Versions: while the newest version is not frozen, a save changes it in
// place; once frozen (a round sent it or a response answered it), the first
// save copies it to a new version (number + 1) and changes that one. Earlier
// versions and their responses never change. Every save runs validate() on
// the whole definition and stores nothing when it finds a problem; each save
// is one transaction with its audit entry.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "programme/store.hpp"
#include "surveys/definition.hpp"
#include "surveys/staff_title.hpp"
#include "surveys/store.hpp"
#include "web/context.hpp"

namespace crm::surveys {

inline constexpr size_t kMaxSurveyTitle = 200;
inline constexpr size_t kMaxIntroBytes = 10000;

struct SurveyList {
  std::vector<store::SurveyRow> items;  // archived ones last
};
std::optional<SurveyList> survey_list(web::Ctx& ctx);

// New survey: from scratch (instrument empty) or a copy of an instrument.
struct NewSurveyForm {
  std::string programme, instrument, title, default_language, anonymous;  // anonymous: "1" or ""
  std::vector<std::string> languages;
};
struct NewSurveyPage {
  std::vector<programme::store::ProgrammeSummary> programmes;
  NewSurveyForm form;
};
std::optional<NewSurveyPage> new_survey_page(web::Ctx& ctx);
Result<int64_t> create_survey(web::Ctx& ctx, const NewSurveyForm& form);

struct SurveyPage {
  Survey survey;
  StaffTitle title;  // in the reader's language, from the newest version
  std::string programme;
  Version current;  // the newest version, with its definition
  std::vector<store::VersionRow> versions;
  std::vector<Round> rounds;
  bool anonymous_locked = false;  // a round exists: anonymity is settled
};
std::optional<SurveyPage> survey_page(web::Ctx& ctx, int64_t id);

// The survey's own fields: the staff's working title, the respondents' title
// and intro per language, languages, default language, anonymous.
struct SurveyForm {
  std::string working_title, default_language, anonymous;
  std::vector<std::string> languages;
  Texts title, intro;
};
SurveyForm form_of(const SurveyPage& p);
// errors: each problem found (none: saved).
std::vector<Error> update_survey(web::Ctx& ctx, int64_t id, const SurveyForm& form);

// One question as the editor sends it. Choices and matrix rows: parallel
// lists (a blank line is left out); positive: the indexes of choices that
// count as yes. The "show if" condition: the simple form (if_question,
// if_operator, if_value) writes the expression unless `relevant` (the raw
// expression) is filled in.
struct QuestionForm {
  std::string name, type, required, relevant, if_question, if_operator, if_value, constraint_expr,
      min_value, max_value, indicator, position;  // position: "" end, or before question name
  Texts label, hint, constraint_message;
  std::vector<std::string> choice_names, row_names, positive;
  std::map<std::string, std::vector<std::string>> choice_texts, row_texts;  // language → texts
};
// The simple condition operators.
inline constexpr const char* kConditionOperators[] = {"=", "!=", "<", "<=", ">", ">=", "selected"};

struct QuestionPage {
  SurveyPage survey;
  std::string original;  // the question's name ("" new)
  long index = -1;       // its index in the current definition (-1 new)
  QuestionForm form;
};
QuestionForm form_of(const Question& q);
std::optional<QuestionPage> question_page(web::Ctx& ctx, int64_t id, const std::string& name);
// Adds (original "") or changes a question; errors: each problem (none: saved).
std::vector<Error> save_question(web::Ctx& ctx, int64_t id, const std::string& original,
                                 const QuestionForm& form);
Status delete_question(web::Ctx& ctx, int64_t id, const std::string& name);
Status move_question(web::Ctx& ctx, int64_t id, const std::string& name, bool up);
Status archive_survey(web::Ctx& ctx, int64_t id);

// The simple "show if" form of an expression, when it is one the simple form
// writes (${q} op value, selected(${q}, 'v')).
struct SimpleCondition {
  std::string question, op, value;
};
std::optional<SimpleCondition> simple_condition(const std::string& expression);
// The expression the simple form writes; nullopt when the value cannot be
// written (holds both ' and ").
std::optional<std::string> condition_expression(const SimpleCondition& c);

}  // namespace crm::surveys
