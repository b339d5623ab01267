// HTTP handlers of the ranking and the shortlist (parse the request, one
// service call, one view).
#pragma once

#include "app/app.hpp"

namespace crm::admissions {
// /calls/{id}/ranking(.csv|.xlsx), /calls/{id}/shortlist
void register_shortlist_routes(app::Router& r);
}  // namespace crm::admissions
