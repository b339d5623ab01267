// HTML of survey results, the pre/post change and the raw responses, and
// the tables their CSV and XLSX exports carry (from the same service call
// as the page, so an export never shows more than the page).
#pragma once

#include <string>

#include "surveys/results_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::surveys::views {

std::string results(const web::Ctx& ctx, const ResultsPage& p);
web::Table results_table(const web::Ctx& ctx, const ResultsPage& p);

std::string change(const web::Ctx& ctx, const ChangePage& p);

std::string responses(const web::Ctx& ctx, const ResponsesPage& p);
web::Table responses_table(const web::Ctx& ctx, const ResponsesPage& p);

// The query string of a results page ("?version=3&by=country"), for links.
std::string results_query(const ResultsQuery& q);

}  // namespace crm::surveys::views
