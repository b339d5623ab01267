#include "admissions/signup_service.hpp"

#include <sodium.h>

#include "admissions/apply_mail.hpp"
#include "admissions/apply_store.hpp"
#include "auth/account_setup.hpp"
#include "auth/password.hpp"
#include "auth/service.hpp"
#include "auth/store.hpp"
#include "auth/tokens.hpp"
#include "http/client_address.hpp"

namespace crm::admissions::signup {

namespace {

constexpr const char* kKeyName = "signup";

// Whether `s` is a stamp of ours, shown at least kMinFillSeconds and at most
// kMaxFormAge ago.
bool human_paced(web::Ctx& ctx, std::string_view s) {
  auto dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 20) return false;
  auto t = parse_whole_number(s.substr(0, dot));
  if (!t) return false;
  const auto key = apply_store::form_key(ctx.db, kKeyName, ctx.now);
  if (!auth::constant_time_equal(stamp(key, *t, ctx.csrf), s)) return false;
  return *t + kMinFillSeconds <= ctx.now && ctx.now <= *t + kMaxFormAge;
}

}  // namespace

std::string stamp(std::string_view key, int64_t t, std::string_view csrf) {
  auth::init_crypto();
  const std::string message = "signup:" + std::to_string(t) + ":" + std::string(csrf);
  unsigned char mac[32];
  crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     std::min<size_t>(key.size(), crypto_generichash_KEYBYTES_MAX));
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::to_string(t) + "." + hex;
}

std::string new_stamp(web::Ctx& ctx) {
  db::Transaction tx(ctx.db);
  auto key = apply_store::form_key(ctx.db, kKeyName, ctx.now);
  tx.commit();
  return stamp(key, ctx.now, ctx.csrf);
}

Status request(web::Ctx& ctx, const Form& f) {
  const std::string email = auth::normalise_email(f.email);
  if (!auth::plausible_email(email) || email.size() > 254)
    return invalid("email", N_("Enter your e-mail address, like name@example.org."));
  if (!is_language(f.language)) return invalid("language", N_("Choose a language."));
  const std::string network = http::throttle_network(ctx.remote_address);
  db::Transaction tx(ctx.db);
  // A bot: the same page as everyone, and nothing done or counted.
  if (!f.website.empty() || !human_paced(ctx, f.stamp)) {
    tx.commit();  // the key, if this made it
    return ok();
  }
  if (apply_store::signup_requests_from(ctx.db, network, ctx.now - 3600) >= kRequestsPerNetworkHour)
    return Error{ErrorKind::throttled, "",
                 N_("Too many sign-ups from your network. Please try again in an hour.")};
  apply_store::delete_expired_signups(ctx.db, ctx.now);
  auth::store::Attempt attempt;
  attempt.kind = "signup";
  attempt.email = email;
  attempt.address = ctx.remote_address;
  attempt.network = network;
  attempt.succeeded =
      apply_store::signup_mails_for(ctx.db, email, ctx.now - 3600) < kMailsPerAddressHour;
  auth::store::record_attempt(ctx.db, attempt, ctx.now);
  if (attempt.succeeded) {
    std::optional<int64_t> call;
    if (f.call && apply_store::find_call(ctx.db, *f.call)) call = f.call;
    Tr t(ctx.catalogs, f.language);
    ApplicantMail m;
    m.to = email;
    auto account = auth::store::find_account_by_email(ctx.db, email);
    if (account) {
      // One person, one account: a returning applicant or an alumnus signs in.
      m.to_name = account->name;
      m.subject = t("You already have a crm account");
      m.paragraphs = {t("Someone, probably you, asked to apply with this address. It already "
                        "has an account: sign in with it and apply from the call's page."),
                      t("If you have forgotten your password, choose \"Forgot your password?\" "
                        "when you sign in. If it was not you, ignore this mail.")};
      m.link = ctx.config.base_url + (call ? "/calls/" + std::to_string(*call) : "/login");
      m.link_label = t("Sign in");
      auth::audit(ctx, "applicant.signup_existing", "account", std::to_string(account->id));
    } else {
      const std::string token = auth::random_token();
      const int64_t expires = ctx.now + kLinkSeconds;
      apply_store::insert_signup(ctx.db, email, auth::token_digest(token), f.language, call,
                                 ctx.now, expires);
      m.subject = t("Confirm your address to apply");
      m.paragraphs = {t("Someone, probably you, asked to apply with this address. Open the link "
                        "below to confirm it and choose your password."),
                      t("The link works once and expires at {time}. If it was not you, ignore "
                        "this mail.",
                        {{"time", t.date_time(expires)}})};
      m.link = ctx.config.base_url + "/apply/confirm/" + token;
      m.link_label = t("Confirm my address");
      auth::audit(ctx, "applicant.signup", "applicant_signup", "",
                  auth::changes_json({{"language", {"", f.language}}}));
    }
    queue_applicant_mail(ctx, t, m);
  }
  tx.commit();
  return ok();
}

