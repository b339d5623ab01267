// The respondent's pages: the start (title, intro, whether the survey is
// anonymous), one page of questions as plain HTML inputs that work without
// JavaScript on a phone, thanks, the page that says why a link cannot be
// used, and "my surveys". Each question is drawn by form_views
// (question_input), as the builder's preview draws it.
#pragma once

#include <string>
#include <vector>

#include "surveys/answer_service.hpp"
#include "web/context.hpp"
#include "web/forms.hpp"

namespace crm::surveys::answer_views {

// The survey's title in the respondent's language.
std::string title(const answer::Form& f);
std::string start(const web::Ctx& ctx, const answer::Form& f);
// Page `s.n` with `raw` in its fields and `problems` beside them.
std::string page(const web::Ctx& ctx, const answer::Form& f, const answer::PageState& s,
                 const answer::Raw& raw, const std::vector<web::Problem>& problems);
std::string thanks(const web::Ctx& ctx, const std::string& survey_title);
std::string refusal(const web::Ctx& ctx, const answer::Refusal& r);
std::string my_surveys(const web::Ctx& ctx, const std::vector<answer::MySurvey>& list);

}  // namespace crm::surveys::answer_views
