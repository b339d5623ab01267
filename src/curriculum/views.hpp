// HTML of the curriculum pages: a cohort's plan, a module, a session with its
// materials, and the forms. Times show in the viewer's zone, with the
// session's own local time beside them when its zone differs.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "curriculum/service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::curriculum::views {

std::string plan(const web::Ctx& ctx, const PlanPage& p);
// The plan's sessions as a table for CSV/XLSX.
web::Table plan_table(const web::Ctx& ctx, const PlanPage& p);
std::string module_form(const web::Ctx& ctx, const ModuleFormPage& p, const Error* error);
std::string module(const web::Ctx& ctx, const ModulePage& p, const Error* error);
std::string session_form(const web::Ctx& ctx, const SessionFormPage& p, const Error* error);
// `error`: of the cancel form (field "reason" or form-wide) or the material
// form (fields "title", "url", "file", "kind", "replaces"); `material` what
// was typed there.
std::string session(const web::Ctx& ctx, const SessionPage& p, const Error* error,
                    const MaterialForm* material, const std::string& reason);
std::string copy(const web::Ctx& ctx, const CopyPage& p, const CopyForm& form, const Error* error);

}  // namespace crm::curriculum::views
