// How a session row reads: the one column list and reader the curriculum
// stores share (store.cpp, timetable_store.cpp), so a new column is added in
// one place.
#pragma once

#include <soci/soci.h>

#include "curriculum/model.hpp"

namespace crm::curriculum {

// "s.id, s.cohort_id, COALESCE(s.module_id, 0), …, s.sequence": the 16
// columns of a course_session aliased `s`, for a SELECT to start with.
extern const char* const kSessionColumns;

// Columns 0–15 of a row that selected kSessionColumns first. NULLs read as 0 or "".
Session session_from_row(const soci::row& r);

}  // namespace crm::curriculum
