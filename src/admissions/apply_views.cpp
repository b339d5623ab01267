#include "admissions/apply_views.hpp"

#include <unicode/locid.h>

#include <algorithm>

#include "admissions/decision_views.hpp"
#include "programme/countries.hpp"
#include "programme/model.hpp"
#include "programme/views.hpp"
#include "web/html.hpp"

namespace crm::admissions::apply_views {

namespace {

using web::Html;

std::string path_of(int64_t id) {
  return "/applications/" + std::to_string(id);
}

std::vector<web::Option> country_options(const Tr& t) {
  std::vector<std::string> codes;
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c)
    if (programme::is_country(*c)) codes.emplace_back(*c);
  programme::sort_by_name(codes, t.language());
  std::vector<web::Option> out{{"", t("Choose…")}};
  for (const auto& c : codes) out.push_back({c, programme::country_name(c, t.language())});
  return out;
}

void textarea(Html& h, const std::string& name, const std::string& label, const std::string& v,
              const std::string& error, const std::string& hint = {}) {
  const std::string id = "f-" + name;
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  if (!hint.empty()) h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", "6"},
                      {"dir", "auto"},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", error.empty() ? "" : id + "-error"}})
      .text(v)
      .close("textarea");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

void radios(Html& h, const std::string& name, const std::string& legend,
            const std::vector<web::Option>& options, const std::string& v,
            const std::string& error) {
  h.open("fieldset", {{"class", error.empty() ? "field" : "field invalid"}, {"id", "f-" + name}});
  h.el("legend", legend);
  for (const auto& o : options)
    web::check(h, {.name = name,
                   .value = o.value,
                   .label = o.label,
                   .id = "f-" + name + "-" + o.value,
                   .checked = v == o.value,
                   .type = "radio"});
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", "f-" + name + "-error"}}, error);
  h.close("fieldset");
}

std::string kind_label(const Tr& t, const std::string& kind) {
  if (kind == "cv") return t("CV");
  if (kind == "support_letter") return t("Letter of support");
  return t("Other document");
}

// A document emptied by retention (admissions/retention.hpp).
std::string deleted_text(const Tr& t, int64_t at) {
  return t("deleted on {date}", {{"date", t.date(at)}});
}

std::string route_label(const Tr& t, const std::string& r) {
  if (r == "origin") return t("Country of origin");
  if (r == "transit") return t("Country of transit");
  if (r == "destination") return t("Country of destination");
  return r;
}

std::string gender_label(const Tr& t, const std::string& g) {
  if (g == "female") return t("Female");
  if (g == "male") return t("Male");
  if (g == "prefer_not_to_say") return t("Prefer not to say");
  return {};
}

std::string question_label(const Tr& t, const Question& q) {
  for (const auto& lang : {std::string(t.language()), std::string("en")})
    if (auto it = q.texts.find(lang); it != q.texts.end()) return it->second.first;
  return q.texts.empty() ? std::string() : q.texts.begin()->second.first;
}

void steps(Html& h, const Tr& t, const apply::Form& f, long n) {
  h.open("ol", {{"class", "steps"}, {"aria-label", t("Pages of the form")}});
  for (long i = 1; i <= apply::kPages; ++i) {
    h.open("li");
    if (i == n)
      h.el("span", {{"aria-current", "step"}}, page_title(t, i));
    else if (i <= f.application.page)
      h.el("a", {{"href", path_of(f.application.id) + "/page/" + std::to_string(i)}},
           page_title(t, i));
    else
      h.text(page_title(t, i));
    h.close("li");
  }
  h.close("ol");
}

void deadline_note(Html& h, const Tr& t, const Call& c) {
  h.el(
      "p", {{"class", "muted"}},
      t("You can change your application until {time}.", {{"time", t.date_time(c.closes_at - 1)}}));
}

}  // namespace

std::string call_title(const Tr& t, const Call& c) {
  for (const auto& lang : {std::string(t.language()), std::string("en")})
    if (auto it = c.texts.find(lang); it != c.texts.end()) return it->second.title;
  return c.texts.empty() ? std::string() : c.texts.begin()->second.title;
}

std::string page_title(const Tr& t, long n) {
  switch (n) {
    case 1:
      return t("Personal details");
    case 2:
      return t("Organisation");
    case 3:
      return t("Motivation and experience");
    case 4:
      return t("Documents");
    default:
      return t("Review and send");
  }
}

std::string state_label(const Tr& t, const std::string& s) {
  if (s == "draft") return t("Draft: not sent yet");
  if (s == "submitted") return t("Received");
  if (s == "under_review") return t("Under review");
  if (s == "decided") return t("Decided");
  if (s == "withdrawn") return t("Withdrawn");
  return s;
}

// -------------------------------------------------------------- sign-up

std::string signup(const web::Ctx& ctx, const signup::Form& f, const std::string& stamp,
                   const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Apply: sign up"));
  h.el("p", t("Enter your e-mail address. We send you a link to confirm it; then you choose a "
              "password and fill in your application, page by page."));
  h.el("p", {{"class", "muted"}},
       t("Do you have a crm account already (you applied before, or took part)? Then sign in "
         "instead."));
  h.open("p").el("a", {{"href", "/login"}}, t("Sign in")).close("p");
  h.open("form", {{"method", "post"}, {"action", "/apply/signup"}});
  web::csrf_field(h, ctx);
  h.empty("input", {{"type", "hidden"}, {"name", "stamp"}, {"value", stamp}});
  if (f.call)
    h.empty("input", {{"type", "hidden"}, {"name", "call"}, {"value", std::to_string(*f.call)}});
  web::field(h, {.name = "email",
                 .label = t("E-mail address"),
                 .type = "email",
                 .value = f.email,
                 .error = web::error_for(ctx, e, "email"),
                 .autocomplete = "email",
                 .required = true});
  std::vector<web::Option> languages{
      {"en", "English"}, {"de", "Deutsch"}, {"fr", "Français"}, {"ar", "العربية"}};
  web::select(h, "language", t("Language of your application and our mail"), languages,
              f.language.empty() ? std::string(t.language()) : f.language,
              web::error_for(ctx, e, "language"));
  // The honeypot: people do not see it, screen readers skip it; a bot
  // that fills every field fills this one too.
  h.open("div", {{"class", "visually-hidden"}, {"aria-hidden", "true"}});
  h.el("label", {{"for", "f-website"}}, t("Leave this field empty"));
  h.empty("input", {{"type", "text"},
                    {"id", "f-website"},
                    {"name", "website"},
                    {"tabindex", "-1"},
                    {"autocomplete", "off"}});
  h.close("div");
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  web::submit(h, t("Send me the link"));
  h.close("form");
  return std::move(h).str();
}

std::string signup_sent(const web::Ctx& ctx) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Check your mail"));
  h.el("p", t("If the address can be used, a mail is on its way to it. Open the link in it within "
              "48 hours to go on."));
  h.el("p", {{"class", "muted"}},
       t("No mail after a few minutes? Look in your spam folder, or sign up again."));
  return std::move(h).str();
}

