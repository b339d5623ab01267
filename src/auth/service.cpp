#include "auth/service.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>
#include <limits>

#include "auth/account_setup.hpp"
#include "auth/password.hpp"
#include "auth/qr.hpp"
#include "auth/store.hpp"
#include "auth/throttle.hpp"
#include "auth/tokens.hpp"
#include "auth/totp.hpp"
#include "http/client_address.hpp"
#include "http/parse.hpp"
#include "mail/outbox.hpp"
#include "web/cookies.hpp"
#include "web/html.hpp"

namespace crm::auth {

namespace {

constexpr size_t kMaxNameBytes = 200;

Status valid_new_password(const std::string& pw, const std::string& again) {
  if (!password_acceptable(pw))
    return invalid("password",
                   plural("Choose a password of at least {n} character.",
                          "Choose a password of at least {n} characters.", kPasswordMinChars));
  if (pw != again) return invalid("password_again", N_("The two passwords differ."));
  return ok();
}

Status valid_name(const std::string& name) {
  if (name.find_first_not_of(" \t") == std::string::npos)
    return invalid("name", N_("Enter a name."));
  if (name.size() > kMaxNameBytes || !http::valid_utf8(name))
    return invalid("name", N_("This name is too long."));
  return ok();
}

std::string new_session(web::Ctx& ctx, int64_t account_id, bool second_factor_done,
                        std::string_view ua) {
  std::string token = random_token();
  store::SessionRow s;
  s.digest = token_digest(token);
  s.account_id = account_id;
  s.csrf = random_token();
  s.second_factor_done = second_factor_done;
  s.created_at = ctx.now;
  s.last_seen_at = ctx.now;
  store::insert_session(ctx.db, s, ctx.remote_address, std::string(ua.substr(0, 300)));
  return token;
}

void queue_mail(web::Ctx& ctx, const std::string& to, const std::string& to_name,
                const std::string& language, const char* subject_id,
                std::vector<std::string> paragraphs, const std::string& link,
                const char* link_label) {
  Tr t(ctx.catalogs, language);
  mail::OutMail m;
  m.to_address = to;
  m.to_name = to_name;
  m.subject = t(subject_id);
  std::string text;
  web::Html h;
  h.open("div", {{"dir", t.dir()}, {"lang", t.language()}});
  for (const auto& p : paragraphs) {
    text += p + "\n\n";
    h.el("p", p);
  }
  text += t(link_label) + ":\n" + link + "\n";
  h.open("p").open("a", {{"href", link}}).text(t(link_label)).close("a").close("p");
  h.close("div");
  m.text = text;
  m.html = std::move(h).str();
  mail::queue(ctx, m);
}

// The digest of a device cookie as the browser sent it; "" when none or not
// shaped like one of our tokens.
std::string device_digest(std::optional<std::string_view> token) {
  if (!token || token->size() < 20 || token->size() > 100) return {};
  return token_digest(*token);
}

// The browser proved it belongs to the account's owner: a fresh device token,
// known to the account. The token is new at every sign-in (one planted in the
// browser by someone else is worth nothing afterwards); the accounts the
// browser was known to under its old token move to the new one.
void remember_device(web::Ctx& ctx, int64_t account_id, const std::string& old_digest) {
  std::string token = random_token();
  std::string digest = token_digest(token);
  if (!old_digest.empty()) store::rekey_device(ctx.db, old_digest, digest);
  store::remember_device(ctx.db, digest, account_id, ctx.now);
  store::forget_devices(ctx.db, account_id, ctx.now - throttle::kDeviceSeconds);
  ctx.set_cookies.push_back(
      web::cookie(ctx.config, web::kDeviceCookie, token, throttle::kDeviceSeconds));
}

// After a failed password for an account from a device it does not know:
// once the failures start to delay the account, tell the owner, once per
// burst (not again while the failures of the burst that was reported are
// still counted). REQUIRES: the caller's transaction, with the failure recorded.
void warn_owner(web::Ctx& ctx, const Account& a) {
  auto f =
      store::password_failures_for_email(ctx.db, a.email, "", ctx.now - throttle::kAccount.window);
  if (f.count < throttle::kAccount.free) return;
  if (!store::claim_login_alert(ctx.db, a.id, ctx.now, f.first_at)) return;
  Tr t(ctx.catalogs, a.language, a.time_zone);
  queue_mail(ctx, a.email, a.name, a.language, N_("Failed sign-in attempts on your crm account"),
             {t("Hello {name},", {{"name", a.name}}),
              t("Someone has tried several times to sign in to your crm account with a wrong "
                "password, most recently on {time} from the address {address}.",
                {{"time", t.date_time(ctx.now)}, {"address", ctx.remote_address}}),
              t("If it was you, there is nothing to do. Otherwise your password has held: crm "
                "now slows down further attempts from other devices, and you can still sign in "
                "from the devices you have used before."),
              t("If you think someone knows your password, change it on your account page.")},
             ctx.config.base_url + "/account", N_("Open your account"));
  audit(ctx, "account.login_alert", "account", std::to_string(a.id),
        changes_json({{"failures", {"", std::to_string(f.count)}}}));
}

}  // namespace

bool plausible_email(std::string_view e) {
  if (e.size() < 3 || e.size() > 254 || !http::valid_utf8(e)) return false;
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at != e.rfind('@')) return false;
  auto domain = e.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.')
    return false;
  for (char c : e)
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' ||
        c == '"')
      return false;
  return true;
}

