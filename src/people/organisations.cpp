// Organisation pages: the list for the programme team, and one organisation
// with its people across cohorts.
#include <algorithm>

#include "people/policy.hpp"
#include "people/service.hpp"
#include "people/store.hpp"

namespace crm::people {

Result<OrganisationList> organisations(web::Ctx& ctx, long page) {
  if (!ctx.actor.signed_in() || !policy::can_list_organisations(ctx.actor.role)) return not_found();
  const bool all = ctx.actor.role == auth::Role::admin;
  OrganisationList list;
  list.total = store::count_organisations(ctx.db, ctx.actor.id, all);
  long pages = std::max(1L, (list.total + kOrganisationsPerPage - 1) / kOrganisationsPerPage);
  list.page = std::clamp(page, 1L, pages);
  list.items = store::list_organisations(ctx.db, ctx.actor.id, all, kOrganisationsPerPage,
                                         (list.page - 1) * kOrganisationsPerPage);
  return list;
}

namespace {

// `per_page` rows of page `page`; per_page 0: all of them.
Result<OrganisationPage> organisation_people_page(web::Ctx& ctx, int64_t id, long page,
                                                  long per_page) {
  if (!ctx.actor.signed_in()) return not_found();
  auto view = policy::organisation_view(ctx.actor.role);
  if (view == policy::OrganisationView::none) return not_found();
  auto org = store::find_organisation(ctx.db, id);
  if (!org) return not_found();
  OrganisationPage o;
  o.full = view == policy::OrganisationView::full;
  const bool all = ctx.actor.role == auth::Role::admin;
  o.total = store::count_organisation_people(ctx.db, id, ctx.actor.id, all, !o.full);
  // Nobody the actor may see works there: as if it did not exist.
  if (o.total == 0) return not_found();
  if (per_page == 0) per_page = o.total;
  const long pages = (o.total + per_page - 1) / per_page;
  o.page = std::clamp(page, 1L, pages);
  o.people = store::organisation_people(ctx.db, id, ctx.actor.id, all, !o.full, per_page,
                                        (o.page - 1) * per_page);
  if (!o.full)
    for (auto& p : o.people) {
      p.role.clear();
      p.status.clear();
    }
  o.organisation = std::move(*org);
  return o;
}

}  // namespace

Result<OrganisationPage> organisation_page(web::Ctx& ctx, int64_t id, long page) {
  return organisation_people_page(ctx, id, page, kOrganisationPeoplePerPage);
}

Result<OrganisationPage> organisation_people_all(web::Ctx& ctx, int64_t id) {
  return organisation_people_page(ctx, id, 1, 0);
}

}  // namespace crm::people
