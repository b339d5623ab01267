#include "search/facet_codes.hpp"

namespace crm::search {

namespace {

std::string key_of(uint8_t facet, std::string_view value) {
  std::string k;
  k.reserve(value.size() + 1);
  k += static_cast<char>(facet);
  k += value;
  return k;
}

}  // namespace

uint32_t FacetDictionary::intern(uint8_t facet, std::string_view value) {
  auto [it, added] = ids_.try_emplace(key_of(facet, value), static_cast<uint32_t>(entries_.size()));
  if (added) entries_.push_back({facet, std::string(value)});
  return it->second;
}

std::optional<uint32_t> FacetDictionary::find(uint8_t facet, std::string_view value) const {
  auto it = ids_.find(key_of(facet, value));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

void append_varint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

std::string FacetDictionary::serialise() const {
  std::string out;
  for (const auto& e : entries_) {
    out += static_cast<char>(e.facet);
    append_varint(out, static_cast<uint32_t>(e.value.size()));
    out += e.value;
  }
  return out;
}

std::optional<FacetDictionary> FacetDictionary::parse(std::string_view s) {
  FacetDictionary d;
  size_t i = 0;
  while (i < s.size()) {
    const auto facet = static_cast<uint8_t>(s[i++]);
    uint32_t len = 0;
    int shift = 0;
    for (;;) {
      if (i == s.size() || shift > 28) return std::nullopt;
      const auto b = static_cast<unsigned char>(s[i++]);
      len |= static_cast<uint32_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    if (len > s.size() - i) return std::nullopt;
    const auto value = s.substr(i, len);
    i += len;
    // Each pair once, numbered in order: what intern() wrote.
    if (d.intern(facet, value) != d.entries_.size() - 1) return std::nullopt;
  }
  return d;
}

}  // namespace crm::search