namespace {

Result<apply_store::Signup> usable(web::Ctx& ctx, const std::string& token) {
  if (token.empty() || token.size() > 100) return not_found();
  auto s = apply_store::find_signup(ctx.db, auth::token_digest(token));
  if (!s) return not_found();
  if (s->confirmed_at)
    return Error{ErrorKind::conflict, "",
                 N_("This link has already been used. Sign in with your address and password.")};
  if (s->expires_at <= ctx.now)
    return Error{ErrorKind::conflict, "",
                 N_("This link has expired. Sign up again to get a new one.")};
  return *s;
}

}  // namespace

Result<Link> open(web::Ctx& ctx, const std::string& token) {
  auto s = usable(ctx, token);
  if (!s) return s.error();
  return Link{s->email, s->language, s->call};
}

Result<Confirmed> confirm(web::Ctx& ctx, const std::string& token, const Confirm& f,
                          std::string_view user_agent) {
  auto s = usable(ctx, token);
  if (!s) return s.error();
  if (auto st = auth::check_new_name(f.name); !st) return st.error();
  if (auto st = auth::check_new_password(f.password, f.password_again); !st) return st.error();
  const std::string hash = auth::hash_password(f.password);
  db::Transaction tx(ctx.db);
  if (!apply_store::confirm_signup(ctx.db, s->id, ctx.now) ||
      auth::store::find_account_by_email(ctx.db, s->email))
    return Error{ErrorKind::conflict, "",
                 N_("This link has already been used. Sign in with your address and password.")};
  auto person = apply_store::person_by_email(ctx.db, s->email);
  if (person && person->account)
    return Error{ErrorKind::conflict, "",
                 N_("This address belongs to a person with an account already. Sign in with "
                    "it.")};
  auth::Account a;
  a.email = s->email;
  a.name = f.name;
  a.role = auth::Role::applicant;
  a.password_hash = hash;
  a.language = s->language;
  const int64_t id = auth::store::insert_account(ctx.db, a, ctx.now);
  int64_t person_id = 0;
  if (person) {
    apply_store::link_person(ctx.db, person->id, id);
    person_id = person->id;
  } else {
    person_id = apply_store::insert_person(ctx.db, id, f.name, s->email, ctx.now);
  }
  ctx.actor.id = id;
  ctx.actor.name = a.name;
  ctx.actor.email = a.email;
  auth::audit(ctx, "applicant.confirm", "account", std::to_string(id),
              auth::changes_json(
                  {{"role", {"", "applicant"}}, {"person", {"", std::to_string(person_id)}}}));
  Confirmed c;
  c.session_token = auth::open_session(ctx, id, user_agent);
  c.call = s->call;
  c.language = s->language;
  tx.commit();
  return c;
}

}  // namespace crm::admissions::signup
