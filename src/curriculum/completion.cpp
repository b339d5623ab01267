#include "curriculum/completion.hpp"

#include <algorithm>

#include "curriculum/completion_store.hpp"

namespace crm::curriculum {

Completion evaluate(const CompletionRules& rules, const std::vector<int64_t>& module_ids,
                    const CompletionFacts& facts) {
  Completion c;
  c.person_id = facts.person_id;
  if (facts.recorded > 0) c.attendance_percent = facts.present * 100 / facts.recorded;
  if (rules.attendance) {
    long percent = std::max(c.attendance_percent, 0L);
    if (facts.recorded == 0 || percent < rules.min_percent)
      c.missing.push_back(
          {Missing::Kind::attendance, percent, rules.min_percent, 0, facts.recorded > 0});
  }
  if (rules.modules) {
    for (int64_t m : module_ids) {
      bool passed = std::find(facts.modules_passed.begin(), facts.modules_passed.end(), m) !=
                    facts.modules_passed.end();
      if (!passed) c.missing.push_back({Missing::Kind::module, 0, 0, m});
    }
  }
  if (rules.paper && facts.paper_accepted.has_value() && !*facts.paper_accepted)
    c.missing.push_back({Missing::Kind::paper, 0, 0, 0});
  c.complete = c.missing.empty();
  return c;
}

CompletionRules rules_of_cohort(db::Session& db, int64_t cohort_id) {
  return store::completion_rules(db, cohort_id).value_or(CompletionRules{});
}

std::vector<Completion> completion_of_cohort(db::Session& db, int64_t cohort_id) {
  CompletionRules rules = rules_of_cohort(db, cohort_id);
  std::vector<int64_t> modules = store::module_ids_of_cohort(db, cohort_id);
  std::vector<CompletionFacts> facts = store::completion_facts(db, cohort_id, 0);
  std::vector<Completion> out;
  out.reserve(facts.size());
  for (const auto& f : facts) out.push_back(evaluate(rules, modules, f));
  return out;
}

std::optional<Completion> completion_of(db::Session& db, int64_t cohort_id, int64_t person_id) {
  std::vector<CompletionFacts> facts = store::completion_facts(db, cohort_id, person_id);
  if (facts.empty()) return std::nullopt;
  return evaluate(rules_of_cohort(db, cohort_id), store::module_ids_of_cohort(db, cohort_id),
                  facts.front());
}

}  // namespace crm::curriculum
