// The SQL of spaces, threads and posts as readers see them (issue 14 §1–2):
// the only file of the threads part with SQL. Every function that lists rows
// for a reader takes the reader's account and keeps to space_membership
// (access_store.hpp); functions on one space, thread or post expect the
// service to have checked access first (policy.hpp) and take the space or
// thread in their WHERE so a wrong id finds nothing.
//
// Unread: a post is unread by an account when its id is above the account's
// thread_read.last_read_post_id for the thread (no row: nothing read), it is
// not deleted and the account did not write it.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::spaces::thread_store {

// Per space the account is in: how many threads have posts unread by it (one statement).
std::map<int64_t, long> unread_threads_by_space(db::Session& db, int64_t account_id);

struct ThreadRow {
  int64_t id = 0, space_id = 0;
  std::string title;
  bool pinned = false, locked = false;
  long post_count = 0;  // every post, the opening one included
  int64_t created_at = 0, last_post_at = 0;
  long unread = 0;    // posts unread by the reader
  bool seen = false;  // the reader has opened the thread before
};

long count_threads(db::Session& db, int64_t space_id);
// A page of the space's threads: pinned first, then by last post (one statement).
std::vector<ThreadRow> threads_of_space(db::Session& db, int64_t space_id, int64_t account_id,
                                        long limit, long offset);

// Marks the space visited now (one statement).
void mark_space_visited(db::Session& db, int64_t space_id, int64_t account_id, int64_t now);

struct ThreadHead {
  ThreadRow row;
  int64_t last_read_post_id = 0;  // 0: nothing read yet
  long read_count = 0;            // posts at or before last_read_post_id (where the unread start)
};
// One thread with the reader's progress in it (one statement).
std::optional<ThreadHead> thread_head(db::Session& db, int64_t thread_id, int64_t account_id);

struct PostRow {
  int64_t id = 0;
  int64_t author_account_id = 0;  // 0: the account is gone
  std::string author_name;
  int64_t reply_to_post_id = 0;
  std::string body;
  int64_t created_at = 0, edited_at = 0, deleted_at = 0, hidden_at = 0;
  std::string hidden_reason;
  bool has_revisions = false;
};
// A page of the thread's posts in order, with their authors (one statement).
std::vector<PostRow> posts_of_thread(db::Session& db, int64_t thread_id, long limit, long offset);

// post id → the names mentioned in it, for the posts of `thread_id` with ids
// from `first` to `last` (one statement).
std::map<int64_t, std::vector<std::string>> mention_names(db::Session& db, int64_t thread_id,
                                                          int64_t first, int64_t last);

// Raises the account's read mark in the thread to `post_id` (never lowers it; one statement).
void mark_read(db::Session& db, int64_t thread_id, int64_t account_id, int64_t post_id);

// The thread of a post and how many posts of it come before it; nullopt: no such post.
struct PostPlace {
  int64_t thread_id = 0;
  long before = 0;
};
std::optional<PostPlace> post_place(db::Session& db, int64_t post_id);

// Whether `post_id` is a post of `thread_id`.
bool post_in_thread(db::Session& db, int64_t post_id, int64_t thread_id);

struct Member {
  int64_t account_id = 0;
  std::string name;
};
// Everyone in the space, by name (one statement).
std::vector<Member> members(db::Session& db, int64_t space_id);

// The longest name of an account that `text` starts with (any account; the
// caller has already looked among the members); "" when none.
std::string account_name_prefix(db::Session& db, const std::string& text);

// Writes (inside the caller's transaction).
int64_t insert_thread(db::Session& db, int64_t space_id, const std::string& title,
                      int64_t author_account_id, int64_t now);
int64_t insert_post(db::Session& db, int64_t thread_id, int64_t author_account_id,
                    int64_t reply_to_post_id, const std::string& body, int64_t now);
// One more post in the thread, written at `now`.
void count_post(db::Session& db, int64_t thread_id, int64_t now);
void insert_mentions(db::Session& db, int64_t post_id, const std::vector<int64_t>& account_ids);

}  // namespace crm::spaces::thread_store
