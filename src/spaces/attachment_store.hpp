// Files attached to posts (table post_attachment, migrations/0021_spaces.sql):
// the only SQL of attachments. The bytes are read only by id, one file at a
// time; lists carry what a page shows (name, type, size, the small copy's
// dimensions), never the bytes.
//
// Reaching an attachment says nothing of whether the reader may see it: the
// service asks access_store and policy with the post's space first.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::spaces::attachment_store {

struct Attachment {
  int64_t id = 0, post_id = 0;
  std::string filename, content_type;
  int64_t size = 0;
  bool has_small = false;         // a photo with its small copy
  int64_t width = 0, height = 0;  // of the small copy
};

struct NewAttachment {
  std::string filename, content_type, data;
  std::string small_data, small_content_type;  // empty unless a photo
  int64_t width = 0, height = 0;
};

// The post an attachment belongs to, and what decides who may fetch it.
struct Owner {
  int64_t post_id = 0;
  int64_t author_account_id = 0;  // 0: the author's account is gone
  bool hidden = false, deleted = false;
};

struct File {
  std::string filename, content_type, data;
};

// Inside the caller's transaction. Returns the new id.
int64_t insert(db::Session& db, int64_t post_id, const NewAttachment& a, int64_t now);

// The attachments of these posts, by post then in the order they were added
// (one statement; none for an empty list).
std::vector<Attachment> for_posts(db::Session& db, const std::vector<int64_t>& post_ids);

// How many files a post has (the limit counts those already there).
int64_t count_for_post(db::Session& db, int64_t post_id);

std::optional<Owner> owner(db::Session& db, int64_t attachment_id);
// The same for a post itself.
std::optional<Owner> post_owner(db::Session& db, int64_t post_id);

// The original, or the small copy (nullopt also when there is none).
std::optional<File> original(db::Session& db, int64_t attachment_id);
std::optional<File> small(db::Session& db, int64_t attachment_id);

}  // namespace crm::spaces::attachment_store
