#include "admissions/review_service.hpp"

#include "core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "admissions/blinding.hpp"
#include "admissions/policy.hpp"
#include "auth/service.hpp"
#include "jobs/service.hpp"
#include "mail/outbox.hpp"
#include "programme/countries.hpp"
#include "programme/store.hpp"
#include "web/html.hpp"

namespace crm::admissions::review {

namespace {

namespace rs = review_store;

using text::trim;

size_t length(std::string_view s) {
  return text::code_points(s);
}

// The call when the actor manages it (staff of its programme, admins).
std::optional<rs::CallInfo> managed_call(web::Ctx& ctx, int64_t call_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto call = rs::find_call(ctx.db, call_id, std::string(ctx.tr.language()));
  if (!call) return std::nullopt;
  auto m = programme::store::membership(ctx.db, call->programme_id, ctx.actor.id);
  if (!policy::can_manage_calls(ctx.actor.role, m.in_programme)) return std::nullopt;
  return call;
}

double weighted_range(const std::vector<Criterion>& criteria) {
  double sum = 0, weights = 0;
  for (const auto& c : criteria) {
    sum += c.weight * static_cast<double>(c.scale_max - c.scale_min);
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : 0;
}

// Applications are reviewed once they can no longer change: the call has
// closed (its deadline passed) and is not decided yet.
Status reviewable(const rs::CallInfo& call, int64_t now) {
  if (call.status == "draft" || call.status == "decided" ||
      (call.status == "published" && now < call.closes_at))
    return invalid("", N_("Applications can be assigned once the call has closed and until it "
                          "is decided."));
  return ok();
}

bool overdue(const Assignment& a, int64_t now) {
  return !a.submitted_at && a.due_at && *a.due_at < now;
}

// The plan's input for the call's submitted applications in `stage`.
assign::Input plan_input(web::Ctx& ctx, const rs::CallInfo& call, int stage, uint64_t seed,
                         std::optional<int64_t> only_application = std::nullopt) {
  assign::Input in;
  in.per_application = call.per_application;
  in.same_country = call.same_country;
  in.seed = seed;
  auto reviewers = rs::reviewers(ctx.db, call.id);
  auto assignments = rs::call_assignments(ctx.db, call.id);
  auto conflicts = rs::call_conflicts(ctx.db, call.id);
  std::map<int64_t, long> load;
  for (const auto& a : assignments) ++load[a.account_id];
  for (const auto& r : reviewers)
    in.reviewers.push_back({r.account, r.organisation, r.country, load[r.account]});
  for (const auto& ap : rs::submitted_applications(ctx.db, call.id)) {
    if (only_application && ap.id != *only_application) continue;
    assign::Item item{ap.id, ap.organisation, ap.country, {}, {}};
    // A reviewer never reviews an application twice, whatever the stage.
    for (const auto& a : assignments)
      if (a.application_id == ap.id && (a.stage == stage || stage == 2))
        item.assigned.push_back(a.account_id);
    for (const auto& [app, acc] : conflicts)
      if (app == ap.id) item.conflicts.push_back(acc);
    in.applications.push_back(std::move(item));
  }
  return in;
}

std::optional<int64_t> due_of(const rs::CallInfo& call) {
  return call.review_due_at;
}

}  // namespace

// ------------------------------------------------------------------ staff

namespace {

// Invited reviewers whose address now has an account that may review join
// the call (one transaction, audited). A write on reading the reviewers page,
// but only once per invitation and only what staff already asked for; the
// rest stay invited.
std::vector<rs::InvitedReviewer> join_invited(web::Ctx& ctx, int64_t call_id) {
  auto invited = rs::invited_reviewers(ctx.db, call_id);
  std::vector<rs::InvitedReviewer> waiting;
  std::vector<rs::InvitedReviewer> joining;
  for (auto& i : invited) {
    auto role = i.account ? auth::parse_role(i.account->role) : std::nullopt;
    if (i.account && !i.account->disabled && role && policy::can_be_reviewer(*role))
      joining.push_back(std::move(i));
    else
      waiting.push_back(std::move(i));
  }
  if (joining.empty()) return waiting;
  db::Transaction tx(ctx.db);
  for (const auto& i : joining) {
    if (!rs::is_reviewer(ctx.db, call_id, i.account->id))
      rs::insert_reviewer(ctx.db, call_id, i.account->id, i.organisation, i.country, ctx.now);
    rs::delete_invited_reviewer(ctx.db, call_id, i.email);
    auth::audit(ctx, "call.reviewer_add", "call", std::to_string(call_id),
                "account=" + std::to_string(i.account->id) + " invited");
  }
  tx.commit();
  return waiting;
}

}  // namespace

Result<ReviewersPage> reviewers_page(web::Ctx& ctx, int64_t call_id) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  ReviewersPage p;
  p.call = std::move(*call);
  p.invited = join_invited(ctx, call_id);
  p.reviewers = rs::reviewers(ctx.db, call_id);
  for (const auto& a : rs::call_assignments(ctx.db, call_id)) ++p.load[a.account_id];
  p.applications = rs::submitted_applications(ctx.db, call_id);
  return p;
}

Result<Added> add_reviewer(web::Ctx& ctx, int64_t call_id, const ReviewerForm& f) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  const auto email = trim(f.email);
  const auto organisation = trim(f.organisation);
  std::string country = trim(f.country);
  std::transform(country.begin(), country.end(), country.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (email.empty()) return invalid("email", N_("Enter a valid email address."));
  if (organisation.empty())
    return invalid("organisation",
                   N_("Give the reviewer's organisation: nobody reviews their own."));
  if (length(organisation) > 200)
    return invalid("organisation",
                   plural("At most {n} character.", "At most {n} characters.", 200));
  if (!programme::is_country(country)) return invalid("country", N_("Choose a country."));
  auto account = rs::account_by_email(ctx.db, email);
  if (!account) {
    // No account yet: the ordinary invitation (its own transaction), then
    // what staff said of them, kept until they have an account.
    auth::InviteForm inv{email, trim(f.name), f.role, f.language};
    if (auto st = auth::invite(ctx, inv); !st) return st.error();
    db::Transaction tx(ctx.db);
    rs::insert_invited_reviewer(ctx.db, call_id, auth::normalise_email(email), organisation,
                                country, ctx.now);
    auth::audit(ctx, "call.reviewer_invite", "call", std::to_string(call_id), "");
    tx.commit();
    return Added::invited;
  }
  auto role = auth::parse_role(account->role);
  if (account->disabled || !role || !policy::can_be_reviewer(*role))
    return invalid("email", N_("Only lecturers, staff and members of the steering committee "
                               "review applications."));
  if (rs::is_reviewer(ctx.db, call_id, account->id))
    return invalid("email", N_("This person already reviews this call."));
  db::Transaction tx(ctx.db);
  rs::insert_reviewer(ctx.db, call_id, account->id, organisation, country, ctx.now);
  auth::audit(ctx, "call.reviewer_add", "call", std::to_string(call_id),
              "account=" + std::to_string(account->id));
  tx.commit();
  return Added::reviewer;
}

Status remove_reviewer(web::Ctx& ctx, int64_t call_id, int64_t account_id) {
  auto call = managed_call(ctx, call_id);
  if (!call || !rs::is_reviewer(ctx.db, call_id, account_id)) return not_found();
  db::Transaction tx(ctx.db);
  rs::delete_reviewer(ctx.db, call_id, account_id);
  auth::audit(ctx, "call.reviewer_remove", "call", std::to_string(call_id),
              "account=" + std::to_string(account_id));
  tx.commit();
  return ok();
}

Result<Assigned> assign_evenly(web::Ctx& ctx, int64_t call_id, uint64_t seed) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  if (auto st = reviewable(*call, ctx.now); !st) return st.error();
  join_invited(ctx, call_id);
  if (rs::reviewers(ctx.db, call_id).size() < static_cast<size_t>(call->per_application))
    return invalid("", plural("Invite at least {n} reviewer first.",
                              "Invite at least {n} reviewers first.", call->per_application));
  Assigned out;
  db::Transaction tx(ctx.db);
  for (int stage = 1; stage <= (call->second_stage ? 2 : 1); ++stage) {
    auto plan = assign::plan(plan_input(ctx, *call, stage, seed + static_cast<uint64_t>(stage)));
    for (const auto& p : plan.add)
      rs::insert_assignment(ctx.db, p.application, p.account, stage, due_of(*call), ctx.now);
    out.added += static_cast<long>(plan.add.size());
    if (stage == 1) out.uncovered = std::move(plan.uncovered);
  }
  auth::audit(
      ctx, "call.assign", "call", std::to_string(call_id),
      "added=" + std::to_string(out.added) + " uncovered=" + std::to_string(out.uncovered.size()));
  if (out.added > 0 && call->review_due_at)
    enqueue_reminder(ctx, call_id, call->programme_id, *call->review_due_at);
  tx.commit();
  return out;
}

