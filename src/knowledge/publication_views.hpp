// HTML of the consent page: what publishing makes public, a preview, the
// explicit checkbox, and — once published — the public address and the
// withdrawal.
#pragma once

#include <string>

#include "core/result.hpp"
#include "knowledge/publication.hpp"
#include "web/context.hpp"

namespace crm::knowledge::views {

std::string consent_title(const web::Ctx& ctx, search::WorkKind kind);
// `error`: the failed attempt's problem (nullptr: none).
std::string consent_page(const web::Ctx& ctx, const ConsentPage& p, const Error* error);

}  // namespace crm::knowledge::views
