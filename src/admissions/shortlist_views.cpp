#include "admissions/shortlist_views.hpp"

#include <cmath>

#include "programme/parity_views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::admissions::shortlist_views {

namespace {

using web::Html;

std::string call_path(int64_t id) {
  return "/calls/" + std::to_string(id);
}

std::string value_label(const Tr& t, const std::string& dimension, const std::string& value) {
  return programme::views::bucket_label(t, dimension, value);
}

std::string roles_text(const Tr& t, const std::vector<std::string>& roles) {
  std::vector<std::string> labels;
  for (const auto& r : roles) labels.push_back(value_label(t, "route_role", r));
  return labels.empty() ? t("No route role") : t.list(labels);
}

std::string bound_text(const Tr& t, const selection::Group& g) {
  if (g.max_count && *g.max_count == g.min_count)
    return t("exactly {n}", {{"n", t.number(g.min_count)}});
  if (g.max_count && g.min_count > 0)
    return t("{min} to {max}", {{"min", t.number(g.min_count)}, {"max", t.number(*g.max_count)}});
  if (g.max_count) return t("at most {n}", {{"n", t.number(*g.max_count)}});
  return t("at least {n}", {{"n", t.number(g.min_count)}});
}

std::string group_state(const Tr& t, const selection::Group& g) {
  if (g.short_by) return t("not met: short by {n}", {{"n", t.number(g.short_by)}});
  if (g.over_by) return t("not met: over by {n}", {{"n", t.number(g.over_by)}});
  return t("met");
}

std::string shortlist_text(const Tr& t, const RankedRow& r) {
  if (r.hand == "added") return r.shortlisted ? t("yes (added by hand)") : t("no");
  if (r.hand == "removed") return t("no (removed by hand)");
  return r.shortlisted ? t("yes (proposed)") : t("no");
}

std::string contradiction_text(const Tr& t, const selection::Contradiction& c) {
  return t(c.key, {{"dimension", programme::views::dimension_label(t, c.dimension)},
                   {"value", c.value.empty() ? "" : value_label(t, c.dimension, c.value)},
                   {"min", t.number(c.min_count)},
                   {"max", t.number(c.max_count)},
                   {"sum", t.number(c.sum)},
                   {"places", t.number(c.places)}});
}

void parity_table(Html& h, const Tr& t, const std::vector<selection::Group>& groups,
                  const std::string& caption) {
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", caption}});
  h.open("table", {{"class", "parity-bounds"}});
  h.open("thead").open("tr");
  for (const auto& head : {t("Dimension"), t("Value"), t("Bound"), t("On the list"), t("State")})
    h.el("th", {{"scope", "col"}}, head);
  h.close("tr").close("thead").open("tbody");
  for (const auto& g : groups) {
    h.open("tr", {{"?class", g.met() ? "" : "unmet"}});
    h.el("td", programme::views::dimension_label(t, g.dimension));
    h.el("th", {{"scope", "row"}}, value_label(t, g.dimension, g.value));
    h.el("td", bound_text(t, g));
    h.el("td", {{"data-count", std::to_string(g.count)}}, t.number(g.count));
    h.el("td", group_state(t, g));
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
}

}  // namespace

std::string score_text(const Tr& t, double v) {
  long long hundredths = std::llround(std::abs(v) * 100);
  std::string_view lang = t.language();
  std::string sep = lang == "de" || lang == "fr" ? "," : lang == "ar" ? "٫" : ".";
  long long frac = hundredths % 100;
  std::string s = t.number(hundredths / 100) + sep + t.number(frac / 10) + t.number(frac % 10);
  return (v < 0 && hundredths != 0 ? "-" : "") + s;
}

std::string why_text(const Tr& t, const selection::Verdict& v) {
  std::string value = v.value.empty() ? "" : value_label(t, v.dimension, v.value);
  return t(v.key, {{"score", score_text(t, v.score)},
                   {"last", score_text(t, v.last)},
                   {"value", value},
                   {"min", t.number(v.number)},
                   {"max", t.number(v.number)},
                   {"n", t.number(v.number)}});
}

web::Table ranking_table(const web::Ctx& ctx, const RankingPage& p) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Rank"),
                  t("Applicant"),
                  t("Score"),
                  t("Reviews"),
                  t("Country"),
                  t("Route role"),
                  t("Type of organisation"),
                  t("Gender"),
                  t("Proposed"),
                  t("Shortlist"),
                  t("Why")};
  for (const auto& r : p.rows) {
    table.rows.push_back({std::to_string(r.verdict.rank), r.applicant.name,
                          r.reviews ? score_text(t, r.score) : "", std::to_string(r.reviews),
                          r.applicant.organisation_country.empty()
                              ? ""
                              : value_label(t, "country", r.applicant.organisation_country),
                          roles_text(t, r.route_roles),
                          r.applicant.organisation_type.empty()
                              ? ""
                              : value_label(t, "organisation_type", r.applicant.organisation_type),
                          value_label(t, "gender", r.gender), r.proposed ? t("yes") : t("no"),
                          shortlist_text(t, r), why_text(t, r.verdict)});
  }
  return table;
}

