// Signing up to apply: an e-mail address and a language; a link by mail
// (48 hours, its digest only stored); on the link, a name and a password,
// and an account of role applicant linked to the person with that address.
//
// Nothing on the pages says whether an address has an account: the same
// neutral page follows every accepted request, and the mail differs (an
// address with an account is told to sign in; no second account is made).
// Limits: kMailsPerAddressHour mails per address and kRequestsPerNetworkHour
// requests per network (http::throttle_network) per hour, both counted in
// login_attempt (kind 'signup'). Bots are kept out without an outside
// service: a honeypot field people do not see, and the time the form was
// shown, signed with a key of crm's (form_key 'signup'): a form sent sooner
// than kMinFillSeconds after, later than kMaxFormAge, or with a signature
// that does not match gets the same neutral page and nothing is done.
//
// Expiry: an unconfirmed sign-up is refused once expired (on read), and
// expired ones are deleted whenever a new sign-up is requested.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::admissions::signup {

inline constexpr int64_t kLinkSeconds = 48 * 3600;
inline constexpr long kMailsPerAddressHour = 3;
inline constexpr long kRequestsPerNetworkHour = 10;
inline constexpr int64_t kMinFillSeconds = 3;
inline constexpr int64_t kMaxFormAge = 24 * 3600;

// "<t>.<signature>": the time `t` a form was shown to the browser whose CSRF
// token is `csrf`, signed with `key`.
std::string stamp(std::string_view key, int64_t t, std::string_view csrf);
// A stamp for a form shown now (makes the key on first use).
std::string new_stamp(web::Ctx& ctx);

struct Form {
  std::string email, language, website /* the honeypot */, stamp;
  std::optional<int64_t> call;
};
// ok: the neutral page (whether a mail went out or not). invalid: the form
// again with its message. throttled: too many requests from this network.
Status request(web::Ctx& ctx, const Form& f);

struct Link {
  std::string email, language;
  std::optional<int64_t> call;
};
// The sign-up behind a link: not_found for none, conflict when used or expired.
Result<Link> open(web::Ctx& ctx, const std::string& token);

struct Confirm {
  std::string name, password, password_again;
};
struct Confirmed {
  std::string session_token;
  std::optional<int64_t> call;
  std::string language;
};
// Makes the applicant's account (argon2id: run on the auth pool), links it
// to the person of that address (made when none), signs them in.
Result<Confirmed> confirm(web::Ctx& ctx, const std::string& token, const Confirm& f,
                          std::string_view user_agent);

}  // namespace crm::admissions::signup