std::string confirm(const web::Ctx& ctx, const std::string& token, const signup::Link& link,
                    const signup::Confirm& f, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Choose your password"));
  h.open("p").text(t("Your address is confirmed:") + " ").bdi(link.email).close("p");
  h.el("p", t("Choose your name and a password to open your applicant account."));
  h.open("form", {{"method", "post"}, {"action", "/apply/confirm/" + token}});
  web::csrf_field(h, ctx);
  web::field(h, {.name = "name",
                 .label = t("Your name"),
                 .value = f.name,
                 .error = web::error_for(ctx, e, "name"),
                 .autocomplete = "name",
                 .required = true});
  web::field(h, {.name = "password",
                 .label = t("Password"),
                 .type = "password",
                 .error = web::error_for(ctx, e, "password"),
                 .autocomplete = "new-password",
                 .required = true});
  web::field(h, {.name = "password_again",
                 .label = t("Password again"),
                 .type = "password",
                 .error = web::error_for(ctx, e, "password_again"),
                 .autocomplete = "new-password",
                 .required = true});
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  web::submit(h, t("Open my account"));
  h.close("form");
  return std::move(h).str();
}

std::string link_problem(const web::Ctx& ctx, const Error& e) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("This link cannot be used"));
  h.el("p", t.error(e));
  h.open("p").el("a", {{"href", "/apply/signup"}}, t("Sign up again")).close("p");
  h.open("p").el("a", {{"href", "/login"}}, t("Sign in")).close("p");
  return std::move(h).str();
}

