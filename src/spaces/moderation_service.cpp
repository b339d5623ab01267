#include "spaces/moderation_service.hpp"

#include <charconv>

#include "auth/service.hpp"
#include "core/text.hpp"
#include "spaces/access_store.hpp"
#include "spaces/name_store.hpp"
#include "spaces/notification_service.hpp"
#include "spaces/policy.hpp"

namespace crm::spaces::moderation {

namespace {

namespace ms = moderation_store;
using text::trim;

std::string name_of(web::Ctx& ctx, int64_t space_id) {
  auto n = name_store::space_name(ctx.db, space_id, std::string(ctx.tr.language()));
  return n ? name_store::display_name(*n, ctx.tr) : std::string();
}

enum class Need { author, reporter, moderator };

// The post and the reader's place in its space, when `need` allows them to
// act on it; else not_found, whatever the reason.
Result<PostPage> load(web::Ctx& ctx, int64_t post_id, Need need) {
  auto a = access_store::post_access(ctx.db, ctx.actor.id, post_id);
  if (!a || !policy::can_read(*a)) return not_found();
  auto p = ms::post(ctx.db, post_id);
  if (!p) return not_found();
  const bool author = ctx.actor.id != 0 && p->author_account_id == ctx.actor.id;
  bool allowed = false;
  switch (need) {
    case Need::author:
      allowed = policy::can_change_post(*a, author) && !p->deleted;
      break;
    case Need::reporter:
      allowed = policy::can_report(*a, author) && !p->deleted;
      break;
    case Need::moderator:
      allowed = policy::can_moderate(*a);
      break;
  }
  if (!allowed) return not_found();
  PostPage page;
  page.space = *a;
  page.post = std::move(*p);
  page.shows_author = policy::sees_author(*a, author);
  page.space_name = name_of(ctx, a->space_id);
  return page;
}

Status check_text(const std::string& value, std::string_view field, size_t max,
                  const char* required_key) {
  if (trim(value).empty()) return invalid(std::string(field), required_key);
  if (text::code_points(value) > max)
    return invalid(std::string(field), plural("At most {n} character.", "At most {n} characters.",
                                              static_cast<long long>(max)));
  return ok();
}

std::optional<int64_t> parse_id(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::string ids(int64_t space_id, int64_t thread_id) {
  return auth::changes_json(
      {{"space", {"", std::to_string(space_id)}}, {"thread", {"", std::to_string(thread_id)}}});
}

}  // namespace

Result<PostPage> edit_page(web::Ctx& ctx, int64_t post_id) {
  return load(ctx, post_id, Need::author);
}

Status edit(web::Ctx& ctx, int64_t post_id, const std::string& body) {
  auto p = load(ctx, post_id, Need::author);
  if (!p) return p.error();
  auto st = check_text(body, "body", kMaxBody, N_("Write the post's text."));
  if (!st) return st;
  if (body == p->post.body) return ok();  // nothing new: no revision to keep
  db::Transaction tx(ctx.db);
  ms::edit_post(ctx.db, post_id, body, ctx.now);
  auth::audit(ctx, "post.edit", "post", std::to_string(post_id),
              ids(p->space.space_id, p->post.thread_id));
  tx.commit();
  return ok();
}

Result<std::string> remove(web::Ctx& ctx, int64_t post_id) {
  auto p = load(ctx, post_id, Need::author);
  if (!p) return p.error();
  db::Transaction tx(ctx.db);
  std::string next = "/threads/" + std::to_string(p->post.thread_id);
  if (p->post.opening && ms::live_replies(ctx.db, p->post.thread_id, post_id) == 0) {
    // Nobody answered: the thread has nothing left to show.
    ms::delete_thread(ctx.db, p->post.thread_id);
    auth::audit(ctx, "thread.delete", "thread", std::to_string(p->post.thread_id),
                ids(p->space.space_id, p->post.thread_id));
    next = "/spaces/" + std::to_string(p->space.space_id);
  } else if (!ms::delete_post(ctx.db, post_id, p->post.thread_id, ctx.now)) {
    return not_found();  // deleted meanwhile
  }
  auth::audit(ctx, "post.delete", "post", std::to_string(post_id),
              ids(p->space.space_id, p->post.thread_id));
  tx.commit();
  return next;
}

Result<PostPage> history_page(web::Ctx& ctx, int64_t post_id) {
  auto p = load(ctx, post_id, Need::moderator);
  if (!p) return p.error();
  p->revisions = ms::revisions(ctx.db, post_id);
  return p;
}

Result<PostPage> report_page(web::Ctx& ctx, int64_t post_id) {
  return load(ctx, post_id, Need::reporter);
}

Status report(web::Ctx& ctx, int64_t post_id, const std::string& reason) {
  auto p = load(ctx, post_id, Need::reporter);
  if (!p) return p.error();
  auto st = check_text(reason, "reason", kMaxReason,
                       N_("Say what is wrong with this post, for the moderators."));
  if (!st) return st;
  db::Transaction tx(ctx.db);
  if (ms::has_open_report(ctx.db, post_id, ctx.actor.id))
    return invalid("reason", N_("You have already reported this post. The moderators will look "
                                "at it; nothing has been changed."));
  auto id = ms::report(ctx.db, post_id, ctx.actor.id, reason, ctx.now);
  auth::audit(ctx, "post.report", "post_report", std::to_string(id),
              auth::changes_json({{"post", {"", std::to_string(post_id)}},
                                  {"space", {"", std::to_string(p->space.space_id)}}}));
  tx.commit();
  return ok();
}

Result<ReportsPage> reports_page(web::Ctx& ctx, int64_t space_id) {
  auto a = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!a || !policy::can_moderate(*a)) return not_found();
  ReportsPage page;
  page.space = *a;
  page.space_name = name_of(ctx, space_id);
  for (auto& e : ms::open_reports(ctx.db, space_id)) {
    const bool author = e.post.author_account_id == ctx.actor.id;
    page.entries.push_back({std::move(e), policy::sees_author(*a, author)});
  }
  return page;
}

Status dismiss(web::Ctx& ctx, int64_t space_id, const std::string& post) {
  auto id = parse_id(post);
  if (!id) return not_found();
  const int64_t post_id = *id;
  auto p = load(ctx, post_id, Need::moderator);
  if (!p || p->space.space_id != space_id) return not_found();
  db::Transaction tx(ctx.db);
  long n = ms::resolve_reports(ctx.db, post_id, ctx.actor.id, ctx.now);
  if (n == 0)
    return invalid("", N_("This post has no open reports any more: another moderator has "
                          "dealt with them."));
  auth::audit(ctx, "post.reports_dismiss", "post", std::to_string(post_id),
              auth::changes_json({{"space", {"", std::to_string(space_id)}},
                                  {"reports", {std::to_string(n), "0"}}}));
  tx.commit();
  return ok();
}

Result<PostPage> hide_page(web::Ctx& ctx, int64_t post_id) {
  auto p = load(ctx, post_id, Need::moderator);
  if (!p) return p.error();
  if (p->post.deleted) return not_found();
  return p;
}

Status hide(web::Ctx& ctx, int64_t post_id, const std::string& reason) {
  auto p = hide_page(ctx, post_id);
  if (!p) return p.error();
  auto st = check_text(reason, "reason", kMaxReason,
                       N_("Say why the post is hidden: its author will read it."));
  if (!st) return st;
  if (p->post.hidden) return invalid("", N_("This post is already hidden."));
  db::Transaction tx(ctx.db);
  ms::hide(ctx.db, post_id, ctx.actor.id, trim(reason), ctx.now);
  long resolved = ms::resolve_reports(ctx.db, post_id, ctx.actor.id, ctx.now);
  if (p->post.author_account_id != 0 && p->post.author_account_id != ctx.actor.id)
    notifications::record_hidden(ctx.db, post_id, ctx.now);
  // The reason is words about the post: it stays with the post, not in the log.
  auth::audit(ctx, "post.hide", "post", std::to_string(post_id),
              auth::changes_json({{"hidden", {"0", "1"}},
                                  {"space", {"", std::to_string(p->space.space_id)}},
                                  {"reports_resolved", {"", std::to_string(resolved)}}}));
  tx.commit();
  return ok();
}

Status unhide(web::Ctx& ctx, int64_t post_id) {
  auto p = load(ctx, post_id, Need::moderator);
  if (!p) return p.error();
  if (!p->post.hidden) return invalid("", N_("This post is not hidden."));
  db::Transaction tx(ctx.db);
  ms::unhide(ctx.db, post_id);
  auth::audit(ctx, "post.unhide", "post", std::to_string(post_id),
              auth::changes_json(
                  {{"hidden", {"1", "0"}}, {"space", {"", std::to_string(p->space.space_id)}}}));
  tx.commit();
  return ok();
}

Status set_thread(web::Ctx& ctx, int64_t thread_id, std::string_view action) {
  auto a = access_store::thread_access(ctx.db, ctx.actor.id, thread_id);
  if (!a || !policy::can_moderate(*a)) return not_found();
  auto t = ms::thread(ctx.db, thread_id);
  if (!t) return not_found();
  db::Transaction tx(ctx.db);
  if (action == "lock" || action == "unlock") {
    const bool v = action == "lock";
    ms::set_locked(ctx.db, thread_id, v);
    auth::audit(ctx, std::string("thread.") + std::string(action), "thread",
                std::to_string(thread_id),
                auth::changes_json({{"locked", {t->locked ? "1" : "0", v ? "1" : "0"}},
                                    {"space", {"", std::to_string(a->space_id)}}}));
  } else if (action == "pin" || action == "unpin") {
    const bool v = action == "pin";
    ms::set_pinned(ctx.db, thread_id, v);
    auth::audit(ctx, std::string("thread.") + std::string(action), "thread",
                std::to_string(thread_id),
                auth::changes_json({{"pinned", {t->pinned ? "1" : "0", v ? "1" : "0"}},
                                    {"space", {"", std::to_string(a->space_id)}}}));
  } else {
    return not_found();
  }
  tx.commit();
  return ok();
}

Result<MovePage> move_page(web::Ctx& ctx, int64_t thread_id) {
  auto a = access_store::thread_access(ctx.db, ctx.actor.id, thread_id);
  if (!a || !policy::can_moderate(*a)) return not_found();
  auto t = ms::thread(ctx.db, thread_id);
  if (!t) return not_found();
  MovePage page;
  page.space = *a;
  page.thread = std::move(*t);
  // The names of the programme's spaces in one statement, whatever their number.
  auto names = name_store::names_of_programme_spaces(ctx.db, a->programme_id,
                                                     std::string(ctx.tr.language()));
  auto shown = [&](int64_t id) {
    auto n = names.find(id);
    return n == names.end() ? std::string() : name_store::display_name(n->second, ctx.tr);
  };
  page.space_name = shown(a->space_id);
  for (int64_t id : ms::moderated_spaces(ctx.db, ctx.actor.id, a->programme_id, a->space_id))
    page.targets.push_back({id, shown(id)});
  return page;
}

Status move(web::Ctx& ctx, int64_t thread_id, const std::string& to_space) {
  auto page = move_page(ctx, thread_id);
  if (!page) return page.error();
  auto to = parse_id(to_space);
  bool allowed = false;
  for (const auto& t : page->targets) allowed = allowed || (to && t.id == *to);
  // Only spaces offered: same programme, moderated by the mover, not archived.
  if (!allowed) return invalid("to", N_("Choose the space to move the thread to."));
  db::Transaction tx(ctx.db);
  ms::move_thread(ctx.db, thread_id, *to);
  auth::audit(
      ctx, "thread.move", "thread", std::to_string(thread_id),
      auth::changes_json({{"space", {std::to_string(page->space.space_id), std::to_string(*to)}}}));
  tx.commit();
  return ok();
}

}  // namespace crm::spaces::moderation
