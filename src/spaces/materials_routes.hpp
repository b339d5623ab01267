// HTTP handlers of a space's library: GET /spaces/{id}/materials (+ .csv,
// .xlsx), GET/POST /spaces/{id}/materials/new, GET /space-materials/{id}
// (the file, or a redirect to the link), GET/POST /space-materials/{id}/version.
// (/materials/{id} is a session's material: curriculum/routes.cpp.)
#pragma once

#include "app/app.hpp"

namespace crm::spaces {
void register_materials_routes(app::Router& r);
}  // namespace crm::spaces
