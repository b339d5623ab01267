// The funnel page of a call (/calls/{id}/funnel) and its export: an SVG chart
// of each breakdown with the numbers in a table beside it, in the reader's
// language and digits.
#pragma once

#include <string>

#include "admissions/funnel_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::admissions::funnel_views {

std::string funnel(const web::Ctx& ctx, const FunnelPage& p);
// The numbers of the page (total, then each dimension's rows), for CSV/XLSX.
web::Table funnel_table(const web::Ctx& ctx, const FunnelPage& p);
// "Started", "Submitted" … (the column heads of page and export).
std::string stage_label(const Tr& t, Stage s);

}  // namespace crm::admissions::funnel_views
