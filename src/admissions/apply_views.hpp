// Pages of signing up and applying: the sign-up form and its neutral answer,
// the confirmation form, the application's five pages, the applicant's list
// and the state of one application. No JavaScript; 360 px first.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "admissions/apply_service.hpp"
#include "admissions/signup_service.hpp"
#include "web/context.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::admissions::apply_views {

std::string signup(const web::Ctx& ctx, const signup::Form& f, const std::string& stamp,
                   const Error* e);
std::string signup_sent(const web::Ctx& ctx);
std::string confirm(const web::Ctx& ctx, const std::string& token, const signup::Link& link,
                    const signup::Confirm& f, const Error* e);
std::string link_problem(const web::Ctx& ctx, const Error& e);

std::string call_title(const Tr& t, const Call& c);
std::string page_title(const Tr& t, long n);
// Page n of the form; `typed` what was sent (after a problem), else the saved values.
std::string page(const web::Ctx& ctx, const apply::Form& f, long n, const apply::Fields* typed,
                 const std::vector<Error>& problems);
std::string mine(const web::Ctx& ctx, const std::vector<apply_store::Mine>& list);
// `decision_error`: a confirmation or decline of the place that failed.
std::string status(const web::Ctx& ctx, const apply::Status_& s, const Error* e,
                   const Error* decision_error = nullptr);
std::string state_label(const Tr& t, const std::string& state);

// The person's data download (/profile/data): their applications with what
// they wrote and their documents' names; nothing of the review.
void personal_data(web::Html& h, const web::Ctx& ctx, const std::vector<apply_store::Mine>& list,
                   const std::vector<Document>& documents);
boost::json::array personal_data_json(const std::vector<apply_store::Mine>& list,
                                      const std::vector<Document>& documents);

}  // namespace crm::admissions::apply_views
