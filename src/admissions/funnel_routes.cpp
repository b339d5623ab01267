#include "admissions/funnel_routes.hpp"

#include "admissions/funnel_service.hpp"
#include "admissions/funnel_views.hpp"
#include "web/export.hpp"
#include "web/layout.hpp"

namespace crm::admissions {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

Response funnel_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = funnel_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Funnel"), funnel_views::funnel(ctx, *p));
}

Response funnel_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = funnel_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::table_download(funnel_views::funnel_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Funnel"),
                             "funnel-" + std::to_string(*id));
}

}  // namespace

void register_funnel_routes(app::Router& r) {
  r.get("/calls/{id}/funnel", funnel_show);
  r.get("/calls/{id}/funnel.csv", [](Request& q, Ctx& c) { return funnel_export(q, c, false); });
  r.get("/calls/{id}/funnel.xlsx", [](Request& q, Ctx& c) { return funnel_export(q, c, true); });
}

}  // namespace crm::admissions
