// Practice projects: ideas of a programme's people, standing alone or grown
// from one of the author's own papers, with a team across the programme's
// cohorts, partner organisations, tags and dated progress updates.
//
// Who may do what (papers/policy.hpp), checked first in every use case; what
// an actor may not see or do answers not_found (404):
// - see a programme's projects and start one: everyone taking part in it and
//   its staff (can_see_projects, can_start_project); admins every programme;
// - edit a project, its tags and partners, add progress updates: its team and
//   staff (can_edit_project);
// - add or remove someone, make someone lead: its leads and staff
//   (can_manage_team); join oneself: a person taking part in the programme
//   (can_join_project); leave: anyone on the team but the last lead.
//
// Every write is one transaction with its audit entry and a
// search::record_change of the project. Bad input writes nothing and answers
// invalid naming the field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "knowledge/tag_form.hpp"
#include "papers/project_model.hpp"
#include "papers/project_store.hpp"
#include "programme/store.hpp"
#include "web/context.hpp"

namespace crm::papers {

inline constexpr size_t kMaxProjectTitle = 200, kMaxProjectText = 5000, kMaxPartners = 20,
                        kMaxPartnerName = 200;

struct ProjectForm {
  std::string programme, paper, title, problem, summary, language, status;
  knowledge::TagForm tags;
  std::vector<std::string> partners;  // organisation names or free names
};

struct ProjectList {
  std::vector<ProjectRow> items;
  std::string status;  // the filter ("" all)
  bool can_start = false;
};
// nullopt: the actor sees no projects at all (404).
std::optional<ProjectList> project_list(web::Ctx& ctx, const std::string& status);

struct ProjectFormPage {
  int64_t id = 0;  // 0: a new project
  std::string current_title;
  std::vector<programme::store::ProgrammeSummary> programmes;  // a new project's choices
  std::vector<Choice> papers;         // the actor's own papers (and the linked one)
  std::vector<Choice> organisations;  // of the programme(s), for the partners' list
  ProjectForm form;
};
std::optional<ProjectFormPage> new_project_page(web::Ctx& ctx);
Result<int64_t> create_project(web::Ctx& ctx, const ProjectForm& form);
std::optional<ProjectFormPage> edit_project_page(web::Ctx& ctx, int64_t id);
Status update_project(web::Ctx& ctx, int64_t id, const ProjectForm& form);

struct ProjectPage {
  Project project;
  std::string programme;
  std::optional<Choice> paper;
  std::vector<ProjectMember> members;
  std::vector<ProjectPartner> partners;
  std::vector<ProjectUpdate> updates;  // newest first
  std::vector<knowledge::Tag> tags;
  std::vector<Choice> candidates;  // people of the programme not on the team (team managers)
  bool can_edit = false, can_manage_team = false, is_member = false, is_lead = false,
       can_join = false, can_publish = false;
};
std::optional<ProjectPage> project_page(web::Ctx& ctx, int64_t id);

// action: "join" (oneself), "leave" (oneself), "add" (person, role lead|member;
// someone already on the team gets that role), "remove" (person).
struct MemberForm {
  std::string action, person, role;
};
Status change_members(web::Ctx& ctx, int64_t id, const MemberForm& form);

struct UpdateForm {
  std::string date, text;  // date: YYYY-MM-DD
};
Status add_update(web::Ctx& ctx, int64_t id, const UpdateForm& form);

// For /profile/data: the person's projects and the updates their account wrote.
std::vector<project_store::PersonProject> projects_of_person(db::Session& db, int64_t person_id);
std::vector<project_store::PersonUpdate> project_updates_by(db::Session& db, int64_t account_id);

}  // namespace crm::papers