// ------------------------------------------------------------------ form

std::string page(const web::Ctx& ctx, const apply::Form& f, long n, const apply::Fields* typed,
                 const std::vector<Error>& problems) {
  const auto& t = ctx.tr;
  const auto& a = f.application;
  auto v = [&](const std::string& name, const std::string& saved) {
    if (!typed) return saved;
    auto it = typed->find(name);
    return it == typed->end() ? std::string() : it->second;
  };
  auto err = [&](std::string_view field) { return web::error_for(ctx, problems, field); };
  Html h;
  h.el("h1", {{"dir", "auto"}}, call_title(t, f.call));
  steps(h, t, f, n);
  h.el("h2",
       t("Page {n} of {pages}: {title}",
         {{"n", t.number(n)}, {"pages", t.number(apply::kPages)}, {"title", page_title(t, n)}}));
  deadline_note(h, t, f.call);
  const std::string base = path_of(a.id);
  if (n == 4) {
    // Each document is its own upload form (multipart), then the page's
    // own form goes on.
    for (const auto& r : f.rules) {
      const std::string field = "file_" + r.kind;
      auto doc = std::find_if(f.documents.begin(), f.documents.end(),
                              [&](const Document& d) { return d.kind == r.kind; });
      h.open("section", {{"class", "card"}, {"aria-labelledby", "doc-" + r.kind}});
      h.el("h3", {{"id", "doc-" + r.kind}},
           kind_label(t, r.kind) + (r.required ? "" : " " + t("(optional)")));
      if (doc != f.documents.end() && doc->deleted_at) {
        h.open("p").bdi(doc->filename).text(" — ").text(deleted_text(t, *doc->deleted_at));
        h.close("p");
      } else if (doc != f.documents.end()) {
        h.open("p").el("a", {{"href", base + "/documents/" + r.kind}, {"dir", "auto"}},
                       doc->filename);
        h.text(" " + t("({n} KB)", {{"n", t.number((doc->size + 1023) / 1024)}})).close("p");
        h.open("form", {{"method", "post"}, {"action", base + "/documents/" + r.kind + "/delete"}});
        web::csrf_field(h, ctx);
        web::submit(h, t("Delete"), "button");
        h.close("form");
      }
      h.open("form", {{"method", "post"},
                      {"action", base + "/documents"},
                      {"enctype", "multipart/form-data"}});
      web::csrf_field(h, ctx);
      h.empty("input", {{"type", "hidden"}, {"name", "kind"}, {"value", r.kind}});
      const std::string e = err(field);
      const std::string id = "f-" + field;
      h.open("div", {{"class", e.empty() ? "field" : "field invalid"}});
      h.el("label", {{"for", id}}, doc == f.documents.end() ? t("Choose a file") : t("Replace"));
      h.el("p", {{"class", "hint"}, {"id", id + "-hint"}},
           r.max_bytes >= 1024 * 1024
               ? t("PDF, Word (.docx) or OpenDocument (.odt), at most {max} MB.",
                   {{"max", t.number(r.max_bytes / (1024 * 1024))}})
               : t("PDF, Word (.docx) or OpenDocument (.odt), at most {max} KB.",
                   {{"max", t.number(r.max_bytes / 1024)}}));
      h.empty("input", {{"type", "file"},
                        {"id", id},
                        {"name", "file"},
                        {"accept", ".pdf,.docx,.odt"},
                        {"aria-describedby", e.empty() ? id + "-hint" : id + "-error"},
                        {"?aria-invalid", e.empty() ? "" : "true"}});
      if (!e.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, e);
      h.close("div");
      web::submit(h, t("Upload"), "button");
      h.close("form");
      h.close("section");
    }
  }
  if (n == 5) {
    h.open("dl", {{"class", "facts"}});
    auto fact = [&](const std::string& label, const std::string& value) {
      h.el("dt", label).open("dd").bdi(value).close("dd");
    };
    fact(t("Name"), f.person.name);
    fact(t("Gender"), gender_label(t, f.person.gender));
    fact(t("Year of birth"), a.birth_year ? std::to_string(*a.birth_year) : "");
    fact(t("Nationality"), programme::country_name(a.nationality, t.language()));
    fact(t("Country of work"), programme::country_name(f.person.country, t.language()));
    fact(t("Organisation"), a.organisation_name);
    fact(t("Type of organisation"),
         programme::views::organisation_type_label(t, a.organisation_type));
    fact(t("Country of the organisation"),
         programme::country_name(a.organisation_country, t.language()));
    fact(t("Position"), a.position);
    fact(t("Role of your country in your work"), route_label(t, a.route_role));
    fact(t("Motivation"), a.motivation);
    fact(t("Experience"), a.experience);
    fact(t("Languages"), a.languages);
    for (const auto& q : f.questions) {
      auto it = a.answers.find(q.id);
      std::string ans = it == a.answers.end() ? "" : it->second;
      if (q.kind == "yes_no") ans = ans == "yes" ? t("Yes") : ans == "no" ? t("No") : "";
      fact(question_label(t, q), ans);
    }
    for (const auto& d : f.documents) fact(kind_label(t, d.kind), d.filename);
    h.close("dl");
    std::vector<long> pages;
    auto missing = apply::incomplete(f, &pages);
    if (!missing.empty()) {
      h.open("div", {{"class", "flash error"}, {"role", "status"}});
      h.el("p", t("Before you can send it, complete:"));
      h.open("ul");
      for (size_t i = 0; i < missing.size(); ++i)
        h.open("li")
            .el("a",
                {{"href", base + "/page/" + std::to_string(pages[i]) + "#f-" + missing[i].field}},
                page_title(t, pages[i]) + ": " + t.error(missing[i]))
            .close("li");
      h.close("ul").close("div");
    }
    h.open("form", {{"method", "post"}, {"action", base + "/submit"}});
    web::csrf_field(h, ctx);
    web::submit(h, a.status == "submitted" ? t("Send the changes") : t("Send my application"));
    h.close("form");
    h.open("p").el("a", {{"href", base + "/page/4"}}, t("Back")).close("p");
    return std::move(h).str();
  }
  h.open("form", {{"method", "post"}, {"action", base + "/page/" + std::to_string(n)}});
  web::csrf_field(h, ctx);
  if (n == 1) {
    web::field(h, {.name = "name",
                   .label = t("Name"),
                   .value = v("name", f.person.name),
                   .error = err("name"),
                   .autocomplete = "name",
                   .required = true});
    web::select(h, "gender", t("Gender"),
                {{"", t("Choose…")},
                 {"female", t("Female")},
                 {"male", t("Male")},
                 {"prefer_not_to_say", t("Prefer not to say")}},
                v("gender", f.person.gender), err("gender"));
    web::field(h, {.name = "birth_year",
                   .label = t("Year of birth"),
                   .value = v("birth_year", a.birth_year ? std::to_string(*a.birth_year) : ""),
                   .error = err("birth_year"),
                   .required = true,
                   .inputmode = "numeric"});
    auto countries = country_options(t);
    web::select(h, "nationality", t("Nationality"), countries, v("nationality", a.nationality),
                err("nationality"));
    web::select(h, "country", t("Country of work"), countries, v("country", f.person.country),
                err("country"));
  } else if (n == 2) {
    web::field(h, {.name = "organisation_name",
                   .label = t("Organisation"),
                   .value = v("organisation_name", a.organisation_name),
                   .error = err("organisation_name"),
                   .autocomplete = "organization",
                   .required = true});
    std::vector<web::Option> types{{"", t("Choose…")}};
    for (auto type : programme::organisation_types())
      types.push_back({std::string(type), programme::views::organisation_type_label(t, type)});
    web::select(h, "organisation_type", t("Type of organisation"), types,
                v("organisation_type", a.organisation_type), err("organisation_type"));
    web::select(h, "organisation_country", t("Country of the organisation"), country_options(t),
                v("organisation_country", a.organisation_country), err("organisation_country"));
    web::field(h, {.name = "position",
                   .label = t("Position"),
                   .value = v("position", a.position),
                   .error = err("position"),
                   .autocomplete = "organization-title",
                   .required = true});
    radios(h, "route_role", t("Role of your country in your work"),
           {{"origin", route_label(t, "origin")},
            {"transit", route_label(t, "transit")},
            {"destination", route_label(t, "destination")}},
           v("route_role", a.route_role), err("route_role"));
  } else if (n == 3) {
    textarea(h, "motivation", t("Motivation"), v("motivation", a.motivation), err("motivation"),
             t("Why do you apply, and what do you want to do with what you learn?"));
    textarea(h, "experience", t("Experience"), v("experience", a.experience), err("experience"));
    web::field(h, {.name = "languages",
                   .label = t("Languages"),
                   .value = v("languages", a.languages),
                   .error = err("languages"),
                   .required = true,
                   .hint = t("The languages you work in, like \"Arabic, French\".")});
    for (const auto& q : f.questions) {
      const std::string name = "q" + std::to_string(q.id);
      auto it = a.answers.find(q.id);
      const std::string saved = it == a.answers.end() ? "" : it->second;
      if (q.kind == "yes_no")
        radios(h, name, question_label(t, q), {{"yes", t("Yes")}, {"no", t("No")}}, v(name, saved),
               err(name));
      else
        textarea(h, name, question_label(t, q), v(name, saved), err(name));
    }
  }
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save and continue"));
  if (n > 1)
    h.open("button",
           {{"type", "submit"}, {"name", "action"}, {"value", "back"}, {"class", "button"}})
        .text(t("Save and go back"))
        .close("button");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string mine(const web::Ctx& ctx, const std::vector<apply_store::Mine>& list) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("My applications"));
  if (list.empty()) {
    h.el("p", t("You have not applied yet."));
    h.open("p").el("a", {{"href", "/calls"}}, t("Open calls")).close("p");
    return std::move(h).str();
  }
  h.open("ul", {{"class", "cards"}});
  for (const auto& m : list) {
    h.open("li", {{"class", "card"}});
    h.open("h2").open("a", {{"href", path_of(m.application.id)}, {"dir", "auto"}});
    h.text(call_title(t, m.call)).close("a").close("h2");
    h.el("p", state_label(t, apply::state_of(m.application, m.under_review)));
    h.close("li");
  }
  h.close("ul");
  return std::move(h).str();
}

