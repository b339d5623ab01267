// What the knowledge base's pages read besides the search index: the
// programmes whose unpublished works a staff account may see, and the names
// of cohorts for the cohort facet. Each in one statement.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::knowledge::search_store {

// The programmes whose team the account is on (programme_staff).
std::vector<int64_t> team_programmes(db::Session& db, int64_t account_id);

// Every cohort's name by id (the cohort facet's labels).
std::map<int64_t, std::string> cohort_names(db::Session& db);

}  // namespace crm::knowledge::search_store
