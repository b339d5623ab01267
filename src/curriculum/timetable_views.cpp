#include "curriculum/timetable_views.hpp"

#include <ctime>
#include <map>
#include <optional>

#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::curriculum::views {

namespace {

using web::Html;

// A local day (days since 1970-01-01) as a date: formatted in UTC, where the
// day's noon is that same day.
std::string day_text(const Tr& t, int64_t day, const char* skeleton = "dMMMM") {
  return t.format_in("UTC", skeleton, day * 86400 + 43200);
}

std::string iso_utc(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "Amman" of "Amman (Eastern European Time)".
std::string city_of(std::string_view zone, std::string_view language) {
  std::string name = time_zone_name(zone, language);
  auto paren = name.find(" (");
  return paren == std::string::npos ? name : name.substr(0, paren);
}

std::string range(const Tr& t, const std::string& zone, int64_t from, int64_t to) {
  return t("{start}–{end}",
           {{"start", t.format_in(zone, "Hm", from)}, {"end", t.format_in(zone, "Hm", to)}});
}

// The zones a page names, each looked up once (ICU builds a zone and its
// names anew for every lookup: more than the rest of an entry costs): the
// city, or nullptr for a zone ICU does not know.
using Cities = std::map<std::string, std::optional<std::string>, std::less<>>;

const std::string* city(Cities& cities, const std::string& zone, std::string_view language) {
  auto it = cities.find(zone);
  if (it == cities.end())
    it = cities
             .emplace(zone,
                      is_time_zone(zone) ? std::optional(city_of(zone, language)) : std::nullopt)
             .first;
  return it->second ? &*it->second : nullptr;
}

void entry(Html& h, const web::Ctx& ctx, Cities& cities, const Entry& e, bool with_cohort) {
  const auto& t = ctx.tr;
  const Session& s = e.session;
  h.open("li", {{"class", s.cancelled() ? "session cancelled" : "session"}});
  h.open("p", {{"class", "when"}});
  h.open("time", {{"datetime", iso_utc(s.starts_at)}})
      .text(t.format("EEEEdMMMM", s.starts_at))
      .close("time");
  const std::string mine = range(t, t.time_zone(), s.starts_at, s.ends_at);
  h.text(" · ").text(mine);
  // The session's own clock when it says something else (another hour or day).
  if (s.time_zone != t.time_zone()) {
    if (const std::string* place = city(cities, s.time_zone, t.language())) {
      const std::string own = range(t, s.time_zone, s.starts_at, s.ends_at);
      if (own != mine ||
          t.format_in(s.time_zone, "yMd", s.starts_at) != t.format("yMd", s.starts_at))
        h.text(" ").el("span", {{"class", "muted"}},
                       t("({place}: {times})", {{"place", *place}, {"times", own}}));
    }
  }
  h.close("p");
  h.open("p", {{"class", "what"}});
  const std::string title = s.title.empty() ? e.module_title : s.title;
  h.open("a", {{"href", "/sessions/" + std::to_string(s.id)}});
  if (s.cancelled()) h.open("s");
  h.bdi(title.empty() ? t("Session") : title);
  if (s.cancelled()) h.close("s");
  h.close("a");
  if (!e.module_title.empty() && e.module_title != title) h.text(" · ").bdi(e.module_title);
  if (with_cohort && !e.cohort_name.empty()) h.text(" · ").bdi(e.cohort_name);
  h.close("p");
  if (s.cancelled()) {
    h.open("p", {{"class", "status"}}).open("strong");
    if (s.cancel_reason.empty())
      h.text(t("Cancelled"));
    else
      h.message(t("Cancelled: {reason}"), {{"reason", s.cancel_reason}});
    h.close("strong").close("p");
  } else if (e.moved()) {
    h.open("p", {{"class", "status"}}).el("strong", t("Moved")).close("p");
  }
  h.open("p", {{"class", "where"}});
  if (s.kind == "online") {
    h.text(t("Online"));
    if (!s.meeting_url.empty())
      h.text(" · ")
          .open("a", {{"href", s.meeting_url}, {"class", "meeting"}})
          .text(t("Join the meeting"))
          .close("a");
  } else {
    if (!s.place.empty() && !s.room.empty())
      h.message(t("{place}, {room}"), {{"place", s.place}, {"room", s.room}});
    else if (!s.place.empty() || !s.room.empty())
      h.bdi(s.place.empty() ? s.room : s.place);
    else
      h.text(t("On site"));
  }
  h.close("p");
  if (!e.lecturers.empty())
    h.open("p", {{"class", "who"}}).text(t("Lecturers:")).text(" ").list(t, e.lecturers).close("p");
  h.close("li");
}

void months(Html& h, const web::Ctx& ctx, const std::vector<Month>& ms, bool with_cohort) {
  Cities cities;
  const auto& t = ctx.tr;
  for (const auto& m : ms) {
    h.open("section", {{"class", "month"}});
    h.el("h2", t.format("yMMMM", m.first_start));
    for (const auto& b : m.blocks) {
      h.open("section", {{"class", b.on_site ? "block on-site" : "block"}});
      h.open("h3");
      if (b.on_site) {
        const std::string when = b.first_day == b.last_day
                                     ? day_text(t, b.first_day)
                                     : t("{start} – {end}", {{"start", day_text(t, b.first_day)},
                                                             {"end", day_text(t, b.last_day)}});
        if (b.place.empty())
          h.text(t("On site: {dates}", {{"dates", when}}));
        else
          h.message(t("On site in {place}: {dates}", {{"dates", when}}), {{"place", b.place}});
      } else {
        const int64_t monday = b.first_day - ((b.first_day % 7 + 7 + 3) % 7);
        h.text(t("Week of {date}", {{"date", day_text(t, monday)}}));
      }
      h.close("h3");
      h.open("ol", {{"class", "sessions"}});
      for (const auto& e : b.entries) entry(h, ctx, cities, e, with_cohort);
      h.close("ol");
      h.close("section");
    }
    h.close("section");
  }
}

void zone_note(Html& h, const web::Ctx& ctx) {
  const auto& t = ctx.tr;
  h.el("p", {{"class", "hint"}},
       t("Times are in your time zone, {zone}.",
         {{"zone", time_zone_name(t.time_zone(), t.language())}}));
}

}  // namespace

std::string cohort_timetable(const web::Ctx& ctx, const CohortTimetable& tt) {
  const auto& t = ctx.tr;
  Html h;
  h.open("h1").message(t("Timetable of {cohort}"), {{"cohort", tt.cohort.name}}).close("h1");
  zone_note(h, ctx);
  h.open("p", {{"class", "no-print"}})
      .open("a", {{"href", "/cohorts/" + std::to_string(tt.cohort.id)}})
      .text(t("The cohort"))
      .close("a");
  h.text(" · ")
      .open("a", {{"href", "/cohorts/" + std::to_string(tt.cohort.id) + "/curriculum"}})
      .text(t("Modules and sessions"))
      .close("a");
  if (tt.can_subscribe)
    h.text(" · ")
        .open("a", {{"href", "/cohorts/" + std::to_string(tt.cohort.id) + "/calendar"}})
        .text(t("Subscribe to the cohort's calendar"))
        .close("a");
  else
    h.text(" · ")
        .open("a", {{"href", "/calendar"}})
        .text(t("Subscribe in your calendar app"))
        .close("a");
  h.close("p");
  if (tt.months.empty()) h.el("p", t("No sessions are planned yet."));
  months(h, ctx, tt.months, false);
  if (!tt.months.empty()) {
    h.open("div", {{"class", "no-print"}});
    web::export_links(h, t, "/cohorts/" + std::to_string(tt.cohort.id) + "/timetable", "");
    h.close("div");
  }
  return std::move(h).str();
}

web::Table timetable_table(const Tr& t, const CohortTimetable& tt) {
  web::Table table;
  table.header = {t("Date"),      t("Start"),  t("End"),   t("Time zone"), t("Title"),
                  t("Module"),    t("Format"), t("Place"), t("Room"),      t("Meeting link"),
                  t("Lecturers"), t("Status"), t("Reason")};
  for (const auto& m : tt.months)
    for (const auto& b : m.blocks)
      for (const auto& e : b.entries) {
        const Session& s = e.session;
        table.rows.push_back({t.date(s.starts_at), t.format("Hm", s.starts_at),
                              t.format("Hm", s.ends_at), s.time_zone, s.title, e.module_title,
                              s.kind == "online" ? t("Online") : t("On site"), s.place, s.room,
                              s.meeting_url, t.list(e.lecturers),
                              s.cancelled() ? t("Cancelled")
                              : e.moved()   ? t("Moved")
                                            : t("Planned"),
                              s.cancel_reason});
      }
  return table;
}

std::string my_timetable(const web::Ctx& ctx, const MyTimetable& tt) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", tt.past ? t("My past sessions") : t("My timetable"));
  zone_note(h, ctx);
  h.open("p", {{"class", "no-print"}});
  if (tt.past)
    h.open("a", {{"href", "/timetable"}}).text(t("My next sessions")).close("a");
  else
    h.open("a", {{"href", "/timetable?past=1"}}).text(t("My past sessions")).close("a");
  h.text(" · ")
      .open("a", {{"href", "/calendar"}})
      .text(t("Subscribe in your calendar app"))
      .close("a");
  h.close("p");
  if (tt.months.empty())
    h.el("p", tt.past ? t("No sessions have taken place yet.") : t("No sessions are coming up."));
  months(h, ctx, tt.months, true);
  if (tt.sessions >= tt.limit)
    h.el("p", {{"class", "hint"}},
         t.plural("Only the first {n} session is shown.", "Only the first {n} sessions are shown.",
                  tt.limit));
  return std::move(h).str();
}