std::string normalise_email(std::string_view e) {
  auto b = e.find_first_not_of(" \t\r\n");
  auto end = e.find_last_not_of(" \t\r\n");
  std::string s = b == std::string_view::npos ? "" : std::string(e.substr(b, end - b + 1));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string changes_json(
    std::initializer_list<std::pair<std::string_view, std::pair<std::string, std::string>>>
        fields) {
  boost::json::object o;
  for (const auto& [k, v] : fields)
    o[k] = boost::json::array{boost::json::string(v.first), boost::json::string(v.second)};
  return boost::json::serialize(o);
}

void audit(web::Ctx& ctx, std::string action, std::string entity, std::string entity_id,
           std::string changes) {
  AuditEntry e;
  e.at = ctx.now;
  e.actor_id = ctx.actor.id;
  e.actor_label = ctx.actor.signed_in() ? ctx.actor.name + " <" + ctx.actor.email + ">" : "";
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.changes = std::move(changes);
  e.address = ctx.remote_address;
  e.request_id = ctx.request_id;
  store::insert_audit(ctx.db, e);
}

int64_t load_session(web::Ctx& ctx, std::optional<std::string_view> token, std::string_view) {
  if (!token || token->empty() || token->size() > 100) return 0;
  auto digest = token_digest(*token);
  auto found = store::find_session_with_account(ctx.db, digest);
  if (!found) return 0;
  const auto* s = &found->session;
  const auto* a = &found->account;
  int64_t idle_limit = static_cast<int64_t>(ctx.config.session_idle_minutes) * 60;
  int64_t absolute_limit = static_cast<int64_t>(ctx.config.session_absolute_hours) * 3600;
  if (ctx.now - s->last_seen_at > idle_limit || ctx.now - s->created_at > absolute_limit) {
    store::delete_session(ctx.db, digest);
    clear_session_cookie(ctx);
    return 0;
  }
  if (a->disabled) return 0;
  ctx.csrf = s->csrf;
  ctx.session_digest = digest;
  if (!s->second_factor_done) return a->id;  // half signed in: only /login/2fa
  ctx.actor.id = a->id;
  ctx.actor.role = a->role;
  ctx.actor.name = a->name;
  ctx.actor.email = a->email;
  ctx.actor.language = a->language;
  ctx.actor.time_zone = a->time_zone;
  ctx.actor.totp_enabled = a->totp_enabled;
  ctx.actor.unread_notifications = found->unread_notifications;
  // Touch at most once a minute: a write per page view would serialise SQLite.
  if (ctx.now - s->last_seen_at >= 60) store::touch_session(ctx.db, digest, ctx.now);
  return 0;
}

void set_session_cookie(web::Ctx& ctx, const std::string& token) {
  ctx.set_cookies.push_back(web::cookie(ctx.config, web::kSessionCookie, token, -1));
}

void clear_session_cookie(web::Ctx& ctx) {
  ctx.set_cookies.push_back(web::cookie(ctx.config, web::kSessionCookie, "", 0));
}

Result<SignIn> login(web::Ctx& ctx, const std::string& email_in, const std::string& password,
                     const Browser& browser, int64_t& retry_after) {
  retry_after = 0;
  std::string email = normalise_email(email_in);
  if (email.empty()) return invalid("email", N_("Enter your email address."));
  if (password.empty()) return invalid("password", N_("Enter your password."));
  auto a = store::find_account_by_email(ctx.db, email);
  std::string network = http::throttle_network(ctx.remote_address);
  std::string presented = device_digest(browser.device);
  bool known = a && !presented.empty() &&
               store::device_known(ctx.db, presented, a->id, ctx.now - throttle::kDeviceSeconds);
  // Unknown email addresses are counted like real ones: the answers tell nothing apart.
  int64_t wait = 0;
  if (known) {
    auto f = store::password_failures_for_email(ctx.db, email, presented,
                                                ctx.now - throttle::kDevice.window);
    wait = throttle::wait(throttle::kDevice, f.count, f.last_at, ctx.now);
  } else {
    auto fa =
        store::password_failures_for_email(ctx.db, email, "", ctx.now - throttle::kAccount.window);
    auto fn =
        store::password_failures_from_network(ctx.db, network, ctx.now - throttle::kNetwork.window);
    wait = std::max(throttle::wait(throttle::kAccount, fa.count, fa.last_at, ctx.now),
                    throttle::wait(throttle::kNetwork, fn.count, fn.last_at, ctx.now));
  }
  if (wait > 0) {
    retry_after = wait;
    return Error{ErrorKind::throttled, "",
                 N_("Too many failed attempts. Please try again later, or reset your password.")};
  }
  bool good = a && !a->disabled && !a->password_hash.empty()
                  ? verify_password(a->password_hash, password)
                  : (verify_password(dummy_hash(), password), false);
  db::Transaction tx(ctx.db);
  store::Attempt attempt;
  attempt.email = email;
  attempt.address = ctx.remote_address;
  attempt.network = network;
  attempt.device = known ? presented : "";
  attempt.succeeded = good;
  store::record_attempt(ctx.db, attempt, ctx.now);
  if (!good) {
    if (a && !known && !a->disabled && !a->password_hash.empty()) warn_owner(ctx, *a);
    tx.commit();
    return invalid("", N_("The email address or the password is not right."));
  }
  SignIn s;
  s.needs_second_factor = a->totp_enabled;
  s.token = new_session(ctx, a->id, !a->totp_enabled, browser.user_agent);
  // With a second factor the device is known once the code is right.
  if (!a->totp_enabled) remember_device(ctx, a->id, presented);
  ctx.actor.id = a->id;
  ctx.actor.name = a->name;
  ctx.actor.email = a->email;
  audit(ctx, "account.login", "account", std::to_string(a->id));
  tx.commit();
  return s;
}

Status second_factor(web::Ctx& ctx, int64_t pending_account, const std::string& code,
                     std::optional<std::string_view> device, int64_t& retry_after) {
  retry_after = 0;
  auto a = store::find_account(ctx.db, pending_account);
  if (!a || !a->totp_enabled || ctx.session_digest.empty()) return not_found();
  db::Transaction tx(ctx.db);
  // Claimed before the code is looked at, in the database: a burst of
  // parallel requests gets at most the limit evaluated.
  if (!store::claim_code_attempt(ctx.db, a->id, ctx.now, ctx.now - throttle::kCodeWindow,
                                 throttle::kCodeLimit)) {
    retry_after = std::max<int64_t>(
        1, store::code_window_start(ctx.db, a->id) + throttle::kCodeWindow - ctx.now);
    return Error{ErrorKind::throttled, "", N_("Too many wrong codes. Please try again later.")};
  }
  bool good = false;
  if (auto step = verify_totp(a->totp_secret, code, ctx.now, a->totp_last_step))
    good = store::advance_totp_step(ctx.db, a->id, *step);
  else if (code.size() >= 12)
    good = store::use_recovery_code(ctx.db, a->id, token_digest(normalise_recovery_code(code)),
                                    ctx.now);
  store::Attempt attempt;
  attempt.kind = "second_factor";
  attempt.email = a->email;
  attempt.address = ctx.remote_address;
  attempt.network = http::throttle_network(ctx.remote_address);
  attempt.succeeded = good;
  store::record_attempt(ctx.db, attempt, ctx.now);
  if (!good) {
    tx.commit();
    return invalid("code", N_("This code is not right. Enter the current code from your app."));
  }
  store::clear_code_attempts(ctx.db, a->id);
  store::complete_second_factor(ctx.db, ctx.session_digest);
  remember_device(ctx, a->id, device_digest(device));
  ctx.actor.id = a->id;
  ctx.actor.name = a->name;
  ctx.actor.email = a->email;
  audit(ctx, "account.second_factor", "account", std::to_string(a->id));
  tx.commit();
  return ok();
}

void logout(web::Ctx& ctx) {
  if (!ctx.session_digest.empty()) {
    db::Transaction tx(ctx.db);
    store::delete_session(ctx.db, ctx.session_digest);
    if (ctx.actor.signed_in())
      audit(ctx, "account.logout", "account", std::to_string(ctx.actor.id));
    tx.commit();
  }
  clear_session_cookie(ctx);
}

void logout_everywhere(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return;
  db::Transaction tx(ctx.db);
  long n = store::delete_sessions_of(ctx.db, ctx.actor.id);
  audit(ctx, "account.logout_everywhere", "account", std::to_string(ctx.actor.id),
        changes_json({{"sessions", {std::to_string(n), "0"}}}));
  tx.commit();
  clear_session_cookie(ctx);
}

Status invite(web::Ctx& ctx, const InviteForm& f) {
  auto role = parse_role(f.role);
  if (!ctx.actor.signed_in() || !policy::can_invite(ctx.actor.role, Role::participant))
    return not_found();
  if (!role || !policy::can_invite(ctx.actor.role, *role))
    return invalid("role", N_("Choose a role."));
  std::string email = normalise_email(f.email);
  if (!plausible_email(email)) return invalid("email", N_("Enter a valid email address."));
  if (auto st = valid_name(f.name); !st) return st;
  if (!is_language(f.language)) return invalid("language", N_("Choose a language."));
  if (store::find_account_by_email(ctx.db, email))
    return invalid("email", N_("There is already an account with this email address."));
  Invitation inv;
  inv.email = email;
  inv.name = f.name;
  inv.role = *role;
  inv.language = f.language;
  inv.invited_by = ctx.actor.id;
  inv.created_at = ctx.now;
  inv.expires_at = ctx.now + static_cast<int64_t>(ctx.config.invitation_days) * 86400;
  std::string token = random_token();
  db::Transaction tx(ctx.db);
  int64_t id = store::insert_invitation(ctx.db, inv, token_digest(token));
  Tr t(ctx.catalogs, f.language);
  queue_mail(
      ctx, email, f.name, f.language, N_("Your invitation to crm"),
      {t("Hello {name},", {{"name", f.name}}),
       t("{inviter} invites you to crm, the platform of the Circular and Return Migration "
         "Management programme.",
         {{"inviter", ctx.actor.name}}),
       t("Open the link below to choose your password. The link works once and expires on {date}.",
         {{"date", t.date(inv.expires_at)}})},
      ctx.config.base_url + "/invite/" + token, N_("Accept the invitation"));
  audit(ctx, "invitation.create", "invitation", std::to_string(id),
        changes_json({{"email", {"", email}}, {"role", {"", std::string(role_name(*role))}}}));
  tx.commit();
  return ok();
}

Status revoke_invitation(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in() || !policy::can_invite(ctx.actor.role, Role::participant))
    return not_found();
  int64_t scope = ctx.actor.role == Role::admin ? 0 : ctx.actor.id;
  db::Transaction tx(ctx.db);
  if (!store::revoke_invitation(ctx.db, id, scope, ctx.now)) return not_found();
  audit(ctx, "invitation.revoke", "invitation", std::to_string(id));
  tx.commit();
  return ok();
}

