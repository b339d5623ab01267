// Who has completed a cohort, and what is missing for the others.
//
// A cohort's rules (each can be switched off; no row in completion_rule means
// the defaults, all on):
//   attendance  present at ≥ min_percent of the sessions whose attendance was
//               taken for the person (cancelled sessions do not count;
//               "excused" is recorded but is not presence)
//   modules     every module of the cohort marked "passed"
//   paper       the final paper accepted — active for a cohort once it keeps
//               its papers in crm (has at least one); unknown before
//
// evaluate() is pure; completion_of_cohort() reads what it needs in a fixed
// number of statements (never one per person or per module).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::curriculum {

struct CompletionRules {
  bool attendance = true;
  long min_percent = 80;  // 0–100
  bool modules = true;
  bool paper = true;
};

// What is known about one participant.
struct CompletionFacts {
  int64_t person_id = 0;
  long present = 0;   // sessions attended
  long recorded = 0;  // sessions whose attendance was taken for them
  std::vector<int64_t> modules_passed;
  std::optional<bool> paper_accepted;  // nullopt: the cohort has no paper in crm
};

// One missing piece, named so a page can say it in the reader's language.
struct Missing {
  enum class Kind { attendance, module, paper };
  Kind kind = Kind::attendance;
  long percent = 0;       // attendance: what they have …
  long required = 0;      // … and what it takes
  int64_t module_id = 0;  // module: the one not passed
  bool recorded = true;   // attendance: false when none was taken for them yet
};

struct Completion {
  int64_t person_id = 0;
  bool complete = false;
  long attendance_percent = -1;  // -1: no attendance taken yet
  std::vector<Missing> missing;  // empty when complete
};

// The rules applied to one participant's facts; `module_ids` are the cohort's
// modules in their order. Attendance with nothing recorded yet is missing
// (percent 0): nobody completes before their attendance is known.
Completion evaluate(const CompletionRules& rules, const std::vector<int64_t>& module_ids,
                    const CompletionFacts& facts);

// The cohort's rules (the defaults when none were saved).
CompletionRules rules_of_cohort(db::Session& db, int64_t cohort_id);

// Every participant of the cohort taking part (role participant, status
// admitted, participant or graduate), in person id order. The caller checks
// that the reader may see the cohort.
std::vector<Completion> completion_of_cohort(db::Session& db, int64_t cohort_id);

// One participant's completion; nullopt when they are not taking part in the cohort.
std::optional<Completion> completion_of(db::Session& db, int64_t cohort_id, int64_t person_id);

}  // namespace crm::curriculum
