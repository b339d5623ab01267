#include "certificates/code.hpp"

#include <sodium.h>

#include "auth/tokens.hpp"

namespace crm::certificates {

namespace {

std::string grouped(std::string_view letters) {
  std::string out;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += letters[i];
  }
  return out;
}

}  // namespace

std::string new_code() {
  auth::init_crypto();
  std::string letters;
  for (std::size_t i = 0; i < kCodeLetters; ++i)
    letters += kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
  return grouped(letters);
}

std::optional<std::string> normalise_code(std::string_view typed) {
  std::string letters;
  for (char ch : typed) {
    if (ch == '-' || ch == ' ' || ch == '\t') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch == 'O') ch = '0';
    if (ch == 'I' || ch == 'L') ch = '1';
    if (kCodeAlphabet.find(ch) == std::string_view::npos) return std::nullopt;
    letters += ch;
    if (letters.size() > kCodeLetters) return std::nullopt;
  }
  if (letters.size() != kCodeLetters) return std::nullopt;
  return grouped(letters);
}

}  // namespace crm::certificates
