#include "search/index.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "core/log.hpp"
#include "search/normalise.hpp"
#include "search/terms.hpp"

namespace crm::search {

namespace {

constexpr const char* kLastChangeKey = "last_change";
// What the documents' slots and data hold; an index of another format is
// rebuilt (needs_rebuild).
constexpr const char* kFormatKey = "format";
constexpr const char* kFormat = "3";
constexpr int kChangeBatch = 500;
// A gap in the change-log ids is looked at again for this long (a
// transaction that took its id earlier commits later; a rolled-back one
// never does).
constexpr auto kGapPatience = std::chrono::seconds(60);
// Snippet texts kept in a document's data (a longer file text is searched
// but snippets come from its start).
constexpr size_t kSnippetTextCap = 16 * 1024;

std::string cut(const std::string& s, size_t cap) {
  if (s.size() <= cap) return s;
  size_t n = cap;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

Xapian::WritableDatabase open_writer(const std::string& dir) {
  std::filesystem::create_directories(dir);
  try {
    return Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error("the search index " + dir +
                             " is in use by another crm process (each process needs its own "
                             "--search-index)");
  }
}

}  // namespace

// Each word twice: as written (normalised) with its positions, for phrases
// and wildcards, and stemmed ("Z" prefix, no positions) for everything else.
// A phrase is thus matched on the words as written, once however many
// languages read the query; stems would need a positional check per language.
void index_text(Xapian::TermGenerator& tg, const std::string& text, const std::string& language,
                bool positions) {
  const std::string norm = normalise(text, language);
  tg.set_stemmer(stemmer_for(language));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  if (positions) {
    tg.index_text(norm);
    tg.increase_termpos(100);  // no phrase across two texts
  } else {
    tg.index_text_without_positions(norm);
  }
}

// A term for each pair of words that follow each other (bigram_term), read
// back from the positions of the words as written, so that they are exactly
// the pairs a phrase query asks for.
void add_bigrams(Xapian::Document& doc) {
  std::vector<std::pair<Xapian::termpos, std::string>> at;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed: not a word
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, term);
  }
  std::sort(at.begin(), at.end());
  for (size_t i = 0; i + 1 < at.size(); ++i)
    if (at[i + 1].first == at[i].first + 1)
      if (auto b = bigram_term(at[i].second, at[i + 1].second); !b.empty()) doc.add_boolean_term(b);
}

std::string id_term(WorkKind kind, int64_t id) {
  return fmt::format("Q{}:{}", to_string(kind), id);
}

std::optional<uint8_t> facet_index(std::string_view facet) {
  for (size_t i = 0; i < std::size(kFacets); ++i)
    if (facet == kFacets[i]) return static_cast<uint8_t>(i);
  return std::nullopt;
}

Xapian::Document make_document(const WorkDocument& d, FacetDictionary& dictionary) {
  Xapian::Document doc;
  Xapian::TermGenerator tg;
  tg.set_document(doc);
  for (const auto& t : d.texts) index_text(tg, t.text, t.language, true);
  // Names are written in no language: findable through every stemmer.
  for (const auto& name : d.names)
    for (const char* lang : kStemLanguages) index_text(tg, name, lang, false);
  add_bigrams(doc);
  doc.add_boolean_term(id_term(d.kind, d.id));
  doc.add_boolean_term(d.published ? kPublishedTerm : std::string("XV0"));
  doc.add_boolean_term(programme_term(d.programme_id));
  std::string facets;
  for (const auto& [facet, value] : d.facets) {
    if (value.empty()) continue;
    doc.add_boolean_term(facet_term(facet, value));
    if (auto f = facet_index(facet))
      append_varint(facets, dictionary.intern(*f, facet_value(value)));
  }
  doc.add_value(kDateSlot, Xapian::sortable_serialise(static_cast<double>(d.date)));
  doc.add_value(kFacetSlot, facets);

  boost::json::object o;
  o["k"] = std::string(to_string(d.kind));
  o["id"] = d.id;
  o["n"] = d.publication_id;
  o["p"] = d.published;
  o["d"] = d.date;
  o["y"] = d.year;
  o["rk"] = d.resource_kind;
  o["a"] = d.authors;
  boost::json::array titles;
  for (const auto& [lang, title] : d.titles) titles.push_back(boost::json::array{lang, title});
  o["t"] = std::move(titles);
  boost::json::array texts;
  for (const auto& t : d.texts)
    if (t.field != "title")
      texts.push_back(boost::json::array{t.language, cut(t.text, kSnippetTextCap)});
  o["x"] = std::move(texts);
  doc.set_data(boost::json::serialize(o));
  return doc;
}

