// HTML (the inside of <main>) of the round pages: the new-round form and a
// round's progress; the export table of who was asked (identified surveys).
#pragma once

#include <string>

#include "core/result.hpp"
#include "surveys/round_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::surveys::round_views {

// /surveys/{id}/rounds/new; `error` (may be null) from a refused submit.
std::string new_round(const web::Ctx& ctx, const NewRoundPage& p, const Error* error);

// /rounds/{id}: audience, dates in the viewer's zone, counts, and for an
// identified survey who was sent and who answered. `error` from a refused
// cancel or reminder (may be null).
std::string round(const web::Ctx& ctx, const RoundPage& p, const Error* error = nullptr);
web::Table people_table(const Tr& t, const RoundPage& p);

}  // namespace crm::surveys::round_views
