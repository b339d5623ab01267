// SQL of practice projects: the only file of projects with SQL. Every
// function that reads a list takes its scope (an account's programmes, one
// programme, one project) and keeps to it in the WHERE.
// REQUIRES for the writes: an open db::Transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "papers/project_model.hpp"

namespace crm::papers::project_store {

// The person record of an account; 0 when it has none.
int64_t person_of_account(db::Session& db, int64_t account_id);

// The projects of the account's programmes (programme/scope.hpp; `all`:
// every programme), those whose team `person_id` is on first, then the most
// recently changed; `status` empty for all. One statement.
std::vector<ProjectRow> list_projects(db::Session& db, int64_t account_id, bool all,
                                      int64_t person_id, const std::string& status,
                                      const std::string& language);

std::optional<Project> find_project(db::Session& db, int64_t id);
std::string programme_name(db::Session& db, int64_t programme_id, const std::string& language);
int64_t insert_project(db::Session& db, const Project& p);
void update_project(db::Session& db, const Project& p);
void touch_project(db::Session& db, int64_t id, int64_t now);

std::vector<ProjectMember> list_members(db::Session& db, int64_t project_id, int64_t programme_id);
void insert_member(db::Session& db, int64_t project_id, int64_t person_id, const std::string& role,
                   int64_t now);
void update_member_role(db::Session& db, int64_t project_id, int64_t person_id,
                        const std::string& role);
void delete_member(db::Session& db, int64_t project_id, int64_t person_id);

std::vector<ProjectPartner> list_partners(db::Session& db, int64_t project_id);
void replace_partners(db::Session& db, int64_t project_id, const std::vector<ProjectPartner>& p);

std::vector<ProjectUpdate> list_updates(db::Session& db, int64_t project_id);  // newest first
int64_t insert_update(db::Session& db, int64_t project_id, int64_t happened_on,
                      const std::string& body, int64_t author_id, int64_t now);

std::vector<knowledge::Tag> list_tags(db::Session& db, int64_t project_id);
void replace_tags(db::Session& db, int64_t project_id, const std::vector<knowledge::Tag>& tags);

// The person's own papers in any programme (Choice::group: the paper's
// programme), titled in `language` when written in it, else in any language.
std::vector<Choice> papers_of_person(db::Session& db, int64_t person_id,
                                     const std::string& language);
// A paper's title (as papers_of_person) with its programme; nullopt when none.
std::optional<Choice> find_paper(db::Session& db, int64_t paper_id, const std::string& language);
// The organisations of the people of a programme, by name.
std::vector<Choice> programme_organisations(db::Session& db, int64_t programme_id);
// The people taking part in a cohort of the programme (detail: a cohort), by name.
std::vector<Choice> programme_people(db::Session& db, int64_t programme_id);
// Whether the person takes part in a cohort of the programme.
bool takes_part(db::Session& db, int64_t programme_id, int64_t person_id);

// For a person's own data (/profile/data): the projects they are on and the
// updates their account wrote.
struct PersonProject {
  int64_t id = 0;
  std::string title, role, status;
  int64_t joined_at = 0;
};
std::vector<PersonProject> projects_of_person(db::Session& db, int64_t person_id);
struct PersonUpdate {
  int64_t project_id = 0, happened_on = 0;
  std::string project, body;
};
std::vector<PersonUpdate> updates_by_account(db::Session& db, int64_t account_id);

}  // namespace crm::papers::project_store
