#include "home/views.hpp"

#include "auth/views.hpp"
#include "curriculum/timetable_views.hpp"
#include "web/html.hpp"

namespace crm::home::views {

namespace {

using web::Html;

std::string cohort_path(const programme::Cohort& c) {
  return "/cohorts/" + std::to_string(c.id);
}

void cohorts_card(Html& h, const web::Ctx& ctx, const Dashboard& d) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"aria-labelledby", "cohorts-title"}});
  h.el("h2", {{"id", "cohorts-title"}},
       d.team ? t("Cohorts of your programmes")
              : t.plural("Your cohort", "Your cohorts", static_cast<long>(d.cohorts.size())));
  if (d.cohorts.empty()) {
    h.el("p", t("You are not taking part in a cohort yet."));
  } else {
    h.open("ul", {{"class", "plain next-steps"}});
    for (const auto& c : d.cohorts) {
      h.open("li");
      h.open("a", {{"href", cohort_path(c)}}).el("bdi", c.name).close("a");
      h.text(" ").el(
          "span", {{"class", "muted"}},
          t("{start} – {end}", {{"start", t.date(c.starts_on)}, {"end", t.date(c.ends_on)}}));
      h.text(" · ")
          .open("a", {{"href", cohort_path(c) + "#people"}})
          .text(t("Its people"))
          .close("a");
      h.close("li");
    }
    h.close("ul");
  }
  h.open("p")
      .open("a", {{"href", "/programme"}})
      .text(t("The programme and all its cohorts"))
      .close("a")
      .close("p");
  h.close("section");
}

void tasks_card(Html& h, const web::Ctx& ctx, const std::vector<Task>& tasks) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"aria-labelledby", "tasks-title"}});
  h.el("h2", {{"id", "tasks-title"}}, t("Open tasks"));
  if (tasks.empty()) {
    h.el("p", t("Nothing is waiting for you."));
  } else {
    h.open("ul", {{"class", "plain next-steps"}});
    for (const auto& task : tasks) {
      h.open("li").open("a", {{"href", task.href}}).text(task.text);
      if (!task.subject.empty()) h.text(" ").el("bdi", task.subject);
      h.close("a");
      if (!task.where.empty() || !task.detail.empty()) {
        h.text(" ").open("span", {{"class", "muted"}});
        if (!task.where.empty()) h.el("bdi", task.where);
        if (!task.where.empty() && !task.detail.empty()) h.text(" · ");
        h.text(task.detail);
        h.close("span");
      }
      h.close("li");
    }
    h.close("ul");
  }
  h.close("section");
}

void invitations_card(Html& h, const web::Ctx& ctx, const auth::InvitationSummary& sent) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}});
  h.el("h2", t("Invitations you sent"));
  h.open("ul", {{"class", "plain"}});
  h.el("li", t.plural("{n} invitation sent", "{n} invitations sent", sent.total));
  h.el("li", t.plural("{n} waiting for an answer", "{n} waiting for an answer", sent.open));
  h.el("li", t.plural("{n} accepted", "{n} accepted", sent.accepted));
  h.close("ul");
  if (!sent.latest.empty()) {
    h.el("h3", t("Latest"));
    h.open("ul", {{"class", "recent"}});
    for (const auto& i : sent.latest)
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

void profile_card(Html& h, const web::Ctx& ctx) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}});
  h.el("h2", t("Your profile"));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Name")).open("dd").el("bdi", ctx.actor.name).close("dd");
  h.el("dt", t("Email address")).open("dd").el("bdi", ctx.actor.email).close("dd");
  h.el("dt", t("Role")).el("dd", t(auth::role_label(ctx.actor.role)));
  h.el("dt", t("Time zone")).el("dd", {{"dir", "ltr"}}, ctx.actor.time_zone);
  h.close("dl");
  h.open("p").open("a", {{"href", "/account"}}).text(t("Edit your account")).close("a").close("p");
  h.close("section");
}

}  // namespace

std::string welcome(const web::Ctx& ctx, const Welcome& w) {
  const auto& t = ctx.tr;
  Html h;
  h.open("section", {{"class", "hero"}});
  if (w.programme) {
    const auto& p = *w.programme;
    h.open("h1").el("bdi", p.name).close("h1");
    if (!p.description.empty()) h.el("p", {{"class", "lead"}, {"dir", "auto"}}, p.description);
    if (!p.funders.empty()) {
      h.el("h2", t("Funded by"));
      h.open("ul", {{"class", "plain"}});
      for (const auto& f : p.funders) h.open("li").el("bdi", f).close("li");
      h.close("ul");
    }
    h.open("p")
        .open("a", {{"href", "/programme"}})
        .text(t("About the programme: its countries and cohorts"))
        .close("a")
        .close("p");
  } else if (!w.programmes.empty()) {
    h.el("h1", t("Programmes"));
    h.open("ul", {{"class", "plain"}});
    for (const auto& p : w.programmes)
      h.open("li")
          .open("a", {{"href", "/programmes/" + std::to_string(p.id)}})
          .el("bdi", p.name)
          .close("a")
          .close("li");
    h.close("ul");
  } else {
    h.el("h1", t("Welcome"));
  }
  h.open("p")
      .open("a", {{"href", "/knowledge"}})
      .text(t("The knowledge base: final papers, practice projects and publications on return and "
              "reintegration"))
      .close("a")
      .close("p");
  h.el("p", {{"class", "muted"}}, t("crm is by invitation. The programme team sends you a link."));
  h.open("p")
      .open("a", {{"href", "/login"}, {"class", "button primary"}})
      .text(t("Log in"))
      .close("a")
      .close("p");
  h.close("section");
  return std::move(h).str();
}

namespace {

// Staff hear of erasure requests where they start, not only from /erasure-requests.
void erasure_card(Html& h, const web::Ctx& ctx, long pending) {
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

}  // namespace

std::string dashboard(const web::Ctx& ctx, const Dashboard& d) {
  const auto& t = ctx.tr;
  Html h;
  h.open("h1").message(t("Welcome, {name}"), {{"name", ctx.actor.name}}).close("h1");
  h.open("div", {{"class", "cards"}});
  if (d.erasures) erasure_card(h, ctx, *d.erasures);
  if (d.next_sessions) h.raw_trusted(curriculum::views::next_sessions_card(ctx, *d.next_sessions));
  const bool takes_part = ctx.actor.role == auth::Role::lecturer ||
                          ctx.actor.role == auth::Role::participant ||
                          ctx.actor.role == auth::Role::alumnus;
  if (takes_part || d.team) cohorts_card(h, ctx, d);
  if (d.team || ctx.actor.role == auth::Role::admin) tasks_card(h, ctx, d.tasks);
  if (d.invitations) invitations_card(h, ctx, *d.invitations);
  profile_card(h, ctx);
  h.close("div");
  return std::move(h).str();
}

void add_import_tasks(const web::Ctx& ctx, const std::vector<imports::OpenImport>& open,
                      std::vector<Task>& tasks) {
  const auto& t = ctx.tr;
  for (const auto& i : open)
    tasks.push_back({t("Import waiting:"), i.filename, "/imports/" + std::to_string(i.id),
                     i.cohort_name, t("uploaded {date}", {{"date", t.date_time(i.created_at)}})});
}

}  // namespace crm::home::views
