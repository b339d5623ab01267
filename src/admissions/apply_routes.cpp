#include "admissions/apply_routes.hpp"

#include "admissions/apply_service.hpp"
#include "admissions/apply_views.hpp"
#include "auth/service.hpp"
#include "curriculum/routes.hpp"
#include "web/cookies.hpp"
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

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

std::string app_path(int64_t id) {
  return "/applications/" + std::to_string(id);
}

// A change refused because the call is closed or the application withdrawn:
// the state page with the message, nothing changed.
Response refused(Ctx& ctx, int64_t id, const Error& e) {
  if (e.kind == ErrorKind::not_found || e.kind == ErrorKind::forbidden) return not_found(ctx);
  auto s = apply::status(ctx, id);
  if (!s) return not_found(ctx);
  return web::form_error_page(ctx, apply_views::call_title(ctx.tr, s->form.call),
                              apply_views::status(ctx, *s, nullptr), e, 409);
}

// ---------------------------------------------------------------- sign-up

std::optional<int64_t> call_param(std::string_view v) {
  auto n = parse_whole_number(v);
  if (!n || *n <= 0) return std::nullopt;
  return *n;
}

Response signup_page(Request& req, Ctx& ctx) {
  if (ctx.actor.signed_in()) {
    auto call = call_param(req.query.value("call"));
    return http::redirect(call ? "/calls/" + std::to_string(*call) : "/applications");
  }
  signup::Form form;
  form.call = call_param(req.query.value("call"));
  form.language = std::string(ctx.tr.language());
  return web::page(ctx, ctx.tr("Apply: sign up"),
                   apply_views::signup(ctx, form, signup::new_stamp(ctx), nullptr));
}

Response signup_submit(Request& req, Ctx& ctx) {
  signup::Form form{f(req, "email"), f(req, "language"), f(req, "website"), f(req, "stamp"),
                    call_param(f(req, "call"))};
  auto st = signup::request(ctx, form);
  if (!st) {
    if (st.error().kind == ErrorKind::throttled) {
      auto res = web::form_error_page(
          ctx, ctx.tr("Apply: sign up"),
          apply_views::signup(ctx, form, signup::new_stamp(ctx), &st.error()), st.error(), 429);
      res.set("Retry-After", "3600");
      return res;
    }
    return web::form_error_page(ctx, ctx.tr("Apply: sign up"),
                                apply_views::signup(ctx, form, signup::new_stamp(ctx), &st.error()),
                                st.error());
  }
  return web::page(ctx, ctx.tr("Check your mail"), apply_views::signup_sent(ctx));
}

Response link_problem(Ctx& ctx, const Error& e) {
  if (e.kind == ErrorKind::not_found) return not_found(ctx);
  return web::page(ctx, ctx.tr("This link cannot be used"), apply_views::link_problem(ctx, e), 410);
}

Response confirm_page(Request& req, Ctx& ctx) {
  const std::string token(req.param("token"));
  auto link = signup::open(ctx, token);
  if (!link) return link_problem(ctx, link.error());
  if (!req.cookie(web::kLanguageCookie) && !ctx.actor.signed_in())
    ctx.tr = Tr(ctx.catalogs, link->language);
  return web::page(ctx, ctx.tr("Choose your password"),
                   apply_views::confirm(ctx, token, *link, {}, nullptr));
}

Response confirm_submit(Request& req, Ctx& ctx) {
  const std::string token(req.param("token"));
  signup::Confirm form{f(req, "name"), f(req, "password"), f(req, "password_again")};
  auto r = signup::confirm(ctx, token, form, req.header("user-agent"));
  if (!r) {
    if (r.error().kind != ErrorKind::invalid) return link_problem(ctx, r.error());
    auto link = signup::open(ctx, token);
    if (!link) return link_problem(ctx, link.error());
    form.password.clear();
    form.password_again.clear();
    return web::form_error_page(ctx, ctx.tr("Choose your password"),
                                apply_views::confirm(ctx, token, *link, form, &r.error()),
                                r.error());
  }
  auth::set_session_cookie(ctx, r->session_token);
  Tr t(ctx.catalogs, r->language);
  return web::redirect_with(ctx, r->call ? "/calls/" + std::to_string(*r->call) : "/applications",
                            "ok", t("Welcome! Your account is ready: you can apply now."));
}

// ------------------------------------------------------------------ form

Response start(Request& req, Ctx& ctx) {
  auto call = req.param_id("id");
  if (!call) return not_found(ctx);
  // A visitor signs up first (or signs in, from the sign-up page).
  if (!ctx.actor.signed_in()) return http::redirect("/apply/signup?call=" + std::to_string(*call));
  auto r = apply::start(ctx, *call);
  if (!r) {
    if (r.error().kind == ErrorKind::conflict)
      return web::page(ctx, ctx.tr("Applications are closed"),
                       "<h1>" + web::escape(ctx.tr("Applications are closed")) + "</h1><p>" +
                           web::escape(ctx.tr.error(r.error())) + "</p>",
                       409);
    return not_found(ctx);
  }
  auto form = apply::open(ctx, *r);
  if (!form) return not_found(ctx);
  return http::redirect(app_path(*r) + "/page/" + std::to_string(form->application.page));
}

long page_number(const Request& req) {
  auto n = parse_whole_number(req.param("n"));
  return n && *n >= 1 && *n <= apply::kPages ? static_cast<long>(*n) : 0;
}

