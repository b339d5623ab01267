// HTML of final papers: the lists, a cohort's settings, starting papers, the
// paper page with its versions, comments and feedback, the edit and assess
// forms, and the papers in one's own data download. User text is isolated
// (<bdi>, dir="auto") and marked with its language where it has one.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/result.hpp"
#include "papers/service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/html.hpp"

namespace crm::papers::views {

std::string my_papers(const web::Ctx& ctx, const MyPapersPage& p, const Error* e);
std::string cohort_papers(const web::Ctx& ctx, const CohortPapersPage& p);
web::Table cohort_table(const web::Ctx& ctx, const CohortPapersPage& p);
// `criterion_id`: the criterion whose form `e` belongs to (0: the add form or the milestones).
std::string settings(const web::Ctx& ctx, const SettingsPage& p, const Error* e,
                     int64_t criterion_id = 0);
std::string new_paper(const web::Ctx& ctx, const NewPaperPage& p, const Error* e);

// Which form of the paper page a problem belongs to, with what was typed.
struct PaperProblem {
  enum class Form { none, upload, comment, supervisor } form = Form::none;
  const Error* error = nullptr;
  int64_t version_id = 0;  // the comment's version
  std::string milestone, note, comment;
};
std::string paper(const web::Ctx& ctx, const PaperPage& p, const PaperProblem& problem = {});
std::string edit(const web::Ctx& ctx, const EditPage& p, const Error* e);
std::string assess(const web::Ctx& ctx, const AssessPage& p, const Error* e);

// The paper's title in the reader's language, else English, else the first.
const PaperText* text_for(const Paper& p, std::string_view language);

// One's papers in the data download (/profile/data) and its JSON.
void personal_data(web::Html& h, const web::Ctx& ctx, const std::vector<store::PersonalPaper>& d);
boost::json::array personal_data_json(const std::vector<store::PersonalPaper>& d);

}  // namespace crm::papers::views
