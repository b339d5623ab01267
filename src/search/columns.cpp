#include "search/columns.hpp"

#include <charconv>
#include <string>

#include "search/terms.hpp"

namespace crm::search {

Columns Columns::load(Xapian::Database& db) {
  Columns c;
  c.revision_ = db.get_revision();
  c.dictionary_ =
      FacetDictionary::parse(db.get_metadata(kFacetDictionaryKey)).value_or(FacetDictionary{});
  const Xapian::docid last = db.get_lastdocid();
  c.date_.assign(last + 1, 0);
  c.flags_.assign(last + 1, 0);
  c.programme_.assign(last + 1, 0);
  c.facet_begin_.assign(last + 2, 0);

  for (auto it = db.valuestream_begin(kDateSlot); it != db.valuestream_end(kDateSlot); ++it) {
    const Xapian::docid d = it.get_docid();
    if (d > last) break;
    c.date_[d] = static_cast<int64_t>(Xapian::sortable_unserialise(*it));
    c.flags_[d] |= kPresent;
  }

  // Codes in docid order: the codes of d run from facet_begin_[d] to
  // facet_begin_[d + 1]; a document without facets has an empty run.
  const size_t known = c.dictionary_.size();
  Xapian::docid next = 0;
  for (auto it = db.valuestream_begin(kFacetSlot); it != db.valuestream_end(kFacetSlot); ++it) {
    const Xapian::docid d = it.get_docid();
    if (d > last) break;
    while (next <= d) c.facet_begin_[next++] = static_cast<uint32_t>(c.facet_codes_.size());
    for_each_varint(*it, [&](uint32_t code) {
      if (code < known) c.facet_codes_.push_back(code);  // another format's numbers: left out
    });
  }
  while (next <= last + 1) c.facet_begin_[next++] = static_cast<uint32_t>(c.facet_codes_.size());

  for (auto it = db.postlist_begin(kPublishedTerm); it != db.postlist_end(kPublishedTerm); ++it)
    if (*it <= last) c.flags_[*it] |= kPublished;

  const std::string prefix = programme_term(0).substr(0, 2);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    int64_t id = 0;
    auto [end, ec] = std::from_chars(term.data() + prefix.size(), term.data() + term.size(), id);
    if (ec != std::errc() || end != term.data() + term.size()) continue;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
      if (*it <= last) c.programme_[*it] = id;
  }
  return c;
}

}  // namespace crm::search
