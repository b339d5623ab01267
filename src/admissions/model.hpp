// Calls for applications, applications, reviews and the shortlist: plain
// data as migrations/0016_admissions.sql stores it. Times are Unix seconds
// (UTC); texts per language are in `texts` (language → text).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crm::admissions {

// The words of a call in one language.
struct CallText {
  std::string title, who_may_apply, offer, costs, dates, retention_notice;
};

// A call per cohort. Open while opens_at <= now < closes_at (deadline.hpp):
// closes_at is the first second at which nothing can be sent or changed.
struct Call {
  int64_t id = 0, programme_id = 0, cohort_id = 0;
  std::string status = "draft";  // draft | published | closed | decided
  int64_t opens_at = 0, closes_at = 0;
  std::string time_zone;  // IANA zone the deadline is decided in
  long places = 0;
  std::string blind_fields;  // comma-separated (blinding.hpp)
  bool conflict_same_country = false;
  bool second_stage = false;
  long reviewers_per_application = 2;
  std::optional<int64_t> review_due_at;
  long retention_months = 6;
  std::map<std::string, CallText> texts;
  int64_t created_at = 0, updated_at = 0;
};

// An eligibility question: yes_no or text. A yes_no question with
// eligible_answer makes the other answer ineligible.
struct Question {
  int64_t id = 0;
  long position = 0;
  std::string kind;  // yes_no | text
  bool required = true;
  std::string eligible_answer;                                       // "" | yes | no
  std::map<std::string, std::pair<std::string, std::string>> texts;  // language → (label, hint)
};

struct DocumentRule {
  std::string kind;  // cv | support_letter | other
  bool required = true;
  int64_t max_bytes = 5 * 1024 * 1024;
};

// A criterion of the review rubric: scores from scale_min to scale_max,
// weighted in the application's score.
struct Criterion {
  int64_t id = 0;
  long position = 0;
  double weight = 1;
  long scale_min = 1, scale_max = 5;
  std::map<std::string, std::pair<std::string, std::string>> texts;  // language → (label, guidance)
};

// A parity bound on the places: at least min_count and at most max_count
// (none: no upper bound) applicants whose `dimension` has `value` ('*': the
// bound holds for every value of the dimension on its own).
struct Bound {
  std::string dimension;  // route_role | gender | country | organisation_type
  std::string value;
  long min_count = 0;
  std::optional<long> max_count;
};

struct Application {
  int64_t id = 0, call_id = 0, person_id = 0;
  std::string status = "draft";  // draft | submitted | withdrawn
  long page = 1;
  std::string language;
  std::string route_role;  // origin | transit | destination | ""
  std::string organisation_name, organisation_type, organisation_country, position;
  std::string motivation, experience, languages;
  std::optional<long> birth_year;
  std::string nationality;
  std::optional<int64_t> submitted_at, withdrawn_at;
  std::string decision;  // "" | accepted | waiting | rejected
  std::optional<int64_t> decided_at, confirm_by, confirmed_at, declined_at;
  std::optional<long> waiting_rank;
  std::map<int64_t, std::string> answers;  // question id → value
  int64_t created_at = 0, updated_at = 0;
};

struct Document {
  int64_t id = 0, application_id = 0;
  std::string kind, filename, content_type;
  int64_t size = 0;
  int64_t uploaded_at = 0;
  std::optional<int64_t> deleted_at;  // retention emptied it
};

struct Assignment {
  int64_t id = 0, application_id = 0, account_id = 0;
  int stage = 1;  // 1: blind; 2: the whole application
  int64_t assigned_at = 0;
  std::optional<int64_t> due_at, submitted_at, reminded_at;
};

struct Score {
  int64_t criterion_id = 0;
  long score = 0;
  std::string comment;
};

}  // namespace crm::admissions
