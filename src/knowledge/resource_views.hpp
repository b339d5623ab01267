// HTML of the curated resources' pages, and the list as a table for its export.
#pragma once

#include <string>

#include "core/result.hpp"
#include "knowledge/resource_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::knowledge::views {

std::string resources(const web::Ctx& ctx, const ResourceList& l);
web::Table resources_table(const web::Ctx& ctx, const ResourceList& l);
std::string resource_form(const web::Ctx& ctx, const ResourceFormPage& p, const Error* error);
std::string resource(const web::Ctx& ctx, const ResourcePage& p, const Error* error);

}  // namespace crm::knowledge::views
