#include "home/routes.hpp"

#include "auth/service.hpp"
#include "auth/views.hpp"
#include "privacy/service.hpp"
#include "web/cookies.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::home {

namespace {

using http::Request;
using http::Response;
using web::Ctx;
using web::Html;

std::string welcome(const Ctx& ctx) {
  const auto& t = ctx.tr;
  Html h;
  h.open("section", {{"class", "hero"}});
  h.el("h1", t("Circular and Return Migration Management"));
  h.el("p", t("A continuing-education programme for professionals who work on circular migration, "
              "voluntary return and reintegration."));
  h.open("p")
      .open("a", {{"href", "/login"}, {"class", "button primary"}})
      .text(t("Log in"))
      .close("a")
      .close("p");
  h.close("section");
  return std::move(h).str();
}

// Staff hear of erasure requests where they start, not only from /erasure-requests.
void erasure_card(Html& h, const Ctx& ctx, long pending) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", pending ? "card attention" : "card"}, {"id", "erasure-requests"}});
  h.el("h2", t("Erasure requests"));
  h.el("p", {{"data-pending", std::to_string(pending)}},
       pending ? t.plural("{n} request waits for you.", "{n} requests wait for you.", pending)
               : t("No request is waiting."));
  h.open("p")
      .open("a", {{"href", "/erasure-requests"}, {"class", pending ? "button primary" : "button"}})
      .text(t("See the erasure requests"))
      .close("a")
      .close("p");
  h.close("section");
}

std::string dashboard(const Ctx& ctx, const auth::InvitationSummary* sent,
                      std::optional<long> erasures) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Welcome, {name}", {{"name", ctx.actor.name}}));
  h.open("div", {{"class", "cards"}});
  if (erasures) erasure_card(h, ctx, *erasures);
  h.open("section", {{"class", "card"}});
  h.el("h2", t("Your profile"));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Name")).el("dd", {{"dir", "auto"}}, ctx.actor.name);
  h.el("dt", t("Email address")).open("dd").el("bdi", ctx.actor.email).close("dd");
  h.el("dt", t("Role")).el("dd", t(auth::role_label(ctx.actor.role)));
  h.el("dt", t("Time zone")).el("dd", {{"dir", "ltr"}}, ctx.actor.time_zone);
  h.close("dl");
  h.open("p").open("a", {{"href", "/account"}}).text(t("Edit your account")).close("a").close("p");
  h.close("section");
  if (sent) {
    h.open("section", {{"class", "card"}});
    h.el("h2", t("Invitations you sent"));
    h.open("ul", {{"class", "plain"}});
    h.el("li", t.plural("{n} invitation sent", "{n} invitations sent", sent->total));
    h.el("li", t.plural("{n} waiting for an answer", "{n} waiting for an answer", sent->open));
    h.el("li", t.plural("{n} accepted", "{n} accepted", sent->accepted));
    h.close("ul");
    if (!sent->latest.empty()) {
      h.el("h3", t("Latest"));
      h.open("ul", {{"class", "recent"}});
      for (const auto& i : sent->latest)
        h.open("li")
            .el("bdi", i.name)
            .text(" — ")
            .text(auth::views::invitation_status(ctx, i))
            .text(" · ")
            .text(t.date(i.created_at))
            .close("li");
      h.close("ul");
    }
    h.open("p")
        .open("a", {{"href", "/invitations"}, {"class", "button"}})
        .text(t("Invite someone"))
        .close("a")
        .close("p");
    h.close("section");
  }
  h.close("div");
  return std::move(h).str();
}

Response start(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return web::page(ctx, ctx.tr("Welcome"), welcome(ctx));
  std::optional<auth::InvitationSummary> sent;
  if (auth::policy::can_invite(ctx.actor.role, auth::Role::participant)) {
    auto s = auth::invitation_summary(ctx);
    if (s) sent = std::move(*s);
  }
  auto erasures = privacy::pending_erasure_requests(ctx);
  return web::page(ctx, ctx.tr("Dashboard"), dashboard(ctx, sent ? &*sent : nullptr, erasures));
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
