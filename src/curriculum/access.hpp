// Inside the curriculum service: finding a cohort, module or session with
// what the actor may do with it (curriculum::policy), in one place.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "curriculum/model.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::curriculum::detail {

struct Access {
  programme::Cohort cohort;
  bool in_programme = false, plan = false;
};
// nullopt when the cohort does not exist or the actor may not see its plan.
std::optional<Access> cohort_access(web::Ctx& ctx, int64_t cohort_id);
// person id -> name of the cohort's lecturers (and anyone else named).
std::map<int64_t, std::string> lecturer_names(web::Ctx& ctx, int64_t cohort_id);
// Every id in `ids` is a lecturer of the cohort.
bool lecturers_of_cohort(web::Ctx& ctx, int64_t cohort_id, const std::vector<int64_t>& ids);

}  // namespace crm::curriculum::detail
