#include "spaces/thread_service.hpp"

#include <algorithm>

#include "auth/service.hpp"
#include "core/text.hpp"
#include "spaces/access_store.hpp"
#include "spaces/attachment_service.hpp"
#include "spaces/markdown.hpp"
#include "spaces/name_store.hpp"
#include "spaces/notification_service.hpp"
#include "spaces/policy.hpp"

namespace crm::spaces::thread_service {

namespace ts = thread_store;

namespace {

int kind_order(Kind k) {
  switch (k) {
    case Kind::cohort:
      return 0;
    case Kind::alumni:
      return 1;
    case Kind::theme:
      return 2;
    case Kind::region:
      return 3;
  }
  return 4;
}

Result<std::string> check_body(const std::string& body) {
  std::string b = text::trim(body);
  if (b.empty()) return invalid("body", N_("Write something before you send it."));
  if (text::code_points(b) > kMaxBody)
    return invalid("body", plural("A post can have at most {n} character.",
                                  "A post can have at most {n} characters.", kMaxBody));
  return b;
}

// The members `body` mentions (markdown.hpp's rule); an "@" followed by the
// name of an account outside the space refuses the post.
Result<std::vector<int64_t>> mentions_of(web::Ctx& ctx, int64_t space_id, const std::string& body,
                                         std::string& not_member) {
  std::vector<int64_t> out;
  auto starts = markdown::mention_starts(body);
  if (starts.empty()) return out;
  auto members = ts::members(ctx.db, space_id);
  std::vector<std::string> names;
  for (const auto& m : members) names.push_back(m.name);
  for (std::size_t at : starts) {
    std::string name = markdown::name_at(body, at, names);
    if (name.empty()) {
      // Only a bounded piece of text is compared: no name is that long.
      std::string other = ts::account_name_prefix(ctx.db, body.substr(at + 1, 400));
      if (!other.empty() && !markdown::name_at(body, at, {other}).empty()) {
        not_member = other;
        return invalid("body", N_("{name} is not a member of this space."));
      }
      continue;
    }
    for (const auto& m : members)
      if (m.name == name && std::find(out.begin(), out.end(), m.account_id) == out.end())
        out.push_back(m.account_id);
  }
  return out;
}

// The one place both paths store a post, inside their transaction: the post,
// its mentions and files, the thread's count and time, the author's read mark
// (one has read what one wrote) and who is told (notification_service; the
// search index follows by itself: migrations/0027's triggers).
int64_t store_post(web::Ctx& ctx, int64_t thread_id, int64_t reply_to, const std::string& body,
                   const std::vector<int64_t>& mentioned, const attachments::Checked& files) {
  int64_t post = ts::insert_post(ctx.db, thread_id, ctx.actor.id, reply_to, body, ctx.now);
  ts::insert_mentions(ctx.db, post, mentioned);
  attachments::store(ctx.db, post, files, ctx.now);
  ts::count_post(ctx.db, thread_id, ctx.now);
  ts::mark_read(ctx.db, thread_id, ctx.actor.id, post);
  notifications::record_post(ctx.db, post, ctx.now);
  return post;
}

std::string ids_json(int64_t space, int64_t thread, int64_t post) {
  return auth::changes_json({{"space", {"", std::to_string(space)}},
                             {"thread", {"", std::to_string(thread)}},
                             {"post", {"", std::to_string(post)}}});
}

}  // namespace

std::vector<SpaceEntry> my_spaces(web::Ctx& ctx) {
  auto names =
      name_store::names_of_readers_spaces(ctx.db, ctx.actor.id, std::string(ctx.tr.language()));
  auto unread = ts::unread_threads_by_space(ctx.db, ctx.actor.id);
  std::vector<SpaceEntry> out;
  for (const auto& [id, n] : names) {
    SpaceEntry e{id, n.kind, name_store::display_name(n, ctx.tr), n.is_protected, 0};
    if (auto u = unread.find(id); u != unread.end()) e.unread_threads = u->second;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const SpaceEntry& a, const SpaceEntry& b) {
    if (kind_order(a.kind) != kind_order(b.kind)) return kind_order(a.kind) < kind_order(b.kind);
    return a.name < b.name;
  });
  return out;
}

