// Decoders for the bodies of received mail, written independently of
// src/mail so tests do not trust render()'s own encoders. Header-only.
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <string_view>

namespace crm::test {

// Standard base64 with CRLF line breaks; a malformed input fails the test.
inline std::string base64_decode(std::string_view s) {
  std::string out(s.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(),
                        s.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    ADD_FAILURE() << "bad base64: " << s;
  }
  out.resize(len);
  return out;
}

// Quoted-printable (RFC 2045), with "=\r\n" soft line breaks.
inline std::string qp_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '=') {
      out += s[i];
    } else if (s.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

}  // namespace crm::test
