// SQL of the survey builder: the list of surveys, versions and rounds of one
// survey, the survey's own fields, a version's definition replaced in place.
// Reads take the programme (or the account's programmes) as scope; writes
// REQUIRE an open db::Transaction and that the caller checked policy and
// validate().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "surveys/model.hpp"
#include "surveys/staff_title.hpp"

namespace crm::surveys::store {

struct SurveyRow {
  Survey survey;
  StaffTitle title;                                    // in the reader's language
  std::string programme;                               // its name in the reader's language
  std::vector<std::string> languages;                  // of the newest version
  long newest_version = 0, rounds = 0, responses = 0;  // responses: submitted
};
// The surveys of the programmes whose team the account is on (all: every
// programme's), archived ones last, newest first, each with its title in
// `language` (staff_title.hpp). One statement.
std::vector<SurveyRow> list_surveys(db::Session& db, int64_t account_id, bool all,
                                    const std::string& language);

struct VersionRow {
  int64_t id = 0;
  long number = 0;
  int64_t created_at = 0, frozen_at = 0;
  std::string source;
  long questions = 0, responses = 0;  // questions to answer (not sections, notes)
};
// The survey's versions, newest first. One statement.
std::vector<VersionRow> list_versions(db::Session& db, int64_t programme, int64_t survey);

// The survey's rounds, newest first. One statement.
std::vector<Round> list_rounds(db::Session& db, int64_t programme, int64_t survey);
long count_rounds(db::Session& db, int64_t survey);

void update_survey(db::Session& db, int64_t programme, const Survey& s);
void archive_survey(db::Session& db, int64_t programme, int64_t survey, int64_t now);

// The survey's title in `language` (staff_title.hpp) when the survey
// belongs to `programme` (empty otherwise). One statement.
StaffTitle find_staff_title(db::Session& db, int64_t programme, int64_t survey,
                            const std::string& language);

// SQL for a StaffTitle in a statement that reads a survey `s`: the columns
// (staff_title_at reads them, three from `first`) with one placeholder for
// the reader's language, and the joins they need (the newest version lv and
// its text vt) with one more. Bind the language once for each.
inline constexpr const char* kStaffTitleColumns =
    "s.title, COALESCE(vt.title, ''), COALESCE((SELECT w.language FROM survey_version_text w "
    "JOIN survey_version wv ON wv.id = w.version_id WHERE w.version_id = lv.id AND w.title = "
    "s.title ORDER BY CASE WHEN w.language = :wl THEN 0 WHEN w.language = wv.default_language "
    "THEN 1 ELSE 2 END, w.language LIMIT 1), '')";
inline constexpr const char* kStaffTitleJoins =
    " LEFT JOIN survey_version lv ON lv.survey_id = s.id AND lv.number = (SELECT MAX(v.number) "
    "FROM survey_version v WHERE v.survey_id = s.id) LEFT JOIN survey_version_text vt ON "
    "vt.version_id = lv.id AND vt.language = :tl ";
StaffTitle staff_title_at(const soci::row& r, std::size_t first);

// Locks the survey's row until the transaction ends (writers of one survey
// queue) and answers the id of its newest version.
int64_t lock_newest_version(db::Session& db, int64_t survey);

// Replaces the definition of a version that is not frozen; false (nothing
// changed) when it was frozen meanwhile.
bool replace_unfrozen_version(db::Session& db, int64_t version, const Definition& d);

}  // namespace crm::surveys::store
