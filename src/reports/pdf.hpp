// The indicator report as an A4 PDF (cairo + pango): each indicator with its
// definition, the period, the figures per cohort and in total and each
// disaggregation, in the reader's language and digits; Arabic and other
// scripts shaped by pango. Throws std::runtime_error when cairo fails.
#pragma once

#include <string>

#include "core/i18n.hpp"
#include "reports/model.hpp"

namespace crm::reports {

std::string report_pdf(const Report& r, const Tr& t);

}  // namespace crm::reports
