// HTTP handlers of the people pages: /people/{id} (+ /photo, /merge),
// /enrolments/{id}/status, /profile (+ /photo, /photo/delete) and /organisations.
#pragma once

#include "app/app.hpp"

namespace crm::people {

void register_routes(app::Router& r);

}  // namespace crm::people
