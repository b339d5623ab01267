#include "admissions/review_views.hpp"

#include <unicode/numberformatter.h>

#include "programme/countries.hpp"
#include "programme/views.hpp"
#include "web/forms.hpp"

namespace crm::admissions::review_views {

namespace {

using web::Html;

std::string call_path(int64_t id) {
  return "/calls/" + std::to_string(id);
}
std::string review_path(int64_t id) {
  return "/reviews/" + std::to_string(id);
}

// A score or mean with two decimals in the reader's digits.
std::string decimal(const Tr& t, double v) {
  std::string locale = "en_GB";
  for (const auto& l : languages())
    if (l.code == t.language())
      locale = std::string(l.icu_locale.substr(0, l.icu_locale.find('.')));
  UErrorCode status = U_ZERO_ERROR;
  auto f = icu::number::NumberFormatter::withLocale(icu::Locale(locale.c_str()))
               .precision(icu::number::Precision::fixedFraction(2))
               .formatDouble(v, status);
  std::string out;
  f.toString(status).toUTF8String(out);
  return U_FAILURE(status) ? std::to_string(v) : out;
}

void table_open(Html& h, const std::string& label, const std::vector<std::string>& cols) {
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}})
      .open("table")
      .open("thead")
      .open("tr");
  for (const auto& c : cols) h.el("th", {{"scope", "col"}}, c);
  h.close("tr").close("thead").open("tbody");
}
void table_close(Html& h) {
  h.close("tbody").close("table").close("div");
}

void paragraphs(Html& h, std::string_view text, std::string_view lang) {
  for (size_t a = 0; a < text.size();) {
    size_t b = text.find('\n', a);
    if (b == std::string_view::npos) b = text.size();
    auto line = text.substr(a, b - a);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) h.el("p", {{"dir", "auto"}, {"?lang", lang}}, line);
    a = b + 1;
  }
}

std::string state_label(const Tr& t, std::string_view s) {
  if (s == "done") return t("Submitted");
  if (s == "overdue") return t("Overdue");
  return t("Due");
}

std::string application_label(const Tr& t, int64_t assignment) {
  return t("Application {n}", {{"n", t.number(assignment)}});
}

std::string criterion_label(const Criterion& c, const std::string& lang) {
  auto it = c.texts.find(lang);
  if (it != c.texts.end()) return it->second.first;
  return c.texts.empty() ? std::string() : c.texts.begin()->second.first;
}

std::string country_text(const Tr& t, const std::string& code) {
  return programme::is_country(code) ? programme::country_name(code, t.language()) : code;
}

