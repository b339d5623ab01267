#include "admissions/funnel_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "admissions/funnel_store.hpp"
#include "admissions/shortlist_service.hpp"
#include "programme/parity.hpp"

namespace crm::admissions {

namespace {

using funnel_store::By;

constexpr size_t at(Stage s) {
  return static_cast<size_t>(s);
}

void add_counts(StageCounts& n, const funnel_store::Counts& c) {
  n[at(Stage::started)] += c.started;
  n[at(Stage::submitted)] += c.submitted;
  n[at(Stage::eligible)] += c.eligible;
  n[at(Stage::accepted)] += c.accepted;
  n[at(Stage::confirmed)] += c.confirmed;
  n[at(Stage::enrolled)] += c.enrolled;
}

// The buckets of a ranked applicant in a dimension.
std::vector<std::string> values_of(const RankedRow& r, const std::string& dimension) {
  if (dimension == "country") return {r.applicant.organisation_country};
  if (dimension == "organisation_type") return {r.applicant.organisation_type};
  if (dimension == "gender") return {r.gender};
  if (r.route_roles.empty()) return {""};
  return r.route_roles;
}

FunnelDimension dimension_of(db::Session& db, int64_t call_id, By by, const std::string& name,
                             const std::vector<const RankedRow*>& reviewed,
                             const std::vector<const RankedRow*>& shortlisted) {
  std::map<std::string, StageCounts> buckets;
  for (const auto& c : funnel_store::counts(db, call_id, by)) {
    const std::string value = by == By::gender ? programme::gender_bucket(c.value) : c.value;
    add_counts(buckets[value], c);
  }
  for (const auto* r : reviewed)
    for (const auto& v : values_of(*r, name)) ++buckets[v][at(Stage::reviewed)];
  for (const auto* r : shortlisted)
    for (const auto& v : values_of(*r, name)) ++buckets[v][at(Stage::shortlisted)];
  FunnelDimension d;
  d.dimension = name;
  for (auto& [value, n] : buckets) d.rows.push_back({value, n});
  std::stable_sort(d.rows.begin(), d.rows.end(),
                   [](const FunnelRow& a, const FunnelRow& b) { return a.n[0] > b.n[0]; });
  return d;
}

}  // namespace

Result<FunnelPage> funnel_page(web::Ctx& ctx, int64_t call_id) {
  auto call = managed_call(ctx, call_id);
  if (!call) return not_found();
  return funnel(ctx.db, std::move(*call));
}

Result<FunnelPage> funnel(db::Session& db, shortlist_store::CallRow call) {
  const int64_t call_id = call.call.id;
  auto ranking = rank(db, call);
  if (!ranking) return ranking.error();
  std::vector<const RankedRow*> reviewed, shortlisted;
  for (const auto& r : ranking->rows) {
    // RankedRow::eligible: not withdrawn, passes the questions, enough
    // first-stage reviews.
    if (r.eligible) reviewed.push_back(&r);
    if (r.shortlisted) shortlisted.push_back(&r);
  }
  FunnelPage p;
  p.call = std::move(call);
  for (const auto& c : funnel_store::counts(db, call_id, By::total)) add_counts(p.total, c);
  p.total[at(Stage::reviewed)] = static_cast<long>(reviewed.size());
  p.total[at(Stage::shortlisted)] = static_cast<long>(shortlisted.size());
  const std::pair<By, const char*> dimensions[] = {{By::route_role, "route_role"},
                                                   {By::country, "country"},
                                                   {By::organisation_type, "organisation_type"},
                                                   {By::gender, "gender"}};
  for (const auto& [by, name] : dimensions)
    p.dimensions.push_back(dimension_of(db, call_id, by, name, reviewed, shortlisted));
  return p;
}

}  // namespace crm::admissions
