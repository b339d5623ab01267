#include "spaces/search_index.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "core/log.hpp"
#include "search/normalise.hpp"
#include "search/query.hpp"
#include "search/terms.hpp"
#include "spaces/search_store.hpp"

namespace crm::spaces {

namespace {

constexpr const char* kLastChangeKey = "last_change";
constexpr const char* kFormatKey = "format";
constexpr const char* kFormat = "spaces-1";
constexpr int kChangeBatch = 500;
constexpr auto kGapPatience = std::chrono::seconds(60);
// Text kept in a document's data for snippets (a longer post is searched in
// full, its snippet comes from its start).
constexpr size_t kSnippetTextCap = 16 * 1024;
constexpr const char* kLatinLanguages[] = {"en", "de", "fr", "it", "tr"};

std::string cut(const std::string& s, size_t cap) {
  if (s.size() <= cap) return s;
  size_t n = cap;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string post_term(int64_t id) {
  return "Qpost:" + std::to_string(id);
}
std::string thread_term(int64_t id) {
  return "XT" + std::to_string(id);
}
std::string space_term(int64_t id) {
  return "XS" + std::to_string(id);
}

Xapian::Document make_document(const search_store::PostDocument& p) {
  Xapian::Document doc;
  Xapian::TermGenerator tg;
  tg.set_document(doc);
  const std::string text = p.title.empty() ? p.body : p.title + "\n" + p.body;
  const std::string language = guess_language(text);
  // With positions (phrases) in the language guessed; a post of mixed or
  // unclear Latin-script language is still found by its stems in each of
  // them, as the knowledge base finds names.
  search::index_text(tg, text, language, true);
  if (language != "ar")
    for (const char* lang : kLatinLanguages)
      if (lang != language) search::index_text(tg, text, lang, false);
  search::add_bigrams(doc);
  doc.add_boolean_term(post_term(p.post_id));
  doc.add_boolean_term(thread_term(p.thread_id));
  doc.add_boolean_term(space_term(p.space_id));
  doc.add_value(search::kDateSlot, Xapian::sortable_serialise(static_cast<double>(p.created_at)));
  boost::json::object o;
  o["p"] = p.post_id;
  o["t"] = p.thread_id;
  o["s"] = p.space_id;
  o["a"] = p.author_account_id;
  o["d"] = p.created_at;
  o["l"] = language;
  o["x"] = cut(p.body, kSnippetTextCap);  // the title is shown above the snippet
  doc.set_data(boost::json::serialize(o));
  return doc;
}

Xapian::WritableDatabase open_writer(const std::string& dir) {
  std::filesystem::create_directories(dir);
  try {
    return Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error("the spaces' search index " + dir +
                             " is in use by another crm process (each process needs its own "
                             "--search-index)");
  }
}

// Common words that tell the Latin-script languages apart.
const std::map<std::string, const char*>& marker_words() {
  static const std::map<std::string, const char*> words = {
      {"der", "de"}, {"die", "de"},  {"und", "de"}, {"nicht", "de"}, {"ist", "de"},  {"wir", "de"},
      {"ich", "de"}, {"mit", "de"},  {"den", "de"}, {"das", "de"},   {"le", "fr"},   {"la", "fr"},
      {"les", "fr"}, {"et", "fr"},   {"des", "fr"}, {"est", "fr"},   {"nous", "fr"}, {"pour", "fr"},
      {"une", "fr"}, {"dans", "fr"}, {"the", "en"}, {"and", "en"},   {"is", "en"},   {"we", "en"},
      {"of", "en"},  {"to", "en"},   {"for", "en"}, {"with", "en"},  {"this", "en"}, {"are", "en"},
      {"ve", "tr"},  {"bir", "tr"},  {"bu", "tr"},  {"için", "tr"},  {"ile", "tr"},  {"il", "it"},
      {"che", "it"}, {"di", "it"},   {"per", "it"}, {"sono", "it"},
  };
  return words;
}

}  // namespace

std::string guess_language(std::string_view text) {
  if (search::has_arabic_script(text)) return "ar";
  std::map<std::string, int> score;
  const std::string lower = search::normalise(text.substr(0, 4096), "");
  size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && !std::isalpha(static_cast<unsigned char>(lower[i])) &&
           static_cast<unsigned char>(lower[i]) < 0x80)
      ++i;
    size_t start = i;
    while (i < lower.size() && (std::isalpha(static_cast<unsigned char>(lower[i])) ||
                                static_cast<unsigned char>(lower[i]) >= 0x80))
      ++i;
    if (i > start) {
      auto it = marker_words().find(lower.substr(start, i - start));
      if (it != marker_words().end()) ++score[it->second];
    }
  }
  std::string best = "en";
  int most = 0;
  for (const auto& [lang, n] : score)
    if (n > most) {
      most = n;
      best = lang;
    }
  return best;
}

