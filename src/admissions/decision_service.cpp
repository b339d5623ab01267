#include "admissions/decision_service.hpp"

#include "core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "admissions/apply_mail.hpp"
#include "admissions/apply_store.hpp"
#include "admissions/deadline.hpp"
#include "admissions/policy.hpp"
#include "auth/service.hpp"
#include "curriculum/service.hpp"
#include "jobs/service.hpp"
#include "programme/store.hpp"

namespace crm::admissions::decision {

namespace {

namespace ds = decision_store;

constexpr long kMaxWaiting = 1000;
constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxBody = 10000;
constexpr int64_t kDay = 86400;

using text::trim;

size_t length(std::string_view s) {
  return text::code_points(s);
}

bool known_kind(std::string_view k) {
  return k == "accepted" || k == "waiting" || k == "rejected";
}

Error sent_already() {
  return invalid("", N_("The decisions have been sent: they no longer change."));
}

// The first second after the local day `date` in `zone`: the last moment to
// confirm is the end of that day there. invalid on "confirm_by" unless it is
// a date after today.
Result<int64_t> confirm_by_of(const std::string& date, const std::string& zone, int64_t now,
                              const std::string& field = "confirm_by") {
  if (trim(date).empty())
    return invalid(field, N_("Give the date by which accepted applicants confirm."));
  auto at = deadline::closing_instant(trim(date), "23:59", zone, field);
  if (!at) return invalid(field, N_("Enter the date as YYYY-MM-DD."));
  if (*at - kDay <= now) return invalid(field, N_("The date to confirm by must be in the future."));
  return *at;
}

void enqueue_expiry(web::Ctx& ctx, int64_t call_id, int64_t programme_id, int64_t at) {
  jobs::NewJob j;
  j.kind = std::string(kExpiryJob);
  j.payload = boost::json::serialize(boost::json::object{{"call", call_id}});
  j.key = std::string(kExpiryJob) + ":" + std::to_string(call_id) + ":" + std::to_string(at);
  j.run_at = at;
  j.programme_id = programme_id;
  j.account_id = ctx.actor.id;
  jobs::enqueue(ctx, j);
}

selection::Applicant applicant_of(const RankedRow& r) {
  selection::Applicant a;
  a.id = r.applicant.id;
  a.score = r.score;
  a.reviews = r.reviews;
  a.route_roles = r.route_roles;
  a.gender = r.gender;
  a.country = r.applicant.organisation_country;
  a.organisation_type = r.applicant.organisation_type;
  return a;
}

// Who holds a place: accepted and not declined (confirmed or still to answer).
bool holds_place(const ds::DecisionRow& d) {
  return d.decision == "accepted" && !d.declined_at;
}

Offer offer_of(const DecisionsPage& p) {
  Offer o;
  std::vector<int64_t> holding;
  std::vector<selection::Applicant> all;
  std::vector<const Entry*> waiting;
  for (const auto& e : p.rows) {
    if (e.d.status != "submitted") continue;
    all.push_back(applicant_of(e.ranked));
    if (holds_place(e.d)) holding.push_back(e.d.id);
    if (e.d.decision == "waiting" && e.d.decided_at) waiting.push_back(&e);
  }
  o.free_places = std::max(0L, p.call.call.places - static_cast<long>(holding.size()));
  if (!o.free_places) return o;
  std::stable_sort(waiting.begin(), waiting.end(), [](const Entry* a, const Entry* b) {
    return a->d.waiting_rank.value_or(0) < b->d.waiting_rank.value_or(0);
  });
  for (const Entry* e : waiting) {
    auto with = holding;
    with.push_back(e->d.id);
    auto groups = selection::count_groups(all, p.call_bounds, with);
    const selection::Group* broken = nullptr;
    for (const auto& g : groups)
      if (!g.met()) {
        // A minimum that only more places could meet does not count
        // against this applicant when they bring it closer or leave it.
        if (g.short_by && static_cast<long>(with.size()) < p.call.call.places) continue;
        broken = &g;
        break;
      }
    if (!broken) {
      o.application = e->d.id;
      o.name = e->d.name;
      return o;
    }
    o.skipped.push_back({e->d.id, e->d.name, *broken});
  }
  return o;
}

struct Values {
  std::string name, call, confirm_by, link;
};

// The mail of one decision, in the applicant's language, queued in the
// caller's transaction.
void queue_decision_mail(web::Ctx& ctx, const ds::DecisionRow& d, const std::string& kind,
                         const std::string& zone, std::optional<int64_t> confirm_by,
                         const std::vector<ds::TemplateRow>& written,
                         const std::map<std::string, std::string>& titles) {
  const std::string lang = is_language(d.language) ? d.language : "en";
  Tr t(ctx.catalogs, lang, is_time_zone(zone) ? zone : "UTC");
  std::string subject = t.key(builtin_subject(kind)), body = t.key(builtin_body(kind));
  for (const auto& w : written)
    if (w.kind == kind && w.language == lang) {
      subject = w.subject;
      body = w.body;
    }
  std::string title;
  for (const auto& l : {lang, std::string("en")})
    if (auto it = titles.find(l); it != titles.end() && !it->second.empty()) {
      title = it->second;
      break;
    }
  if (title.empty() && !titles.empty()) title = titles.begin()->second;
  const std::map<std::string, std::string> values = {
      {"name", d.name},
      {"call", title},
      {"confirm_by", confirm_by ? t.date(*confirm_by - 1) : ""},
      {"link", ctx.config.base_url + "/applications/" + std::to_string(d.id)}};
  ApplicantMail m;
  m.to = d.email;
  m.to_name = d.name;
  m.subject = fill(subject, values);
  // Paragraphs are separated by an empty line.
  const std::string text = fill(body, values);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    std::string p =
        trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!p.empty()) m.paragraphs.push_back(p);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  queue_applicant_mail(ctx, t, m);
}

std::map<std::string, std::string> call_titles(web::Ctx& ctx, int64_t call_id) {
  std::map<std::string, std::string> out;
  if (auto call = apply_store::find_call(ctx.db, call_id))
    for (const auto& [lang, text] : call->texts) out[lang] = text.title;
  return out;
}

}  // namespace