void breadcrumb(Html& h, const Tr& t, int64_t call, const std::string& title) {
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/calls/manage"}})
      .text(t("Calls"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", call_path(call) + "/edit"}})
      .bdi(title)
      .close("a")
      .close("nav");
}

void dl_row(Html& h, const std::string& term, const std::string& value,
            std::string_view lang = {}) {
  h.el("dt", term);
  h.open("dd").open("bdi", {{"?lang", lang}}).text(value).close("bdi").close("dd");
}

}  // namespace

// ------------------------------------------------------------------ staff

std::string reviewers(const web::Ctx& ctx, const review::ReviewersPage& p, const Error* e,
                      const std::vector<assign::Uncovered>* uncovered) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, t, p.call.id, p.call.title);
  h.open("h1").message(t("Reviewers: {call}"), {{"call", p.call.title}}).close("h1");
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  h.open("p")
      .text(t.plural("Each application is reviewed by {n} reviewer, never by one of the "
                     "applicant's organisation.",
                     "Each application is reviewed by {n} reviewers, never by one of the "
                     "applicant's organisation.",
                     p.call.per_application))
      .text(" ")
      .text(p.call.same_country ? t("This call also keeps reviewers from their own country.") : "")
      .close("p");
  h.open("p")
      .open("a", {{"href", call_path(p.call.id) + "/reviews"}})
      .text(t("Progress of the reviews"))
      .close("a")
      .close("p");
  if (uncovered && !uncovered->empty()) {
    h.open("div", {{"class", "card attention"}, {"role", "status"}});
    h.el("h2", t("Applications without enough reviewers"));
    h.open("ul");
    for (const auto& u : *uncovered) {
      h.open("li").text(
          t("Application {n}: {missing} missing; kept away: {org} of the same "
            "organisation, {country} of the same country, {conflict} with a "
            "declared conflict.",
            {{"n", t.number(u.application)},
             {"missing", t.number(u.missing)},
             {"org", t.number(u.same_organisation)},
             {"country", t.number(u.same_country)},
             {"conflict", t.number(u.conflict)}}));
      h.close("li");
    }
    h.close("ul").close("div");
  }
  h.el("h2", t("Reviewers"));
  if (p.reviewers.empty()) {
    h.el("p", {{"class", "muted"}}, t("No reviewers yet."));
  } else {
    table_open(
        h, t("Reviewers"),
        {t("Name"), t("Email"), t("Organisation"), t("Country"), t("Assigned"), t("Remove")});
    for (const auto& r : p.reviewers) {
      auto it = p.load.find(r.account);
      h.open("tr");
      h.open("td").bdi(r.name).close("td");
      h.open("td").bdi(r.email).close("td");
      h.open("td").bdi(r.organisation).close("td");
      h.el("td", country_text(t, r.country));
      h.el("td", t.number(it == p.load.end() ? 0 : it->second));
      h.open("td");
      h.open("form", {{"method", "post"},
                      {"action", call_path(p.call.id) + "/reviewers/" + std::to_string(r.account) +
                                     "/delete"}});
      web::csrf_field(h, ctx);
      web::submit(h, t("Remove"), "button");
      h.close("form").close("td").close("tr");
    }
    table_close(h);
  }
  if (!p.invited.empty()) {
    h.el("h3", t("Invited, without an account yet"));
    h.open("ul", {{"class", "changes"}});
    for (const auto& i : p.invited) {
      h.open("li");
      h.message(i.account ? t("{email} ({organisation}), invited on {date}: their account may "
                              "not review applications.",
                              {{"date", t.date(i.invited_at)}})
                          : t("{email} ({organisation}), invited on {date}: the invitation "
                              "has not been accepted yet.",
                              {{"date", t.date(i.invited_at)}}),
                {{"email", i.email}, {"organisation", i.organisation}});
      h.close("li");
    }
    h.close("ul");
  }

  h.el("h2", {{"id", "add"}}, t("Invite a reviewer"));
  h.el("p", {{"class", "hint"}},
       t("Lecturers, staff and members of the steering committee. Someone without an account "
         "gets an invitation and joins the reviewers once they have accepted it."));
  h.open("form", {{"method", "post"}, {"action", call_path(p.call.id) + "/reviewers"}});
  web::csrf_field(h, ctx);
  web::field(h, {.name = "email",
                 .label = t("Email"),
                 .type = "email",
                 .value = p.form.email,
                 .error = web::error_for(ctx, e, "email"),
                 .autocomplete = "off",
                 .required = true});
  web::field(h, {.name = "name",
                 .label = t("Name (for an invitation)"),
                 .value = p.form.name,
                 .error = web::error_for(ctx, e, "name")});
  web::field(h, {.name = "organisation",
                 .label = t("Organisation"),
                 .value = p.form.organisation,
                 .error = web::error_for(ctx, e, "organisation"),
                 .required = true});
  std::vector<web::Option> countries{{"", t("Choose…")}};
  for (char a = 'A'; a <= 'Z'; ++a)
    for (char b = 'A'; b <= 'Z'; ++b) {
      std::string c{a, b};
      if (programme::is_country(c)) countries.push_back({c, country_text(t, c)});
    }
  web::select(h, "country", t("Country"), countries, p.form.country,
              web::error_for(ctx, e, "country"));
  web::select(
      h, "role", t("Role (for an invitation)"),
      {{"lecturer", t("Lecturer")}, {"stakeholder", t("Stakeholder")}, {"staff", t("Staff")}},
      p.form.role, web::error_for(ctx, e, "role"));
  std::vector<web::Option> langs;
  for (const auto& l : languages()) langs.push_back({std::string(l.code), std::string(l.native)});
  web::select(h, "language", t("Language (for an invitation)"), langs, p.form.language,
              web::error_for(ctx, e, "language"));
  web::submit(h, t("Add reviewer"));
  h.close("form");

  h.el("h2", {{"id", "assign"}}, t("Assign applications"));
  h.open("p")
      .text(t.plural("{n} submitted application.", "{n} submitted applications.",
                     static_cast<long>(p.applications.size())))
      .close("p");
  h.open("form", {{"method", "post"}, {"action", call_path(p.call.id) + "/assign"}});
  web::csrf_field(h, ctx);
  h.empty("input", {{"type", "hidden"}, {"name", "mode"}, {"value", "even"}});
  web::submit(h, t("Assign evenly at random"));
  h.close("form");
  if (!p.applications.empty() && !p.reviewers.empty()) {
    h.el("h3", t("Assign by hand"));
    h.open("form", {{"method", "post"}, {"action", call_path(p.call.id) + "/assign"}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "mode"}, {"value", "hand"}});
    std::vector<web::Option> apps{{"", t("Choose…")}};
    for (const auto& a : p.applications)
      apps.push_back({std::to_string(a.id),
                      t("Application {n}", {{"n", t.number(a.id)}}) + ": " + a.applicant_name});
    web::select(h, "application", t("Application"), apps, "",
                web::error_for(ctx, e, "application"));
    std::vector<web::Option> who{{"", t("Choose…")}};
    for (const auto& r : p.reviewers) who.push_back({std::to_string(r.account), r.name});
    web::select(h, "reviewer", t("Reviewer"), who, "", web::error_for(ctx, e, "reviewer"));
    if (p.call.second_stage)
      web::select(h, "stage", t("Stage"),
                  {{"1", t("First stage (blind)")}, {"2", t("Second stage (full application)")}},
                  "1", web::error_for(ctx, e, "stage"));
    web::submit(h, t("Assign"), "button");
    h.close("form");
  }
  return std::move(h).str();
}

