// HTML (the inside of <main>) for programme administration: the list of
// programmes, the programme form (create and edit), the team and its removal
// confirmation, and the new-cohort form. `errors`: the problems of a form,
// each shown beside its field (at most one per field).
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "programme/programmes.hpp"
#include "web/context.hpp"

namespace crm::programme::views {

std::string programme_list(const web::Ctx& ctx, const ProgrammeList& l);
// `edit`: the programme being edited; null for a new one.
std::string programme_form(const web::Ctx& ctx, const ProgrammeForm& f,
                           const std::vector<Error>& errors, const ProgrammeEdit* edit);
// `error`: the add form's problem, or null.
std::string team(const web::Ctx& ctx, const TeamPage& p, const Error* error);
std::string team_removal(const web::Ctx& ctx, const TeamRemoval& r);
std::string new_cohort(const web::Ctx& ctx, const NewCohortPage& p,
                       const std::vector<Error>& errors);

// "/programmes/3"
std::string programme_path(int64_t programme_id);

}  // namespace crm::programme::views
