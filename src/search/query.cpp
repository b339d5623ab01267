#include "search/query.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
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
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  return qp.parse_query(text, flags);
}

// Counts the facet values of every matching document into flat counters.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(FacetCounts& counts) : counts_(counts) {}
  void operator()(const Xapian::Document& doc, double) override {
    counts_.add(doc.get_value(kFacetSlot));
  }

 private:
  FacetCounts& counts_;
};

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

SearchResult Index::run_search(Reader& reader, const SearchRequest& r) {
  SearchResult res;
  Xapian::Database& db = reader.db;
  // The dictionary the documents of this revision were written with.
  if (!reader.dictionary_loaded || reader.dictionary_revision != db.get_revision()) {
    reader.dictionary_revision = db.get_revision();
    reader.dictionary =
        FacetDictionary::parse(db.get_metadata(kFacetDictionaryKey)).value_or(FacetDictionary{});
    reader.dictionary_loaded = true;
  }

  const bool has_words = !split_words(r.q).empty();
  Xapian::Query query = parse_query(r.q, db, res.notice);

  std::vector<Xapian::Query> filters;
  if (!r.visibility.all) {
    std::vector<Xapian::Query> visible{Xapian::Query(kPublishedTerm)};
    for (int64_t p : r.visibility.programmes) visible.emplace_back(programme_term(p));
    filters.emplace_back(Xapian::Query::OP_OR, visible.begin(), visible.end());
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
  if (has_words) {
    enquire.set_sort_by_relevance_then_value(kDateSlot, true);
  } else {
    // Nothing to weigh: newest first.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(kDateSlot, true);
  }
  reader.counts.reset(reader.dictionary.size());
  FacetSpy spy(reader.counts);
  enquire.add_matchspy(&spy);
  const int per_page = std::clamp(r.per_page, 1, 100);
  const int page = std::max(1, r.page);
  // Every match is looked at so that the facet counts and the total are exact.
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>((page - 1) * per_page),
                                       static_cast<Xapian::doccount>(per_page), db.get_doccount());
  res.total = static_cast<long>(mset.get_matches_estimated());
  res.page = page;
  res.pages = std::max<int>(1, static_cast<int>((res.total + per_page - 1) / per_page));
  const auto& counts = reader.counts.counts();
  const auto& entries = reader.dictionary.entries();
  for (size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0 && entries[i].facet < std::size(kFacets))
      res.facets[kFacets[entries[i].facet]].push_back({entries[i].value, counts[i]});
  for (auto& [facet, out] : res.facets)
    std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    auto v = boost::json::parse(doc.get_data()).as_object();
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
    std::set<std::string> matched;
    if (has_words)
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it);
           ++t)
        matched.insert(*t);
    const auto& texts = v["x"].as_array();
    std::set<std::string> prefixes;
    if (has_words)
      for (const auto& w : split_words(r.q)) {
        if (w.size() < 2 || w.back() != '*' || w.size() > 200) continue;
        for (const char* lang : kStemLanguages)
          if (auto p = normalise(std::string_view(w).substr(0, w.size() - 1), lang); !p.empty())
            prefixes.insert(p);
      }
    for (const auto& t : texts) {
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
