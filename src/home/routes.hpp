// The start page (dashboard when signed in), the language switcher and the
// health check.
#pragma once

#include "app/app.hpp"

namespace crm::home {
void register_routes(app::Router& r);
}
