// HTML (the inside of <main>) for the account pages.
#pragma once

#include <string>
#include <vector>

#include "auth/service.hpp"
#include "web/context.hpp"

namespace crm::auth::views {

// `retry_after` > 0: the attempt was refused for too many failures; the
// alert says in how many minutes to try again. `next`: the page to go to
// after signing in (http::return_target), carried in a hidden field.
std::string login(const web::Ctx& ctx, const std::string& email, const Error* e,
                  int64_t retry_after = 0, const std::string& next = "/");
std::string second_factor(const web::Ctx& ctx, const Error* e, int64_t retry_after = 0,
                          const std::string& next = "/");
std::string forgot(const web::Ctx& ctx, const std::string& email, bool sent, const Error* e);
std::string reset(const web::Ctx& ctx, const std::string& token, const Error* e);
std::string message(const web::Ctx& ctx, const std::string& title, const std::string& text,
                    const std::string& link, const std::string& link_label);
std::string accept(const web::Ctx& ctx, const std::string& token, const Invitation& inv,
                   const AcceptForm& f, const Error* e);
std::string invitations(const web::Ctx& ctx, const InvitationList& list, long page,
                        const InviteForm& f, const Error* e);
std::string account(const web::Ctx& ctx, const Preferences& p, const Error* prefs_error,
                    const Error* pw_error);
std::string enrol(const web::Ctx& ctx, const Enrolment& e, const Error* err);
std::string recovery_codes(const web::Ctx& ctx, const std::vector<std::string>& codes);
std::string audit(const web::Ctx& ctx, const AuditPage& page, long page_number);

// The translated state of an invitation ("Accepted" …).
std::string invitation_status(const web::Ctx& ctx, const Invitation& i);

// Time-zone choices for forms (a curated list of the programme's regions).
const std::vector<std::string>& time_zones();

}  // namespace crm::auth::views