// ------------------------------------------------------------- the page

Result<DecisionsPage> decisions_page(web::Ctx& ctx, int64_t call_id) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  auto facts = ds::call_facts(ctx.db, call_id);
  if (!facts) return not_found();
  auto ranking = rank(ctx.db, *call);
  if (!ranking) return ranking.error();
  auto rows = ds::decisions(ctx.db, call_id);
  std::map<int64_t, ds::DecisionRow> by_id;
  for (auto& d : rows) by_id.emplace(d.id, std::move(d));
  DecisionsPage p;
  p.call = std::move(*call);
  p.call_bounds = ranking->bounds;
  p.time_zone = facts->time_zone;
  p.sent = facts->status == "decided";
  p.open = deadline::is_open(p.call.call, ctx.now);
  long eligible_out = 0;
  for (auto& r : ranking->rows) {
    auto it = by_id.find(r.applicant.id);
    if (it == by_id.end()) continue;
    Entry e{std::move(r), std::move(it->second)};
    if (e.d.status == "submitted") {
      if (e.d.decision == "accepted") ++p.accepted;
      if (e.d.decision == "waiting") ++p.waiting;
      if (e.d.decision == "rejected") ++p.rejected;
      if (e.d.decision.empty()) ++p.undecided;
      if (!e.d.decision.empty() && !e.d.decided_at) ++p.unsent;
      if (e.d.confirmed_at) ++p.confirmed;
      if (e.d.declined_at) ++p.declined;
      if (e.ranked.eligible && !e.ranked.shortlisted) ++eligible_out;
    }
    p.rows.push_back(std::move(e));
  }
  p.waiting_places = std::min(eligible_out, p.call.call.places);
  const std::string zone = is_time_zone(p.time_zone) ? p.time_zone : "UTC";
  p.confirm_by = curriculum::local_parts(ctx.now + 14 * kDay, zone).date;
  if (p.sent) p.offer = offer_of(p);
  return p;
}

// ---------------------------------------------------------- deciding

