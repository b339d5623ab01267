// The indicator report as an .xlsx workbook for the funder's template: one
// sheet per indicator with its title, definition and period, the figures per
// cohort and in total, and each disaggregation. Figures are numbers in their
// cells (not text); a hidden figure is the text "fewer than {n}". Sheets run
// right to left for readers of Arabic. Throws std::runtime_error when the
// workbook cannot be written.
#pragma once

#include <string>

#include "core/i18n.hpp"
#include "reports/model.hpp"

namespace crm::reports {

std::string report_xlsx(const Report& r, const Tr& t);

}  // namespace crm::reports
