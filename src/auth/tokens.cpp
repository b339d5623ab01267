#include "auth/tokens.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace crm::auth {

void init_crypto() {
  // A function-local static is initialised exactly once even under concurrent
  // first calls; if sodium_init fails the exception propagates and the next
  // call tries again.
  static const bool initialised = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium: sodium_init failed");
    return true;
  }();
  (void)initialised;
}

std::string random_token(std::size_t bytes) {
  init_crypto();
  if (bytes == 0) return {};
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  // ENCODED_LEN includes the terminating NUL written by sodium_bin2base64.
  std::string out(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), kVariant);
  out.resize(out.size() - 1);
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string token_digest(std::string_view token) {
  init_crypto();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::string hex(sizeof hash * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash, sizeof hash);
  hex.resize(hex.size() - 1);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // Empty views may have a null data pointer; do not hand that to libsodium.
  if (a.empty()) return true;
  init_crypto();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace crm::auth
