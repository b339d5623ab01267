#include "auth/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

#include "auth/tokens.hpp"

namespace crm::auth {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// Lower-case letters and digits minus 0, 1, i, l, o, which are easily confused.
constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr std::size_t kRecoveryGroups = 3;
constexpr std::size_t kRecoveryGroupLen = 4;

void init_oath() {
  // Magic static: oath_init runs once even under concurrent first calls.
  static const bool initialised = [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath: oath_init failed");
    return true;
  }();
  (void)initialised;
}

// floor(t / 30), also for negative t.
int64_t step_of(int64_t unix_time) {
  int64_t q = unix_time / kTotpStepSeconds;
  if (unix_time % kTotpStepSeconds < 0) --q;
  return q;
}

// The HOTP value for counter `step` (RFC 6238 is HOTP with counter = step).
// REQUIRES: key non-empty, step >= 0.
std::string code_at_step(const std::string& key, int64_t step) {
  init_oath();
  std::array<char, kTotpDigits + 1> out{};
  const int rc = oath_hotp_generate(key.data(), key.size(), static_cast<uint64_t>(step),
                                    kTotpDigits, false, OATH_HOTP_DYNAMIC_TRUNCATION, out.data());
  if (rc != OATH_OK) {
    throw std::runtime_error(std::string("liboath: ") + oath_strerror(rc));
  }
  return std::string(out.data(), kTotpDigits);
}

void percent_encode_into(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> bits) & 0x1F];
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  // Drop spaces and trailing padding first, so the length check below sees
  // only data characters.
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c != ' ') clean += c;
  }
  while (!clean.empty() && clean.back() == '=') clean.pop_back();
  // A final group of 1, 3 or 6 characters cannot come from whole bytes.
  const std::size_t tail = clean.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;

  std::string out;
  out.reserve(clean.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : clean) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a';
    } else if (c >= '2' && c <= '7') {
      v = c - '2' + 26;
    } else {
      return std::nullopt;
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string new_totp_secret() {
  init_crypto();
  std::array<unsigned char, 20> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string secret =
      base32_encode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  sodium_memzero(raw.data(), raw.size());
  return secret;
}

std::string totp_code(std::string_view base32_secret, int64_t unix_time) {
  auto key = base32_decode(base32_secret);
  if (!key || key->empty()) throw std::invalid_argument("totp_code: secret is not base32");
  if (unix_time < 0) throw std::invalid_argument("totp_code: negative time");
  return code_at_step(*key, step_of(unix_time));
}

std::optional<int64_t> verify_totp(std::string_view base32_secret, std::string_view code,
                                   int64_t unix_time, int64_t last_used_step) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != kTotpDigits) return std::nullopt;
  auto key = base32_decode(base32_secret);
  if (!key || key->empty()) return std::nullopt;

  const int64_t now = step_of(unix_time);
  std::optional<int64_t> matched;
  // Compare against every step in the window with a constant-time comparison,
  // so timing reveals neither which step matched nor how much of the code was
  // right. Steps run oldest first, so the earliest unused match wins and later
  // steps stay usable.
  for (int64_t step = now - 1; step <= now + 1; ++step) {
    if (step < 0 || step <= last_used_step) continue;
    const bool equal = constant_time_equal(code_at_step(*key, step), digits);
    if (equal && !matched) matched = step;
  }
  return matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view base32_secret) {
  std::string uri = "otpauth://totp/";
  percent_encode_into(uri, issuer);
  uri += ':';
  percent_encode_into(uri, account);
  uri += "?secret=";
  percent_encode_into(uri, base32_secret);
  uri += "&issuer=";
  percent_encode_into(uri, issuer);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

std::vector<std::string> new_recovery_codes(int n) {
  init_crypto();
  std::vector<std::string> codes;
  if (n <= 0) return codes;
  codes.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    std::string code;
    for (std::size_t g = 0; g < kRecoveryGroups; ++g) {
      if (g > 0) code += '-';
      for (std::size_t k = 0; k < kRecoveryGroupLen; ++k) {
        // randombytes_uniform avoids the modulo bias of a 31-letter alphabet.
        code += kRecoveryAlphabet[randombytes_uniform(kRecoveryAlphabet.size())];
      }
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalise_recovery_code(std::string_view code) {
  std::string bare;
  bare.reserve(code.size());
  for (char c : code) {
    if (is_ascii_space(c) || c == '-') continue;
    bare += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (bare.size() != kRecoveryGroups * kRecoveryGroupLen) return bare;
  std::string out;
  out.reserve(bare.size() + kRecoveryGroups - 1);
  for (std::size_t i = 0; i < bare.size(); ++i) {
    if (i > 0 && i % kRecoveryGroupLen == 0) out += '-';
    out += bare[i];
  }
  return out;
}

}  // namespace crm::auth