Status assign_by_hand(web::Ctx& ctx, int64_t call_id, int64_t application_id, int64_t account_id,
                      int stage) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  if (auto st = reviewable(*call, ctx.now); !st) return st.error();
  if (stage != 1 && !(stage == 2 && call->second_stage))
    return invalid("stage", N_("Choose a stage."));
  auto in = plan_input(ctx, *call, stage, 0, application_id);
  if (in.applications.empty()) return invalid("application", N_("Choose a submitted application."));
  const auto& item = in.applications.front();
  auto r = std::find_if(in.reviewers.begin(), in.reviewers.end(),
                        [&](const auto& x) { return x.account == account_id; });
  if (r == in.reviewers.end()) return invalid("reviewer", N_("Choose a reviewer of this call."));
  if (std::find(item.assigned.begin(), item.assigned.end(), account_id) != item.assigned.end())
    return invalid("reviewer", N_("This reviewer already reviews this application."));
  if (!assign::allowed(*r, item, call->same_country))
    return invalid("reviewer",
                   N_("This reviewer may not review this application: same organisation, same "
                      "country (where the call forbids it) or a declared conflict."));
  db::Transaction tx(ctx.db);
  const auto id =
      rs::insert_assignment(ctx.db, application_id, account_id, stage, due_of(*call), ctx.now);
  auth::audit(
      ctx, "review.assign", "review_assignment", std::to_string(id),
      "application=" + std::to_string(application_id) + " account=" + std::to_string(account_id));
  if (call->review_due_at) enqueue_reminder(ctx, call_id, call->programme_id, *call->review_due_at);
  tx.commit();
  return ok();
}

