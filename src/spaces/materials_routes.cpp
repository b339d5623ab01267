#include "spaces/materials_routes.hpp"

#include "curriculum/routes.hpp"
#include "spaces/materials_service.hpp"
#include "spaces/materials_views.hpp"
#include "web/export.hpp"
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

materials::Filter filter_of(const Request& req) {
  materials::Filter f;
  f.language = req.query.value("language");
  if (auto n = parse_whole_number(req.query.value("module")); n && *n > 0)
    f.module_id = static_cast<int64_t>(*n);
  f.page = web::page_param(req.query.value("page"));
  return f;
}

materials::MaterialForm form_of(const Request& req) {
  materials::MaterialForm form;
  const auto& in = req.form.fields;
  form.title = in.value("title");
  form.description = in.value("description");
  form.language = in.value("language");
  form.module = in.value("module");
  form.kind = in.value("kind");
  form.url = in.value("url");
  for (const auto& file : req.form.files)
    if (file.field == "file" && !file.filename.empty()) {
      form.filename = file.filename;
      form.data = file.data;
    }
  return form;
}

Response library_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = materials::library(ctx, *id, filter_of(req));
  if (!p) return not_found(ctx);
  return web::page(ctx, materials::views::library_title(ctx, *p),
                   materials::views::library(ctx, *p));
}

Response library_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto table = materials::library_table(ctx, *id, filter_of(req));
  if (!table) return not_found(ctx);
  return web::table_download(*table, xlsx, ctx.tr, ctx.tr("Materials"),
                             "space-" + std::to_string(*id) + "-materials");
}

// The form again with the problem, the user's input kept (not the file's bytes).
Response form_problem(Ctx& ctx, Result<materials::FormPage> p, materials::MaterialForm form,
                      const Error& e) {
  if (!p) return not_found(ctx);
  form.data.clear();
  p->form = std::move(form);
  return web::form_error_page(ctx, materials::views::form_title(ctx, *p),
                              materials::views::form(ctx, *p, &e), e);
}

Response new_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = materials::new_form(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, materials::views::form_title(ctx, *p),
                   materials::views::form(ctx, *p, nullptr));
}

Response new_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = form_of(req);
  auto r = materials::add_material(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) return form_problem(ctx, materials::new_form(ctx, *id), std::move(form), r.error());
  return web::redirect_with(
      ctx, "/spaces/" + std::to_string(*id) + "/materials#material-" + std::to_string(*r), "ok",
      ctx.tr("The material has been added."));
}

Response version_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = materials::version_form(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, materials::views::form_title(ctx, *p),
                   materials::views::form(ctx, *p, nullptr));
}

Response version_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = form_of(req);
  auto r = materials::add_version(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) return form_problem(ctx, materials::version_form(ctx, *id), std::move(form), r.error());
  auto space = materials_store::find(ctx.db, *r);
  return web::redirect_with(ctx,
                            "/spaces/" + std::to_string(space ? space->space_id : 0) +
                                "/materials#material-" + std::to_string(*r),
                            "ok", ctx.tr("The newer version has been added."));
}

Response material_open(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto m = materials::open_material(ctx, *id);
  if (!m) return not_found(ctx);
  Response res;
  res.set("Cache-Control", "private, no-store");
  res.set("X-Content-Type-Options", "nosniff");
  if (m->row.kind == "link") {
    // open_material checked it is http(s) without spaces or control characters.
    res.status = 303;
    res.set("Location", m->row.url);
    res.set("Referrer-Policy", "no-referrer");
    return res;
  }
  res.set("Content-Type", m->row.content_type.starts_with("text/")
                              ? m->row.content_type + "; charset=utf-8"
                              : m->row.content_type);
  res.set("Content-Disposition", curriculum::attachment(m->row.filename));
  res.body = std::move(m->data);
  return res;
}

}  // namespace

void register_materials_routes(app::Router& r) {
  r.get("/spaces/{id}/materials", library_show);
  r.get("/spaces/{id}/materials.csv",
        [](Request& q, Ctx& c) { return library_export(q, c, false); });
  r.get("/spaces/{id}/materials.xlsx",
        [](Request& q, Ctx& c) { return library_export(q, c, true); });
  r.get("/spaces/{id}/materials/new", new_show);
  r.post_files("/spaces/{id}/materials/new", new_submit);
  r.get("/space-materials/{id}", material_open);
  r.get("/space-materials/{id}/version", version_show);
  r.post_files("/space-materials/{id}/version", version_submit);
}

}  // namespace crm::spaces