Status decide(web::Ctx& ctx, int64_t call_id, const DecideForm& form) {
  auto page = decisions_page(ctx, call_id);
  if (!page) return page.error();
  if (page->sent) return sent_already();
  if (page->open)
    return invalid("", N_("The call still takes applications: decide after its deadline."));
  const int64_t now = ctx.now;
  struct Change {
    int64_t id;
    std::string before, after;
    std::optional<int64_t> rank, confirm_by;
  };
  std::vector<Change> changes;

  if (form.mode == "all") {
    auto n = parse_whole_number(trim(form.waiting));
    if (!n || *n < 0 || *n > kMaxWaiting)
      return invalid("waiting", N_("Enter how many go on the waiting list: from {min} to {max}."),
                     {{"min", 0}, {"max", kMaxWaiting}});
    bool any_accepted = false;
    for (const auto& e : page->rows)
      if (e.d.status == "submitted" && e.ranked.shortlisted) any_accepted = true;
    std::optional<int64_t> by;
    if (any_accepted) {
      auto at = confirm_by_of(form.confirm_by, page->time_zone, now);
      if (!at) return at.error();
      by = *at;
    }
    long rank = 0;
    for (const auto& e : page->rows) {
      if (e.d.status != "submitted") continue;
      Change c{e.d.id, e.d.decision, "rejected", std::nullopt, std::nullopt};
      if (e.ranked.shortlisted) {
        c.after = "accepted";
        c.confirm_by = by;
      } else if (e.ranked.eligible && rank < *n) {
        c.after = "waiting";
        c.rank = ++rank;
      }
      changes.push_back(std::move(c));
    }
  } else if (form.mode == "one") {
    auto id = parse_whole_number(trim(form.application));
    const Entry* row = nullptr;
    if (id)
      for (const auto& e : page->rows)
        if (e.d.id == *id && e.d.status == "submitted") row = &e;
    if (!row) return invalid("application", N_("Choose one of the call's submitted applications."));
    const std::string& d = form.decision;
    if (d != "accepted" && d != "waiting" && d != "rejected" && d != "none")
      return invalid("decision", N_("Choose accept, waiting list, reject or no decision."));
    Change c{row->d.id, row->d.decision, d == "none" ? "" : d, std::nullopt, std::nullopt};
    if (d == "accepted") {
      auto at = confirm_by_of(form.confirm_by, page->time_zone, now, "one_confirm_by");
      if (!at) return at.error();
      c.confirm_by = *at;
    }
    // The waiting list stays ranked 1..n: one who joins comes last, one who
    // leaves closes the gap.
    std::vector<const Entry*> waiting;
    for (const auto& e : page->rows)
      if (e.d.status == "submitted" && e.d.decision == "waiting" && e.d.id != row->d.id)
        waiting.push_back(&e);
    std::stable_sort(waiting.begin(), waiting.end(), [](const Entry* a, const Entry* b) {
      return a->d.waiting_rank.value_or(0) < b->d.waiting_rank.value_or(0);
    });
    long rank = 0;
    for (const Entry* e : waiting) {
      ++rank;
      if (e->d.waiting_rank != rank)
        changes.push_back({e->d.id, "waiting", "waiting", rank, std::nullopt});
    }
    if (d == "waiting")
      c.rank = row->d.decision == "waiting" && row->d.waiting_rank
                   ? std::min<int64_t>(*row->d.waiting_rank, rank + 1)
                   : rank + 1;
    changes.push_back(std::move(c));
  } else {
    return invalid("", N_("Choose what to decide."));
  }

  db::Transaction tx(ctx.db);
  for (const auto& c : changes) {
    if (!ds::set_decision(ctx.db, call_id, c.id, c.after, c.rank, c.confirm_by, now))
      return sent_already();  // sent meanwhile: the transaction rolls back
    if (c.before != c.after)
      auth::audit(ctx, "decision.set", "application", std::to_string(c.id),
                  auth::changes_json({{"decision", {c.before, c.after}}}));
  }
  if (form.mode == "all")
    auth::audit(ctx, "decision.as_shortlist", "call", std::to_string(call_id),
                auth::changes_json({{"waiting", {"", trim(form.waiting)}}}));
  tx.commit();
  return ok();
}

