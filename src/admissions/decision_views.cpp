#include "admissions/decision_views.hpp"

#include "admissions/shortlist_views.hpp"
#include "programme/parity_views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::admissions::decision_views {

namespace {

using web::Html;

std::string call_path(int64_t id, std::string_view rest = "") {
  return "/calls/" + std::to_string(id) + std::string(rest);
}

std::string decision_text(const Tr& t, const decision_store::DecisionRow& d) {
  if (d.status == "withdrawn") return t("Withdrawn");
  if (d.decision == "accepted") return t("Accepted");
  if (d.decision == "waiting")
    return t("Waiting list, place {n}", {{"n", t.number(d.waiting_rank.value_or(0))}});
  if (d.decision == "rejected") return t("Not admitted");
  return t("No decision yet");
}

std::string answer_text(const Tr& t, const decision_store::DecisionRow& d, int64_t now) {
  if (d.decision != "accepted") return "";
  if (d.confirmed_at) return t("confirmed on {date}", {{"date", t.date(*d.confirmed_at)}});
  if (d.declined_at) return t("declined on {date}", {{"date", t.date(*d.declined_at)}});
  if (!d.confirm_by) return "";
  if (d.decided_at && now >= *d.confirm_by) return t("no answer by the date");
  return t("to confirm by {date}", {{"date", t.date(*d.confirm_by - 1)}});
}

std::string kind_label(const Tr& t, std::string_view kind) {
  if (kind == "accepted") return t("Accepted");
  if (kind == "waiting") return t("Waiting list");
  return t("Not admitted");
}

void head(Html& h, const web::Ctx& ctx, const shortlist_store::CallRow& call,
          const std::string& heading, std::string_view here) {
  const auto& t = ctx.tr;
  const int64_t id = call.call.id;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/calls/manage"}})
      .text(t("Calls"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", call_path(id)}})
      .bdi(call.title)
      .close("a")
      .close("nav");
  h.open("h1").text(heading).text(": ").bdi(call.title).close("h1");
  h.open("nav", {{"aria-label", t("The call's pages")}}).open("p", {{"class", "actions"}});
  const std::pair<std::string_view, std::string> pages[] = {
      {"/ranking", t("Ranking and shortlist")},
      {"/decisions", t("Decisions")},
      {"/templates", t("Decision mails")}};
  for (const auto& [rest, label] : pages)
    h.el("a", {{"href", call_path(id, rest)}, {"?aria-current", rest == here ? "page" : ""}},
         label);
  h.close("p").close("nav");
}

void date_field(Html& h, const web::Ctx& ctx, std::string_view name, const std::string& value,
                const Error* e, const std::string& zone) {
  const auto& t = ctx.tr;
  web::field(h, web::Field{.name = name,
                           .label = t("Confirm by"),
                           .type = "date",
                           .value = value,
                           .error = web::error_for(ctx, e, name),
                           .required = true,
                           .hint = t("Accepted applicants confirm until the end of this day in "
                                     "the call's time zone ({zone}).",
                                     {{"zone", zone}})});
}

}  // namespace

web::Table decisions_table(const web::Ctx& ctx, const decision::DecisionsPage& p) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Rank"),     t("Applicant"), t("Score"), t("Shortlist"),
                  t("Decision"), t("Sent"),      t("Place")};
  for (const auto& e : p.rows)
    table.rows.push_back({std::to_string(e.ranked.verdict.rank), e.d.name,
                          e.ranked.reviews ? shortlist_views::score_text(t, e.ranked.score) : "",
                          e.ranked.shortlisted ? t("yes") : t("no"), decision_text(t, e.d),
                          e.d.decided_at ? t.date(*e.d.decided_at) : t("not yet"),
                          answer_text(t, e.d, ctx.now)});
  return table;
}

