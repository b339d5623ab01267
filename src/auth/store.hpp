// SQL for accounts, sessions, invitations, resets, login attempts, recovery
// codes and the audit log. The only file in auth/ with SQL. Every function
// takes the open db::Session; writes expect the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "db/database.hpp"

namespace crm::auth::store {

// Accounts
std::optional<Account> find_account(db::Session& db, int64_t id);
std::optional<Account> find_account_by_email(db::Session& db, const std::string& email);
int64_t insert_account(db::Session& db, const Account& a, int64_t now);
void update_password(db::Session& db, int64_t id, const std::string& hash, int64_t now);
void update_preferences(db::Session& db, int64_t id, const std::string& language,
                        const std::string& tz, int64_t now);
void update_name(db::Session& db, int64_t id, const std::string& name, int64_t now);
void set_totp(db::Session& db, int64_t id, const std::string& secret, bool enabled, int64_t now);
// Records the step last used, only if newer; false when it was already used (replay).
bool advance_totp_step(db::Session& db, int64_t id, int64_t step);
long count_accounts(db::Session& db);

// Sessions (the cookie holds the token; the table holds its digest)
struct SessionRow {
  std::string digest;
  int64_t account_id = 0;
  std::string csrf;
  bool second_factor_done = false;
  int64_t created_at = 0, last_seen_at = 0;
};
void insert_session(db::Session& db, const SessionRow& s, const std::string& address,
                    const std::string& user_agent);
std::optional<SessionRow> find_session(db::Session& db, const std::string& digest);
// The session and its account in one query: this runs on every request.
struct SignedSession {
  SessionRow session;
  Account account;
  long unread_notifications = 0;  // of the spaces (spaces/notification_service.hpp)
};
std::optional<SignedSession> find_session_with_account(db::Session& db, const std::string& digest);
void touch_session(db::Session& db, const std::string& digest, int64_t now);
void complete_second_factor(db::Session& db, const std::string& digest);
void delete_session(db::Session& db, const std::string& digest);
// Returns how many were removed.
long delete_sessions_of(db::Session& db, int64_t account_id);
// Every session of the account but `keep` (a digest); returns how many were removed.
long delete_other_sessions(db::Session& db, int64_t account_id, const std::string& keep);
void delete_expired_sessions(db::Session& db, int64_t idle_before, int64_t created_before);

// Recovery codes (digests)
void replace_recovery_codes(db::Session& db, int64_t account_id,
                            const std::vector<std::string>& digests);
// Marks the code used; false when no unused code matches.
bool use_recovery_code(db::Session& db, int64_t account_id, const std::string& digest, int64_t now);
long count_unused_recovery_codes(db::Session& db, int64_t account_id);

// Invitations
int64_t insert_invitation(db::Session& db, const Invitation& inv, const std::string& token_digest);
std::optional<Invitation> find_invitation_by_digest(db::Session& db, const std::string& digest);
// Marks accepted only if still open; false when someone else was first.
bool accept_invitation(db::Session& db, int64_t id, int64_t account_id, int64_t now);
bool revoke_invitation(db::Session& db, int64_t id, int64_t invited_by_scope, int64_t now);
// Invitations sent by `invited_by` (0: by anyone), newest first.
std::vector<Invitation> list_invitations(db::Session& db, int64_t invited_by, long limit,
                                         long offset);
long count_invitations(db::Session& db, int64_t invited_by);
struct InvitationCounts {
  long total = 0, open = 0, accepted = 0;
};
InvitationCounts invitation_counts(db::Session& db, int64_t invited_by, int64_t now);

// Password resets
void insert_reset(db::Session& db, int64_t account_id, const std::string& digest, int64_t now,
                  int64_t expires_at);
struct ResetRow {
  int64_t id = 0, account_id = 0, expires_at = 0, used_at = 0, revoked_at = 0;
};
std::optional<ResetRow> find_reset(db::Session& db, const std::string& digest);
bool use_reset(db::Session& db, int64_t id, int64_t now);
// Ends every open link of the account (after a reset or a password change).
void revoke_resets_of(db::Session& db, int64_t account_id, int64_t now);
// Links made for the account since `since`.
long count_resets_since(db::Session& db, int64_t account_id, int64_t since);
// Marks a reset mail as sent now unless one was sent after `since`; false
// then. One conditional UPDATE: of parallel requests only one gets true.
bool claim_reset_mail(db::Session& db, int64_t account_id, int64_t now, int64_t since);

// Login throttling: every evaluated attempt is a row.
struct Attempt {
  std::string kind =
      "password";  // "password", "second_factor", "reset", "link" (link_throttle.hpp)
  std::string email, address, network;
  std::string device;  // digest of a device known to the account; "" when none
  bool succeeded = false;
};
void record_attempt(db::Session& db, const Attempt& a, int64_t now);
struct Failures {
  long count = 0;
  int64_t first_at = 0, last_at = 0;  // the earliest and the latest failure; 0 when none
};
// Failed passwords for `email` at or after `since` from `device` ("": from
// devices it does not know), after the latest successful login from there
// (a sign-in on a known device does not reset what others tried).
Failures password_failures_for_email(db::Session& db, const std::string& email,
                                     const std::string& device, int64_t since);
// Failed passwords from `network` at or after `since`, whatever the account.
Failures password_failures_from_network(db::Session& db, const std::string& network, int64_t since);
// Unknown links (kind 'link') from `network` at or after `since`.
Failures link_failures_from_network(db::Session& db, const std::string& network, int64_t since);
long reset_requests_from_network(db::Session& db, const std::string& network, int64_t since);
// Marks the owner as warned now unless they were warned after `since`; false
// then (one warning per burst, even for parallel failures).
bool claim_login_alert(db::Session& db, int64_t account_id, int64_t now, int64_t since);

// Second factor: claims one evaluation in the account's current window.
// Starts a new window (at `now`, count 1) when there is none or it began at
// or before `expired`; otherwise counts one more unless `limit` are counted
// already (false then). One upsert, atomic on SQLite and on PostgreSQL, so
// parallel requests on any number of app servers cannot exceed the limit.
bool claim_code_attempt(db::Session& db, int64_t account_id, int64_t now, int64_t expired,
                        long limit);
// After a right code: the count starts again.
void clear_code_attempts(db::Session& db, int64_t account_id);
// When the current window began; 0 when there is none.
int64_t code_window_start(db::Session& db, int64_t account_id);

// Known devices (the crm_device cookie holds the token; the table its digest)
bool device_known(db::Session& db, const std::string& digest, int64_t account_id, int64_t since);
// Inserts the device for the account, or refreshes last_used_at.
void remember_device(db::Session& db, const std::string& digest, int64_t account_id, int64_t now);
// Moves every account known on the old token to the new one (token rotation).
void rekey_device(db::Session& db, const std::string& old_digest, const std::string& new_digest);
// Forgets the account's devices last used before `before` (every one: `before` = INT64_MAX).
void forget_devices(db::Session& db, int64_t account_id, int64_t before);

// Audit log (append-only: there is no update or delete)
void insert_audit(db::Session& db, const AuditEntry& e);
std::vector<AuditEntry> list_audit(db::Session& db, long limit, long offset);
long count_audit(db::Session& db);

}  // namespace crm::auth::store
