#include "privacy/service.hpp"
#include "core/i18n.hpp"

#include <boost/json.hpp>

#include "auth/service.hpp"
#include "certificates/service.hpp"
#include "knowledge/publication.hpp"
#include "papers/project_service.hpp"
#include "papers/service.hpp"
#include "privacy/policy.hpp"
#include "privacy/store.hpp"
#include "search/change_log.hpp"
#include "spaces/moderation_store.hpp"
#include "surveys/answer_store.hpp"

namespace crm::privacy {

namespace {

constexpr long kAuditLinesInExport = 1000;
// A name this short may be part of other words: it is scrubbed from audit
// entries about the person only, not from every entry that contains it.
constexpr size_t kShortestNameScrubbedEverywhere = 5;

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The person staff act on, when the actor may act on them.
Result<programme::Person> managed_person(web::Ctx& ctx, int64_t person_id) {
  if (!ctx.actor.signed_in()) return not_found();
  bool on_team = ctx.actor.role == auth::Role::staff &&
                 store::is_staff_of_person(ctx.db, ctx.actor.id, person_id);
  if (!policy::can_manage_person_data(ctx.actor.role, on_team)) return not_found();
  auto p = store::find_person(ctx.db, person_id, programme::scope_of(ctx.actor));
  if (!p) return not_found();
  return *p;
}

Result<programme::Person> own_person(web::Ctx& ctx) {
  if (!policy::can_see_own_data(ctx.actor.role) || !ctx.actor.signed_in()) return not_found();
  auto p = store::find_person_of_account(ctx.db, ctx.actor.id);
  if (!p) return not_found();
  return *p;
}

Error already_erased() {
  return Error{ErrorKind::conflict, "", N_("This person's data has already been erased.")};
}

ConsentPage consent_page(web::Ctx& ctx, const programme::Person& p) {
  ConsentPage c;
  c.person_id = p.id;
  c.name = p.name;
  c.name_latin = p.name_latin;
  c.erased = p.erased_at != 0;
  c.own_account_id = p.account_id;
  c.history = store::consents_of(ctx.db, p.id);
  return c;
}

Status change_consent(web::Ctx& ctx, const programme::Person& p, const std::string& purpose,
                      const std::string& action, int64_t recorded_by) {
  if (p.erased_at) return already_erased();
  if (!programme::one_of(programme::consent_purposes(), purpose))
    return invalid("purpose", N_("Choose what the consent is for."));
  if (action != "give" && action != "withdraw")
    return invalid("action", N_("Choose whether the consent is given or withdrawn."));
  db::Transaction tx(ctx.db);
  auto open = store::open_consent(ctx.db, p.id, purpose);
  if (action == "give") {
    if (open) return Error{ErrorKind::conflict, "", N_("This consent is already given.")};
    store::insert_consent(ctx.db, p.id, purpose, ctx.now, recorded_by);
    auth::audit(ctx, "consent.give", "person", std::to_string(p.id),
                auth::changes_json({{"purpose", {"", purpose}}}));
  } else {
    if (!open || !store::withdraw_consent(ctx.db, p.id, open->id, ctx.now))
      return Error{ErrorKind::conflict, "", N_("This consent is not given at the moment.")};
    if (purpose == "directory" && !p.visible_fields.empty()) {
      store::hide_from_directory(ctx.db, p.id, ctx.now);
      auth::audit(ctx, "consent.withdraw", "person", std::to_string(p.id),
                  auth::changes_json(
                      {{"purpose", {purpose, ""}}, {"visible_fields", {p.visible_fields, ""}}}));
    } else {
      auth::audit(ctx, "consent.withdraw", "person", std::to_string(p.id),
                  auth::changes_json({{"purpose", {purpose, ""}}}));
    }
  }
  tx.commit();
  return ok();
}

}  // namespace

Result<PersonalData> personal_data(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_see_own_data(ctx.actor.role)) return not_found();
  auto account = store::account_data(ctx.db, ctx.actor.id);
  if (!account) return not_found();
  PersonalData d;
  d.generated_at = ctx.now;
  d.account = std::move(*account);
  d.invitations_sent = store::invitations_sent_by(ctx.db, ctx.actor.id, ctx.now);
  int64_t person_id = 0;
  if (auto p = store::find_person_of_account(ctx.db, ctx.actor.id)) {
    d.has_person = true;
    person_id = p->id;
    d.person.person = std::move(*p);
    if (d.person.person.organisation_id)
      if (auto o = store::find_organisation(ctx.db, d.person.person.organisation_id))
        d.person.organisation = std::move(*o);
    if (auto photo = store::photo_of(ctx.db, person_id)) {
      d.person.has_photo = true;
      d.person.photo_type = photo->first;
      d.person.photo_updated_at = photo->second;
    }
    d.enrolments = store::enrolments_of(ctx.db, person_id);
    d.teaching = store::teaching_of(ctx.db, person_id);
    d.consents = store::consents_of(ctx.db, person_id);
    d.certificates = certificates::of_person(ctx.db, person_id);
    d.publications = knowledge::own_publications(ctx.db, person_id);
    d.attendance = store::attendance_of(ctx.db, person_id);
    d.module_results = store::module_results_of(ctx.db, person_id);
    d.projects = papers::projects_of_person(ctx.db, person_id);
    d.papers = papers::personal_papers(ctx.db, person_id);
    d.survey_responses = surveys::answer_store::responses_of_person(ctx.db, person_id);
    d.applications = admissions::apply_store::applications_of(ctx.db, person_id);
    d.application_documents = admissions::apply_store::documents_of_person(ctx.db, person_id);
  }
  d.project_updates = papers::project_updates_by(ctx.db, ctx.actor.id);
  d.reviews_written = admissions::review_store::scores_written_by(ctx.db, ctx.actor.id,
                                                                  std::string(ctx.tr.language()));
  d.space_posts =
      spaces::moderation_store::posts_by(ctx.db, ctx.actor.id, std::string(ctx.tr.language()));
  d.audit = store::audit_about(ctx.db, ctx.actor.id, person_id, kAuditLinesInExport);
  return d;
}

