// SQL of the notifications (issue 14 §4): the rows that tell a reader what
// is new (migrations/0021_spaces.sql: notification, notification_setting,
// space_reader), the readers' choices, and what the mail job reads. The only
// file of the notifications with SQL; writes run in the caller's transaction.
//
// Every list for a reader keeps to the space's members (access_store's
// member_of_sql): a notification of a space the reader has left is not read.
// The record_* statements are INSERT … SELECT, a fixed number per event
// whatever the number of members.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "spaces/model.hpp"

namespace crm::spaces::notification_store {

// One statement each; an account gets at most one row per post (mention,
// then reply, then post: run them in that order). Never the post's author;
// only members of the post's space.
void insert_mentions(db::Session& db, int64_t post_id, int64_t now);
void insert_reply(db::Session& db, int64_t post_id, int64_t now);
void insert_posts(db::Session& db, int64_t post_id, int64_t now);
void insert_materials(db::Session& db, int64_t material_id, int64_t now);
void insert_hidden(db::Session& db, int64_t post_id, int64_t now);

struct Row {
  int64_t id = 0;
  std::string kind;  // post, reply, mention, material, hidden
  int64_t space_id = 0, thread_id = 0, post_id = 0, material_id = 0;
  int64_t created_at = 0;
  bool read = false;
  std::string thread_title;  // "" for a material
  std::string material_title;
};
// The account's notifications in spaces it is still in, newest first.
std::vector<Row> list(db::Session& db, int64_t account_id, long limit, long offset);
long count(db::Session& db, int64_t account_id);

// Marks read: all of the account's, or those of one post. Returns how many.
long mark_all_read(db::Session& db, int64_t account_id, int64_t now);
long mark_post_read(db::Session& db, int64_t account_id, int64_t post_id, int64_t now);

struct Setting {
  bool mentions = true, replies = true, daily_digest = true, weekly_digest = true;
  int64_t last_daily_at = 0, last_weekly_at = 0;
};
Setting setting(db::Session& db, int64_t account_id);
void save_flags(db::Session& db, int64_t account_id, const Setting& s);
void set_digest_sent(db::Session& db, int64_t account_id, bool weekly, int64_t now);

// Per space the account is in: how it hears of it (no row: daily).
struct SpaceChoice {
  int64_t space_id = 0;
  Notify notify = Notify::daily;
};
std::vector<SpaceChoice> space_choices(db::Session& db, int64_t account_id);
void set_notify(db::Session& db, int64_t account_id, int64_t space_id, Notify n);
bool space_exists(db::Session& db, int64_t space_id);

// The secret the unsubscribe links are signed with (form_key
// 'spaces.unsubscribe'), made on first use.
std::string unsubscribe_key(db::Session& db, int64_t now);
// The same without making it (for pages that only read); "" when none yet.
std::string existing_unsubscribe_key(db::Session& db);

// What a mail about one post says (outside protected spaces only).
struct PostSummary {
  std::string title, author, body;
};
std::optional<PostSummary> post_summary(db::Session& db, int64_t post_id);

// ----------------------------------------------------------------- mails

struct Recipient {
  int64_t account_id = 0;
  std::string email, name, language, time_zone;
};

// Not yet mailed and due at once: mentions and replies (unless switched
// off), posts and materials of spaces set to 'immediate'; members only.
struct Pending {
  int64_t id = 0;
  std::string kind;
  Recipient to;
  int64_t space_id = 0, thread_id = 0, post_id = 0, material_id = 0;
  bool is_protected = false;
};
std::vector<Pending> immediate(db::Session& db, long limit);
void mark_mailed(db::Session& db, int64_t notification_id, int64_t now);

// Accounts with something for their daily (or weekly) digest: a post or
// material row newer than their last digest in a space set so, digest on.
std::vector<Recipient> digest_candidates(db::Session& db, bool weekly);

// What one digest covers: per row the thread's title, the post's author and
// an excerpt of its body (the caller leaves them out for protected spaces).
struct DigestItem {
  int64_t notification_id = 0, space_id = 0, thread_id = 0, post_id = 0;
  bool is_protected = false, authors_hidden = false;
  std::string kind, title, author, body;
};
std::vector<DigestItem> digest_items(db::Session& db, int64_t account_id, bool weekly,
                                     int64_t since);

}  // namespace crm::spaces::notification_store