std::string search_index_dir(const std::string& kb_dir) {
  std::string d = kb_dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d + "-spaces";
}

SearchIndex::SearchIndex(std::string dir) : dir_(std::move(dir)), writer_(open_writer(dir_)) {
  auto v = writer_.get_metadata(kLastChangeKey);
  applied_ = v.empty() ? 0 : std::stoll(v);
  if (writer_.get_doccount() == 0 && writer_.get_metadata(kFormatKey).empty())
    writer_.set_metadata(kFormatKey, kFormat);
}

size_t SearchIndex::size() {
  std::lock_guard lock(write_mu_);
  return writer_.get_doccount();
}

void SearchIndex::write(db::Session& db, const std::vector<int64_t>& post_ids) {
  std::set<int64_t> present;
  for (const auto& p : search_store::load_posts(db, post_ids)) {
    writer_.replace_document(post_term(p.post_id), make_document(p));
    present.insert(p.post_id);
  }
  for (int64_t id : post_ids)
    if (!present.count(id)) writer_.delete_document(post_term(id));
}

size_t SearchIndex::catch_up(db::Session& db) {
  size_t total = 0;
  int64_t read_to = 0;
  for (;;) {
    int64_t floor = applied_.load();
    {
      std::lock_guard lock(write_mu_);
      if (!gaps_.empty()) floor = std::min(floor, gaps_.begin()->first - 1);
    }
    floor = std::max(floor, read_to);
    auto rows = search_store::changes_after(db, floor, kChangeBatch);
    if (rows.empty()) return total;
    read_to = rows.back().id;
    std::lock_guard lock(write_mu_);
    const int64_t before = applied_.load();
    const auto now = std::chrono::steady_clock::now();
    std::set<int64_t> posts, threads;
    int64_t expected = before + 1, last = before;
    for (const auto& c : rows) {
      const bool was_gap = gaps_.erase(c.id) > 0;
      if (c.id <= before && !was_gap) continue;
      if (c.id > before) {
        for (int64_t g = expected; g < c.id && gaps_.size() < 10000; ++g) gaps_.emplace(g, now);
        expected = c.id + 1;
        last = c.id;
      }
      (c.thread ? threads : posts).insert(c.item_id);
    }
    for (auto it = gaps_.begin(); it != gaps_.end();)
      it = now - it->second > kGapPatience ? gaps_.erase(it) : std::next(it);
    if (!posts.empty()) {
      // A post hidden, shown again or deleted may move its thread's title to
      // another post.
      const std::vector<int64_t> changed(posts.begin(), posts.end());
      for (int64_t p : search_store::title_posts_of_threads_of(db, changed)) posts.insert(p);
    }
    if (!threads.empty()) {
      std::vector<int64_t> tids(threads.begin(), threads.end());
      // A thread gone: its posts' documents go by their thread term (the
      // posts' own rows say so too, but a cascade may have written them first).
      for (int64_t t : tids) writer_.delete_document(thread_term(t));
      for (int64_t p : search_store::posts_of_threads(db, tids)) posts.insert(p);
    }
    std::vector<int64_t> ids(posts.begin(), posts.end());
    write(db, ids);
    if (!ids.empty() || !threads.empty() || last != before) {
      writer_.set_metadata(kLastChangeKey, std::to_string(last));
      writer_.commit();
      applied_ = last;
    }
    total += ids.size();
    if (rows.size() < static_cast<size_t>(kChangeBatch)) return total;
  }
}