Result<long> send(web::Ctx& ctx, int64_t call_id, bool confirmed) {
  auto page = decisions_page(ctx, call_id);
  if (!page) return page.error();
  if (page->sent) return sent_already();
  if (page->open)
    return invalid("", N_("The call still takes applications: decide after its deadline."));
  if (page->undecided)
    return invalid("", plural("{n} application has no decision yet: decide every one first.",
                              "{n} applications have no decision yet: decide every one first.",
                              page->undecided));
  if (!page->unsent) return invalid("", N_("There is no decision to send."));
  for (const auto& e : page->rows)
    if (e.d.status == "submitted" && e.d.decision == "accepted" &&
        (!e.d.confirm_by || *e.d.confirm_by - kDay <= ctx.now))
      return invalid("", N_("The date to confirm by of an acceptance has passed: accept again "
                            "with a date in the future."));
  if (!confirmed)
    return invalid("confirm", N_("Tick the box to confirm that the mails go out now."));
  const auto written = ds::templates(ctx.db, call_id);
  const auto titles = call_titles(ctx, call_id);
  std::set<int64_t> expiries;
  db::Transaction tx(ctx.db);
  long mails = 0;
  for (const auto& e : page->rows) {
    if (e.d.status != "submitted" || e.d.decision.empty() || e.d.decided_at) continue;
    queue_decision_mail(ctx, e.d, e.d.decision, page->time_zone, e.d.confirm_by, written, titles);
    if (e.d.decision == "accepted" && e.d.confirm_by) expiries.insert(*e.d.confirm_by);
    ++mails;
  }
  ds::mark_sent(ctx.db, call_id, ctx.now);
  ds::set_call_status(ctx.db, call_id, "decided", ctx.now);
  for (int64_t at : expiries) enqueue_expiry(ctx, call_id, page->call.call.programme_id, at);
  auth::audit(ctx, "decision.send", "call", std::to_string(call_id),
              auth::changes_json({{"status", {page->call.call.status, "decided"}},
                                  {"mails", {"", std::to_string(mails)}}}));
  tx.commit();
  return mails;
}

Status offer(web::Ctx& ctx, int64_t call_id, const OfferForm& form) {
  auto page = decisions_page(ctx, call_id);
  if (!page) return page.error();
  if (!page->sent) return invalid("", N_("Send the decisions first."));
  if (!page->offer.free_places) return invalid("", N_("No place is free."));
  auto id = parse_whole_number(trim(form.application));
  if (!id || !page->offer.application || *id != *page->offer.application)
    return invalid("application", N_("Offer the place to the applicant suggested: the others "
                                     "would break a bound."));
  auto at = confirm_by_of(form.confirm_by, page->time_zone, ctx.now);
  if (!at) return at.error();
  const Entry* row = nullptr;
  for (const auto& e : page->rows)
    if (e.d.id == *id) row = &e;
  if (!row) return invalid("application", N_("Choose one of the call's submitted applications."));
  const auto written = ds::templates(ctx.db, call_id);
  const auto titles = call_titles(ctx, call_id);
  db::Transaction tx(ctx.db);
  if (!ds::accept_from_waiting_list(ctx.db, call_id, *id, *at, ctx.now))
    return invalid("application", N_("Choose one of the call's submitted applications."));
  queue_decision_mail(ctx, row->d, "accepted", page->time_zone, *at, written, titles);
  enqueue_expiry(ctx, call_id, page->call.call.programme_id, *at);
  auth::audit(ctx, "decision.offer", "application", std::to_string(*id),
              auth::changes_json({{"decision", {"waiting", "accepted"}}}));
  tx.commit();
  return ok();
}

// ---------------------------------------------------------- templates

Result<TemplatesPage> templates_page(web::Ctx& ctx, int64_t call_id, const std::string& kind,
                                     const std::string& language) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  TemplatesPage p;
  p.call = std::move(*call);
  p.kind = known_kind(kind) ? kind : "accepted";
  p.language = is_language(language) ? language : "en";
  for (const auto& l : languages()) {
    Tr t(ctx.catalogs, std::string(l.code));
    for (const char* k : kKinds)
      p.texts[{k, std::string(l.code)}] = {t.key(builtin_subject(k)), t.key(builtin_body(k)),
                                           false};
  }
  for (auto& w : ds::templates(ctx.db, call_id))
    p.texts[{w.kind, w.language}] = {std::move(w.subject), std::move(w.body), true};
  return p;
}

