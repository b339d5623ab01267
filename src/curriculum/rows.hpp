// SQL the curriculum's stores (and the data download) share, so that a new
// column or a changed fallback is written in one place: how a session row
// reads, and which title of a module a page shows.
#pragma once

#include <soci/soci.h>
#include <string>
#include <string_view>

#include "curriculum/model.hpp"

namespace crm::curriculum {

// "s.id, s.cohort_id, COALESCE(s.module_id, 0), …, s.sequence": the 16
// columns of a course_session aliased `s`, for a SELECT to start with.
extern const char* const kSessionColumns;

// Columns 0–15 of a row that selected kSessionColumns first. NULLs read as 0 or "".
Session session_from_row(const soci::row& r);

// "(SELECT …)": the title of the module whose id is `column`, in the language
// bound as :lang, else in English, else in the first language it has; NULL
// for no module. Binds :lang.
std::string module_title_sql(std::string_view column);

}  // namespace crm::curriculum
