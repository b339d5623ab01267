#pragma once

#include "app/app.hpp"

namespace crm::reports {

// /reports/indicators (+ .xlsx, .pdf), /reports/indicators/records
void register_routes(app::Router& r);

}  // namespace crm::reports