Status save_template(web::Ctx& ctx, int64_t call_id, const TemplateForm& form) {
  auto page = templates_page(ctx, call_id, form.kind, form.language);
  if (!page) return page.error();
  if (!known_kind(form.kind) || !is_language(form.language))
    return invalid("", N_("Choose one of the mails and languages."));
  const auto before = page->texts[{form.kind, form.language}];
  if (form.action == "reset") {
    db::Transaction tx(ctx.db);
    ds::delete_template(ctx.db, call_id, form.kind, form.language);
    auth::audit(ctx, "decision_template.reset", "call", std::to_string(call_id),
                auth::changes_json({{"template", {form.kind + "/" + form.language, ""}}}));
    tx.commit();
    return ok();
  }
  const std::string subject = trim(form.subject), body = trim(form.body);
  if (subject.empty()) return invalid("subject", N_("Enter the mail's subject."));
  if (length(subject) > kMaxSubject)
    return invalid("subject",
                   plural("At most {n} character.", "At most {n} characters.", kMaxSubject));
  if (!unknown_placeholders(subject).empty())
    return invalid("subject", N_("Use only the placeholders {name}, {call}, {confirm_by} and "
                                 "{link}: this text has another one."));
  if (body.empty()) return invalid("body", N_("Enter the mail's text."));
  if (length(body) > kMaxBody)
    return invalid("body", plural("At most {n} character.", "At most {n} characters.", kMaxBody));
  if (!unknown_placeholders(body).empty())
    return invalid("body", N_("Use only the placeholders {name}, {call}, {confirm_by} and "
                              "{link}: this text has another one."));
  db::Transaction tx(ctx.db);
  ds::upsert_template(ctx.db, call_id, {form.kind, form.language, subject, body});
  auth::audit(ctx, "decision_template.save", "call", std::to_string(call_id),
              auth::changes_json({{"template", {"", form.kind + "/" + form.language}},
                                  {"subject", {before.subject, subject}}}));
  tx.commit();
  return ok();
}

// ------------------------------------------------- the applicant's answer

Status answer(web::Ctx& ctx, int64_t application_id, const std::string& action, bool confirmed) {
  if (!ctx.actor.signed_in()) return not_found();
  auto a = apply_store::find_application(ctx.db, application_id);
  if (!a) return not_found();
  auto me = apply_store::person_of_account(ctx.db, ctx.actor.id);
  if (!me || me->id != a->person_id) return not_found();
  if (!policy::can_see_application(ctx.actor.role, true, false)) return not_found();
  auto facts = ds::call_facts(ctx.db, a->call_id);
  if (!facts) return not_found();
  if (a->status != "submitted" || a->decision != "accepted" || !a->decided_at || a->confirmed_at ||
      a->declined_at)
    return Error{ErrorKind::conflict, "",
                 N_("There is no place to confirm or decline on this application.")};
  if (!a->confirm_by || ctx.now >= *a->confirm_by)
    return Error{ErrorKind::conflict, "",
                 N_("The date to confirm your place has passed: it can no longer be confirmed "
                    "or declined.")};
  if (action != "accept" && action != "decline")
    return invalid("", N_("Choose whether you take the place or decline it."));
  if (action == "decline" && !confirmed)
    return invalid("confirm", N_("Tick the box to confirm that you decline the place."));
  const std::string id = std::to_string(application_id);
  db::Transaction tx(ctx.db);
  if (action == "decline") {
    if (!ds::set_declined(ctx.db, application_id, ctx.now))
      return Error{ErrorKind::conflict, "",
                   N_("There is no place to confirm or decline on this application.")};
    auth::audit(ctx, "application.decline", "application", id,
                auth::changes_json({{"place", {"offered", "declined"}}}));
    tx.commit();
    return ok();
  }
  if (!ds::set_confirmed(ctx.db, application_id, ctx.now))
    return Error{ErrorKind::conflict, "",
                 N_("The date to confirm your place has passed: it can no longer be confirmed "
                    "or declined.")};
  auth::audit(ctx, "application.confirm", "application", id,
              auth::changes_json({{"place", {"offered", "confirmed"}}}));
  // The same person record joins the cohort: its history starts at applicant.
  auto enrolment = ds::participant_enrolment(ctx.db, a->person_id, facts->cohort_id);
  if (!enrolment) {
    programme::Enrolment e;
    e.person_id = a->person_id;
    e.cohort_id = facts->cohort_id;
    e.role = "participant";
    e.status = "participant";
    e.created_at = ctx.now;
    enrolment = programme::store::insert_enrolment(ctx.db, e);
    programme::store::insert_status_change(ctx.db, *enrolment, "applicant",
                                           a->submitted_at.value_or(a->created_at), 0);
    programme::store::insert_status_change(ctx.db, *enrolment, "admitted", *a->decided_at, 0);
    auth::audit(ctx, "enrolment.create", "enrolment", std::to_string(*enrolment),
                auth::changes_json({{"status", {"", "participant"}}, {"application", {"", id}}}));
  } else {
    ds::set_enrolment_status(ctx.db, *enrolment, "participant");
    auth::audit(ctx, "enrolment.status", "enrolment", std::to_string(*enrolment),
                auth::changes_json({{"status", {"", "participant"}}}));
  }
  programme::store::insert_status_change(ctx.db, *enrolment, "participant", ctx.now, ctx.actor.id);
  // An applicant's narrow account becomes a participant's; any other role
  // (an alumnus or lecturer applying again) is kept.
  if (ds::account_role(ctx.db, ctx.actor.id) == "applicant") {
    ds::set_account_role(ctx.db, ctx.actor.id, "participant");
    auth::audit(ctx, "account.role", "account", std::to_string(ctx.actor.id),
                auth::changes_json({{"role", {"applicant", "participant"}}}));
  }
  tx.commit();
  return ok();
}

