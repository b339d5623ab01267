// The timetable pages (a cohort's, one's own), the calendar feed pages and
// the start page's "Next sessions": every time in the viewer's zone, with the
// session's own zone beside it when its clock says otherwise.
#pragma once

#include <string>
#include <vector>

#include "curriculum/calendar.hpp"
#include "curriculum/timetable.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::curriculum::views {

std::string cohort_timetable(const web::Ctx& ctx, const CohortTimetable& t);
// The cohort timetable as a table for CSV and Excel: one row per session,
// dates and times in the viewer's zone beside the session's own zone.
web::Table timetable_table(const Tr& t, const CohortTimetable& tt);
std::string my_timetable(const web::Ctx& ctx, const MyTimetable& t);
// The feed's address (only right after it was made), what it is for, and the
// button that makes a new one. `action`: where the form posts.
std::string feed_page(const web::Ctx& ctx, const FeedPage& p, const std::string& action);
// A card for the start page: the next sessions and links to the timetable.
std::string next_sessions_card(const web::Ctx& ctx, const std::vector<Entry>& entries);

}  // namespace crm::curriculum::views