std::string ranking(const web::Ctx& ctx, const RankingPage& p, const ShortlistForm* form,
                    const Error* e) {
  const auto& t = ctx.tr;
  const int64_t id = p.call.call.id;
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/calls/manage"}})
      .text(t("Calls"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", call_path(id)}})
      .bdi(p.call.title)
      .close("a")
      .close("nav");
  h.open("h1").text(t("Ranking and shortlist")).text(": ").bdi(p.call.title).close("h1");
  // The decisions that follow from the shortlist (decision_views.cpp).
  h.open("p", {{"class", "actions"}})
      .el("a", {{"href", call_path(id) + "/decisions"}}, t("Decisions"))
      .el("a", {{"href", call_path(id) + "/templates"}}, t("Decision mails"))
      .close("p");
  h.el("p",
       t("{places} places; {eligible} of {applicants} applications eligible (at least {reviews} "
         "submitted reviews); {shortlisted} on the shortlist.",
         {{"places", t.number(p.call.call.places)},
          {"eligible", t.number(p.proposal.eligible)},
          {"applicants", t.number(static_cast<long long>(p.rows.size()))},
          {"reviews", t.number(p.call.call.reviewers_per_application)},
          {"shortlisted", t.number(p.shortlisted)}}));

  // The proposal: met, or which bounds break and by how much.
  h.open("section", {{"aria-labelledby", "proposal"}});
  h.el("h2", {{"id", "proposal"}}, t("Proposed shortlist"));
  h.el("p", t("The proposal is the set of applicants with the highest total score that meets every "
              "bound, computed exactly; equal scores go to the earlier application."));
  if (!p.proposal.contradictions.empty()) {
    h.open("div", {{"class", "alert error"}, {"role", "alert"}});
    h.el("p", t("These bounds contradict each other or the places:"));
    h.open("ul");
    for (const auto& c : p.proposal.contradictions) h.el("li", contradiction_text(t, c));
    h.close("ul").close("div");
  }
  if (!p.proposal.feasible) {
    h.open("div", {{"class", "alert error"}, {"role", "alert"}});
    h.el("p", t("The bounds cannot all be met. The proposal is the closest set: it misses them by "
                "as few places as possible. These bounds break:"));
    h.open("ul");
    for (const auto& g : p.proposal.groups) {
      if (g.met()) continue;
      h.el("li", t("{dimension} {value}: {count} on the list, bound {bound} ({state})",
                   {{"dimension", programme::views::dimension_label(t, g.dimension)},
                    {"value", value_label(t, g.dimension, g.value)},
                    {"count", t.number(g.count)},
                    {"bound", bound_text(t, g)},
                    {"state", group_state(t, g)}}));
    }
    h.close("ul").close("div");
  } else if (!p.proposal.groups.empty()) {
    h.el("p", t("The proposal meets every bound."));
  } else {
    h.el("p", t("The call has no parity bounds: the proposal is the best scores."));
  }
  h.close("section");

  // The parity of the shortlist as it stands.
  h.open("section", {{"aria-labelledby", "parity"}});
  h.el("h2", {{"id", "parity"}}, t("Parity of the shortlist"));
  if (p.parity.empty())
    h.el("p", t("The call has no parity bounds."));
  else
    parity_table(h, t, p.parity, t("The shortlist against the call's bounds"));
  h.close("section");

  // The ranking.
  h.open("section", {{"aria-labelledby", "ranking"}});
  h.el("h2", {{"id", "ranking"}}, t("Ranking"));
  if (p.rows.empty()) {
    h.el("p", t("No application has been submitted yet."));
  } else {
    const std::string caption = t("Applications by score");
    h.open(
        "div",
        {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", caption}});
    h.open("table", {{"class", "ranking"}});
    h.open("thead").open("tr");
    // Six columns, so that the reasons have room: the buckets of an
    // applicant in one cell, one line each (the export has a column each).
    for (const auto& head :
         {t("Rank"), t("Applicant"), t("Score"), t("Buckets"), t("Shortlist"), t("Why")})
      h.el("th", {{"scope", "col"}}, head);
    h.close("tr").close("thead").open("tbody");
    for (const auto& r : p.rows) {
      h.open("tr", {{"id", "application-" + std::to_string(r.applicant.id)},
                    {"?class", r.shortlisted ? "shortlisted" : ""}});
      h.el("td", t.number(r.verdict.rank));
      h.open("th", {{"scope", "row"}}).bdi(r.applicant.name).close("th");
      h.el("td", r.reviews ? score_text(t, r.score) : t("none"));
      h.open("td");
      const std::string buckets[] = {
          r.applicant.organisation_country.empty()
              ? t("Not given")
              : value_label(t, "country", r.applicant.organisation_country),
          roles_text(t, r.route_roles),
          r.applicant.organisation_type.empty()
              ? t("Not given")
              : value_label(t, "organisation_type", r.applicant.organisation_type),
          value_label(t, "gender", r.gender)};
      for (const auto& b : buckets) h.el("span", {{"class", "bucket"}}, b).empty("br");
      h.close("td");
      h.open("td").text(shortlist_text(t, r));
      if (!r.hand_reason.empty()) h.text(": ").bdi(r.hand_reason);
      h.close("td");
      h.el("td", why_text(t, r.verdict));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    web::export_links(h, t, call_path(id) + "/ranking", "");
  }
  h.close("section");

  // Changing the shortlist by hand.
  h.open("section", {{"aria-labelledby", "change"}});
  h.el("h2", {{"id", "change"}}, t("Change the shortlist"));
  if (!p.can_change) {
    h.el("p", t("The call is decided: its shortlist no longer changes."));
  } else if (!p.rows.empty()) {
    h.open("form", {{"method", "post"},
                    {"action", call_path(id) + "/shortlist"},
                    {"class", "stack"},
                    {"novalidate", ""}});
    web::csrf_field(h, ctx);
    web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
    // The applicants by name (user text), in rank order.
    std::vector<web::Option> applications{{"", t("Choose an application")}};
    for (const auto& r : p.rows)
      if (r.applicant.status == "submitted")
        applications.push_back({std::to_string(r.applicant.id), r.applicant.name, "", true});
    web::select(h, "application", t("Application"), applications, form ? form->application : "",
                web::error_for(ctx, e, "application"));
    web::select(h, "action", t("Change"),
                {{"add", t("Add to the shortlist")}, {"remove", t("Remove from the shortlist")}},
                form ? form->action : "add", web::error_for(ctx, e, "action"));
    const std::string err = web::error_for(ctx, e, "reason");
    h.open("div", {{"class", err.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", "f-reason"}}, t("Reason"));
    h.el("p", {{"class", "hint"}, {"id", "f-reason-hint"}},
         t("Required: it is kept with the change and in the audit log."));
    h.open("textarea", {{"id", "f-reason"},
                        {"name", "reason"},
                        {"rows", "3"},
                        {"dir", "auto"},
                        {"maxlength", "1000"},
                        {"required", "required"},
                        {"?aria-invalid", err.empty() ? "" : "true"},
                        {"aria-describedby", err.empty() ? "f-reason-hint" : "f-reason-error"}})
        .text(form ? form->reason : "")
        .close("textarea");
    if (!err.empty()) h.el("p", {{"class", "error"}, {"id", "f-reason-error"}}, err);
    h.close("div");
    web::submit(h, t("Change the shortlist"));
    h.close("form");
  }
  if (!p.changes.empty()) {
    h.el("h3", t("Changes by hand"));
    h.open("ul", {{"class", "changes"}});
    for (const auto& c : p.changes) {
      std::string name;
      for (const auto& r : p.rows)
        if (r.applicant.id == c.application_id) name = r.applicant.name;
      h.open("li");
      h.message(c.source == "added"
                    ? t("{when}: {who} added {name}: {reason}", {{"when", t.date_time(c.at)}})
                    : t("{when}: {who} removed {name}: {reason}", {{"when", t.date_time(c.at)}}),
                {{"who", c.by_name}, {"name", name}, {"reason", c.reason}});
      h.close("li");
    }
    h.close("ul");
  }
  h.close("section");
  return std::move(h).str();
}

}  // namespace crm::admissions::shortlist_views
