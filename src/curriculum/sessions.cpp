// Sessions of a cohort: planning, moving, cancelling, and the mails that
// tell those concerned.
#include <algorithm>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "curriculum/access.hpp"
#include "curriculum/policy.hpp"
#include "curriculum/service.hpp"
#include "curriculum/store.hpp"
#include "mail/outbox.hpp"
#include "web/html.hpp"

namespace crm::curriculum {

namespace {

constexpr size_t kMaxTitle = 200, kMaxText = 5000, kMaxUrl = 2000;

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

bool web_link(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://"))
    rest = url.substr(8);
  else if (url.starts_with("http://"))
    rest = url.substr(7);
  else
    return false;
  if (rest.empty() || rest.front() == '/' || url.size() > kMaxUrl) return false;
  return std::none_of(url.begin(), url.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

namespace {

SessionForm form_of(const Session& s) {
  SessionForm f;
  f.module_id = s.module_id ? std::to_string(s.module_id) : "";
  f.title = s.title;
  f.description = s.description;
  f.kind = s.kind;
  f.meeting_url = s.meeting_url;
  f.place = s.place;
  f.room = s.room;
  f.time_zone = s.time_zone;
  auto a = local_parts(s.starts_at, s.time_zone), b = local_parts(s.ends_at, s.time_zone);
  f.start_date = a.date;
  f.start_time = a.time;
  f.end_date = b.date;
  f.end_time = b.time;
  f.lecturers = s.lecturer_ids;
  return f;
}

// The session `form` plans (times, place, texts, lecturers) over `s`, or why not.
Result<LocalInstant> check(web::Ctx& ctx, const programme::Cohort& cohort, const SessionForm& form,
                           Session& s) {
  s.title = trim(form.title);
  if (s.title.empty()) return invalid("title", N_("Enter a title."));
  if (s.title.size() > kMaxTitle)
    return invalid("title", plural("At most {n} character.", "At most {n} characters.", kMaxTitle));
  s.description = trim(form.description);
  if (s.description.size() > kMaxText)
    return invalid("description",
                   plural("At most {n} character.", "At most {n} characters.", kMaxText));
  s.module_id = 0;
  if (!trim(form.module_id).empty()) {
    auto id = parse_whole_number(trim(form.module_id));
    auto m = id ? store::find_module(ctx.db, static_cast<int64_t>(*id)) : std::nullopt;
    if (!m || m->cohort_id != cohort.id)
      return invalid("module_id", N_("Choose a module of this cohort."));
    s.module_id = m->id;
  }
  if (std::find(session_kinds().begin(), session_kinds().end(), form.kind) == session_kinds().end())
    return invalid("kind", N_("Choose online or on site."));
  s.kind = form.kind;
  s.meeting_url = trim(form.meeting_url);
  s.place = trim(form.place);
  s.room = trim(form.room);
  if (s.place.size() > kMaxTitle || s.room.size() > kMaxTitle)
    return invalid(s.place.size() > kMaxTitle ? "place" : "room",
                   plural("At most {n} character.", "At most {n} characters.", kMaxTitle));
  if (s.kind == "online") {
    if (!web_link(s.meeting_url))
      return invalid("meeting_url",
                     N_("Enter the meeting link as a web address starting with https://."));
  } else {
    if (!s.meeting_url.empty() && !web_link(s.meeting_url))
      return invalid("meeting_url",
                     N_("Enter the meeting link as a web address starting with https://."));
    if (s.place.empty()) return invalid("place", N_("Enter the place of an on-site session."));
  }
  s.time_zone = trim(form.time_zone);
  auto start = local_instant(form.start_date, form.start_time, s.time_zone, "start");
  if (!start) return start.error();
  auto end = local_instant(trim(form.end_date).empty() ? form.start_date : form.end_date,
                           form.end_time, s.time_zone, "end");
  if (!end) return end.error();
  if (end->at <= start->at) return invalid("end_time", N_("The session must end after it starts."));
  if (end->at - start->at > 14 * 86400)
    return invalid("end_date", N_("A session lasts at most two weeks."));
  s.starts_at = start->at;
  s.ends_at = end->at;
  if (!detail::lecturers_of_cohort(ctx, cohort.id, form.lecturers))
    return invalid("lecturer", N_("Choose lecturers of this cohort."));
  s.lecturer_ids = form.lecturers;
  std::sort(s.lecturer_ids.begin(), s.lecturer_ids.end());
  s.lecturer_ids.erase(std::unique(s.lecturer_ids.begin(), s.lecturer_ids.end()),
                       s.lecturer_ids.end());
  return LocalInstant{start->at, start->ambiguous || end->ambiguous};
}

std::string where(const Tr& t, const Session& s) {
  if (s.kind == "online") return t("Online: {link}", {{"link", s.meeting_url}});
  return s.room.empty() ? s.place : s.place + ", " + s.room;
}

std::string when(const Tr& t, const Session& s) {
  return time_span(t, s.starts_at, s.ends_at) + " (" + time_zone_name(t.time_zone(), t.language()) +
         ")";
}

enum class Change { moved, cancelled, restored };

// Queues one mail per person concerned, in their language and time zone.
void notify(web::Ctx& ctx, const programme::Cohort& cohort, const Session& before,
            const Session& after, Change change) {
  for (const auto& r : store::session_recipients(ctx.db, after.id, after.cohort_id)) {
    const std::string lang = is_language(r.language) ? r.language : "en";
    const std::string zone =
        is_time_zone(r.time_zone) && r.time_zone != "UTC" ? r.time_zone : after.time_zone;
    Tr t(ctx.catalogs, lang, zone);
    std::vector<std::string> paragraphs;
    mail::OutMail m;
    m.to_address = r.email;
    m.to_name = r.name;
    switch (change) {
      case Change::moved:
        m.subject = t("Session moved: {title}", {{"title", after.title}});
        paragraphs.push_back(t("The session “{title}” of {cohort} has been changed.",
                               {{"title", after.title}, {"cohort", cohort.name}}));
        paragraphs.push_back(t("Before: {time}", {{"time", when(t, before)}}) + "\n" +
                             where(t, before));
        paragraphs.push_back(t("Now: {time}", {{"time", when(t, after)}}) + "\n" + where(t, after));
        break;
      case Change::cancelled:
        m.subject = t("Session cancelled: {title}", {{"title", after.title}});
        paragraphs.push_back(t("The session “{title}” of {cohort} has been cancelled.",
                               {{"title", after.title}, {"cohort", cohort.name}}));
        paragraphs.push_back(t("It was planned for: {time}", {{"time", when(t, before)}}));
        paragraphs.push_back(t("Reason: {reason}", {{"reason", after.cancel_reason}}));
        break;
      case Change::restored:
        m.subject = t("Session planned again: {title}", {{"title", after.title}});
        paragraphs.push_back(t("The session “{title}” of {cohort} takes place after all.",
                               {{"title", after.title}, {"cohort", cohort.name}}));
        paragraphs.push_back(t("Now: {time}", {{"time", when(t, after)}}) + "\n" + where(t, after));
        break;
    }
    const std::string link = ctx.config.base_url + "/sessions/" + std::to_string(after.id);
    web::Html h;
    h.open("div", {{"dir", t.dir()}, {"lang", t.language()}});
    for (const auto& p : paragraphs) {
      m.text += p + "\n\n";
      h.open("p");
      bool first = true;
      for (size_t a = 0, b; a <= p.size(); a = b + 1) {
        b = p.find('\n', a);
        if (b == std::string::npos) b = p.size();
        if (!first) h.empty("br");
        first = false;
        h.text(p.substr(a, b - a));
      }
      h.close("p");
    }
    m.text += t("Open the session") + ":\n" + link + "\n";
    h.open("p").open("a", {{"href", link}}).text(t("Open the session")).close("a").close("p");
    h.close("div");
    m.html = std::move(h).str();
    mail::queue(ctx, m);
  }
}

bool moved(const Session& a, const Session& b) {
  return a.starts_at != b.starts_at || a.ends_at != b.ends_at || a.time_zone != b.time_zone ||
         a.kind != b.kind || a.place != b.place || a.room != b.room ||
         a.meeting_url != b.meeting_url;
}

std::string summary(const Session& s) {
  return "start=" + std::to_string(s.starts_at) + " end=" + std::to_string(s.ends_at) +
         " zone=" + s.time_zone + " kind=" + s.kind + " place=" + s.place + " room=" + s.room +
         " url=" + s.meeting_url + " status=" + s.status +
         " sequence=" + std::to_string(s.sequence);
}

}  // namespace

Result<SessionFormPage> new_session_page(web::Ctx& ctx, int64_t cohort_id) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !a->plan) return not_found();
  SessionFormPage p;
  p.cohort = std::move(a->cohort);
  p.modules = store::list_modules(ctx.db, cohort_id);
  p.lecturers = store::cohort_lecturers(ctx.db, cohort_id);
  p.form.time_zone = store::last_session_zone(ctx.db, cohort_id);
  if (p.form.time_zone.empty()) p.form.time_zone = ctx.actor.time_zone;
  return p;
}

Result<SessionFormPage> edit_session_page(web::Ctx& ctx, int64_t session_id) {
  auto s = store::find_session(ctx.db, session_id);
  if (!s) return not_found();
  auto p = new_session_page(ctx, s->cohort_id);
  if (!p) return p;
  p->session_id = s->id;
  p->form = form_of(*s);
  return p;
}

Result<SavedSession> create_session(web::Ctx& ctx, int64_t cohort_id, const SessionForm& form) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !a->plan) return not_found();
  Session s;
  s.cohort_id = cohort_id;
  auto checked = check(ctx, a->cohort, form, s);
  if (!checked) return checked.error();
  s.uid = auth::random_token() + "@crm";
  db::Transaction tx(ctx.db);
  s.id = store::insert_session(ctx.db, s, ctx.now);
  store::replace_session_lecturers(ctx.db, s.id, s.lecturer_ids);
  auth::audit(ctx, "session.create", "session", std::to_string(s.id), summary(s));
  tx.commit();
  return SavedSession{s.id, checked->ambiguous, s.starts_at, false};
}

