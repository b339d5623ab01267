#include "curriculum/routes.hpp"

#include "curriculum/service.hpp"
#include "curriculum/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::curriculum {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

std::vector<int64_t> ids(const Request& req, std::string_view name) {
  std::vector<int64_t> out;
  for (const auto& v : req.form.fields.all(name))
    if (auto n = parse_whole_number(v); n && *n > 0) out.push_back(static_cast<int64_t>(*n));
  return out;
}

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

std::string cohort_plan(int64_t id) {
  return "/cohorts/" + std::to_string(id) + "/curriculum";
}

// ------------------------------------------------------------------ plan

Response plan_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = plan_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Curriculum: {cohort}", {{"cohort", p->cohort.name}}),
                   views::plan(ctx, *p));
}

Response plan_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = plan_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::table_download(views::plan_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Curriculum"),
                             "curriculum-" + std::to_string(*id));
}

// --------------------------------------------------------------- modules

ModuleForm module_form(const Request& req) {
  ModuleForm form;
  form.semester = f(req, "semester");
  form.ects = f(req, "ects");
  form.position = f(req, "position");
  for (const auto& lang : languages()) {
    const std::string code(lang.code);
    form.texts[code] = ModuleText{code, f(req, "title_" + code), f(req, "description_" + code),
                                  f(req, "outcomes_" + code)};
  }
  form.lecturers = ids(req, "lecturer");
  return form;
}

Response module_new(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = new_module_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Add a module"), views::module_form(ctx, *p, nullptr));
}

Response module_create(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = module_form(req);
  auto r = create_module(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = new_module_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Add a module"),
                                views::module_form(ctx, *p, &r.error()), r.error());
  }
  return web::redirect_with(ctx, "/modules/" + std::to_string(*r), "ok",
                            ctx.tr("The module has been added."));
}

Response module_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = module_page(ctx, *id);
  if (!p) return not_found(ctx);
  const auto* text = text_for(p->module, ctx.tr.language());
  return web::page(ctx, text ? text->title : ctx.tr("Module"), views::module(ctx, *p, nullptr));
}

Response module_edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = edit_module_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Edit the module"), views::module_form(ctx, *p, nullptr));
}

Response module_update(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = module_form(req);
  auto st = update_module(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = edit_module_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Edit the module"),
                                views::module_form(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, "/modules/" + std::to_string(*id), "ok",
                            ctx.tr("The module has been saved."));
}

Response module_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto r = delete_module(ctx, *id);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = module_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Module"), views::module(ctx, *p, &r.error()),
                                r.error());
  }
  return web::redirect_with(ctx, cohort_plan(*r), "ok", ctx.tr("The module has been deleted."));
}

// -------------------------------------------------------------- sessions

SessionForm session_form(const Request& req) {
  SessionForm form;
  form.module_id = f(req, "module_id");
  form.title = f(req, "title");
  form.description = f(req, "description");
  form.kind = f(req, "kind");
  form.meeting_url = f(req, "meeting_url");
  form.place = f(req, "place");
  form.room = f(req, "room");
  form.time_zone = f(req, "time_zone");
  form.start_date = f(req, "start_date");
  form.start_time = f(req, "start_time");
  form.end_date = f(req, "end_date");
  form.end_time = f(req, "end_time");
  form.lecturers = ids(req, "lecturer");
  return form;
}

// Saved: the session's page, saying which instant an ambiguous time became.
Response saved(Ctx& ctx, const SavedSession& s, std::string message) {
  if (s.ambiguous)
    message += " " + ctx.tr(
                         "The time you entered happens twice that day, as the clocks are set "
                         "back; the first one was taken: {time}.",
                         {{"time", ctx.tr.date_time(s.starts_at)}});
  return web::redirect_with(ctx, "/sessions/" + std::to_string(s.id), "ok", std::move(message));
}

Response session_new(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = new_session_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Add a session"), views::session_form(ctx, *p, nullptr));
}

Response session_create(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = session_form(req);
  auto r = create_session(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = new_session_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Add a session"),
                                views::session_form(ctx, *p, &r.error()), r.error());
  }
  return saved(ctx, *r, ctx.tr("The session has been added."));
}

Response session_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = session_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, p->session.title, views::session(ctx, *p, nullptr, nullptr, {}));
}

Response session_edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = edit_session_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Change the session"), views::session_form(ctx, *p, nullptr));
}

Response session_update(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = session_form(req);
  auto r = update_session(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = edit_session_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Change the session"),
                                views::session_form(ctx, *p, &r.error()), r.error());
  }
  return saved(ctx, *r,
               r->moved ? ctx.tr("The session has been moved; those taking part are told by mail.")
                        : ctx.tr("The session has been saved."));
}

