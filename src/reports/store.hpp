// SQL of the indicator report: one statement per list, each scoped by the
// programme in its WHERE, whatever the number of cohorts, people or
// responses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "reports/model.hpp"

namespace crm::reports::store {

// (1): each participant (admitted, participant or graduate) of each of the
// programme's cohorts who was present at least once at a session of that
// cohort starting in [from_at, to_end), with the number of such sessions.
// gender as the person wrote it. Ordered by cohort, then name.
std::vector<Record> list_attendance(db::Session& db, int64_t programme_id, int64_t from_at,
                                    int64_t to_end);

// A submitted response (submitted_on in [from_day, to_day]) to a version with
// a question carrying an indicator, once per indicator: whether it answered
// that question and whether a chosen choice is positive.
struct IndicatorResponse {
  Record record;
  std::string indicator;  // useful | using_skills
  std::string audience;   // the round's
  long months_after = 0;  // the round's (0 when none)
  bool answered = false, positive = false;
};
std::vector<IndicatorResponse> list_indicator_responses(db::Session& db, int64_t programme_id,
                                                        int64_t from_day, int64_t to_day);

// Invitations sent (sent_at set) in rounds of the programme's surveys with an
// indicator question whose time open overlaps [from_at, to_end), per
// indicator, round audience and months_after, and the round's cohort.
struct Asked {
  std::string indicator, audience;
  long months_after = 0;
  int64_t cohort_id = 0;
  long count = 0;
};
std::vector<Asked> list_asked(db::Session& db, int64_t programme_id, int64_t from_at,
                              int64_t to_end);

}  // namespace crm::reports::store
