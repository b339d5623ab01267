#include "auth/store.hpp"

namespace crm::auth::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

Account account_from(const soci::row& r) {
  Account a;
  a.id = db::get_int64(r, 0);
  a.email = db::get_text(r, 1);
  a.name = db::get_text(r, 2);
  a.role = parse_role(db::get_text(r, 3)).value_or(Role::stakeholder);
  a.password_hash = db::get_text(r, 4);
  a.language = db::get_text(r, 5);
  a.time_zone = db::get_text(r, 6);
  a.totp_secret = db::get_text(r, 7);
  a.totp_enabled = db::get_int64(r, 8) != 0;
  a.totp_last_step = db::get_int64(r, 9);
  a.disabled = db::get_int64(r, 10) != 0;
  a.created_at = db::get_int64(r, 11);
  return a;
}

constexpr const char* kAccountColumns =
    "SELECT id, email, name, role, password_hash, language, time_zone, totp_secret, totp_enabled, "
    "totp_last_step, disabled, created_at FROM account ";

Invitation invitation_from(const soci::row& r) {
  Invitation i;
  i.id = db::get_int64(r, 0);
  i.email = db::get_text(r, 1);
  i.name = db::get_text(r, 2);
  i.role = parse_role(db::get_text(r, 3)).value_or(Role::participant);
  i.language = db::get_text(r, 4);
  i.invited_by = db::get_int64(r, 5);
  i.created_at = db::get_int64(r, 6);
  i.expires_at = db::get_int64(r, 7);
  i.accepted_at = db::get_int64(r, 8);
  i.revoked_at = db::get_int64(r, 9);
  return i;
}

constexpr const char* kInvitationColumns =
    "SELECT id, email, name, role, language, invited_by, created_at, expires_at, accepted_at, "
    "revoked_at "
    "FROM invitation ";

}  // namespace

std::optional<Account> find_account(db::Session& db, int64_t id) {
  soci::row r;
  ll i = id;
  db.sql() << std::string(kAccountColumns) + "WHERE id = :id", use(i), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return account_from(r);
}

std::optional<Account> find_account_by_email(db::Session& db, const std::string& email) {
  soci::row r;
  db.sql() << std::string(kAccountColumns) + "WHERE email = :email", use(email), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return account_from(r);
}

int64_t insert_account(db::Session& db, const Account& a, int64_t now) {
  ll id = 0, t = now;
  std::string role(role_name(a.role));
  soci::indicator hash_ind = a.password_hash.empty() ? soci::i_null : soci::i_ok;
  db.sql()
      << "INSERT INTO account (email, name, role, password_hash, language, time_zone, created_at, "
         "updated_at) VALUES (:email, :name, :role, :hash, :lang, :tz, :t, :t2) RETURNING id",
      use(a.email), use(a.name), use(role), use(a.password_hash, hash_ind), use(a.language),
      use(a.time_zone), use(t), use(t), into(id);
  return id;
}

void update_password(db::Session& db, int64_t id, const std::string& hash, int64_t now) {
  ll i = id, t = now;
  db.sql() << "UPDATE account SET password_hash = :h, updated_at = :t WHERE id = :id", use(hash),
      use(t), use(i);
}

void update_preferences(db::Session& db, int64_t id, const std::string& language,
                        const std::string& tz, int64_t now) {
  ll i = id, t = now;
  db.sql() << "UPDATE account SET language = :l, time_zone = :tz, updated_at = :t WHERE id = :id",
      use(language), use(tz), use(t), use(i);
}

void update_name(db::Session& db, int64_t id, const std::string& name, int64_t now) {
  ll i = id, t = now;
  db.sql() << "UPDATE account SET name = :n, updated_at = :t WHERE id = :id", use(name), use(t),
      use(i);
}

void set_totp(db::Session& db, int64_t id, const std::string& secret, bool enabled, int64_t now) {
  ll i = id, t = now;
  int e = enabled ? 1 : 0;
  soci::indicator ind = secret.empty() ? soci::i_null : soci::i_ok;
  db.sql()
      << "UPDATE account SET totp_secret = :s, totp_enabled = :e, updated_at = :t WHERE id = :id",
      use(secret, ind), use(e), use(t), use(i);
}

bool advance_totp_step(db::Session& db, int64_t id, int64_t step) {
  ll i = id, s = step;
  db.sql() << "UPDATE account SET totp_last_step = :s WHERE id = :id AND "
              "totp_last_step < :s2",
      use(s), use(i), use(s);
  return db.sql().affected_rows() == 1;
}

long count_accounts(db::Session& db) {
  ll n = 0;
  db.sql() << "SELECT COUNT(*) FROM account", into(n);
  return static_cast<long>(n);
}