// The session page again with the problem of one of its forms.
Response session_problem(Ctx& ctx, int64_t id, const Error& e, const MaterialForm* material,
                         const std::string& reason) {
  auto p = session_page(ctx, id);
  if (!p) return not_found(ctx);
  return web::form_error_page(ctx, p->session.title, views::session(ctx, *p, &e, material, reason),
                              e);
}

Response session_cancel(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const auto reason = f(req, "reason");
  auto st = cancel_session(ctx, *id, reason);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) return session_problem(ctx, *id, st.error(), nullptr, reason);
  return web::redirect_with(ctx, "/sessions/" + std::to_string(*id), "ok",
                            ctx.tr("The session has been cancelled; those taking part are told "
                                   "by mail."));
}

Response session_restore(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = restore_session(ctx, *id);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) return session_problem(ctx, *id, st.error(), nullptr, {});
  return web::redirect_with(ctx, "/sessions/" + std::to_string(*id), "ok",
                            ctx.tr("The session is planned again; those taking part are told "
                                   "by mail."));
}

// ------------------------------------------------------------- materials

Response material_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  MaterialForm form;
  form.title = f(req, "title");
  form.kind = f(req, "kind");
  form.url = f(req, "url");
  form.replaces = f(req, "replaces");
  for (const auto& file : req.form.files)
    if (file.field == "file" && !file.filename.empty()) {
      form.filename = file.filename;
      form.data = file.data;
    }
  auto r = add_material(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    form.data.clear();
    return session_problem(ctx, *id, r.error(), &form, {});
  }
  return web::redirect_with(ctx, "/sessions/" + std::to_string(*id) + "#materials", "ok",
                            ctx.tr("The material has been added."));
}

Response material_download(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto m = material_file(ctx, *id);
  if (!m) return not_found(ctx);
  Response res;
  res.set("Content-Type", m->material.content_type.starts_with("text/")
                              ? m->material.content_type + "; charset=utf-8"
                              : m->material.content_type);
  res.set("Content-Disposition", attachment(m->material.filename));
  res.set("Cache-Control", "private, no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(m->data);
  return res;
}

// ------------------------------------------------------------------ copy

Response copy_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = copy_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Copy the plan of an earlier cohort"),
                   views::copy(ctx, *p, CopyForm{}, nullptr));
}

Response copy_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  CopyForm form{f(req, "source"), f(req, "sessions") == "yes", f(req, "confirm") == "yes"};
  auto r = copy_plan(ctx, *id, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = copy_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Copy the plan of an earlier cohort"),
                                views::copy(ctx, *p, form, &r.error()), r.error());
  }
  return web::redirect_with(
      ctx, cohort_plan(*id), "ok",
      ctx.tr.plural("{n} module has been copied.", "{n} modules have been copied.", r->modules) +
          " " +
          ctx.tr.plural("{n} session has been copied.", "{n} sessions have been copied.",
                        r->sessions));
}

}  // namespace

std::string attachment(std::string_view filename) {
  std::string ascii, encoded;
  for (unsigned char c : filename) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    ascii += safe ? static_cast<char>(c) : '_';
    if (safe) {
      encoded += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  if (ascii.empty() || ascii.front() == '.') ascii = "material" + ascii;
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void register_routes(app::Router& r) {
  r.get("/cohorts/{id}/curriculum", plan_show);
  r.get("/cohorts/{id}/curriculum.csv",
        [](Request& q, Ctx& c) { return plan_export(q, c, false); });
  r.get("/cohorts/{id}/curriculum.xlsx",
        [](Request& q, Ctx& c) { return plan_export(q, c, true); });
  r.get("/cohorts/{id}/curriculum/copy", copy_show);
  r.post("/cohorts/{id}/curriculum/copy", copy_submit);
  r.get("/cohorts/{id}/modules/new", module_new);
  r.post("/cohorts/{id}/modules", module_create);
  r.get("/modules/{id}", module_show);
  r.get("/modules/{id}/edit", module_edit);
  r.post("/modules/{id}/edit", module_update);
  r.post("/modules/{id}/delete", module_delete);
  r.get("/cohorts/{id}/sessions/new", session_new);
  r.post("/cohorts/{id}/sessions", session_create);
  r.get("/sessions/{id}", session_show);
  r.get("/sessions/{id}/edit", session_edit);
  r.post("/sessions/{id}/edit", session_update);
  r.post("/sessions/{id}/cancel", session_cancel);
  r.post("/sessions/{id}/restore", session_restore);
  r.post_files("/sessions/{id}/materials", material_add);
  r.get("/materials/{id}", material_download);
}

}  // namespace crm::curriculum
