#include "programme/routes.hpp"

#include "programme/service.hpp"
#include "programme/views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::programme {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response overview_page(Request&, Ctx& ctx) {
  auto o = overview(ctx);
  if (!o) return web::error_page(ctx, 404);
  return web::page(ctx, o->programme.name, views::overview(ctx, *o));
}

Response cohort_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  MemberFilter f;
  f.country = req.query.value("country");
  f.route_role = req.query.value("route_role");
  f.organisation_type = req.query.value("organisation_type");
  f.status = req.query.value("status");
  auto c = cohort_page(ctx, *id, std::move(f), web::page_param(req.query.value("page")));
  if (!c) return web::error_page(ctx, 404);
  return web::page(ctx, c->cohort.name, views::cohort(ctx, *c));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/programme", overview_page);
  r.get("/cohorts/{id}", cohort_show);
}

}  // namespace crm::programme