void insert_session(db::Session& db, const SessionRow& s, const std::string& address,
                    const std::string& user_agent) {
  ll account = s.account_id, created = s.created_at, seen = s.last_seen_at;
  int done = s.second_factor_done ? 1 : 0;
  db.sql() << "INSERT INTO web_session (id_digest, account_id, csrf_token, second_factor_done, "
              "created_at, "
              "last_seen_at, address, user_agent) VALUES (:d, :a, :c, :f, :cr, :ls, :addr, :ua)",
      use(s.digest), use(account), use(s.csrf), use(done), use(created), use(seen), use(address),
      use(user_agent);
}

std::optional<SessionRow> find_session(db::Session& db, const std::string& digest) {
  SessionRow s;
  ll account = 0, created = 0, seen = 0;
  int done = 0;
  db.sql() << "SELECT account_id, csrf_token, second_factor_done, created_at, last_seen_at FROM "
              "web_session "
              "WHERE id_digest = :d",
      use(digest), into(account), into(s.csrf), into(done), into(created), into(seen);
  if (!db.sql().got_data()) return std::nullopt;
  s.digest = digest;
  s.account_id = account;
  s.second_factor_done = done != 0;
  s.created_at = created;
  s.last_seen_at = seen;
  return s;
}

std::optional<SignedSession> find_session_with_account(db::Session& db, const std::string& digest) {
  // Built once: every request of a signed-in reader runs it.
  static const std::string kSql =
      "SELECT a.id, a.email, a.name, a.role, a.password_hash, a.language, a.time_zone, "
      "a.totp_secret, a.totp_enabled, a.totp_last_step, a.disabled, a.created_at, s.csrf_token, "
      "s.second_factor_done, s.created_at, s.last_seen_at, "
      // The unread notifications for the page header, in the statement every
      // request runs anyway (no statement of its own per page); only of
      // spaces the account is still in (the rule of spaces/access_store.hpp).
      // Counted up to kUnreadCap only: the header says "99+" past it, and
      // someone back from a month away must not pay for every row on every page.
      "(SELECT COUNT(*) FROM (SELECT 1 FROM notification n WHERE n.account_id = a.id AND "
      "n.read_at IS NULL AND EXISTS (SELECT 1 FROM space_membership sm_ WHERE "
      "sm_.space_id = n.space_id AND sm_.account_id = a.id) LIMIT " +
      std::to_string(kUnreadCap) +
      ") capped_) FROM web_session s JOIN account a ON a.id = s.account_id WHERE "
      "s.id_digest = :d";
  soci::row r;
  db.sql() << kSql, use(digest), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  SignedSession out;
  out.account = account_from(r);
  out.session.digest = digest;
  out.session.account_id = out.account.id;
  out.session.csrf = db::get_text(r, 12);
  out.session.second_factor_done = db::get_int64(r, 13) != 0;
  out.session.created_at = db::get_int64(r, 14);
  out.session.last_seen_at = db::get_int64(r, 15);
  out.unread_notifications = static_cast<long>(db::get_int64(r, 16));
  return out;
}

void touch_session(db::Session& db, const std::string& digest, int64_t now) {
  ll t = now;
  db.sql() << "UPDATE web_session SET last_seen_at = :t WHERE id_digest = :d", use(t), use(digest);
}

void complete_second_factor(db::Session& db, const std::string& digest) {
  db.sql() << "UPDATE web_session SET second_factor_done = 1 WHERE id_digest = :d", use(digest);
}

void delete_session(db::Session& db, const std::string& digest) {
  db.sql() << "DELETE FROM web_session WHERE id_digest = :d", use(digest);
}

long delete_sessions_of(db::Session& db, int64_t account_id) {
  ll a = account_id;
  db.sql() << "DELETE FROM web_session WHERE account_id = :a", use(a);
  return static_cast<long>(db.sql().affected_rows());
}

long delete_other_sessions(db::Session& db, int64_t account_id, const std::string& keep) {
  ll a = account_id;
  db.sql() << "DELETE FROM web_session WHERE account_id = :a AND id_digest <> :k", use(a),
      use(keep);
  return static_cast<long>(db.sql().affected_rows());
}

void delete_expired_sessions(db::Session& db, int64_t idle_before, int64_t created_before) {
  ll i = idle_before, c = created_before;
  db.sql() << "DELETE FROM web_session WHERE last_seen_at < :i OR created_at < :c", use(i), use(c);
}

