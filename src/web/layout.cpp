#include "web/layout.hpp"

#include <fmt/format.h>
#include <initializer_list>

#include "admissions/policy.hpp"
#include "curriculum/policy.hpp"
#include "jobs/policy.hpp"
#include "knowledge/policy.hpp"
#include "papers/policy.hpp"
#include "privacy/policy.hpp"
#include "surveys/policy.hpp"
#include "web/forms.hpp"

namespace crm::web {

namespace {

// `site`: the site's name (Ctx::site_name), "crm" when there is none; the
// page's title comes first, and the start page's title is the site's name.
void head(Html& h, const Tr& tr, const Assets& assets, std::string_view title,
          const PageHead& extra = {}, std::string_view site = {}) {
  if (site.empty()) site = "crm";
  h.raw_trusted("<!doctype html>");
  h.open("html", {{"lang", tr.language()}, {"dir", tr.dir()}});
  h.open("head");
  h.empty("meta", {{"charset", "utf-8"}});
  h.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  h.el("title", {},
       title == site ? std::string(site) : std::string(title) + " · " + std::string(site));
  h.empty("meta", {{"name", "description"},
                   {"content", extra.description.empty()
                                   ? tr("crm, the platform of a continuing-education programme "
                                        "on circular migration, voluntary return and "
                                        "reintegration: its cohorts, its people and their data.")
                                   : extra.description}});
  h.empty("link", {{"rel", "stylesheet"}, {"href", assets.url("app.css")}});
  h.empty("link", {{"rel", "icon"}, {"href", assets.url("icon.svg")}, {"type", "image/svg+xml"}});
  h.open("script", {{"src", assets.url("app.js")}, {"defer", ""}}).close("script");
  if (extra.refresh_seconds > 0)
    h.open("noscript")
        .empty("meta",
               {{"http-equiv", "refresh"}, {"content", std::to_string(extra.refresh_seconds)}})
        .close("noscript");
  h.close("head");
}

// `also`: path prefixes of pages that belong to this link's section (the
// cohort pages belong to the programme).
void nav_link(Html& h, const Ctx& ctx, std::string_view href, const std::string& label,
              std::initializer_list<std::string_view> also = {}) {
  bool current = ctx.path == href || (href != "/" && ctx.path.starts_with(std::string(href) + "/"));
  for (auto prefix : also) current = current || ctx.path.starts_with(prefix);
  h.open("li")
      .open("a", {{"href", href}, {"?aria-current", current ? "page" : ""}})
      .text(label)
      .close("a")
      .close("li");
}

void navigation(Html& h, const Ctx& ctx) {
  const auto& t = ctx.tr;
  h.open("header", {{"class", "site"}});
  h.open("a", {{"class", "brand"}, {"href", "/"}}).text("crm").close("a");
  // On a phone the navigation, the languages and logging out fold into one
  // menu, so that the header is a single short row; a <details> opens without
  // JavaScript. On wider screens app.css shows its content inline and hides
  // the summary.
  h.open("details", {{"class", "menu"}});
  h.el("summary", t("Menu"));
  h.open("div", {{"class", "menu-body"}});
  h.open("nav", {{"aria-label", t("Main")}}).open("ul", {{"class", "nav"}});
  // An applicant sees their applications, the public pages and their
  // account, nothing else (admissions/policy.hpp).
  if (ctx.actor.role == auth::Role::applicant) {
    nav_link(h, ctx, "/applications", t("My applications"), {"/apply/"});
    nav_link(h, ctx, "/account", t("Account"));
  } else if (ctx.actor.signed_in()) {
    nav_link(h, ctx, "/", t("Dashboard"));
    // Admins run several programmes: the list. Everyone else: /programme,
    // which shows their programme, or the list when they belong to several
    // (programme/programmes.hpp); so the menu needs no query of its own.
    if (ctx.actor.role == auth::Role::admin)
      nav_link(h, ctx, "/programmes", t("Programmes"), {"/programme", "/cohorts/", "/imports/"});
    else
      nav_link(h, ctx, "/programme", t("Programme"), {"/programmes", "/cohorts/", "/imports/"});
    // Those who attend or teach sessions find their own timetable (and its
    // calendar address) here; staff reach timetables through the cohorts.
    if (ctx.actor.role == auth::Role::participant || ctx.actor.role == auth::Role::lecturer)
      nav_link(h, ctx, "/timetable", t("My timetable"), {"/calendar"});
    // Final papers: one's own and those one supervises (/papers).
    if (ctx.actor.role == auth::Role::participant || ctx.actor.role == auth::Role::lecturer ||
        ctx.actor.role == auth::Role::alumnus)
      nav_link(h, ctx, "/papers", t("Final papers"), {"/paper-versions/"});
    // Reviews of applications (admissions/review_service.hpp): lecturers and
    // members of the steering committee find the ones assigned to them here;
    // staff reach them from the calls they manage.
    if (ctx.actor.role == auth::Role::lecturer || ctx.actor.role == auth::Role::stakeholder)
      nav_link(h, ctx, "/reviews", t("My reviews"));
    // Practice projects for everyone taking part; curated resources for staff.
    if (papers::policy::can_see_projects(ctx.actor.role, true))
      nav_link(h, ctx, "/projects", t("Projects"));
    if (knowledge::policy::can_curate(ctx.actor.role, true))
      nav_link(h, ctx, "/resources", t("Resources"));
    // Surveys: staff build and send them (surveys/service.hpp).
    if (surveys::policy::can_manage_surveys(ctx.actor.role, true))
      nav_link(h, ctx, "/surveys", t("Surveys"), {"/rounds/"});
    // Calls for applications: staff write them (admissions/call_service.hpp).
    if (admissions::policy::can_manage_calls(ctx.actor.role, true))
      nav_link(h, ctx, "/calls/manage", t("Calls"), {"/calls/"});
    // The funder's indicator report (reports/service.hpp): staff.
    if (surveys::policy::can_see_indicator_report(ctx.actor.role, true))
      nav_link(h, ctx, "/reports/indicators", t("Indicator report"));
    if (auth::policy::can_invite(ctx.actor.role, auth::Role::participant))
      nav_link(h, ctx, "/invitations", t("Invitations"));
    if (auth::policy::can_read_audit_log(ctx.actor.role))
      nav_link(h, ctx, "/admin/audit", t("Audit log"));
    if (jobs::policy::can_manage_jobs(ctx.actor.role)) nav_link(h, ctx, "/admin/jobs", t("Jobs"));
    if (privacy::policy::can_see_erasure_requests(ctx.actor.role))
      nav_link(h, ctx, "/erasure-requests", t("Erasure requests"));
    if (curriculum::policy::can_see_own_attendance(ctx.actor.role))
      nav_link(h, ctx, "/attendance", t("My attendance"));
    // Spaces (spaces/thread_service.hpp): everyone who can be in one; an
    // administrator is in none unless added, and then finds them here too.
    nav_link(h, ctx, "/spaces", t("Spaces"), {"/threads/", "/posts/"});
    nav_link(h, ctx, "/knowledge", t("Knowledge base"));
    nav_link(h, ctx, "/profile", t("My profile"));
    nav_link(h, ctx, "/account", t("Account"));
  } else {
    // The open calls, for everyone without an account.
    nav_link(h, ctx, "/calls", t("Calls for applications"));
  }
  h.close("ul").close("nav");
  h.open("div", {{"class", "tools"}});
  h.open("form", {{"method", "post"}, {"action", "/language"}, {"class", "languages"}});
  csrf_field(h, ctx);
  // Encoded, so the path of a crafted link cannot carry a line break into the
  // redirect (the switcher checks it again: http::local_target).
  h.empty("input", {{"type", "hidden"}, {"name", "next"}, {"value", ctx.target}});
  h.open("span", {{"class", "visually-hidden"}}).text(t("Language")).close("span");
  for (const auto& l : languages()) {
    bool current = l.code == t.language();
    h.open("button", {{"type", "submit"},
                      {"name", "language"},
                      {"value", l.code},
                      {"lang", l.code},
                      {"dir", l.rtl ? "rtl" : "ltr"},
                      {"?aria-current", current ? "true" : ""}})
        .text(l.native)
        .close("button");
  }
  h.close("form");
  if (ctx.actor.signed_in() && ctx.actor.role != auth::Role::applicant) {
    // The count comes with the session (auth/store.cpp): no query of its own.
    // The count stops at kUnreadCap: past it the header says "99+".
    const long n = ctx.actor.unread_notifications;
    const bool capped = n >= auth::kUnreadCap;
    const long shown = capped ? auth::kUnreadCap - 1 : n;
    std::string label = capped ? t("Notifications: more than {n} unread", {{"n", t.number(shown)}})
                        : n > 0
                            ? t.plural("Notifications: {n} unread", "Notifications: {n} unread", n)
                            : t("Notifications: none unread");
    h.open("a", {{"href", "/notifications"},
                 {"class", n > 0 ? "notifications unread" : "notifications"},
                 {"aria-label", label}})
        .text(t("Notifications"));
    if (n > 0) h.text(" (" + t.number(shown) + (capped ? "+)" : ")"));
    h.close("a");
  }
  if (ctx.actor.signed_in()) {
    h.open("form", {{"method", "post"}, {"action", "/logout"}, {"class", "logout"}});
    csrf_field(h, ctx);
    h.open("button", {{"type", "submit"}, {"class", "link"}}).text(t("Log out")).close("button");
    h.close("form");
  } else {
    h.open("a", {{"href", "/login"}, {"class", "button"}}).text(t("Log in")).close("a");
  }
  h.close("div");
  h.close("div").close("details");
  h.close("header");
}

void flash(Html& h, const std::optional<Flash>& f) {
  if (!f) return;
  h.open("div", {{"class", "flash " + f->kind}, {"role", f->kind == "error" ? "alert" : "status"}})
      .text(f->message)
      .close("div");
}

// Shown by app.js only on a copy the service worker saved for reading offline
// (sw.js): hidden on every page the server sends.
void offline_note(Html& h, const Tr& t) {
  const std::string text =
      t("This is a copy saved for reading offline on {time}. It may not be up to date.");
  const auto at = text.find("{time}");
  h.open("p",
         {{"id", "offline-note"}, {"class", "flash offline"}, {"role", "status"}, {"hidden", ""}});
  if (at == std::string::npos) {
    h.text(text);
  } else {
    h.text(text.substr(0, at)).el("time", "").text(text.substr(at + 6));
  }
  h.close("p");
}

// The programme the site is for, and the software it runs on.
void footer(Html& h, const Tr& t, const std::string& site) {
  h.open("footer", {{"class", "site"}}).open("p");
  if (!site.empty()) h.el("bdi", site).text(" — ");
  h.text(t("run with crm")).close("p").close("footer");
}

// Dynamic pages are personal: never stored by a cache.
http::Response html_response(int status, Html&& h) {
  http::Response r;
  r.status = status;
  r.set("Content-Type", "text/html; charset=utf-8");
  r.set("Cache-Control", "no-store");
  r.body = std::move(h).str();
  return r;
}

}  // namespace

void security_headers(http::Response& res, bool tls) {
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
          "base-uri 'none'; object-src 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "same-origin");
  if (tls) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

http::Response page(Ctx& ctx, std::string_view title, std::string main_html, int status) {
  return page(ctx, title, std::move(main_html), status, PageHead{});
}

http::Response page(Ctx& ctx, std::string_view title, std::string main_html, int status,
                    const PageHead& extra) {
  Html h;
  head(h, ctx.tr, ctx.assets, title, extra, ctx.site_name);
  h.open("body");
  h.open("a", {{"class", "skip"}, {"href", "#main"}}).text(ctx.tr("Skip to content")).close("a");
  navigation(h, ctx);
  h.open("main", {{"id", "main"}});
  flash(h, ctx.flash);
  h.raw_trusted(label_table_cells(main_html));
  // At the end, so an error summary stays the first thing in <main>; app.js
  // moves it to the top when it shows it.
  if (ctx.actor.signed_in()) offline_note(h, ctx.tr);
  h.close("main");
  footer(h, ctx.tr, ctx.site_name);
  h.close("body").close("html");
  return html_response(status, std::move(h));
}

const char* status_title(int status) {
  switch (status) {
    case 400:
      return N_("Bad request");
    case 403:
      return N_("Not allowed");
    case 404:
      return N_("Page not found");
    case 405:
      return N_("Method not allowed");
    case 409:
      return N_("Already done");
    case 413:
      return N_("Too large");
    case 422:
      return N_("Please check your input");
    case 429:
      return N_("Too many attempts");
    case 431:
      return N_("Request headers too large");
    case 503:
      return N_("Busy");
    default:
      return N_("Something went wrong");
  }
}

const char* status_explanation(int status) {
  switch (status) {
    case 400:
      return N_("The request could not be read. Please go back and try again.");
    case 403:
      return N_(
          "This form has expired or was not sent from crm. Please go back, reload the page and try "
          "again.");
    case 404:
      return N_("There is no page at this address, or you may not see it.");
    case 405:
      return N_("This address does not accept that kind of request.");
    case 409:
      return N_("This has already been done.");
    case 413:
      return N_("What you sent is larger than crm accepts.");
    case 422:
      return N_("Some of what you entered could not be used.");
    case 429:
      return N_("Please wait a little and try again.");
    case 431:
      return N_(
          "Your browser sent more header data than crm accepts. Deleting this site's cookies may "
          "help.");
    case 503:
      return N_("crm is very busy right now. Please try again in a moment.");
    default:
      return N_(
          "crm could not answer this request. The team has been told; please quote the reference "
          "below.");
  }
}

namespace {
std::string error_main(const Tr& t, int status, std::string_view message_key,
                       std::string_view request_id) {
  Html h;
  h.open("section", {{"class", "error-page"}});
  h.el("h1", t(status_title(status)));
  h.el("p", message_key.empty() ? t(status_explanation(status)) : t.key(std::string(message_key)));
  if (status >= 500)
    h.el("p", {{"class", "muted"}}, t("Reference: {id}", {{"id", std::string(request_id)}}));
  h.open("p").open("a", {{"href", "/"}}).text(t("Go to the start page")).close("a").close("p");
  h.close("section");
  return std::move(h).str();
}
}  // namespace

http::Response error_page(Ctx& ctx, int status, std::string_view message_key) {
  return page(ctx, ctx.tr(status_title(status)),
              error_main(ctx.tr, status, message_key, ctx.request_id), status);
}

http::Response bare_error_page(const Tr& t, const Assets& assets, int status,
                               std::string_view request_id) {
  Html h;
  head(h, t, assets, t(status_title(status)));
  h.open("body").open("main", {{"id", "main"}});
  h.raw_trusted(error_main(t, status, {}, request_id));
  h.close("main").close("body").close("html");
  return html_response(status, std::move(h));
}

http::Response redirect_with(Ctx& ctx, std::string location, std::string kind,
                             std::string message) {
  ctx.next_flash = Flash{std::move(kind), std::move(message)};
  return http::redirect(std::move(location));
}

int status_of(const Error& e) {
  switch (e.kind) {
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::throttled:
      return 429;
    case ErrorKind::invalid:
      break;
  }
  return 422;
}

}  // namespace crm::web