std::string progress(const web::Ctx& ctx, const review::ProgressPage& p) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, t, p.call.id, p.call.title);
  h.open("h1").message(t("Reviews: {call}"), {{"call", p.call.title}}).close("h1");
  h.open("p")
      .open("a", {{"href", call_path(p.call.id) + "/reviewers"}})
      .text(t("Reviewers and assignment"))
      .close("a")
      .close("p");
  h.el("h2", t("Per reviewer"));
  if (p.reviewers.empty()) {
    h.el("p", {{"class", "muted"}}, t("Nothing has been assigned yet."));
  } else {
    table_open(h, t("Per reviewer"), {t("Reviewer"), t("Due"), t("Submitted"), t("Overdue")});
    for (const auto& r : p.reviewers) {
      h.open("tr");
      h.open("td").bdi(r.name).close("td");
      h.el("td", t.number(r.due));
      h.el("td", t.number(r.done));
      h.open("td");
      if (r.overdue > 0)
        h.el("strong", {{"class", "overdue"}}, t.number(r.overdue));
      else
        h.text(t.number(0));
      h.close("td").close("tr");
    }
    table_close(h);
  }
  h.el("h2", t("Per application"));
  h.el("p", {{"class", "hint"}},
       t("The score is the mean of the submitted reviews' weighted scores (the criteria's "
         "weights); the spread is the highest minus the lowest. Reviewers disagree strongly when "
         "the spread is more than {threshold} points (two fifths of the scale).",
         {{"threshold", decimal(t, p.threshold)}}));
  if (!p.applications.empty()) {
    web::export_links(h, t, call_path(p.call.id) + "/reviews", "");
    table_open(h, t("Per application"),
               {t("Application"), t("Applicant"), t("Reviewers"), t("Due"), t("Submitted"),
                t("Overdue"), t("Score"), t("Spread"), t("Disagreement")});
    for (const auto& a : p.applications) {
      h.open("tr", {{"?class", a.disagree ? "attention" : ""}});
      h.el("td", t.number(a.application));
      h.open("td").bdi(a.applicant).close("td");
      h.el("td", t.number(a.reviewers));
      h.el("td", t.number(a.due));
      h.el("td", t.number(a.done));
      h.el("td", t.number(a.overdue));
      h.el("td", a.score ? decimal(t, *a.score) : "—");
      h.el("td", a.score ? decimal(t, a.spread) : "—");
      h.open("td");
      if (a.disagree) h.el("strong", t("Strong disagreement"));
      h.close("td");
      h.close("tr");
    }
    table_close(h);
  }
  return std::move(h).str();
}

