// The demo curriculum's bulk loading (src/demo/curriculum.cpp): the rows
// curriculum::store would insert one at a time, many per statement, so the
// demo at --scale 100 costs a few statements more, not one per session.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "curriculum/model.hpp"
#include "db/database.hpp"

namespace crm::demo::store {

// Cohorts (of any programme) that have a module.
std::set<int64_t> planned_cohorts(db::Session& db);
// cohort id -> person ids of its lecturers (by name), for a programme's cohorts.
std::map<int64_t, std::vector<int64_t>> lecturers_by_cohort(db::Session& db, int64_t programme_id);

void insert_modules(db::Session& db, const std::vector<curriculum::Module>& rows, int64_t now);
// (cohort, semester, position) -> id of every module of the programme.
std::map<std::tuple<int64_t, long, long>, int64_t> module_ids(db::Session& db,
                                                              int64_t programme_id);
// Each module's texts and lecturers (REQUIRES: ids set).
void insert_module_details(db::Session& db, const std::vector<curriculum::Module>& rows);

void insert_sessions(db::Session& db, const std::vector<curriculum::Session>& rows, int64_t now);
// uid -> id of every session of the programme.
std::map<std::string, int64_t> session_ids(db::Session& db, int64_t programme_id);
// Each session's lecturers (REQUIRES: ids set).
void insert_session_lecturers(db::Session& db, const std::vector<curriculum::Session>& rows);

// Materials with their bytes ("" for a link).
void insert_materials(db::Session& db,
                      const std::vector<std::pair<curriculum::Material, std::string>>& rows,
                      int64_t now);

}  // namespace crm::demo::store
