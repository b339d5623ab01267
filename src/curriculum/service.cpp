#include "curriculum/service.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "curriculum/access.hpp"
#include "curriculum/policy.hpp"
#include "curriculum/store.hpp"
#include "programme/store.hpp"

namespace crm::curriculum {

namespace {

std::optional<int> digits(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::unique_ptr<icu::Calendar> calendar_in(std::string_view zone) {
  auto id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      new icu::GregorianCalendar(icu::TimeZone::createTimeZone(id), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU calendar");
  return cal;
}

}  // namespace

Result<LocalInstant> local_instant(std::string_view date, std::string_view time,
                                   std::string_view zone, const std::string& field) {
  if (!is_time_zone(zone)) return invalid("time_zone", N_("Choose a time zone from the list."));
  std::optional<int> y, mo, d, h, mi;
  if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
    y = digits(date.substr(0, 4));
    mo = digits(date.substr(5, 2));
    d = digits(date.substr(8, 2));
  }
  if (!y || !mo || !d || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *y < 1970)
    return invalid(field + "_date", N_("Enter a date like 2026-03-29."));
  if (time.size() == 5 && time[2] == ':') {
    h = digits(time.substr(0, 2));
    mi = digits(time.substr(3, 2));
  } else if (time.size() == 8 && time[2] == ':' && time[5] == ':') {  // "09:30:00"
    h = digits(time.substr(0, 2));
    mi = digits(time.substr(3, 2));
  }
  if (!h || !mi || *h > 23 || *mi > 59)
    return invalid(field + "_time", N_("Enter a time like 09:30."));
  auto at = [&](UCalendarWallTimeOption repeated, UCalendarWallTimeOption skipped) {
    auto cal = calendar_in(zone);
    cal->setLenient(false);
    cal->setRepeatedWallTimeOption(repeated);
    cal->setSkippedWallTimeOption(skipped);
    cal->clear();
    cal->set(*y, *mo - 1, *d, *h, *mi, 0);
    UErrorCode status = U_ZERO_ERROR;
    UDate ms = cal->getTime(status);
    return U_FAILURE(status) ? std::optional<int64_t>()
                             : std::optional<int64_t>(static_cast<int64_t>(ms / 1000));
  };
  auto first = at(UCAL_WALLTIME_FIRST, UCAL_WALLTIME_LAST);
  if (!first) {
    // Not lenient: either the date is none (31 February) or the time falls
    // into the hour the clocks skip.
    auto lenient = [&] {
      auto cal = calendar_in(zone);
      cal->clear();
      cal->set(*y, *mo - 1, 1);
      UErrorCode status = U_ZERO_ERROR;
      return *d <= cal->getActualMaximum(UCAL_DAY_OF_MONTH, status);
    }();
    if (!lenient) return invalid(field + "_date", N_("Enter a date like 2026-03-29."));
    return invalid(field + "_time",
                   N_("This time does not exist in the chosen time zone on that day: the clocks "
                      "are put forward over it. Choose another time."));
  }
  auto last = at(UCAL_WALLTIME_LAST, UCAL_WALLTIME_LAST);
  return LocalInstant{*first, last && *last != *first};
}

LocalParts local_parts(int64_t at, std::string_view zone) {
  auto cal = calendar_in(zone);
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(static_cast<UDate>(at) * 1000.0, status);
  auto get = [&](UCalendarDateFields f) {
    UErrorCode s = U_ZERO_ERROR;
    return cal->get(f, s);
  };
  char d[40], t[24];
  std::snprintf(d, sizeof d, "%04d-%02d-%02d", get(UCAL_YEAR), get(UCAL_MONTH) + 1,
                get(UCAL_DAY_OF_MONTH));
  std::snprintf(t, sizeof t, "%02d:%02d", get(UCAL_HOUR_OF_DAY), get(UCAL_MINUTE));
  return {d, t};
}

int64_t shift_days(int64_t at, std::string_view zone, long days) {
  auto cal = calendar_in(zone);
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(static_cast<UDate>(at) * 1000.0, status);
  cal->add(UCAL_DATE, static_cast<int32_t>(days), status);
  auto moved = local_parts(static_cast<int64_t>(cal->getTime(status) / 1000), zone);
  auto wall = local_parts(at, zone);
  auto r = local_instant(moved.date, wall.time, zone, "x");
  return r ? r->at : at + days * 86400;
}

std::string time_span(const Tr& t, int64_t from, int64_t to) {
  std::string a = t.date_time(from), b = t.date_time(to);
  const std::string day = t.date(to);
  if (t.date(from) == day && b.starts_with(day)) {
    std::string_view rest(b);
    rest.remove_prefix(day.size());
    // What joins the date and the time: ", ", Arabic "، " or a space.
    for (std::string_view sep : {",", "\u060C", " "})
      while (rest.starts_with(sep)) rest.remove_prefix(sep.size());
    if (!rest.empty()) b = std::string(rest);
  }
  return a + " – " + b;
}

std::optional<long> parse_ects(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  auto sep = s.find_first_of(".,");
  auto whole = digits(s.substr(0, sep));
  if (!whole || *whole > 999) return std::nullopt;
  long tenths = *whole * 10L;
  if (sep != std::string_view::npos) {
    auto frac = s.substr(sep + 1);
    if (frac.size() == 2 && frac[1] == '0') frac.remove_suffix(1);
    auto f = digits(frac);
    if (!f || frac.size() != 1) return std::nullopt;
    tenths += *f;
  }
  return tenths;
}

std::string ects_field(long tenths) {
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10) s += "." + std::to_string(tenths % 10);
  return s;
}

const ModuleText* text_for(const Module& m, std::string_view language) {
  for (const auto& t : m.texts)
    if (t.language == language && !t.title.empty()) return &t;
  for (const auto& t : m.texts)
    if (t.language == "en" && !t.title.empty()) return &t;
  for (const auto& t : m.texts)
    if (!t.title.empty()) return &t;
  return nullptr;
}

namespace detail {

std::optional<Access> cohort_access(web::Ctx& ctx, int64_t cohort_id) {
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id,
                                                    ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found || !policy::can_see_curriculum(ctx.actor.role, found->in_programme))
    return std::nullopt;
  Access a;
  a.cohort = std::move(found->cohort);
  a.in_programme = found->in_programme;
  a.plan = policy::can_plan(ctx.actor.role, found->in_programme);
  return a;
}

std::map<int64_t, std::string> lecturer_names(web::Ctx& ctx, int64_t cohort_id) {
  std::map<int64_t, std::string> out;
  for (auto& l : store::cohort_lecturers(ctx.db, cohort_id)) out[l.person_id] = std::move(l.name);
  return out;
}

bool lecturers_of_cohort(web::Ctx& ctx, int64_t cohort_id, const std::vector<int64_t>& ids) {
  if (ids.empty()) return true;
  auto names = lecturer_names(ctx, cohort_id);
  return std::all_of(ids.begin(), ids.end(), [&](int64_t id) { return names.count(id) > 0; });
}

}  // namespace detail

Result<PlanPage> plan_page(web::Ctx& ctx, int64_t cohort_id) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a) return not_found();
  PlanPage p;
  p.cohort = std::move(a->cohort);
  p.can_plan = a->plan;
  p.can_see_completion = policy::can_see_completion(ctx.actor.role, a->in_programme);
  p.can_issue_certificates = policy::can_issue_certificates(ctx.actor.role, a->in_programme);
  p.modules = store::list_modules(ctx.db, cohort_id);
  p.sessions = store::list_sessions(ctx.db, cohort_id);
  p.lecturer_names = detail::lecturer_names(ctx, cohort_id);
  for (const auto& m : store::list_cohort_materials(ctx.db, cohort_id)) ++p.materials[m.session_id];
  return p;
}

}  // namespace crm::curriculum
