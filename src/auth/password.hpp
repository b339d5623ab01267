// Password hashing (argon2id, libsodium) and the password length rule.
//
// Cost: each hash_password() and verify_password() call takes about 150 ms of
// CPU and 64 MiB of memory (crypto_pwhash_*_INTERACTIVE). Callers must bound
// how many run at once (e.g. run them on the worker pool, not one thread per
// request), or a burst of logins can exhaust memory. A build made with the
// CMake option CRM_TEST_PASSWORD_COST (scripts/test) hashes at libsodium's
// minimum cost instead; password_cost_is_for_tests() tells.
//
// Thread safety: every function may be called concurrently from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crm::auth {

// Maximum password length in bytes. Generous for passphrases and password
// managers, small enough that nobody can make us hash megabytes.
inline constexpr std::size_t kPasswordMaxBytes = 1024;
// Minimum password length in Unicode code points (not bytes, so that a
// ten-letter password in Greek or Hindi counts as ten).
inline constexpr std::size_t kPasswordMinChars = 10;

// True when `pw` is valid UTF-8 of at least kPasswordMinChars code points and
// at most kPasswordMaxBytes bytes. No composition rules: length is what counts.
// Invalid UTF-8 is refused so that the count is well defined and the same
// password typed on another device hashes the same.
bool password_acceptable(std::string_view pw);

// An argon2id hash string in libsodium's self-describing format
// ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash"), with a fresh random salt, for
// storing in the database. The password is hashed byte for byte as given (no
// Unicode normalisation).
// Throws std::runtime_error when hashing fails, which only happens when the
// 64 MiB cannot be allocated (broken infrastructure, not bad input).
std::string hash_password(std::string_view pw);

// True when `pw` matches `stored_hash`. Returns false, never throws, for a
// stored hash that is malformed, empty or too long.
bool verify_password(std::string_view stored_hash, std::string_view pw);

// True when `stored_hash` was made with other parameters than hash_password()
// uses today; after a successful login the caller should then store a fresh
// hash_password() of the password it just verified.
bool password_needs_rehash(std::string_view stored_hash);

// True in a build whose hashes are made at the minimum cost, for tests:
// `crm serve` warns that it must not serve people.
bool password_cost_is_for_tests();

// A fixed, valid hash of a random password nobody knows, computed on the first
// call (thread-safe) and reused afterwards. When a login names an unknown
// e-mail address, call verify_password(dummy_hash(), pw) anyway so that the
// response takes as long as for a known address and does not reveal which
// addresses have accounts. The first call costs one hash_password(): call it
// once at startup so the first unknown-address login is not slower.
const std::string& dummy_hash();

}  // namespace crm::auth
