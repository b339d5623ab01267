#include "knowledge/publication_views.hpp"

#include "knowledge/work.hpp"
#include "knowledge/work_views.hpp"
#include "people/views.hpp"
#include "web/forms.hpp"

namespace crm::knowledge::views {

namespace {

using web::Html;

std::string self_path(const ConsentPage& p) {
  return work_path(p.work.kind, p.work.id) + "/publish";
}

void item(Html& h, const std::string& text) {
  h.el("li", text);
}

// Exactly what becomes public, item by item.
void what_becomes_public(Html& h, const web::Ctx& ctx, const Work& w) {
  const auto& t = ctx.tr;
  const bool paper = w.kind == search::WorkKind::paper;
  std::vector<std::string> langs;
  for (const auto& x : w.texts) langs.push_back(people::views::language_names(x.language, t));
  std::vector<std::string> names;
  for (const auto& p : w.people) names.push_back(p.name);
  h.el("p", t("If you agree, the following becomes public in the knowledge base, for anyone to "
              "read, search and cite, without an account:"));
  h.open("ul");
  if (paper) {
    h.open("li")
        .text(t("The title and the abstract, in each language you wrote them in:"))
        .text(" ");
    h.open("span").list(t, langs).close("span").close("li");
    h.open("li")
        .text(t("Your name:"))
        .text(" ")
        .bdi(names.empty() ? "" : names.front())
        .close("li");
  } else {
    h.open("li").text(t("The title, the problem it addresses and the summary, in:")).text(" ");
    h.open("span").list(t, langs).close("span").close("li");
    h.open("li")
        .text(t("Your name:"))
        .text(" ")
        .bdi(names.empty() ? "" : names.front())
        .close("li");
    item(h, t("The names of the other team members stay private."));
  }
  h.open("li").text(t("The cohort and the programme:")).text(" ");
  std::vector<std::string> where = w.cohorts;
  if (!w.programme.empty()) where.push_back(w.programme);
  h.open("span").list(t, where).close("span").close("li");
  item(h, t("The tags: topics, countries, target groups, reintegration dimensions, Global "
            "Compact objectives and Sustainable Development Goals."));
  if (paper) {
    h.open("li")
        .text(t("The file of the accepted version:"))
        .text(" ")
        .bdi(w.file_name)
        .close("li");
  }
  h.close("ul");
  if (paper)
    h.el("p", t("Your supervisor's comments, the assessment and the feedback stay private."));
  h.el("p", t("You can withdraw your consent at any time: the work then disappears from every "
              "public page, the search and the feed at once."));
}

}  // namespace

std::string consent_title(const web::Ctx& ctx, search::WorkKind kind) {
  return kind == search::WorkKind::paper ? ctx.tr("Publish your final paper")
                                         : ctx.tr("Publish your practice project");
}

std::string consent_page(const web::Ctx& ctx, const ConsentPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const Work& w = p.work;
  const auto first = main_text(w.texts, t.language());
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", work_path(w.kind, w.id)}})
      .bdi(first.title)
      .close("a")
      .close("p");
  h.el("h1", consent_title(ctx, w.kind));
  if (p.published()) {
    const std::string public_path = public_work_path(p.publication->id);
    h.open("section", {{"class", "card"}});
    h.el("h2", t("Your work is public"));
    h.open("p")
        .text(t("Anyone can read it at this address:"))
        .text(" ")
        .open("a", {{"href", public_path}, {"dir", "ltr"}})
        .text(ctx.config.base_url + public_path)
        .close("a")
        .close("p");
    h.el("p", t("Withdrawing your consent takes it off every public page, the search and the "
                "feed at once. You can publish it again later; it keeps its address."));
    web::form_alert(h, ctx, error);
    h.open("form", {{"method", "post"}, {"action", work_path(w.kind, w.id) + "/withdraw"}});
    web::csrf_field(h, ctx);
    web::submit(h, t("Withdraw my consent"), "button");
    h.close("form").close("section");
    return std::move(h).str();
  }
  if (!p.publishable) {
    h.open("section", {{"class", "card"}});
    h.el("p", t("A paper can be published once it has been accepted."));
    h.close("section");
    return std::move(h).str();
  }
  h.open("section", {{"class", "card"}});
  what_becomes_public(h, ctx, w);
  if (p.publication)
    h.el("p", t("It was published before: it will be public again under its earlier address."));
  h.open("form", {{"method", "post"}, {"action", self_path(p)}});
  web::csrf_field(h, ctx);
  if (error && error->field.empty()) web::form_alert(h, ctx, error);
  web::check(h, {.name = "consent",
                 .label = t("I agree that this work is published as shown below, under my name."),
                 .error = web::error_for(ctx, error, "consent"),
                 .required = true});
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Publish"));
  h.open("a", {{"href", work_path(w.kind, w.id)}}).text(t("Cancel")).close("a");
  h.close("div").close("form").close("section");
  h.open("section", {{"class", "card"}, {"aria-labelledby", "preview"}});
  h.el("h2", {{"id", "preview"}}, t("What the public page will show"));
  work_body(h, ctx, w, false);
  h.close("section");
  return std::move(h).str();
}

}  // namespace crm::knowledge::views
