// HTTP handlers of the decisions (parse the request, one service call, one
// view).
#pragma once

#include "app/app.hpp"

namespace crm::admissions {
// /calls/{id}/decisions (+ .csv, .xlsx, /send, /offer), /calls/{id}/templates,
// /applications/{id}/confirm
void register_decision_routes(app::Router& r);
}  // namespace crm::admissions
