#include "surveys/results_routes.hpp"

#include "surveys/results_service.hpp"
#include "surveys/results_views.hpp"
#include "web/export.hpp"
#include "web/layout.hpp"

namespace crm::surveys {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

int64_t query_id(const Request& req, std::string_view name) {
  auto v = req.query.value(name);
  int64_t id = 0;
  for (char c : v) {
    if (c < '0' || c > '9' || id > 100000000000000LL) return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

ResultsQuery query_of(const Request& req) {
  ResultsQuery q;
  q.version = req.query.value("version");
  if (q.version != "all" && query_id(req, "version") == 0) q.version.clear();
  q.round = query_id(req, "round");
  q.cohort = query_id(req, "cohort");
  q.by = req.query.value("by");  // checked against kCrossTabs by the service
  return q;
}

std::string basename(const Survey& s, std::string_view what) {
  return "survey-" + std::to_string(s.id) + "-" + std::string(what);
}

Response results_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = results_page(ctx, *id, query_of(req));
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Results: {survey}", {{"survey", p->title.shown}}),
                   views::results(ctx, *p));
}

Response results_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = results_page(ctx, *id, query_of(req));
  if (!p) return web::error_page(ctx, 404);
  return web::table_download(views::results_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Results"),
                             basename(p->survey, "results"));
}

Response change_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = change_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Change before and after: {survey}", {{"survey", p->title.shown}}),
                   views::change(ctx, *p));
}

Response responses_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = responses_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Responses with names: {survey}", {{"survey", p->title.shown}}),
                   views::responses(ctx, *p));
}

Response responses_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = responses_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::table_download(views::responses_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Responses"),
                             basename(p->survey, "responses"));
}

}  // namespace

void register_results_routes(app::Router& r) {
  r.get("/surveys/{id}/results", results_show);
  r.get("/surveys/{id}/results.csv",
        [](Request& q, Ctx& c) { return results_export(q, c, false); });
  r.get("/surveys/{id}/results.xlsx",
        [](Request& q, Ctx& c) { return results_export(q, c, true); });
  r.get("/surveys/{id}/change", change_show);
  r.get("/surveys/{id}/responses", responses_show);
  r.get("/surveys/{id}/responses.csv",
        [](Request& q, Ctx& c) { return responses_export(q, c, false); });
  r.get("/surveys/{id}/responses.xlsx",
        [](Request& q, Ctx& c) { return responses_export(q, c, true); });
}

}  // namespace crm::surveys
