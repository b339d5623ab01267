#include "programme/routes.hpp"

#include "programme/parity.hpp"
#include "programme/parity_views.hpp"
#include "programme/service.hpp"
#include "programme/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::programme {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

MemberFilter filter_of(const Request& req) {
  MemberFilter f;
  f.country = req.query.value("country");
  f.route_role = req.query.value("route_role");
  f.organisation_type = req.query.value("organisation_type");
  f.status = req.query.value("status");
  return f;
}

// CSV or XLSX of `table`, named "cohort-3-people.csv": the cohort's number, ASCII only.
Response export_table(Ctx& ctx, const web::Table& table, const Cohort& c, std::string_view what,
                      bool xlsx, const std::string& sheet) {
  return web::table_download(table, xlsx, ctx.tr, sheet,
                             "cohort-" + std::to_string(c.number) + "-" + std::string(what));
}

Response overview_page(Request&, Ctx& ctx) {
  auto o = overview(ctx);
  if (!o) return web::error_page(ctx, 404);
  return web::page(ctx, o->programme.name, views::overview(ctx, *o));
}

Response cohort_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto c = cohort_page(ctx, *id, filter_of(req), web::page_param(req.query.value("page")));
  if (!c) return web::error_page(ctx, 404);
  // The composition only for the programme team.
  auto comp = cohort_composition(ctx, *c);
  return web::page(ctx, c->cohort.name, views::cohort(ctx, *c, comp ? &*comp : nullptr));
}

Response people_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto c = cohort_people(ctx, *id, filter_of(req));
  if (!c) return web::error_page(ctx, 404);
  return export_table(ctx, views::people_table(ctx, *c), c->cohort, "people", xlsx,
                      ctx.tr("People"));
}

Response parity_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = parity_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Parity: {cohort}", {{"cohort", p->cohort.name}}),
                   views::parity(ctx, *p));
}

Response parity_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = parity_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return export_table(ctx, views::parity_table(ctx, *p), p->cohort, "parity", xlsx,
                      ctx.tr("Parity"));
}

Response targets_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = targets_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Targets: {cohort}", {{"cohort", p->cohort.name}}),
                   views::targets(ctx, *p, nullptr));
}

Response targets_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  TargetsForm form;
  for (const auto& f : target_fields()) {
    auto name = target_field_name(f);
    form[name] = req.form.fields.value(name);
  }
  auto st = save_targets(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
  if (!st) {
    auto p = targets_page(ctx, *id);
    if (!p) return web::error_page(ctx, 404);
    p->form = std::move(form);  // what the user typed, with the message beside it
    return web::page(ctx, ctx.tr("Targets: {cohort}", {{"cohort", p->cohort.name}}),
                     views::targets(ctx, *p, &st.error()), 422);
  }
  return web::redirect_with(ctx, "/cohorts/" + std::to_string(*id) + "/parity", "ok",
                            ctx.tr("The targets have been saved."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/programme", overview_page);
  r.get("/cohorts/{id}", cohort_show);
  r.get("/cohorts/{id}/people.csv", [](Request& q, Ctx& c) { return people_export(q, c, false); });
  r.get("/cohorts/{id}/people.xlsx", [](Request& q, Ctx& c) { return people_export(q, c, true); });
  r.get("/cohorts/{id}/parity", parity_show);
  r.get("/cohorts/{id}/parity.csv", [](Request& q, Ctx& c) { return parity_export(q, c, false); });
  r.get("/cohorts/{id}/parity.xlsx", [](Request& q, Ctx& c) { return parity_export(q, c, true); });
  r.get("/cohorts/{id}/targets", targets_show);
  r.post("/cohorts/{id}/targets", targets_submit);
}

}  // namespace crm::programme
