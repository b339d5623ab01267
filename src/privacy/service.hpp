// Data protection use cases: a person's own data (page and JSON export),
// erasure (asked for by the person, carried out by staff), and consent
// records. Each checks the actor's permissions first (privacy/policy.hpp) and
// answers not_found for what the actor may not see; each write is one
// transaction with an audit entry.
//
// Decisions where the issue was silent:
// - Erasure deletes the linked account (its sessions, recovery codes and
//   resets go with it by cascade) rather than disabling it: a disabled account
//   would still be a row about the person. The person keeps its id, country,
//   organisation, gender, enrolments and status history; its name is stored
//   empty (views show "Erased person" in the reader's language) and its email
//   becomes erased-<id>@invalid (unique). Open consents are closed on the day
//   of erasure. Queued or sent mail to the person's addresses and their failed
//   login attempts are deleted too.
// - Audit entries keep what happened and when: those about the person, their
//   account or invitations to them lose their recorded changes; those the
//   account made are relabelled "account <id>" without address; any entry
//   whose changes mention the email or the full name (5 bytes or longer) loses
//   its changes.
// - Consent changes are audited as "consent.give" / "consent.withdraw" on the
//   entity "person" (so the person's export and erasure find them), with the
//   purpose as the change.
// - Withdrawing the directory consent sets visible_fields to '' (nothing but
//   the name for other participants and alumni); giving it again does not
//   restore the old choice: the person chooses again on their profile.
// - The export lists the invitations an account sent without the invitees'
//   names or addresses, and audit entries without their changes: both may be
//   other people's data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "privacy/model.hpp"
#include "web/context.hpp"

namespace crm::privacy {

// Everything crm holds about the signed-in actor: their account and, when one
// is linked, their person record with what hangs off it. not_found when
// anonymous.
Result<PersonalData> personal_data(web::Ctx& ctx);

// The signed-in actor's own erasure request.
struct ErasureStatus {
  bool has_person = false;   // false: only an account, nothing for staff to erase
  int64_t requested_at = 0;  // 0: not asked for yet
};
Result<ErasureStatus> erasure_status(web::Ctx& ctx);
// Records the request (person.erasure_requested_at) when `confirmed`;
// invalid("confirm") otherwise, conflict when asked already, not_found
// without a person record. Sends no mail.
Status request_erasure(web::Ctx& ctx, bool confirmed);
// Withdraws the actor's pending request; conflict when there is none.
Status withdraw_erasure_request(web::Ctx& ctx);

// Pending requests the actor may carry out, oldest first.
Result<std::vector<ErasureRequest>> erasure_requests(web::Ctx& ctx);
// How many of those wait (for the staff dashboard); nullopt for an actor who
// does not handle erasure requests.
std::optional<long> pending_erasure_requests(web::Ctx& ctx);
// The person as the erasure confirmation shows them; not_found outside the
// actor's scope, conflict when already erased.
Result<ErasureRequest> erasure_target(web::Ctx& ctx, int64_t person_id);
// Erases the person's personal data in one transaction; `typed_id` must be
// the record number (invalid("confirm_id") otherwise). Keeps country,
// organisation, gender, enrolments and their history, so counts stay right;
// deletes the linked account (and its sessions); scrubs names and emails
// from invitations and the audit log. Final: conflict when erased already.
Status erase(web::Ctx& ctx, int64_t person_id, const std::string& typed_id);

struct ConsentPage {
  int64_t person_id = 0;
  std::string name, name_latin;  // name empty: erased
  bool erased = false;
  int64_t own_account_id = 0;          // the person's account (to tell who recorded what)
  std::vector<ConsentRecord> history;  // oldest first
};
// The signed-in actor's consents; not_found without a person record.
Result<ConsentPage> own_consents(web::Ctx& ctx);
// Gives or withdraws (`action` "give" | "withdraw") the actor's own consent
// for `purpose`. Withdrawing the directory consent also hides every profile
// field from other participants and alumni (visible_fields = '').
Status change_own_consent(web::Ctx& ctx, const std::string& purpose, const std::string& action);
// A person's consents as staff see them; not_found outside their scope.
Result<ConsentPage> person_consents(web::Ctx& ctx, int64_t person_id);
// Records a consent given or withdrawn on paper (recorded_by = the actor).
Status record_consent(web::Ctx& ctx, int64_t person_id, const std::string& purpose,
                      const std::string& action);

}  // namespace crm::privacy
