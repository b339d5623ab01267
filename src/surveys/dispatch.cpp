#include "surveys/dispatch.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "jobs/service.hpp"
#include "mail/outbox.hpp"
#include "surveys/definition.hpp"
#include "surveys/links.hpp"
#include "surveys/round_service.hpp"
#include "surveys/round_store.hpp"
#include "web/html.hpp"

namespace crm::surveys {

namespace {

constexpr int64_t kDay = 86400;

int64_t round_of_payload(const std::string& payload) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return 0;
  const auto* id = v.as_object().if_contains("round");
  return id && id->is_int64() ? id->as_int64() : 0;
}

// The programme's default language for someone without an account (or with
// one in a language crm does not speak).
std::string default_language(const round_store::VersionTexts& v) {
  return is_language(v.default_language) ? v.default_language : "en";
}

// The mail of an invitation (or of a reminder) with its personal link, in
// the recipient's language and time zone. No answers: it is sent before any.
mail::OutMail compose(web::Ctx& ctx, const round_store::RoundRow& r,
                      const round_store::VersionTexts& v, const round_store::Due& d,
                      const std::string& token, bool reminder) {
  const std::string lang = is_language(d.language) ? d.language : default_language(v);
  const std::string zone = is_time_zone(d.time_zone) ? d.time_zone : "UTC";
  Tr t(ctx.catalogs, lang, zone);
  const std::string reading =
      std::find(v.languages.begin(), v.languages.end(), lang) != v.languages.end()
          ? lang
          : v.default_language;
  std::string title = text_in(v.title, reading, v.default_language);
  if (title.empty()) title = r.survey_title;
  const std::string intro = text_in(v.intro, reading, v.default_language);
  const std::string link = ctx.config.base_url + "/s/" + token;

  mail::OutMail m;
  m.to_address = d.email;
  m.to_name = d.name;
  m.subject = reminder ? t("Reminder: survey “{title}”", {{"title", title}})
                       : t("Survey: {title}", {{"title", title}});
  std::vector<std::string> paragraphs;
  paragraphs.push_back(
      reminder ? t("You have not answered the survey “{title}” yet. We would "
                   "be glad to hear from you.",
                   {{"title", title}})
               : t("You are invited to answer the survey “{title}”.", {{"title", title}}));
  if (!intro.empty()) paragraphs.push_back(intro);
  paragraphs.push_back(r.anonymous
                           ? t("This survey is anonymous: your answers are stored without your "
                               "name and without anything that leads to you.")
                           : t("This survey is not anonymous: your answers are stored with your "
                               "name, and the programme's staff can see them."));
  paragraphs.push_back(
      t("The survey is open until {date}.", {{"date", t.date_time(r.round.closes_at)}}));
  if (reminder)
    paragraphs.push_back(
        t("This mail carries a new personal link. It goes on where you left off: answers you "
          "began are kept. The link of our first mail still works too."));
  paragraphs.push_back(t("The link below is yours alone: please do not pass it on."));

  web::Html h;
  h.open("div", {{"dir", t.dir()}, {"lang", t.language()}});
  for (const auto& p : paragraphs) {
    m.text += p + "\n\n";
    h.el("p", p);
  }
  m.text += t("Answer the survey") + ":\n" + link + "\n";
  h.open("p").open("a", {{"href", link}}).text(t("Answer the survey")).close("a").close("p");
  h.close("div");
  m.html = std::move(h).str();
  return m;
}

void queue_mail(web::Ctx& ctx, const mail::OutMail& m) {
  if (ctx.request_id.starts_with("job-"))
    mail::queue(ctx.db, m, ctx.now);
  else
    mail::queue(ctx, m);
}

// Invites graduates who completed since the round was made. One transaction.
long pick_up_graduates(web::Ctx& ctx, const round_store::RoundRow& r) {
  db::Transaction tx(ctx.db);
  const auto invited = round_store::invited(ctx.db, r.round.id);
  const std::set<int64_t> have(invited.begin(), invited.end());
  long added = 0;
  for (const auto& g : round_store::graduates(ctx.db, r.round.cohort_id)) {
    if (have.count(g.person_id)) continue;
    const int64_t send_at = add_months(g.completed_on, r.round.months_after);
    if (round_store::insert_invitation(ctx.db, r.round.id, g.person_id,
                                       invitation_hash(auth::random_token()), send_at))
      ++added;
  }
  if (added)
    auth::audit(ctx, "survey_round.invited", "survey_round", std::to_string(r.round.id),
                auth::changes_json({{"added", {"", std::to_string(added)}}}));
  tx.commit();
  return added;
}

long send_due(web::Ctx& ctx, const round_store::RoundRow& r, const round_store::VersionTexts& v) {
  long sent = 0;
  for (const auto& d : round_store::due_to_send(ctx.db, r.round.id, ctx.now, kDispatchBatch)) {
    if (d.email.empty()) continue;
    const std::string token = auth::random_token();
    db::Transaction tx(ctx.db);
    if (!round_store::mark_sent(ctx.db, d.invitation, invitation_hash(token), ctx.now)) continue;
    queue_mail(ctx, compose(ctx, r, v, d, token, false));
    auth::audit(ctx, "survey_invitation.sent", "survey_invitation", std::to_string(d.invitation),
                auth::changes_json({{"round", {"", std::to_string(r.round.id)}}}));
    tx.commit();
    ++sent;
  }
  return sent;
}

}  // namespace

