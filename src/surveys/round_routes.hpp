#pragma once

#include "app/app.hpp"

namespace crm::surveys {

// /surveys/{id}/rounds/new, /rounds/{id}, /rounds/{id}/people.csv|.xlsx,
// /rounds/{id}/cancel, /rounds/{id}/remind
void register_round_routes(app::Router& r);

}  // namespace crm::surveys
