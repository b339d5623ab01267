// The search index of one process: a Xapian database in its own directory
// (setting --search-index), built from the database (documents_store.hpp) and
// kept current from the change log (search_change).
//
// - catch_up(db) applies the change-log rows past the last one applied (kept
//   in the index's metadata). Every search calls it first, so a consent
//   withdrawn on another app server is gone from the next search; when nothing
//   is new it costs one cheap statement. A timer (Follower, `crm serve`)
//   calls it every few seconds too, so the index stays warm.
// - One writer at a time (a mutex); searches do not block each other: each
//   takes its own reader from a small pool and reopens it at the newest commit.
// - Results are kept by request and revision (kResultCacheSize): a repeated
//   search at an unchanged index costs a copy; after any commit none is used.
// - rebuild() (`crm reindex`) builds a fresh index from every work.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <xapian.h>

#include "db/database.hpp"
#include "search/change_log.hpp"
#include "search/columns.hpp"
#include "search/documents_store.hpp"
#include "search/facet_codes.hpp"

namespace crm::spaces {
class SearchIndex;
}

namespace crm::search {

// Facets, in the order pages show them; also the query parameters.
inline constexpr const char* kFacets[] = {"country", "topic",  "target_group", "dimension", "gcm",
                                          "sdg",     "cohort", "year",         "language",  "kind"};
// The position of `facet` in kFacets (nullopt: not a facet).
std::optional<uint8_t> facet_index(std::string_view facet);

// Who is searching: the public sees published works only; staff also the
// unpublished works of their programmes; admins every work.
struct Visibility {
  bool all = false;
  std::vector<int64_t> programmes;
};

struct SearchRequest {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // facet → values (OR within)
  int page = 1;                                             // from 1
  int per_page = 20;
  Visibility visibility;
  std::string language = "en";  // the reader's: which title to show first
  // Answer from the result cache when this request was answered at the
  // index's current revision (benchmarks of the search itself turn it off).
  bool cached = true;
};

struct Hit {
  WorkKind kind = WorkKind::paper;
  int64_t id = 0;
  int64_t publication_id = 0;
  bool published = false;
  std::string resource_kind;
  std::string title, title_language;
  std::string authors;
  int year = 0;
  int64_t date = 0;
  std::string snippet_html;  // escaped text, <mark> around matches only
};

struct FacetValue {
  std::string value;
  long count = 0;
};

// Why a query was not searched as typed.
enum class QueryNotice { none, shortened, syntax_error };

struct SearchResult {
  std::vector<Hit> hits;
  long total = 0;  // matching works (exact)
  int page = 1, pages = 1;
  std::map<std::string, std::vector<FacetValue>> facets;  // counts for this query and filters
  QueryNotice notice = QueryNotice::none;
};

// Requests whose results are kept (the cache is emptied when full).
inline constexpr size_t kResultCacheSize = 512;

// Words of a query beyond this are dropped (and the reader told).
inline constexpr size_t kMaxQueryWords = 64;
inline constexpr size_t kMaxQueryBytes = 1024;

class Index {
 public:
  // Opens (creating it when missing) the index in `dir`. Throws
  // std::runtime_error when another process holds it.
  explicit Index(std::string dir);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  const std::string& dir() const { return dir_; }

  // Applies the change-log rows past the last one applied; returns how many.
  size_t catch_up(db::Session& db);

  // Catches up, then searches.
  SearchResult search(db::Session& db, const SearchRequest& r);
  // Searches without catching up (benchmarks, tests of the index alone).
  SearchResult search_only(const SearchRequest& r);

  // Replaces every document by what the database holds now. `progress(done,
  // total)` is called now and then.
  void rebuild(db::Session& db, const std::function<void(size_t, size_t)>& progress = {});

  // True when the index was built from another database (it has applied
  // changes the database does not have) or holds another number of works
  // than the database (works written without a change-log row, an index
  // never built): rebuild before serving.
  bool needs_rebuild(db::Session& db);

  int64_t applied() const { return applied_.load(); }
  size_t size();

  // The spaces' own index of this process (spaces/search_index.hpp), reached
  // by handlers through web::Ctx::search like this one; null: none (their
  // search answers 503). Never searched by this index: posts are not public.
  // REQUIRES: set before the server starts; outlives this index's users.
  void set_spaces(spaces::SearchIndex* spaces) { spaces_ = spaces; }
  spaces::SearchIndex* spaces() const { return spaces_; }

 private:
  struct Reader {
    Xapian::Database db;
    FacetCounts counts;
  };
  std::unique_ptr<Reader> take_reader();
  SearchResult run_search(Reader& reader, const SearchRequest& r);
  // The columns of `db`'s revision: loaded by the first search at a new
  // revision, shared by the others (columns_mu_).
  std::shared_ptr<const Columns> columns_for(Xapian::Database& db);
  void give_back(std::unique_ptr<Reader> r);
  void write(const std::vector<WorkDocument>& docs, WorkKind kind, const std::vector<int64_t>& ids,
             FacetDictionary& dictionary);

  // Results by request, each valid only at the revision it was computed at:
  // a change committed (a withdrawal) makes every entry a miss at once.
  struct Cached {
    Xapian::rev revision = 0;
    SearchResult result;
  };
  std::mutex cache_mu_;
  std::map<std::string, Cached> cache_;

  std::string dir_;
  std::mutex write_mu_;
  Xapian::WritableDatabase writer_;
  FacetDictionary dictionary_;  // the writer's (write_mu_)
  std::atomic<int64_t> applied_{0};
  // Change-log ids below the newest applied that were not there yet (a
  // transaction that took its id earlier but had not committed): looked at
  // again until they appear or are old.
  std::map<int64_t, std::chrono::steady_clock::time_point> gaps_;
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Reader>> readers_;
  std::mutex columns_mu_;
  std::shared_ptr<const Columns> columns_;  // of the newest revision loaded
  spaces::SearchIndex* spaces_ = nullptr;
};

// Keeps an index warm: calls `catch_up` every `period` on its own session
// (opened on first use) until destroyed. A failure is logged with `event`
// and the session opened anew next time. The knowledge base's index and the
// spaces' (spaces/search_index.hpp) are each followed by one.
class Follower {
 public:
  using CatchUp = std::function<void(db::Session&)>;
  Follower(std::string event, db::Url url, std::chrono::milliseconds period, CatchUp catch_up);
  // Follows `index` (event "search_follow_failed").
  Follower(Index& index, db::Url url, std::chrono::milliseconds period);
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

 private:
  std::string event_;
  CatchUp catch_up_;
  db::Url url_;
  std::chrono::milliseconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Indexes `text` of `language` into `tg`'s document the way every work text
// is: each word normalised (normalise.hpp) as written, with positions when
// `positions`, and stemmed by the language's stemmer ("Z" prefix). Shared with
// the spaces' index (spaces/search_index.hpp) so both read words alike.
void index_text(Xapian::TermGenerator& tg, const std::string& text, const std::string& language,
                bool positions);
// Adds a bigram_term for each pair of words that follow each other in `doc`.
void add_bigrams(Xapian::Document& doc);

// The unique id term of a work in the index ("Qpaper:12").
std::string id_term(WorkKind kind, int64_t id);
// The Xapian document of a work (exposed for tests); facet values new to
// `dictionary` are added to it.
Xapian::Document make_document(const WorkDocument& d, FacetDictionary& dictionary);

}  // namespace crm::search
