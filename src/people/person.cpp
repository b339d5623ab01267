// The person page, enrolment status changes and the photo as served.
#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <set>

#include "auth/service.hpp"
#include "certificates/service.hpp"
#include "people/policy.hpp"
#include "people/service.hpp"
#include "people/store.hpp"
#include "programme/model.hpp"
#include "programme/policy.hpp"

namespace crm::people {

namespace {

using programme::is_visible;

policy::PersonView view_of(web::Ctx& ctx, const Person& p) {
  if (!ctx.actor.signed_in()) return policy::PersonView::none;
  bool own = p.account_id != 0 && p.account_id == ctx.actor.id;
  // Participants and alumni see only people taking part in their programmes.
  bool shares = !own && ctx.actor.role != auth::Role::admin &&
                store::shares_programme(ctx.db, p.id, ctx.actor.id,
                                        !programme::policy::sees_everyone_enrolled(ctx.actor.role));
  return policy::person_view(ctx.actor.role, shares, own);
}

// What other participants and alumni see: the name and the chosen fields.
void keep_visible_only(Person& p) {
  const std::string& v = p.visible_fields;
  if (!is_visible(v, "country")) p.country.clear();
  if (!is_visible(v, "organisation")) p.organisation_id = 0;
  if (!is_visible(v, "position")) p.position.clear();
  if (!is_visible(v, "email")) p.email.clear();
  if (!is_visible(v, "languages")) p.languages.clear();
  if (!is_visible(v, "expertise")) p.expertise.clear();
  if (!is_visible(v, "bio")) p.bio.clear();
  p.gender.clear();
  p.time_zone.clear();
  p.account_id = 0;
  p.created_at = p.updated_at = 0;
  p.erasure_requested_at = 0;
}

}  // namespace

const std::vector<std::string_view>& next_statuses(std::string_view from) {
  static const std::vector<std::string_view> from_applicant = {"admitted", "not_admitted"};
  static const std::vector<std::string_view> from_admitted = {"participant", "withdrawn"};
  static const std::vector<std::string_view> from_participant = {"graduate", "withdrawn"};
  static const std::vector<std::string_view> none;
  if (from == "applicant") return from_applicant;
  if (from == "admitted") return from_admitted;
  if (from == "participant") return from_participant;
  return none;
}

Result<PersonPage> person_page(web::Ctx& ctx, int64_t id) {
  const auto scope = programme::scope_of(ctx.actor);
  auto p = store::find_person(ctx.db, id, scope);
  if (!p) return not_found();
  PersonPage page;
  if (p->merged_into) {
    // Old links lead to the surviving record, for those who may see it.
    auto survivor = store::find_person(ctx.db, p->merged_into, scope);
    if (!survivor || view_of(ctx, *survivor) == policy::PersonView::none) return not_found();
    page.merged_into = survivor->id;
    return page;
  }
  auto view = view_of(ctx, *p);
  if (view == policy::PersonView::none) return not_found();
  page.own = p->account_id != 0 && p->account_id == ctx.actor.id;
  page.full = view == policy::PersonView::full;
  bool has_photo = store::has_photo(ctx.db, id);
  if (page.full) {
    page.show_photo = has_photo;
    // Their own record shows everything; staff see the enrolments of their programmes.
    auto scope = programme::scope_of(ctx.actor);
    scope.all = scope.all || page.own;
    page.enrolments = store::list_enrolments(ctx.db, id, scope);
    auto history = store::list_status_changes(ctx.db, id, scope);
    // Whether each enrolment is in one of the actor's programmes: listed in
    // the actor's scope, all of them are; their own record lists every
    // enrolment, so their programmes are read once (not once per enrolment).
    std::optional<std::set<int64_t>> mine;
    if (scope.all && ctx.actor.role != auth::Role::admin && !page.enrolments.empty() &&
        policy::can_manage_people(ctx.actor.role, true))
      mine = store::programmes_of(ctx.db, ctx.actor.id);
    for (auto& e : page.enrolments) {
      for (const auto& h : history)
        if (h.enrolment_id == e.id) e.history.push_back(h);
      const bool ours = ctx.actor.role == auth::Role::admin || !scope.all ||
                        (mine && mine->count(e.programme_id) > 0);
      bool manage = policy::can_manage_people(ctx.actor.role, ours);
      if (manage) {
        page.can_manage = true;
        for (auto s : next_statuses(e.status)) e.next_statuses.emplace_back(s);
      }
    }
  } else {
    keep_visible_only(*p);
    page.show_photo = has_photo && is_visible(p->visible_fields, "photo");
  }
  if (p->organisation_id) page.organisation = store::find_organisation(ctx.db, p->organisation_id);
  // Their certificates: for the holder and the staff who issue them.
  if (page.full && !p->erased_at)
    page.certificates = certificates::held_by(ctx, p->id, p->account_id);
  page.person = std::move(*p);
  return page;
}

namespace {

// The enrolment the actor may move to `status`; not_found or invalid.
Result<EnrolmentRow> movable_enrolment(web::Ctx& ctx, int64_t enrolment_id,
                                       const std::string& status) {
  if (!ctx.actor.signed_in()) return not_found();
  if (!policy::can_manage_people(ctx.actor.role, true)) return not_found();
  auto e = store::find_enrolment(ctx.db, enrolment_id, programme::scope_of(ctx.actor));
  if (!e) return not_found();
  if (status.empty()) return invalid("status", N_("Choose the new status."));
  if (!programme::one_of(next_statuses(e->status), status))
    return invalid("status", N_("This change of status is not possible. An applicant can be "
                                "admitted or not admitted, an admitted person can start or "
                                "withdraw, a participant can graduate or withdraw."));
  return std::move(*e);
}

}  // namespace

bool is_final_status(std::string_view status) {
  return status == "graduate" || status == "withdrawn" || status == "not_admitted";
}

Result<StatusConfirmation> status_confirmation(web::Ctx& ctx, int64_t enrolment_id,
                                               const std::string& status) {
  auto e = movable_enrolment(ctx, enrolment_id, status);
  if (!e) return e.error();
  auto page = person_page(ctx, e->person_id);
  if (!page) return page.error();
  for (auto& row : page->enrolments)
    if (row.id == enrolment_id && std::find(row.next_statuses.begin(), row.next_statuses.end(),
                                            status) != row.next_statuses.end())
      return StatusConfirmation{std::move(page->person), std::move(row), status};
  return not_found();
}

Result<int64_t> change_status(web::Ctx& ctx, int64_t enrolment_id, const std::string& status) {
  auto e = movable_enrolment(ctx, enrolment_id, status);
  if (!e) return e.error();
  db::Transaction tx(ctx.db);
  store::update_enrolment_status(ctx.db, e->id, status);
  store::insert_status_change(ctx.db, e->id, status, ctx.now, ctx.actor.id);
  boost::json::object changes;
  changes["status"] =
      boost::json::array{boost::json::string(e->status), boost::json::string(status)};
  auth::audit(ctx, "enrolment.status", "enrolment", std::to_string(e->id),
              boost::json::serialize(changes));
  tx.commit();
  return e->person_id;
}

Result<Photo> photo(web::Ctx& ctx, int64_t person_id, PhotoSize size) {
  auto p = store::find_person(ctx.db, person_id, programme::scope_of(ctx.actor));
  if (!p || p->merged_into) return not_found();
  auto view = view_of(ctx, *p);
  if (view == policy::PersonView::none) return not_found();
  if (view == policy::PersonView::peer && !is_visible(p->visible_fields, "photo"))
    return not_found();
  auto photo = store::find_photo(ctx.db, person_id, size);
  if (!photo) return not_found();
  return std::move(*photo);
}

}  // namespace crm::people