Result<SavedSession> update_session(web::Ctx& ctx, int64_t session_id, const SessionForm& form) {
  auto old = store::find_session(ctx.db, session_id);
  if (!old) return not_found();
  auto a = detail::cohort_access(ctx, old->cohort_id);
  if (!a || !a->plan) return not_found();
  if (old->cancelled())
    return invalid("", N_("This session is cancelled. Plan it again before you change it."));
  Session s = *old;
  auto checked = check(ctx, a->cohort, form, s);
  if (!checked) return checked.error();
  const bool was_moved = moved(*old, s);
  if (was_moved) ++s.sequence;
  db::Transaction tx(ctx.db);
  store::update_session(ctx.db, s, ctx.now);
  store::replace_session_lecturers(ctx.db, s.id, s.lecturer_ids);
  auth::audit(ctx, was_moved ? "session.move" : "session.update", "session", std::to_string(s.id),
              auth::changes_json({{"session", {summary(*old), summary(s)}}}));
  if (was_moved) notify(ctx, a->cohort, *old, s, Change::moved);
  tx.commit();
  return SavedSession{s.id, checked->ambiguous, s.starts_at, was_moved};
}

Status cancel_session(web::Ctx& ctx, int64_t session_id, const std::string& reason) {
  auto old = store::find_session(ctx.db, session_id);
  if (!old) return not_found();
  auto a = detail::cohort_access(ctx, old->cohort_id);
  if (!a || !a->plan) return not_found();
  if (old->cancelled()) return invalid("", N_("This session is already cancelled."));
  Session s = *old;
  s.cancel_reason = trim(reason);
  if (s.cancel_reason.empty())
    return invalid("reason", N_("Say why the session is cancelled: those taking part are told."));
  if (s.cancel_reason.size() > kMaxText)
    return invalid("reason", plural("At most {n} character.", "At most {n} characters.", kMaxText));
  s.status = "cancelled";
  ++s.sequence;
  db::Transaction tx(ctx.db);
  store::update_session(ctx.db, s, ctx.now);
  auth::audit(ctx, "session.cancel", "session", std::to_string(s.id), s.cancel_reason);
  notify(ctx, a->cohort, *old, s, Change::cancelled);
  tx.commit();
  return ok();
}

