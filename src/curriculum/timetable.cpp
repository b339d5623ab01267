#include "curriculum/timetable.hpp"

#include <unicode/timezone.h>

#include <cstdlib>
#include <map>
#include <memory>

#include "curriculum/policy.hpp"
#include "curriculum/timetable_store.hpp"
#include "programme/store.hpp"

namespace crm::curriculum {

namespace {

constexpr long kMyLimit = 200;

std::unique_ptr<icu::TimeZone> zone_of(const std::string& time_zone) {
  return std::unique_ptr<icu::TimeZone>(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

int64_t day_in(const icu::TimeZone& zone, int64_t t) {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone.getOffset(static_cast<UDate>(t) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) raw = dst = 0;
  return floor_div(t + (raw + dst) / 1000, 86400);
}

// Monday of the day's week (1970-01-01 was a Thursday).
int64_t week_of(int64_t day) {
  return day - ((day % 7 + 7 + 3) % 7);
}

// Year * 12 + month of a day, by Howard Hinnant's civil_from_days.
int64_t month_of(int64_t day) {
  const int64_t z = day + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m;
}

std::vector<Entry> entries_of(std::vector<timetable_store::Row> rows,
                              const std::vector<timetable_store::Lecturer>& lecturers) {
  std::map<int64_t, std::vector<std::string>> names;
  for (const auto& l : lecturers) names[l.session_id].push_back(l.name);
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    Entry e{std::move(r.session), std::move(r.module_title), std::move(r.cohort_name), {}};
    if (auto it = names.find(e.session.id); it != names.end()) e.lecturers = it->second;
    out.push_back(std::move(e));
  }
  return out;
}

timetable_store::AccountScope scope_of(const web::Ctx& ctx) {
  return {ctx.actor.id, ctx.actor.role == auth::Role::admin};
}

}  // namespace

int64_t local_day(const std::string& time_zone, int64_t t) {
  return day_in(*zone_of(time_zone), t);
}

std::vector<Month> group_entries(std::vector<Entry> entries, const std::string& time_zone) {
  auto zone = zone_of(time_zone);
  std::vector<Month> months;
  int64_t month_key = -1;
  for (auto& e : entries) {
    const int64_t day = day_in(*zone, e.session.starts_at);
    const bool on_site = e.session.kind == "on_site";
    Block* last =
        months.empty() || months.back().blocks.empty() ? nullptr : &months.back().blocks.back();
    // An on-site week goes on across days (and months) while the place stays.
    if (last && on_site && last->on_site && last->place == e.session.place &&
        std::abs(day - last->last_day) <= 1) {
      last->last_day = day;
      last->entries.push_back(std::move(e));
      continue;
    }
    if (month_of(day) != month_key || months.empty()) {
      month_key = month_of(day);
      months.push_back(Month{e.session.starts_at, {}});
      last = nullptr;
    }
    if (!on_site && last && !last->on_site && week_of(last->first_day) == week_of(day)) {
      last->last_day = day;
      last->entries.push_back(std::move(e));
      continue;
    }
    Block b;
    b.on_site = on_site;
    b.place = on_site ? e.session.place : std::string();
    b.first_day = b.last_day = day;
    b.entries.push_back(std::move(e));
    months.back().blocks.push_back(std::move(b));
  }
  return months;
}

Result<CohortTimetable> cohort_timetable(web::Ctx& ctx, int64_t cohort_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id, ctx.actor.id);
  if (!found || !policy::can_see_curriculum(ctx.actor.role, found->in_programme))
    return not_found();
  const std::string language(ctx.tr.language());
  auto rows = timetable_store::cohort_sessions(ctx.db, cohort_id, language);
  auto lecturers = timetable_store::cohort_lecturers(ctx.db, cohort_id);
  CohortTimetable t;
  t.cohort = std::move(found->cohort);
  t.sessions = static_cast<long>(rows.size());
  t.months = group_entries(entries_of(std::move(rows), lecturers), ctx.tr.time_zone());
  t.can_subscribe = policy::can_plan(ctx.actor.role, found->in_programme);
  return t;
}

Result<MyTimetable> my_timetable(web::Ctx& ctx, bool past) {
  if (!ctx.actor.signed_in()) return not_found();
  const std::string language(ctx.tr.language());
  auto scope = scope_of(ctx);
  auto rows =
      timetable_store::sessions_of_account(ctx.db, scope, ctx.now, !past, kMyLimit, language);
  auto lecturers = timetable_store::lecturers_of_account(ctx.db, scope, ctx.now, !past, kMyLimit);
  MyTimetable t;
  t.past = past;
  t.limit = kMyLimit;
  t.sessions = static_cast<long>(rows.size());
  t.months = group_entries(entries_of(std::move(rows), lecturers), ctx.tr.time_zone());
  return t;
}

bool shows_next_sessions(const web::Ctx& ctx) {
  return ctx.actor.role == auth::Role::participant || ctx.actor.role == auth::Role::lecturer;
}

std::vector<Entry> next_sessions(web::Ctx& ctx, long n) {
  if (!ctx.actor.signed_in() || !shows_next_sessions(ctx)) return {};
  const std::string language(ctx.tr.language());
  auto scope = scope_of(ctx);
  auto rows = timetable_store::sessions_of_account(ctx.db, scope, ctx.now, true, n, language);
  auto lecturers = timetable_store::lecturers_of_account(ctx.db, scope, ctx.now, true, n);
  return entries_of(std::move(rows), lecturers);
}

}  // namespace crm::curriculum