// ---------------------------------------------------------- the expiry

long expire(web::Ctx& ctx, int64_t call_id) {
  auto ids = ds::expired(ctx.db, call_id, ctx.now);
  if (ids.empty()) return 0;
  db::Transaction tx(ctx.db);
  long n = 0;
  for (int64_t id : ids) {
    if (!ds::set_declined(ctx.db, id, ctx.now)) continue;
    auth::audit(ctx, "application.confirm_expired", "application", std::to_string(id),
                auth::changes_json({{"place", {"offered", "declined"}}}));
    ++n;
  }
  tx.commit();
  return n;
}

jobs::Handler expiry_job(const Config& config, const Catalogs& catalogs,
                         const web::Assets& assets) {
  return [&config, &catalogs, &assets](jobs::JobContext& jc) {
    boost::system::error_code ec;
    auto v = boost::json::parse(jc.job.payload, ec);
    const auto* id = !ec && v.is_object() ? v.as_object().if_contains("call") : nullptr;
    if (!id || !id->is_int64()) return jobs::Outcome::fail("The job names no call.");
    web::Ctx ctx{jc.db, config, catalogs, assets, Tr(catalogs, "en")};
    ctx.now = jc.now;
    if (auto actor = jobs::actor_of(jc.db, jc.job)) ctx.actor = *actor;
    ctx.request_id = "job-" + std::to_string(jc.job.id);
    const long n = expire(ctx, id->as_int64());
    jc.progress(n, n);
    return jobs::Outcome::done();
  };
}

// --------------------------------------------------------------- texts

std::vector<std::string> unknown_placeholders(std::string_view text) {
  static const std::set<std::string, std::less<>> known = {"name", "call", "confirm_by", "link"};
  std::vector<std::string> out;
  for (size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    auto end = text.find('}', at);
    if (end == std::string_view::npos) {
      out.emplace_back(text.substr(at));
      break;
    }
    auto name = text.substr(at + 1, end - at - 1);
    if (!known.count(name)) out.emplace_back(name);
  }
  return out;
}

const char* builtin_subject(std::string_view kind) {
  if (kind == "accepted") return N_("{call}: you have a place");
  if (kind == "waiting") return N_("{call}: you are on the waiting list");
  return N_("{call}: your application");
}

const char* builtin_body(std::string_view kind) {
  if (kind == "accepted")
    return N_(
        "Hello {name},\n\nwe are glad to tell you that you have a place in {call}.\n\n"
        "Please confirm by {confirm_by} that you take it, or decline it, on the page of "
        "your application:\n{link}\n\nIf we have no answer by then, the place goes to the "
        "next person on the waiting list.");
  if (kind == "waiting")
    return N_(
        "Hello {name},\n\nthank you for applying to {call}. We cannot offer you a place "
        "now, but you are on the waiting list: if a place becomes free, we will write to "
        "you.\n\nYour application: {link}");
  return N_(
      "Hello {name},\n\nthank you for applying to {call}. We are sorry: we cannot offer "
      "you a place this time.\n\nYour application: {link}");
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    auto open = text.find('{', at);
    if (open == std::string::npos) break;
    auto close = text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(at, open - at);
    auto it = values.find(text.substr(open + 1, close - open - 1));
    out += it != values.end() ? it->second : text.substr(open, close - open + 1);
    at = close + 1;
  }
  out += text.substr(std::min(at, text.size()));
  return out;
}

}  // namespace crm::admissions::decision
