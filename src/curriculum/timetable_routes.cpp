#include "curriculum/timetable_routes.hpp"

#include "curriculum/calendar.hpp"
#include "curriculum/timetable.hpp"
#include "curriculum/timetable_views.hpp"
#include "web/export.hpp"
#include "web/layout.hpp"

namespace crm::curriculum {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

// A page that shows a feed's address must stay out of every cache and history.
Response private_page(Response r) {
  r.set("Cache-Control", "no-store");
  return r;
}

Response cohort_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto t = cohort_timetable(ctx, *id);
  if (!t) return web::error_page(ctx, web::status_of(t.error()));
  return web::page(ctx, ctx.tr("Timetable"), views::cohort_timetable(ctx, *t));
}

// CSV or Excel of the page's sessions, named "cohort-3-timetable.csv".
Response cohort_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto t = cohort_timetable(ctx, *id);
  if (!t) return web::error_page(ctx, web::status_of(t.error()));
  return web::table_download(views::timetable_table(ctx.tr, *t), xlsx, ctx.tr, ctx.tr("Timetable"),
                             "cohort-" + std::to_string(t->cohort.number) + "-timetable");
}

Response my_page(Request& req, Ctx& ctx) {
  const bool past = req.query.value("past") == "1";
  auto t = my_timetable(ctx, past);
  if (!t) return web::error_page(ctx, web::status_of(t.error()));
  return web::page(ctx, past ? ctx.tr("My past sessions") : ctx.tr("My timetable"),
                   views::my_timetable(ctx, *t));
}

Response own_feed(Request&, Ctx& ctx) {
  auto p = own_feed_page(ctx);
  if (!p) return web::error_page(ctx, web::status_of(p.error()));
  return private_page(
      web::page(ctx, ctx.tr("My calendar"), views::feed_page(ctx, *p, "/calendar")));
}

// Answers with the new address at once (not after a redirect): it is shown
// once and never travels in a cookie or a URL of this site.
Response renew_own(Request&, Ctx& ctx) {
  auto p = renew_own_feed(ctx);
  if (!p) return web::error_page(ctx, web::status_of(p.error()));
  return private_page(
      web::page(ctx, ctx.tr("My calendar"), views::feed_page(ctx, *p, "/calendar")));
}

std::string cohort_action(int64_t id) {
  return "/cohorts/" + std::to_string(id) + "/calendar";
}

Response cohort_feed(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = cohort_feed_page(ctx, *id);
  if (!p) return web::error_page(ctx, web::status_of(p.error()));
  return private_page(
      web::page(ctx, ctx.tr("Cohort calendar"), views::feed_page(ctx, *p, cohort_action(*id))));
}

Response renew_cohort(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = renew_cohort_feed(ctx, *id);
  if (!p) return web::error_page(ctx, web::status_of(p.error()));
  return private_page(
      web::page(ctx, ctx.tr("Cohort calendar"), views::feed_page(ctx, *p, cohort_action(*id))));
}

// /calendar/{token}.ics for calendar apps: no cookie, the token is the key.
Response feed(Request& req, Ctx& ctx) {
  std::string name = req.param("token");
  constexpr std::string_view kSuffix = ".ics";
  if (!name.ends_with(kSuffix)) return web::error_page(ctx, 404);
  name.resize(name.size() - kSuffix.size());
  auto text = feed_text(ctx, name);
  if (!text) return web::error_page(ctx, 404);
  Response r;
  r.body = std::move(*text);
  r.set("Content-Type", "text/calendar; charset=utf-8");
  // The address is a secret: neither shared caches nor the browser keep it.
  r.set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void register_timetable_routes(app::Router& r) {
  r.get("/timetable", my_page);
  r.get("/cohorts/{id}/timetable", cohort_page);
  r.get("/cohorts/{id}/timetable.csv",
        [](Request& q, Ctx& c) { return cohort_export(q, c, false); });
  r.get("/cohorts/{id}/timetable.xlsx",
        [](Request& q, Ctx& c) { return cohort_export(q, c, true); });
  r.get("/calendar", own_feed);
  r.post("/calendar", renew_own);
  r.get("/calendar/{token}", feed);
  r.get("/cohorts/{id}/calendar", cohort_feed);
  r.post("/cohorts/{id}/calendar", renew_cohort);
}

}  // namespace crm::curriculum