std::string status(const web::Ctx& ctx, const apply::Status_& s, const Error* e,
                   const Error* decision_error) {
  const auto& t = ctx.tr;
  const auto& f = s.form;
  const auto& a = f.application;
  const std::string base = path_of(a.id);
  Html h;
  h.el("h1", {{"dir", "auto"}}, call_title(t, f.call));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("State")).el("dd", {{"id", "state"}}, state_label(t, s.state));
  if (a.submitted_at) h.el("dt", t("Sent")).el("dd", t.date_time(*a.submitted_at));
  h.el("dt", t("Deadline")).el("dd", t.date_time(f.call.closes_at - 1));
  h.close("dl");
  decision_views::applicant_decision(h, ctx, a, f.call.time_zone, decision_error);
  if (a.status == "withdrawn") {
    h.el("p", t("You have withdrawn this application."));
    return std::move(h).str();
  }
  if (f.open && a.decision.empty()) {
    h.open("p", {{"class", "actions"}});
    h.el("a", {{"class", "button primary"}, {"href", base + "/page/" + std::to_string(a.page)}},
         a.status == "draft" ? t("Continue my application") : t("Change my application"));
    h.close("p");
  } else if (!a.decided_at) {
    h.el("p", {{"class", "flash"}},
         t("The deadline of this call has passed: the application can no longer be sent or "
           "changed."));
  }
  if (!f.documents.empty()) {
    h.el("h2", t("Documents"));
    h.open("ul");
    for (const auto& d : f.documents) {
      h.open("li").text(kind_label(t, d.kind) + ": ");
      if (d.deleted_at)  // emptied by retention: the name stays, the file is gone
        h.bdi(d.filename).text(" — ").text(deleted_text(t, *d.deleted_at));
      else
        h.el("a", {{"href", base + "/documents/" + d.kind}, {"dir", "auto"}}, d.filename);
      h.close("li");
    }
    h.close("ul");
  }
  h.el("h2", t("Withdraw"));
  h.el("p", t("You can withdraw your application at any time. It cannot be sent again "
              "afterwards."));
  h.open("form", {{"method", "post"}, {"action", base + "/withdraw"}});
  web::csrf_field(h, ctx);
  web::check(h, {.name = "confirm",
                 .label = t("Yes, I withdraw my application."),
                 .error = web::error_for(ctx, e, "confirm")});
  web::submit(h, t("Withdraw my application"), "button danger");
  h.close("form");
  return std::move(h).str();
}

