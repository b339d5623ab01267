#include "papers/project_routes.hpp"

#include "papers/project_service.hpp"
#include "papers/project_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::papers {

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
  return "/projects/" + std::to_string(id);
}

ProjectForm project_form(const Request& req) {
  ProjectForm form;
  form.programme = f(req, "programme");
  form.paper = f(req, "paper");
  form.title = f(req, "title");
  form.problem = f(req, "problem");
  form.summary = f(req, "summary");
  form.language = f(req, "language");
  form.status = f(req, "status");
  form.tags = knowledge::read_tag_form(req);
  form.partners = req.form.fields.all("partner");
  return form;
}

Response list(Request& req, Ctx& ctx) {
  auto l = project_list(ctx, req.query.value("status"));
  if (!l) return not_found(ctx);
  return web::page(ctx, ctx.tr("Practice projects"), views::projects(ctx, *l));
}

Response list_export(Request& req, Ctx& ctx, bool xlsx) {
  auto l = project_list(ctx, req.query.value("status"));
  if (!l) return not_found(ctx);
  return web::table_download(views::projects_table(ctx, *l), xlsx, ctx.tr,
                             ctx.tr("Practice projects"), "projects");
}

Response new_form(Request&, Ctx& ctx) {
  auto p = new_project_page(ctx);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Start a project"), views::project_form(ctx, *p, nullptr));
}

Response create(Request& req, Ctx& ctx) {
  auto form = project_form(req);
  auto r = create_project(ctx, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = new_project_page(ctx);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Start a project"),
                                views::project_form(ctx, *p, &r.error()), r.error());
  }
  return web::redirect_with(ctx, path_of(*r), "ok", ctx.tr("The project has been started."));
}

Response show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = project_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, p->project.title, views::project(ctx, *p, nullptr, {}));
}

Response edit_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = edit_project_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Edit the project"), views::project_form(ctx, *p, nullptr));
}

Response edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = project_form(req);
  auto st = update_project(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = edit_project_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Edit the project"),
                                views::project_form(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id), "ok", ctx.tr("The project has been saved."));
}

// The project's page again with the problem of its team or update form.
Response problem(Ctx& ctx, int64_t id, const Error& e, const UpdateForm& update) {
  auto p = project_page(ctx, id);
  if (!p) return not_found(ctx);
  return web::form_error_page(ctx, p->project.title, views::project(ctx, *p, &e, update), e);
}

Response members(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  MemberForm form{f(req, "action"), f(req, "person"), f(req, "role")};
  auto st = change_members(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) return problem(ctx, *id, st.error(), {});
  if (form.action == "leave")
    return web::redirect_with(ctx, "/projects", "ok", ctx.tr("You have left the team."));
  return web::redirect_with(ctx, path_of(*id) + "#team", "ok",
                            form.action == "join" ? ctx.tr("You have joined the team.")
                                                  : ctx.tr("The team has been saved."));
}

Response updates(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  UpdateForm form{f(req, "date"), f(req, "text")};
  auto st = add_update(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) return problem(ctx, *id, st.error(), form);
  return web::redirect_with(ctx, path_of(*id) + "#updates", "ok",
                            ctx.tr("The update has been added."));
}

}  // namespace

void register_project_routes(app::Router& r) {
  r.get("/projects", list);
  r.get("/projects.csv", [](Request& q, Ctx& c) { return list_export(q, c, false); });
  r.get("/projects.xlsx", [](Request& q, Ctx& c) { return list_export(q, c, true); });
  r.get("/projects/new", new_form);
  r.post("/projects", create);
  r.get("/projects/{id}", show);
  r.get("/projects/{id}/edit", edit_form);
  r.post("/projects/{id}/edit", edit);
  r.post("/projects/{id}/members", members);
  r.post("/projects/{id}/updates", updates);
}

}  // namespace crm::papers
