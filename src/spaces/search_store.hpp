// What the spaces' search index (search_index.hpp) reads from the database:
// the change log space_search_change (written by the triggers of
// migrations/0027_space_search.sql) and the posts it names. SQL only here.
//
// Only visible posts are loaded: a hidden or deleted post, or one of a
// thread that is gone, comes back as absent, and the index drops it.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::spaces::search_store {

struct Change {
  int64_t id = 0;
  bool thread = false;  // item_id names a thread (all its posts), else a post
  int64_t item_id = 0;
};

// Up to `limit` rows with id > `after`, in id order.
std::vector<Change> changes_after(db::Session& db, int64_t after, int limit);
// The newest row's id (0: none).
int64_t last_change_id(db::Session& db);

// A post as the index keeps it. `title` is the thread's title on the first
// visible post of a thread (the thread is found by its title there, also when
// its opening post is hidden or deleted), else "".
struct PostDocument {
  int64_t post_id = 0;
  int64_t thread_id = 0;
  int64_t space_id = 0;
  int64_t author_account_id = 0;  // 0: the account is gone
  int64_t created_at = 0;
  std::string title;
  std::string body;
};

// The visible posts among `post_ids` (any number; read 64 at a time).
std::vector<PostDocument> load_posts(db::Session& db, const std::vector<int64_t>& post_ids);
// Every post of the threads (visible or not), in id order.
std::vector<int64_t> posts_of_threads(db::Session& db, const std::vector<int64_t>& thread_ids);
// The first two visible posts of each thread of `post_ids`: the one that
// carries its title and the one that takes it over when the first is hidden
// (or gives it back when the first is shown again). In id order.
std::vector<int64_t> title_posts_of_threads_of(db::Session& db,
                                               const std::vector<int64_t>& post_ids);
// Every visible post, in id order (rebuild).
std::vector<int64_t> all_visible_posts(db::Session& db);

// The current titles of threads (hits show the title of now, not of when the
// post was indexed), by id.
std::map<int64_t, std::string> thread_titles(db::Session& db, const std::vector<int64_t>& ids);
// Account names by id (authors of hits).
std::map<int64_t, std::string> account_names(db::Session& db, const std::vector<int64_t>& ids);

}  // namespace crm::spaces::search_store