std::string decisions(const web::Ctx& ctx, const decision::DecisionsPage& p,
                      const decision::DecideForm* form, const Error* e) {
  const auto& t = ctx.tr;
  const int64_t id = p.call.call.id;
  Html h;
  head(h, ctx, p.call, t("Decisions"), "/decisions");
  h.el("p", t("{accepted} accepted, {waiting} on the waiting list, {rejected} not admitted, "
              "{undecided} without a decision; {places} places.",
              {{"accepted", t.number(p.accepted)},
               {"waiting", t.number(p.waiting)},
               {"rejected", t.number(p.rejected)},
               {"undecided", t.number(p.undecided)},
               {"places", t.number(p.call.call.places)}}));
  if (p.sent) {
    h.el("p", {{"class", "card"}},
         t("The decisions have been sent. {confirmed} confirmed their place, {declined} declined "
           "or did not answer in time.",
           {{"confirmed", t.number(p.confirmed)}, {"declined", t.number(p.declined)}}));
  } else {
    h.el("p", {{"class", "card attention"}},
         t("You can change any decision until you send them. Sending mails every applicant "
           "their decision: that cannot be undone."));
    if (p.open)
      h.el("p", {{"class", "alert error"}},
           t("The call still takes applications: decide after its deadline."));
  }
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);

  h.open("section", {{"aria-labelledby", "list"}});
  h.el("h2", {{"id", "list"}}, t("Applications"));
  if (p.rows.empty()) {
    h.el("p", t("No application has been submitted yet."));
  } else {
    const std::string caption = t("Applications with their decisions");
    h.open(
        "div",
        {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", caption}});
    h.open("table", {{"class", "decisions"}});
    h.open("thead").open("tr");
    for (const auto& head :
         {t("Rank"), t("Applicant"), t("Score"), t("Shortlist"), t("Decision"), t("Place")})
      h.el("th", {{"scope", "col"}}, head);
    h.close("tr").close("thead").open("tbody");
    for (const auto& r : p.rows) {
      h.open("tr", {{"id", "application-" + std::to_string(r.d.id)}});
      h.el("td", t.number(r.ranked.verdict.rank));
      h.open("th", {{"scope", "row"}}).bdi(r.d.name).close("th");
      h.el("td", r.ranked.reviews ? shortlist_views::score_text(t, r.ranked.score) : t("none"));
      h.el("td", r.ranked.shortlisted ? t("yes") : t("no"));
      h.open("td").text(decision_text(t, r.d));
      if (!r.d.decision.empty() && !r.d.decided_at)
        h.text(" ").el("span", {{"class", "muted"}}, t("(not sent)"));
      h.close("td");
      h.el("td", answer_text(t, r.d, ctx.now));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    web::export_links(h, t, call_path(id, "/decisions"), "");
  }
  h.close("section");

  if (!p.sent && !p.open && !p.rows.empty()) {
    const bool all = form && form->mode == "all";
    const bool one = form && form->mode == "one";
    h.open("section", {{"class", "card"}, {"aria-labelledby", "as-shortlist"}});
    h.el("h2", {{"id", "as-shortlist"}}, t("Decide as the shortlist stands"));
    h.el("p", t("The shortlisted applicants are accepted, the next best eligible ones go on the "
                "waiting list by score, the others are not admitted. You can still change each "
                "decision afterwards."));
    h.open("form",
           {{"method", "post"}, {"action", call_path(id, "/decisions")}, {"novalidate", ""}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "mode"}, {"value", "all"}});
    web::field(h, web::Field{.name = "waiting",
                             .label = t("Places on the waiting list"),
                             .type = "number",
                             .value = all ? form->waiting : std::to_string(p.waiting_places),
                             .error = web::error_for(ctx, all ? e : nullptr, "waiting"),
                             .required = true,
                             .inputmode = "numeric"});
    date_field(h, ctx, "confirm_by", all ? form->confirm_by : p.confirm_by, all ? e : nullptr,
               p.time_zone);
    web::submit(h, t("Decide as the shortlist stands"));
    h.close("form").close("section");

    h.open("section", {{"class", "card"}, {"aria-labelledby", "one"}});
    h.el("h2", {{"id", "one"}}, t("Decide one application"));
    h.open("form",
           {{"method", "post"}, {"action", call_path(id, "/decisions")}, {"novalidate", ""}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "mode"}, {"value", "one"}});
    std::vector<web::Option> applications{{"", t("Choose an application")}};
    for (const auto& r : p.rows)
      if (r.d.status == "submitted")
        applications.push_back({std::to_string(r.d.id), r.d.name, "", true});
    web::select(h, "application", t("Application"), applications, one ? form->application : "",
                web::error_for(ctx, one ? e : nullptr, "application"));
    web::select(h, "decision", t("Decision"),
                {{"accepted", t("Accept")},
                 {"waiting", t("Waiting list")},
                 {"rejected", t("Not admitted")},
                 {"none", t("No decision yet")}},
                one ? form->decision : "accepted",
                web::error_for(ctx, one ? e : nullptr, "decision"));
    date_field(h, ctx, "one_confirm_by", one ? form->confirm_by : p.confirm_by, one ? e : nullptr,
               p.time_zone);
    web::submit(h, t("Save the decision"), "button");
    h.close("form").close("section");

    h.open("section", {{"class", "card"}, {"aria-labelledby", "send"}});
    h.el("h2", {{"id", "send"}}, t("Send the decisions"));
    h.el("p", t("Each applicant gets their decision by mail in the language they applied in, from "
                "the call's decision mails. This is the point of no return: afterwards the "
                "decisions no longer change."));
    h.open("form", {{"method", "post"}, {"action", call_path(id, "/decisions/send")}});
    web::csrf_field(h, ctx);
    web::check(h, {.name = "confirm",
                   .label = t("Yes, send the decisions now."),
                   .error = web::error_for(ctx, form || !e ? nullptr : e, "confirm")});
    web::submit(h, t("Send the decisions"), "button danger");
    h.close("form").close("section");
  }

  if (p.sent) {
    h.open("section", {{"class", "card"}, {"aria-labelledby", "offer"}});
    h.el("h2", {{"id", "offer"}}, t("Waiting list"));
    const auto& o = p.offer;
    if (!o.free_places) {
      h.el("p", t("No place is free: every place is taken or still offered."));
    } else {
      h.el("p", t.plural("{n} place is free.", "{n} places are free.", o.free_places));
      for (const auto& s : o.skipped) {
        h.open("p");
        h.message(
            t("{name} is skipped: with them, {bound} would be {state}.",
              {{"bound", programme::views::dimension_label(t, s.group.dimension) + " " +
                             programme::views::bucket_label(t, s.group.dimension, s.group.value)},
               {"state", s.group.over_by
                             ? t("over by {n}", {{"n", t.number(s.group.over_by)}})
                             : t("short by {n}", {{"n", t.number(s.group.short_by)}})}}),
            {{"name", s.name}});
        h.close("p");
      }
      if (o.application) {
        h.open("form", {{"method", "post"},
                        {"action", call_path(id, "/decisions/offer")},
                        {"novalidate", ""}});
        web::csrf_field(h, ctx);
        h.empty("input", {{"type", "hidden"},
                          {"name", "application"},
                          {"value", std::to_string(*o.application)}});
        h.open("p").message(t("The best-ranked applicant on the waiting list who keeps the "
                              "targets is {name}."),
                            {{"name", o.name}});
        h.close("p");
        date_field(h, ctx, "confirm_by", form ? form->confirm_by : p.confirm_by, e, p.time_zone);
        h.open("button", {{"type", "submit"}, {"class", "button primary"}});
        h.message(t("Offer the place to {name}"), {{"name", o.name}});
        h.close("button");
        h.close("form");
      } else {
        h.el("p", t("Nobody on the waiting list keeps the targets."));
      }
    }
    h.close("section");
  }
  return std::move(h).str();
}

