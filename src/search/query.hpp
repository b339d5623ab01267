// The query side of the search index (Index::search_only is defined in
// query.cpp): the reader's words as typed, in a language nobody told us.
//
// - Arabic script → parsed with the Arabic stemmer; otherwise parsed once per
//   Latin-script language the index stems (de, en, fr, it, tr) and the
//   parses ORed, each normalised as texts of that language are.
// - Xapian's QueryParser: phrases ("…"), wildcards (Rückkehr*), AND/OR/NOT,
//   +/-; the words of one parse must all match (default AND). Words are
//   stemmed except inside a phrase: quotes ask for the words as written
//   (normalised), in that order, within one text.
// - A query longer than kMaxQueryWords words or kMaxQueryBytes bytes is
//   shortened (QueryNotice::shortened); one Xapian cannot parse is searched
//   as plain words (QueryNotice::syntax_error).
// - Snippets: escaped text with <mark> around the words that matched.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include <xapian.h>

#include "search/index.hpp"

namespace crm::search {

// The query for `text` against `db` (for its wildcards); `notice` says
// whether it was shortened or not parsed as typed. Empty text: MatchAll.
Xapian::Query parse_query(const std::string& text, const Xapian::Database& db, QueryNotice& notice);

// `q` with each exact phrase filtered by the pairs of words it is made of
// (bigram_term), so positions are checked only where every pair is.
Xapian::Query with_bigrams(const Xapian::Query& q);

// `text` escaped for HTML with <mark>…</mark> around each word whose
// normalised form or stem (in `language`) is among `matched` (index terms),
// cut to about `words` words around the first match. `found` tells whether
// any word matched.
// `prefixes`: normalised word beginnings of the query's wildcards (Rückkehr*
// → "rueckkehr", "rückkehr"): a word that starts with one is marked too.
std::string highlight(std::string_view text, std::string_view language,
                      const std::set<std::string>& matched, size_t words, bool* found = nullptr,
                      const std::set<std::string>& prefixes = {});

}  // namespace crm::search
