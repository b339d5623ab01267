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

Result<OrganisationPage> organisation_page(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto view = policy::organisation_view(ctx.actor.role);
  if (view == policy::OrganisationView::none) return not_found();
  auto org = store::find_organisation(ctx.db, id);
  if (!org) return not_found();
  OrganisationPage page;
  page.full = view == policy::OrganisationView::full;
  page.people = store::organisation_people(ctx.db, id, ctx.actor.id,
                                           ctx.actor.role == auth::Role::admin, !page.full);
  // Nobody the actor may see works there: as if it did not exist.
  if (page.people.empty()) return not_found();
  if (!page.full)
    for (auto& p : page.people) {
      p.role.clear();
      p.status.clear();
    }
  page.organisation = std::move(*org);
  return page;
}

}  // namespace crm::people
