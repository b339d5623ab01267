#include "spaces/thread_views.hpp"

#include <optional>

#include "spaces/attachment_views.hpp"

namespace crm::spaces::thread_views {

namespace {

using web::Html;
namespace tsv = thread_service;

std::string id_str(int64_t id) {
  return std::to_string(id);
}

std::string error_of(const web::Problem* p, std::string_view field) {
  return p && p->field == field ? p->message : std::string();
}

void textarea(Html& h, std::string_view name, const std::string& label, const std::string& value,
              const std::string& error, std::string_view rows) {
  std::string id = "f-" + std::string(name);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", rows},
                      {"dir", "auto"},
                      {"required", "required"},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", error.empty() ? "" : id + "-error"}})
      .text(value)
      .close("textarea");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

// The files of a new thread or reply (attachment_views), with the refusal
// when it was about them; files are never kept after a refusal (a browser
// cannot be given them back), so the input starts empty.
void files_input(Html& h, const web::Ctx& ctx, const web::Problem* p) {
  std::optional<Error> error;
  if (p && p->field == attachments::kField)
    error = Error{ErrorKind::invalid, std::string(attachments::kField), p->message};
  attachment_views::input(h, ctx, error ? &*error : nullptr);
}

void form_problem(Html& h, const web::Problem* p) {
  if (p && p->field.empty()) h.el("p", {{"class", "flash error"}, {"role", "alert"}}, p->message);
}

// A POST form with one button (pin, lock, delete …), for the other parts' routes.
void button_form(Html& h, const web::Ctx& ctx, const std::string& action,
                 const std::string& label) {
  h.open("form", {{"method", "post"}, {"action", action}, {"class", "inline"}});
  web::csrf_field(h, ctx);
  h.el("button", {{"type", "submit"}, {"class", "button link"}}, label);
  h.close("form");
}

const char* group_label(Kind k) {
  switch (k) {
    case Kind::cohort:
      return N_("Cohort");
    case Kind::alumni:
      return N_("Alumni");
    case Kind::theme:
    case Kind::region:
      return N_("Themes and regions");
  }
  return N_("Themes and regions");
}

void protected_banner(Html& h, const Tr& t) {
  h.open("div", {{"class", "flash warning protected-banner"}, {"role", "note"}});
  h.el("strong", t("Protected space"));
  h.text(" ");
  h.text(
      t("What is said here stays here: use it, but do not quote it or say who said it "
        "outside this space."));
  h.close("div");
}

}  // namespace

std::string my_spaces(const web::Ctx& ctx, const std::vector<tsv::SpaceEntry>& spaces) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Spaces"));
  if (spaces.empty()) {
    h.el("p", t("You are not in any space yet. Your cohort's space opens when you take part."));
    return std::move(h).str();
  }
  const char* open_group = nullptr;
  for (const auto& s : spaces) {
    const char* g = group_label(s.kind);
    if (g != open_group) {
      if (open_group) h.close("ul").close("section");
      open_group = g;
      h.open("section", {{"class", "space-group"}});
      h.el("h2", t(g));
      h.open("ul", {{"class", "space-list"}});
    }
    h.open("li");
    h.open("a", {{"href", "/spaces/" + id_str(s.id)}}).bdi(s.name).close("a");
    if (s.is_protected) h.text(" ").el("span", {{"class", "tag"}}, t("protected"));
    if (s.unread_threads > 0)
      h.text(" ").el("span", {{"class", "tag new"}},
                     t.plural("{n} thread with new posts", "{n} threads with new posts",
                              s.unread_threads, {{"n", t.number(s.unread_threads)}}));
    h.close("li");
  }
  h.close("ul").close("section");
  return std::move(h).str();
}

std::string space(const web::Ctx& ctx, const tsv::SpacePage& p, const tsv::ThreadForm* form,
                  const web::Problem* problem) {
  const auto& t = ctx.tr;
  const std::string base = "/spaces/" + id_str(p.access.space_id);
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/spaces"}})
      .text(t("Spaces"))
      .close("a")
      .close("p");
  h.open("h1").bdi(p.name).close("h1");
  if (p.access.is_protected) protected_banner(h, t);
  if (p.access.archived) h.el("p", {{"class", "notice"}}, t("This space is archived."));
  if (!p.description.empty())
    h.el("div", {{"class", "space-description"}, {"dir", "auto"}}, p.description);
  h.open("nav", {{"class", "space-links"}, {"aria-label", t("This space")}}).open("ul");
  auto link = [&](const std::string& href, const std::string& label) {
    h.open("li").open("a", {{"href", href}}).text(label).close("a").close("li");
  };
  link(base + "/materials", t("Materials"));
  link(base + "/members", t("Members"));
  link(base + "/search", t("Search in this space"));
  if (p.can_moderate) {
    link(base + "/reports", t("Reports"));
    link(base + "/settings", t("Settings"));
  }
  h.close("ul").close("nav");

  h.el("h2", t("Threads"));
  if (p.threads.empty()) {
    h.el("p", t("No threads yet."));
  } else {
    h.open("ul", {{"class", "thread-list"}});
    for (const auto& th : p.threads) {
      h.open("li", {{"class", th.unread > 0 ? "thread unread" : "thread"}});
      h.open("a", {{"href", "/threads/" + id_str(th.id)}}).bdi(th.title).close("a");
      if (th.pinned) h.text(" ").el("span", {{"class", "tag"}}, t("pinned"));
      if (th.locked) h.text(" ").el("span", {{"class", "tag"}}, t("locked"));
      if (!th.seen)
        h.text(" ").el("span", {{"class", "tag new"}}, t("new"));
      else if (th.unread > 0)
        h.text(" ").el("span", {{"class", "tag new"}},
                       t.plural("{n} new", "{n} new", th.unread, {{"n", t.number(th.unread)}}));
      h.open("p", {{"class", "meta muted"}})
          .text(t.plural("{n} reply", "{n} replies", std::max(0L, th.post_count - 1),
                         {{"n", t.number(std::max(0L, th.post_count - 1))}}))
          .text(" · ")
          .text(t("Last activity {time}", {{"time", t.date_time(th.last_post_at)}}))
          .close("p");
      h.close("li");
    }
    h.close("ul");
    web::pagination(h, ctx, p.pages, base);
  }

  if (p.can_post) {
    h.open("section", {{"id", "new-thread"}, {"class", "card"}});
    h.el("h2", t("Start a thread"));
    form_problem(h, problem);
    h.open("form",
           {{"method", "post"}, {"action", base + "/threads"}, {"enctype", "multipart/form-data"}});
    web::csrf_field(h, ctx);
    web::field(h, {.name = "title",
                   .label = t("Title"),
                   .value = form ? form->title : "",
                   .error = error_of(problem, "title"),
                   .required = true});
    textarea(h, "body", t("Text"), form ? form->body : "", error_of(problem, "body"), "6");
    h.el("p", {{"class", "hint"}},
         t("Markdown works: *italic*, **bold**, lists and links. Mention a member with @ and "
           "their name."));
    files_input(h, ctx, problem);
    web::submit(h, t("Start the thread"));
    h.close("form").close("section");
  }
  return std::move(h).str();
}

std::string thread(const web::Ctx& ctx, const tsv::ThreadPage& p, const tsv::ReplyForm* form,
                   const web::Problem* problem) {
  const auto& t = ctx.tr;
  const auto& th = p.head.row;
  const std::string base = "/threads/" + id_str(th.id);
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/spaces"}})
      .text(t("Spaces"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", "/spaces/" + id_str(p.access.space_id)}})
      .bdi(p.space_name)
      .close("a")
      .close("p");
  h.open("h1").bdi(th.title).close("h1");
  if (p.access.is_protected) protected_banner(h, t);
  if (th.pinned) h.el("span", {{"class", "tag"}}, t("pinned"));
  if (th.locked)
    h.el("p", {{"class", "notice"}}, t("This thread is locked: only moderators can reply."));
  if (p.can_moderate) {
    h.open("div", {{"class", "actions moderator-actions"}});
    button_form(h, ctx, base + (th.pinned ? "/unpin" : "/pin"), th.pinned ? t("Unpin") : t("Pin"));
    button_form(h, ctx, base + (th.locked ? "/unlock" : "/lock"),
                th.locked ? t("Unlock") : t("Lock"));
    h.open("a", {{"href", base + "/move"}}).text(t("Move")).close("a");
    h.close("div");
  }
  if (p.first_unread_post_id)
    h.open("p")
        .open("a", {{"href", "#post-" + id_str(p.first_unread_post_id)}})
        .text(t("Go to the first unread post"))
        .close("a")
        .close("p");
  else if (p.first_unread_page && p.first_unread_page != p.pages.page)
    h.open("p")
        .open("a", {{"href", base + "?page=" + std::to_string(p.first_unread_page)}})
        .text(t("Go to the first unread post"))
        .close("a")
        .close("p");

  bool marker_shown = false;
  h.open("ol", {{"class", "posts"}});
  for (const auto& v : p.posts) {
    const auto& r = v.row;
    if (v.is_new && !marker_shown) {
      h.el("li", {{"class", "new-marker"}}, t("New since your last visit"));
      marker_shown = true;
    }
    std::string cls = "post";
    if (v.is_new) cls += " new";
    if (v.state == tsv::PostState::hidden) cls += " hidden";
    h.open("li", {{"class", cls}, {"id", "post-" + id_str(r.id)}});
    h.open("article");
    h.open("header", {{"class", "meta"}});
    if (v.author_shown && !r.author_name.empty())
      h.open("strong").bdi(r.author_name).close("strong");
    else
      h.el("strong", v.author_shown ? t("A former member") : t("A member"));
    h.text(" · ")
        .open("a", {{"href", "/posts/" + id_str(r.id)}})
        .el("time", t.date_time(r.created_at))
        .close("a");
    if (r.edited_at && v.state == tsv::PostState::shown) h.text(" · ").text(t("edited"));
    if (v.is_new) h.text(" ").el("span", {{"class", "tag new"}}, t("new"));
    if (r.reply_to_post_id)
      h.text(" · ")
          .open("a", {{"href", "/posts/" + id_str(r.reply_to_post_id)}})
          .text(t("in reply to an earlier post"))
          .close("a");
    h.close("header");
    if (v.state == tsv::PostState::deleted) {
      h.el("p", {{"class", "muted"}}, t("Deleted"));
    } else {
      if (v.state == tsv::PostState::hidden) {
        h.el("p", {{"class", "notice"}}, t("Hidden by a moderator"));
        if (v.body_shown && !r.hidden_reason.empty())
          h.open("p", {{"class", "notice"}})
              .text(t("Reason:"))
              .text(" ")
              .open("bdi")
              .text(r.hidden_reason)
              .close("bdi")
              .close("p");
      }
      // markdown::to_html is cmark-gfm in safe mode: raw HTML dropped, URLs checked.
      if (v.body_shown) {
        h.open("div", {{"class", "post-body"}, {"dir", "auto"}}).raw_trusted(v.html).close("div");
        h.raw_trusted(attachment_views::list(v.files, t));  // escaped by attachment_views
      }
    }
    if (v.state != tsv::PostState::deleted) {
      h.open("div", {{"class", "actions post-actions"}});
      const std::string post = "/posts/" + id_str(r.id);
      if (p.can_reply && v.state == tsv::PostState::shown)
        h.open("a", {{"href", base + "?page=" + std::to_string(p.pages.page) +
                                  "&reply_to=" + id_str(r.id) + "#reply"}})
            .text(t("Reply"))
            .close("a");
      if (v.mine) {
        h.open("a", {{"href", post + "/edit"}}).text(t("Edit")).close("a");
        button_form(h, ctx, post + "/delete", t("Delete"));
      } else {
        h.open("a", {{"href", post + "/report"}}).text(t("Report this post")).close("a");
      }
      if (p.can_moderate) {
        if (v.state == tsv::PostState::hidden)
          button_form(h, ctx, post + "/unhide", t("Unhide"));
        else
          h.open("a", {{"href", post + "/hide"}}).text(t("Hide")).close("a");
        if (r.has_revisions)
          h.open("a", {{"href", post + "/history"}}).text(t("History")).close("a");
      }
      h.close("div");
    }
    h.close("article").close("li");
  }
  h.close("ol");
  web::pagination(h, ctx, p.pages, base);

  if (p.can_reply) {
    h.open("section", {{"id", "reply"}, {"class", "card"}});
    h.el("h2", t("Reply"));
    form_problem(h, problem);
    h.open("form",
           {{"method", "post"}, {"action", base + "/posts"}, {"enctype", "multipart/form-data"}});
    web::csrf_field(h, ctx);
    if (form && !form->reply_to.empty()) {
      h.empty("input", {{"type", "hidden"}, {"name", "reply_to"}, {"value", form->reply_to}});
      h.el("p", {{"class", "hint"}}, t("You answer an earlier post."));
    }
    textarea(h, "body", t("Your reply"), form ? form->body : "", error_of(problem, "body"), "5");
    files_input(h, ctx, problem);
    web::submit(h, t("Send the reply"));
    h.close("form").close("section");
  } else if (!p.access.archived && th.locked) {
    h.el("p", {{"class", "notice"}}, t("This thread is locked: only moderators can reply."));
  }
  return std::move(h).str();
}

}  // namespace crm::spaces::thread_views
