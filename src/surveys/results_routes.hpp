// HTTP handlers of survey results: /surveys/{id}/results (+ .csv, .xlsx),
// /surveys/{id}/change, /surveys/{id}/responses (+ .csv, .xlsx). Parse the
// request, one service call, one view.
#pragma once

#include "app/app.hpp"

namespace crm::surveys {
void register_results_routes(app::Router& r);
}
