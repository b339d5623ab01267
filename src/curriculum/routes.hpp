// HTTP handlers of a cohort's plan: modules, sessions, materials and copying
// a plan (parse the request, one service call, one view).
#pragma once

#include <string>
#include <string_view>

#include "app/app.hpp"

namespace crm::curriculum {
void register_routes(app::Router& r);
// A Content-Disposition value for a download named `filename` (any UTF-8):
// an ASCII fallback and RFC 8187's filename*, every byte outside the safe
// set replaced or percent-encoded, so nothing the uploader wrote reaches the
// header unescaped.
std::string attachment(std::string_view filename);
}  // namespace crm::curriculum
