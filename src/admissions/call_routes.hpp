// HTTP handlers of calls for applications: /calls, /calls/{id} (public),
// /calls/manage (+ .csv, .xlsx), /calls/new, /calls/{id}/edit,
// /calls/{id}/questions|criteria|bounds (+ POST …/{n}/delete),
// /calls/{id}/publish, /calls/{id}/close.
#pragma once

#include "app/app.hpp"

namespace crm::admissions {

void register_call_routes(app::Router& r);

}  // namespace crm::admissions