Index::Index(std::string dir) : dir_(std::move(dir)), writer_(open_writer(dir_)) {
  auto v = writer_.get_metadata(kLastChangeKey);
  applied_ = v.empty() ? 0 : std::stoll(v);
  if (writer_.get_doccount() == 0 && writer_.get_metadata(kFormatKey).empty())
    writer_.set_metadata(kFormatKey, kFormat);  // a new index: written in this format
  if (writer_.get_metadata(kFormatKey) == kFormat)
    dictionary_ = FacetDictionary::parse(writer_.get_metadata(kFacetDictionaryKey))
                      .value_or(FacetDictionary{});
}

Index::~Index() = default;

std::unique_ptr<Index::Reader> Index::take_reader() {
  std::unique_ptr<Reader> r;
  {
    std::lock_guard lock(readers_mu_);
    if (!readers_.empty()) {
      r = std::move(readers_.back());
      readers_.pop_back();
    }
  }
  if (!r) {
    r = std::make_unique<Reader>();
    r->db = Xapian::Database(dir_);
  } else {
    r->db.reopen();
  }
  return r;
}

void Index::give_back(std::unique_ptr<Reader> r) {
  std::lock_guard lock(readers_mu_);
  readers_.push_back(std::move(r));
}

size_t Index::size() {
  auto r = take_reader();
  size_t n = r->db.get_doccount();
  give_back(std::move(r));
  return n;
}

void Index::write(const std::vector<WorkDocument>& docs, WorkKind kind,
                  const std::vector<int64_t>& ids, FacetDictionary& dictionary) {
  std::set<int64_t> present;
  const size_t known = dictionary.size();
  for (const auto& d : docs) {
    writer_.replace_document(id_term(d.kind, d.id), make_document(d, dictionary));
    present.insert(d.id);
  }
  for (int64_t id : ids)
    if (!present.count(id)) writer_.delete_document(id_term(kind, id));
  // Committed with the documents that use the new numbers.
  if (dictionary.size() != known) writer_.set_metadata(kFacetDictionaryKey, dictionary.serialise());
}

size_t Index::catch_up(db::Session& db) {
  size_t total = 0;
  int64_t read_to = 0;  // the last row read by this call
  for (;;) {
    int64_t floor = applied_.load();
    {
      std::lock_guard lock(write_mu_);
      if (!gaps_.empty()) floor = std::min(floor, gaps_.begin()->first - 1);
    }
    // Past the rows this call has read: a batch of rows applied before (read
    // again only because an older gap is still open) must not end the call
    // while newer rows wait behind it.
    floor = std::max(floor, read_to);
    auto rows = changes_after(db, floor, kChangeBatch);
    if (rows.empty()) return total;
    read_to = rows.back().id;
    std::lock_guard lock(write_mu_);
    const int64_t before = applied_.load();
    const auto now = std::chrono::steady_clock::now();
    std::map<WorkKind, std::set<int64_t>> todo;
    int64_t expected = before + 1, last = before;
    for (const auto& c : rows) {
      bool was_gap = gaps_.erase(c.id) > 0;
      if (c.id <= before && !was_gap) continue;  // applied already
      if (c.id > before) {
        for (int64_t g = expected; g < c.id && gaps_.size() < 10000; ++g) gaps_.emplace(g, now);
        expected = c.id + 1;
        last = c.id;
      }
      todo[c.kind].insert(c.work_id);
    }
    for (auto it = gaps_.begin(); it != gaps_.end();)
      it = now - it->second > kGapPatience ? gaps_.erase(it) : std::next(it);
    size_t applied_now = 0;
    for (const auto& [kind, set] : todo) {
      std::vector<int64_t> ids(set.begin(), set.end());
      write(load_documents(db, kind, ids), kind, ids, dictionary_);
      applied_now += ids.size();
    }
    if (applied_now || last != before) {
      writer_.set_metadata(kLastChangeKey, std::to_string(last));
      writer_.commit();
      applied_ = last;
    }
    total += applied_now;
    if (rows.size() < static_cast<size_t>(kChangeBatch)) return total;
  }
}

