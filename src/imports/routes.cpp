#include "imports/routes.hpp"

#include "imports/service.hpp"
#include "imports/views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::imports {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response form_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto f = import_form(ctx, *id);
  if (!f) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Import people"), views::upload_form(ctx, *f, nullptr));
}

Response upload_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const http::UploadedFile* file = nullptr;
  for (const auto& f : req.form.files)
    if (f.field == "file") file = &f;
  auto u =
      upload(ctx, *id, file ? file->filename : std::string(), file ? file->data : std::string());
  if (!u) return web::error_page(ctx, 404);
  if (u->problem) {
    auto f = import_form(ctx, *id);
    if (!f) return web::error_page(ctx, 404);
    return web::form_error_page(ctx, ctx.tr("Import people"),
                                views::upload_form(ctx, *f, &*u->problem),
                                {{"file", views::message(ctx.tr, *u->problem)}});
  }
  return http::redirect("/imports/" + std::to_string(u->import_id));
}

Response preview_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = preview(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  // While the commit runs the page shows its progress; without JavaScript
  // it reloads itself (unless the reader asked it to stop).
  web::PageHead head;
  if (p->committing() && req.query.value("refresh") != "off") head.refresh_seconds = 2;
  return web::page(ctx, ctx.tr("Import preview"), views::preview(ctx, *p, nullptr), 200, head);
}

Response commit_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  Preview p;
  auto c = start_commit(ctx, *id, &p);
  if (!c) {
    switch (c.error().kind) {
      case ErrorKind::not_found:
        return web::error_page(ctx, 404);
      case ErrorKind::conflict:
        return web::error_page(ctx, 409, c.error().key);
      default:
        return web::form_error_page(ctx, ctx.tr("Import preview"),
                                    views::preview(ctx, p, &c.error()), c.error());
    }
  }
  return http::redirect("/imports/" + std::to_string(*id));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/cohorts/{id}/import", form_page);
  r.post_files("/cohorts/{id}/import", upload_submit);
  r.get("/imports/{id}", preview_page);
  r.post("/imports/{id}/commit", commit_submit);
}

}  // namespace crm::imports
