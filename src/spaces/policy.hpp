// Who may do what in a space: small, pure, deny-by-default rules that the
// spaces services check first, from SpaceAccess (access_store.hpp). Whoever
// is not in a space gets 404 for everything of it — the space, its threads,
// posts, attachments, materials and search hits — as if it did not exist.
//
// Protected spaces (Chatham House rule): what is said there may be used by
// the members, not quoted or traced to its speaker outside. Hence, for every
// feature: a protected space's text never leaves the space's own pages —
// not in mail bodies (a notification says only that there is something new,
// with a link), exports, search outside the space, anyone else's data
// download, the audit log's text or the access log. `leaves_space` below is
// the question every such writer asks.
#pragma once

#include "auth/roles.hpp"
#include "spaces/model.hpp"

namespace crm::spaces::policy {

// Reading anything of a space: its members.
constexpr bool can_read(const SpaceAccess& s) {
  return s.member;
}

// Starting a thread, replying, adding a material: members, while the space
// is not archived (and, for replies, the thread not locked: see can_reply).
constexpr bool can_post(const SpaceAccess& s) {
  return s.member && !s.archived;
}

constexpr bool can_reply(const SpaceAccess& s, bool thread_locked) {
  return can_post(s) && (!thread_locked || s.moderator);
}

// Hiding posts, locking, moving and pinning threads, reading edit history
// and reports: the space's moderators.
constexpr bool can_moderate(const SpaceAccess& s) {
  return s.member && s.moderator;
}

// Editing or deleting a post: its author, while they are still in the space.
constexpr bool can_change_post(const SpaceAccess& s, bool is_author) {
  return s.member && is_author;
}

// Reporting a post to the moderators: any member but its author.
constexpr bool can_report(const SpaceAccess& s, bool is_author) {
  return s.member && !is_author;
}

// Whether a reader sees who wrote a post: always their own; in a protected
// space set to hide authors, moderators only.
constexpr bool sees_author(const SpaceAccess& s, bool is_author) {
  return is_author || !(s.is_protected && s.authors_hidden) || s.moderator;
}

// Whether the text of the space (titles, posts, material descriptions) may be
// copied to somewhere outside the space's pages: a mail body, an export, a
// search outside the space, a data download, a log or the audit trail.
constexpr bool leaves_space(const SpaceAccess& s) {
  return !s.is_protected;
}

// Making theme and region spaces, editing any space's texts and settings,
// adding and removing members and moderators: the programme's staff
// (`in_programme`: on its team) and administrators.
constexpr bool can_manage(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

}  // namespace crm::spaces::policy