Result<SpacePage> space_page(web::Ctx& ctx, int64_t space_id, long page, bool visit) {
  auto access = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!access || !policy::can_read(*access)) return not_found();
  SpacePage p;
  p.access = *access;
  auto name = name_store::space_name(ctx.db, space_id, std::string(ctx.tr.language()));
  if (name) {
    p.name = name_store::display_name(*name, ctx.tr);
    p.description = name->description;
  }
  p.pages.per_page = kThreadsPerPage;
  p.pages.total = ts::count_threads(ctx.db, space_id);
  p.pages.page = std::clamp(page, 1L, p.pages.pages());
  p.threads =
      ts::threads_of_space(ctx.db, space_id, ctx.actor.id, p.pages.per_page, p.pages.offset());
  p.can_post = policy::can_post(*access);
  p.can_moderate = policy::can_moderate(*access);
  if (visit) ts::mark_space_visited(ctx.db, space_id, ctx.actor.id, ctx.now);
  return p;
}

Result<ThreadPage> thread_page(web::Ctx& ctx, int64_t thread_id, long page, bool visit) {
  auto access = access_store::thread_access(ctx.db, ctx.actor.id, thread_id);
  if (!access || !policy::can_read(*access)) return not_found();
  auto head = ts::thread_head(ctx.db, thread_id, ctx.actor.id);
  if (!head) return not_found();
  ThreadPage p;
  p.access = *access;
  p.head = *head;
  auto name = name_store::space_name(ctx.db, access->space_id, std::string(ctx.tr.language()));
  if (name) p.space_name = name_store::display_name(*name, ctx.tr);
  p.pages.per_page = kPostsPerPage;
  p.pages.total = head->row.post_count;
  p.pages.page = std::clamp(page, 1L, p.pages.pages());
  p.can_reply = policy::can_reply(*access, head->row.locked);
  p.can_moderate = policy::can_moderate(*access);
  if (head->read_count < head->row.post_count && head->row.seen) {
    p.first_unread_page = head->read_count / kPostsPerPage + 1;
  }
  auto rows = ts::posts_of_thread(ctx.db, thread_id, p.pages.per_page, p.pages.offset());
  std::map<int64_t, std::vector<std::string>> mentions;
  if (!rows.empty())
    mentions = ts::mention_names(ctx.db, thread_id, rows.front().id, rows.back().id);
  for (auto& r : rows) {
    PostView v;
    v.mine = r.author_account_id != 0 && r.author_account_id == ctx.actor.id;
    v.state = r.deleted_at  ? PostState::deleted
              : r.hidden_at ? PostState::hidden
                            : PostState::shown;
    v.author_shown = policy::sees_author(*access, v.mine);
    v.is_new = head->row.seen && r.id > head->last_read_post_id && !v.mine;
    v.body_shown =
        v.state == PostState::shown || (v.state == PostState::hidden && (v.mine || p.can_moderate));
    if (v.is_new && !p.first_unread_post_id) p.first_unread_post_id = r.id;
    if (v.body_shown) {
      auto m = mentions.find(r.id);
      v.html =
          markdown::to_html(r.body, m == mentions.end() ? std::vector<std::string>{} : m->second);
    }
    v.row = std::move(r);
    p.posts.push_back(std::move(v));
  }
  // The files of the posts whose text the reader sees (one statement).
  std::vector<int64_t> shown;
  for (const auto& v : p.posts)
    if (v.body_shown) shown.push_back(v.row.id);
  if (!shown.empty()) {
    auto files = attachments::for_posts(ctx.db, shown);
    for (auto& v : p.posts)
      if (auto f = files.find(v.row.id); v.body_shown && f != files.end())
        v.files = std::move(f->second);
  }
  // A first unread post on this page is linked as an anchor; elsewhere by its page.
  if (visit && !p.posts.empty())
    ts::mark_read(ctx.db, thread_id, ctx.actor.id, p.posts.back().row.id);
  return p;
}

