#include "programme/parity.hpp"
#include "core/i18n.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "auth/service.hpp"
#include "programme/policy.hpp"
#include "programme/store.hpp"

namespace crm::programme {

namespace {

bool counted_status(std::string_view s) {
  return s == "admitted" || s == "participant" || s == "graduate";
}

// The cohort and whether the actor belongs to its programme, in one statement.
std::optional<store::CohortAccess> find_cohort_access(web::Ctx& ctx, int64_t cohort_id) {
  return store::find_cohort_access(ctx.db, cohort_id, ctx.actor.signed_in() ? ctx.actor.id : 0);
}

Bucket& bucket(Breakdown& b, const std::string& value) {
  for (auto& x : b.buckets)
    if (x.value == value) return x;
  return b.buckets.emplace_back(Bucket{value, 0, -1});
}

Breakdown fixed(std::string dimension, const std::vector<std::string_view>& values,
                std::initializer_list<std::string_view> extra) {
  Breakdown b{std::move(dimension), {}};
  for (auto v : values) b.buckets.push_back({std::string(v), 0, -1});
  for (auto v : extra) b.buckets.push_back({std::string(v), 0, -1});
  return b;
}

Composition load_composition(web::Ctx& ctx, int64_t programme_id, int64_t cohort_id) {
  return compose(store::list_participant_facts(ctx.db, programme_id, cohort_id),
                 store::list_programme_countries(ctx.db, programme_id),
                 store::list_cohort_targets(ctx.db, cohort_id));
}

// "40": 40; "", " ": -1 (no target); nullopt when not a whole number 0–100.
std::optional<long> parse_share(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return -1;
  auto n = parse_whole_number(s);  // ٤٠ and ۴۰ are 40 too
  if (!n || *n > 100) return std::nullopt;
  return static_cast<long>(*n);
}

}  // namespace

std::string gender_bucket(std::string_view gender) {
  if (gender.empty()) return "not_given";
  if (one_of(gender_choices(), gender)) return std::string(gender);
  return "self_described";
}

Composition compose(const std::vector<ParticipantFacts>& people,
                    const std::vector<ProgrammeCountry>& countries,
                    const std::vector<CohortTarget>& targets) {
  Composition c;
  Breakdown route = fixed("route_role", route_roles(), {"none"});
  Breakdown country{"country", {}};
  Breakdown org = fixed("organisation_type", organisation_types(), {"none"});
  Breakdown gender = fixed("gender", gender_choices(), {"self_described", "not_given"});
  for (const auto& p : people) {
    if (p.status == "withdrawn") {
      ++c.withdrawn;
      continue;
    }
    if (!counted_status(p.status)) continue;
    ++c.counted;
    bool any_role = false;
    for (const auto& pc : countries)
      if (pc.country == p.country) {
        ++bucket(route, pc.role).count;
        any_role = true;
      }
    if (!any_role) ++bucket(route, "none").count;
    ++bucket(country, p.country.empty() ? "none" : p.country).count;
    ++bucket(org, p.organisation_type.empty() ? "none" : p.organisation_type).count;
    ++bucket(gender, gender_bucket(p.gender)).count;
  }
  for (const auto& t : targets) {
    Breakdown* b = t.dimension == "route_role"          ? &route
                   : t.dimension == "country"           ? &country
                   : t.dimension == "organisation_type" ? &org
                   : t.dimension == "gender"            ? &gender
                                                        : nullptr;
    if (!b) continue;
    if (b == &country) {
      bucket(country, t.value).target = t.share_percent;
      continue;
    }
    for (auto& x : b->buckets)
      if (x.value == t.value) x.target = t.share_percent;
  }
  std::stable_sort(country.buckets.begin(), country.buckets.end(),
                   [](const Bucket& a, const Bucket& b) {
                     return a.count != b.count ? a.count > b.count : a.value < b.value;
                   });
  c.breakdowns = {std::move(route), std::move(country), std::move(org), std::move(gender)};
  return c;
}

double share_percent(long count, long total) {
  return total > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

double gap_points(const Bucket& b, long total) {
  return share_percent(b.count, total) - static_cast<double>(b.target);
}

bool below_target(const Bucket& b, long total) {
  return b.target >= 0 && gap_points(b, total) < -kGapPoints;
}

std::optional<Composition> cohort_composition(web::Ctx& ctx, const CohortPage& page) {
  if (!page.show_composition) return std::nullopt;
  return load_composition(ctx, page.cohort.programme_id, page.cohort.id);
}

Result<ParityPage> parity_page(web::Ctx& ctx, int64_t cohort_id) {
  auto found = find_cohort_access(ctx, cohort_id);
  if (!found || !policy::can_see_composition(ctx.actor.role, found->in_programme))
    return not_found();
  const int64_t programme_id = found->cohort.programme_id;
  auto p = store::find_programme(ctx.db, programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  ParityPage page;
  page.programme = std::move(*p);
  page.cohort = std::move(found->cohort);
  page.composition = load_composition(ctx, programme_id, cohort_id);
  page.can_edit_targets = policy::can_edit_targets(ctx.actor.role, found->in_programme);
  return page;
}

const std::vector<TargetField>& target_fields() {
  static const std::vector<TargetField> v = {{"route_role", "origin"},
                                             {"route_role", "transit"},
                                             {"route_role", "destination"},
                                             {"gender", "female"},
                                             {"gender", "male"}};
  return v;
}

std::string target_field_name(const TargetField& f) {
  return std::string(f.dimension) + "_" + std::string(f.value);
}

Result<TargetsPage> targets_page(web::Ctx& ctx, int64_t cohort_id) {
  auto found = find_cohort_access(ctx, cohort_id);
  if (!found || !policy::can_edit_targets(ctx.actor.role, found->in_programme)) return not_found();
  auto p =
      store::find_programme(ctx.db, found->cohort.programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  TargetsPage page;
  page.programme = std::move(*p);
  page.cohort = std::move(found->cohort);
  for (const auto& f : target_fields()) page.form[target_field_name(f)] = "";
  for (const auto& t : store::list_cohort_targets(ctx.db, cohort_id))
    for (const auto& f : target_fields())
      if (t.dimension == f.dimension && t.value == f.value)
        page.form[target_field_name(f)] = std::to_string(t.share_percent);
  return page;
}

Status save_targets(web::Ctx& ctx, int64_t cohort_id, const TargetsForm& form) {
  auto found = find_cohort_access(ctx, cohort_id);
  if (!found || !policy::can_edit_targets(ctx.actor.role, found->in_programme)) return not_found();
  std::vector<CohortTarget> targets;
  std::map<std::string_view, long> sums;
  for (const auto& f : target_fields()) {
    auto name = target_field_name(f);
    auto it = form.find(name);
    auto share = parse_share(it == form.end() ? std::string_view() : std::string_view(it->second));
    if (!share)
      return invalid(name, N_("Enter a whole number from {min} to {max}, or leave it empty."),
                     {{"min", 0}, {"max", 100}});
    if (*share < 0) continue;
    sums[f.dimension] += *share;
    targets.push_back({std::string(f.dimension), std::string(f.value), *share});
  }
  if (sums["route_role"] > 100)
    return invalid("route_role", N_("The shares of the route roles add up to more than {percent}."),
                   {{"percent", 100}});
  if (sums["gender"] > 100)
    return invalid("gender", N_("The shares of the genders add up to more than {percent}."),
                   {{"percent", 100}});
  std::string changes;
  for (const auto& t : targets)
    changes += (changes.empty() ? "" : " ") + t.dimension + "." + t.value + "=" +
               std::to_string(t.share_percent);
  db::Transaction tx(ctx.db);
  std::set<std::string_view> dimensions;
  for (const auto& f : target_fields()) dimensions.insert(f.dimension);
  for (auto d : dimensions) store::delete_cohort_targets(ctx.db, cohort_id, std::string(d));
  for (const auto& t : targets) store::insert_cohort_target(ctx.db, cohort_id, t);
  auth::audit(ctx, "cohort.targets", "cohort", std::to_string(cohort_id), changes);
  tx.commit();
  return ok();
}

Result<CohortPage> cohort_people(web::Ctx& ctx, int64_t cohort_id, const MemberFilter& filter) {
  auto all = cohort_page(ctx, cohort_id, filter, 1);
  if (!all) return all;
  const long pages = (all->total + kMembersPerPage - 1) / kMembersPerPage;
  for (long p = 2; p <= pages; ++p) {
    auto next = cohort_page(ctx, cohort_id, filter, p);
    if (!next) return next;
    for (auto& m : next->members) all->members.push_back(std::move(m));
  }
  return all;
}

}  // namespace crm::programme
