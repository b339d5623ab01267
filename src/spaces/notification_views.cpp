#include "spaces/notification_views.hpp"

#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::spaces::notification_views {

namespace {

using web::Html;

// What happened, in the reader's words; the thread's title is shown to the
// reader (a member of the space), never copied anywhere else.
std::string what(const Tr& t, const notification_store::Row& r) {
  if (r.kind == "mention") return t("You were mentioned in");
  if (r.kind == "reply") return t("A reply to you in");
  if (r.kind == "hidden") return t("A moderator hid your post in");
  if (r.kind == "material") return t("New material in");
  return t("New post in");
}

std::string notify_label(const Tr& t, Notify n) {
  switch (n) {
    case Notify::immediate:
      return t("At once");
    case Notify::daily:
      return t("Daily digest");
    case Notify::weekly:
      return t("Weekly digest");
    case Notify::none:
      return t("Nothing");
  }
  return {};
}

std::string stop_label(const Tr& t, const notifications::Unsubscribe& u) {
  using notifications::Stop;
  switch (u.kind) {
    case Stop::space:
      return u.space_name.empty()
                 ? t("Mails about new posts and materials in this space")
                 : t("Mails about new posts and materials in {space}", {{"space", u.space_name}});
    case Stop::mentions:
      return t("Mails when someone mentions you");
    case Stop::replies:
      return t("Mails when someone replies to you");
    case Stop::daily:
      return t("The daily digest");
    case Stop::weekly:
      return t("The weekly digest");
  }
  return {};
}

}  // namespace

std::string list(const web::Ctx& ctx, const notifications::ListPage& p) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Notifications"));
  h.open("p")
      .open("a", {{"href", "/notifications/settings"}})
      .text(t("Choose what you are told"))
      .close("a")
      .close("p");
  if (p.items.empty()) {
    h.el("p", t("Nothing new for you."));
    return std::move(h).str();
  }
  h.open("form", {{"method", "post"}, {"action", "/notifications/read"}});
  web::csrf_field(h, ctx);
  web::submit(h, t("Mark all as read"), "button");
  h.close("form");
  h.open("ul", {{"class", "notifications"}});
  for (const auto& it : p.items) {
    const auto& r = it.row;
    h.open("li", {{"class", r.read ? "read" : "unread"}});
    if (!r.read) h.open("strong").text(t("New")).close("strong").text(" ");
    h.text(what(t, r)).text(" ");
    h.open("bdi").text(it.space_name).close("bdi");
    const std::string href = r.kind == "material"
                                 ? "/spaces/" + std::to_string(r.space_id) + "/materials"
                                 : "/posts/" + std::to_string(r.post_id);
    const std::string& title = r.kind == "material" ? r.material_title : r.thread_title;
    h.text(": ").open("a", {{"href", href}}).open("bdi").text(title).close("bdi").close("a");
    h.text(" ").open("time").text(t.date_time(r.created_at)).close("time");
    h.close("li");
  }
  h.close("ul");
  web::Pagination pg;
  pg.page = p.page;
  pg.per_page = notifications::kPageSize;
  pg.total = p.total;
  web::pagination(h, ctx, pg, "/notifications");
  return std::move(h).str();
}

std::string settings(const web::Ctx& ctx, const notifications::Settings& s, const Error* error) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Notification settings"));
  h.open("form", {{"method", "post"}, {"action", "/notifications/settings"}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error);
  h.open("fieldset").el("legend", t("Which mails you get"));
  web::check(h, {.name = "mentions",
                 .label = t("Mail me when someone mentions me"),
                 .checked = s.flags.mentions});
  web::check(h, {.name = "replies",
                 .label = t("Mail me when someone replies to my post"),
                 .checked = s.flags.replies});
  web::check(h, {.name = "daily_digest",
                 .label = t("Send me the daily digest"),
                 .checked = s.flags.daily_digest});
  web::check(h, {.name = "weekly_digest",
                 .label = t("Send me the weekly digest"),
                 .checked = s.flags.weekly_digest});
  h.close("fieldset");
  if (s.spaces.empty()) h.el("p", t("You are not in any space yet."));
  for (const auto& sp : s.spaces) {
    const std::string name = "space-" + std::to_string(sp.space_id);
    h.open("fieldset", {{"id", "f-" + name}});
    h.open("legend").open("bdi").text(sp.name).close("bdi").close("legend");
    for (Notify n : {Notify::immediate, Notify::daily, Notify::weekly, Notify::none}) {
      const std::string value(notify_name(n));
      web::check(h, {.name = name,
                     .value = value,
                     .label = notify_label(t, n),
                     .id = "f-" + name + "-" + value,
                     .checked = sp.notify == n,
                     .type = "radio"});
    }
    if (sp.is_protected)
      h.el("p", {{"class", "hint"}},
           t("A protected space: mails say only that there is something new, with a link."));
    h.close("fieldset");
  }
  web::submit(h, t("Save"));
  h.close("form");
  return std::move(h).str();
}

std::string unsubscribe(const web::Ctx& ctx, const notifications::Unsubscribe& u,
                        const std::string& token, bool done) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Unsubscribe"));
  if (done) {
    h.el("p", {{"role", "status"}},
         t("Done. You will no longer get: {what}.", {{"what", stop_label(t, u)}}));
  } else {
    h.el("p",
         t("This stops only: {what}. Other mails stay as they are.", {{"what", stop_label(t, u)}}));
    h.open("form", {{"method", "post"}, {"action", "/unsubscribe/" + token}});
    web::submit(h, t("Unsubscribe"));
    h.close("form");
  }
  h.open("p")
      .open("a", {{"href", "/notifications/settings"}})
      .text(t("Sign in to choose which mails you get"))
      .close("a")
      .close("p");
  return std::move(h).str();
}

std::string bad_unsubscribe(const web::Ctx& ctx, const Error& e) {
  Html h;
  h.el("h1", ctx.tr("Unsubscribe"));
  h.el("p", {{"role", "alert"}}, ctx.tr.error(e));
  return std::move(h).str();
}

}  // namespace crm::spaces::notification_views