size_t SearchIndex::rebuild(db::Session& db) {
  std::lock_guard lock(write_mu_);
  const int64_t last = search_store::last_change_id(db);
  const auto ids = search_store::all_visible_posts(db);
  writer_.begin_transaction(false);
  {
    std::vector<std::string> all;
    for (auto t = writer_.allterms_begin("Q"); t != writer_.allterms_end("Q"); ++t)
      all.push_back(*t);
    for (const auto& t : all) writer_.delete_document(t);
  }
  constexpr size_t kChunk = 512;
  for (size_t i = 0; i < ids.size(); i += kChunk)
    write(db,
          std::vector<int64_t>(ids.begin() + static_cast<long>(i),
                               ids.begin() + static_cast<long>(std::min(ids.size(), i + kChunk))));
  writer_.set_metadata(kLastChangeKey, std::to_string(last));
  writer_.set_metadata(kFormatKey, kFormat);
  writer_.commit_transaction();
  writer_.commit();
  gaps_.clear();
  applied_ = last;
  return ids.size();
}

bool SearchIndex::needs_rebuild(db::Session& db) {
  {
    std::lock_guard lock(write_mu_);
    if (writer_.get_metadata(kFormatKey) != kFormat) return true;
  }
  // Built from another database (it applied changes this one does not have),
  // or a database with posts and an index that never saw a change.
  const int64_t last = search_store::last_change_id(db);
  return applied_.load() > last || (applied_.load() == 0 && last > 0);
}

SpaceSearchResult SearchIndex::search(db::Session& db, const SpaceSearchRequest& r) {
  catch_up(db);
  return run(r);
}

SpaceSearchResult SearchIndex::run(const SpaceSearchRequest& r) {
  SpaceSearchResult res;
  const int per_page = std::clamp(r.per_page, 1, 100);
  res.page = std::max(1, r.page);
  if (r.spaces.empty()) return res;
  Xapian::Database db(dir_);
  Xapian::Query query = search::with_bigrams(search::parse_query(r.q, db, res.notice));
  std::vector<Xapian::Query> in_spaces;
  for (int64_t s : r.spaces) in_spaces.emplace_back(space_term(s));
  query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                        Xapian::Query(Xapian::Query::OP_OR, in_spaces.begin(), in_spaces.end()));
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (r.q.find_first_not_of(" \t\r\n") == std::string::npos)
    enquire.set_sort_by_value(search::kDateSlot, true);  // no words: newest first
  else
    enquire.set_sort_by_relevance_then_value(search::kDateSlot, true);
  const auto offset = static_cast<Xapian::doccount>((res.page - 1) * per_page);
  Xapian::MSet mset =
      enquire.get_mset(offset, static_cast<Xapian::doccount>(per_page), db.get_doccount());
  res.total = static_cast<long>(mset.get_matches_estimated());
  res.pages = std::max<int>(1, static_cast<int>((res.total + per_page - 1) / per_page));
  std::set<std::string> prefixes;  // of the query's wildcards, as the knowledge base marks them
  {
    size_t i = 0;
    const std::string& q = r.q;
    while (i < q.size()) {
      while (i < q.size() && q[i] == ' ') ++i;
      size_t start = i;
      while (i < q.size() && q[i] != ' ') ++i;
      std::string_view w(q.data() + start, i - start);
      if (w.size() < 2 || w.back() != '*' || w.size() > 200) continue;
      for (const char* lang : search::kStemLanguages)
        if (auto p = search::normalise(w.substr(0, w.size() - 1), lang); !p.empty())
          prefixes.insert(p);
    }
  }
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::set<std::string> matched;
    for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it);
         ++t)
      matched.insert(*t);
    auto v = boost::json::parse(it.get_document().get_data()).as_object();
    SpaceHit h;
    h.post_id = v["p"].as_int64();
    h.thread_id = v["t"].as_int64();
    h.space_id = v["s"].as_int64();
    h.author_account_id = v["a"].as_int64();
    h.created_at = v["d"].as_int64();
    h.snippet_html =
        search::highlight(v["x"].as_string(), v["l"].as_string(), matched, 30, nullptr, prefixes);
    res.hits.push_back(std::move(h));
  }
  return res;
}

}  // namespace crm::spaces
