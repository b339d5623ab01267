#include "reports/routes.hpp"

#include "reports/pdf.hpp"
#include "reports/service.hpp"
#include "reports/views.hpp"
#include "reports/xlsx.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::reports {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

ReportQuery query_of(const Request& req) {
  return {req.query.value("programme"), req.query.value("from"), req.query.value("to"),
          req.query.value("cohort")};
}

// Bad dates: the form again with the message (422); anything else: 404.
Response failure(Ctx& ctx, const ReportQuery& q, const Error& e) {
  if (e.kind != ErrorKind::invalid) return web::error_page(ctx, 404);
  return web::form_error_page(ctx, ctx.tr("Indicator report"), views::report_form(ctx, q, e), e);
}

Response show(Request& req, Ctx& ctx) {
  auto q = query_of(req);
  auto r = indicator_report(ctx, q);
  if (!r) return failure(ctx, q, r.error());
  return web::page(ctx, ctx.tr("Indicator report"), views::report(ctx, *r, q));
}

Response download(Request& req, Ctx& ctx, bool pdf) {
  auto q = query_of(req);
  auto r = indicator_report(ctx, q);
  if (!r) return failure(ctx, q, r.error());
  if (pdf) return web::download(report_pdf(*r, ctx.tr), "application/pdf", "indicators.pdf");
  return web::download(report_xlsx(*r, ctx.tr), web::kXlsxType, "indicators.xlsx");
}

Response records(Request& req, Ctx& ctx) {
  auto q = query_of(req);
  auto p = indicator_records(ctx, q, req.query.value("indicator"), req.query.value("group"));
  if (!p) return failure(ctx, q, p.error());
  return web::page(ctx, ctx.tr("Records counted"),
                   views::records(ctx, *p, q, web::page_param(req.query.value("page"))));
}

Response records_download(Request& req, Ctx& ctx, bool xlsx) {
  auto q = query_of(req);
  auto p = indicator_records(ctx, q, req.query.value("indicator"), req.query.value("group"));
  if (!p) return failure(ctx, q, p.error());
  return web::table_download(views::records_table(ctx.tr, *p), xlsx, ctx.tr, ctx.tr("Records"),
                             "indicator-records");
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/reports/indicators", show);
  r.get("/reports/indicators.xlsx",
        [](Request& req, Ctx& ctx) { return download(req, ctx, false); });
  r.get("/reports/indicators.pdf", [](Request& req, Ctx& ctx) { return download(req, ctx, true); });
  r.get("/reports/indicators/records", records);
  r.get("/reports/indicators/records.csv",
        [](Request& req, Ctx& ctx) { return records_download(req, ctx, false); });
  r.get("/reports/indicators/records.xlsx",
        [](Request& req, Ctx& ctx) { return records_download(req, ctx, true); });
}

}  // namespace crm::reports
