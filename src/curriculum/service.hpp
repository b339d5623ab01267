// A cohort's plan: its modules (texts per language, semester, ECTS,
// lecturers), its sessions (online or on site, planned in an IANA zone),
// their materials, and copying a plan from an earlier cohort.
//
// Every function checks curriculum::policy first; what the actor may not see
// answers not_found (404), for writes too. Every write is one transaction
// with its audit entry and, for a session moved or cancelled, the mails to
// those it concerns (the cohort's participants taking part and the session's
// lecturers), each in the recipient's language and time zone, queued in the
// same transaction. A recipient's zone is their account's, else their
// person record's; an account still on the default "UTC" counts as no choice
// and gets the session's own zone. Bad input is `invalid` (field: the form
// field) and writes nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "curriculum/model.hpp"
#include "curriculum/store.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::curriculum {

// ------------------------------------------------------------ local times

// A wall-clock time in a zone as an instant. `ambiguous`: the time happens
// twice there (the hour clocks are set back) and `at` is the first of the two.
struct LocalInstant {
  int64_t at = 0;
  bool ambiguous = false;
};
// date "YYYY-MM-DD", time "HH:MM" in `zone`. invalid on `field` when the date
// or the time is not one, the zone is unknown (field "time_zone"), or the time
// does not exist in the zone that day (the clocks are put forward over it).
Result<LocalInstant> local_instant(std::string_view date, std::string_view time,
                                   std::string_view zone, const std::string& field);
// The wall clock of `at` in `zone` (REQUIRES: is_time_zone): "YYYY-MM-DD", "HH:MM".
struct LocalParts {
  std::string date, time;
};
LocalParts local_parts(int64_t at, std::string_view zone);
// `at` moved by `days` calendar days in `zone`, keeping its wall-clock time
// (a plain shift of seconds where that time does not exist on the new day).
int64_t shift_days(int64_t at, std::string_view zone, long days);

// "24 Nov 2026, 09:00 – 12:30" in t's zone: the end's date only when it is
// another day there.
std::string time_span(const Tr& t, int64_t from, int64_t to);

// http:// or https:// with a host, no spaces or control characters, at most 2000 bytes.
bool web_link(std::string_view url);

// ECTS as typed ("2.5", "2,5", "5") in tenths; nullopt when not a number
// from 0 to 999.9 with at most one decimal.
std::optional<long> parse_ects(std::string_view s);
// Tenths as shown in a form field: 25 -> "2.5", 50 -> "5".
std::string ects_field(long tenths);
// The module's text in `language`, else English, else the first it has.
const ModuleText* text_for(const Module& m, std::string_view language);

// -------------------------------------------------------------- the plan

struct PlanPage {
  programme::Cohort cohort;
  std::vector<Module> modules;
  std::vector<Session> sessions;
  std::map<int64_t, std::string> lecturer_names;  // person id -> name
  std::map<int64_t, long> materials;              // session id -> how many
  bool can_plan = false, can_see_completion = false, can_issue_certificates = false;
};
// not_found unless the actor may see the cohort's curriculum.
Result<PlanPage> plan_page(web::Ctx& ctx, int64_t cohort_id);

// What the module form holds, as typed. texts: one per language of
// i18n languages(), by code.
struct ModuleForm {
  std::string semester = "1", ects, position;
  std::map<std::string, ModuleText, std::less<>> texts;
  std::vector<int64_t> lecturers;
};
struct ModuleFormPage {
  programme::Cohort cohort;
  int64_t module_id = 0;  // 0: a new module
  ModuleForm form;
  std::vector<store::Lecturer> lecturers;  // to choose from
};
Result<ModuleFormPage> new_module_page(web::Ctx& ctx, int64_t cohort_id);
Result<ModuleFormPage> edit_module_page(web::Ctx& ctx, int64_t module_id);
// Returns the module's id. invalid when no language has a title ("title_en"),
// a text is too long, the semester is not 1 … the cohort's semesters, the
// ECTS are not a number, the position not a whole number, or a lecturer is
// not a lecturer of the cohort ("lecturer").
Result<int64_t> create_module(web::Ctx& ctx, int64_t cohort_id, const ModuleForm& form);
Status update_module(web::Ctx& ctx, int64_t module_id, const ModuleForm& form);
// Returns the cohort's id. invalid (field "") when the module has results or
// attendance; its sessions stay, without a module.
Result<int64_t> delete_module(web::Ctx& ctx, int64_t module_id);

