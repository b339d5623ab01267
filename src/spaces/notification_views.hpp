// HTML of the notifications: the in-app list, the settings, the
// unsubscribe page (no sign-in).
#pragma once

#include <string>

#include "spaces/notification_service.hpp"
#include "web/context.hpp"

namespace crm::spaces::notification_views {

std::string list(const web::Ctx& ctx, const notifications::ListPage& p);
std::string settings(const web::Ctx& ctx, const notifications::Settings& s, const Error* error);
// `done`: after the POST (what stopped); else what will stop, with the button.
std::string unsubscribe(const web::Ctx& ctx, const notifications::Unsubscribe& u,
                        const std::string& token, bool done);
std::string bad_unsubscribe(const web::Ctx& ctx, const Error& e);

}  // namespace crm::spaces::notification_views
