#include "surveys/round_service.hpp"

#include "core/text.hpp"

#include <algorithm>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "curriculum/service.hpp"
#include "programme/store.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/dispatch.hpp"
#include "surveys/links.hpp"
#include "surveys/policy.hpp"
#include "surveys/store.hpp"

namespace crm::surveys {

namespace {

// Whether the actor (signed in) may manage the surveys of `programme`.
bool manages(web::Ctx& ctx, int64_t programme) {
  const auto m = programme::store::membership(ctx.db, programme, ctx.actor.id);
  return policy::can_manage_surveys(ctx.actor.role, m.in_programme);
}

// The survey when the actor may manage its programme's surveys.
std::optional<Survey> managed_survey(web::Ctx& ctx, int64_t survey_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto s = store::find_survey_any(ctx.db, survey_id);
  if (!s || !manages(ctx, s->programme_id)) return std::nullopt;
  return s;
}

// The round (its survey's title in the reader's language) likewise.
std::optional<round_store::RoundRow> managed_round(web::Ctx& ctx, int64_t round_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto r = round_store::find(ctx.db, 0, round_id, std::string(ctx.tr.language()));
  if (!r || !manages(ctx, r->programme_id)) return std::nullopt;
  return r;
}

using text::trim;

// The whole number from `min` to `max` typed in `field`; invalid with
// `message` (its {min} and {max} filled in) otherwise.
Result<long> whole_in(const std::string& typed, const char* field, long min, long max,
                      const char* message) {
  auto n = parse_whole_number(trim(typed));
  if (!n || *n < min || *n > max) return invalid(field, message, {{"min", min}, {"max", max}});
  return static_cast<long>(*n);
}

std::string staff_zone(const web::Ctx& ctx) {
  return is_time_zone(ctx.actor.time_zone) ? ctx.actor.time_zone : "UTC";
}

// Days since 1970-01-01 of a civil date and back (proleptic Gregorian).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

bool leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

int64_t add_months(int64_t at, long months) {
  constexpr int64_t kDay = 86400;
  int64_t days = at >= 0 ? at / kDay : (at - kDay + 1) / kDay;
  const int64_t second = at - days * kDay;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  int64_t index = y * 12 + (m - 1) + months;
  y = index >= 0 ? index / 12 : (index - 11) / 12;
  m = static_cast<unsigned>(index - y * 12) + 1;
  static constexpr unsigned kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const unsigned last = kLength[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  d = std::min(d, last);
  return days_from_civil(y, m, d) * kDay + second;
}

Result<NewRoundPage> new_round_page(web::Ctx& ctx, int64_t survey_id) {
  auto s = managed_survey(ctx, survey_id);
  if (!s) return not_found();
  NewRoundPage p;
  p.survey = std::move(*s);
  p.title = store::find_staff_title(ctx.db, p.survey.programme_id, p.survey.id,
                                    std::string(ctx.tr.language()));
  p.time_zone = staff_zone(ctx);
  p.cohorts = round_store::cohorts(ctx.db, p.survey.programme_id);
  p.sessions = round_store::sessions(ctx.db, p.survey.programme_id);
  if (!p.cohorts.empty()) p.form.cohort = std::to_string(p.cohorts.front().id);
  // Opening today at the next full hour, closing two weeks later.
  const int64_t open = (ctx.now / 3600 + 1) * 3600;
  auto a = curriculum::local_parts(open, p.time_zone);
  auto b = curriculum::local_parts(open + 14 * 86400, p.time_zone);
  p.form.opens_date = a.date;
  p.form.opens_time = a.time;
  p.form.closes_date = b.date;
  p.form.closes_time = b.time;
  return p;
}

Result<int64_t> create_round(web::Ctx& ctx, int64_t survey_id, const RoundForm& form) {
  auto s = managed_survey(ctx, survey_id);
  if (!s) return not_found();
  if (s->archived_at) return invalid("", N_("This survey is archived: it can no longer be sent."));
  auto version = store::latest_version(ctx.db, s->programme_id, s->id);
  if (!version || version->definition.questions.empty())
    return invalid("", N_("This survey has no questions yet: add some before sending it."));

  Round r;
  r.survey_id = s->id;
  r.audience = trim(form.audience);
  if (std::find(std::begin(kAudiences), std::end(kAudiences), r.audience) == std::end(kAudiences))
    return invalid("audience", N_("Choose whom the survey goes to."));
  auto cohort_id = parse_whole_number(trim(form.cohort));
  auto cohort =
      cohort_id ? programme::store::find_cohort_access(ctx.db, *cohort_id, 0) : std::nullopt;
  if (!cohort || cohort->cohort.programme_id != s->programme_id)
    return invalid("cohort", N_("Choose a cohort of this programme."));
  r.cohort_id = cohort->cohort.id;
  if (r.audience == "session") {
    auto session_id = parse_whole_number(trim(form.session));
    auto session = session_id ? curriculum::store::find_session(ctx.db, *session_id) : std::nullopt;
    if (!session || session->cohort_id != r.cohort_id)
      return invalid("session", N_("Choose a session of the chosen cohort."));
    r.session_id = session->id;
  }
  if (r.audience == "graduates") {
    auto months = whole_in(form.months, "months", 1, kMaxMonthsAfter,
                           N_("Enter a number of months from {min} to {max}."));
    if (!months) return months.error();
    r.months_after = *months;
  }
  r.phase = trim(form.phase);
  if (r.phase != "" && r.phase != "pre" && r.phase != "post")
    return invalid("phase", N_("Choose before, after or neither."));
  const std::string zone = staff_zone(ctx);
  auto opens =
      curriculum::local_instant(trim(form.opens_date), trim(form.opens_time), zone, "opens_date");
  if (!opens) return opens.error();
  auto closes = curriculum::local_instant(trim(form.closes_date), trim(form.closes_time), zone,
                                          "closes_date");
  if (!closes) return closes.error();
  r.opens_at = opens->at;
  r.closes_at = closes->at;
  if (r.closes_at <= r.opens_at)
    return invalid("closes_date", N_("The survey must close after it opens."));
  if (r.closes_at <= ctx.now)
    return invalid("closes_date", N_("The closing date has passed: choose a later one."));
  auto days = whole_in(form.reminder_days, "reminder_days", 0, kMaxReminderDays,
                       N_("Enter a number of days from {min} to {max}."));
  if (!days) return days.error();
  r.reminder_days = *days;
  r.created_at = ctx.now;

  db::Transaction tx(ctx.db);
  store::freeze_version(ctx.db, version->id, ctx.now);
  const int64_t id = round_store::insert_round(ctx.db, r, ctx.actor.id);
  long invited = 0;
  auto invite = [&](int64_t person, int64_t send_at) {
    // A digest of a token nobody holds: the job issues the link (dispatch.hpp).
    if (round_store::insert_invitation(ctx.db, id, person, invitation_hash(auth::random_token()),
                                       send_at))
      ++invited;
  };
  if (r.audience == "cohort")
    for (int64_t p : round_store::cohort_participants(ctx.db, r.cohort_id)) invite(p, r.opens_at);
  if (r.audience == "session")
    for (int64_t p : round_store::session_attendees(ctx.db, r.session_id, r.cohort_id))
      invite(p, r.opens_at);
  if (r.audience == "graduates")
    for (const auto& g : round_store::graduates(ctx.db, r.cohort_id))
      invite(g.person_id, add_months(g.completed_on, r.months_after));
  enqueue_dispatch(ctx, id, s->programme_id, r.opens_at);
  auth::audit(ctx, "survey_round.created", "survey_round", std::to_string(id),
              auth::changes_json({{"survey", {"", std::to_string(s->id)}},
                                  {"version", {"", std::to_string(version->id)}},
                                  {"audience", {"", r.audience}},
                                  {"cohort", {"", std::to_string(r.cohort_id)}},
                                  {"session", {"", std::to_string(r.session_id)}},
                                  {"months_after", {"", std::to_string(r.months_after)}},
                                  {"phase", {"", r.phase}},
                                  {"opens_at", {"", std::to_string(r.opens_at)}},
                                  {"closes_at", {"", std::to_string(r.closes_at)}},
                                  {"reminder_days", {"", std::to_string(r.reminder_days)}},
                                  {"invited", {"", std::to_string(invited)}}}));
  tx.commit();
  return id;
}

Result<RoundPage> round_page(web::Ctx& ctx, int64_t round_id) {
  auto r = managed_round(ctx, round_id);
  if (!r) return not_found();
  db::ReadSnapshot snapshot(ctx.db);
  RoundPage p;
  p.round = std::move(*r);
  p.counts = round_store::counts(ctx.db, round_id);
  if (!p.round.anonymous) p.people = round_store::people(ctx.db, round_id);
  return p;
}

Status cancel_round(web::Ctx& ctx, int64_t round_id) {
  auto r = managed_round(ctx, round_id);
  if (!r) return not_found();
  if (r->round.cancelled_at) return invalid("", N_("This round has been cancelled already."));
  db::Transaction tx(ctx.db);
  if (!round_store::cancel(ctx.db, round_id, ctx.now))
    return invalid("", N_("This round has been cancelled already."));
  auth::audit(ctx, "survey_round.cancelled", "survey_round", std::to_string(round_id));
  tx.commit();
  return ok();
}

Result<long> remind_now(web::Ctx& ctx, int64_t round_id) {
  auto r = managed_round(ctx, round_id);
  if (!r) return not_found();
  if (r->round.cancelled_at) return invalid("", N_("This round has been cancelled."));
  if (ctx.now >= r->round.closes_at) return invalid("", N_("This round has closed."));
  if (ctx.now < r->round.opens_at) return invalid("", N_("This round has not opened yet."));
  return send_reminders(ctx, round_id, ctx.now, true);
}

}  // namespace crm::surveys
