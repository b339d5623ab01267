// /notifications, /notifications/read, /notifications/settings,
// /unsubscribe/{token} (no sign-in; RFC 8058 one-click POST without a CSRF
// token: app.cpp lets this one path through, the signed token is the key).
#pragma once

#include "app/app.hpp"

namespace crm::spaces {

void register_notification_routes(app::Router& r);

}  // namespace crm::spaces
