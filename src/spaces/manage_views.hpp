// Pages of making a space across cohorts and of a space's settings.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "spaces/manage_service.hpp"
#include "web/context.hpp"

namespace crm::spaces::manage_views {

std::string new_space(const web::Ctx& ctx,
                      const std::vector<programme::store::ProgrammeSummary>& programmes,
                      const manage::SpaceForm& form, const Error* error);
std::string settings(const web::Ctx& ctx, const manage::SettingsPage& p,
                     const manage::SpaceForm& form, const Error* error);

}  // namespace crm::spaces::manage_views
