// GET/POST /spaces/new and /spaces (a space across cohorts), GET/POST
// /spaces/{id}/settings. Register before the threads' /spaces/{id} routes.
#pragma once

#include "app/app.hpp"

namespace crm::spaces {

void register_manage_routes(app::Router& r);

}  // namespace crm::spaces
