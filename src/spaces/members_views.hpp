// The members page of a space (members_service.hpp) and its export table.
#pragma once

#include <string>

#include "core/result.hpp"
#include "spaces/members_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::spaces::members_views {

std::string members(web::Ctx& ctx, const members::MembersPage& p, const members::AddForm* form,
                    const Error* e);
// Names and roles only: not the space's content.
web::Table members_table(const web::Ctx& ctx, const members::MembersPage& p);

}  // namespace crm::spaces::members_views
