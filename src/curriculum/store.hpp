// The SQL of a cohort's plan: modules with their texts and lecturers,
// sessions with their lecturers, materials, and the people a change of a
// session concerns. One function per statement; every list is one statement
// (related rows joined or read for the whole cohort at once), so a page costs
// the same for 5 modules as for 50. Scope: callers pass ids they found through
// the cohort they checked (curriculum::service); a module, session or
// material is read with its cohort id so the service can check it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "curriculum/model.hpp"
#include "db/database.hpp"

namespace crm::curriculum::store {

// Modules of a cohort by semester, position and id, each with every text and
// lecturer (three statements).
std::vector<Module> list_modules(db::Session& db, int64_t cohort_id);
std::optional<Module> find_module(db::Session& db, int64_t id);
long count_modules(db::Session& db, int64_t cohort_id);
// The next position in a semester: one more than the largest there.
long next_position(db::Session& db, int64_t cohort_id, long semester);
int64_t insert_module(db::Session& db, const Module& m, int64_t now);
void update_module(db::Session& db, const Module& m, int64_t now);
void delete_module(db::Session& db, int64_t id);
// Replaces the texts and the lecturers of a module with `m`'s.
void replace_module_texts(db::Session& db, const Module& m);
void replace_module_lecturers(db::Session& db, int64_t module_id,
                              const std::vector<int64_t>& person_ids);
// Module results plus attendance entries of its sessions: a module with any
// of them is part of someone's record and is not deleted.
long module_records(db::Session& db, int64_t module_id);

// A person who may teach in a cohort: enrolled in it with the role lecturer.
struct Lecturer {
  int64_t person_id = 0;
  std::string name;
};
std::vector<Lecturer> cohort_lecturers(db::Session& db, int64_t cohort_id);

// Sessions of a cohort by start, each with its lecturers (two statements).
std::vector<Session> list_sessions(db::Session& db, int64_t cohort_id);
std::optional<Session> find_session(db::Session& db, int64_t id);
int64_t insert_session(db::Session& db, const Session& s, int64_t now);
// Writes every planned field of `s` (time, place, texts, module, status,
// reason, sequence) as given.
void update_session(db::Session& db, const Session& s, int64_t now);
void replace_session_lecturers(db::Session& db, int64_t session_id,
                               const std::vector<int64_t>& person_ids);
// The zone of the cohort's most recently created session; "" when none.
std::string last_session_zone(db::Session& db, int64_t cohort_id);
// True when the account's person is among the session's lecturers.
bool is_session_lecturer(db::Session& db, int64_t session_id, int64_t account_id);

// Whom a change of a session concerns: the cohort's participants taking part
// and the session's lecturers, once each, with an address. language and
// time_zone: the account's when the person has one, else the person's own
// (language: the first of their languages; either may be empty).
struct Recipient {
  int64_t person_id = 0;
  std::string name, email, language, time_zone;
};
std::vector<Recipient> session_recipients(db::Session& db, int64_t session_id, int64_t cohort_id);

// Materials of a session, newest first, without their bytes.
std::vector<Material> list_materials(db::Session& db, int64_t session_id);
// Materials of every session of a cohort (for the count on the plan), without bytes.
std::vector<Material> list_cohort_materials(db::Session& db, int64_t cohort_id);
int64_t insert_material(db::Session& db, const Material& m, const std::string& data,
                        int64_t added_by, int64_t now);
struct MaterialFile {
  Material material;
  int64_t cohort_id = 0;
  std::string data;  // the bytes of a file; empty for a link
};
std::optional<MaterialFile> find_material(db::Session& db, int64_t id);

}  // namespace crm::curriculum::store