void enqueue_dispatch(web::Ctx& ctx, int64_t round, int64_t programme, int64_t run_at) {
  jobs::NewJob j;
  j.kind = std::string(kDispatchJob);
  j.payload = boost::json::serialize(boost::json::object{{"round", round}});
  j.key = std::string(kDispatchJob) + ":" + std::to_string(round) + ":" + std::to_string(run_at);
  j.run_at = run_at;
  j.max_attempts = 5;
  j.programme_id = programme;
  j.account_id = ctx.actor.id;
  if (ctx.request_id.starts_with("job-"))
    jobs::enqueue(ctx.db, j, ctx.now);
  else
    jobs::enqueue(ctx, j);
}

long send_reminders(web::Ctx& ctx, int64_t round, int64_t sent_before, bool again) {
  auto r = round_store::find(ctx.db, 0, round);
  if (!r) return 0;
  const auto v = round_store::version_texts(ctx.db, r->version_id);
  long reminded = 0;
  for (const auto& d :
       round_store::due_to_remind(ctx.db, round, sent_before, again, kDispatchBatch)) {
    if (d.email.empty()) continue;
    const std::string token = auth::random_token();
    db::Transaction tx(ctx.db);
    if (!round_store::mark_reminded(ctx.db, d.invitation, invitation_hash(token), ctx.now))
      continue;
    queue_mail(ctx, compose(ctx, *r, v, d, token, true));
    auth::audit(ctx, "survey_invitation.reminded", "survey_invitation",
                std::to_string(d.invitation),
                auth::changes_json({{"round", {"", std::to_string(round)}}}));
    tx.commit();
    ++reminded;
  }
  return reminded;
}

Dispatched dispatch(web::Ctx& ctx, int64_t round) {
  Dispatched out;
  auto r = round_store::find(ctx.db, 0, round);
  if (!r || r->round.cancelled_at || ctx.now >= r->round.closes_at) return out;
  if (ctx.now < r->round.opens_at) {
    out.next = r->round.opens_at;
    return out;
  }
  const auto& rd = r->round;
  if (rd.audience == "graduates") out.invited = pick_up_graduates(ctx, *r);
  const auto v = round_store::version_texts(ctx.db, r->version_id);
  out.sent = send_due(ctx, *r, v);
  const int64_t wait = static_cast<int64_t>(rd.reminder_days) * kDay;
  if (rd.reminder_days > 0) out.reminded = send_reminders(ctx, round, ctx.now - wait, false);

  // The next due time, if before closing.
  std::vector<int64_t> next;
  if (out.sent >= kDispatchBatch || out.reminded >= kDispatchBatch) next.push_back(ctx.now + 1);
  if (int64_t s = round_store::next_send_at(ctx.db, round); s > ctx.now) next.push_back(s);
  if (rd.reminder_days > 0)
    if (int64_t s = round_store::next_unreminded_sent_at(ctx.db, round); s && s + wait > ctx.now)
      next.push_back(s + wait);
  if (rd.audience == "graduates") next.push_back(ctx.now + kDay);
  if (!next.empty()) {
    const int64_t at = *std::min_element(next.begin(), next.end());
    if (at < rd.closes_at) out.next = at;
  }
  return out;
}

jobs::Handler dispatch_job(const Config& config, const Catalogs& catalogs,
                           const web::Assets& assets) {
  return [&config, &catalogs, &assets](jobs::JobContext& jc) {
    const int64_t round = round_of_payload(jc.job.payload);
    if (!round) return jobs::Outcome::fail("The job names no survey round.");
    web::Ctx ctx{jc.db, config, catalogs, assets, Tr(catalogs, "en")};
    ctx.now = jc.now;
    // The audit names whoever made the round while their account is active,
    // else crm itself.
    if (auto actor = jobs::actor_of(jc.db, jc.job)) ctx.actor = *actor;
    ctx.request_id = "job-" + std::to_string(jc.job.id);
    auto d = dispatch(ctx, round);
    if (d.next) {
      auto r = round_store::find(jc.db, 0, round);
      db::Transaction tx(jc.db);
      enqueue_dispatch(ctx, round, r ? r->programme_id : 0, d.next);
      tx.commit();
    }
    jc.progress(d.sent + d.reminded, d.sent + d.reminded);
    return jobs::Outcome::done();
  };
}

}  // namespace crm::surveys