Result<ProgressPage> progress_page(web::Ctx& ctx, int64_t call_id) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  ProgressPage p;
  p.call = std::move(*call);
  p.criteria = rs::criteria(ctx.db, call_id, std::string(ctx.tr.language()));
  p.threshold = kDisagreementShare * weighted_range(p.criteria);
  auto rows = rs::progress(ctx.db, call_id);
  std::map<int64_t, double> score_of;  // assignment → its weighted mean
  for (const auto& m : rs::review_means(ctx.db, call_id)) score_of[m.assignment_id] = m.weighted;
  std::map<int64_t, ReviewerProgress> by_reviewer;
  std::map<int64_t, ApplicationProgress> by_app;
  std::vector<int64_t> app_order;
  for (const auto& r : rows) {
    auto& rv = by_reviewer[r.a.account_id];
    rv.account = r.a.account_id;
    rv.name = r.reviewer_name;
    auto [it, fresh] = by_app.try_emplace(r.a.application_id);
    if (fresh) app_order.push_back(r.a.application_id);
    auto& ap = it->second;
    ap.application = r.a.application_id;
    ap.applicant = r.applicant_name;
    ++ap.reviewers;
    if (r.a.submitted_at) {
      ++rv.done, ++ap.done;
      if (auto w = score_of.find(r.a.id); w != score_of.end())
        ap.review_scores.push_back(w->second);
    } else if (overdue(r.a, ctx.now)) {
      ++rv.overdue, ++ap.overdue;
    } else {
      ++rv.due, ++ap.due;
    }
  }
  for (auto& [id, rv] : by_reviewer) p.reviewers.push_back(std::move(rv));
  std::sort(p.reviewers.begin(), p.reviewers.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (int64_t id : app_order) {
    auto& ap = by_app[id];
    if (!ap.review_scores.empty()) {
      double sum = 0;
      for (double s : ap.review_scores) sum += s;
      ap.score = sum / static_cast<double>(ap.review_scores.size());
      auto [lo, hi] = std::minmax_element(ap.review_scores.begin(), ap.review_scores.end());
      ap.spread = *hi - *lo;
      ap.disagree = ap.review_scores.size() >= 2 && ap.spread > p.threshold + 1e-9;
    }
    p.applications.push_back(std::move(ap));
  }
  return p;
}