Result<InvitationList> invitations(web::Ctx& ctx, long limit, long offset) {
  if (!ctx.actor.signed_in() || !policy::can_invite(ctx.actor.role, Role::participant))
    return not_found();
  int64_t scope = ctx.actor.role == Role::admin ? 0 : ctx.actor.id;
  InvitationList l;
  l.total = store::count_invitations(ctx.db, scope);
  l.items = store::list_invitations(ctx.db, scope, limit, offset);
  return l;
}

Result<InvitationSummary> invitation_summary(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_invite(ctx.actor.role, Role::participant))
    return not_found();
  int64_t scope = ctx.actor.role == Role::admin ? 0 : ctx.actor.id;
  auto counts = store::invitation_counts(ctx.db, scope, ctx.now);
  InvitationSummary s{counts.total, counts.open, counts.accepted,
                      store::list_invitations(ctx.db, scope, 5, 0)};
  return s;
}

Result<Invitation> open_invitation(web::Ctx& ctx, const std::string& token) {
  if (token.empty() || token.size() > 100) return not_found();
  auto inv = store::find_invitation_by_digest(ctx.db, token_digest(token));
  if (!inv || inv->revoked_at) return not_found();
  if (inv->accepted_at)
    return Error{ErrorKind::conflict, "",
                 N_("This invitation has already been accepted. Please log in.")};
  if (inv->expires_at < ctx.now)
    return Error{ErrorKind::conflict, "",
                 N_("This invitation has expired. Please ask the programme team for a new one.")};
  return *inv;
}

