// SQL behind completion.hpp. The caller has checked the cohort is the reader's.
#pragma once

#include <optional>
#include <vector>

#include "curriculum/completion.hpp"

namespace crm::curriculum::store {

// nullopt: no rules saved for the cohort (the defaults apply).
std::optional<CompletionRules> completion_rules(db::Session& db, int64_t cohort_id);
void save_completion_rules(db::Session& db, int64_t cohort_id, const CompletionRules& rules,
                           int64_t now);

// The cohort's modules by semester and position.
std::vector<int64_t> module_ids_of_cohort(db::Session& db, int64_t cohort_id);

// Facts for the cohort's participants taking part, by person id; `person_id`
// 0 for all of them, else only that person (empty when not taking part).
// Three statements, whatever the number of people.
std::vector<CompletionFacts> completion_facts(db::Session& db, int64_t cohort_id,
                                              int64_t person_id);

}  // namespace crm::curriculum::store
