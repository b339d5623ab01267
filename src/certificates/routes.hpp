#pragma once

#include "app/app.hpp"

namespace crm::certificates {

// /cohorts/{id}/certificates (+ .csv, .xlsx), /certificates/{id}.pdf,
// /certificates/{id}/revoke, /verify, /verify/{code}
void register_routes(app::Router& r);

}  // namespace crm::certificates