Result<SignIn> accept_invitation(web::Ctx& ctx, const std::string& token, const AcceptForm& f,
                                 std::string_view ua) {
  auto inv = open_invitation(ctx, token);
  if (!inv) return inv.error();
  if (auto st = valid_name(f.name); !st) return st.error();
  if (auto st = valid_new_password(f.password, f.password_again); !st) return st.error();
  if (!is_language(f.language)) return invalid("language", N_("Choose a language."));
  if (!is_time_zone(f.time_zone)) return invalid("time_zone", N_("Choose a time zone."));
  std::string hash = hash_password(f.password);
  db::Transaction tx(ctx.db);
  if (store::find_account_by_email(ctx.db, inv->email))
    return Error{ErrorKind::conflict, "",
                 N_("This invitation has already been accepted. Please log in.")};
  Account a;
  a.email = inv->email;
  a.name = f.name;
  a.role = inv->role;
  a.password_hash = hash;
  a.language = f.language;
  a.time_zone = f.time_zone;
  int64_t id = store::insert_account(ctx.db, a, ctx.now);
  if (!store::accept_invitation(ctx.db, inv->id, id, ctx.now))
    return Error{ErrorKind::conflict, "",
                 N_("This invitation has already been accepted. Please log in.")};
  ctx.actor.id = id;
  ctx.actor.name = a.name;
  ctx.actor.email = a.email;
  audit(ctx, "invitation.accept", "account", std::to_string(id),
        changes_json({{"email", {"", a.email}}, {"role", {"", std::string(role_name(a.role))}}}));
  SignIn s;
  s.token = new_session(ctx, id, true, ua);
  tx.commit();
  return s;
}

