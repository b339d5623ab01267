#include "db/blob.hpp"

#include <stdexcept>

namespace crm::db {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string blob_param(const Session& db, std::string_view bytes) {
  if (db.backend() != Backend::postgresql) return std::string(bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string blob_value(const Session& db, std::string text) {
  if (db.backend() != Backend::postgresql) return text;
  // bytea_output is 'hex' (the default since PostgreSQL 9.0).
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
    throw std::runtime_error("bytea value not in hex output form");
  std::string out;
  out.reserve((text.size() - 2) / 2);
  for (size_t i = 2; i < text.size(); i += 2) {
    int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) throw std::runtime_error("bytea value not in hex output form");
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace crm::db
