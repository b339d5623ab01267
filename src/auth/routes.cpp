#include "auth/routes.hpp"

#include "auth/service.hpp"
#include "auth/views.hpp"
#include "web/cookies.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::auth {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

// Where to go once signed in: a page of this site only (http::return_target).
std::string next_of(const Request& req) {
  return http::return_target(req.method == "POST" ? f(req, "next") : req.query.value("next"));
}

// "/login/2fa", with the page to go to after it.
std::string second_factor_path(const std::string& next) {
  if (next == "/") return "/login/2fa";
  return "/login/2fa?" + http::encode_query(http::Fields{{{"next", next}}});
}

Response login_page(Request& req, Ctx& ctx) {
  if (ctx.actor.signed_in()) return http::redirect(next_of(req));
  return web::page(ctx, ctx.tr("Log in"), views::login(ctx, "", nullptr, 0, next_of(req)));
}

// A 429 says when to come back.
Response with_retry_after(Response res, int64_t seconds) {
  if (seconds > 0) res.set("Retry-After", std::to_string(seconds));
  return res;
}

Response login_submit(Request& req, Ctx& ctx) {
  int64_t wait = 0;
  auto r = login(ctx, f(req, "email"), f(req, "password"),
                 Browser{req.header("user-agent"), req.cookie(web::kDeviceCookie)}, wait);
  if (!r)
    return with_retry_after(
        web::form_error_page(ctx, ctx.tr("Log in"),
                             views::login(ctx, f(req, "email"), &r.error(), wait, next_of(req)),
                             r.error(), web::status_of(r.error())),
        wait);
  set_session_cookie(ctx, r->token);
  return http::redirect(r->needs_second_factor ? second_factor_path(next_of(req)) : next_of(req));
}

Response second_factor_page(Request& req, Ctx& ctx) {
  if (!ctx.pending_account) return http::redirect(ctx.actor.signed_in() ? "/" : "/login");
  return web::page(ctx, ctx.tr("Two-factor sign-in"),
                   views::second_factor(ctx, nullptr, 0, next_of(req)));
}

Response second_factor_submit(Request& req, Ctx& ctx) {
  if (!ctx.pending_account) return http::redirect("/login");
  int64_t wait = 0;
  auto st = second_factor(ctx, ctx.pending_account, ascii_digits(f(req, "code")),
                          req.cookie(web::kDeviceCookie), wait);
  if (!st)
    return with_retry_after(
        web::form_error_page(ctx, ctx.tr("Two-factor sign-in"),
                             views::second_factor(ctx, &st.error(), wait, next_of(req)), st.error(),
                             web::status_of(st.error())),
        wait);
  return http::redirect(next_of(req));
}

// Signing out also empties what the browser kept for reading offline (the
// service worker's pages, web/assets/sw.js): the next person on a shared
// device must not find them. app.js does it first; this covers a browser
// where the script did not run.
Response forget_offline_copies(Response r) {
  r.set("Clear-Site-Data", "\"storage\"");
  return r;
}

Response logout_submit(Request&, Ctx& ctx) {
  logout(ctx);
  return forget_offline_copies(
      web::redirect_with(ctx, "/login", "ok", ctx.tr("You are logged out.")));
}

Response logout_everywhere_submit(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  logout_everywhere(ctx);
  return forget_offline_copies(
      web::redirect_with(ctx, "/login", "ok", ctx.tr("You are logged out on every device.")));
}

Response forgot_page(Request&, Ctx& ctx) {
  return web::page(ctx, ctx.tr("Forgot your password?"), views::forgot(ctx, "", false, nullptr));
}

Response forgot_submit(Request& req, Ctx& ctx) {
  auto email = f(req, "email");
  if (!plausible_email(normalise_email(email))) {
    Error e = invalid("email", N_("Enter a valid email address."));
    return web::form_error_page(ctx, ctx.tr("Forgot your password?"),
                                views::forgot(ctx, email, false, &e), e);
  }
  request_password_reset(ctx, email);
  return web::page(ctx, ctx.tr("Forgot your password?"), views::forgot(ctx, "", true, nullptr));
}

