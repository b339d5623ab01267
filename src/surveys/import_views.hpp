// Pages of the XLSForm import: the upload form (a new survey, or a new
// version of one) and, after a refused file, the list of its problems by
// sheet, row and column in the reader's language and digits.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "surveys/import_service.hpp"
#include "web/context.hpp"

namespace crm::surveys::import_views {

std::string import_form(const web::Ctx& ctx, const importing::ImportPage& p, const Error* error);

// One problem or notice as a sentence in the reader's language (numbers in
// their digits; the file's text quoted as written), without its place.
std::string message(const Tr& t, const xlsform::FormProblem& p);
// Where it is: "survey, row 4, column C" in the reader's language and digits.
std::string place(const Tr& t, const xlsform::FormProblem& p);

// The value of the file as a page shows it: control characters as spaces,
// at most 80 characters.
std::string shown_value(std::string_view v);

}  // namespace crm::surveys::import_views
