// HTTP handlers of signing up and applying (parse, one service call, one view).
#pragma once

#include "app/app.hpp"

namespace crm::admissions {
// /apply/signup, /apply/confirm/{token}, /calls/{id}/apply, /applications…
void register_apply_routes(app::Router& r);
}  // namespace crm::admissions