Result<ErasureStatus> erasure_status(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_see_own_data(ctx.actor.role)) return not_found();
  ErasureStatus s;
  if (auto p = store::find_person_of_account(ctx.db, ctx.actor.id)) {
    s.has_person = true;
    s.requested_at = p->erasure_requested_at;
  }
  return s;
}

Status request_erasure(web::Ctx& ctx, bool confirmed) {
  auto p = own_person(ctx);
  if (!p) return p.error();
  if (p->erasure_requested_at)
    return Error{ErrorKind::conflict, "", N_("You have already asked for erasure.")};
  if (!confirmed)
    return invalid("confirm", N_("Tick the box to confirm that you want your data erased."));
  db::Transaction tx(ctx.db);
  if (!store::mark_erasure_requested(ctx.db, p->id, ctx.now))
    return Error{ErrorKind::conflict, "", N_("You have already asked for erasure.")};
  auth::audit(ctx, "person.erasure_requested", "person", std::to_string(p->id));
  tx.commit();
  return ok();
}

Status withdraw_erasure_request(web::Ctx& ctx) {
  auto p = own_person(ctx);
  if (!p) return p.error();
  db::Transaction tx(ctx.db);
  if (!store::clear_erasure_request(ctx.db, p->id))
    return Error{ErrorKind::conflict, "", N_("You have not asked for erasure.")};
  auth::audit(ctx, "person.erasure_withdrawn", "person", std::to_string(p->id));
  tx.commit();
  return ok();
}

Result<std::vector<ErasureRequest>> erasure_requests(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_see_erasure_requests(ctx.actor.role))
    return not_found();
  return store::erasure_requests(ctx.db, ctx.actor.role == auth::Role::admin ? 0 : ctx.actor.id);
}

std::optional<long> pending_erasure_requests(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_see_erasure_requests(ctx.actor.role))
    return std::nullopt;
  return store::count_erasure_requests(ctx.db,
                                       ctx.actor.role == auth::Role::admin ? 0 : ctx.actor.id);
}

