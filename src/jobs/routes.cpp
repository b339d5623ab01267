#include "jobs/routes.hpp"

#include "jobs/service.hpp"
#include "jobs/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::jobs {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

// Jobs an export holds at most (the newest of the filter).
constexpr long kExportLimit = 10000;

Response jobs_show(Request& req, Ctx& ctx) {
  auto state = parse_state(req.query.value("state"));
  long page = web::page_param(req.query.value("page"));
  auto l = job_list(ctx, state, views::kPerPage, (page - 1) * views::kPerPage);
  if (!l) return web::error_page(ctx, web::status_of(l.error()));
  return web::page(ctx, ctx.tr("Background jobs"), views::jobs_page(ctx, *l, state, page));
}

Response jobs_export(Request& req, Ctx& ctx, bool xlsx) {
  auto state = parse_state(req.query.value("state"));
  auto l = job_list(ctx, state, kExportLimit, 0);
  if (!l) return web::error_page(ctx, web::status_of(l.error()));
  return web::table_download(views::jobs_table(ctx, l->items), xlsx, ctx.tr,
                             ctx.tr("Background jobs"), "jobs");
}

Response retry_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = retry(ctx, *id);
  if (!st)
    return st.error().kind == ErrorKind::not_found
               ? web::error_page(ctx, 404)
               : web::error_page(ctx, web::status_of(st.error()), st.error().key);
  return web::redirect_with(ctx, "/admin/jobs", "ok", ctx.tr("The job runs again shortly."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/admin/jobs", jobs_show);
  r.get("/admin/jobs.csv", [](Request& q, Ctx& c) { return jobs_export(q, c, false); });
  r.get("/admin/jobs.xlsx", [](Request& q, Ctx& c) { return jobs_export(q, c, true); });
  r.post("/admin/jobs/{id}/retry", retry_submit);
}

}  // namespace crm::jobs
