// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second
// steps, the parameters every authenticator app supports) and recovery codes.
//
// Secrets travel as RFC 4648 base32 (what authenticator apps show and what the
// otpauth URI carries). A time step is floor(unix_time / 30); the caller stores
// the step returned by verify_totp() and passes it back as `last_used_step`, so
// each code works at most once.
//
// Thread safety: every function may be called concurrently from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::auth {

inline constexpr int kTotpDigits = 6;
inline constexpr int64_t kTotpStepSeconds = 30;

// RFC 4648 base32, upper case, without '=' padding.
std::string base32_encode(std::string_view bytes);

// Decodes base32 as users and apps write it: lower case is accepted, spaces
// are ignored, trailing '=' padding is optional. Returns std::nullopt for any
// other character or an impossible length.
std::optional<std::string> base32_decode(std::string_view text);

// A fresh secret: 20 random bytes (160 bits, the RFC 4226 recommendation) as
// 32 characters of base32.
std::string new_totp_secret();

// The 6-digit code for `unix_time`.
// REQUIRES: base32_secret decodes (base32_decode) to a non-empty key and
// unix_time >= 0; otherwise throws std::invalid_argument (a corrupt stored
// secret is a bug, not user input).
std::string totp_code(std::string_view base32_secret, int64_t unix_time);

// Checks `code` (spaces allowed, as apps display "123 456") against the steps
// current-1, current and current+1 (clock drift of up to 30 s either way).
// Returns the matching step, or std::nullopt when the code is not exactly six
// ASCII digits, matches no step in the window, matches only steps
// <= last_used_step (replay), or the secret is not valid base32. Pass
// last_used_step = -1 when no code has been used yet.
std::optional<int64_t> verify_totp(std::string_view base32_secret, std::string_view code,
                                   int64_t unix_time, int64_t last_used_step);

// "otpauth://totp/Issuer:account?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30"
// (Google Authenticator key URI format), with issuer and account
// percent-encoded per RFC 3986 (a space becomes %20, '@' becomes %40, ':' in
// the issuer becomes %3A so the label stays unambiguous).
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view base32_secret);

// `n` one-time recovery codes "xxxx-xxxx-xxxx" drawn uniformly from a
// 31-character lower-case alphabet without look-alikes (no 0/o, 1/l/i): about
// 59 bits each. Store them only as token_digest(normalise_recovery_code(c)).
std::vector<std::string> new_recovery_codes(int n = 10);

// Canonical form of a recovery code as typed: ASCII lower case, whitespace and
// dashes dropped, and dashes put back after every fourth character when twelve
// characters remain ("ABCD EFGH-jkmn" -> "abcd-efgh-jkmn"). Anything else comes
// back lower-cased and stripped, which then simply matches no stored code.
std::string normalise_recovery_code(std::string_view code);

}  // namespace crm::auth
