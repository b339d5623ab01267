// Inside the papers service: finding a paper or a cohort with who the actor
// is to it (papers::policy's inputs), and mailing a person in their language.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "papers/model.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::papers::detail {

struct PaperAccess {
  Paper paper;
  bool in_programme = false, is_author = false, is_supervisor = false;
  int64_t person = 0;  // the actor's person record; 0 when none
};
// nullopt when there is no such paper or the actor may not see it.
std::optional<PaperAccess> paper_access(web::Ctx& ctx, int64_t paper_id);

struct CohortAccess {
  programme::Cohort cohort;
  bool in_programme = false;
};
// nullopt when there is no such cohort.
std::optional<CohortAccess> cohort_access(web::Ctx& ctx, int64_t cohort_id);

// The subject and paragraphs of a mail, written with the recipient's Tr.
struct MailText {
  std::string subject;
  std::vector<std::string> paragraphs;
};
// Queues a mail to the person (nothing when they have no address) in their
// language and zone, with a link to `path` (below the base URL). REQUIRES:
// an open transaction.
void mail_person(web::Ctx& ctx, int64_t person_id, const std::string& path,
                 const std::function<MailText(const Tr&)>& text);

// Text as typed without surrounding white space; its length in characters.
std::string trim(std::string_view s);
size_t length(std::string_view s);

// "accepted" -> its msgid ("Accepted"), for statuses and decisions alike.
const char* status_label(std::string_view status);
const char* milestone_label(std::string_view kind);

}  // namespace crm::papers::detail
