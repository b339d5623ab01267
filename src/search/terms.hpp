// How the search index spells what it keeps: term prefixes, value slots, the
// stemmers by language. Shared by the indexer (index.cpp) and the query side
// (query.cpp) so both spell them the same.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace crm::search {

inline constexpr Xapian::valueno kDateSlot = 0;   // sortable date: newest first
inline constexpr Xapian::valueno kFacetSlot = 1;  // facet value numbers (facet_codes.hpp)
inline constexpr size_t kMaxFacetValue = 160;     // bytes of a facet value kept (terms < 245)
inline constexpr const char* kPublishedTerm = "XV1";

// The languages the index stems; other languages are stemmed as English.
inline constexpr const char* kStemLanguages[] = {"ar", "de", "en", "fr", "it", "tr"};

inline Xapian::Stem stemmer_for(std::string_view language) {
  if (language == "ar") return Xapian::Stem("arabic");
  if (language == "de") return Xapian::Stem("german");
  if (language == "fr") return Xapian::Stem("french");
  if (language == "it") return Xapian::Stem("italian");
  if (language == "tr") return Xapian::Stem("turkish");
  return Xapian::Stem("english");
}

// A facet value cut to kMaxFacetValue bytes at a character boundary.
inline std::string facet_value(std::string_view value) {
  size_t n = std::min(value.size(), kMaxFacetValue);
  while (n > 0 && n < value.size() && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
  return std::string(value.substr(0, n));
}

inline std::string facet_term(std::string_view facet, std::string_view value) {
  return "XF" + std::string(facet) + ":" + facet_value(value);
}

// Two words that follow each other in a text, as written (normalised,
// unstemmed): a two-word phrase is one posting list, and a longer phrase's
// positions are checked only in works that hold all its pairs. Empty when the
// pair is too long to be a term.
inline std::string bigram_term(std::string_view first, std::string_view second) {
  if (first.size() + second.size() + 3 > 240) return {};
  std::string t = "XB";
  t += first;
  t += ' ';
  t += second;
  return t;
}

inline std::string programme_term(int64_t programme_id) {
  return "XP" + std::to_string(programme_id);
}

}  // namespace crm::search
