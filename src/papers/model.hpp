// Plain data of final papers: a cohort's milestones and rubric, the paper
// with its texts (one per language) and tags, its versions, the comments on
// them and the supervisors' assessments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace crm::papers {

// proposal, draft, final: the milestones a cohort may set, in their order.
inline constexpr const char* kMilestones[] = {"proposal", "draft", "final"};
// The paper's statuses; an assessment's decision is one of the last three.
inline constexpr const char* kStatuses[] = {"draft", "submitted", "revisions", "accepted",
                                            "rejected"};
inline constexpr const char* kDecisions[] = {"accepted", "revisions", "rejected"};
// The languages a paper's texts are written in: those of the knowledge base.
inline constexpr const char* kTextLanguages[] = {"ar", "de", "en", "fr", "tr", "it"};

struct Milestone {
  std::string kind;  // proposal | draft | final
  int64_t due_at = 0;
};

struct Criterion {
  int64_t id = 0, cohort_id = 0;
  long position = 0;
  std::string title, description;
  long scale_max = 5;
  bool used = false;  // scored in an assessment: it cannot be deleted
};

struct PaperText {
  std::string language, title, abstract;
};

struct Tag {
  std::string kind, value;
};

struct Paper {
  int64_t id = 0, cohort_id = 0, programme_id = 0, person_id = 0, supervisor_id = 0;
  std::string status = "draft";
  int64_t created_at = 0, updated_at = 0;
  std::string cohort_name, author_name, supervisor_name;
  std::vector<PaperText> texts;  // by language
  std::vector<Tag> tags;         // by kind, value
};

struct Version {
  int64_t id = 0, paper_id = 0;
  long number = 0;
  std::string milestone, filename, content_type, note;
  int64_t size = 0, uploaded_at = 0;
};

struct Comment {
  int64_t id = 0, version_id = 0, author_account_id = 0;
  std::string author_name, body;
  int64_t created_at = 0;
};

struct Score {
  int64_t criterion_id = 0;
  std::string criterion;  // its title
  long score = 0, scale_max = 0;
};

struct Assessment {
  int64_t id = 0, paper_id = 0, version_id = 0;
  long version_number = 0;
  std::string decision, feedback, assessor_name;
  int64_t assessed_at = 0;
  std::vector<Score> scores;  // in the rubric's order
};

// A paper in a list: the facts the lists show, in one row.
struct PaperRow {
  int64_t id = 0, cohort_id = 0, person_id = 0, supervisor_id = 0;
  std::string cohort_name, author_name, supervisor_name, status;
  std::string title, title_language;  // in the reader's language when it has one
  long versions = 0;                  // the latest version's number; 0: none yet
  int64_t last_upload_at = 0;
  bool has_milestone[3] = {false, false, false};  // a version answers proposal, draft, final
};

// A person who may supervise (a lecturer of the cohort or a member of the
// programme's team with a person record).
struct Supervisor {
  int64_t person_id = 0;
  std::string name;
};

// A person a mail goes to, with the language and zone they read in.
struct Recipient {
  int64_t person_id = 0;
  std::string name, email, language, time_zone;
};

}  // namespace crm::papers
