#include "certificates/routes.hpp"

#include "certificates/code.hpp"
#include "certificates/service.hpp"
#include "certificates/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::certificates {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

// "12" -> 12; nullopt for anything but a positive whole number.
std::optional<int64_t> parse_id(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

// "12.pdf" -> 12.
std::optional<int64_t> pdf_id(std::string_view file) {
  if (!file.ends_with(".pdf")) return std::nullopt;
  return parse_id(file.substr(0, file.size() - 4));
}

Response cohort_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = cohort_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  // While the job runs the page shows its progress; without JavaScript it
  // reloads itself (unless the reader asked it to stop).
  web::PageHead head;
  if (p->issuing() && req.query.value("refresh") != "off") head.refresh_seconds = 2;
  return web::page(ctx, ctx.tr("Certificates"), views::cohort_page(ctx, *p), 200, head);
}

Response cohort_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = cohort_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::table_download(views::cohort_table(ctx.tr, *p), xlsx, ctx.tr, ctx.tr("Certificates"),
                             "cohort-" + std::to_string(p->cohort.number) + "-certificates");
}

// One person's certificate (field "person"), or everyone complete ("all").
Response cohort_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const std::string self = "/cohorts/" + std::to_string(*id) + "/certificates";
  if (req.form.fields.value("all") == "yes") {
    auto s = start_issue_all(ctx, *id);
    if (!s) return web::error_page(ctx, web::status_of(s.error()), s.error().key);
    return web::redirect_with(ctx, self, "ok", ctx.tr("The certificates are being made."));
  }
  auto person = parse_id(req.form.fields.value("person"));
  if (!person) return web::error_page(ctx, 404);
  curriculum::Completion incomplete;
  auto r = issue(ctx, *id, *person, &incomplete);
  if (r) return web::redirect_with(ctx, self, "ok", ctx.tr("The certificate has been issued."));
  if (r.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  auto p = cohort_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  const bool has_missing = !incomplete.missing.empty();
  return web::form_error_page(
      ctx, ctx.tr("Certificates"),
      views::cohort_page(ctx, *p, &r.error(), *person, has_missing ? &incomplete : nullptr),
      {r.error()}, web::status_of(r.error()));
}

Response pdf_show(Request& req, Ctx& ctx) {
  auto id = pdf_id(req.param("file"));
  if (!id) return web::error_page(ctx, 404);
  auto p = pdf(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  Response res;
  res.set("Content-Type", "application/pdf");
  // Personal: browsers may keep it, shared caches may not.
  res.set("Cache-Control", "private, max-age=300");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Disposition", "inline; filename=\"" + p->filename + "\"");
  res.body = std::move(p->bytes);
  return res;
}

Response revoke_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = revoke_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Revoke the certificate?"),
                   views::revoke_form(ctx, *p, "", nullptr));
}

Response revoke_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const std::string reason = req.form.fields.value("reason");
  auto r = revoke(ctx, *id, reason);
  if (r)
    return web::redirect_with(ctx, "/cohorts/" + std::to_string(*r) + "/certificates", "ok",
                              ctx.tr("The certificate has been revoked."));
  if (r.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  auto p = revoke_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::form_error_page(ctx, ctx.tr("Revoke the certificate?"),
                              views::revoke_form(ctx, *p, reason, &r.error()), {r.error()},
                              web::status_of(r.error()));
}

Response verify_answer(Ctx& ctx, const std::string& typed) {
  auto v = verify(ctx, typed);
  return web::page(ctx, ctx.tr("Verify a certificate"), views::verify_page(ctx, v, typed, true),
                   v.found ? 200 : 404);
}

// The form; with ?code= the answer's own address, where the QR code leads.
Response verify_form(Request& req, Ctx& ctx) {
  const std::string typed = req.query.value("code");
  if (typed.empty())
    return web::page(ctx, ctx.tr("Verify a certificate"),
                     views::verify_page(ctx, Verified{}, "", false));
  if (auto code = normalise_code(typed)) return http::redirect("/verify/" + *code);
  return verify_answer(ctx, typed);
}

Response verify_show(Request& req, Ctx& ctx) {
  return verify_answer(ctx, req.param("code"));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/cohorts/{id}/certificates", cohort_show);
  r.post("/cohorts/{id}/certificates", cohort_submit);
  r.get("/cohorts/{id}/certificates.csv",
        [](Request& q, Ctx& c) { return cohort_export(q, c, false); });
  r.get("/cohorts/{id}/certificates.xlsx",
        [](Request& q, Ctx& c) { return cohort_export(q, c, true); });
  r.get("/certificates/{file}", pdf_show);  // "{id}.pdf"
  r.get("/certificates/{id}/revoke", revoke_show);
  r.post("/certificates/{id}/revoke", revoke_submit);
  r.get("/verify", verify_form);
  r.get("/verify/{code}", verify_show);
}

}  // namespace crm::certificates
