#include "admissions/shortlist_service.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "admissions/policy.hpp"
#include "admissions/review_store.hpp"
#include "auth/service.hpp"
#include "programme/parity.hpp"
#include "programme/store.hpp"

namespace crm::admissions {

namespace {

constexpr size_t kMaxReason = 1000;

using text::trim;

size_t length(std::string_view s) {
  return text::code_points(s);
}

}  // namespace

std::optional<shortlist_store::CallRow> managed_call(web::Ctx& ctx, int64_t call_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto c = shortlist_store::find_call(ctx.db, call_id, std::string(ctx.tr.language()));
  if (!c) return std::nullopt;
  auto m = programme::store::membership(ctx.db, c->call.programme_id, ctx.actor.id);
  if (!policy::can_manage_calls(ctx.actor.role, m.in_programme)) return std::nullopt;
  return c;
}

Result<RankingPage> ranking_page(web::Ctx& ctx, int64_t call_id) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  return rank(ctx.db, std::move(*call));
}

Result<RankingPage> rank(db::Session& db, shortlist_store::CallRow call) {
  const int64_t call_id = call.call.id;
  RankingPage p;
  p.call = std::move(call);
  p.can_change = p.call.call.status != "decided";
  p.bounds = shortlist_store::bounds(db, call_id);
  auto applicants = shortlist_store::applicants(db, call_id);
  auto means = review_store::review_means(db, call_id);
  const auto failing = shortlist_store::failing_eligibility(db, call_id);
  const std::set<int64_t> fails(failing.begin(), failing.end());
  auto roles = shortlist_store::country_roles(db, p.call.call.programme_id);
  p.changes = shortlist_store::changes(db, call_id);

  std::multimap<std::string, std::string> roles_of;
  for (const auto& r : roles) roles_of.emplace(r.country, r.role);
  struct Sum {
    double total = 0;
    long all = 0, first_stage = 0;
  };
  std::map<int64_t, Sum> sums;
  for (const auto& m : means) {
    auto& s = sums[m.application_id];
    s.total += m.weighted;
    ++s.all;
    if (m.stage == 1) ++s.first_stage;
  }

  selection::Input in;
  in.places = p.call.call.places;
  in.reviews_needed = p.call.call.reviewers_per_application;
  in.bounds = p.bounds;
  std::map<int64_t, RankedRow> rows;
  for (auto& a : applicants) {
    RankedRow row;
    const Sum& s = sums[a.id];
    row.score = s.all ? s.total / double(s.all) : 0;
    row.reviews = s.all;
    auto [b, e] = roles_of.equal_range(a.organisation_country);
    for (auto it = b; it != e; ++it) row.route_roles.push_back(it->second);
    if (row.route_roles.empty() && !a.route_role.empty()) row.route_roles.push_back(a.route_role);
    row.gender = programme::gender_bucket(a.gender);
    selection::Applicant x;
    x.id = a.id;
    x.score = row.score;
    x.reviews = s.first_stage;
    x.withdrawn = a.status == "withdrawn";
    x.ineligible = fails.count(a.id) > 0;
    x.route_roles = row.route_roles;
    x.gender = row.gender;
    x.country = a.organisation_country;
    x.organisation_type = a.organisation_type;
    row.eligible = !x.withdrawn && !x.ineligible && x.reviews >= in.reviews_needed;
    in.applicants.push_back(std::move(x));
    row.applicant = std::move(a);
    rows.emplace(row.applicant.id, std::move(row));
  }
  auto outcome = selection::propose(in);
  if (!outcome) return outcome.error();
  p.proposal = std::move(*outcome);

  std::set<int64_t> proposed(p.proposal.chosen.begin(), p.proposal.chosen.end());
  std::map<int64_t, const shortlist_store::ChangeRow*> latest;
  for (const auto& c : p.changes)
    if (c.source == "added" || c.source == "removed") latest[c.application_id] = &c;
  std::vector<int64_t> shortlist;
  for (const auto& v : p.proposal.verdicts) {
    auto it = rows.find(v.id);
    if (it == rows.end()) continue;
    RankedRow& row = it->second;
    row.verdict = v;
    row.proposed = proposed.count(v.id) > 0;
    row.shortlisted = row.proposed;
    if (auto c = latest.find(v.id); c != latest.end()) {
      row.hand = c->second->source;
      row.hand_reason = c->second->reason;
      row.shortlisted = row.hand == "added";
    }
    // A withdrawn application leaves the shortlist whatever was added.
    if (row.applicant.status == "withdrawn") row.shortlisted = false;
    if (row.shortlisted) shortlist.push_back(v.id);
    p.rows.push_back(std::move(row));
  }
  p.shortlisted = static_cast<long>(shortlist.size());
  // The parity of the shortlist, over the buckets of the applicants in the
  // running (not withdrawn).
  std::vector<selection::Applicant> running;
  for (const auto& a : in.applicants)
    if (!a.withdrawn) running.push_back(a);
  p.parity = selection::count_groups(running, p.bounds, shortlist);
  std::reverse(p.changes.begin(), p.changes.end());
  return p;
}

Status change_shortlist(web::Ctx& ctx, int64_t call_id, const ShortlistForm& form) {
  auto page = ranking_page(ctx, call_id);
  if (!page) return page.error();
  if (!page->can_change)
    return invalid("", N_("The call is decided: its shortlist no longer changes."));
  auto id = parse_whole_number(trim(form.application));
  const RankedRow* row = nullptr;
  if (id)
    for (const auto& r : page->rows)
      if (r.applicant.id == *id) row = &r;
  if (!row || row->applicant.status != "submitted")
    return invalid("application", N_("Choose one of the call's submitted applications."));
  if (form.action != "add" && form.action != "remove")
    return invalid("action", N_("Choose whether to add or remove the application."));
  const std::string reason = trim(form.reason);
  if (reason.empty())
    return invalid("reason", N_("Give the reason for the change: it goes to the audit log."));
  if (length(reason) > kMaxReason)
    return invalid("reason",
                   plural("At most {n} character.", "At most {n} characters.", kMaxReason));
  const bool add = form.action == "add";
  if (add && row->shortlisted)
    return invalid("application", N_("This application is already on the shortlist."));
  if (!add && !row->shortlisted)
    return invalid("application", N_("This application is not on the shortlist."));
  const std::string source = add ? "added" : "removed";
  db::Transaction tx(ctx.db);
  shortlist_store::insert_change(ctx.db, call_id, row->applicant.id, source, reason, ctx.actor.id,
                                 ctx.now);
  auth::audit(ctx, add ? "shortlist.add" : "shortlist.remove", "application",
              std::to_string(row->applicant.id),
              auth::changes_json({{"shortlisted", {add ? "no" : "yes", add ? "yes" : "no"}},
                                  {"reason", {"", reason}}}));
  tx.commit();
  return ok();
}

}  // namespace crm::admissions
