// HTTP handlers of the XLSForm import (staff of the survey's programme; 404
// for anyone else):
//   GET  /surveys/import          the upload form for a new survey
//   POST /surveys/import          the .xlsx → a new survey (version 1), then /surveys/{id};
//                                 with problems: the form again with their list, nothing stored
//   GET  /surveys/{id}/import     the upload form for a new version
//   POST /surveys/{id}/import     the .xlsx → the survey's next version
#pragma once

#include "app/app.hpp"

namespace crm::surveys {

void register_import_routes(app::Router& r);

}  // namespace crm::surveys
