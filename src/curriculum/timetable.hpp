// Timetables: a cohort's sessions, and an account's own ("my next
// sessions"), in the viewer's time zone, grouped by month, with on-site weeks
// (consecutive days of on-site sessions at one place) under one heading.
//
// Who sees what: a cohort's timetable, whoever may see its curriculum
// (policy::can_see_curriculum; everyone else not_found). An account's own
// timetable: the sessions of the cohorts it takes part in as a participant,
// the sessions it teaches as a lecturer, every session of its programmes'
// cohorts for staff, every session for an administrator
// (timetable_store::sessions_of_account). Visitors see none.
//
// Each page costs a fixed number of statements: the cohort check, the
// sessions, their lecturers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "curriculum/model.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::curriculum {

struct Entry {
  Session session;
  std::string module_title, cohort_name;
  std::vector<std::string> lecturers;  // names, by name
  // Moved: its time, place or status changed since it was planned, and it
  // still takes place.
  bool moved() const { return session.sequence > 0 && !session.cancelled(); }
};

// Sessions that go together under one heading: an on-site week (on_site,
// `place`), or the other sessions of one week (Monday to Sunday in the
// viewer's zone).
struct Block {
  bool on_site = false;
  std::string place;
  int64_t first_day = 0;  // days since 1970-01-01 in the viewer's zone
  int64_t last_day = 0;
  std::vector<Entry> entries;
};

struct Month {
  int64_t first_start = 0;  // of its first entry: the month's heading
  std::vector<Block> blocks;
};

// The day (days since 1970-01-01) of `t` in `time_zone` (REQUIRES: is_time_zone).
int64_t local_day(const std::string& time_zone, int64_t t);
// `entries` in their order, cut into months and blocks in `time_zone`: a run
// of on-site sessions at one place on the same or following days is one
// block; other sessions are grouped by week. A block belongs to the month of
// its first session.
std::vector<Month> group_entries(std::vector<Entry> entries, const std::string& time_zone);

struct CohortTimetable {
  programme::Cohort cohort;
  std::vector<Month> months;
  long sessions = 0;
  bool can_subscribe = false;  // a cohort feed for staff (/cohorts/{id}/calendar)
};
// not_found unless the actor may see the cohort's curriculum.
Result<CohortTimetable> cohort_timetable(web::Ctx& ctx, int64_t cohort_id);

struct MyTimetable {
  bool past = false;  // the sessions that ended, latest first
  std::vector<Month> months;
  long sessions = 0;
  long limit = 0;  // at most this many are shown
};
// The signed-in actor's sessions; not_found for visitors.
Result<MyTimetable> my_timetable(web::Ctx& ctx, bool past);

// The actor's next `n` sessions (not yet ended), soonest first: for the start
// page of participants and lecturers; empty for other roles.
std::vector<Entry> next_sessions(web::Ctx& ctx, long n);

// Whether the actor's start page shows "Next sessions".
bool shows_next_sessions(const web::Ctx& ctx);

}  // namespace crm::curriculum
