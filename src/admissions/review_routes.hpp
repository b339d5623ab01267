// HTTP handlers of the review (parse the request, one service call, one view).
#pragma once

#include "app/app.hpp"

namespace crm::admissions {
// /calls/{id}/reviewers…, /calls/{id}/assign, /calls/{id}/reviews…, /reviews…
void register_review_routes(app::Router& r);
}  // namespace crm::admissions
