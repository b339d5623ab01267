// Rounds: sending a survey to a cohort's participants, to a session's
// attendees, or to a cohort's graduates N months after they completed; the
// round's page with its progress; cancelling; reminding by hand. Who may:
// policy::can_manage_surveys (the programme's staff); anyone else gets
// not_found. Each write is one transaction with its audit entry.
//
// Decisions:
// - Audiences. A cohort: its participants (enrolled as participant with
//   status admitted, participant or graduate). A session: those of them
//   marked present in the session's attendance. Graduates: participants
//   with status graduate or a valid certificate for the cohort.
// - A graduate's completion is their certificate's completed_on when one
//   was issued (the newest valid one), else the cohort's ends_on; their
//   invitation is due at completion + N calendar months (UTC; the 31st of a
//   shorter month is its last day). Graduates who complete later (a
//   certificate issued after the round was made) are invited by the
//   dispatch job while the round is open.
// - Opening and closing are entered in the staff member's time zone (their
//   account's) and stored as UTC instants.
// - Making a round freezes the survey's newest version (edits then make a
//   new one) and writes one invitation per person in the same transaction.
// - Personal links: see dispatch.hpp (a link's token exists only in the
//   mail that carries it).
// - The per-person list (who was sent and who answered) is shown and
//   exported for identified surveys only; an anonymous survey's round shows
//   counts alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "surveys/model.hpp"
#include "surveys/round_store.hpp"
#include "surveys/staff_title.hpp"
#include "web/context.hpp"

namespace crm::surveys {

constexpr long kMaxMonthsAfter = 60;
constexpr long kMaxReminderDays = 90;

// What the new-round form sends, as typed.
struct RoundForm {
  std::string audience = "cohort", cohort, session, months = "3", phase, opens_date, opens_time,
              closes_date, closes_time, reminder_days = "0";
};

struct NewRoundPage {
  Survey survey;
  StaffTitle title;       // in the reader's language
  std::string time_zone;  // the zone the dates are entered in
  std::vector<round_store::CohortOption> cohorts;
  std::vector<round_store::SessionOption> sessions;
  RoundForm form;
};
// not_found unless the actor may manage the survey's programme's surveys.
Result<NewRoundPage> new_round_page(web::Ctx& ctx, int64_t survey_id);

// Makes the round, freezes the version, writes the invitations and asks for
// the dispatch job at opening. invalid (nothing written): an archived survey
// or one without questions; an unknown audience or phase; a cohort not of
// the programme; no session, or a session of another cohort; months not
// 1…kMaxMonthsAfter; a date or time that is none; closing not after
// opening, or already past; reminder days not 0…kMaxReminderDays. Returns
// the round's id.
Result<int64_t> create_round(web::Ctx& ctx, int64_t survey_id, const RoundForm& form);

// `at` plus `months` calendar months (UTC), the day clamped to the month's end.
int64_t add_months(int64_t at, long months);

struct RoundPage {
  round_store::RoundRow round;
  round_store::Counts counts;
  std::vector<round_store::Person> people;  // identified surveys only
  bool open(int64_t now) const { return !round.round.cancelled_at && now < round.round.closes_at; }
};
Result<RoundPage> round_page(web::Ctx& ctx, int64_t round_id);

// Cancels: nothing is sent any more. invalid when cancelled already.
Status cancel_round(web::Ctx& ctx, int64_t round_id);
// Reminds now everyone sent and not answered (a new link each, see
// dispatch.hpp). invalid when the round is cancelled, closed or not open
// yet. Returns how many were reminded.
Result<long> remind_now(web::Ctx& ctx, int64_t round_id);

}  // namespace crm::surveys
