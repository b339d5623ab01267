// Pages of the ranking and the shortlist (/calls/{id}/ranking) and its export.
#pragma once

#include <string>

#include "admissions/shortlist_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::admissions::shortlist_views {

// The ranked list, the proposed shortlist with why each is in or out, the
// parity view of the shortlist and the form that changes it (with `form`
// and `e` after a failed change).
std::string ranking(const web::Ctx& ctx, const RankingPage& p, const ShortlistForm* form,
                    const Error* e);
// The ranked list as the page shows it, for CSV/XLSX.
web::Table ranking_table(const web::Ctx& ctx, const RankingPage& p);
// A verdict in the reader's words and digits.
std::string why_text(const Tr& t, const selection::Verdict& v);
// A score with two decimals in the reader's digits ("4.25", "4,25", "٤٫٢٥").
std::string score_text(const Tr& t, double v);

}  // namespace crm::admissions::shortlist_views