Status check_new_name(const std::string& name) {
  return valid_name(name);
}

Status check_new_password(const std::string& password, const std::string& again) {
  return valid_new_password(password, again);
}

std::string open_session(web::Ctx& ctx, int64_t account_id, std::string_view user_agent) {
  return new_session(ctx, account_id, true, user_agent);
}

void request_password_reset(web::Ctx& ctx, const std::string& email_in) {
  std::string email = normalise_email(email_in);
  if (!plausible_email(email)) return;
  auto a = store::find_account_by_email(ctx.db, email);
  std::string network = http::throttle_network(ctx.remote_address);
  db::Transaction tx(ctx.db);
  // Every request counts against its network, whether the address exists or not.
  bool allowed = store::reset_requests_from_network(ctx.db, network, ctx.now - 3600) <
                 throttle::kResetPerNetworkHour;
  store::Attempt attempt;
  attempt.kind = "reset";
  attempt.email = email;
  attempt.address = ctx.remote_address;
  attempt.network = network;
  // The hourly count first, then the claim: the claim's row lock (PostgreSQL)
  // or the write lock (SQLite) lets one parallel request through per gap.
  attempt.succeeded =
      allowed && a && !a->disabled && !a->password_hash.empty() &&
      store::count_resets_since(ctx.db, a->id, ctx.now - 3600) < throttle::kResetPerHour &&
      store::claim_reset_mail(ctx.db, a->id, ctx.now, ctx.now - throttle::kResetGap);
  store::record_attempt(ctx.db, attempt, ctx.now);
  if (attempt.succeeded) {
    std::string token = random_token();
    int64_t expires = ctx.now + static_cast<int64_t>(ctx.config.reset_minutes) * 60;
    store::insert_reset(ctx.db, a->id, token_digest(token), ctx.now, expires);
    Tr t(ctx.catalogs, a->language, a->time_zone);
    queue_mail(
        ctx, a->email, a->name, a->language, N_("Reset your crm password"),
        {t("Hello {name},", {{"name", a->name}}),
         t("Someone asked to reset the password of your crm account. If it was not you, "
           "ignore this mail."),
         t("The link below works once and expires at {time}.", {{"time", t.date_time(expires)}})},
        ctx.config.base_url + "/password/reset/" + token, N_("Choose a new password"));
    audit(ctx, "account.reset_requested", "account", std::to_string(a->id));
  }
  tx.commit();
}

