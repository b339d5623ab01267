// HTTP handlers of the people import:
//   GET  /cohorts/{id}/import     the upload form
//   POST /cohorts/{id}/import     read and check the file, store it, go to its preview
//   GET  /imports/{id}            the preview: every row's problems, new people, updates;
//                                 while the commit runs, its progress
//   POST /imports/{id}/commit     start the commit (a job): every row or none
#pragma once

#include "app/app.hpp"

namespace crm::imports {

void register_routes(app::Router& r);

}  // namespace crm::imports
