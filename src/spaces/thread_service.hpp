// Reading and writing in the spaces (issue 14 §1–2): the reader's spaces,
// a space's page with its threads, a thread's page with its posts, starting
// a thread and replying.
//
// Who: members of a space read it (policy::can_read); members post while
// the space is not archived (can_post) and reply while the thread is not
// locked, moderators also to a locked thread (can_reply). Anyone else gets
// not_found for everything of the space, as if it did not exist.
//
// Writes: one transaction each, with an audit entry that holds ids only (no
// title, no text: a protected space's words never reach the audit log).
// Bad input (empty or too long, a mention of someone outside the space, a
// reply_to that is not a post of the same thread) is an `invalid` Error for
// its field; nothing is written and the form keeps what was typed.
//
// Limits: a title 1–200 code points, a post 1–20,000 (trimmed).
// Mentions: the rule of markdown.hpp, matched against the names of the
// space's members; an "@Name" that is the name of an account outside the
// space is refused with "{name} is not a member of this space." (the form's
// `not_member` says which name).
//
// Thread safety: per request, on the request's session.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/parse.hpp"
#include "spaces/attachment_store.hpp"
#include "spaces/model.hpp"
#include "spaces/thread_store.hpp"
#include "web/context.hpp"
#include "web/forms.hpp"

namespace crm::spaces::thread_service {

inline constexpr long kThreadsPerPage = 30;
inline constexpr long kPostsPerPage = 50;
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxBody = 20000;

struct SpaceEntry {
  int64_t id = 0;
  Kind kind = Kind::theme;
  std::string name;  // in the reader's language
  bool is_protected = false;
  long unread_threads = 0;
};
// The reader's spaces, by kind then name (two statements whatever their number).
std::vector<SpaceEntry> my_spaces(web::Ctx& ctx);

struct SpacePage {
  SpaceAccess access;
  std::string name, description;
  web::Pagination pages;
  std::vector<thread_store::ThreadRow> threads;
  bool can_post = false, can_moderate = false;
};
// A page of the space's threads; marks the space visited unless `visit` is
// false (the page shown again around a refused form: a refusal changes nothing).
Result<SpacePage> space_page(web::Ctx& ctx, int64_t space_id, long page, bool visit = true);

enum class PostState { shown, hidden, deleted };
struct PostView {
  thread_store::PostRow row;
  PostState state = PostState::shown;
  bool mine = false;
  bool author_shown = false;  // policy::sees_author
  bool is_new = false;        // after the reader's last read before this visit
  bool body_shown = false;    // the reader sees the text (hidden: author and moderators)
  std::string html;           // the body as HTML (markdown.hpp), when body_shown
  std::vector<attachment_store::Attachment> files;  // when body_shown
};
struct ThreadPage {
  SpaceAccess access;
  std::string space_name;
  thread_store::ThreadHead head;
  web::Pagination pages;
  std::vector<PostView> posts;
  int64_t first_unread_post_id = 0;  // 0: nothing unread
  long first_unread_page = 0;
  bool can_reply = false, can_moderate = false;
};
// A page of the thread's posts; raises the reader's read mark to the last
// post shown unless `visit` is false (as space_page).
Result<ThreadPage> thread_page(web::Ctx& ctx, int64_t thread_id, long page, bool visit = true);

struct ThreadForm {
  std::string title, body;
  std::string not_member;                 // set by the service: the name of a refused mention
  std::vector<http::UploadedFile> files;  // attachments (attachment_service.hpp checks them)
};
struct ReplyForm {
  std::string body, reply_to;
  std::string not_member;
  std::vector<http::UploadedFile> files;
};
struct Posted {
  int64_t space_id = 0, thread_id = 0, post_id = 0;
  std::vector<int64_t> mentioned;  // accounts mentioned in the post
};
Result<Posted> start_thread(web::Ctx& ctx, int64_t space_id, ThreadForm& form);
Result<Posted> reply(web::Ctx& ctx, int64_t thread_id, ReplyForm& form);

// "/threads/{id}?page=N#post-{post}" for a post the reader may read.
Result<std::string> post_location(web::Ctx& ctx, int64_t post_id);
// GET /posts/{id}: where the post is (post_location), and the reader's
// notifications of it marked read (a link from the list or a mail was followed).
Result<std::string> open_post(web::Ctx& ctx, int64_t post_id);

}  // namespace crm::spaces::thread_service