web::Table progress_table(const web::Ctx& ctx, const review::ProgressPage& p) {
  const auto& t = ctx.tr;
  web::Table out;
  out.header = {t("Application"), t("Applicant"), t("Reviewers"), t("Due"),         t("Submitted"),
                t("Overdue"),     t("Score"),     t("Spread"),    t("Disagreement")};
  auto num = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return std::string(buf);
  };
  for (const auto& a : p.applications)
    out.rows.push_back({std::to_string(a.application), a.applicant, std::to_string(a.reviewers),
                        std::to_string(a.due), std::to_string(a.done), std::to_string(a.overdue),
                        a.score ? num(*a.score) : "", a.score ? num(a.spread) : "",
                        a.disagree ? t("Strong disagreement") : ""});
  return out;
}

// ---------------------------------------------------------------- reviewer

std::string my_reviews(const web::Ctx& ctx, const std::vector<review::MyReview>& items) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("My reviews"));
  if (items.empty()) {
    h.el("p", {{"class", "muted"}}, t("No applications are assigned to you."));
    return std::move(h).str();
  }
  web::export_links(h, t, "/reviews", "");
  table_open(h, t("My reviews"),
             {t("Application"), t("Call"), t("Stage"), t("Due by"), t("State")});
  for (const auto& r : items) {
    h.open("tr");
    h.open("td")
        .open("a", {{"href", review_path(r.item.a.id)}})
        .text(application_label(t, r.item.a.id))
        .close("a")
        .close("td");
    h.open("td").bdi(r.item.call_title).close("td");
    h.el("td",
         r.item.a.stage == 2 ? t("Second stage (full application)") : t("First stage (blind)"));
    h.el("td", r.item.a.due_at ? t.date(*r.item.a.due_at) : "—");
    h.open("td");
    if (r.state == "overdue")
      h.el("strong", {{"class", "overdue"}}, state_label(t, r.state));
    else
      h.text(state_label(t, r.state));
    h.close("td").close("tr");
  }
  table_close(h);
  return std::move(h).str();
}

web::Table my_reviews_table(const web::Ctx& ctx, const std::vector<review::MyReview>& items) {
  const auto& t = ctx.tr;
  web::Table out;
  out.header = {t("Application"), t("Call"), t("Stage"), t("Due by"), t("State")};
  for (const auto& r : items)
    out.rows.push_back({application_label(t, r.item.a.id), r.item.call_title,
                        std::to_string(r.item.a.stage),
                        r.item.a.due_at ? t.date(*r.item.a.due_at) : "", state_label(t, r.state)});
  return out;
}

