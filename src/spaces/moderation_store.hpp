// SQL of a post's life after it is written and of the moderators' work
// (issue 14 §2): edits with their earlier texts, deletion, reports, hiding,
// and a thread's lock, pin and move. The callers (moderation_service) have
// checked the reader's place in the space first; these functions do not.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::spaces::moderation_store {

struct PostRow {
  int64_t id = 0, thread_id = 0, space_id = 0;
  int64_t author_account_id = 0;  // 0: the account is gone
  std::string author_name;
  std::string body, thread_title;
  int64_t created_at = 0, edited_at = 0;  // 0: never edited
  bool deleted = false, hidden = false;
  std::string hidden_reason;
  bool opening = false;  // the first post of its thread
  bool thread_locked = false;
};
std::optional<PostRow> post(db::Session& db, int64_t post_id);

struct Revision {
  std::string body;
  int64_t replaced_at = 0;
};
// Earlier texts, newest first.
std::vector<Revision> revisions(db::Session& db, int64_t post_id);

// Keeps the current body as a revision, then writes the new one.
void edit_post(db::Session& db, int64_t post_id, const std::string& body, int64_t now);

// The author's words are gone: body emptied, revisions deleted, the thread's
// count of posts one less. Returns false when the post was already deleted.
bool delete_post(db::Session& db, int64_t post_id, int64_t thread_id, int64_t now);
// A thread whose opening post is deleted while nobody has replied goes with it.
long live_replies(db::Session& db, int64_t thread_id, int64_t opening_post_id);
void delete_thread(db::Session& db, int64_t thread_id);

// The reporter's open report of the post, if any.
bool has_open_report(db::Session& db, int64_t post_id, int64_t reporter);
// A new report, or the reporter's earlier resolved one opened again (one row
// per reporter and post); returns its id.
int64_t report(db::Session& db, int64_t post_id, int64_t reporter, const std::string& reason,
               int64_t now);

struct QueueEntry {
  PostRow post;
  std::vector<std::string> reasons;  // oldest first
  long reports = 0;
  int64_t first_reported_at = 0;
};
// The space's posts with open reports, oldest report first (two statements).
std::vector<QueueEntry> open_reports(db::Session& db, int64_t space_id);
// Marks every open report of the post resolved; returns how many.
long resolve_reports(db::Session& db, int64_t post_id, int64_t by, int64_t now);

void hide(db::Session& db, int64_t post_id, int64_t by, const std::string& reason, int64_t now);
void unhide(db::Session& db, int64_t post_id);

struct ThreadRow {
  int64_t id = 0, space_id = 0;
  std::string title;
  bool pinned = false, locked = false;
};
std::optional<ThreadRow> thread(db::Session& db, int64_t thread_id);
void set_locked(db::Session& db, int64_t thread_id, bool locked);
void set_pinned(db::Session& db, int64_t thread_id, bool pinned);

// The other spaces of the programme the account moderates (not archived), by id.
std::vector<int64_t> moderated_spaces(db::Session& db, int64_t account_id, int64_t programme_id,
                                      int64_t except_space_id);
// The thread and what points at its space (notifications) to another space;
// the readers' last visits there stay with the old space.
void move_thread(db::Session& db, int64_t thread_id, int64_t to_space_id);

// A person's own posts for their data download (privacy/service.cpp): their
// words are theirs, protected spaces included; nobody else's posts. Deleted
// posts have no words left and are not listed. One statement.
struct OwnPost {
  int64_t id = 0, space_id = 0, thread_id = 0;
  std::string space_name;  // in `language`, else English, else any; the cohort's; "" for an unnamed
                           // alumni space
  std::string thread_title, body;
  int64_t created_at = 0, edited_at = 0;
  bool hidden = false;
};
std::vector<OwnPost> posts_by(db::Session& db, int64_t account_id, const std::string& language);

// Erasure of a person (privacy/service.cpp): their posts lose their words
// (marked deleted, revisions gone), their reports and the places they were
// given by hand in spaces go.
void erase_account(db::Session& db, int64_t account_id, int64_t now);

}  // namespace crm::spaces::moderation_store
