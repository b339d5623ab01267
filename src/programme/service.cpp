#include "programme/service.hpp"

#include <algorithm>

#include "programme/countries.hpp"
#include "programme/policy.hpp"
#include "programme/store.hpp"

namespace crm::programme {

namespace {

MemberFilter valid_filter(MemberFilter f, bool details) {
  if (!is_country(f.country)) f.country.clear();
  if (!one_of(route_roles(), f.route_role)) f.route_role.clear();
  if (!one_of(organisation_types(), f.organisation_type)) f.organisation_type.clear();
  // Who withdrew is not for other participants to find out.
  if (!details || !one_of(enrolment_statuses(), f.status)) f.status.clear();
  return f;
}

}  // namespace

Result<Overview> overview(web::Ctx& ctx, int64_t id) {
  if (!policy::can_see_programme(ctx.actor.role)) return not_found();
  auto p = store::find_programme(ctx.db, id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  Overview o;
  o.programme = std::move(*p);
  o.countries = store::list_programme_countries(ctx.db, id);
  o.cohorts = store::list_cohorts(ctx.db, id);
  o.programme.funders = store::list_programme_funders(ctx.db, id);
  const auto m =
      ctx.actor.signed_in() ? store::membership(ctx.db, id, ctx.actor.id) : store::Membership{};
  o.can_see_members = policy::can_see_members(ctx.actor.role, m.in_programme);
  o.can_manage = policy::can_manage_programmes(ctx.actor.role);
  o.can_add_cohort = policy::can_add_cohort(ctx.actor.role, m.on_team);
  return o;
}

std::map<std::string, std::string> site_names(db::Session& db) {
  return store::sole_programme_names(db);
}

std::vector<Cohort> my_cohorts(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::has_own_cohorts(ctx.actor.role)) return {};
  return store::cohorts_of_account(ctx.db, ctx.actor.id, kStartCohorts);
}

Result<CohortPage> cohort_page(web::Ctx& ctx, int64_t cohort_id, MemberFilter filter, long page) {
  auto found =
      store::find_cohort_access(ctx.db, cohort_id, ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found) return not_found();
  const bool member = found->in_programme;
  if (!policy::can_see_members(ctx.actor.role, member)) return not_found();
  const int64_t programme_id = found->cohort.programme_id;
  auto p = store::find_programme(ctx.db, programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  CohortPage c;
  c.programme = std::move(*p);
  c.cohort = std::move(found->cohort);
  c.show_details = policy::can_see_member_details(ctx.actor.role);
  c.show_composition = policy::can_see_composition(ctx.actor.role, member);
  c.filter = valid_filter(std::move(filter), c.show_details);
  // Participants and alumni see only who takes part, and of each other only
  // what each chose to show.
  const bool peer = !policy::sees_everyone_enrolled(ctx.actor.role);
  c.countries = store::member_countries(ctx.db, cohort_id, peer);
  c.total = store::count_members(ctx.db, programme_id, cohort_id, c.filter, peer);
  long pages = std::max(1L, (c.total + kMembersPerPage - 1) / kMembersPerPage);
  c.page = std::clamp(page, 1L, pages);
  c.members = store::list_members(ctx.db, programme_id, cohort_id, c.filter, kMembersPerPage,
                                  (c.page - 1) * kMembersPerPage, peer);
  if (peer)
    for (auto& m : c.members) {
      m.email.clear();
      m.position.clear();
      m.status.clear();  // the role stays: peers see who is on the team
      if (!is_visible(m.visible_fields, "country")) m.country.clear();
      if (!is_visible(m.visible_fields, "organisation")) {
        m.organisation.clear();
        m.organisation_latin.clear();
        m.organisation_type.clear();
      }
    }
  return c;
}

}  // namespace crm::programme
