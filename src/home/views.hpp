// The start page: for a visitor, what the programme is, who runs and funds
// it and where to read more; for someone signed in, their next step (their
// cohorts and open tasks) before their profile.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/service.hpp"
#include "curriculum/timetable.hpp"
#include "imports/model.hpp"
#include "programme/model.hpp"
#include "programme/store.hpp"
#include "web/context.hpp"

namespace crm::home::views {

// A visitor's start page: the one programme crm runs (its name, description
// and funders), or the programmes when there are several; `programme` is
// empty when crm has none yet.
struct Welcome {
  std::optional<programme::Programme> programme;
  std::vector<programme::store::ProgrammeSummary> programmes;  // when several
};
std::string welcome(const web::Ctx& ctx, const Welcome& w);

// Something waiting for the actor, with the page where it is done. Shown as
// a link "text subject" and then "where · detail"; subject and where are
// user text (a file name, a cohort's name), isolated from the page's text.
struct Task {
  std::string text;     // translated: what to do ("Import")
  std::string subject;  // user text or empty
  std::string href;
  std::string where;   // user text or empty
  std::string detail;  // translated or empty: since when
};

struct Dashboard {
  std::vector<programme::Cohort> cohorts;  // programme::my_cohorts
  bool team = false;                       // cohorts of the team's programmes
  std::vector<Task> tasks;                 // imports in progress, erasure requests …
  std::optional<auth::InvitationSummary> invitations;
  std::optional<long> erasures;  // pending erasure requests, for those who handle them
  // Participants and lecturers: their next sessions (curriculum::next_sessions).
  std::optional<std::vector<curriculum::Entry>> next_sessions;
};
std::string dashboard(const web::Ctx& ctx, const Dashboard& d);

// Tasks for imports that wait for a commit or are being committed.
void add_import_tasks(const web::Ctx& ctx, const std::vector<imports::OpenImport>& open,
                      std::vector<Task>& tasks);

}  // namespace crm::home::views
