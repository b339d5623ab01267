// HTTP handlers for the timetables (/timetable, /cohorts/{id}/timetable) and
// the calendar feeds (/calendar, /calendar/{token}.ics, /cohorts/{id}/calendar).
#pragma once

#include "app/app.hpp"

namespace crm::curriculum {
void register_timetable_routes(app::Router& r);
}
