#include "spaces/thread_routes.hpp"

#include "spaces/thread_service.hpp"
#include "spaces/thread_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;
namespace tsv = thread_service;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

// The message of a refused post; a refused mention names the person.
web::Problem problem_of(const Ctx& ctx, const Error& e, const std::string& not_member) {
  if (!not_member.empty()) return {e.field, ctx.tr(e.key.c_str(), {{"name", not_member}})};
  return {e.field, ctx.tr.error(e)};
}

Response my_spaces(Request&, Ctx& ctx) {
  auto spaces = tsv::my_spaces(ctx);
  return web::page(ctx, ctx.tr("Spaces"), thread_views::my_spaces(ctx, spaces));
}

Response space(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = tsv::space_page(ctx, *id, web::page_param(req.query.value("page")));
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, p->name, thread_views::space(ctx, *p, nullptr, nullptr));
}

Response start_thread(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  tsv::ThreadForm form{f(req, "title"), f(req, "body"), {}, std::move(req.form.files)};
  auto posted = tsv::start_thread(ctx, *id, form);
  if (posted)
    return web::redirect_with(ctx, "/threads/" + std::to_string(posted->thread_id), "ok",
                              ctx.tr("Your thread has been started."));
  if (posted.error().kind != ErrorKind::invalid) return error_of(ctx, posted.error());
  auto p = tsv::space_page(ctx, *id, 1, false);
  if (!p) return error_of(ctx, p.error());
  web::Problem problem = problem_of(ctx, posted.error(), form.not_member);
  return web::form_error_page(ctx, p->name, thread_views::space(ctx, *p, &form, &problem),
                              std::vector<web::Problem>{problem});
}

Response thread(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = tsv::thread_page(ctx, *id, web::page_param(req.query.value("page")));
  if (!p) return error_of(ctx, p.error());
  tsv::ReplyForm form{{}, std::string(req.query.value("reply_to")), {}};
  return web::page(ctx, p->head.row.title, thread_views::thread(ctx, *p, &form, nullptr));
}

Response reply(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  tsv::ReplyForm form{f(req, "body"), f(req, "reply_to"), {}, std::move(req.form.files)};
  auto posted = tsv::reply(ctx, *id, form);
  if (posted) {
    auto where = tsv::post_location(ctx, posted->post_id);
    if (!where) return error_of(ctx, where.error());
    return web::redirect_with(ctx, *where, "ok", ctx.tr("Your reply has been posted."));
  }
  if (posted.error().kind != ErrorKind::invalid) return error_of(ctx, posted.error());
  // The last page, where the reply form is.
  auto p = tsv::thread_page(ctx, *id, 1L << 40, false);
  if (!p) return error_of(ctx, p.error());
  web::Problem problem = problem_of(ctx, posted.error(), form.not_member);
  return web::form_error_page(ctx, p->head.row.title,
                              thread_views::thread(ctx, *p, &form, &problem),
                              std::vector<web::Problem>{problem});
}

Response post(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto where = tsv::open_post(ctx, *id);
  if (!where) return error_of(ctx, where.error());
  return http::redirect(*where);
}

}  // namespace

void register_thread_routes(app::Router& r) {
  r.get("/spaces", my_spaces);
  r.get("/spaces/{id}", space);
  r.post_files("/spaces/{id}/threads", start_thread);
  r.get("/threads/{id}", thread);
  r.post_files("/threads/{id}/posts", reply);
  r.get("/posts/{id}", post);
}

}  // namespace crm::spaces
