// Facet values as small numbers, so that a search counts the facets of every
// matching work without building a string or allocating per match.
//
// - FacetDictionary: number → (facet, value), append-only. The index keeps it
//   in its metadata (kFacetDictionaryKey), committed together with the
//   documents that use its numbers, so a reader at any revision decodes that
//   revision's documents with that revision's dictionary.
// - A document's facet slot holds the numbers of its facet values as
//   varints (7 bits a byte, low first; the high bit says "more").
// - FacetCounts: one counter per number, counted from the slots of the
//   matches and read back as (facet, value, count).
//
// Thread safety: none; each reader has its own dictionary and counts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace crm::search {

inline constexpr const char* kFacetDictionaryKey = "facet_dictionary";

class FacetDictionary {
 public:
  struct Entry {
    uint8_t facet = 0;  // index into kFacets (index.hpp)
    std::string value;
  };

  // The number of (facet, value); a new one is added at the end.
  uint32_t intern(uint8_t facet, std::string_view value);
  // The number of (facet, value); nullopt when no document has it.
  std::optional<uint32_t> find(uint8_t facet, std::string_view value) const;
  const std::vector<Entry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }

  // facet byte, varint length, value bytes; entry after entry.
  std::string serialise() const;
  // nullopt when `s` is not what serialise() writes.
  static std::optional<FacetDictionary> parse(std::string_view s);

 private:
  std::vector<Entry> entries_;
  std::unordered_map<std::string, uint32_t> ids_;  // facet byte + value → number
};

void append_varint(std::string& out, uint32_t v);

// Calls each(number) for every varint in `s`; false when `s` ends inside a
// varint or one is longer than 32 bits (numbers before it were passed on).
template <class F>
bool for_each_varint(std::string_view s, F&& each) {
  size_t i = 0;
  while (i < s.size()) {
    uint32_t v = 0;
    int shift = 0;
    for (;;) {
      if (i == s.size() || shift > 28) return false;
      const auto b = static_cast<unsigned char>(s[i++]);
      v |= static_cast<uint32_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    each(v);
  }
  return true;
}

// The facet counts of one search: a counter per dictionary number.
class FacetCounts {
 public:
  // Zeroes `size` counters (kept between searches: no allocation once grown).
  void reset(size_t size) { counts_.assign(size, 0); }
  // Counts the numbers in a document's facet slot; numbers the dictionary
  // does not know (a slot of another format) are left out.
  void add(std::string_view slot) {
    const size_t n = counts_.size();
    for_each_varint(slot, [&](uint32_t v) {
      if (v < n) ++counts_[v];
    });
  }
  // Counts numbers already checked against the dictionary (Columns).
  void add(std::span<const uint32_t> codes) {
    for (uint32_t v : codes) ++counts_[v];
  }
  const std::vector<uint32_t>& counts() const { return counts_; }

 private:
  std::vector<uint32_t> counts_;
};

}  // namespace crm::search
