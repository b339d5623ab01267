// Account use cases: sessions, login with throttling and a second factor,
// invitations, password resets, two-factor enrolment, preferences. Each
// checks permissions first, writes in one transaction with an audit entry, and
// returns expected failures as values (field + message key).
//
// Password hashing happens here: callers run these on the auth worker pool
// (routes registered with http::Pool::auth).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/model.hpp"
#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::auth {

// Reads the session cookie: fills ctx.actor, ctx.session_digest and ctx.csrf,
// drops expired sessions. A session that still waits for its second factor
// does not sign the actor in; its account id is returned for /login/2fa.
int64_t load_session(web::Ctx& ctx, std::optional<std::string_view> token,
                     std::string_view user_agent);
// Sets the session cookie for a new session token.
void set_session_cookie(web::Ctx& ctx, const std::string& token);
void clear_session_cookie(web::Ctx& ctx);

struct SignIn {
  std::string token;  // new session (cookie value)
  bool needs_second_factor = false;
};

// What a browser brings to a login besides the form.
struct Browser {
  std::string_view user_agent;
  std::optional<std::string_view> device;  // the crm_device cookie, if any
};

// Checks the password, throttled as auth/throttle.hpp says: a login from a
// device the account knows waits only for that device's own failures; any
// other waits for the account's and the network's (ctx.remote_address).
// An attempt that must wait fails as ErrorKind::throttled without the
// password being looked at or anything written; `retry_after` then holds the
// seconds to wait (0 otherwise). A failure that starts to delay the account
// queues one warning mail to its owner per burst. A full sign-in (no second
// factor due) sets a fresh device cookie (ctx.set_cookies).
Result<SignIn> login(web::Ctx& ctx, const std::string& email, const std::string& password,
                     const Browser& browser, int64_t& retry_after);
// Completes a pending login with a TOTP code or a recovery code, and then
// sets a fresh device cookie. At most throttle::kCodeLimit wrong codes are
// evaluated per account and window, however many requests arrive at once
// and on however many app servers; beyond, ErrorKind::throttled with
// `retry_after` seconds.
Status second_factor(web::Ctx& ctx, int64_t pending_account, const std::string& code,
                     std::optional<std::string_view> device, int64_t& retry_after);
void logout(web::Ctx& ctx);
// Ends every session of the actor, this one included.
void logout_everywhere(web::Ctx& ctx);

struct InviteForm {
  std::string email, name, role, language;
};
Status invite(web::Ctx& ctx, const InviteForm& f);
Status revoke_invitation(web::Ctx& ctx, int64_t id);
struct InvitationList {
  std::vector<Invitation> items;
  long total = 0;
};
Result<InvitationList> invitations(web::Ctx& ctx, long limit, long offset);
// For the dashboard: how the actor's invitations stand, and the latest few.
struct InvitationSummary {
  long total = 0, open = 0, accepted = 0;
  std::vector<Invitation> latest;
};
Result<InvitationSummary> invitation_summary(web::Ctx& ctx);
// The invitation behind a link, if it is still open.
Result<Invitation> open_invitation(web::Ctx& ctx, const std::string& token);
struct AcceptForm {
  std::string name, password, password_again, language, time_zone;
};
Result<SignIn> accept_invitation(web::Ctx& ctx, const std::string& token, const AcceptForm& f,
                                 std::string_view user_agent);

// Always succeeds from the outside (no hint whether the address exists).
// Mails a link only within limits (auth/throttle.hpp): one per account per
// few minutes and a few per hour, and a few requests per network per hour.
void request_password_reset(web::Ctx& ctx, const std::string& email);
Status check_reset_token(web::Ctx& ctx, const std::string& token);
// Sets the new password, ends every session and every other open link of the
// account, forgets its devices and makes this browser (`device` cookie,
// renewed) its one known device: the mailbox proved who is asking.
Status reset_password(web::Ctx& ctx, const std::string& token, const std::string& password,
                      const std::string& password_again, std::optional<std::string_view> device);

struct Enrolment {
  std::string secret, uri, qr_svg;
};
// Starts (or restarts) enrolment: a new secret, not yet active.
Result<Enrolment> begin_totp(web::Ctx& ctx);
// Activates the second factor when the code matches; returns the recovery codes (shown once).
Result<std::vector<std::string>> confirm_totp(web::Ctx& ctx, const std::string& code);

struct Preferences {
  std::string name, language, time_zone;
};
Status update_preferences(web::Ctx& ctx, const Preferences& p);
// Ends every other session and every open reset link of the account; this
// session stays signed in.
Status change_password(web::Ctx& ctx, const std::string& current, const std::string& password,
                       const std::string& password_again);

struct AuditPage {
  std::vector<AuditEntry> items;
  long total = 0;
};
Result<AuditPage> audit_log(web::Ctx& ctx, long limit, long offset);

// The "changes" of an audit entry: {"field": ["before", "after"], …} as JSON.
std::string changes_json(
    std::initializer_list<std::pair<std::string_view, std::pair<std::string, std::string>>> fields);

// Appends to the audit log (inside the caller's transaction).
void audit(web::Ctx& ctx, std::string action, std::string entity, std::string entity_id,
           std::string changes = {});

// Used by `crm create-admin` and `crm demo`: an active account with a password.
Result<int64_t> create_account(db::Session& db, const std::string& email, const std::string& name,
                               Role role, const std::string& password, const std::string& language,
                               int64_t now);

bool plausible_email(std::string_view email);
std::string normalise_email(std::string_view email);

}  // namespace crm::auth
