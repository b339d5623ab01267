// What a search reads of every work besides its words, held in memory for one
// revision of the index: its date, whether it is published, its programme and
// its facet numbers, in arrays indexed by Xapian document id.
//
// Why: reading a match's value slots from the index costs about 200 ns, so
// counting facets and sorting by date over 100,000 matches took 18 ms; from
// these arrays it is a few nanoseconds a match, and a list without words
// (the knowledge base's first page) is answered from them alone.
//
// - load() makes one pass over the date and facet value streams and the
//   posting lists of the published and programme terms (≈25 ms for 100,000
//   works); Index keeps one Columns per revision and shares it, read-only,
//   between the searches at that revision.
// - A document id that holds no document (deleted, or past the last) has
//   present() false and no facets.
//
// Thread safety: a loaded Columns is immutable; any thread may read it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <xapian.h>

#include "search/facet_codes.hpp"

namespace crm::search {

class Columns {
 public:
  // Reads `db` at its current revision. Throws Xapian::DatabaseModifiedError
  // when the revision is overwritten while reading (the caller reopens and
  // loads again).
  static Columns load(Xapian::Database& db);

  Xapian::rev revision() const { return revision_; }
  // The dictionary the documents of this revision were written with.
  const FacetDictionary& dictionary() const { return dictionary_; }
  // Document ids run from 1 to last_docid() (with holes).
  Xapian::docid last_docid() const { return static_cast<Xapian::docid>(date_.size() - 1); }

  bool present(Xapian::docid d) const { return d < flags_.size() && (flags_[d] & kPresent); }
  bool published(Xapian::docid d) const { return d < flags_.size() && (flags_[d] & kPublished); }
  int64_t date(Xapian::docid d) const { return d < date_.size() ? date_[d] : 0; }
  int64_t programme(Xapian::docid d) const { return d < programme_.size() ? programme_[d] : 0; }
  std::span<const uint32_t> facets(Xapian::docid d) const {
    if (d + 1 >= facet_begin_.size()) return {};
    return {facet_codes_.data() + facet_begin_[d], facet_begin_[d + 1] - facet_begin_[d]};
  }

 private:
  static constexpr uint8_t kPresent = 1, kPublished = 2;
  Xapian::rev revision_ = 0;
  FacetDictionary dictionary_;
  std::vector<int64_t> date_;          // by docid
  std::vector<uint8_t> flags_;         // by docid
  std::vector<int64_t> programme_;     // by docid
  std::vector<uint32_t> facet_begin_;  // by docid; one more than date_
  std::vector<uint32_t> facet_codes_;
};

}  // namespace crm::search
