#include "search/query.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <span>
#include <string_view>

#include "search/normalise.hpp"
#include "search/terms.hpp"
#include "web/html.hpp"

namespace crm::search {

namespace {

constexpr const char* kLatinLanguages[] = {"en", "de", "fr", "it", "tr"};

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !is_space(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

bool is_operator(const std::string& w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

// Each word normalised for `language`; Xapian's operators stay as written.
std::string normalise_query(const std::vector<std::string>& words, std::string_view language) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += is_operator(w) ? w : normalise(w, language);
  }
  return out;
}

Xapian::Query parse_one(const std::string& text, const std::string& language,
                        const Xapian::Database& db, unsigned flags) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(stemmer_for(language));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  return qp.parse_query(text, flags);
}

// Counts the facet values of every matching document into flat counters.
// Counts the facets of every match from the columns (no value read).
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(const Columns& columns, FacetCounts& counts) : columns_(columns), counts_(counts) {}
  void operator()(const Xapian::Document& doc, double) override {
    counts_.add(columns_.facets(doc.get_docid()));
  }

 private:
  const Columns& columns_;
  FacetCounts& counts_;
};

// Equally relevant matches newest first, the date taken from the columns.
class DateKey : public Xapian::KeyMaker {
 public:
  explicit DateKey(const Columns& columns) : columns_(columns) {}
  std::string operator()(const Xapian::Document& doc) const override {
    return Xapian::sortable_serialise(static_cast<double>(columns_.date(doc.get_docid())));
  }

 private:
  const Columns& columns_;
};

// The filters of a request as facet numbers: group[number] is the filter
// (one per facet asked for, values ORed) that the number satisfies.
struct FilterCodes {
  std::vector<uint8_t> group;  // kNoGroup: satisfies none
  uint32_t all = 0;            // a bit per filter
  bool impossible = false;     // a filter value no work has
  static constexpr uint8_t kNoGroup = 0xFF;

  bool pass(std::span<const uint32_t> codes) const {
    uint32_t got = 0;
    for (uint32_t c : codes)
      if (group[c] != kNoGroup) got |= 1u << group[c];
    return got == all;
  }
};

FilterCodes filter_codes(const SearchRequest& r, const FacetDictionary& dictionary) {
  FilterCodes f;
  f.group.assign(dictionary.size(), FilterCodes::kNoGroup);
  uint8_t n = 0;
  for (size_t i = 0; i < std::size(kFacets); ++i) {
    auto it = r.filters.find(kFacets[i]);
    if (it == r.filters.end() || it->second.empty()) continue;
    bool known = false;
    for (const auto& v : it->second)
      if (auto code = dictionary.find(static_cast<uint8_t>(i), facet_value(v))) {
        f.group[*code] = n;
        known = true;
      }
    if (!known) f.impossible = true;
    f.all |= 1u << n;
    ++n;
  }
  return f;
}

bool visible(const Columns& c, Xapian::docid d, const Visibility& v) {
  if (v.all || c.published(d)) return true;
  return std::find(v.programmes.begin(), v.programmes.end(), c.programme(d)) != v.programmes.end();
}

struct Token {
  std::string_view text;
  bool word = false;
};

std::vector<Token> tokens(std::string_view text) {
  std::vector<Token> out;
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  const char* base = text.data();
  while (it != end) {
    const char* start = it.raw();
    bool word = Xapian::Unicode::is_wordchar(*it);
    while (it != end && Xapian::Unicode::is_wordchar(*it) == word) ++it;
    const char* stop = it == end ? base + text.size() : it.raw();
    out.push_back({std::string_view(start, static_cast<size_t>(stop - start)), word});
  }
  return out;
}

// Everything a result depends on besides the index: the words, the filters
// (as a set), the page, who is searching and in which language.
std::string cache_key(const SearchRequest& r) {
  std::string k;
  auto field = [&k](std::string_view v) {
    k += std::to_string(v.size());
    k += ':';
    k += v;
  };
  field(r.q);
  for (const auto& [facet, values] : r.filters) {
    if (values.empty()) continue;
    field(facet);
    std::set<std::string> set(values.begin(), values.end());
    for (const auto& v : set) field(v);
    k += ';';
  }
  field(std::to_string(r.page));
  field(std::to_string(r.per_page));
  field(r.visibility.all ? "all" : "some");
  std::set<int64_t> programmes(r.visibility.programmes.begin(), r.visibility.programmes.end());
  for (int64_t p : programmes) field(std::to_string(p));
  k += ';';
  field(r.language);
  return k;
}

}  // namespace

