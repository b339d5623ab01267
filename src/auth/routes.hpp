// HTTP handlers for accounts: parse the form, one service call, one view.
#pragma once

#include "app/app.hpp"

namespace crm::auth {
void register_routes(app::Router& r);
}