Response page_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  long n = page_number(req);
  if (!id || !n) return not_found(ctx);
  auto form = apply::open(ctx, *id);
  if (!form) return not_found(ctx);
  // Closed, withdrawn or decided: the state page says so.
  if (!form->open || form->application.status == "withdrawn" || !form->application.decision.empty())
    return http::redirect(app_path(*id));
  // Not reached yet: on where the applicant left off.
  if (n > form->application.page)
    return http::redirect(app_path(*id) + "/page/" + std::to_string(form->application.page));
  return web::page(ctx, apply_views::page_title(ctx.tr, n),
                   apply_views::page(ctx, *form, n, nullptr, {}));
}

Response page_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  long n = page_number(req);
  if (!id || !n) return not_found(ctx);
  apply::Fields fields;
  for (const auto& [k, v] : req.form.fields.items)
    if (k != "csrf" && k != "action") fields[k] = v;
  auto saved = apply::save_page(ctx, *id, n, fields, f(req, "action"));
  if (!saved) return refused(ctx, *id, saved.error());
  if (saved->problems.empty())
    return http::redirect(app_path(*id) + "/page/" + std::to_string(saved->next));
  auto form = apply::open(ctx, *id);
  if (!form) return not_found(ctx);
  return web::form_error_page(ctx, apply_views::page_title(ctx.tr, n),
                              apply_views::page(ctx, *form, n, &fields, saved->problems),
                              saved->problems);
}

Response documents_upload(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  std::string filename, data;
  for (const auto& file : req.form.files)
    if (file.field == "file" && !file.filename.empty()) {
      filename = file.filename;
      data = file.data;
    }
  auto st = apply::upload(ctx, *id, f(req, "kind"), filename, data);
  if (!st && st.error().kind != ErrorKind::invalid) return refused(ctx, *id, st.error());
  if (!st) {
    auto form = apply::open(ctx, *id);
    if (!form) return not_found(ctx);
    return web::form_error_page(ctx, apply_views::page_title(ctx.tr, 4),
                                apply_views::page(ctx, *form, 4, nullptr, {st.error()}),
                                st.error());
  }
  return web::redirect_with(ctx, app_path(*id) + "/page/4", "ok",
                            ctx.tr("The document has been uploaded."));
}

Response document_download(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto file = apply::document(ctx, *id, std::string(req.param("kind")));
  if (!file) return web::error_page(ctx, 404, file.error().key);
  Response res;
  res.set("Content-Type", file->document.content_type);
  res.set("Content-Disposition", curriculum::attachment(file->document.filename));
  res.set("Cache-Control", "private, no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(file->data);
  return res;
}

Response document_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = apply::remove_document(ctx, *id, std::string(req.param("kind")));
  if (!st && st.error().kind != ErrorKind::invalid) return refused(ctx, *id, st.error());
  if (!st) {
    auto form = apply::open(ctx, *id);
    if (!form) return not_found(ctx);
    return web::form_error_page(ctx, apply_views::page_title(ctx.tr, 4),
                                apply_views::page(ctx, *form, 4, nullptr, {st.error()}),
                                st.error());
  }
  return web::redirect_with(ctx, app_path(*id) + "/page/4", "ok",
                            ctx.tr("The document has been deleted."));
}

Response submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto r = apply::submit(ctx, *id);
  if (!r) return refused(ctx, *id, r.error());
  if (!r->empty()) {
    auto form = apply::open(ctx, *id);
    if (!form) return not_found(ctx);
    return web::form_error_page(ctx, apply_views::page_title(ctx.tr, 5),
                                apply_views::page(ctx, *form, 5, nullptr, {}), *r);
  }
  return web::redirect_with(ctx, app_path(*id), "ok",
                            ctx.tr("Your application has been sent. A copy is on its way to you "
                                   "by mail."));
}

Response withdraw(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = apply::withdraw(ctx, *id, f(req, "confirm") == "yes");
  if (!st && st.error().kind == ErrorKind::invalid) {
    auto s = apply::status(ctx, *id);
    if (!s) return not_found(ctx);
    return web::form_error_page(ctx, apply_views::call_title(ctx.tr, s->form.call),
                                apply_views::status(ctx, *s, &st.error()), st.error());
  }
  if (!st) return refused(ctx, *id, st.error());
  return web::redirect_with(ctx, app_path(*id), "ok",
                            ctx.tr("Your application has been withdrawn."));
}

Response mine(Request&, Ctx& ctx) {
  auto list = apply::mine(ctx);
  if (!list) return not_found(ctx);
  return web::page(ctx, ctx.tr("My applications"), apply_views::mine(ctx, *list));
}

Response show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto s = apply::status(ctx, *id);
  if (!s) return not_found(ctx);
  return web::page(ctx, apply_views::call_title(ctx.tr, s->form.call),
                   apply_views::status(ctx, *s, nullptr));
}

}  // namespace

void register_apply_routes(app::Router& r) {
  r.get("/apply/signup", signup_page);
  r.post("/apply/signup", signup_submit);
  r.get("/apply/confirm/{token}", confirm_page);
  r.post("/apply/confirm/{token}", confirm_submit, http::Pool::auth);
  r.post("/calls/{id}/apply", start);
  r.get("/applications", mine);
  r.get("/applications/{id}", show);
  r.get("/applications/{id}/page/{n}", page_show);
  r.post("/applications/{id}/page/{n}", page_save);
  r.post_files("/applications/{id}/documents", documents_upload);
  r.get("/applications/{id}/documents/{kind}", document_download);
  r.post("/applications/{id}/documents/{kind}/delete", document_delete);
  r.post("/applications/{id}/submit", submit);
  r.post("/applications/{id}/withdraw", withdraw);
}

}  // namespace crm::admissions