Xapian::Query parse_query(const std::string& text, const Xapian::Database& db,
                          QueryNotice& notice) {
  notice = QueryNotice::none;
  std::string t = text;
  if (t.size() > kMaxQueryBytes) {
    size_t n = kMaxQueryBytes;
    while (n > 0 && (static_cast<unsigned char>(t[n]) & 0xC0) == 0x80) --n;
    t.resize(n);
    notice = QueryNotice::shortened;
  }
  auto words = split_words(t);
  if (words.size() > kMaxQueryWords) {
    words.resize(kMaxQueryWords);
    notice = QueryNotice::shortened;
  }
  if (words.empty()) return Xapian::Query::MatchAll;
  std::vector<std::string> langs;
  if (has_arabic_script(t))
    langs.push_back("ar");
  else
    langs.assign(std::begin(kLatinLanguages), std::end(kLatinLanguages));
  const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  std::vector<Xapian::Query> parts;
  bool failed = false;
  for (const auto& lang : langs) {
    const std::string q = normalise_query(words, lang);
    try {
      parts.push_back(parse_one(q, lang, db, flags));
    } catch (const Xapian::QueryParserError&) {
      failed = true;
      break;
    }
  }
  if (failed) {
    // Searched as plain words: every character that is not part of a word
    // becomes a space, so nothing is left for the parser to trip over.
    notice = QueryNotice::syntax_error;
    parts.clear();
    std::string plain;
    for (const auto& tok : tokens(t)) plain += tok.word ? std::string(tok.text) : " ";
    auto plain_words = split_words(plain);
    if (plain_words.empty()) return Xapian::Query::MatchNothing;
    for (const auto& lang : langs) {
      try {
        parts.push_back(parse_one(normalise_query(plain_words, lang), lang, db, 0));
      } catch (const Xapian::QueryParserError&) {
      }
    }
  }
  // Languages that read the words alike (phrases, names, words no stemmer
  // changes) give the same query: matched once, not once per language.
  std::vector<Xapian::Query> distinct;
  std::set<std::string> seen;
  for (auto& p : parts)
    if (seen.insert(p.serialise()).second) distinct.push_back(std::move(p));
  return Xapian::Query(Xapian::Query::OP_OR, distinct.begin(), distinct.end());
}

// `q` with each exact phrase filtered by the pairs of words it is made of
// (bigram_term): Xapian then checks positions only in works that hold every
// pair, instead of in every work that holds the words. Only the operators a
// phrase sits under in what the parser writes are rebuilt; any other node is
// kept as it is.
Xapian::Query with_bigrams(const Xapian::Query& q) {
  const auto type = q.get_type();
  if (type == Xapian::Query::OP_PHRASE) {
    std::vector<std::string> words;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Xapian::Query sub = q.get_subquery(i);
      if (sub.get_type() != Xapian::Query::LEAF_TERM) return q;  // a wildcard in the phrase
      words.push_back(*sub.get_terms_begin());
    }
    std::vector<Xapian::Query> pairs;
    for (size_t i = 0; i + 1 < words.size(); ++i)
      if (auto b = bigram_term(words[i], words[i + 1]); !b.empty()) pairs.emplace_back(b);
    if (pairs.empty()) return q;
    return Xapian::Query(Xapian::Query::OP_FILTER, q,
                         Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
  }
  switch (type) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER: {
      std::vector<Xapian::Query> subs;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        subs.push_back(with_bigrams(q.get_subquery(i)));
      return Xapian::Query(type, subs.begin(), subs.end());
    }
    default:
      return q;
  }
}