void replace_recovery_codes(db::Session& db, int64_t account_id,
                            const std::vector<std::string>& digests) {
  ll a = account_id;
  db.sql() << "DELETE FROM recovery_code WHERE account_id = :a", use(a);
  for (const auto& d : digests)
    db.sql() << "INSERT INTO recovery_code (account_id, code_digest) VALUES (:a, :d)", use(a),
        use(d);
}

bool use_recovery_code(db::Session& db, int64_t account_id, const std::string& digest,
                       int64_t now) {
  ll a = account_id, t = now;
  db.sql() << "UPDATE recovery_code SET used_at = :t WHERE account_id = :a "
              "AND code_digest = :d AND used_at IS NULL",
      use(t), use(a), use(digest);
  return db.sql().affected_rows() >= 1;
}

long count_unused_recovery_codes(db::Session& db, int64_t account_id) {
  ll a = account_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM recovery_code WHERE account_id = :a AND used_at IS NULL",
      use(a), into(n);
  return static_cast<long>(n);
}

int64_t insert_invitation(db::Session& db, const Invitation& inv, const std::string& token_digest) {
  ll id = 0, by = inv.invited_by, created = inv.created_at, expires = inv.expires_at;
  std::string role(role_name(inv.role));
  soci::indicator by_ind = inv.invited_by ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO invitation (token_digest, email, name, role, language, invited_by, "
              "created_at, "
              "expires_at) VALUES (:d, :e, :n, :r, :l, :b, :c, :x) RETURNING id",
      use(token_digest), use(inv.email), use(inv.name), use(role), use(inv.language),
      use(by, by_ind), use(created), use(expires), into(id);
  return id;
}

std::optional<Invitation> find_invitation_by_digest(db::Session& db, const std::string& digest) {
  soci::row r;
  db.sql() << std::string(kInvitationColumns) + "WHERE token_digest = :d", use(digest), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return invitation_from(r);
}

bool accept_invitation(db::Session& db, int64_t id, int64_t account_id, int64_t now) {
  ll i = id, a = account_id, t = now;
  db.sql() << "UPDATE invitation SET accepted_at = :t, account_id = :a WHERE "
              "id = :id AND accepted_at IS NULL AND revoked_at IS NULL",
      use(t), use(a), use(i);
  return db.sql().affected_rows() == 1;
}

bool revoke_invitation(db::Session& db, int64_t id, int64_t invited_by_scope, int64_t now) {
  ll i = id, b = invited_by_scope, t = now;
  db.sql() << "UPDATE invitation SET revoked_at = :t WHERE id = :id AND accepted_at IS NULL AND "
              "revoked_at IS NULL AND (:b = 0 OR invited_by = :b2)",
      use(t), use(i), use(b), use(b);
  return db.sql().affected_rows() == 1;
}

std::vector<Invitation> list_invitations(db::Session& db, int64_t invited_by, long limit,
                                         long offset) {
  ll b = invited_by, l = limit, o = offset;
  db::Rows rows =
      (db.sql().prepare
           << std::string(kInvitationColumns) +
                  "WHERE (:b = 0 OR invited_by = :b2) ORDER BY created_at DESC, id DESC "
                  "LIMIT :l OFFSET :o",
       use(b), use(b), use(l), use(o));
  std::vector<Invitation> out;
  for (const auto& r : rows) out.push_back(invitation_from(r));
  return out;
}

long count_invitations(db::Session& db, int64_t invited_by) {
  ll b = invited_by, n = 0;
  db.sql() << "SELECT COUNT(*) FROM invitation WHERE (:b = 0 OR invited_by = :b2)", use(b), use(b),
      into(n);
  return static_cast<long>(n);
}

InvitationCounts invitation_counts(db::Session& db, int64_t invited_by, int64_t now) {
  ll b = invited_by, t = now, total = 0, open = 0, accepted = 0;
  db.sql()
      << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN accepted_at IS NULL AND revoked_at IS NULL AND "
         "expires_at >= :t THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN accepted_at IS NOT NULL "
         "THEN 1 "
         "ELSE 0 END), 0) FROM invitation WHERE (:b = 0 OR invited_by = :b2)",
      use(t), use(b), use(b), into(total), into(open), into(accepted);
  return {static_cast<long>(total), static_cast<long>(open), static_cast<long>(accepted)};
}

void insert_reset(db::Session& db, int64_t account_id, const std::string& digest, int64_t now,
                  int64_t expires_at) {
  ll a = account_id, t = now, x = expires_at;
  db.sql() << "INSERT INTO password_reset (token_digest, account_id, created_at, expires_at) "
              "VALUES (:d, :a, "
              ":t, :x)",
      use(digest), use(a), use(t), use(x);
}

std::optional<ResetRow> find_reset(db::Session& db, const std::string& digest) {
  ll id = 0, a = 0, x = 0, u = 0, r = 0;
  soci::indicator u_ind, r_ind;
  db.sql() << "SELECT id, account_id, expires_at, used_at, revoked_at FROM password_reset WHERE "
              "token_digest = :d",
      use(digest), into(id), into(a), into(x), into(u, u_ind), into(r, r_ind);
  if (!db.sql().got_data()) return std::nullopt;
  return ResetRow{id, a, x, u_ind == soci::i_null ? 0 : u, r_ind == soci::i_null ? 0 : r};
}

bool use_reset(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now;
  db.sql() << "UPDATE password_reset SET used_at = :t WHERE id = :id AND used_at IS "
              "NULL AND revoked_at IS NULL",
      use(t), use(i);
  return db.sql().affected_rows() == 1;
}

void revoke_resets_of(db::Session& db, int64_t account_id, int64_t now) {
  ll a = account_id, t = now;
  db.sql() << "UPDATE password_reset SET revoked_at = :t WHERE account_id = :a AND used_at IS "
              "NULL AND revoked_at IS NULL",
      use(t), use(a);
}

long count_resets_since(db::Session& db, int64_t account_id, int64_t since) {
  ll a = account_id, s = since, n = 0;
  db.sql() << "SELECT COUNT(*) FROM password_reset WHERE account_id = :a AND created_at >= :s",
      use(a), use(s), into(n);
  return static_cast<long>(n);
}

bool claim_reset_mail(db::Session& db, int64_t account_id, int64_t now, int64_t since) {
  ll a = account_id, t = now, s = since;
  db.sql() << "UPDATE account SET reset_mail_at = :t WHERE id = :a "
              "AND reset_mail_at <= :s",
      use(t), use(a), use(s);
  return db.sql().affected_rows() == 1;
}

void record_attempt(db::Session& db, const Attempt& a, int64_t now) {
  ll t = now;
  int ok = a.succeeded ? 1 : 0;
  db.sql() << "INSERT INTO login_attempt (kind, email, address, network, device, at, succeeded) "
              "VALUES (:k, :e, :a, :n, :d, :t, :s)",
      use(a.kind), use(a.email), use(a.address), use(a.network), use(a.device), use(t), use(ok);
}

Failures password_failures_for_email(db::Session& db, const std::string& email,
                                     const std::string& device, int64_t since) {
  ll s = since, n = 0, first = 0, last = 0;
  db.sql() << "SELECT COUNT(*), COALESCE(MIN(at), 0), COALESCE(MAX(at), 0) FROM login_attempt "
              "WHERE email = :e AND kind = 'password' AND device = :d AND succeeded = 0 AND at >= "
              ":s AND id > (SELECT COALESCE(MAX(id), 0) FROM login_attempt WHERE email = :e2 AND "
              "kind = 'password' AND device = :d2 AND succeeded = 1)",
      use(email), use(device), use(s), use(email), use(device), into(n), into(first), into(last);
  return {static_cast<long>(n), first, last};
}

Failures password_failures_from_network(db::Session& db, const std::string& network,
                                        int64_t since) {
  ll s = since, n = 0, first = 0, last = 0;
  db.sql() << "SELECT COUNT(*), COALESCE(MIN(at), 0), COALESCE(MAX(at), 0) FROM login_attempt "
              "WHERE network = :n AND kind = 'password' AND succeeded = 0 AND at >= :s",
      use(network), use(s), into(n), into(first), into(last);
  return {static_cast<long>(n), first, last};
}

Failures link_failures_from_network(db::Session& db, const std::string& network, int64_t since) {
  ll s = since, n = 0, first = 0, last = 0;
  db.sql() << "SELECT COUNT(*), COALESCE(MIN(at), 0), COALESCE(MAX(at), 0) FROM login_attempt "
              "WHERE network = :n AND kind = 'link' AND succeeded = 0 AND at >= :s",
      use(network), use(s), into(n), into(first), into(last);
  return {static_cast<long>(n), first, last};
}

long reset_requests_from_network(db::Session& db, const std::string& network, int64_t since) {
  ll s = since, n = 0;
  db.sql() << "SELECT COUNT(*) FROM login_attempt WHERE network = :n AND kind = 'reset' AND at "
              ">= :s",
      use(network), use(s), into(n);
  return static_cast<long>(n);
}

bool claim_login_alert(db::Session& db, int64_t account_id, int64_t now, int64_t since) {
  ll a = account_id, t = now, s = since;
  db.sql() << "UPDATE account SET login_alert_at = :t WHERE id = :a "
              "AND login_alert_at < :s",
      use(t), use(a), use(s);
  return db.sql().affected_rows() == 1;
}

bool claim_code_attempt(db::Session& db, int64_t account_id, int64_t now, int64_t expired,
                        long limit) {
  ll a = account_id, t = now, x = expired, l = limit;
  // An upsert is atomic on both databases; the SET expressions read the row
  // as it was, and PostgreSQL checks the WHERE on the newest committed row.
  db.sql() << "INSERT INTO second_factor_throttle (account_id, attempts, window_start) VALUES (:a, "
              "1, :t) ON CONFLICT (account_id) DO UPDATE SET attempts = CASE WHEN "
              "second_factor_throttle.window_start <= :x THEN 1 ELSE "
              "second_factor_throttle.attempts + 1 END, window_start = CASE WHEN "
              "second_factor_throttle.window_start <= :x2 THEN :t2 ELSE "
              "second_factor_throttle.window_start END WHERE second_factor_throttle.window_start "
              "<= :x3 OR second_factor_throttle.attempts < :l",
      use(a), use(t), use(x), use(x), use(t), use(x), use(l);
  return db.sql().affected_rows() == 1;
}

void clear_code_attempts(db::Session& db, int64_t account_id) {
  ll a = account_id;
  db.sql() << "DELETE FROM second_factor_throttle WHERE account_id = :a", use(a);
}

int64_t code_window_start(db::Session& db, int64_t account_id) {
  ll a = account_id, start = 0;
  db.sql() << "SELECT window_start FROM second_factor_throttle WHERE account_id = :a", use(a),
      into(start);
  return start;
}

bool device_known(db::Session& db, const std::string& digest, int64_t account_id, int64_t since) {
  ll a = account_id, s = since, n = 0;
  db.sql() << "SELECT COUNT(*) FROM known_device WHERE token_digest = :d AND account_id = :a AND "
              "last_used_at >= :s",
      use(digest), use(a), use(s), into(n);
  return n > 0;
}

void remember_device(db::Session& db, const std::string& digest, int64_t account_id, int64_t now) {
  ll a = account_id, t = now;
  db.sql() << "INSERT INTO known_device (token_digest, account_id, created_at, last_used_at) "
              "VALUES (:d, :a, :t, :t2) ON CONFLICT (token_digest, account_id) DO UPDATE SET "
              "last_used_at = excluded.last_used_at",
      use(digest), use(a), use(t), use(t);
}

void rekey_device(db::Session& db, const std::string& old_digest, const std::string& new_digest) {
  db.sql() << "UPDATE known_device SET token_digest = :n WHERE token_digest = :o", use(new_digest),
      use(old_digest);
}

void forget_devices(db::Session& db, int64_t account_id, int64_t before) {
  ll a = account_id, b = before;
  db.sql() << "DELETE FROM known_device WHERE account_id = :a AND last_used_at < :b", use(a),
      use(b);
}

void insert_audit(db::Session& db, const AuditEntry& e) {
  ll at = e.at, actor = e.actor_id;
  soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
  db.sql()
      << "INSERT INTO audit_log (at, actor_id, actor_label, action, entity, entity_id, changes, "
         "address, request_id) VALUES (:at, :actor, :label, :action, :entity, :eid, :changes, "
         ":addr, "
         ":rid)",
      use(at), use(actor, actor_ind), use(e.actor_label), use(e.action), use(e.entity),
      use(e.entity_id), use(e.changes), use(e.address), use(e.request_id);
}

std::vector<AuditEntry> list_audit(db::Session& db, long limit, long offset) {
  ll l = limit, o = offset;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT id, at, actor_id, actor_label, action, entity, entity_id, changes, "
              "address, request_id FROM audit_log ORDER BY id DESC LIMIT :l OFFSET :o",
       use(l), use(o));
  std::vector<AuditEntry> out;
  for (const auto& r : rows) {
    AuditEntry e;
    e.id = db::get_int64(r, 0);
    e.at = db::get_int64(r, 1);
    e.actor_id = db::get_int64(r, 2);
    e.actor_label = db::get_text(r, 3);
    e.action = db::get_text(r, 4);
    e.entity = db::get_text(r, 5);
    e.entity_id = db::get_text(r, 6);
    e.changes = db::get_text(r, 7);
    e.address = db::get_text(r, 8);
    e.request_id = db::get_text(r, 9);
    out.push_back(std::move(e));
  }
  return out;
}

long count_audit(db::Session& db) {
  ll n = 0;
  db.sql() << "SELECT COUNT(*) FROM audit_log", into(n);
  return static_cast<long>(n);
}

}  // namespace crm::auth::store
