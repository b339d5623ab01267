#pragma once

#include "app/app.hpp"

namespace crm::spaces {

// GET /spaces/search, GET /spaces/{id}/search. Register before any route
// /spaces/{id} (the first match wins).
void register_search_routes(app::Router& r);

}  // namespace crm::spaces
