// HTML (the inside of <main>) of the people import: the upload form and the
// preview of an uploaded file.
#pragma once

#include <string>

#include "imports/service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::imports::views {

// `problem`: what was wrong with the file just sent (shown beside the file field).
std::string upload_form(const web::Ctx& ctx, const ImportForm& f, const FileProblem* problem);
// `error`: why the commit did not happen (shown above the problems).
std::string preview(const web::Ctx& ctx, const Preview& p, const Error* error);

// Every row of a preview as a table (the page lists the first ones): new
// people with the values stored, updates as "old → new", rows with problems.
web::Table rows_table(const Tr& t, const Preview& p);
// The import template: the known columns and one example row.
web::Table template_table();

// The message of a file problem in the viewer's language.
std::string message(const Tr& t, const FileProblem& p);

}  // namespace crm::imports::views
