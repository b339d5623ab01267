// HTTP handlers of the jobs page (administrators only; 404 for everyone else):
//   GET  /admin/jobs                 jobs by state (?state=queued|running|failed|done), paged
//   GET  /admin/jobs.csv, .xlsx      the same jobs as a table
//   POST /admin/jobs/{id}/retry      run a failed or waiting job again now
#pragma once

#include "app/app.hpp"

namespace crm::jobs {

void register_routes(app::Router& r);

}  // namespace crm::jobs
