#include "surveys/round_routes.hpp"

#include "surveys/round_service.hpp"
#include "surveys/round_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::surveys {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

RoundForm form_of(const Request& req) {
  const auto& f = req.form.fields;
  RoundForm r;
  r.audience = f.value("audience");
  r.cohort = f.value("cohort");
  r.session = f.value("session");
  r.months = f.value("months");
  r.phase = f.value("phase");
  r.opens_date = f.value("opens_date");
  r.opens_time = f.value("opens_time");
  r.closes_date = f.value("closes_date");
  r.closes_time = f.value("closes_time");
  r.reminder_days = f.value("reminder_days");
  return r;
}

std::string page_title(const Ctx& ctx, const RoundPage& p) {
  return ctx.tr("Round: {survey}", {{"survey", p.round.title.shown}});
}

Response new_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = new_round_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Send the survey"), round_views::new_round(ctx, *p, nullptr));
}

Response new_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const RoundForm form = form_of(req);
  auto r = create_round(ctx, *id, form);
  if (r)
    return web::redirect_with(ctx, "/rounds/" + std::to_string(*r), "ok",
                              ctx.tr("The round has been made: the invitations go out when it "
                                     "opens."));
  if (r.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  auto p = new_round_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  p->form = form;
  return web::form_error_page(ctx, ctx.tr("Send the survey"),
                              round_views::new_round(ctx, *p, &r.error()), r.error());
}

Response round_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = round_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, page_title(ctx, *p), round_views::round(ctx, *p));
}

Response people_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = round_page(ctx, *id);
  // An anonymous survey's round has no list of people to export.
  if (!p || p->round.anonymous) return web::error_page(ctx, 404);
  return web::table_download(round_views::people_table(ctx.tr, *p), xlsx, ctx.tr,
                             ctx.tr("Who was asked"), "round-" + std::to_string(*id) + "-people");
}

// A refused cancel or reminder: the round page with the message.
Response refused(Ctx& ctx, int64_t id, const Error& e) {
  if (e.kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  auto p = round_page(ctx, id);
  if (!p) return web::error_page(ctx, 404);
  return web::form_error_page(ctx, page_title(ctx, *p), round_views::round(ctx, *p, &e), e);
}

Response cancel_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto s = cancel_round(ctx, *id);
  if (!s) return refused(ctx, *id, s.error());
  return web::redirect_with(ctx, "/rounds/" + std::to_string(*id), "ok",
                            ctx.tr("The round has been cancelled: nothing more is sent."));
}

Response remind_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto n = remind_now(ctx, *id);
  if (!n) return refused(ctx, *id, n.error());
  return web::redirect_with(
      ctx, "/rounds/" + std::to_string(*id), "ok",
      ctx.tr.plural("{n} reminder is on its way.", "{n} reminders are on their way.", *n));
}

}  // namespace

void register_round_routes(app::Router& r) {
  r.get("/surveys/{id}/rounds/new", new_show);
  r.post("/surveys/{id}/rounds/new", new_submit);
  r.get("/rounds/{id}", round_show);
  r.get("/rounds/{id}/people.csv", [](Request& q, Ctx& c) { return people_export(q, c, false); });
  r.get("/rounds/{id}/people.xlsx", [](Request& q, Ctx& c) { return people_export(q, c, true); });
  r.post("/rounds/{id}/cancel", cancel_submit);
  r.post("/rounds/{id}/remind", remind_submit);
}

}  // namespace crm::surveys
