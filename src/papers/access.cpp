#include "papers/access.hpp"

#include "core/text.hpp"

#include "mail/outbox.hpp"
#include "papers/policy.hpp"
#include "papers/store.hpp"
#include "programme/store.hpp"
#include "web/html.hpp"

namespace crm::papers::detail {

std::optional<PaperAccess> paper_access(web::Ctx& ctx, int64_t paper_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto p = store::find_paper(ctx.db, paper_id);
  if (!p) return std::nullopt;
  auto m = programme::store::membership(ctx.db, p->programme_id, ctx.actor.id);
  PaperAccess a;
  a.person = store::person_of_account(ctx.db, ctx.actor.id);
  a.in_programme = m.in_programme;
  a.is_author = a.person && p->person_id == a.person;
  a.is_supervisor = a.person && p->supervisor_id == a.person;
  if (!policy::can_see_paper(ctx.actor.role, a.in_programme, a.is_author, a.is_supervisor))
    return std::nullopt;
  a.paper = std::move(*p);
  return a;
}

std::optional<CohortAccess> cohort_access(web::Ctx& ctx, int64_t cohort_id) {
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id,
                                                    ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found) return std::nullopt;
  return CohortAccess{std::move(found->cohort), found->in_programme};
}

void mail_person(web::Ctx& ctx, int64_t person_id, const std::string& path,
                 const std::function<MailText(const Tr&)>& text) {
  auto r = store::recipient(ctx.db, person_id);
  if (!r) return;
  const std::string lang = is_language(r->language) ? r->language : "en";
  const std::string zone = is_time_zone(r->time_zone) ? r->time_zone : "UTC";
  Tr t(ctx.catalogs, lang, zone);
  auto body = text(t);
  mail::OutMail m;
  m.to_address = r->email;
  m.to_name = r->name;
  m.subject = body.subject;
  const std::string link = ctx.config.base_url + path;
  web::Html h;
  h.open("div", {{"dir", t.dir()}, {"lang", t.language()}});
  for (const auto& p : body.paragraphs) {
    m.text += p + "\n\n";
    h.el("p", p);
  }
  m.text += t("Open the paper") + ":\n" + link + "\n";
  h.open("p").open("a", {{"href", link}}).text(t("Open the paper")).close("a").close("p");
  h.close("div");
  m.html = std::move(h).str();
  mail::queue(ctx, m);
}

std::string trim(std::string_view s) {
  return text::trim(s);
}

size_t length(std::string_view s) {
  return text::code_points(s);
}

const char* status_label(std::string_view status) {
  if (status == "draft") return N_("Draft");
  if (status == "submitted") return N_("Submitted");
  if (status == "revisions") return N_("Revisions required");
  if (status == "accepted") return N_("Accepted");
  if (status == "rejected") return N_("Rejected");
  return N_("Unknown");
}

const char* milestone_label(std::string_view kind) {
  if (kind == "proposal") return N_("Proposal");
  if (kind == "draft") return N_("Draft");
  if (kind == "final") return N_("Final version");
  return N_("Unknown");
}

}  // namespace crm::papers::detail
