#include "curriculum/calendar.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "curriculum/calendar_policy.hpp"
#include "curriculum/timetable_store.hpp"
#include "programme/store.hpp"

namespace crm::curriculum {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// The builtin zone of an IANA name; nullptr for UTC and names libical lacks
// (their times are written in UTC).
icaltimezone* builtin_zone(const std::string& name) {
  if (name.empty() || name == "UTC" || name == "Etc/UTC") return nullptr;
  return icaltimezone_get_builtin_timezone(name.c_str());
}

// DTSTART/DTEND: the local time in the session's zone with TZID=<IANA name>
// (libical names its builtin zones with a prefix of its own; calendar apps
// and other parsers know the IANA names), or UTC.
icalproperty* zoned(bool start, int64_t t, icaltimezone* zone, const std::string& name) {
  icaltimetype v = zone ? icaltime_from_timet_with_zone(static_cast<time_t>(t), 0, zone)
                        : icaltime_from_timet_with_zone(static_cast<time_t>(t), 0,
                                                        icaltimezone_get_utc_timezone());
  if (zone) v.zone = nullptr;  // written as a local time; the TZID says whose
  icalproperty* p = start ? icalproperty_new_dtstart(v) : icalproperty_new_dtend(v);
  if (zone) icalproperty_add_parameter(p, icalparameter_new_tzid(name.c_str()));
  return p;
}

std::string location_of(const Session& s) {
  if (s.kind == "online") return s.meeting_url;
  if (s.room.empty()) return s.place;
  if (s.place.empty()) return s.room;
  return s.place + ", " + s.room;
}

std::string feed_url(const web::Ctx& ctx, const std::string& token) {
  return ctx.config.base_url + "/calendar/" + token + ".ics";
}

std::string webcal(const std::string& url) {
  auto colon = url.find("://");
  return colon == std::string::npos ? url : "webcal" + url.substr(colon);
}

Result<FeedPage> renew(web::Ctx& ctx, int64_t cohort_id, std::optional<programme::Cohort> cohort) {
  const std::string token = auth::random_token();
  db::Transaction tx(ctx.db);
  long revoked = timetable_store::revoke_feeds(ctx.db, ctx.actor.id, cohort_id, ctx.now);
  int64_t id = timetable_store::insert_feed(ctx.db, auth::token_digest(token), ctx.actor.id,
                                            cohort_id, ctx.now);
  auth::audit(ctx, revoked ? "calendar.renew" : "calendar.create", "calendar_feed",
              std::to_string(id),
              cohort_id ? "cohort=" + std::to_string(cohort_id) : std::string());
  tx.commit();
  FeedPage page;
  page.cohort = std::move(cohort);
  page.since = ctx.now;
  page.url = feed_url(ctx, token);
  page.webcal_url = webcal(page.url);
  return page;
}

std::optional<programme::Cohort> plannable_cohort(db::Session& db, int64_t cohort_id,
                                                  int64_t account_id, auth::Role role) {
  auto found = programme::store::find_cohort_access(db, cohort_id, account_id);
  if (!found || !policy::can_have_cohort_feed(role, found->in_programme)) return std::nullopt;
  return std::move(found->cohort);
}

}  // namespace

Result<FeedPage> own_feed_page(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_have_own_feed(ctx.actor.role)) return not_found();
  FeedPage page;
  page.since = timetable_store::feed_created_at(ctx.db, ctx.actor.id, 0);
  return page;
}

Result<FeedPage> renew_own_feed(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_have_own_feed(ctx.actor.role)) return not_found();
  return renew(ctx, 0, std::nullopt);
}

Result<FeedPage> cohort_feed_page(web::Ctx& ctx, int64_t cohort_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto cohort = plannable_cohort(ctx.db, cohort_id, ctx.actor.id, ctx.actor.role);
  if (!cohort) return not_found();
  FeedPage page;
  page.cohort = std::move(cohort);
  page.since = timetable_store::feed_created_at(ctx.db, ctx.actor.id, cohort_id);
  return page;
}

Result<FeedPage> renew_cohort_feed(web::Ctx& ctx, int64_t cohort_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto cohort = plannable_cohort(ctx.db, cohort_id, ctx.actor.id, ctx.actor.role);
  if (!cohort) return not_found();
  return renew(ctx, cohort_id, std::move(cohort));
}

