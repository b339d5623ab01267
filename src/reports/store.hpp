// SQL of the indicator report: one statement per list, each scoped by the
// programme in its WHERE, whatever the number of cohorts, people or
// responses. The report itself reads counts (a few hundred rows whatever
// the number of responses); only the drill-down reads records.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "reports/model.hpp"

namespace crm::reports::store {

// (1), counted in the database: the participants (admitted, participant or
// graduate) of the programme's cohorts who were present at least once at a
// session of their cohort starting in [from_at, to_end), per cohort and
// facts (gender as the person wrote it) ...
std::vector<Tally> count_attendance(db::Session& db, int64_t programme_id, int64_t from_at,
                                    int64_t to_end);
// ... and per facts over all cohorts (cohort_id 0), each person once.
std::vector<Tally> count_attendance_total(db::Session& db, int64_t programme_id, int64_t from_at,
                                          int64_t to_end);
// The same people, one Record per person and cohort with the number of such
// sessions, of one cohort (0: all). For the drill-down. Ordered by cohort,
// then name.
std::vector<Record> list_attendance(db::Session& db, int64_t programme_id, int64_t from_at,
                                    int64_t to_end, int64_t cohort_id);

// Submitted responses (submitted_on in [from_day, to_day]) that answered a
// question carrying an indicator, per cohort, facts, indicator and round
// (audience, months_after: 0 when none); a response counts once per
// indicator however many of its questions or choices carry it.
struct ResponseTally {
  Tally tally;            // count: the responses that answered
  long positive = 0;      // of them, those with a positive choice
  std::string indicator;  // useful | using_skills
  std::string audience;
  long months_after = 0;
};
std::vector<ResponseTally> count_indicator_responses(db::Session& db, int64_t programme_id,
                                                     int64_t from_day, int64_t to_day);
// For the drill-down: each submitted response of one cohort (0: all) to a
// version with an indicator question, once per indicator, whether it
// answered and whether a chosen choice is positive.
struct IndicatorResponse {
  Record record;
  std::string indicator;
  std::string audience;
  long months_after = 0;
  bool answered = false, positive = false;
};
std::vector<IndicatorResponse> list_indicator_responses(db::Session& db, int64_t programme_id,
                                                        int64_t from_day, int64_t to_day,
                                                        int64_t cohort_id);

// The titles of the programme's surveys as its staff pages show them in
// `language` (surveys/staff_title.hpp), by survey id.
std::map<int64_t, std::string> survey_titles(db::Session& db, int64_t programme_id,
                                             const std::string& language);

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
