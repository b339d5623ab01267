// HTTP handlers of a space's members list, its export and adding and
// removing people by hand.
#pragma once

#include "app/app.hpp"

namespace crm::spaces {
// /spaces/{id}/members (+ .csv, .xlsx), /spaces/{id}/members/{account}/remove
void register_members_routes(app::Router& r);
}  // namespace crm::spaces