Response link_problem(Ctx& ctx, const Error& e, const char* link, const char* label) {
  if (e.kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("This link cannot be used"),
                   views::message(ctx, ctx.tr("This link cannot be used"), ctx.tr.key(e.key), link,
                                  ctx.tr(label)),
                   web::status_of(e));
}

Response reset_page(Request& req, Ctx& ctx) {
  auto token = req.param("token");
  auto st = check_reset_token(ctx, token);
  if (!st) return link_problem(ctx, st.error(), "/password/forgot", N_("Ask for a new link"));
  return web::page(ctx, ctx.tr("Choose a new password"), views::reset(ctx, token, nullptr));
}

Response reset_submit(Request& req, Ctx& ctx) {
  auto token = req.param("token");
  auto st = reset_password(ctx, token, f(req, "password"), f(req, "password_again"),
                           req.cookie(web::kDeviceCookie));
  if (!st) {
    if (st.error().kind != ErrorKind::invalid)
      return link_problem(ctx, st.error(), "/password/forgot", N_("Ask for a new link"));
    return web::form_error_page(ctx, ctx.tr("Choose a new password"),
                                views::reset(ctx, token, &st.error()), st.error());
  }
  return web::redirect_with(ctx, "/login", "ok",
                            ctx.tr("Your password has been changed. Please log in."));
}

Response accept_page(Request& req, Ctx& ctx) {
  auto token = req.param("token");
  auto inv = open_invitation(ctx, token);
  if (!inv) return link_problem(ctx, inv.error(), "/login", N_("Log in"));
  // The invitee has not chosen a language in crm yet: speak the one staff
  // chose for the invitation (the switcher still overrides it).
  if (!req.cookie(web::kLanguageCookie) && !ctx.actor.signed_in())
    ctx.tr = Tr(ctx.catalogs, inv->language);
  AcceptForm form{inv->name, "", "", inv->language, "UTC"};
  return web::page(ctx, ctx.tr("Welcome to crm"), views::accept(ctx, token, *inv, form, nullptr));
}

Response accept_submit(Request& req, Ctx& ctx) {
  auto token = req.param("token");
  AcceptForm form{f(req, "name"), f(req, "password"), f(req, "password_again"), f(req, "language"),
                  f(req, "time_zone")};
  auto r = accept_invitation(ctx, token, form, req.header("user-agent"));
  if (!r) {
    if (r.error().kind != ErrorKind::invalid)
      return link_problem(ctx, r.error(), "/login", N_("Log in"));
    auto inv = open_invitation(ctx, token);
    if (!inv) return link_problem(ctx, inv.error(), "/login", N_("Log in"));
    return web::form_error_page(ctx, ctx.tr("Welcome to crm"),
                                views::accept(ctx, token, *inv, form, &r.error()), r.error());
  }
  set_session_cookie(ctx, r->token);
  // The new account's language applies from the next page on.
  Tr t(ctx.catalogs, form.language);
  return web::redirect_with(ctx, "/", "ok", t("Welcome! Your account is ready."));
}

Response invitations_page(Request& req, Ctx& ctx) {
  long page = web::page_param(req.query.value("page"));
  auto list = invitations(ctx, 25, (page - 1) * 25);
  if (!list) return web::error_page(ctx, web::status_of(list.error()));
  return web::page(ctx, ctx.tr("Invitations"),
                   views::invitations(ctx, *list, page, InviteForm{}, nullptr));
}

Response invite_submit(Request& req, Ctx& ctx) {
  InviteForm form{f(req, "email"), f(req, "name"), f(req, "role"), f(req, "language")};
  auto st = invite(ctx, form);
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    auto list = invitations(ctx, 25, 0);
    if (!list) return web::error_page(ctx, web::status_of(list.error()));
    return web::form_error_page(ctx, ctx.tr("Invitations"),
                                views::invitations(ctx, *list, 1, form, &st.error()), st.error());
  }
  return web::redirect_with(
      ctx, "/invitations", "ok",
      ctx.tr("The invitation to {email} is on its way.", {{"email", normalise_email(form.email)}}));
}

Response revoke_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto st = revoke_invitation(ctx, *id);
  if (!st) return web::error_page(ctx, web::status_of(st.error()));
  return web::redirect_with(ctx, "/invitations", "ok",
                            ctx.tr("The invitation has been withdrawn."));
}