// ----------------------------------------------------------- own data

void personal_data(Html& h, const web::Ctx& ctx, const std::vector<apply_store::Mine>& list,
                   const std::vector<Document>& documents) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "applications"}});
  h.el("h2", t("My applications"));
  for (const auto& m : list) {
    const auto& a = m.application;
    h.el("h3", {{"dir", "auto"}}, call_title(t, m.call));
    h.open("dl", {{"class", "facts"}});
    auto fact = [&](const std::string& label, const std::string& value) {
      if (!value.empty()) h.el("dt", label).open("dd").bdi(value).close("dd");
    };
    fact(t("State"), state_label(t, apply::state_of(a, m.under_review)));
    fact(t("Year of birth"), a.birth_year ? std::to_string(*a.birth_year) : "");
    fact(t("Nationality"), programme::country_name(a.nationality, t.language()));
    fact(t("Organisation"), a.organisation_name);
    fact(t("Type of organisation"),
         programme::views::organisation_type_label(t, a.organisation_type));
    fact(t("Country of the organisation"),
         programme::country_name(a.organisation_country, t.language()));
    fact(t("Position"), a.position);
    fact(t("Role of your country in your work"), route_label(t, a.route_role));
    fact(t("Motivation"), a.motivation);
    fact(t("Experience"), a.experience);
    fact(t("Languages"), a.languages);
    for (const auto& d : documents)
      if (d.application_id == a.id) fact(kind_label(t, d.kind), d.filename);
    h.close("dl");
  }
  h.close("section");
}