namespace {
Result<store::ResetRow> usable_reset(web::Ctx& ctx, const std::string& token) {
  if (token.empty() || token.size() > 100) return not_found();
  auto r = store::find_reset(ctx.db, token_digest(token));
  if (!r) return not_found();
  if (r->used_at)
    return Error{ErrorKind::conflict, "",
                 N_("This link has already been used. Ask for a new one if you need it.")};
  if (r->revoked_at)
    return Error{ErrorKind::conflict, "",
                 N_("This link no longer works: the password has been changed since. Ask for a "
                    "new one if you need it.")};
  if (r->expires_at < ctx.now)
    return Error{ErrorKind::conflict, "", N_("This link has expired. Ask for a new one.")};
  return *r;
}
}  // namespace

Status check_reset_token(web::Ctx& ctx, const std::string& token) {
  auto r = usable_reset(ctx, token);
  if (!r) return r.error();
  return ok();
}

Status reset_password(web::Ctx& ctx, const std::string& token, const std::string& password,
                      const std::string& again, std::optional<std::string_view> device) {
  auto r = usable_reset(ctx, token);
  if (!r) return r.error();
  if (auto st = valid_new_password(password, again); !st) return st;
  std::string hash = hash_password(password);
  db::Transaction tx(ctx.db);
  if (!store::use_reset(ctx.db, r->id, ctx.now))
    return Error{ErrorKind::conflict, "",
                 N_("This link has already been used. Ask for a new one if you need it.")};
  store::update_password(ctx.db, r->account_id, hash, ctx.now);
  // A reset means the old password may be known to someone else: end what it
  // opened, and every other link. Only this browser stays known.
  store::delete_sessions_of(ctx.db, r->account_id);
  store::revoke_resets_of(ctx.db, r->account_id, ctx.now);
  store::forget_devices(ctx.db, r->account_id, std::numeric_limits<int64_t>::max());
  remember_device(ctx, r->account_id, device_digest(device));
  audit(ctx, "account.password_reset", "account", std::to_string(r->account_id));
  tx.commit();
  return ok();
}

Result<Enrolment> begin_totp(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  Enrolment e;
  e.secret = new_totp_secret();
  e.uri = otpauth_uri("crm", ctx.actor.email, e.secret);
  e.qr_svg = qr_svg(e.uri);
  db::Transaction tx(ctx.db);
  // Enrolling anew replaces the old factor only once the new code is confirmed.
  auto a = store::find_account(ctx.db, ctx.actor.id);
  if (a && a->totp_enabled)
    return Error{ErrorKind::conflict, "", N_("Two-factor sign-in is already on.")};
  store::set_totp(ctx.db, ctx.actor.id, e.secret, false, ctx.now);
  tx.commit();
  return e;
}

