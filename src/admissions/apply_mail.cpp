#include "admissions/apply_mail.hpp"

#include "mail/outbox.hpp"
#include "web/html.hpp"

namespace crm::admissions {

void queue_applicant_mail(web::Ctx& ctx, const Tr& t, const ApplicantMail& m) {
  mail::OutMail out;
  out.to_address = m.to;
  out.to_name = m.to_name;
  out.subject = m.subject;
  std::string text;
  web::Html h;
  h.open("div", {{"dir", t.dir()}, {"lang", t.language()}});
  for (const auto& p : m.paragraphs) {
    text += p + "\n\n";
    // Lines of a copy ("Motivation: …") keep their line breaks.
    h.el("p", {{"style", "white-space: pre-wrap"}}, p);
  }
  if (!m.link.empty()) {
    text += m.link_label + ":\n" + m.link + "\n";
    h.open("p").open("a", {{"href", m.link}}).text(m.link_label).close("a").close("p");
  }
  h.close("div");
  out.text = text;
  out.html = std::move(h).str();
  mail::queue(ctx, out);
}

}  // namespace crm::admissions
