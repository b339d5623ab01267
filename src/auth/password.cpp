#include "auth/password.hpp"

#include <sodium.h>

#include <cstdint>
#include <stdexcept>

#include "auth/tokens.hpp"

namespace crm::auth {
namespace {

#ifdef CRM_TEST_PASSWORD_COST  // CMake option, for the test build only
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_MIN;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_MIN;
#else
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
#endif

// Number of code points in `s`, or -1 when `s` is not valid UTF-8 (overlong
// forms, surrogates and values above U+10FFFF count as invalid, per RFC 3629).
long utf8_length(std::string_view s) {
  long count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return -1;
    }
    if (s.size() - i <= extra) return -1;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    i += extra + 1;
    ++count;
  }
  return count;
}

}  // namespace

bool password_acceptable(std::string_view pw) {
  if (pw.size() > kPasswordMaxBytes) return false;
  const long chars = utf8_length(pw);
  return chars >= static_cast<long>(kPasswordMinChars);
}

std::string hash_password(std::string_view pw) {
  init_crypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pw.data(), pw.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view pw) {
  init_crypto();
  // libsodium reads a NUL-terminated string of at most STRBYTES - 1 characters.
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  stored_hash.copy(buf, stored_hash.size());
  return crypto_pwhash_str_verify(buf, pw.data(), pw.size()) == 0;
}

bool password_needs_rehash(std::string_view stored_hash) {
  init_crypto();
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return true;
  char buf[crypto_pwhash_STRBYTES] = {};
  stored_hash.copy(buf, stored_hash.size());
  // 1 = other parameters, -1 = not an argon2id string at all: both need a new hash.
  return crypto_pwhash_str_needs_rehash(buf, kOpsLimit, kMemLimit) != 0;
}

bool password_cost_is_for_tests() {
  return kOpsLimit != crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

const std::string& dummy_hash() {
  // Magic static: computed once, concurrent first callers wait for it.
  static const std::string hash = hash_password(random_token(32));
  return hash;
}

}  // namespace crm::auth