boost::json::array personal_data_json(const std::vector<apply_store::Mine>& list,
                                      const std::vector<Document>& documents) {
  namespace json = boost::json;
  json::array out;
  for (const auto& m : list) {
    const auto& a = m.application;
    json::array docs;
    for (const auto& d : documents)
      if (d.application_id == a.id)
        docs.push_back(json::object{
            {"kind", d.kind},
            {"filename", d.filename},
            {"content_type", d.content_type},
            {"size", d.size},
            {"uploaded_at", d.uploaded_at},
            {"deleted_at", d.deleted_at ? json::value(*d.deleted_at) : json::value(nullptr)}});
    json::object texts;
    for (const auto& [lang, text] : m.call.texts) texts[lang] = text.title;
    json::object answers;
    for (const auto& [q, v] : a.answers) answers[std::to_string(q)] = v;
    out.push_back(json::object{
        {"call", texts},
        {"state", apply::state_of(a, m.under_review)},
        {"language", a.language},
        {"birth_year", a.birth_year ? json::value(*a.birth_year) : json::value(nullptr)},
        {"nationality", a.nationality},
        {"organisation_name", a.organisation_name},
        {"organisation_type", a.organisation_type},
        {"organisation_country", a.organisation_country},
        {"position", a.position},
        {"route_role", a.route_role},
        {"motivation", a.motivation},
        {"experience", a.experience},
        {"languages", a.languages},
        {"created_at", a.created_at},
        {"submitted_at", a.submitted_at ? json::value(*a.submitted_at) : json::value(nullptr)},
        {"withdrawn_at", a.withdrawn_at ? json::value(*a.withdrawn_at) : json::value(nullptr)},
        // The decision once it has been sent to them, and their answer.
        {"decision", a.decided_at ? json::value(a.decision) : json::value(nullptr)},
        {"decided_at", a.decided_at ? json::value(*a.decided_at) : json::value(nullptr)},
        {"confirm_by",
         a.decided_at && a.confirm_by ? json::value(*a.confirm_by) : json::value(nullptr)},
        {"confirmed_at", a.confirmed_at ? json::value(*a.confirmed_at) : json::value(nullptr)},
        {"declined_at", a.declined_at ? json::value(*a.declined_at) : json::value(nullptr)},
        {"documents", docs}});
  }
  return out;
}

}  // namespace crm::admissions::apply_views
