#include "programme/routes.hpp"

#include "programme/parity.hpp"
#include "programme/parity_views.hpp"
#include "programme/programme_views.hpp"
#include "programme/programmes.hpp"
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

Response overview_of(Ctx& ctx, int64_t id) {
  auto o = overview(ctx, id);
  if (!o) return web::error_page(ctx, 404);
  return web::page(ctx, o->programme.name, views::overview(ctx, *o));
}

// The actor's programme, or the list when there are several (programmes.hpp).
Response home_page(Request&, Ctx& ctx) {
  auto id = home_programme(ctx);
  if (!id) return web::error_page(ctx, 404);
  if (*id == 0) return http::redirect("/programmes");
  return overview_of(ctx, *id);
}

Response overview_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  return overview_of(ctx, *id);
}

Response list_page(Request&, Ctx& ctx) {
  auto l = programmes(ctx);
  return web::page(ctx, l.own ? ctx.tr("Your programmes") : ctx.tr("Programmes"),
                   views::programme_list(ctx, l));
}

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

ProgrammeForm programme_form_of(const Request& req) {
  ProgrammeForm form;
  form.slug = f(req, "slug");
  for (auto language : text_languages()) {
    std::string code(language);
    form.texts[code] = {f(req, "name_" + code), f(req, "description_" + code)};
  }
  form.origin = f(req, "countries_origin");
  form.transit = f(req, "countries_transit");
  form.destination = f(req, "countries_destination");
  form.funders = f(req, "funders");
  form.anonymity_threshold = f(req, "anonymity_threshold");
  return form;
}

Response new_programme_page(Request&, Ctx& ctx) {
  if (!may_create_programme(ctx)) return web::error_page(ctx, 404);
  ProgrammeForm form;
  return web::page(ctx, ctx.tr("Create a programme"),
                   views::programme_form(ctx, form, {}, nullptr));
}

Response create_programme_submit(Request& req, Ctx& ctx) {
  auto form = programme_form_of(req);
  auto id = create_programme(ctx, form);
  if (!id) {
    if (id.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
    auto problems = programme_problems(ctx, form, 0);
    if (problems.empty()) problems.push_back(id.error());
    return web::form_error_page(ctx, ctx.tr("Create a programme"),
                                views::programme_form(ctx, form, problems, nullptr), problems);
  }
  return web::redirect_with(ctx, views::programme_path(*id), "ok",
                            ctx.tr("The programme has been created."));
}

Response edit_programme_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto e = programme_edit(ctx, *id);
  if (!e) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Edit the programme"), views::programme_form(ctx, e->form, {}, &*e));
}

Response edit_programme_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto form = programme_form_of(req);
  auto st = update_programme(ctx, *id, form);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
    auto e = programme_edit(ctx, *id);
    if (!e) return web::error_page(ctx, 404);
    form.slug = e->form.slug;  // not editable
    auto problems = programme_problems(ctx, form, *id);
    if (problems.empty()) problems.push_back(st.error());
    return web::form_error_page(ctx, ctx.tr("Edit the programme"),
                                views::programme_form(ctx, form, problems, &*e), problems);
  }
  return web::redirect_with(ctx, views::programme_path(*id), "ok",
                            ctx.tr("The programme has been saved."));
}

Response team_view(Ctx& ctx, int64_t id, const Error* error, int status) {
  auto p = team_page(ctx, id);
  if (!p) return web::error_page(ctx, 404);
  return web::form_error_page(ctx, ctx.tr("Team"), views::team(ctx, *p, error), error, status);
}

Response team_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  return team_view(ctx, *id, nullptr, 200);
}

Response team_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = add_to_team(ctx, *id, f(req, "account_id"));
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
    return team_view(ctx, *id, &st.error(), 422);
  }
  return web::redirect_with(ctx, views::programme_path(*id) + "/team", "ok",
                            ctx.tr("The staff member has been added to the team."));
}

Response team_remove_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto r = team_removal(ctx, *id, req.query.value("account"));
  if (!r) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Remove from the team"), views::team_removal(ctx, *r));
}

Response team_remove_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = remove_from_team(ctx, *id, f(req, "account_id"));
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
    Error whole{ErrorKind::invalid, {}, st.error().key};  // shown above the page, not the add form
    return team_view(ctx, *id, &whole, 422);
  }
  return web::redirect_with(ctx, views::programme_path(*id) + "/team", "ok",
                            ctx.tr("The staff member has been removed from the team."));
}

CohortForm cohort_form_of(const Request& req) {
  CohortForm c;
  c.number = f(req, "number");
  c.name = f(req, "name");
  c.starts_on = f(req, "starts_on");
  c.ends_on = f(req, "ends_on");
  c.status = f(req, "status");
  c.regional_focus = f(req, "regional_focus");
  c.capacity = f(req, "capacity");
  c.location = f(req, "location");
  c.semesters = f(req, "semesters");
  return c;
}

Response new_cohort_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = new_cohort_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Add a cohort"), views::new_cohort(ctx, *p, {}));
}

Response new_cohort_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto form = cohort_form_of(req);
  auto cohort = create_cohort(ctx, *id, form);
  if (!cohort) {
    if (cohort.error().kind != ErrorKind::invalid) return web::error_page(ctx, 404);
    auto p = new_cohort_page(ctx, *id);
    if (!p) return web::error_page(ctx, 404);
    p->form = std::move(form);  // what the user typed, with the messages beside it
    auto problems = cohort_problems(ctx, *id, p->form);
    if (problems.empty()) problems.push_back(cohort.error());
    return web::form_error_page(ctx, ctx.tr("Add a cohort"), views::new_cohort(ctx, *p, problems),
                                problems);
  }
  return web::redirect_with(ctx, "/cohorts/" + std::to_string(*cohort), "ok",
                            ctx.tr("The cohort has been added."));
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
    return web::form_error_page(ctx, ctx.tr("Targets: {cohort}", {{"cohort", p->cohort.name}}),
                                views::targets(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, "/cohorts/" + std::to_string(*id) + "/parity", "ok",
                            ctx.tr("The targets have been saved."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/programme", home_page);
  r.get("/programmes", list_page);
  r.get("/programmes/new", new_programme_page);  // before /programmes/{id}
  r.post("/programmes", create_programme_submit);
  r.get("/programmes/{id}", overview_page);
  r.get("/programmes/{id}/edit", edit_programme_page);
  r.post("/programmes/{id}/edit", edit_programme_submit);
  r.get("/programmes/{id}/team", team_show);
  r.post("/programmes/{id}/team", team_add);
  r.get("/programmes/{id}/team/remove", team_remove_page);
  r.post("/programmes/{id}/team/remove", team_remove_submit);
  r.get("/programmes/{id}/cohorts/new", new_cohort_show);
  r.post("/programmes/{id}/cohorts", new_cohort_submit);
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
