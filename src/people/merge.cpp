// Merging two person records that turn out to be the same person. The
// survivor (`id`) takes over everything the duplicate (`other`) had: its
// enrolments with their histories, consent records, photo and account link,
// and every field the survivor left empty. The duplicate keeps its id (old
// links redirect) but no data. Nothing is lost; one transaction; audited.
#include <algorithm>
#include <boost/json.hpp>

#include "auth/service.hpp"
#include "knowledge/publication.hpp"
#include "people/policy.hpp"
#include "people/service.hpp"
#include "people/store.hpp"
#include "search/change_log.hpp"

namespace crm::people {

namespace {

// A person the actor may merge: exists, not merged, not erased, and in a
// programme the actor manages (admins: any).
bool manageable(web::Ctx& ctx, const Person& p) {
  if (ctx.actor.role == auth::Role::admin) return true;
  return policy::can_manage_people(ctx.actor.role,
                                   store::shares_programme(ctx.db, p.id, ctx.actor.id, false));
}

Result<Person> survivor_of(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in() || !policy::can_manage_people(ctx.actor.role, true))
    return not_found();
  const auto in_scope = programme::scope_of(ctx.actor);
  auto p = store::find_person(ctx.db, id, in_scope);
  if (!p) return not_found();
  // A merged record belongs to no programme any more: its survivor's scope decides.
  auto scope = p->merged_into ? store::find_person(ctx.db, p->merged_into, in_scope) : p;
  if (!scope || !manageable(ctx, *scope)) return not_found();
  if (p->merged_into || p->erased_at)
    return invalid("other", N_("This record was merged or erased; it cannot take in another."));
  return std::move(*p);
}

Result<Person> duplicate_of(web::Ctx& ctx, const Person& survivor, const std::string& other) {
  std::optional<Person> d;
  if (other.empty()) return invalid("other", N_("Enter the number or the email of the duplicate."));
  if (other.find('@') != std::string::npos) {
    d = store::find_person_by_email(ctx.db, auth::normalise_email(other), ctx.actor.id,
                                    ctx.actor.role == auth::Role::admin);
  } else {
    try {
      size_t used = 0;
      long long id = std::stoll(other, &used);
      if (used == other.size() && id > 0)
        d = store::find_person(ctx.db, id, programme::scope_of(ctx.actor));
    } catch (const std::exception&) {
    }
  }
  if (!d || !manageable(ctx, *d))
    return invalid("other", N_("No person with this number or email in your programmes."));
  if (d->id == survivor.id) return invalid("other", N_("A record cannot be merged into itself."));
  if (d->merged_into || d->erased_at)
    return invalid("other", N_("That record was already merged or erased."));
  if (d->account_id && survivor.account_id)
    return invalid("other", N_("Both records have an account. Only one account can stay: ask an "
                               "administrator to close one of them first."));
  return std::move(*d);
}

// How far along an enrolment is; the one further along wins a conflict.
int rank(std::string_view status) {
  if (status == "applicant") return 0;
  if (status == "admitted" || status == "not_admitted") return 1;
  if (status == "participant") return 2;
  if (status == "withdrawn") return 3;
  if (status == "graduate") return 4;
  return -1;
}

void fill(std::string& to, const std::string& from) {
  if (to.empty()) to = from;
}

}  // namespace

Result<MergePage> merge_page(web::Ctx& ctx, int64_t id, const std::string& other) {
  auto s = survivor_of(ctx, id);
  if (!s) return s.error();
  MergePage page;
  page.other = other;
  const auto scope = programme::scope_of(ctx.actor);
  page.survivor_enrolments = store::list_enrolments(ctx.db, s->id, scope);
  if (!other.empty()) {
    auto d = duplicate_of(ctx, *s, other);
    if (!d) return d.error();
    page.duplicate_enrolments = store::list_enrolments(ctx.db, d->id, scope);
    page.duplicate = std::move(*d);
  }
  page.survivor = std::move(*s);
  return page;
}

Status merge(web::Ctx& ctx, int64_t id, const std::string& other) {
  auto s = survivor_of(ctx, id);
  if (!s) return s.error();
  auto d = duplicate_of(ctx, *s, other);
  if (!d) return d.error();
  Person survivor = std::move(*s);
  const Person dup = std::move(*d);

  db::Transaction tx(ctx.db);
  // Enrolments: moved over; where both are in the same cohort in the same
  // role, the survivor's row stays with the status further along, and the
  // histories of both.
  // Every enrolment moves, in whatever programme: a merge leaves nothing behind.
  const programme::Scope everything{0, true};
  auto mine = store::list_enrolments(ctx.db, survivor.id, everything);
  long moved = 0, joined = 0;
  for (const auto& e : store::list_enrolments(ctx.db, dup.id, everything)) {
    auto same = std::find_if(mine.begin(), mine.end(), [&](const EnrolmentRow& m) {
      return m.cohort_id == e.cohort_id && m.role == e.role;
    });
    if (same == mine.end()) {
      store::move_enrolment(ctx.db, e.id, survivor.id);
      ++moved;
      continue;
    }
    store::move_status_changes(ctx.db, e.id, same->id);
    if (rank(e.status) > rank(same->status))
      store::update_enrolment_status(ctx.db, same->id, e.status);
    store::delete_enrolment(ctx.db, e.id);
    ++joined;
  }
  store::move_consents(ctx.db, dup.id, survivor.id);
  bool photo_moved = false;
  if (store::has_photo(ctx.db, dup.id)) {
    if (!store::has_photo(ctx.db, survivor.id)) {
      store::move_photo(ctx.db, dup.id, survivor.id);
      photo_moved = true;
    } else {
      store::delete_photo(ctx.db, dup.id);
    }
  }
  // Empty fields of the survivor from the duplicate.
  fill(survivor.name_latin, dup.name_latin);
  if (!survivor.organisation_id) survivor.organisation_id = dup.organisation_id;
  fill(survivor.position, dup.position);
  fill(survivor.gender, dup.gender);
  fill(survivor.languages, dup.languages);
  fill(survivor.expertise, dup.expertise);
  fill(survivor.time_zone, dup.time_zone);
  fill(survivor.bio, dup.bio);
  survivor.updated_at = ctx.now;
  // The duplicate gives up its unique email and account before the survivor takes the account.
  store::mark_merged(ctx.db, dup.id, survivor.id, "merged-" + std::to_string(dup.id) + "@invalid",
                     ctx.now);
  store::repoint_merged(ctx.db, dup.id, survivor.id);
  // Papers, supervision and project teams: found under the survivor.
  knowledge::move_person_works(ctx.db, dup.id, survivor.id, ctx.now);
  store::update_profile(ctx.db, survivor);
  bool account_moved = false;
  if (dup.account_id && !survivor.account_id) {
    store::set_account(ctx.db, survivor.id, dup.account_id);
    account_moved = true;
  }
  boost::json::object changes;
  changes["survivor"] = survivor.id;
  changes["duplicate"] = dup.id;
  changes["enrolments_moved"] = moved;
  changes["enrolments_joined"] = joined;
  changes["photo_moved"] = photo_moved;
  changes["account_moved"] = account_moved;
  auth::audit(ctx, "person.merged", "person", std::to_string(survivor.id),
              boost::json::serialize(changes));
  tx.commit();
  return ok();
}

}  // namespace crm::people