Status restore_session(web::Ctx& ctx, int64_t session_id) {
  auto old = store::find_session(ctx.db, session_id);
  if (!old) return not_found();
  auto a = detail::cohort_access(ctx, old->cohort_id);
  if (!a || !a->plan) return not_found();
  if (!old->cancelled()) return invalid("", N_("This session is not cancelled."));
  Session s = *old;
  s.status = "scheduled";
  s.cancel_reason.clear();
  ++s.sequence;
  db::Transaction tx(ctx.db);
  store::update_session(ctx.db, s, ctx.now);
  auth::audit(ctx, "session.restore", "session", std::to_string(s.id));
  notify(ctx, a->cohort, *old, s, Change::restored);
  tx.commit();
  return ok();
}

Result<SessionPage> session_page(web::Ctx& ctx, int64_t session_id) {
  auto s = store::find_session(ctx.db, session_id);
  if (!s) return not_found();
  auto a = detail::cohort_access(ctx, s->cohort_id);
  if (!a) return not_found();
  SessionPage p;
  p.cohort = std::move(a->cohort);
  p.can_plan = a->plan;
  const bool lecturer = ctx.actor.role == auth::Role::lecturer &&
                        store::is_session_lecturer(ctx.db, session_id, ctx.actor.id);
  p.can_add_materials = policy::can_add_materials(ctx.actor.role, a->in_programme, lecturer);
  p.can_take_attendance = policy::can_take_attendance(ctx.actor.role, a->in_programme, lecturer);
  if (s->module_id)
    if (auto m = store::find_module(ctx.db, s->module_id))
      if (const auto* t = text_for(*m, ctx.tr.language())) p.module_title = t->title;
  p.lecturer_names = detail::lecturer_names(ctx, s->cohort_id);
  p.materials = store::list_materials(ctx.db, session_id);
  p.session = std::move(*s);
  return p;
}

}  // namespace crm::curriculum