Result<ErasureRequest> erasure_target(web::Ctx& ctx, int64_t person_id) {
  auto p = managed_person(ctx, person_id);
  if (!p) return p.error();
  if (p->erased_at) return already_erased();
  ErasureRequest r;
  r.person_id = p->id;
  r.name = p->name;
  r.name_latin = p->name_latin;
  r.email = p->email;
  r.country = p->country;
  r.requested_at = p->erasure_requested_at;
  r.cohorts = store::cohort_names_of(ctx.db, p->id);
  return r;
}

Status erase(web::Ctx& ctx, int64_t person_id, const std::string& typed_id) {
  auto p = managed_person(ctx, person_id);
  if (!p) return p.error();
  if (p->erased_at) return already_erased();
  // The number may be typed in Arabic-Indic or Persian digits.
  if (parse_whole_number(trim(typed_id)) != person_id)
    return invalid("confirm_id", N_("Type the record number shown above to confirm."));
  std::optional<AccountData> account;
  if (p->account_id) account = store::account_data(ctx.db, p->account_id);
  const std::string erased_email = "erased-" + std::to_string(p->id) + "@invalid";

  db::Transaction tx(ctx.db);
  // First what points at the person through their addresses and ids, while
  // the invitations still carry the email.
  store::scrub_audit_about(ctx.db, p->account_id, p->id, p->email);
  if (account) {
    store::scrub_audit_about(ctx.db, account->id, p->id, account->email);
    store::relabel_audit_actor(ctx.db, account->id, "account " + std::to_string(account->id));
  }
  std::vector<std::string> texts = {p->email, p->name, p->name_latin};
  if (account) texts.insert(texts.end(), {account->email, account->name});
  for (const auto& text : texts)
    if (text.size() >= kShortestNameScrubbedEverywhere) store::scrub_audit_mentioning(ctx.db, text);
  store::anonymise_invitations(ctx.db, p->email, p->account_id, erased_email);
  store::delete_login_attempts(ctx.db, p->email);
  store::delete_mail_to(ctx.db, p->email);
  if (account) {
    store::anonymise_invitations(ctx.db, account->email, account->id, erased_email);
    store::delete_login_attempts(ctx.db, account->email);
    store::delete_mail_to(ctx.db, account->email);
  }
  store::close_consents(ctx.db, p->id, ctx.now);
  store::delete_photo(ctx.db, p->id);
  // Identified survey responses carry the person: deleted with their answers
  // (results lose them; anonymous responses never carried anyone and stay).
  surveys::answer_store::delete_responses_of_person(ctx.db, p->id);
  if (!store::erase_person(ctx.db, p->id, ctx.now)) return already_erased();
  // Their name leaves every indexed work at once (search/change_log.hpp).
  search::record_person_change(ctx.db, p->id, ctx.now);
  // The public verification page then says "revoked" and shows no name.
  certificates::erase_holder(ctx.db, p->id, ctx.now);
  // Their words in the spaces go (replies keep their place as "Deleted").
  if (account) spaces::moderation_store::erase_account(ctx.db, account->id, ctx.now);
  if (account) store::delete_account(ctx.db, account->id);
  auth::audit(ctx, "person.erased", "person", std::to_string(p->id));
  tx.commit();
  return ok();
}

Result<ConsentPage> own_consents(web::Ctx& ctx) {
  auto p = own_person(ctx);
  if (!p) return p.error();
  return consent_page(ctx, *p);
}

Status change_own_consent(web::Ctx& ctx, const std::string& purpose, const std::string& action) {
  auto p = own_person(ctx);
  if (!p) return p.error();
  return change_consent(ctx, *p, purpose, action, ctx.actor.id);
}

Result<ConsentPage> person_consents(web::Ctx& ctx, int64_t person_id) {
  auto p = managed_person(ctx, person_id);
  if (!p) return p.error();
  return consent_page(ctx, *p);
}

Status record_consent(web::Ctx& ctx, int64_t person_id, const std::string& purpose,
                      const std::string& action) {
  auto p = managed_person(ctx, person_id);
  if (!p) return p.error();
  return change_consent(ctx, *p, purpose, action, ctx.actor.id);
}

}  // namespace crm::privacy