// ---------------------------------------------------------------- reviewer

Result<std::vector<MyReview>> my_reviews(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  if (!policy::can_be_reviewer(ctx.actor.role)) return not_found();
  std::vector<MyReview> out;
  for (auto& item : rs::assignments_of(ctx.db, ctx.actor.id, std::string(ctx.tr.language()))) {
    std::string state = item.a.submitted_at ? "done" : overdue(item.a, ctx.now) ? "overdue" : "due";
    out.push_back({std::move(item), std::move(state)});
  }
  return out;
}

Shown shown(const rs::AssignmentFull& f, std::vector<rs::AnswerRow> answers,
            std::vector<Document> documents) {
  using blinding::Field;
  const auto blind = blinding::parse(f.blind_fields);
  auto sees = [&](Field x) { return blinding::reviewer_sees(x, blind, f.a.stage, f.second_stage); };
  Shown s;
  s.stage = f.a.stage;
  if (sees(Field::name)) s.name = f.person_name;
  if (sees(Field::email)) s.email = f.person_email;
  if (sees(Field::gender)) s.gender = f.person_gender;
  if (sees(Field::age)) s.birth_year = f.app.birth_year;
  if (sees(Field::nationality)) s.nationality = f.app.nationality;
  if (sees(Field::organisation)) s.organisation = f.app.organisation_name;
  if (sees(Field::documents)) s.documents = std::move(documents);
  s.language = f.app.language;
  s.route_role = f.app.route_role;
  s.organisation_type = f.app.organisation_type;
  s.organisation_country = f.app.organisation_country;
  s.position = f.app.position;
  s.motivation = f.app.motivation;
  s.experience = f.app.experience;
  s.languages = f.app.languages;
  s.answers = std::move(answers);
  return s;
}

namespace {

std::optional<rs::AssignmentFull> own_assignment(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto f = rs::find_assignment(ctx.db, id, ctx.actor.id, std::string(ctx.tr.language()));
  // The store already scopes by account and call_reviewer; the rule decides.
  if (!f || !policy::can_review(ctx.actor.role, true, true)) return std::nullopt;
  if (f->app.status != "submitted") return std::nullopt;
  return f;
}

bool editable(const rs::AssignmentFull& f, web::Ctx& ctx) {
  auto call = rs::find_call(ctx.db, f.call_id, "en");
  return call && call->status != "decided" && call->status != "draft";
}

}  // namespace

Result<ReviewPage> review_page(web::Ctx& ctx, int64_t assignment_id) {
  auto f = own_assignment(ctx, assignment_id);
  if (!f) return not_found();
  const std::string lang(ctx.tr.language());
  const auto blind = blinding::parse(f->blind_fields);
  const bool docs =
      blinding::reviewer_sees(blinding::Field::documents, blind, f->a.stage, f->second_stage);
  ReviewPage p;
  p.assignment = f->a;
  p.call_id = f->call_id;
  p.call_title = f->call_title;
  p.criteria = rs::criteria(ctx.db, f->call_id, lang);
  p.submitted = f->a.submitted_at.has_value();
  p.can_edit = editable(*f, ctx);
  p.shown = shown(*f, rs::answers(ctx.db, f->a.application_id, lang),
                  docs ? rs::documents(ctx.db, f->a.application_id) : std::vector<Document>{});
  if (policy::can_see_other_scores(p.submitted)) {
    std::map<int64_t, OtherReview> others;
    long number = 0;
    for (auto& [a, s] : rs::scores_of_application(ctx.db, f->a.application_id, f->a.stage)) {
      if (a == assignment_id) {
        p.own.push_back(std::move(s));
        continue;
      }
      auto [it, fresh] = others.try_emplace(a);
      if (fresh) it->second.number = ++number;
      it->second.scores.push_back(std::move(s));
    }
    for (auto& [a, o] : others) p.others.push_back(std::move(o));
    std::sort(p.others.begin(), p.others.end(),
              [](const auto& x, const auto& y) { return x.number < y.number; });
  } else {
    p.own = rs::scores_of(ctx.db, assignment_id);
  }
  return p;
}