void Index::rebuild(db::Session& db, const std::function<void(size_t, size_t)>& progress) {
  std::lock_guard lock(write_mu_);
  // Changes made while the works are read are applied again afterwards.
  const int64_t last = last_change_id(db);
  std::map<WorkKind, std::vector<int64_t>> ids;
  size_t total = 0, done = 0;
  for (auto k : {WorkKind::paper, WorkKind::project, WorkKind::resource}) {
    ids[k] = all_ids(db, k);
    total += ids[k].size();
  }
  // Start from nothing: documents of works deleted since go too, and facet
  // values no work has any more. The new dictionary replaces the writer's
  // only once it is committed.
  FacetDictionary dictionary;
  writer_.begin_transaction(false);
  {
    std::vector<std::string> all;
    for (auto t = writer_.allterms_begin("Q"); t != writer_.allterms_end("Q"); ++t)
      all.push_back(*t);
    for (const auto& t : all) writer_.delete_document(t);
  }
  if (progress) progress(0, total);
  constexpr size_t kChunk = 512;
  for (auto k : {WorkKind::paper, WorkKind::project, WorkKind::resource}) {
    const auto& v = ids[k];
    for (size_t i = 0; i < v.size(); i += kChunk) {
      std::vector<int64_t> chunk(v.begin() + static_cast<long>(i),
                                 v.begin() + static_cast<long>(std::min(v.size(), i + kChunk)));
      write(load_documents(db, k, chunk), k, chunk, dictionary);
      done += chunk.size();
      if (progress) progress(done, total);
    }
  }
  writer_.set_metadata(kLastChangeKey, std::to_string(last));
  writer_.set_metadata(kFacetDictionaryKey, dictionary.serialise());
  writer_.set_metadata(kFormatKey, kFormat);
  writer_.commit_transaction();
  writer_.commit();
  dictionary_ = std::move(dictionary);
  gaps_.clear();
  applied_ = last;
}

bool Index::needs_rebuild(db::Session& db) {
  {
    std::lock_guard lock(write_mu_);
    if (writer_.get_metadata(kFormatKey) != kFormat) return true;
  }
  return applied_.load() > last_change_id(db) || size() != count_works(db);
}

Follower::Follower(Index& index, db::Url url, std::chrono::milliseconds period)
    : Follower("search_follow_failed", std::move(url), period,
               [&index](db::Session& db) { index.catch_up(db); }) {}

Follower::Follower(std::string event, db::Url url, std::chrono::milliseconds period,
                   CatchUp catch_up)
    : event_(std::move(event)),
      catch_up_(std::move(catch_up)),
      url_(std::move(url)),
      period_(period) {
  thread_ = std::thread([this] {
    std::unique_ptr<db::Session> db;
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      try {
        if (!db) db = std::make_unique<db::Session>(url_);
        catch_up_(*db);
      } catch (const std::exception& e) {
        log::info(fmt::format("event={} error={}", event_, log::value(e.what())));
        db.reset();  // connect anew next time
      }
      lock.lock();
      cv_.wait_for(lock, period_, [this] { return stop_; });
    }
  });
}

Follower::~Follower() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace crm::search
