// For bench/surveys.sh: survey rounds, invitations and submitted responses
// in bulk for the programme with the most cohorts (the demo's, after `crm
// demo --scale N`), so that the indicator report is measured at scale.
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace crm::reports::bench {

// Adds a "useful" survey (identified) and a three-month "follow_up"
// (anonymous) to the programme with the most cohorts, then rounds for each
// cohort in turn — useful to the cohort, follow-up to its graduates three
// months after — with an invitation and a submitted response (its indicator
// answer, positive four times in five) for each participant, until `n`
// responses exist. One transaction. Deterministic. Returns the responses
// added (fewer than n only when the programme has no participants).
long generate_responses(db::Session& db, long n, int64_t now);

}  // namespace crm::reports::bench
