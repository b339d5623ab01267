// HTTP handlers for data protection: the person's own data, consents and
// erasure request, and the staff pages that carry erasures out and record
// consents given on paper. Parse the request, one service call, one view.
#pragma once

#include "app/app.hpp"

namespace crm::privacy {
void register_routes(app::Router& r);
}
