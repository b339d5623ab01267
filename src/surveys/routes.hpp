#pragma once

#include "app/app.hpp"

namespace crm::surveys {

// /surveys (and .csv, .xlsx), /surveys/new, /surveys/{id}, /surveys/{id}/edit,
// /surveys/{id}/questions/new, /surveys/{id}/questions/{name}/edit|delete|move,
// /surveys/{id}/preview, /surveys/{id}/archive.
void register_routes(app::Router& r);

}  // namespace crm::surveys
