// HTTP handlers of practice projects: /projects (+ .csv, .xlsx), /projects/new,
// /projects/{id}, /projects/{id}/edit, /projects/{id}/members, /projects/{id}/updates.
#pragma once

#include "app/app.hpp"

namespace crm::papers {

void register_project_routes(app::Router& r);

}  // namespace crm::papers