std::optional<std::string> feed_text(web::Ctx& ctx, const std::string& token) {
  // Our tokens are 43 characters of URL-safe base64: anything else is unknown
  // without asking the database.
  if (token.size() != 43) return std::nullopt;
  auto feed = timetable_store::find_feed(ctx.db, auth::token_digest(token));
  if (!feed || feed->disabled) return std::nullopt;
  auto role = auth::parse_role(feed->role);
  if (!role) return std::nullopt;
  Tr t(ctx.catalogs, is_language(feed->language) ? feed->language : "en", "UTC");
  const std::string language(t.language());
  std::vector<timetable_store::Row> rows;
  std::vector<timetable_store::Lecturer> lecturers;
  std::string name;
  if (feed->cohort_id) {
    auto cohort = plannable_cohort(ctx.db, feed->cohort_id, feed->account_id, *role);
    if (!cohort) return std::nullopt;
    rows = timetable_store::cohort_sessions(ctx.db, feed->cohort_id, language);
    lecturers = timetable_store::cohort_lecturers(ctx.db, feed->cohort_id);
    name = t("Sessions of {cohort}", {{"cohort", cohort->name}});
  } else {
    if (!policy::can_have_own_feed(*role)) return std::nullopt;
    timetable_store::AccountScope scope{feed->account_id, *role == auth::Role::admin};
    rows = timetable_store::sessions_of_account(ctx.db, scope, ctx.now, true, 0, language);
    lecturers = timetable_store::lecturers_of_account(ctx.db, scope, ctx.now, true, 0);
    name = t("My sessions");
  }
  std::map<int64_t, std::vector<std::string>> names;
  for (const auto& l : lecturers) names[l.session_id].push_back(l.name);
  std::vector<Entry> entries;
  entries.reserve(rows.size());
  for (auto& r : rows) {
    Entry e{std::move(r.session), std::move(r.module_title), std::move(r.cohort_name), {}};
    if (auto it = names.find(e.session.id); it != names.end()) e.lecturers = it->second;
    // The description's labels in the account's language.
    if (!e.lecturers.empty())
      e.session.description = t("Lecturers: {names}", {{"names", t.list(e.lecturers)}}) +
                              (e.session.description.empty() ? "" : "\n\n" + e.session.description);
    if (e.session.cancelled())
      e.session.description =
          (e.session.cancel_reason.empty()
               ? t("Cancelled")
               : t("Cancelled: {reason}", {{"reason", e.session.cancel_reason}})) +
          (e.session.description.empty() ? "" : "\n\n" + e.session.description);
    entries.push_back(std::move(e));
  }
  return render_calendar(name, entries, ctx.config.base_url, ctx.now);
}

std::string render_calendar(const std::string& name, const std::vector<Entry>& entries,
                            const std::string& base_url, int64_t now) {
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//crm//Timetable//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalproperty* calname = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(calname, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), calname);

  std::set<std::string> zones;
  for (const auto& e : entries)
    if (builtin_zone(e.session.time_zone)) zones.insert(e.session.time_zone);
  for (const auto& z : zones) {
    icalcomponent* vtz = icalcomponent_new_clone(icaltimezone_get_component(builtin_zone(z)));
    // The IANA name as TZID, as DTSTART and DTEND name it.
    icalproperty* tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
    if (tzid) icalproperty_set_tzid(tzid, z.c_str());
    icalcomponent_add_component(cal.get(), vtz);
  }

  const icaltimetype stamp =
      icaltime_from_timet_with_zone(static_cast<time_t>(now), 0, icaltimezone_get_utc_timezone());
  for (const auto& e : entries) {
    const Session& s = e.session;
    icaltimezone* zone = builtin_zone(s.time_zone);
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(s.uid.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_sequence(static_cast<int>(s.sequence)));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(ev, zoned(true, s.starts_at, zone, s.time_zone));
    icalcomponent_add_property(ev, zoned(false, s.ends_at, zone, s.time_zone));
    const std::string summary = s.title.empty() ? e.module_title : s.title;
    icalcomponent_add_property(ev, icalproperty_new_summary(summary.c_str()));
    const std::string location = location_of(s);
    if (!location.empty())
      icalcomponent_add_property(ev, icalproperty_new_location(location.c_str()));
    const std::string url = base_url + "/sessions/" + std::to_string(s.id);
    icalcomponent_add_property(ev, icalproperty_new_url(url.c_str()));
    std::string description = s.description;
    if (!e.module_title.empty() && e.module_title != summary)
      description = e.module_title + (description.empty() ? "" : "\n\n" + description);
    if (!description.empty())
      icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
    icalcomponent_add_property(
        ev, icalproperty_new_status(s.cancelled() ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_component(cal.get(), ev);
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out(text ? text : "");
  std::free(text);
  return out;
}

}  // namespace crm::curriculum