Result<Posted> start_thread(web::Ctx& ctx, int64_t space_id, ThreadForm& form) {
  auto access = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!access || !policy::can_read(*access)) return not_found();
  if (!policy::can_post(*access))
    return invalid("", N_("This space is archived: nothing new can be posted in it."));
  std::string title = text::trim(form.title);
  if (title.empty()) return invalid("title", N_("Give the thread a title."));
  if (text::code_points(title) > kMaxTitle)
    return invalid("title", plural("A title can have at most {n} character.",
                                   "A title can have at most {n} characters.", kMaxTitle));
  auto body = check_body(form.body);
  if (!body) return body.error();
  auto mentioned = mentions_of(ctx, space_id, *body, form.not_member);
  if (!mentioned) return mentioned.error();
  auto files = attachments::check(form.files, ctx.tr);
  if (!files) return files.error();

  db::Transaction tx(ctx.db);
  Posted out{space_id, ts::insert_thread(ctx.db, space_id, title, ctx.actor.id, ctx.now), 0,
             *mentioned};
  out.post_id = store_post(ctx, out.thread_id, 0, *body, out.mentioned, *files);
  auth::audit(ctx, "space.thread_start", "thread", std::to_string(out.thread_id),
              ids_json(space_id, out.thread_id, out.post_id));
  tx.commit();
  return out;
}

Result<Posted> reply(web::Ctx& ctx, int64_t thread_id, ReplyForm& form) {
  auto access = access_store::thread_access(ctx.db, ctx.actor.id, thread_id);
  if (!access || !policy::can_read(*access)) return not_found();
  auto head = ts::thread_head(ctx.db, thread_id, ctx.actor.id);
  if (!head) return not_found();
  if (!policy::can_post(*access))
    return invalid("", N_("This space is archived: nothing new can be posted in it."));
  if (!policy::can_reply(*access, head->row.locked))
    return invalid("", N_("This thread is locked: only moderators can reply to it."));
  int64_t reply_to = 0;
  if (std::string r = text::trim(form.reply_to); !r.empty()) {
    try {
      std::size_t used = 0;
      reply_to = std::stoll(r, &used);
      if (used != r.size()) reply_to = -1;
    } catch (const std::exception&) {
      reply_to = -1;
    }
    if (reply_to <= 0 || !ts::post_in_thread(ctx.db, reply_to, thread_id))
      return invalid("body", N_("The post you answer is not in this thread."));
  }
  auto body = check_body(form.body);
  if (!body) return body.error();
  auto mentioned = mentions_of(ctx, access->space_id, *body, form.not_member);
  if (!mentioned) return mentioned.error();
  auto files = attachments::check(form.files, ctx.tr);
  if (!files) return files.error();

  db::Transaction tx(ctx.db);
  Posted out{access->space_id, thread_id, 0, *mentioned};
  out.post_id = store_post(ctx, thread_id, reply_to, *body, out.mentioned, *files);
  auth::audit(ctx, "space.post_reply", "post", std::to_string(out.post_id),
              ids_json(access->space_id, thread_id, out.post_id));
  tx.commit();
  return out;
}

Result<std::string> post_location(web::Ctx& ctx, int64_t post_id) {
  auto access = access_store::post_access(ctx.db, ctx.actor.id, post_id);
  if (!access || !policy::can_read(*access)) return not_found();
  auto place = ts::post_place(ctx.db, post_id);
  if (!place) return not_found();
  return "/threads/" + std::to_string(place->thread_id) +
         "?page=" + std::to_string(place->before / kPostsPerPage + 1) + "#post-" +
         std::to_string(post_id);
}

Result<std::string> open_post(web::Ctx& ctx, int64_t post_id) {
  auto where = post_location(ctx, post_id);
  if (!where) return where;
  db::Transaction tx(ctx.db);
  notifications::mark_post_read(ctx.db, ctx.actor.id, post_id, ctx.now);
  tx.commit();
  return where;
}

}  // namespace crm::spaces::thread_service
