// A post's life after it is written and the moderators' work (issue 14 §2):
// the author edits (the earlier text kept for the moderators) or deletes
// their post (the words gone, revisions too); members report a post;
// moderators read the reports, hide a post with a reason its author sees
// (or dismiss the reports), show it again, lock, pin and move threads.
//
// Who: policy.hpp decides, and whoever may not do a thing gets not_found —
// a member of another cohort, a plain member where a moderator is needed,
// someone else than the author — as if the post did not exist. Every write
// is one transaction with an audit entry that carries ids and flags only,
// never a post's words or a title (a protected space's text stays inside).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "spaces/model.hpp"
#include "spaces/moderation_store.hpp"
#include "web/context.hpp"

namespace crm::spaces::moderation {

inline constexpr size_t kMaxBody = 20000;   // characters, as a post when written
inline constexpr size_t kMaxReason = 2000;  // a report's or a hiding's reason

// One post with its space, as the pages about it show it.
struct PostPage {
  SpaceAccess space;
  std::string space_name;  // in the reader's language
  moderation_store::PostRow post;
  bool shows_author = false;                          // policy::sees_author
  std::vector<moderation_store::Revision> revisions;  // history page only
};

// The author's edit form; the author saves a new text.
Result<PostPage> edit_page(web::Ctx& ctx, int64_t post_id);
Status edit(web::Ctx& ctx, int64_t post_id, const std::string& body);
// The author deletes their post; the answer is where to go next (the
// thread, or the space when the thread went with its only post).
Result<std::string> remove(web::Ctx& ctx, int64_t post_id);
// Earlier texts of a post: the space's moderators.
Result<PostPage> history_page(web::Ctx& ctx, int64_t post_id);

// A member (not the author) reports a post with a reason; one open report
// per member and post.
Result<PostPage> report_page(web::Ctx& ctx, int64_t post_id);
Status report(web::Ctx& ctx, int64_t post_id, const std::string& reason);

struct ReportsPage {
  SpaceAccess space;
  std::string space_name;
  struct Entry {
    moderation_store::QueueEntry e;
    bool shows_author = false;
  };
  std::vector<Entry> entries;
};
// The space's open reports: its moderators.
Result<ReportsPage> reports_page(web::Ctx& ctx, int64_t space_id);
// Closes the open reports of a post of the space without hiding it.
Status dismiss(web::Ctx& ctx, int64_t space_id, const std::string& post_id);

// Moderators hide a post with a reason (its open reports are resolved and
// its author told), and show it again.
Result<PostPage> hide_page(web::Ctx& ctx, int64_t post_id);
Status hide(web::Ctx& ctx, int64_t post_id, const std::string& reason);
Status unhide(web::Ctx& ctx, int64_t post_id);

// "lock", "unlock", "pin", "unpin" a thread: the space's moderators.
Status set_thread(web::Ctx& ctx, int64_t thread_id, std::string_view action);

struct MovePage {
  SpaceAccess space;
  moderation_store::ThreadRow thread;
  std::string space_name;
  struct Target {
    int64_t id = 0;
    std::string name;
  };
  std::vector<Target> targets;  // other spaces of the programme the reader moderates
};
Result<MovePage> move_page(web::Ctx& ctx, int64_t thread_id);
// To another space of the same programme the moderator also moderates.
Status move(web::Ctx& ctx, int64_t thread_id, const std::string& to_space);

}  // namespace crm::spaces::moderation
