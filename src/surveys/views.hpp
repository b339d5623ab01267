// Pages of the survey builder (surveys/service.hpp): HTML only, no SQL.
#pragma once

#include <string>
#include <vector>

#include "surveys/service.hpp"
#include "surveys/staff_title.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/html.hpp"

namespace crm::surveys::views {

// A survey's title as staff read it (staff_title.hpp), isolated in <bdi>,
// with lang when it is the working title in another language than the page's.
void title_text(web::Html& h, const web::Ctx& ctx, const StaffTitle& title);
// `translated`, a message with the placeholder {survey}, with the title in
// its place as title_text() writes it.
void title_message(web::Html& h, const web::Ctx& ctx, std::string_view translated,
                   const StaffTitle& title);
// Under a heading that shows a translated title: "Working title: …" (nothing
// when the title shown is the working title).
void working_title_note(web::Html& h, const web::Ctx& ctx, const StaffTitle& title);

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
