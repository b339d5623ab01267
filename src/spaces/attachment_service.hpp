// Files and photos attached to posts (issue 14 §2). A post carries at most
// kMaxFiles files of at most kMaxFileBytes each, of the types a phone and an
// office can open (JPEG, PNG, WebP photos; PDF, DOCX, ODT, XLSX documents),
// each checked from its bytes against its name. A photo gets a small copy
// (attachment_image.hpp) that the thread page shows; the original is kept,
// without its metadata (photo_metadata.hpp: no GPS position, no camera),
// and served on demand.
//
// Who may fetch a file: whoever may read its post — a member of the post's
// space; for a hidden post only its author and the space's moderators; for a
// deleted post nobody. Everyone else gets not_found, as if it did not exist.
//
// Wiring into posting (the reply and new-thread handlers):
//   auto files = attachments::check(req.form.files, ctx.tr);  // before the transaction
//   if (!files) → show the form again with files.error() (field kField), nothing stored
//   db::Transaction tx(ctx.db); … insert the post …
//   attachments::store(ctx.db, post_id, *files, ctx.now);      // same transaction
//   tx.commit();
//
// Thread safety: plain functions on the caller's session; check() may run on
// any number of threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/parse.hpp"
#include "spaces/attachment_store.hpp"
#include "web/context.hpp"

namespace crm::spaces::attachments {

inline constexpr std::size_t kMaxFiles = 4;
inline constexpr int64_t kMaxFileBytes = 10 * 1024 * 1024;
inline constexpr std::size_t kMaxFilename = 200;  // bytes, cut at a character boundary
// The name of the file input (attachment_views.hpp) and the field of check()'s errors.
inline constexpr std::string_view kField = "attachments";

// A file that passed check(): its type as sniffed, and for a photo its small copy.
struct CheckedFile {
  std::string filename, content_type, data;
  std::string small_data, small_content_type;  // empty unless a photo
  int64_t width = 0, height = 0;               // of the small copy
};
using Checked = std::vector<CheckedFile>;

// A photo (`type` sniffed: image/jpeg, image/png or image/webp) as it is
// kept: the original without its metadata, and its small copy. nullopt when
// it cannot be decoded or has more than image::kMaxPixels pixels. Expensive
// (it decodes the photo); no database.
std::optional<CheckedFile> checked_photo(std::string filename, std::string type,
                                         std::string_view data);

// Checks the uploaded files of a form (a part whose file input was left
// empty — no name, no bytes — is skipped). `already` counts the files the
// post has (adding to an existing post). Fails (field kField) on more than
// kMaxFiles in all, an empty file, one larger than kMaxFileBytes, a type not
// allowed, bytes that are not what the name's ending says, or a photo that
// cannot be decoded or has too many pixels (a decompression bomb). The
// message names the file, so it is made here in `t`'s language: the Error's
// key is that sentence, which Tr::key and web::error_for show as it is. No
// database; expensive for photos (it makes their small copies), so call it
// before opening the transaction.
Result<Checked> check(const std::vector<http::UploadedFile>& files, const Tr& t,
                      int64_t already = 0);

// Stores checked files for a post, inside the caller's transaction (the
// caller has checked that the actor may post there and writes the audit
// entry). Returns the new attachments' ids, in order.
std::vector<int64_t> store(db::Session& db, int64_t post_id, const Checked& files, int64_t now);

// The attachments of these posts for the thread page, by post id, each post's
// in the order they were added (one statement). REQUIRES: the caller shows
// only posts the reader may read; it leaves out the attachments of a hidden
// post for everyone but its author and moderators, as it does its text.
std::map<int64_t, std::vector<attachment_store::Attachment>> for_posts(
    db::Session& db, const std::vector<int64_t>& post_ids);

// GET /attachments/{id} and /attachments/{id}/small: the file if the actor
// may read it (see above); not_found otherwise, and for /small when the file
// has no small copy.
Result<attachment_store::File> original(web::Ctx& ctx, int64_t attachment_id);
Result<attachment_store::File> small(web::Ctx& ctx, int64_t attachment_id);

// The author adds files to their own post (POST /posts/{id}/attachments):
// not_found unless the actor wrote the post, is still in its space, the space
// is not archived and the post is neither deleted nor hidden; then check()
// counting the files already there. One transaction with an audit entry
// (ids and a count, never a name: the space may be protected).
Result<std::vector<int64_t>> add_to_post(web::Ctx& ctx, int64_t post_id,
                                         const std::vector<http::UploadedFile>& files);

// The page of that form: the post's attachments; not_found as add_to_post.
struct PostFiles {
  int64_t post_id = 0;
  std::vector<attachment_store::Attachment> files;
};
Result<PostFiles> post_files(web::Ctx& ctx, int64_t post_id);

}  // namespace crm::spaces::attachments
