// HTML of the practice projects' pages, and the list as a table for its export.
#pragma once

#include <string>

#include "core/result.hpp"
#include "papers/project_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::papers::views {

std::string status_label(const web::Ctx& ctx, std::string_view status);
std::string projects(const web::Ctx& ctx, const ProjectList& l);
web::Table projects_table(const web::Ctx& ctx, const ProjectList& l);
std::string project_form(const web::Ctx& ctx, const ProjectFormPage& p, const Error* error);
// `error`: a problem of the team or update form; `update`: what was typed there.
std::string project(const web::Ctx& ctx, const ProjectPage& p, const Error* error,
                    const UpdateForm& update);

}  // namespace crm::papers::views
