// HTTP handlers for the programme overview and the cohort pages: parse the
// request, one service call, one view.
#pragma once

#include "app/app.hpp"

namespace crm::programme {
void register_routes(app::Router& r);
}
