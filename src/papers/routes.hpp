// HTTP handlers of final papers (parse the request, one service call, one view).
#pragma once

#include "app/app.hpp"

namespace crm::papers {
// /papers, /cohorts/{id}/papers…, /papers/{id}…, /paper-versions/{id}…, /rubric-criteria/{id}…
void register_routes(app::Router& r);
}  // namespace crm::papers
