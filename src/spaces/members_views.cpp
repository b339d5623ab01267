#include "spaces/members_views.hpp"

#include <algorithm>

#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::spaces::members_views {

namespace {

using web::Html;

std::string why_text(const Tr& t, const std::string& why) {
  if (why == "hand") return t("Added by hand");
  if (why == "team") return t("Programme team");
  if (why == "alumni") return t("Alumni");
  return t("Cohort enrolment");
}

std::string role_text(const Tr& t, bool moderator) {
  return moderator ? t("Moderator") : t("Member");
}

}  // namespace

std::string members(web::Ctx& ctx, const members::MembersPage& p, const members::AddForm* form,
                    const Error* e) {
  const Tr& t = ctx.tr;
  const std::string base = "/spaces/" + std::to_string(p.space.space_id);
  Html h;
  h.open("p", {{"class", "muted"}}).open("a", {{"href", base}}).bdi(p.space_name).close("a");
  h.close("p");
  h.el("h1", t("Members"));
  h.el("p", t.plural("{n} person is in this space.", "{n} people are in this space.",
                     static_cast<long>(p.rows.size())));
  if (p.can_manage) web::export_links(h, t, base + "/members", "");
  // Only people added by hand can be removed here (the others follow their
  // enrolment): no column of empty cells when there are none.
  const bool removable = p.can_manage && std::any_of(p.rows.begin(), p.rows.end(),
                                                     [](const auto& r) { return r.why == "hand"; });
  h.open("div", {{"class", "table-wrap"}});
  h.open("table");
  h.el("caption", {{"class", "visually-hidden"}}, t("Members"));
  h.open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, t("Name"));
  h.el("th", {{"scope", "col"}}, t("Role"));
  h.el("th", {{"scope", "col"}}, t("Why"));
  if (removable) h.el("th", {{"scope", "col"}}, t("Actions"));
  h.close("tr").close("thead").open("tbody");
  for (const auto& r : p.rows) {
    h.open("tr");
    h.open("td").bdi(r.name).close("td");
    h.el("td", role_text(t, r.moderator));
    h.el("td", why_text(t, r.why));
    if (removable) {
      h.open("td");
      if (r.why == "hand") {
        h.open("form", {{"method", "post"},
                        {"action", base + "/members/" + std::to_string(r.account_id) + "/remove"}});
        web::csrf_field(h, ctx);
        web::submit(h, t("Remove"), "button danger");
        h.close("form");
      }
      h.close("td");
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");

  if (p.can_manage) {
    h.open("section", {{"class", "card"}, {"aria-labelledby", "add-h"}});
    h.el("h2", {{"id", "add-h"}}, t("Add a person"));
    h.el("p", {{"class", "hint"}}, t("People of this programme with an account."));
    // A programme has thousands of people: a name narrows the list (a GET
    // form, so it works without script and the address can be shared).
    h.open("form", {{"method", "get"},
                    {"action", base + "/members"},
                    {"class", "kb-query"},
                    {"role", "search"}});
    h.el("label", {{"for", "f-name"}}, t("Name contains"));
    h.open("div", {{"class", "pair"}});
    h.empty("input", {{"type", "search"},
                      {"id", "f-name"},
                      {"name", "name"},
                      {"value", p.name},
                      {"dir", "auto"},
                      {"maxlength", "200"}});
    h.open("button", {{"type", "submit"}, {"class", "button"}}).text(t("Search")).close("button");
    h.close("div");
    h.close("form");
    if (p.more_candidates)
      h.el("p", {{"class", "hint"}},
           t.plural("Only the first {n} are listed: a name narrows the list.",
                    "Only the first {n} are listed: a name narrows the list.",
                    static_cast<long long>(members::kCandidatesShown)));
    else if (p.candidates.empty() && !p.name.empty())
      h.el("p", {{"class", "hint"}}, t("Nobody with that name can be added."));
    h.open("form", {{"method", "post"}, {"action", base + "/members"}, {"novalidate", ""}});
    web::csrf_field(h, ctx);
    if (!p.name.empty())
      h.empty("input", {{"type", "hidden"}, {"name", "name"}, {"value", p.name}});
    std::vector<web::Option> people{{"", t("Choose a person")}};
    for (const auto& c : p.candidates)
      people.push_back({std::to_string(c.account_id), c.name, "", true});
    web::select(h, "account", t("Person"), people, form ? form->account : "",
                web::error_for(ctx, e, "account"));
    web::select(h, "role", t("Role"), {{"member", t("Member")}, {"moderator", t("Moderator")}},
                form ? form->role : "member", web::error_for(ctx, e, "role"));
    web::submit(h, t("Add"));
    h.close("form").close("section");
  }
  return std::move(h).str();
}

web::Table members_table(const web::Ctx& ctx, const members::MembersPage& p) {
  const Tr& t = ctx.tr;
  web::Table table;
  table.header = {t("Name"), t("Role"), t("Why")};
  for (const auto& r : p.rows)
    table.rows.push_back({r.name, role_text(t, r.moderator), why_text(t, r.why)});
  return table;
}

}  // namespace crm::spaces::members_views