Response account_view(Ctx& ctx, const Preferences& p, const Error* pe, const Error* pw,
                      int status) {
  std::vector<Error> errors;
  if (pe) errors.push_back(*pe);
  if (pw) errors.push_back(*pw);
  return web::form_error_page(ctx, ctx.tr("Your account"), views::account(ctx, p, pe, pw), errors,
                              status);
}

Response account_page(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  return account_view(ctx, {ctx.actor.name, ctx.actor.language, ctx.actor.time_zone}, nullptr,
                      nullptr, 200);
}

Response account_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  Preferences p{f(req, "name"), f(req, "language"), f(req, "time_zone")};
  auto st = update_preferences(ctx, p);
  if (!st) return account_view(ctx, p, &st.error(), nullptr, web::status_of(st.error()));
  // The saved language applies in this browser at once, whatever it picked before.
  ctx.set_cookies.push_back(web::cookie(ctx.config, web::kLanguageCookie, p.language, 31536000));
  Tr t(ctx.catalogs, p.language);
  return web::redirect_with(ctx, "/account", "ok", t("Your changes have been saved."));
}

Response password_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto st = change_password(ctx, f(req, "current"), f(req, "password"), f(req, "password_again"));
  if (!st)
    return account_view(ctx, {ctx.actor.name, ctx.actor.language, ctx.actor.time_zone}, nullptr,
                        &st.error(), web::status_of(st.error()));
  return web::redirect_with(ctx, "/account", "ok", ctx.tr("Your password has been changed."));
}

Response enrol_page(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  if (ctx.actor.totp_enabled) return http::redirect("/account");
  auto e = begin_totp(ctx);
  if (!e) return web::error_page(ctx, web::status_of(e.error()));
  return web::page(ctx, ctx.tr("Turn on two-factor sign-in"), views::enrol(ctx, *e, nullptr));
}

Response enrol_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto codes = confirm_totp(ctx, ascii_digits(f(req, "code")));
  if (!codes) {
    if (codes.error().kind != ErrorKind::invalid)
      return web::error_page(ctx, web::status_of(codes.error()));
    // A fresh secret: the page shows a new QR code, and the error.
    auto e = begin_totp(ctx);
    if (!e) return web::error_page(ctx, web::status_of(e.error()));
    return web::form_error_page(ctx, ctx.tr("Turn on two-factor sign-in"),
                                views::enrol(ctx, *e, &codes.error()), codes.error());
  }
  return web::page(ctx, ctx.tr("Two-factor sign-in is on"), views::recovery_codes(ctx, *codes));
}

Response audit_page(Request& req, Ctx& ctx) {
  long page = web::page_param(req.query.value("page"));
  auto p = audit_log(ctx, 50, (page - 1) * 50);
  if (!p) return web::error_page(ctx, web::status_of(p.error()));
  return web::page(ctx, ctx.tr("Audit log"), views::audit(ctx, *p, page));
}

}  // namespace

void register_routes(app::Router& r) {
  using http::Pool;
  // Handlers that hash or verify passwords run on the auth pool.
  r.get("/login", login_page);
  r.post("/login", login_submit, Pool::auth);
  r.get("/login/2fa", second_factor_page);
  r.post("/login/2fa", second_factor_submit);
  r.post("/logout", logout_submit);
  r.post("/logout/everywhere", logout_everywhere_submit);
  r.get("/password/forgot", forgot_page);
  r.post("/password/forgot", forgot_submit);
  r.get("/password/reset/{token}", reset_page);
  r.post("/password/reset/{token}", reset_submit, Pool::auth);
  r.get("/invite/{token}", accept_page);
  r.post("/invite/{token}", accept_submit, Pool::auth);
  r.get("/invitations", invitations_page);
  r.post("/invitations", invite_submit);
  r.post("/invitations/{id}/revoke", revoke_submit);
  r.get("/account", account_page);
  r.post("/account", account_submit);
  r.post("/account/password", password_submit, Pool::auth);
  r.get("/account/2fa", enrol_page);
  r.post("/account/2fa", enrol_submit);
  r.get("/admin/audit", audit_page);
}

}  // namespace crm::auth
