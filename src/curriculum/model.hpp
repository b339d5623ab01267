// A cohort's year as plain data: modules, sessions, materials, attendance,
// module results and the completion rules (migrations/0008_curriculum.sql).
// Times are Unix seconds (UTC); a session keeps the IANA zone it was planned
// in. ECTS are in tenths (2.5 ECTS = 25).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::curriculum {

struct ModuleText {
  std::string language, title, description, outcomes;
};

struct Module {
  int64_t id = 0;
  int64_t cohort_id = 0;
  long position = 0;
  long semester = 1;
  long ects_tenths = 0;
  std::vector<ModuleText> texts;      // one per language the module has
  std::vector<int64_t> lecturer_ids;  // person ids
};

// kind: "online" or "on_site"; status: "scheduled" or "cancelled".
struct Session {
  int64_t id = 0;
  int64_t cohort_id = 0;
  int64_t module_id = 0;  // 0: not part of a module (an opening, an excursion)
  std::string title, description, kind, time_zone, place, room, meeting_url;
  int64_t starts_at = 0, ends_at = 0;
  std::string status = "scheduled", cancel_reason;
  std::string uid;    // iCalendar UID, fixed at creation
  long sequence = 0;  // iCalendar SEQUENCE: raised when time, place or status change
  std::vector<int64_t> lecturer_ids;  // person ids
  bool cancelled() const { return status == "cancelled"; }
};

// kind: "file" (kept in the database) or "link".
struct Material {
  int64_t id = 0, session_id = 0;
  std::string title, kind, url, filename, content_type;
  int64_t size = 0;
  int64_t replaces_id = 0;
  int64_t created_at = 0;
};

// status: "present", "excused" or "absent".
struct Attendance {
  int64_t session_id = 0, person_id = 0;
  std::string status, note;
};

const std::vector<std::string_view>& session_kinds();
const std::vector<std::string_view>& attendance_statuses();
const std::vector<std::string_view>& module_results();  // "passed", "failed"

}  // namespace crm::curriculum
