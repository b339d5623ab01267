// HTML and export tables for the composition of a cohort, its parity view and
// its targets form (see programme/parity.hpp for what is counted and how).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "programme/parity.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/html.hpp"

namespace crm::programme::views {

// The composition as a chart and a table per dimension; with targets, shares
// and gaps (the parity view) when `with_targets`.
void composition(web::Html& h, const web::Ctx& ctx, const Composition& c, bool with_targets);

// Links to the CSV and XLSX of the cohort's people, with the page's filters.
void people_export_links(web::Html& h, const web::Ctx& ctx, const CohortPage& c);

std::string parity(const web::Ctx& ctx, const ParityPage& p);
std::string targets(const web::Ctx& ctx, const TargetsPage& p, const Error* e);

// The same numbers as the parity view, for CSV and XLSX.
web::Table parity_table(const web::Ctx& ctx, const ParityPage& p);
// The people of a cohort page as shown to the viewer (blanked fields stay blank).
web::Table people_table(const web::Ctx& ctx, const CohortPage& c);

// "Route role", "Country" …
std::string dimension_label(const Tr& t, std::string_view dimension);
// The label of a bucket of a dimension ("origin" -> "Origin", "DE" -> "Germany").
std::string bucket_label(const Tr& t, std::string_view dimension, std::string_view value);

}  // namespace crm::programme::views