std::string feed_page(const web::Ctx& ctx, const FeedPage& p, const std::string& action) {
  const auto& t = ctx.tr;
  Html h;
  if (p.cohort)
    h.open("h1").message(t("Calendar of {cohort}"), {{"cohort", p.cohort->name}}).close("h1");
  else
    h.el("h1", t("My calendar"));
  h.open("section", {{"class", "card"}, {"aria-labelledby", "feed-title"}});
  h.el("h2", {{"id", "feed-title"}}, t("Subscribe in your calendar app"));
  h.el("p", p.cohort ? t("Subscribe to this address in your calendar app (Outlook, Google "
                         "Calendar, Apple Calendar, Thunderbird) to see every session of the "
                         "cohort there. Your app updates it by itself, moved and cancelled "
                         "sessions included.")
                     : t("Subscribe to this address in your calendar app (Outlook, Google "
                         "Calendar, Apple Calendar, Thunderbird) to see your sessions there. "
                         "Your app updates it by itself, moved and cancelled sessions included."));
  h.el("p", t("The address is private: whoever has it sees these sessions without signing in. "
              "If it got into the wrong hands, make a new one; the old one then stops working."));
  if (!p.url.empty()) {
    h.el("h3", t("Your calendar address"));
    h.el("p", {{"class", "flash warning"}, {"role", "status"}},
         t("Copy it now: crm keeps only a fingerprint of it and cannot show it again."));
    h.open("div", {{"class", "field"}});
    h.el("label", {{"for", "feed-webcal"}}, t("For calendar apps (webcal)"));
    h.empty("input", {{"id", "feed-webcal"},
                      {"type", "text"},
                      {"readonly", "readonly"},
                      {"dir", "ltr"},
                      {"value", p.webcal_url}});
    h.close("div");
    h.open("div", {{"class", "field"}});
    h.el("label", {{"for", "feed-https"}}, t("As a web address (https)"));
    h.empty("input", {{"id", "feed-https"},
                      {"type", "text"},
                      {"readonly", "readonly"},
                      {"dir", "ltr"},
                      {"value", p.url}});
    h.close("div");
    h.open("p").open("a", {{"href", p.webcal_url}}).text(t("Open in my calendar app")).close("a");
    h.close("p");
  } else if (p.since) {
    h.el("p", t("You made your address on {date}.", {{"date", t.date_time(*p.since)}}));
  } else {
    h.el("p", t("You have no calendar address yet."));
  }
  h.open("form", {{"method", "post"}, {"action", action}});
  h.empty("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", ctx.csrf}});
  h.el("button", {{"type", "submit"}, {"class", p.since ? "button" : "button primary"}},
       p.since    ? t("Make a new address (the old one stops working)")
       : p.cohort ? t("Make a calendar address for this cohort")
                  : t("Make my calendar address"));
  h.close("form");
  h.close("section");
  return std::move(h).str();
}

std::string next_sessions_card(const web::Ctx& ctx, const std::vector<Entry>& entries) {
  const auto& t = ctx.tr;
  Html h;
  h.open("section", {{"class", "card"}, {"aria-labelledby", "next-sessions-title"}});
  h.el("h2", {{"id", "next-sessions-title"}}, t("Next sessions"));
  if (entries.empty()) {
    h.el("p", t("No sessions are coming up."));
  } else {
    h.open("ol", {{"class", "sessions"}});
    Cities cities;
    for (const auto& e : entries) entry(h, ctx, cities, e, true);
    h.close("ol");
  }
  h.open("p")
      .open("a", {{"href", "/timetable"}})
      .text(t("My timetable"))
      .close("a")
      .text(" · ")
      .open("a", {{"href", "/calendar"}})
      .text(t("Subscribe in your calendar app"))
      .close("a")
      .close("p");
  h.close("section");
  return std::move(h).str();
}

}  // namespace crm::curriculum::views
