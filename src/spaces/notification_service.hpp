// Notifications of the spaces (issue 14 §4): who is told of what, the
// in-app list, each reader's choices, and one-click unsubscribe links.
//
// Recording (called by the other parts inside their own transaction, with
// a fixed number of statements whatever the number of members):
//   record_post      a new post or thread: 'mention' for each mentioned
//                    member, 'reply' for the author of the post replied to
//                    (else of the thread's opening post), 'post' for every
//                    other member whose space is not set to 'nothing'. Never
//                    the author; one row per account and post (mention wins
//                    over reply over post).
//   record_material  'material' for the members (not the one who added it).
//   record_hidden    'hidden' for the post's author.
// Each enqueues the mail job (notification_mail.hpp), which sends what is
// due at once; digests follow the reader's rhythm.
//
// Unsubscribe tokens: "<account>.<kind>.<space>.<mac>", the mac an
// HMAC-SHA256 (libsodium) with crm's own key over the first three parts, so a
// token names exactly one kind of mail and cannot be altered. Kinds: s (a
// space's mails, space > 0), m (mentions), r (replies), d (daily digest), w
// (weekly digest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"
#include "spaces/model.hpp"
#include "spaces/notification_store.hpp"
#include "web/context.hpp"

namespace crm::spaces::notifications {

// REQUIRES: an open transaction on db (the poster's).
void record_post(db::Session& db, int64_t post_id, int64_t now);
void record_material(db::Session& db, int64_t material_id, int64_t now);
void record_hidden(db::Session& db, int64_t post_id, int64_t now);

// ----------------------------------------------------------- in-app list

constexpr long kPageSize = 30;

struct Item {
  notification_store::Row row;
  std::string space_name;
};
struct ListPage {
  std::vector<Item> items;
  long page = 1, pages = 1, total = 0;
};
// The signed-in reader's notifications (of spaces they are still in).
Result<ListPage> list(web::Ctx& ctx, long page);
// Marks all of the reader's notifications read; audit-free (it is their own
// reading state, like a thread's read marker).
Status mark_all_read(web::Ctx& ctx);
// For the thread part: GET /posts/{id} marks the reader's notifications of
// that post read. REQUIRES: an open transaction.
void mark_post_read(db::Session& db, int64_t account_id, int64_t post_id, int64_t now);

// ------------------------------------------------------------- settings

struct SpaceSetting {
  int64_t space_id = 0;
  std::string name;
  bool is_protected = false;
  Notify notify = Notify::daily;
};
struct Settings {
  std::vector<SpaceSetting> spaces;
  notification_store::Setting flags;
};
Result<Settings> settings(web::Ctx& ctx);
// `choices`: space id -> notify as sent by the form (unknown spaces: 404
// error, nothing saved). Audited with ids and choices, no text.
Status save_settings(web::Ctx& ctx, const std::vector<std::pair<int64_t, std::string>>& choices,
                     bool mentions, bool replies, bool daily_digest, bool weekly_digest);

// ----------------------------------------------------------- unsubscribe

enum class Stop { space, mentions, replies, daily, weekly };
struct Unsubscribe {
  int64_t account_id = 0;
  Stop kind = Stop::space;
  int64_t space_id = 0;    // for Stop::space
  std::string space_name;  // in the viewer's language (for the page)
};
// A token for a mail to `account_id` (REQUIRES: an open transaction: the key
// may be made on first use).
std::string unsubscribe_token(db::Session& db, int64_t account_id, Stop kind, int64_t space_id,
                              int64_t now);
// What the token stops; invalid (400) when it was altered or is no token,
// not_found when its space is gone. Changes nothing.
Result<Unsubscribe> read_unsubscribe(web::Ctx& ctx, const std::string& token);
// Stops that kind (idempotent), audited ("notifications.unsubscribe", ids).
Result<Unsubscribe> unsubscribe(web::Ctx& ctx, const std::string& token);

}  // namespace crm::spaces::notifications
