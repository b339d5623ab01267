// Pages of the survey builder (surveys/service.hpp): HTML only, no SQL.
#pragma once

#include <string>
#include <vector>

#include "surveys/service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::surveys::views {

std::string kind_label(const Tr& t, std::string_view kind);
std::string type_label(const Tr& t, std::string_view type);

std::string surveys(const web::Ctx& ctx, const SurveyList& l);
web::Table surveys_table(const web::Ctx& ctx, const SurveyList& l);
std::string new_survey(const web::Ctx& ctx, const NewSurveyPage& p,
                       const std::vector<Error>& errors);
std::string survey(const web::Ctx& ctx, const SurveyPage& p);
std::string survey_form(const web::Ctx& ctx, const SurveyPage& p, const SurveyForm& f,
                        const std::vector<Error>& errors);
std::string question_form(const web::Ctx& ctx, const QuestionPage& p,
                          const std::vector<Error>& errors);
// The survey as a respondent reads it, in `language` (one of the version's).
std::string preview(const web::Ctx& ctx, const SurveyPage& p, const std::string& language);

}  // namespace crm::surveys::views