Result<std::vector<std::string>> confirm_totp(web::Ctx& ctx, const std::string& code) {
  if (!ctx.actor.signed_in()) return not_found();
  auto a = store::find_account(ctx.db, ctx.actor.id);
  if (!a || a->totp_secret.empty()) return invalid("code", N_("Start again: scan the new code."));
  if (a->totp_enabled)
    return Error{ErrorKind::conflict, "", N_("Two-factor sign-in is already on.")};
  auto step = verify_totp(a->totp_secret, code, ctx.now, a->totp_last_step);
  if (!step)
    return invalid("code", N_("This code is not right. Enter the current code from your app."));
  auto codes = new_recovery_codes(10);
  std::vector<std::string> digests;
  for (const auto& c : codes) digests.push_back(token_digest(normalise_recovery_code(c)));
  db::Transaction tx(ctx.db);
  store::advance_totp_step(ctx.db, a->id, *step);
  store::set_totp(ctx.db, a->id, a->totp_secret, true, ctx.now);
  store::replace_recovery_codes(ctx.db, a->id, digests);
  audit(ctx, "account.totp_enabled", "account", std::to_string(a->id));
  tx.commit();
  return codes;
}

Status update_preferences(web::Ctx& ctx, const Preferences& p) {
  if (!ctx.actor.signed_in()) return not_found();
  if (auto st = valid_name(p.name); !st) return st;
  if (!is_language(p.language)) return invalid("language", N_("Choose a language."));
  if (!is_time_zone(p.time_zone)) return invalid("time_zone", N_("Choose a time zone."));
  auto a = store::find_account(ctx.db, ctx.actor.id);
  if (!a) return not_found();
  db::Transaction tx(ctx.db);
  store::update_name(ctx.db, a->id, p.name, ctx.now);
  store::update_preferences(ctx.db, a->id, p.language, p.time_zone, ctx.now);
  audit(ctx, "account.update", "account", std::to_string(a->id),
        changes_json({{"name", {a->name, p.name}},
                      {"language", {a->language, p.language}},
                      {"time_zone", {a->time_zone, p.time_zone}}}));
  tx.commit();
  return ok();
}

Status change_password(web::Ctx& ctx, const std::string& current, const std::string& password,
                       const std::string& again) {
  if (!ctx.actor.signed_in()) return not_found();
  auto a = store::find_account(ctx.db, ctx.actor.id);
  if (!a) return not_found();
  if (!verify_password(a->password_hash, current))
    return invalid("current", N_("Your current password is not right."));
  if (auto st = valid_new_password(password, again); !st) return st;
  std::string hash = hash_password(password);
  db::Transaction tx(ctx.db);
  store::update_password(ctx.db, a->id, hash, ctx.now);
  // Whoever else knew the old password is signed out everywhere but here,
  // and the reset links mailed before no longer work.
  long ended = store::delete_other_sessions(ctx.db, a->id, ctx.session_digest);
  store::revoke_resets_of(ctx.db, a->id, ctx.now);
  audit(ctx, "account.password_change", "account", std::to_string(a->id),
        changes_json({{"other_sessions", {std::to_string(ended), "0"}}}));
  tx.commit();
  return ok();
}

Result<AuditPage> audit_log(web::Ctx& ctx, long limit, long offset) {
  if (!policy::can_read_audit_log(ctx.actor.role)) return not_found();
  AuditPage p;
  p.total = store::count_audit(ctx.db);
  p.items = store::list_audit(ctx.db, limit, offset);
  return p;
}

Result<int64_t> create_account(db::Session& db, const std::string& email_in,
                               const std::string& name, Role role, const std::string& password,
                               const std::string& language, int64_t now) {
  std::string email = normalise_email(email_in);
  if (!plausible_email(email)) return invalid("email", N_("Enter a valid email address."));
  if (auto st = valid_name(name); !st) return st.error();
  if (!password_acceptable(password))
    return invalid("password",
                   plural("Choose a password of at least {n} character.",
                          "Choose a password of at least {n} characters.", kPasswordMinChars));
  if (store::find_account_by_email(db, email))
    return invalid("email", N_("There is already an account with this email address."));
  Account a;
  a.email = email;
  a.name = name;
  a.role = role;
  a.password_hash = hash_password(password);
  a.language = is_language(language) ? language : "en";
  db::Transaction tx(db);
  int64_t id = store::insert_account(db, a, now);
  AuditEntry e;
  e.at = now;
  e.action = "account.create";
  e.entity = "account";
  e.entity_id = std::to_string(id);
  e.actor_label = "command line";
  e.changes = changes_json({{"email", {"", email}}, {"role", {"", std::string(role_name(role))}}});
  store::insert_audit(db, e);
  tx.commit();
  return id;
}

}  // namespace crm::auth
