#include "spaces/attachment_routes.hpp"

#include "curriculum/routes.hpp"
#include "spaces/attachment_service.hpp"
#include "spaces/attachment_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

// A stored file as it was uploaded: its sniffed type, never sniffed again by
// the browser, kept out of shared caches (it belongs to a space's members).
Response file_response(attachment_store::File f) {
  Response res;
  res.set("Content-Type", f.content_type);
  res.set("Content-Disposition", curriculum::attachment(f.filename));
  res.set("Cache-Control", "private");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(f.data);
  return res;
}

Response original(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto f = attachments::original(ctx, *id);
  if (!f) return not_found(ctx);
  return file_response(std::move(*f));
}

Response small(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto f = attachments::small(ctx, *id);
  if (!f) return not_found(ctx);
  auto res = file_response(std::move(*f));
  // Shown in the page, not downloaded; the name is kept for "save image as".
  res.set("Content-Disposition", "inline");
  return res;
}

Response form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = attachments::post_files(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Add files to your post"),
                   attachment_views::post_files_page(ctx, *p, nullptr));
}

Response add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto r = attachments::add_to_post(ctx, *id, req.form.files);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = attachments::post_files(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Add files to your post"),
                                attachment_views::post_files_page(ctx, *p, &r.error()), r.error());
  }
  return web::redirect_with(
      ctx, "/posts/" + std::to_string(*id), "ok",
      ctx.tr.plural("The file has been attached.", "The files have been attached.",
                    static_cast<long>(r->size())));
}

}  // namespace

void register_attachment_routes(app::Router& r) {
  r.get("/attachments/{id}", original);
  r.get("/attachments/{id}/small", small);
  r.get("/posts/{id}/attachments", form);
  r.post_files("/posts/{id}/attachments", add);
}

}  // namespace crm::spaces
