// The indicator report's pages: the report with its form, and the
// drill-down of one figure; and the texts the downloads share with them.
#pragma once

#include <string>

#include "core/i18n.hpp"
#include "reports/service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::reports::views {

// "Participants in training activities" …
std::string indicator_title(const Tr& t, Indicator i);
// The rule by which the indicator is counted, in words.
std::string indicator_definition(const Tr& t, Indicator i);
// A figure as shown: the number, or "fewer than {n}" when hidden.
std::string cell_text(const Tr& t, const Cell& c, long threshold);
// The "?programme=&from=&to=" part every link of the report carries.
std::string period_query(const Report& r, const ReportQuery& q);

std::string report(const web::Ctx& ctx, const Report& r, const ReportQuery& q);
// The form alone with the typed values, after bad input.
std::string report_form(const web::Ctx& ctx, const ReportQuery& q, const Error& e);
// The drill-down: the figure's people, kRecordsPerPage to a page
// (`page_number` clamped to the pages there are), and its anonymous
// responses counted per round.
constexpr long kRecordsPerPage = 100;
std::string records(const web::Ctx& ctx, const RecordsPage& p, const ReportQuery& q,
                    long page_number);
// All of the drill-down's records as a table for CSV and XLSX.
web::Table records_table(const Tr& t, const RecordsPage& p);

}  // namespace crm::reports::views
