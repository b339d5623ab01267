#include "spaces/moderation_views.hpp"

#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::spaces::moderation_views {

namespace {

using web::Html;
namespace ms = moderation_store;

std::string post_path(int64_t id, std::string_view tail = {}) {
  return "/posts/" + std::to_string(id) + std::string(tail);
}

void textarea(Html& h, const std::string& name, const std::string& label, const std::string& v,
              const std::string& error, const std::string& hint = {}) {
  const std::string id = "f-" + name;
  std::string described;
  if (!hint.empty()) described = id + "-hint";
  if (!error.empty()) described += (described.empty() ? "" : " ") + id + "-error";
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  if (!hint.empty()) h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", "8"},
                      {"dir", "auto"},
                      {"required", ""},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", described}})
      .text(v)
      .close("textarea");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

// Where the page is: the space and the thread, each a link back.
void where(Html& h, const Tr& t, int64_t space_id, const std::string& space_name, int64_t thread_id,
           const std::string& thread_title) {
  h.open("p", {{"class", "muted"}});
  h.open("a", {{"href", "/spaces/" + std::to_string(space_id)}}).bdi(space_name).close("a");
  if (thread_id != 0) {
    h.text(" / ");
    h.open("a", {{"href", "/threads/" + std::to_string(thread_id)}}).bdi(thread_title).close("a");
  }
  h.close("p");
  (void)t;
}

// A post's words as written: each paragraph in its own direction, its line
// breaks kept (no inline style: the CSP allows none).
void text_block(Html& h, std::string_view body) {
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find("\n\n", start);
    std::string_view para = body.substr(start, end == std::string_view::npos ? end : end - start);
    if (!para.empty()) {
      h.open("p", {{"dir", "auto"}});
      size_t ls = 0;
      while (true) {
        size_t le = para.find('\n', ls);
        h.text(para.substr(ls, le == std::string_view::npos ? le : le - ls));
        if (le == std::string_view::npos) break;
        h.empty("br");
        ls = le + 1;
      }
      h.close("p");
    }
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
}

void heading(Html& h, const std::string& text) {
  h.el("h1", text);
}

// The post as its reader may see it: author (policy::sees_author), date, text.
void post_card(Html& h, web::Ctx& ctx, const ms::PostRow& p, bool shows_author) {
  const Tr& t = ctx.tr;
  h.open("article", {{"class", "card"}, {"aria-label", t("Post")}});
  h.open("p", {{"class", "muted"}});
  if (shows_author && !p.author_name.empty())
    h.bdi(p.author_name).text(" · ");
  else if (!shows_author)
    h.text(t("Author not shown")).text(" · ");
  h.text(t.date_time(p.created_at));
  if (p.edited_at != 0) h.text(" · ").text(t("edited")).text(" ").text(t.date_time(p.edited_at));
  h.close("p");
  if (p.deleted)
    h.el("p", {{"class", "muted"}}, t("Deleted"));
  else
    text_block(h, p.body);
  if (p.hidden) {
    h.open("p", {{"class", "card attention"}});
    h.text(t("Hidden by the moderators:")).text(" ");
    h.el("span", {{"dir", "auto"}}, p.hidden_reason);
    h.close("p");
  }
  h.close("article");
}

void form_open(Html& h, web::Ctx& ctx, const std::string& action) {
  h.open("form", {{"method", "post"}, {"action", action}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
}

}  // namespace

std::string edit(web::Ctx& ctx, const moderation::PostPage& p, const std::string& body,
                 const Error* e) {
  const Tr& t = ctx.tr;
  Html h;
  where(h, t, p.space.space_id, p.space_name, p.post.thread_id, p.post.thread_title);
  heading(h, t("Edit your post"));
  form_open(h, ctx, post_path(p.post.id, "/edit"));
  textarea(h, "body", t("Text"), body, web::error_for(ctx, e, "body"),
           t("The space's moderators can still read the earlier text."));
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save"));
  h.el("a", {{"href", post_path(p.post.id)}}, t("Cancel"));
  h.close("div").close("form");

  h.open("section", {{"class", "card"}, {"aria-labelledby", "delete-h"}});
  h.el("h2", {{"id", "delete-h"}}, t("Delete your post"));
  h.el("p", t("Deleting removes your words for good, earlier versions too. Replies stay."));
  form_open(h, ctx, post_path(p.post.id, "/delete"));
  web::submit(h, t("Delete the post"), "button danger");
  h.close("form").close("section");
  return std::move(h).str();
}

std::string history(web::Ctx& ctx, const moderation::PostPage& p) {
  const Tr& t = ctx.tr;
  Html h;
  where(h, t, p.space.space_id, p.space_name, p.post.thread_id, p.post.thread_title);
  heading(h, t("Earlier versions of a post"));
  h.el("h2", t("Now"));
  post_card(h, ctx, p.post, p.shows_author);
  h.el("h2", t("Earlier versions"));
  if (p.revisions.empty()) h.el("p", {{"class", "muted"}}, t("This post has not been edited."));
  h.open("ol", {{"reversed", ""}, {"class", "stack"}});
  for (const auto& r : p.revisions) {
    h.open("li", {{"class", "card"}});
    h.open("p", {{"class", "muted"}})
        .text(t("Replaced on"))
        .text(" ")
        .text(t.date_time(r.replaced_at))
        .close("p");
    text_block(h, r.body);
    h.close("li");
  }
  h.close("ol");
  return std::move(h).str();
}

std::string report(web::Ctx& ctx, const moderation::PostPage& p, const std::string& reason,
                   const Error* e) {
  const Tr& t = ctx.tr;
  Html h;
  where(h, t, p.space.space_id, p.space_name, p.post.thread_id, p.post.thread_title);
  heading(h, t("Report a post"));
  post_card(h, ctx, p.post, p.shows_author);
  form_open(h, ctx, post_path(p.post.id, "/report"));
  textarea(h, "reason", t("What is wrong with it?"), reason, web::error_for(ctx, e, "reason"),
           t("Only the space's moderators read this. The author is not told who reported it."));
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Report to the moderators"));
  h.el("a", {{"href", post_path(p.post.id)}}, t("Cancel"));
  h.close("div").close("form");
  return std::move(h).str();
}

std::string reports(web::Ctx& ctx, const moderation::ReportsPage& p, const Error* e) {
  const Tr& t = ctx.tr;
  Html h;
  where(h, t, p.space.space_id, p.space_name, 0, {});
  heading(h, t("Reported posts"));
  web::form_alert(h, ctx, e);
  if (p.entries.empty()) {
    h.el("p", t("No open reports. Thank you for looking."));
    return std::move(h).str();
  }
  h.el("p", t.plural("{n} post is waiting for a moderator.",
                     "{n} posts are waiting for a "
                     "moderator.",
                     static_cast<long>(p.entries.size())));
  for (const auto& entry : p.entries) {
    const auto& q = entry.e;
    const std::string hid = "report-" + std::to_string(q.post.id);
    h.open("section", {{"class", "card"}, {"aria-labelledby", hid}});
    h.open("h2", {{"id", hid}});
    h.open("a", {{"href", post_path(q.post.id)}}).bdi(q.post.thread_title).close("a");
    h.close("h2");
    post_card(h, ctx, q.post, entry.shows_author);
    h.el("h3", t.plural("{n} report", "{n} reports", q.reports));
    h.open("ul");
    for (const auto& r : q.reasons) h.open("li").el("span", {{"dir", "auto"}}, r).close("li");
    h.close("ul");
    h.open("div", {{"class", "actions"}});
    if (!q.post.hidden && !q.post.deleted)
      h.el("a", {{"class", "button primary"}, {"href", post_path(q.post.id, "/hide")}},
           t("Hide the post…"));
    form_open(h, ctx, "/spaces/" + std::to_string(p.space.space_id) + "/reports");
    h.empty("input", {{"type", "hidden"}, {"name", "post"}, {"value", std::to_string(q.post.id)}});
    web::submit(h, t("Dismiss the reports"), "button");
    h.close("form");
    h.el("a", {{"href", post_path(q.post.id, "/history")}}, t("Earlier versions"));
    h.close("div").close("section");
  }
  return std::move(h).str();
}

std::string hide(web::Ctx& ctx, const moderation::PostPage& p, const std::string& reason,
                 const Error* e) {
  const Tr& t = ctx.tr;
  Html h;
  where(h, t, p.space.space_id, p.space_name, p.post.thread_id, p.post.thread_title);
  heading(h, p.post.hidden ? t("A hidden post") : t("Hide a post"));
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  post_card(h, ctx, p.post, p.shows_author);
  if (p.post.hidden) {
    form_open(h, ctx, post_path(p.post.id, "/unhide"));
    web::submit(h, t("Show the post again"));
    h.close("form");
    return std::move(h).str();
  }
  form_open(h, ctx, post_path(p.post.id, "/hide"));
  textarea(h, "reason", t("Reason"), reason, web::error_for(ctx, e, "reason"),
           t("The author reads this reason beside their hidden post. Members no longer see "
             "the post; moderators still do."));
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Hide the post"), "button danger");
  h.el("a", {{"href", post_path(p.post.id)}}, t("Cancel"));
  h.close("div").close("form");
  return std::move(h).str();
}

std::string move(web::Ctx& ctx, const moderation::MovePage& p, const std::string& to,
                 const Error* e) {
  const Tr& t = ctx.tr;
  Html h;
  where(h, t, p.space.space_id, p.space_name, p.thread.id, p.thread.title);
  heading(h, t("Move a thread"));
  if (p.targets.empty()) {
    h.el("p", t("You moderate no other space of this programme to move the thread to."));
    return std::move(h).str();
  }
  h.el("p", t("Members of this space who are not in the other space will no longer see the "
              "thread."));
  form_open(h, ctx, "/threads/" + std::to_string(p.thread.id) + "/move");
  std::vector<web::Option> options{{"", t("Choose a space")}};
  for (const auto& s : p.targets) options.push_back({std::to_string(s.id), s.name, "", true});
  web::select(h, "to", t("Move to"), options, to, web::error_for(ctx, e, "to"));
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Move the thread"));
  h.el("a", {{"href", "/threads/" + std::to_string(p.thread.id)}}, t("Cancel"));
  h.close("div").close("form");
  return std::move(h).str();
}

void personal_data(web::Html& h, const web::Ctx& ctx,
                   const std::vector<moderation_store::OwnPost>& posts) {
  const Tr& t = ctx.tr;
  h.open("section",
         {{"class", "card"}, {"id", "space-posts"}, {"aria-labelledby", "space-posts-h"}});
  h.el("h2", {{"id", "space-posts-h"}}, t("Your posts in the spaces"));
  for (const auto& p : posts) {
    h.open("article", {{"class", "card"}});
    h.open("p", {{"class", "muted"}});
    h.bdi(p.space_name.empty() ? t("Alumni space") : p.space_name).text(" / ").bdi(p.thread_title);
    h.text(" · ").text(t.date_time(p.created_at));
    if (p.hidden) h.text(" · ").text(t("hidden by the moderators"));
    h.close("p");
    text_block(h, p.body);
    h.close("article");
  }
  h.close("section");
}

boost::json::array personal_data_json(const std::vector<moderation_store::OwnPost>& posts) {
  boost::json::array out;
  for (const auto& p : posts)
    out.push_back(boost::json::object{{"post_id", p.id},
                                      {"space_id", p.space_id},
                                      {"space", p.space_name},
                                      {"thread_id", p.thread_id},
                                      {"thread", p.thread_title},
                                      {"created_at", p.created_at},
                                      {"edited_at", p.edited_at},
                                      {"hidden", p.hidden},
                                      {"text", p.body}});
  return out;
}

}  // namespace crm::spaces::moderation_views
