// Routes of attendance, module results and completion:
//   /sessions/{id}/attendance (GET, POST)   a session's attendance
//   /attendance                              one's own attendance and completion
//   /modules/{id}/results (GET, POST)        a module's results
//   /cohorts/{id}/completion (GET, POST)     the completion list and its rules
//   /cohorts/{id}/completion.csv, .xlsx      the list as shown (with its filter)
#pragma once

#include "app/app.hpp"

namespace crm::curriculum {

void register_attendance_routes(app::Router& r);

}  // namespace crm::curriculum