std::string templates(const web::Ctx& ctx, const decision::TemplatesPage& p,
                      const decision::TemplateForm* form, const Error* e) {
  const auto& t = ctx.tr;
  const int64_t id = p.call.call.id;
  Html h;
  head(h, ctx, p.call, t("Decision mails"), "/templates");
  h.el("p", t("Each applicant gets the mail of their decision in the language they applied in. "
              "Where no text is written for the call, crm's own text is used. Placeholders: "
              "{name} (the applicant's name), {call} (the call's title), {confirm_by} (the date to "
              "confirm by), {link} (the applicant's page)."));
  const std::string caption = t("Decision mails by language");
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", caption}});
  h.open("table", {{"class", "templates"}});
  h.open("thead").open("tr").el("th", {{"scope", "col"}}, t("Mail"));
  for (const auto& l : languages())
    h.open("th", {{"scope", "col"}})
        .open("span", {{"lang", l.code}, {"dir", l.rtl ? "rtl" : "ltr"}})
        .text(l.native)
        .close("span")
        .close("th");
  h.close("tr").close("thead").open("tbody");
  for (const char* k : decision::kKinds) {
    h.open("tr").el("th", {{"scope", "row"}}, kind_label(t, k));
    for (const auto& l : languages()) {
      const auto& text = p.texts.at({k, std::string(l.code)});
      const bool here = p.kind == k && p.language == l.code;
      h.open("td").el("a",
                      {{"href", call_path(id, "/templates") + "?kind=" + k +
                                    "&language=" + std::string(l.code) + "#edit"},
                       {"?aria-current", here ? "page" : ""}},
                      text.written ? t("written for the call") : t("crm's text"));
      h.close("td");
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");

  const auto& text = p.texts.at({p.kind, p.language});
  const Language* lang = nullptr;
  for (const auto& l : languages())
    if (l.code == p.language) lang = &l;
  h.open("section", {{"class", "card"}, {"aria-labelledby", "edit"}});
  h.open("h2", {{"id", "edit"}}).text(kind_label(t, p.kind)).text(" · ");
  if (lang)
    h.open("span", {{"lang", lang->code}, {"dir", lang->rtl ? "rtl" : "ltr"}})
        .text(lang->native)
        .close("span");
  h.close("h2");
  h.open("form", {{"method", "post"}, {"action", call_path(id, "/templates")}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  h.empty("input", {{"type", "hidden"}, {"name", "kind"}, {"value", p.kind}});
  h.empty("input", {{"type", "hidden"}, {"name", "language"}, {"value", p.language}});
  web::field(h, web::Field{.name = "subject",
                           .label = t("Subject"),
                           .value = form ? form->subject : text.subject,
                           .error = web::error_for(ctx, e, "subject"),
                           .required = true,
                           .lang = p.language});
  const std::string err = web::error_for(ctx, e, "body");
  h.open("div", {{"class", err.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", "f-body"}}, t("Text"));
  h.el("p", {{"class", "hint"}, {"id", "f-body-hint"}}, t("An empty line starts a new paragraph."));
  h.open("textarea", {{"id", "f-body"},
                      {"name", "body"},
                      {"rows", "12"},
                      {"lang", p.language},
                      {"dir", "auto"},
                      {"maxlength", "10000"},
                      {"required", "required"},
                      {"?aria-invalid", err.empty() ? "" : "true"},
                      {"aria-describedby", err.empty() ? "f-body-hint" : "f-body-error"}})
      .text(form ? form->body : text.body)
      .close("textarea");
  if (!err.empty()) h.el("p", {{"class", "error"}, {"id", "f-body-error"}}, err);
  h.close("div");
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save the mail"));
  if (text.written) {
    h.text(" ");
    h.el("button",
         {{"type", "submit"}, {"name", "action"}, {"value", "reset"}, {"class", "button"}},
         t("Use crm's text again"));
  }
  h.close("div");
  h.close("form").close("section");
  return std::move(h).str();
}

void applicant_decision(Html& h, const web::Ctx& ctx, const Application& a,
                        const std::string& call_zone, const Error* e) {
  if (!a.decided_at || a.status != "submitted") return;
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "decision"}, {"aria-labelledby", "decision-h"}});
  h.el("h2", {{"id", "decision-h"}}, t("Decision"));
  if (a.decision == "waiting") {
    h.el("p", t("You are on the waiting list. If a place becomes free, we will write to you."));
  } else if (a.decision == "rejected") {
    h.el("p", t("We are sorry: we cannot offer you a place this time."));
  } else if (a.decision == "accepted") {
    // The date as it is in the call's zone: the last day to answer.
    Tr zone_t(ctx.catalogs, t.language(), is_time_zone(call_zone) ? call_zone : "UTC");
    const std::string by = a.confirm_by ? zone_t.date(*a.confirm_by - 1) : "";
    if (a.confirmed_at) {
      h.el("p", t("You have a place and you have confirmed it. Welcome to the cohort!"));
    } else if (a.declined_at) {
      h.el("p", t("You have declined the place, or did not confirm it in time."));
    } else if (!a.confirm_by || ctx.now >= *a.confirm_by) {
      h.el("p", t("The date to confirm your place has passed: it can no longer be confirmed or "
                  "declined."));
    } else {
      h.el("p", {{"class", "flash"}},
           t("You have a place. Please confirm by {date} that you take "
             "it, or decline it.",
             {{"date", by}}));
      web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
      const std::string action = "/applications/" + std::to_string(a.id) + "/confirm";
      h.open("form", {{"method", "post"}, {"action", action}, {"class", "stack"}});
      web::csrf_field(h, ctx);
      h.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "accept"}});
      web::submit(h, t("I take the place"));
      h.close("form");
      h.open("form", {{"method", "post"}, {"action", action}, {"class", "stack"}});
      web::csrf_field(h, ctx);
      h.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "decline"}});
      web::check(h, {.name = "confirm",
                     .label = t("Yes, I decline the place."),
                     .error = web::error_for(ctx, e, "confirm")});
      web::submit(h, t("Decline the place"), "button danger");
      h.close("form");
    }
  }
  h.close("section");
}

}  // namespace crm::admissions::decision_views
