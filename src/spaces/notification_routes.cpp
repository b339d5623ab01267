#include "spaces/notification_routes.hpp"

#include "spaces/notification_service.hpp"
#include "spaces/notification_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response list_page(Request& req, Ctx& ctx) {
  auto p = notifications::list(ctx, web::page_param(req.query.value("page")));
  if (!p) return web::error_page(ctx, web::status_of(p.error()));
  return web::page(ctx, ctx.tr("Notifications"), notification_views::list(ctx, *p));
}

Response mark_read(Request&, Ctx& ctx) {
  auto s = notifications::mark_all_read(ctx);
  if (!s) return web::error_page(ctx, web::status_of(s.error()));
  return web::redirect_with(ctx, "/notifications", "ok", ctx.tr("All marked as read."));
}

Response settings_page(Request&, Ctx& ctx) {
  auto s = notifications::settings(ctx);
  if (!s) return web::error_page(ctx, web::status_of(s.error()));
  return web::page(ctx, ctx.tr("Notification settings"),
                   notification_views::settings(ctx, *s, nullptr));
}

Response save_settings(Request& req, Ctx& ctx) {
  std::vector<std::pair<int64_t, std::string>> choices;
  for (const auto& [name, value] : req.form.fields.items) {
    if (!name.starts_with("space-")) continue;
    try {
      choices.emplace_back(std::stoll(name.substr(6)), value);
    } catch (const std::exception&) {
      return web::error_page(ctx, 404);
    }
  }
  const auto& f = req.form.fields;
  auto s = notifications::save_settings(
      ctx, choices, f.value("mentions") == "yes", f.value("replies") == "yes",
      f.value("daily_digest") == "yes", f.value("weekly_digest") == "yes");
  if (!s) {
    if (s.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    auto page = notifications::settings(ctx);
    if (!page) return web::error_page(ctx, web::status_of(page.error()));
    return web::form_error_page(ctx, ctx.tr("Notification settings"),
                                notification_views::settings(ctx, *page, &s.error()), s.error());
  }
  return web::redirect_with(ctx, "/notifications/settings", "ok", ctx.tr("Saved."));
}

// Unsubscribe pages are nobody's to cache or to pass on in a Referer.
Response private_page(Response r) {
  r.set("Cache-Control", "no-store");
  r.set("Referrer-Policy", "no-referrer");
  return r;
}

Response unsubscribe_answer(Ctx& ctx, const Result<notifications::Unsubscribe>& u,
                            const std::string& token, bool done) {
  if (!u) {
    const int status = u.error().kind == ErrorKind::not_found ? 404 : 400;
    return private_page(web::page(ctx, ctx.tr("Unsubscribe"),
                                  notification_views::bad_unsubscribe(ctx, u.error()), status));
  }
  return private_page(
      web::page(ctx, ctx.tr("Unsubscribe"), notification_views::unsubscribe(ctx, *u, token, done)));
}

// GET changes nothing: link scanners in mail systems open every link.
Response unsubscribe_page(Request& req, Ctx& ctx) {
  const std::string token = req.param("token");
  return unsubscribe_answer(ctx, notifications::read_unsubscribe(ctx, token), token, false);
}

Response unsubscribe_now(Request& req, Ctx& ctx) {
  const std::string token = req.param("token");
  return unsubscribe_answer(ctx, notifications::unsubscribe(ctx, token), token, true);
}

}  // namespace

void register_notification_routes(app::Router& r) {
  r.get("/notifications", list_page);
  r.post("/notifications/read", mark_read);
  r.get("/notifications/settings", settings_page);
  r.post("/notifications/settings", save_settings);
  r.get("/unsubscribe/{token}", unsubscribe_page);
  r.post("/unsubscribe/{token}", unsubscribe_now);
}

}  // namespace crm::spaces
