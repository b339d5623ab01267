#include "spaces/moderation_routes.hpp"

#include "spaces/moderation_service.hpp"
#include "spaces/moderation_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;
namespace mod = moderation;
namespace views = moderation_views;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

std::string post_path(int64_t id) {
  return "/posts/" + std::to_string(id);
}

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

Response edit_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = mod::edit_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Edit your post"), views::edit(ctx, *p, p->post.body, nullptr));
}

Response edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const std::string body = f(req, "body");
  auto st = mod::edit(ctx, *id, body);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = mod::edit_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Edit your post"),
                                views::edit(ctx, *p, body, &st.error()), st.error());
  }
  return web::redirect_with(ctx, post_path(*id), "ok", ctx.tr("Your post has been saved."));
}

Response remove(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto next = mod::remove(ctx, *id);
  if (!next) return error_of(ctx, next.error());
  return web::redirect_with(ctx, *next, "ok", ctx.tr("Your post has been deleted."));
}

Response history(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = mod::history_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Earlier versions of a post"), views::history(ctx, *p));
}

Response report_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = mod::report_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Report a post"), views::report(ctx, *p, "", nullptr));
}

Response report(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const std::string reason = f(req, "reason");
  auto st = mod::report(ctx, *id, reason);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = mod::report_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Report a post"),
                                views::report(ctx, *p, reason, &st.error()), st.error());
  }
  return web::redirect_with(ctx, post_path(*id), "ok",
                            ctx.tr("Thank you. The moderators have been told."));
}

Response reports(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = mod::reports_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Reported posts"), views::reports(ctx, *p, nullptr));
}

Response dismiss(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = mod::dismiss(ctx, *id, f(req, "post"));
  const std::string back = "/spaces/" + std::to_string(*id) + "/reports";
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = mod::reports_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Reported posts"), views::reports(ctx, *p, &st.error()),
                                st.error(), 409);
  }
  return web::redirect_with(ctx, back, "ok", ctx.tr("The reports have been dismissed."));
}

Response hide_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = mod::hide_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Hide a post"), views::hide(ctx, *p, "", nullptr));
}

Response hide(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const std::string reason = f(req, "reason");
  auto st = mod::hide(ctx, *id, reason);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = mod::hide_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Hide a post"),
                                views::hide(ctx, *p, reason, &st.error()), st.error());
  }
  return web::redirect_with(ctx, post_path(*id), "ok",
                            ctx.tr("The post is hidden. Its author can read your reason."));
}

Response unhide(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = mod::unhide(ctx, *id);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = mod::hide_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Hide a post"), views::hide(ctx, *p, "", &st.error()),
                                st.error(), 409);
  }
  return web::redirect_with(ctx, post_path(*id), "ok", ctx.tr("The post is shown again."));
}

Response thread_action(Request& req, Ctx& ctx, std::string_view action) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = mod::set_thread(ctx, *id, action);
  if (!st) return error_of(ctx, st.error());
  const char* done = action == "lock"     ? N_("The thread is locked: only moderators can reply.")
                     : action == "unlock" ? N_("The thread is open for replies again.")
                     : action == "pin"    ? N_("The thread is pinned to the top of the space.")
                                          : N_("The thread is no longer pinned.");
  return web::redirect_with(ctx, "/threads/" + std::to_string(*id), "ok", ctx.tr(done));
}

Response move_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = mod::move_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Move a thread"), views::move(ctx, *p, "", nullptr));
}

Response move(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const std::string to = f(req, "to");
  auto st = mod::move(ctx, *id, to);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = mod::move_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Move a thread"), views::move(ctx, *p, to, &st.error()),
                                st.error());
  }
  return web::redirect_with(ctx, "/threads/" + std::to_string(*id), "ok",
                            ctx.tr("The thread has been moved."));
}

}  // namespace

void register_moderation_routes(app::Router& r) {
  r.get("/posts/{id}/edit", edit_form);
  r.post("/posts/{id}/edit", edit);
  r.post("/posts/{id}/delete", remove);
  r.get("/posts/{id}/history", history);
  r.get("/posts/{id}/report", report_form);
  r.post("/posts/{id}/report", report);
  r.get("/posts/{id}/hide", hide_form);
  r.post("/posts/{id}/hide", hide);
  r.post("/posts/{id}/unhide", unhide);
  r.get("/spaces/{id}/reports", reports);
  r.post("/spaces/{id}/reports", dismiss);
  r.post("/threads/{id}/lock", [](Request& q, Ctx& c) { return thread_action(q, c, "lock"); });
  r.post("/threads/{id}/unlock", [](Request& q, Ctx& c) { return thread_action(q, c, "unlock"); });
  r.post("/threads/{id}/pin", [](Request& q, Ctx& c) { return thread_action(q, c, "pin"); });
  r.post("/threads/{id}/unpin", [](Request& q, Ctx& c) { return thread_action(q, c, "unpin"); });
  r.get("/threads/{id}/move", move_form);
  r.post("/threads/{id}/move", move);
}

}  // namespace crm::spaces