std::string highlight(std::string_view text, std::string_view language,
                      const std::set<std::string>& matched, size_t words, bool* found,
                      const std::set<std::string>& prefixes) {
  auto toks = tokens(text);
  Xapian::Stem stem = stemmer_for(language);
  std::vector<char> hit(toks.size(), 0);
  long first = -1;
  size_t scanned_words = 0;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!toks[i].word) continue;
    if (matched.empty() && prefixes.empty()) break;
    ++scanned_words;
    const std::string n = normalise(toks[i].text, language);
    bool is_match = matched.count(n) || matched.count("Z" + stem(n));
    for (const auto& p : prefixes)
      if (!is_match && n.starts_with(p)) is_match = true;
    if (is_match) {
      hit[i] = 1;
      if (first < 0) first = static_cast<long>(i);
    }
    // Past the window after the first match: nothing more is shown.
    if (first >= 0 && i > static_cast<size_t>(first) + 2 * words) break;
    if (first < 0 && scanned_words > 4000) break;  // a long text without a match
  }
  if (found) *found = first >= 0;
  // The window: a few words before the first match, `words` words in all.
  size_t start = 0;
  if (first > 0) {
    size_t before = 0;
    start = static_cast<size_t>(first);
    while (start > 0 && before < words / 4) {
      --start;
      if (toks[start].word) ++before;
    }
    while (start > 0 && start < toks.size() && !toks[start].word) ++start;
  }
  std::string out;
  if (start > 0) out += "… ";
  size_t shown = 0, i = start;
  for (; i < toks.size() && shown < words; ++i) {
    if (toks[i].word) ++shown;
    if (hit[i]) {
      out += "<mark>";
      web::escape_into(out, toks[i].text);
      out += "</mark>";
    } else {
      web::escape_into(out, toks[i].text);
    }
  }
  while (!out.empty() && is_space(static_cast<unsigned char>(out.back()))) out.pop_back();
  if (i < toks.size()) out += " …";
  return out;
}

SearchResult Index::search_only(const SearchRequest& r) {
  auto reader = take_reader();
  struct Return {
    Index* self;
    std::unique_ptr<Reader>* r;
    ~Return() { self->give_back(std::move(*r)); }
  } give{this, &reader};
  std::string key;
  if (r.cached) {
    key = cache_key(r);
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.revision == reader->db.get_revision())
      return it->second.result;
  }
  // The writer may commit twice while this reads (the follower and another
  // request's catch-up): then read the newest revision again, once.
  SearchResult res;
  try {
    res = run_search(*reader, r);
  } catch (const Xapian::DatabaseModifiedError&) {
    reader->db.reopen();
    res = run_search(*reader, r);
  }
  if (r.cached) {
    const Xapian::rev revision = reader->db.get_revision();
    std::lock_guard lock(cache_mu_);
    if (cache_.size() >= kResultCacheSize) cache_.clear();
    cache_[key] = Cached{revision, res};
  }
  return res;
}

std::shared_ptr<const Columns> Index::columns_for(Xapian::Database& db) {
  std::lock_guard lock(columns_mu_);
  const Xapian::rev revision = db.get_revision();
  if (columns_ && columns_->revision() == revision) return columns_;
  auto loaded = std::make_shared<const Columns>(Columns::load(db));
  // A reader left behind at an older revision does not replace the newest.
  if (!columns_ || columns_->revision() < revision) columns_ = loaded;
  return loaded;
}

