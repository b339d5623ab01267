#include "knowledge/resource_routes.hpp"

#include "curriculum/routes.hpp"
#include "knowledge/resource_service.hpp"
#include "knowledge/resource_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::knowledge {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

std::string path_of(int64_t id) {
  return "/resources/" + std::to_string(id);
}

ResourceForm resource_form(const Request& req) {
  ResourceForm form;
  form.programme = f(req, "programme");
  form.kind = f(req, "kind");
  form.title = f(req, "title");
  form.authors = f(req, "authors");
  form.publisher = f(req, "publisher");
  form.year = f(req, "year");
  form.language = f(req, "language");
  form.summary = f(req, "summary");
  form.url = f(req, "url");
  form.remove_file = f(req, "remove_file") == "yes";
  form.tags = read_tag_form(req);
  for (const auto& file : req.form.files)
    if (file.field == "file" && !file.filename.empty()) {
      form.filename = file.filename;
      form.data = file.data;
    }
  return form;
}

Response list(Request&, Ctx& ctx) {
  auto l = resource_list(ctx);
  if (!l) return not_found(ctx);
  return web::page(ctx, ctx.tr("Curated resources"), views::resources(ctx, *l));
}

Response list_export(Request&, Ctx& ctx, bool xlsx) {
  auto l = resource_list(ctx);
  if (!l) return not_found(ctx);
  return web::table_download(views::resources_table(ctx, *l), xlsx, ctx.tr,
                             ctx.tr("Curated resources"), "resources");
}

Response new_form(Request&, Ctx& ctx) {
  auto p = new_resource_page(ctx);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Add a resource"), views::resource_form(ctx, *p, nullptr));
}

Response create(Request& req, Ctx& ctx) {
  auto form = resource_form(req);
  auto r = create_resource(ctx, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = new_resource_page(ctx);
    if (!p) return not_found(ctx);
    form.data.clear();
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Add a resource"),
                                views::resource_form(ctx, *p, &r.error()), r.error());
  }
  return web::redirect_with(ctx, path_of(*r), "ok", ctx.tr("The resource has been added."));
}

Response show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = resource_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, p->resource.title, views::resource(ctx, *p, nullptr));
}

Response edit_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = edit_resource_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Edit the resource"), views::resource_form(ctx, *p, nullptr));
}

Response edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = resource_form(req);
  auto st = update_resource(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = edit_resource_page(ctx, *id);
    if (!p) return not_found(ctx);
    form.data.clear();
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Edit the resource"),
                                views::resource_form(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id), "ok", ctx.tr("The resource has been saved."));
}

Response download(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto file = resource_file(ctx, *id);
  if (!file) return not_found(ctx);
  Response res;
  res.set("Content-Type", file->content_type);
  res.set("Content-Disposition", curriculum::attachment(file->filename));
  res.set("Cache-Control", "private, no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(file->data);
  return res;
}

Response publish(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const auto action = f(req, "action");
  if (action != "publish" && action != "unpublish") {
    // Not a form crm made; only someone who may curate it learns that.
    auto p = resource_page(ctx, *id);
    if (!p) return not_found(ctx);
    Error e = invalid("", N_("Choose to publish or to unpublish."));
    return web::form_error_page(ctx, p->resource.title, views::resource(ctx, *p, &e), e);
  }
  auto st = publish_resource(ctx, *id, action == "publish");
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = resource_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, p->resource.title, views::resource(ctx, *p, &st.error()),
                                st.error());
  }
  return web::redirect_with(ctx, path_of(*id), "ok",
                            action == "publish"
                                ? ctx.tr("The resource is published in the knowledge base.")
                                : ctx.tr("The resource is no longer published."));
}

}  // namespace

void register_resource_routes(app::Router& r) {
  r.get("/resources", list);
  r.get("/resources.csv", [](Request& q, Ctx& c) { return list_export(q, c, false); });
  r.get("/resources.xlsx", [](Request& q, Ctx& c) { return list_export(q, c, true); });
  r.get("/resources/new", new_form);
  r.post_files("/resources", create);
  r.get("/resources/{id}", show);
  r.get("/resources/{id}/edit", edit_form);
  r.post_files("/resources/{id}/edit", edit);
  r.get("/resources/{id}/file", download);
  r.post("/resources/{id}/publish", publish);
}

}  // namespace crm::knowledge
