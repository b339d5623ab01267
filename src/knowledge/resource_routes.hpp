// HTTP handlers of curated resources: /resources (+ .csv, .xlsx),
// /resources/new, /resources/{id}, /resources/{id}/edit, /resources/{id}/file,
// /resources/{id}/publish.
#pragma once

#include "app/app.hpp"

namespace crm::knowledge {

void register_resource_routes(app::Router& r);

}  // namespace crm::knowledge
