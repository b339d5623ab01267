// Mail to an applicant, in their language, through the outbox in the
// caller's transaction: paragraphs (already translated) and, when given, a
// link with its label.
#pragma once

#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "web/context.hpp"

namespace crm::admissions {

struct ApplicantMail {
  std::string to, to_name, subject;  // subject translated
  std::vector<std::string> paragraphs;
  std::string link, link_label;  // label translated; no link when empty
};
// REQUIRES: an open transaction on ctx.db.
void queue_applicant_mail(web::Ctx& ctx, const Tr& t, const ApplicantMail& m);

}  // namespace crm::admissions