std::string review(const web::Ctx& ctx, const review::ReviewPage& p,
                   const std::vector<Error>& errors, const review::Typed* typed,
                   const Error* conflict_error, const std::string& reason) {
  const auto& t = ctx.tr;
  const std::string lang(t.language());
  const auto& s = p.shown;
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/reviews"}})
      .text(t("My reviews"))
      .close("a")
      .close("nav");
  h.el("h1", application_label(t, p.assignment.id));
  h.open("p").bdi(p.call_title).text(" · ");
  h.text(s.stage == 2 ? t("Second stage (full application)") : t("First stage (blind)"));
  if (p.assignment.due_at)
    h.text(" · ").text(t("Due by {date}", {{"date", t.date(*p.assignment.due_at)}}));
  h.close("p");
  if (s.stage == 1)
    h.el("p", {{"class", "hint"}},
         t("Fields the call blinds (such as the name and the organisation) are left out of "
           "this page. Score what the application says."));

  h.el("h2", t("The application"));
  h.open("dl", {{"class", "facts"}});
  if (s.name) dl_row(h, t("Name"), *s.name);
  if (s.email) dl_row(h, t("Email"), *s.email);
  if (s.gender && !s.gender->empty()) dl_row(h, t("Gender"), *s.gender);
  if (s.birth_year) dl_row(h, t("Year of birth"), t.year(*s.birth_year));
  if (s.nationality && !s.nationality->empty())
    dl_row(h, t("Nationality"), country_text(t, *s.nationality));
  if (s.organisation) dl_row(h, t("Organisation"), *s.organisation, s.language);
  if (!s.organisation_type.empty())
    dl_row(h, t("Type of organisation"),
           programme::views::organisation_type_label(t, s.organisation_type));
  if (!s.organisation_country.empty())
    dl_row(h, t("Country of the organisation"), country_text(t, s.organisation_country));
  if (!s.route_role.empty())
    dl_row(h, t("Role of the country in their work"),
           programme::views::route_role_label(t, s.route_role));
  if (!s.position.empty()) dl_row(h, t("Position"), s.position, s.language);
  if (!s.languages.empty()) dl_row(h, t("Languages"), s.languages, s.language);
  h.close("dl");
  if (!s.motivation.empty()) {
    h.el("h3", t("Motivation"));
    paragraphs(h, s.motivation, s.language);
  }
  if (!s.experience.empty()) {
    h.el("h3", t("Experience"));
    paragraphs(h, s.experience, s.language);
  }
  if (!s.answers.empty()) {
    h.el("h3", t("Answers to the call's questions"));
    h.open("dl");
    for (const auto& a : s.answers) {
      h.open("dt").bdi(a.label).close("dt");
      h.open("dd", {{"dir", "auto"}})
          .text(a.value == "yes"  ? t("Yes")
                : a.value == "no" ? t("No")
                                  : a.value)
          .close("dd");
    }
    h.close("dl");
  }
  if (s.documents && !s.documents->empty()) {
    h.el("h3", t("Documents"));
    h.open("ul");
    for (const auto& d : *s.documents) {
      h.open("li").bdi(d.filename);
      if (d.deleted_at)
        h.text(" — ").text(t("deleted on {date}", {{"date", t.date(*d.deleted_at)}}));
      h.close("li");
    }
    h.close("ul");
  }

  h.el("h2", {{"id", "score"}}, t("Your scores"));
  auto error_of = [&](const std::string& field) { return web::error_for(ctx, errors, field); };
  web::form_alert(h, ctx, web::form_wide(errors));
  if (p.submitted)
    h.el("p", {{"class", "ok"}, {"role", "status"}},
         t("Your review has been submitted. You can still change it until the call is decided."));
  if (p.can_edit) {
    h.open("form", {{"method", "post"}, {"action", review_path(p.assignment.id)}});
    web::csrf_field(h, ctx);
  }
  for (const auto& c : p.criteria) {
    const auto cid = std::to_string(c.id);
    std::string value, comment;
    if (typed) {
      if (auto it = typed->find(c.id); it != typed->end())
        value = it->second.first, comment = it->second.second;
    } else {
      for (const auto& o : p.own)
        if (o.criterion_id == c.id) value = std::to_string(o.score), comment = o.comment;
    }
    const auto err = error_of("score_" + cid);
    const auto label = criterion_label(c, lang);
    h.open("fieldset", {{"class", err.empty() ? "field" : "field invalid"},
                        {"?aria-describedby", err.empty() ? "" : "f-score_" + cid + "-error"}});
    h.open("legend")
        .bdi(label)
        .text(" ")
        .el("span", {{"class", "muted"}},
            t("(weight {w}, from {min} to {max})", {{"w", decimal(t, c.weight)},
                                                    {"min", t.number(c.scale_min)},
                                                    {"max", t.number(c.scale_max)}}))
        .close("legend");
    auto g = c.texts.find(lang);
    if (g != c.texts.end() && !g->second.second.empty())
      h.open("p", {{"class", "hint"}}).bdi(g->second.second).close("p");
    if (!err.empty()) h.el("p", {{"class", "error"}, {"id", "f-score_" + cid + "-error"}}, err);
    h.open("div", {{"class", "choices inline"}});
    for (long v = c.scale_min; v <= c.scale_max; ++v) {
      const auto vs = std::to_string(v);
      web::check(h, {.name = "score_" + cid,
                     .value = vs,
                     .label = t.number(v),
                     .id = v == c.scale_min ? "f-score_" + cid : "f-score_" + cid + "_" + vs,
                     .checked = value == vs,
                     .type = "radio",
                     .required = true});
    }
    h.close("div");
    const std::string cname = "comment_" + cid, cidattr = "f-" + cname;
    const auto cerr = error_of(cname);
    h.open("div", {{"class", cerr.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", cidattr}}, t("Comment on {criterion}", {{"criterion", label}}));
    h.open("textarea", {{"id", cidattr},
                        {"name", cname},
                        {"rows", "3"},
                        {"dir", "auto"},
                        {"?readonly", p.can_edit ? "" : "readonly"},
                        {"?aria-invalid", cerr.empty() ? "" : "true"},
                        {"?aria-describedby", cerr.empty() ? "" : cidattr + "-error"}})
        .text(comment)
        .close("textarea");
    if (!cerr.empty()) h.el("p", {{"class", "error"}, {"id", cidattr + "-error"}}, cerr);
    h.close("div");
    h.close("fieldset");
  }
  if (p.can_edit) {
    web::submit(h, p.submitted ? t("Save my review") : t("Submit my review"));
    h.close("form");
  }

  h.el("h2", t("Other reviewers' scores"));
  if (!p.submitted) {
    h.el("p", {{"class", "muted"}},
         t("You see the other reviewers' scores once you have submitted your own."));
  } else if (p.others.empty()) {
    h.el("p", {{"class", "muted"}}, t("No other review has been submitted yet."));
  } else {
    h.open("section", {{"id", "others"}});
    std::vector<std::string> cols{t("Reviewer")};
    for (const auto& c : p.criteria) cols.push_back(criterion_label(c, lang));
    table_open(h, t("Other reviewers' scores"), cols);
    for (const auto& o : p.others) {
      h.open("tr");
      h.el("td", t("Reviewer {n}", {{"n", t.number(o.number)}}));
      for (const auto& c : p.criteria) {
        h.open("td");
        for (const auto& sc : o.scores)
          if (sc.criterion_id == c.id) {
            h.text(t.number(sc.score));
            if (!sc.comment.empty())
              h.empty("br").open("span", {{"dir", "auto"}}).text(sc.comment).close("span");
          }
        h.close("td");
      }
      h.close("tr");
    }
    table_close(h);
    h.close("section");
  }

  if (!p.submitted && p.can_edit) {
    h.el("h2", {{"id", "conflict"}}, t("I cannot review this application"));
    h.el("p", t("If you know the applicant or have another conflict of interest, say so: the "
                "application goes to another reviewer."));
    h.open("form", {{"method", "post"}, {"action", review_path(p.assignment.id) + "/conflict"}});
    web::csrf_field(h, ctx);
    const auto rerr = web::error_for(ctx, conflict_error, "reason");
    h.open("div", {{"class", rerr.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", "f-reason"}}, t("Reason"));
    h.open("textarea", {{"id", "f-reason"},
                        {"name", "reason"},
                        {"rows", "2"},
                        {"dir", "auto"},
                        {"required", "required"},
                        {"?aria-invalid", rerr.empty() ? "" : "true"},
                        {"?aria-describedby", rerr.empty() ? "" : "f-reason-error"}})
        .text(reason)
        .close("textarea");
    if (!rerr.empty()) h.el("p", {{"class", "error"}, {"id", "f-reason-error"}}, rerr);
    h.close("div");
    web::submit(h, t("Declare a conflict"), "button");
    h.close("form");
  }
  return std::move(h).str();
}

}  // namespace crm::admissions::review_views

namespace crm::admissions::review_views {

void personal_data(web::Html& h, const web::Ctx& ctx,
                   const std::vector<review_store::WrittenScore>& list) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "reviews-written"}});
  h.el("h2", t("Reviews you wrote"));
  table_open(h, t("Reviews you wrote"),
             {t("Call"), t("Application"), t("Stage"), t("Sent"), t("Criterion"), t("Score"),
              t("Comment")});
  for (const auto& s : list) {
    h.open("tr");
    h.open("td").bdi(s.call).close("td");
    h.el("td", t.number(s.application_id));
    h.el("td", t.number(static_cast<long long>(s.stage)));
    h.el("td", s.submitted_at ? t.date(*s.submitted_at) : t("not sent"));
    h.open("td").bdi(s.criterion).close("td");
    h.el("td", t.number(static_cast<long long>(s.score)));
    h.open("td").bdi(s.comment).close("td");
    h.close("tr");
  }
  table_close(h);
  h.close("section");
}

boost::json::array personal_data_json(const std::vector<review_store::WrittenScore>& list) {
  namespace json = boost::json;
  json::array out;
  for (const auto& s : list)
    out.push_back(json::object{
        {"call", s.call},
        {"application_id", s.application_id},
        {"stage", s.stage},
        {"submitted_at", s.submitted_at ? json::value(*s.submitted_at) : json::value(nullptr)},
        {"criterion", s.criterion},
        {"score", s.score},
        {"comment", s.comment}});
  return out;
}

}  // namespace crm::admissions::review_views
