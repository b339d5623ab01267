#include "curriculum/attendance_routes.hpp"

#include "curriculum/attendance.hpp"
#include "curriculum/attendance_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::curriculum {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string attendance_title(Ctx& ctx, const AttendancePage& p) {
  return ctx.tr("Attendance: {session}", {{"session", views::session_title(ctx, p.session)}});
}

Response attendance_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = attendance_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, attendance_title(ctx, *p), views::attendance(ctx, *p, {}));
}

Response attendance_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto form = attendance_form_of(req.form.fields.items);
  auto saved = save_attendance(ctx, *id, form);
  if (!saved) return web::error_page(ctx, 404);
  if (saved->empty())
    return web::redirect_with(ctx, "/sessions/" + std::to_string(*id) + "/attendance", "ok",
                              ctx.tr("The attendance has been saved."));
  auto p = attendance_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  std::vector<store::Participant> people;
  for (auto& row : p->rows) {  // what the user chose, with the messages beside it
    auto it = form.entries.find(row.person.person_id);
    row.entry = it == form.entries.end() ? AttendanceEntry{} : it->second;
    people.push_back(row.person);
  }
  return web::form_error_page(ctx, attendance_title(ctx, *p), views::attendance(ctx, *p, *saved),
                              views::problems_naming(ctx, people, *saved));
}

Response own_show(Request&, Ctx& ctx) {
  auto a = own_attendance(ctx);
  if (!a) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("My attendance"), views::own_attendance(ctx, *a));
}

std::string results_title(Ctx& ctx, const ResultsPage& p) {
  return ctx.tr("Results: {module}",
                {{"module", p.module.title.empty() ? ctx.tr("Module") : p.module.title}});
}

Response results_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = results_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, results_title(ctx, *p), views::results(ctx, *p, {}));
}

Response results_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto form = results_form_of(req.form.fields.items);
  auto saved = save_results(ctx, *id, form);
  if (!saved) return web::error_page(ctx, 404);
  if (saved->empty())
    return web::redirect_with(ctx, "/modules/" + std::to_string(*id) + "/results", "ok",
                              ctx.tr("The results have been saved."));
  auto p = results_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  std::vector<store::Participant> people;
  for (auto& row : p->rows) {
    auto it = form.results.find(row.person.person_id);
    if (it != form.results.end()) row.result = it->second == "none" ? "" : it->second;
    people.push_back(row.person);
  }
  return web::form_error_page(ctx, results_title(ctx, *p), views::results(ctx, *p, *saved),
                              views::problems_naming(ctx, people, *saved));
}

std::string completion_title(Ctx& ctx, const CompletionPage& p) {
  return ctx.tr("Completion: {cohort}", {{"cohort", p.cohort_name}});
}

Response completion_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = completion_page(ctx, *id, req.query.value("show"));
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, completion_title(ctx, *p), views::completion(ctx, *p, nullptr));
}

Response completion_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = completion_page(ctx, *id, req.query.value("show"));
  if (!p) return web::error_page(ctx, 404);
  return web::table_download(views::completion_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Completion"),
                             "cohort-" + std::to_string(*id) + "-completion");
}

Response completion_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  CompletionRulesForm form;
  form.attendance = !req.form.fields.value("attendance").empty();
  form.modules = !req.form.fields.value("modules").empty();
  form.paper = !req.form.fields.value("paper").empty();
  form.min_percent = req.form.fields.value("min_percent");
  auto st = save_completion_rules(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
  if (!st) {
    auto p = completion_page(ctx, *id, "");
    if (!p) return web::error_page(ctx, 404);
    p->form = std::move(form);  // what the user typed, with the message beside it
    return web::form_error_page(ctx, completion_title(ctx, *p),
                                views::completion(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, "/cohorts/" + std::to_string(*id) + "/completion", "ok",
                            ctx.tr("The completion rules have been saved."));
}

}  // namespace

void register_attendance_routes(app::Router& r) {
  r.get("/attendance", own_show);
  r.get("/sessions/{id}/attendance", attendance_show);
  r.post("/sessions/{id}/attendance", attendance_submit);
  r.get("/modules/{id}/results", results_show);
  r.post("/modules/{id}/results", results_submit);
  r.get("/cohorts/{id}/completion", completion_show);
  r.get("/cohorts/{id}/completion.csv",
        [](Request& q, Ctx& c) { return completion_export(q, c, false); });
  r.get("/cohorts/{id}/completion.xlsx",
        [](Request& q, Ctx& c) { return completion_export(q, c, true); });
  r.post("/cohorts/{id}/completion", completion_submit);
}

}  // namespace crm::curriculum
