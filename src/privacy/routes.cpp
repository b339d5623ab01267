#include "privacy/routes.hpp"
#include "core/i18n.hpp"

#include <charconv>
#include <optional>

#include "privacy/service.hpp"
#include "privacy/views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::privacy {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

// A positive record number typed into a form; nullopt for anything else.
std::optional<int64_t> record_number(std::string_view s) {
  auto id = parse_whole_number(s);
  if (!id || *id <= 0) return std::nullopt;
  return static_cast<int64_t>(*id);
}

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

Response data_page(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto d = personal_data(ctx);
  if (!d) return web::error_page(ctx, web::status_of(d.error()));
  return web::page(ctx, ctx.tr("Your data"), views::personal_data(ctx, *d));
}

Response data_json(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto d = personal_data(ctx);
  if (!d) return web::error_page(ctx, web::status_of(d.error()));
  Response res;
  res.set("Content-Type", "application/json; charset=utf-8");
  res.set("Content-Disposition", "attachment; filename=\"crm-personal-data.json\"");
  res.set("Cache-Control", "no-store");
  res.body = views::personal_data_json(ctx.tr, *d);
  return res;
}

Response erasure_view(Ctx& ctx, bool confirmed, const Error* e, int status) {
  auto s = erasure_status(ctx);
  if (!s) return web::error_page(ctx, web::status_of(s.error()));
  return web::form_error_page(ctx, ctx.tr("Erase my data"), views::erasure(ctx, *s, confirmed, e),
                              e, status);
}

Response erasure_page(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  return erasure_view(ctx, false, nullptr, 200);
}

Response erasure_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  const bool withdraw = f(req, "action") == "withdraw";
  auto st =
      withdraw ? withdraw_erasure_request(ctx) : request_erasure(ctx, f(req, "confirm") == "yes");
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    return erasure_view(ctx, false, &st.error(), web::status_of(st.error()));
  }
  return web::redirect_with(ctx, "/profile/erasure", "ok",
                            withdraw ? ctx.tr("Your request has been withdrawn.")
                                     : ctx.tr("Your request has been recorded. The programme "
                                              "team will carry it out."));
}

Response requests_page(Request& req, Ctx& ctx) {
  auto list = erasure_requests(ctx);
  if (!list) return web::error_page(ctx, web::status_of(list.error()));
  // "Open a record by its number": a plain GET form, no script needed.
  if (auto id = record_number(req.query.value("record")))
    return http::redirect("/people/" + std::to_string(*id) + "/erase");
  return web::page(ctx, ctx.tr("Erasure requests"), views::erasure_requests(ctx, *list));
}

Response erase_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto r = erasure_target(ctx, *id);
  if (!r) return web::error_page(ctx, web::status_of(r.error()), r.error().key);
  return web::page(ctx, ctx.tr("Erase a person's data"),
                   views::erase_confirm(ctx, *r, "", nullptr));
}

Response erase_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto typed = f(req, "confirm_id");
  auto st = erase(ctx, *id, typed);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid)
      return web::error_page(ctx, web::status_of(st.error()), st.error().key);
    auto r = erasure_target(ctx, *id);
    if (!r) return web::error_page(ctx, web::status_of(r.error()), r.error().key);
    return web::form_error_page(ctx, ctx.tr("Erase a person's data"),
                                views::erase_confirm(ctx, *r, typed, &st.error()), st.error());
  }
  return web::redirect_with(
      ctx, "/erasure-requests", "ok",
      ctx.tr("The data of record {id} has been erased.", {{"id", std::to_string(*id)}}));
}

Response own_consents_view(Ctx& ctx, const Error* e, int status) {
  auto c = own_consents(ctx);
  if (!c) return web::error_page(ctx, web::status_of(c.error()));
  return web::form_error_page(ctx, ctx.tr("Consents"), views::consents(ctx, *c, false, e), e,
                              status);
}

Response own_consents_page(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  return own_consents_view(ctx, nullptr, 200);
}

Response own_consents_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto st = change_own_consent(ctx, f(req, "purpose"), f(req, "action"));
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    return own_consents_view(ctx, &st.error(), web::status_of(st.error()));
  }
  return web::redirect_with(ctx, "/profile/consents", "ok", ctx.tr("Your choice has been saved."));
}

Response person_consents_view(Ctx& ctx, int64_t id, const Error* e, int status) {
  auto c = person_consents(ctx, id);
  if (!c) return web::error_page(ctx, web::status_of(c.error()));
  return web::form_error_page(ctx, ctx.tr("Consents"), views::consents(ctx, *c, true, e), e,
                              status);
}

Response person_consents_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  return person_consents_view(ctx, *id, nullptr, 200);
}

Response person_consents_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = record_consent(ctx, *id, f(req, "purpose"), f(req, "action"));
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    return person_consents_view(ctx, *id, &st.error(), web::status_of(st.error()));
  }
  return web::redirect_with(ctx, "/people/" + std::to_string(*id) + "/consents", "ok",
                            ctx.tr("The consent has been recorded."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/profile/data", data_page);
  r.get("/profile/data.json", data_json);
  r.get("/profile/erasure", erasure_page);
  r.post("/profile/erasure", erasure_submit);
  r.get("/profile/consents", own_consents_page);
  r.post("/profile/consents", own_consents_submit);
  r.get("/erasure-requests", requests_page);
  r.get("/people/{id}/erase", erase_page);
  r.post("/people/{id}/erase", erase_submit);
  r.get("/people/{id}/consents", person_consents_page);
  r.post("/people/{id}/consents", person_consents_submit);
}

}  // namespace crm::privacy
