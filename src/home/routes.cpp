#include "home/routes.hpp"

#include "auth/service.hpp"
#include "curriculum/timetable.hpp"
#include "home/views.hpp"
#include "imports/service.hpp"
#include "privacy/service.hpp"
#include "programme/programmes.hpp"
#include "programme/service.hpp"
#include "web/cookies.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::home {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

// A visitor learns what the programme is; someone signed in finds their
// next step (home/views.hpp).
Response start(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) {
    views::Welcome w;
    auto id = programme::home_programme(ctx);
    if (id && *id > 0) {
      if (auto o = programme::overview(ctx, *id)) w.programme = std::move(o->programme);
    } else if (id) {
      w.programmes = programme::programmes(ctx).items;
    }
    auto title = w.programme ? w.programme->name : ctx.tr("Welcome");
    web::PageHead head;
    if (w.programme) head.description = w.programme->description;
    return web::page(ctx, title, views::welcome(ctx, w), 200, head);
  }
  // An applicant's account has nothing but its applications.
  if (ctx.actor.role == auth::Role::applicant) return http::redirect("/applications");
  views::Dashboard d;
  d.cohorts = programme::my_cohorts(ctx);
  d.team = ctx.actor.role == auth::Role::staff;
  views::add_import_tasks(ctx, imports::open_imports(ctx), d.tasks);
  if (auth::policy::can_invite(ctx.actor.role, auth::Role::participant)) {
    auto s = auth::invitation_summary(ctx);
    if (s) d.invitations = std::move(*s);
  }
  d.erasures = privacy::pending_erasure_requests(ctx);
  if (curriculum::shows_next_sessions(ctx)) d.next_sessions = curriculum::next_sessions(ctx, 3);
  return web::page(ctx, ctx.tr("Dashboard"), views::dashboard(ctx, d));
}

Response language(Request& req, Ctx& ctx) {
  auto lang = req.form.fields.value("language");
  if (!is_language(lang)) return web::error_page(ctx, 422);
  // For this browser only: peeking at a page in another language leaves the
  // account's saved language alone (that is changed on the account page).
  ctx.set_cookies.push_back(web::cookie(ctx.config, web::kLanguageCookie, lang, 31536000));
  // Only a same-site path, rebuilt and encoded: the switcher can neither send
  // people elsewhere nor carry a line break into the Location header.
  return http::redirect(http::local_target(req.form.fields.value("next")));
}

// 200 when this worker's query answers and no other worker is without its
// database connection (each reconnects by itself; see app/worker.hpp).
Response healthz(Request&, Ctx& ctx) {
  bool up = ctx.db.ping() && ctx.workers_connected;
  auto r = http::text(up ? 200 : 503, up ? "ok\n" : "database unavailable\n");
  r.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/", start);
  r.post("/language", language);
  r.get("/healthz", healthz);
}

}  // namespace crm::home
