// Practice projects: plain structs (project.*, project_member, project_partner,
// project_update and project_tag of migrations/0010).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/tag_form.hpp"

namespace crm::papers {

// The stored statuses, in their order, and their English msgids.
struct ProjectStatus {
  std::string_view code, label;
};
const std::vector<ProjectStatus>& project_statuses();
bool is_project_status(std::string_view code);

struct Project {
  int64_t id = 0, programme_id = 0;
  int64_t paper_id = 0;  // 0: standing alone
  std::string title, problem, summary, language, status = "idea";
  int64_t created_by = 0, created_at = 0, updated_at = 0;
};

// A project in a list: its programme's name, its team's size, whether the
// reader is on its team.
struct ProjectRow {
  Project project;
  std::string programme;
  long members = 0;
  bool mine = false;
  std::string leads;  // names of its leads, "; "-joined
};

struct ProjectMember {
  int64_t person_id = 0;
  std::string name, role;  // role: lead | member
  std::string cohort;      // one cohort of the programme the person takes part in
  int64_t joined_at = 0;
};

struct ProjectPartner {
  int64_t organisation_id = 0;  // 0: a name only
  std::string name;
};

struct ProjectUpdate {
  int64_t id = 0, happened_on = 0, created_at = 0;
  std::string body, author;
};

// Choices of the forms.
struct Choice {
  int64_t id = 0;
  std::string name, detail;  // detail: a paper's programme, a person's cohort
  int64_t group = 0;         // a paper's programme
};

}  // namespace crm::papers