Result<std::vector<Error>> submit_review(web::Ctx& ctx, int64_t assignment_id, const Typed& typed) {
  auto f = own_assignment(ctx, assignment_id);
  if (!f) return not_found();
  std::vector<Error> errors;
  if (!editable(*f, ctx)) {
    errors.push_back(invalid("", N_("The call has been decided: reviews can no longer change.")));
    return errors;
  }
  auto criteria = rs::criteria(ctx.db, f->call_id, "en");
  std::vector<Score> scores;
  for (const auto& c : criteria) {
    const std::string field = "score_" + std::to_string(c.id);
    auto it = typed.find(c.id);
    const std::string value = it == typed.end() ? "" : trim(it->second.first);
    const std::string comment = it == typed.end() ? "" : trim(it->second.second);
    auto n = parse_whole_number(value);
    if (!n || *n < c.scale_min || *n > c.scale_max)
      errors.push_back(invalid(field, N_("Choose a score from {min} to {max}."),
                               {{"min", c.scale_min}, {"max", c.scale_max}}));
    if (length(comment) > kMaxComment)
      errors.push_back(invalid("comment_" + std::to_string(c.id),
                               plural("At most {n} character.", "At most {n} characters.",
                                      static_cast<long long>(kMaxComment))));
    if (n) scores.push_back({c.id, static_cast<long>(*n), comment});
  }
  if (criteria.empty())
    errors.push_back(invalid("", N_("The call has no criteria yet: there is nothing to score.")));
  if (!errors.empty()) return errors;
  db::Transaction tx(ctx.db);
  rs::save_scores(ctx.db, assignment_id, scores, ctx.now);
  auth::audit(ctx, f->a.submitted_at ? "review.update" : "review.submit", "review_assignment",
              std::to_string(assignment_id), "application=" + std::to_string(f->a.application_id));
  tx.commit();
  return errors;
}

Result<bool> declare_conflict(web::Ctx& ctx, int64_t assignment_id, const std::string& reason) {
  auto f = own_assignment(ctx, assignment_id);
  if (!f) return not_found();
  const auto text = trim(reason);
  if (text.empty())
    return invalid("reason", N_("Say briefly why you cannot review this application."));
  if (length(text) > kMaxReason)
    return invalid("reason", plural("At most {n} character.", "At most {n} characters.",
                                    static_cast<long long>(kMaxReason)));
  if (f->a.submitted_at)
    return invalid("reason", N_("You have already submitted this review; ask staff to remove it."));
  auto call = rs::find_call(ctx.db, f->call_id, "en");
  if (!call) return not_found();
  db::Transaction tx(ctx.db);
  rs::insert_conflict(ctx.db, f->a.application_id, ctx.actor.id, text, ctx.now);
  rs::delete_assignment(ctx.db, assignment_id);
  auth::audit(ctx, "review.conflict", "review_assignment", std::to_string(assignment_id),
              "application=" + std::to_string(f->a.application_id));
  auto plan = assign::plan(plan_input(
      ctx, *call, f->a.stage, static_cast<uint64_t>(ctx.now) ^ static_cast<uint64_t>(assignment_id),
      f->a.application_id));
  for (const auto& p : plan.add) {
    auto id =
        rs::insert_assignment(ctx.db, p.application, p.account, f->a.stage, due_of(*call), ctx.now);
    auth::audit(ctx, "review.assign", "review_assignment", std::to_string(id),
                "application=" + std::to_string(p.application) + " account=" +
                    std::to_string(p.account) + " replaces=" + std::to_string(assignment_id));
  }
  tx.commit();
  return plan.uncovered.empty();
}

// ------------------------------------------------------------------ jobs

