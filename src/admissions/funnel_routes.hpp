// Routes of the funnel: /calls/{id}/funnel (+ .csv, .xlsx), for the staff
// who manage the call's programme; 404 to anyone else.
#pragma once

#include "app/app.hpp"

namespace crm::admissions {

void register_funnel_routes(app::Router& r);

}  // namespace crm::admissions
