#include "programme/limits.hpp"

#include <algorithm>

namespace crm::programme {

std::size_t characters(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool has_control(std::string_view s, bool allow_newlines) {
  for (unsigned char c : s)
    if ((c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7F)
      return true;
  return false;
}

}  // namespace crm::programme
