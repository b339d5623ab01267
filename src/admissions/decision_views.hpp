// HTML of the decisions (/calls/{id}/decisions), the mail templates
// (/calls/{id}/templates) and the decision as the applicant sees it on
// their application's page.
#pragma once

#include <string>

#include "admissions/decision_service.hpp"
#include "admissions/model.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::admissions::decision_views {

std::string decisions(const web::Ctx& ctx, const decision::DecisionsPage& p,
                      const decision::DecideForm* form, const Error* e);
web::Table decisions_table(const web::Ctx& ctx, const decision::DecisionsPage& p);
std::string templates(const web::Ctx& ctx, const decision::TemplatesPage& p,
                      const decision::TemplateForm* form, const Error* e);
// The decision on the applicant's page once it has been sent: accepted with
// the confirm-by date and the buttons, the waiting list, or not admitted;
// nothing of the review. Nothing before it is sent.
void applicant_decision(web::Html& h, const web::Ctx& ctx, const Application& a,
                        const std::string& call_zone, const Error* e);

}  // namespace crm::admissions::decision_views
