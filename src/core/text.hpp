// Small text helpers shared by the services that check what users typed.
// UTF-8 in, UTF-8 out; no locale, no allocation beyond the result.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crm::text {

// `s` without leading and trailing spaces, tabs, carriage returns and line
// feeds (what a form field or a spreadsheet cell brings around its value).
inline std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The number of code points of valid UTF-8 `s` (what "at most N characters"
// counts): every byte that does not continue a sequence.
inline size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace crm::text