struct ModulePage {
  programme::Cohort cohort;
  Module module;
  std::vector<Session> sessions;  // of this module
  std::map<int64_t, std::string> lecturer_names;
  bool can_plan = false;
};
Result<ModulePage> module_page(web::Ctx& ctx, int64_t module_id);

// ------------------------------------------------------------- sessions

struct SessionForm {
  std::string module_id, title, description, kind = "online", meeting_url, place, room, time_zone,
                                             start_date, start_time, end_date, end_time;
  std::vector<int64_t> lecturers;
};
struct SessionFormPage {
  programme::Cohort cohort;
  int64_t session_id = 0;  // 0: a new session
  SessionForm form;
  std::vector<Module> modules;
  std::vector<store::Lecturer> lecturers;
};
// A new session starts in the zone of the cohort's latest session, else the planner's.
Result<SessionFormPage> new_session_page(web::Ctx& ctx, int64_t cohort_id);
Result<SessionFormPage> edit_session_page(web::Ctx& ctx, int64_t session_id);
struct SavedSession {
  int64_t id = 0;
  bool ambiguous = false;  // a time happened twice: the first was taken
  int64_t starts_at = 0;
  bool moved = false;  // time or place changed: sequence raised, mails queued
};
// invalid: no title; kind not online/on_site; an online session without an
// http(s) meeting link or an on-site one without a place; an unknown zone; a
// date or time that is none or does not exist in the zone; an end not after
// the start; a module not of the cohort; a lecturer not of the cohort.
Result<SavedSession> create_session(web::Ctx& ctx, int64_t cohort_id, const SessionForm& form);
// A change of time, place, link or kind raises the sequence and mails those
// concerned with the old and the new time. A cancelled session is not edited.
Result<SavedSession> update_session(web::Ctx& ctx, int64_t session_id, const SessionForm& form);
// Cancels with a reason (required, field "reason"): status cancelled,
// sequence raised, mails. invalid when already cancelled.
Status cancel_session(web::Ctx& ctx, int64_t session_id, const std::string& reason);
// Plans a cancelled session again: sequence raised, mails.
Status restore_session(web::Ctx& ctx, int64_t session_id);

struct SessionPage {
  programme::Cohort cohort;
  Session session;
  std::string module_title;
  std::map<int64_t, std::string> lecturer_names;
  std::vector<Material> materials;
  bool can_plan = false, can_add_materials = false, can_take_attendance = false;
};
Result<SessionPage> session_page(web::Ctx& ctx, int64_t session_id);

// ------------------------------------------------------------ materials

constexpr int64_t kMaxMaterialBytes = 20 * 1024 * 1024;

struct MaterialForm {
  std::string title, kind = "file", url, replaces;
  std::optional<std::string> filename;  // set when a file was sent
  std::string data;
};
// Returns the material's id. invalid: no title; a link that is not http(s);
// no file, an empty one, one larger than kMaxMaterialBytes, or one whose
// content is not what its name's extension says (field "file"); `replaces` not
// a material of the session.
Result<int64_t> add_material(web::Ctx& ctx, int64_t session_id, const MaterialForm& form);
// A file for someone who may see the curriculum; not_found otherwise (and for links).
Result<store::MaterialFile> material_file(web::Ctx& ctx, int64_t material_id);
// The content types crm accepts for a file name's extension ("pdf" -> application/pdf …);
// empty when the extension is not one crm takes.
std::vector<std::string_view> types_for_extension(std::string_view filename);

// ------------------------------------------------------------------ copy

struct CopyPage {
  programme::Cohort cohort;
  std::vector<programme::Cohort> sources;  // earlier cohorts of the programme
  long existing_modules = 0;
};
Result<CopyPage> copy_page(web::Ctx& ctx, int64_t cohort_id);
struct CopyForm {
  std::string source;
  bool sessions = false;  // copy the sessions too, shifted by the cohorts' start dates
  bool confirm = false;   // add to a cohort that already has modules
};
struct Copied {
  long modules = 0, sessions = 0;
};
// invalid: source not an earlier cohort of the programme ("source"); the
// cohort has modules and confirm is not set ("confirm").
Result<Copied> copy_plan(web::Ctx& ctx, int64_t cohort_id, const CopyForm& form);

}  // namespace crm::curriculum
