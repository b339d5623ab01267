#include "admissions/decision_routes.hpp"

#include "admissions/apply_service.hpp"
#include "admissions/apply_views.hpp"
#include "admissions/decision_service.hpp"
#include "admissions/decision_views.hpp"
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

std::string decisions_path(int64_t id) {
  return "/calls/" + std::to_string(id) + "/decisions";
}

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

// The page again with what was sent and why nothing changed.
Response refused(Ctx& ctx, int64_t id, const decision::DecideForm* form, const Error& e) {
  if (e.kind != ErrorKind::invalid) return error_of(ctx, e);
  auto p = decision::decisions_page(ctx, id);
  if (!p) return error_of(ctx, p.error());
  return web::form_error_page(ctx, ctx.tr("Decisions"),
                              decision_views::decisions(ctx, *p, form, &e), e);
}

Response decisions(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = decision::decisions_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Decisions"), decision_views::decisions(ctx, *p, nullptr, nullptr));
}

Response decisions_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = decision::decisions_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::table_download(decision_views::decisions_table(ctx, *p), xlsx, ctx.tr,
                             ctx.tr("Decisions"), "decisions-" + std::to_string(*id));
}

Response decide(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  decision::DecideForm form{
      f(req, "mode"), f(req, "application"), f(req, "decision"),
      f(req, "mode") == "one" ? f(req, "one_confirm_by") : f(req, "confirm_by"), f(req, "waiting")};
  auto st = decision::decide(ctx, *id, form);
  if (!st) return refused(ctx, *id, &form, st.error());
  return web::redirect_with(ctx, decisions_path(*id) + "#list", "ok",
                            ctx.tr("The decisions have been saved. They are not sent yet."));
}

Response send(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto n = decision::send(ctx, *id, f(req, "confirm") == "yes");
  if (!n) return refused(ctx, *id, nullptr, n.error());
  return web::redirect_with(
      ctx, decisions_path(*id), "ok",
      ctx.tr.plural("{n} decision has been sent.", "{n} decisions have been sent.", *n));
}

Response offer(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  decision::OfferForm form{f(req, "application"), f(req, "confirm_by")};
  auto st = decision::offer(ctx, *id, form);
  if (!st) {
    decision::DecideForm shown{"offer", form.application, "", form.confirm_by, ""};
    return refused(ctx, *id, &shown, st.error());
  }
  return web::redirect_with(ctx, decisions_path(*id) + "#offer", "ok",
                            ctx.tr("The place has been offered: the mail is on its way."));
}

Response templates(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = decision::templates_page(ctx, *id, std::string(req.query.value("kind")),
                                    std::string(req.query.value("language")));
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Decision mails"),
                   decision_views::templates(ctx, *p, nullptr, nullptr));
}

Response template_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  decision::TemplateForm form{f(req, "kind"), f(req, "language"), f(req, "subject"), f(req, "body"),
                              f(req, "action")};
  auto st = decision::save_template(ctx, *id, form);
  const std::string back = "/calls/" + std::to_string(*id) + "/templates?kind=" + form.kind +
                           "&language=" + form.language;
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    auto p = decision::templates_page(ctx, *id, form.kind, form.language);
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Decision mails"),
                                decision_views::templates(ctx, *p, &form, &st.error()), st.error());
  }
  // kind and language are known here (the service checked them).
  return web::redirect_with(ctx, back + "#edit", "ok",
                            form.action == "reset" ? ctx.tr("crm's text is used again.")
                                                   : ctx.tr("The mail has been saved."));
}

Response confirm(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = decision::answer(ctx, *id, f(req, "action"), f(req, "confirm") == "yes");
  const std::string path = "/applications/" + std::to_string(*id);
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    auto s = apply::status(ctx, *id);
    if (!s) return web::error_page(ctx, 404);
    return web::form_error_page(ctx, apply_views::call_title(ctx.tr, s->form.call),
                                apply_views::status(ctx, *s, nullptr, &st.error()), st.error(),
                                st.error().kind == ErrorKind::conflict ? 409 : 422);
  }
  return web::redirect_with(ctx, path, "ok",
                            f(req, "action") == "accept"
                                ? ctx.tr("You have confirmed your place. Welcome!")
                                : ctx.tr("You have declined the place."));
}

}  // namespace

void register_decision_routes(app::Router& r) {
  r.get("/calls/{id}/decisions", decisions);
  r.get("/calls/{id}/decisions.csv",
        [](Request& q, Ctx& c) { return decisions_export(q, c, false); });
  r.get("/calls/{id}/decisions.xlsx",
        [](Request& q, Ctx& c) { return decisions_export(q, c, true); });
  r.post("/calls/{id}/decisions", decide);
  r.post("/calls/{id}/decisions/send", send);
  r.post("/calls/{id}/decisions/offer", offer);
  r.get("/calls/{id}/templates", templates);
  r.post("/calls/{id}/templates", template_save);
  r.post("/applications/{id}/confirm", confirm);
}

}  // namespace crm::admissions