void enqueue_reminder(web::Ctx& ctx, int64_t call_id, int64_t programme_id, int64_t run_at) {
  jobs::NewJob j;
  j.kind = std::string(kReminderJob);
  j.payload = boost::json::serialize(boost::json::object{{"call", call_id}});
  j.key = std::string(kReminderJob) + ":" + std::to_string(call_id) + ":" + std::to_string(run_at);
  j.run_at = run_at;
  j.programme_id = programme_id;
  j.account_id = ctx.actor.id;
  if (ctx.request_id.starts_with("job-"))
    jobs::enqueue(ctx.db, j, ctx.now);
  else
    jobs::enqueue(ctx, j);
}

long send_reminders(web::Ctx& ctx, int64_t call_id) {
  auto rows = rs::overdue(ctx.db, call_id, ctx.now, ctx.now - kReminderInterval);
  if (rows.empty()) return 0;
  std::map<int64_t, std::vector<const rs::Overdue*>> by_account;
  for (const auto& r : rows) by_account[r.account].push_back(&r);
  long mails = 0;
  for (const auto& [account, items] : by_account) {
    const auto& who = *items.front();
    const std::string lang = is_language(who.language) ? who.language : "en";
    auto call = rs::find_call(ctx.db, call_id, lang);
    if (!call) return mails;
    Tr t(ctx.catalogs, lang, is_time_zone(who.time_zone) ? who.time_zone : "UTC");
    const long n = static_cast<long>(items.size());
    mail::OutMail m;
    m.to_address = who.email;
    m.to_name = who.name;
    m.subject = t("Reviews overdue: {call}", {{"call", call->title}});
    const std::string link = ctx.config.base_url + "/reviews";
    std::vector<std::string> paragraphs = {
        t("Hello {name},", {{"name", who.name}}),
        t.plural("{n} review of the call “{call}” is overdue.",
                 "{n} reviews of the call “{call}” are overdue.", n, {{"call", call->title}}),
        t("Please score them on the review page, or declare a conflict if you cannot review "
          "one."),
    };
    web::Html h;
    h.open("div", {{"dir", t.dir()}, {"lang", t.language()}});
    for (const auto& p : paragraphs) {
      m.text += p + "\n\n";
      h.el("p", p);
    }
    m.text += t("Open your reviews") + ":\n" + link + "\n";
    h.open("p").open("a", {{"href", link}}).text(t("Open your reviews")).close("a").close("p");
    h.close("div");
    m.html = std::move(h).str();
    db::Transaction tx(ctx.db);
    mail::queue(ctx.db, m, ctx.now);
    for (const auto* i : items) rs::mark_reminded(ctx.db, i->assignment, ctx.now);
    auth::audit(ctx, "review.remind", "call", std::to_string(call_id),
                "account=" + std::to_string(account) + " overdue=" + std::to_string(n));
    tx.commit();
    ++mails;
  }
  return mails;
}

jobs::Handler reminder_job(const Config& config, const Catalogs& catalogs,
                           const web::Assets& assets) {
  return [&config, &catalogs, &assets](jobs::JobContext& jc) {
    boost::system::error_code ec;
    auto v = boost::json::parse(jc.job.payload, ec);
    const auto* id = !ec && v.is_object() ? v.as_object().if_contains("call") : nullptr;
    if (!id || !id->is_int64()) return jobs::Outcome::fail("The job names no call.");
    const int64_t call_id = id->as_int64();
    web::Ctx ctx{jc.db, config, catalogs, assets, Tr(catalogs, "en")};
    ctx.now = jc.now;
    if (auto actor = jobs::actor_of(jc.db, jc.job)) ctx.actor = *actor;
    ctx.request_id = "job-" + std::to_string(jc.job.id);
    const long sent = send_reminders(ctx, call_id);
    // While reviews are open, look again tomorrow.
    auto call = rs::find_call(jc.db, call_id, "en");
    if (call && call->status != "decided" && rs::open_assignments(jc.db, call_id) > 0) {
      db::Transaction tx(jc.db);
      enqueue_reminder(ctx, call_id, call->programme_id, jc.now + kReminderInterval);
      tx.commit();
    }
    jc.progress(sent, sent);
    return jobs::Outcome::done();
  };
}

}  // namespace crm::admissions::review
