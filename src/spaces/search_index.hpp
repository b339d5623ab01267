// The spaces' search index (issue 14 §5): a Xapian database of its own, next
// to the knowledge base's but apart from it — the knowledge base is public,
// posts never are. One document per visible post, the opening post carrying
// its thread's title; a boolean term for its space and its thread. Words are
// normalised and stemmed exactly as the knowledge base's (search::index_text,
// search::parse_query, search::highlight): the same query finds a plural from
// a singular in Arabic, German, French and English alike.
//
// Derived data, like the knowledge base's index: rebuilt by `crm reindex`
// (and by `crm serve` when it does not match the database), kept current
// from space_search_change, which triggers write (migrations/0027). Every
// search applies the new rows first, so a hidden post is gone from the next
// search on every app server; a search::Follower (search/index.hpp) keeps it
// warm between searches.
//
// Who may see what is decided by the caller (search_service.cpp): search()
// returns only posts of the spaces it is given.
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
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "db/database.hpp"
#include "search/index.hpp"

namespace crm::spaces {

struct SpaceSearchRequest {
  std::string q;
  std::vector<int64_t> spaces;  // searched in these only; none: nothing found
  int page = 1;                 // from 1
  int per_page = 20;
};

struct SpaceHit {
  int64_t post_id = 0, thread_id = 0, space_id = 0, author_account_id = 0;
  int64_t created_at = 0;
  std::string snippet_html;  // escaped text, <mark> around matches only
};

struct SpaceSearchResult {
  std::vector<SpaceHit> hits;
  long total = 0;
  int page = 1, pages = 1;
  search::QueryNotice notice = search::QueryNotice::none;
};

// The language a post is indexed in: Arabic by its script; for Latin text the
// language whose common words it uses most (de, fr, tr, it, else en).
std::string guess_language(std::string_view text);

class SearchIndex {
 public:
  // Opens (creating it when missing) the index in `dir`. Throws
  // std::runtime_error when another process holds it.
  explicit SearchIndex(std::string dir);
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  const std::string& dir() const { return dir_; }

  // Applies the change-log rows past the last one applied; returns how many
  // posts were written or removed.
  size_t catch_up(db::Session& db);
  // Catches up, then searches.
  SpaceSearchResult search(db::Session& db, const SpaceSearchRequest& r);
  // Replaces every document by what the database holds now; returns the
  // number of posts indexed.
  size_t rebuild(db::Session& db);
  // True when the index was built from another database or never built.
  bool needs_rebuild(db::Session& db);
  size_t size();

 private:
  void write(db::Session& db, const std::vector<int64_t>& post_ids);
  SpaceSearchResult run(const SpaceSearchRequest& r);

  std::string dir_;
  std::mutex write_mu_;
  Xapian::WritableDatabase writer_;
  std::atomic<int64_t> applied_{0};
  // Change-log ids below the newest applied that were not there yet (a
  // transaction that took its id earlier had not committed): read again until
  // they appear or are old.
  std::map<int64_t, std::chrono::steady_clock::time_point> gaps_;
};

// Where the spaces' index lives: next to the knowledge base's (`kb_dir`
// "data/search" → "data/search-spaces").
std::string search_index_dir(const std::string& kb_dir);

}  // namespace crm::spaces
