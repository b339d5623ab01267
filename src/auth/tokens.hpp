// Random tokens and their storage form.
//
// Tokens (session ids, e-mail confirmation and password reset links, CSRF
// secrets) are handed to the user once and stored only as token_digest(), so a
// leaked database does not hand out working tokens. Because a token carries
// 256 bits of randomness, a plain SHA-256 is enough: no salt or slow hash.
//
// Thread safety: every function here may be called from any thread at any
// time; each one calls init_crypto() itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crm::auth {

// Initialises libsodium (sodium_init). Idempotent and thread-safe; cheap after
// the first call. Calling it at startup is optional but surfaces a broken
// environment (no entropy source) early.
// Throws std::runtime_error when libsodium cannot be initialised.
void init_crypto();

// `bytes` bytes from the system CSPRNG, as URL-safe base64 without padding
// (safe in paths, query strings and cookies without escaping). The default of
// 32 bytes gives 43 characters. Returns "" for bytes == 0.
std::string random_token(std::size_t bytes = 32);

// Lower-case hex of SHA-256(token): 64 characters. This is what gets stored
// and looked up; the token itself is never written anywhere.
std::string token_digest(std::string_view token);

// Compares in time that depends only on the length, never on where the
// contents differ. Returns false at once when the lengths differ (the length of
// a secret is not a secret here: all our tokens and digests have fixed length).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace crm::auth