SearchResult Index::run_search(Reader& reader, const SearchRequest& r) {
  SearchResult res;
  Xapian::Database& db = reader.db;
  const auto columns = columns_for(db);
  const Columns& cols = *columns;
  const FacetDictionary& dictionary = cols.dictionary();
  const bool has_words = !split_words(r.q).empty();
  const int per_page = std::clamp(r.per_page, 1, 100);
  const int page = std::max(1, r.page);
  const size_t offset = static_cast<size_t>(page - 1) * static_cast<size_t>(per_page);
  reader.counts.reset(dictionary.size());

  // The works shown on the page, with the index terms each matched.
  std::vector<std::pair<Xapian::docid, std::set<std::string>>> shown;
  if (!has_words) {
    // A list: every visible work that passes the filters, newest first, read
    // from the columns alone. Every work is looked at, so counts are exact.
    res.notice = QueryNotice::none;
    const FilterCodes filter = filter_codes(r, dictionary);
    std::vector<std::pair<int64_t, Xapian::docid>> found;  // (date, docid)
    if (!filter.impossible) {
      const Xapian::docid last = cols.last_docid();
      for (Xapian::docid d = 1; d <= last; ++d) {
        if (!cols.present(d) || !visible(cols, d, r.visibility)) continue;
        const auto codes = cols.facets(d);
        if (!filter.pass(codes)) continue;
        reader.counts.add(codes);
        found.emplace_back(cols.date(d), d);
      }
    }
    res.total = static_cast<long>(found.size());
    const size_t until = std::min(found.size(), offset + static_cast<size_t>(per_page));
    auto newest_first = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::partial_sort(found.begin(), found.begin() + static_cast<long>(until), found.end(),
                      newest_first);
    for (size_t i = offset; i < until; ++i) shown.push_back({found[i].second, {}});
  } else {
    Xapian::Query query = with_bigrams(parse_query(r.q, db, res.notice));
    std::vector<Xapian::Query> filters;
    if (!r.visibility.all) {
      std::vector<Xapian::Query> visible_to{Xapian::Query(kPublishedTerm)};
      for (int64_t p : r.visibility.programmes) visible_to.emplace_back(programme_term(p));
      filters.emplace_back(Xapian::Query::OP_OR, visible_to.begin(), visible_to.end());
    }
    for (const char* facet : kFacets) {
      auto it = r.filters.find(facet);
      if (it == r.filters.end() || it->second.empty()) continue;
      std::vector<Xapian::Query> any;
      for (const auto& v : it->second) any.emplace_back(facet_term(facet, v));
      filters.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    if (!filters.empty())
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    DateKey newest(cols);
    enquire.set_sort_by_relevance_then_key(&newest, true);
    FacetSpy spy(cols, reader.counts);
    enquire.add_matchspy(&spy);
    // Every match is looked at so that the facet counts and the total are exact.
    Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(offset),
                         static_cast<Xapian::doccount>(per_page), db.get_doccount());
    res.total = static_cast<long>(mset.get_matches_estimated());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::set<std::string> matched;
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it);
           ++t)
        matched.insert(*t);
      shown.push_back({*it, std::move(matched)});
    }
  }
  res.page = page;
  res.pages = std::max<int>(1, static_cast<int>((res.total + per_page - 1) / per_page));
  const auto& counts = reader.counts.counts();
  const auto& entries = dictionary.entries();
  for (size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0 && entries[i].facet < std::size(kFacets))
      res.facets[kFacets[entries[i].facet]].push_back({entries[i].value, counts[i]});
  for (auto& [facet, out] : res.facets)
    std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });

  std::set<std::string> prefixes;  // of the query's wildcards
  if (has_words)
    for (const auto& w : split_words(r.q)) {
      if (w.size() < 2 || w.back() != '*' || w.size() > 200) continue;
      for (const char* lang : kStemLanguages)
        if (auto p = normalise(std::string_view(w).substr(0, w.size() - 1), lang); !p.empty())
          prefixes.insert(p);
    }
  for (const auto& [docid, matched] : shown) {
    auto v = boost::json::parse(db.get_document(docid).get_data()).as_object();
    Hit h;
    parse_work_kind(std::string(v["k"].as_string()), h.kind);
    h.id = v["id"].as_int64();
    h.publication_id = v["n"].as_int64();
    h.published = v["p"].as_bool();
    h.date = v["d"].as_int64();
    h.year = static_cast<int>(v["y"].as_int64());
    h.resource_kind = std::string(v["rk"].as_string());
    h.authors = std::string(v["a"].as_string());
    for (const auto& t : v["t"].as_array()) {
      const auto& pair = t.as_array();
      std::string lang(pair[0].as_string());
      if (h.title.empty() || lang == r.language) {
        h.title = std::string(pair[1].as_string());
        h.title_language = lang;
      }
    }
    for (const auto& t : v["x"].as_array()) {
      const auto& pair = t.as_array();
      bool found = false;
      auto s = highlight(pair[1].as_string(), pair[0].as_string(), matched, 30, &found, prefixes);
      if (found || h.snippet_html.empty()) h.snippet_html = std::move(s);
      if (found) break;
    }
    res.hits.push_back(std::move(h));
  }
  return res;
}

SearchResult Index::search(db::Session& db, const SearchRequest& r) {
  catch_up(db);
  return search_only(r);
}

}  // namespace crm::search
