#include "admissions/shortlist_routes.hpp"

#include "admissions/shortlist_service.hpp"
#include "admissions/shortlist_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::admissions {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

std::string ranking_path(int64_t id) {
  return "/calls/" + std::to_string(id) + "/ranking";
}

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

Response ranking(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = ranking_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Ranking and shortlist"),
                   shortlist_views::ranking(ctx, *p, nullptr, nullptr));
}

Response ranking_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = ranking_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::table_download(shortlist_views::ranking_table(ctx, *p), xlsx, ctx.tr,
                             ctx.tr("Ranking"), "ranking-" + std::to_string(*id));
}

Response shortlist_change(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  ShortlistForm form{f(req, "application"), f(req, "action"), f(req, "reason")};
  auto st = change_shortlist(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
  if (!st) {
    auto p = ranking_page(ctx, *id);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Ranking and shortlist"),
                                shortlist_views::ranking(ctx, *p, &form, &st.error()), st.error());
  }
  return web::redirect_with(ctx, ranking_path(*id) + "#parity", "ok",
                            ctx.tr("The shortlist has been changed."));
}

}  // namespace

void register_shortlist_routes(app::Router& r) {
  r.get("/calls/{id}/ranking", ranking);
  r.get("/calls/{id}/ranking.csv", [](Request& q, Ctx& c) { return ranking_export(q, c, false); });
  r.get("/calls/{id}/ranking.xlsx", [](Request& q, Ctx& c) { return ranking_export(q, c, true); });
  r.post("/calls/{id}/shortlist", shortlist_change);
}

}  // namespace crm::admissions
