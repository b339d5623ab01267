// Programme administration: the list of programmes, creating and editing a
// programme, its team, and adding cohorts. Implemented in programmes.cpp
// (list, create, edit), team.cpp and new_cohort.cpp.
//
// Who may do what (programme/policy.hpp), checked first in every use case;
// what an actor may not do answers not_found (404), as if the page did not
// exist:
// - /programmes lists every programme for admins, visitors and stakeholders
//   (the overviews are public), and their own for staff (the programmes whose
//   team they are on), lecturers, participants and alumni (the programmes in
//   whose cohorts they are enrolled).
// - /programme (the menu's "Programme"): the programme the actor belongs to
//   when that is exactly one; otherwise, when crm has exactly one programme,
//   that one; otherwise the list (home_programme answers 0). So a participant
//   lands on their programme, a staff member on two teams or an admin of
//   several programmes chooses from the list, and a visitor of a one-programme
//   crm sees its overview as before.
// - Creating and editing programmes and choosing their team: admins only.
//   Only staff accounts can be on a team.
// - Adding a cohort: admins and staff on that programme's team.
//
// Every write is one transaction with its audit entry. Bad input writes
// nothing: the use case answers invalid (the first problem) and *_problems
// lists every problem, at most one per field, to show each beside its field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "programme/model.hpp"
#include "programme/store.hpp"
#include "web/context.hpp"

namespace crm::programme {

// ------------------------------------------------------------ pure checks

// A programme's short name: 2 to 40 lowercase ASCII letters, digits and
// hyphens, starting with a letter or digit and without "--" or a trailing
// hyphen ("crm-2027").
bool valid_slug(std::string_view slug);
// "MA, sn  TR" -> {"MA", "SN", "TR"} (upper-cased, in order, duplicates
// dropped; commas, spaces or semicolons between); nullopt when any item is
// not a country code ICU knows.
std::optional<std::vector<std::string>> parse_countries(std::string_view text);
// "2026-11-02" -> Unix seconds of that day's 00:00 UTC; nullopt for anything
// else (also impossible dates such as 2026-02-30). Years 1900 to 2999.
std::optional<int64_t> parse_date(std::string_view text);
// A whole number from `min` to `max` written in ASCII digits; nullopt otherwise.
std::optional<long> parse_whole(std::string_view text, long min, long max);
// `text` without leading and trailing white space.
std::string trimmed(std::string_view text);
// True when `text` has at most `max_characters` characters (code points) and
// no control characters (newlines and tabs allowed with `multiline`).
bool fits(std::string_view text, size_t max_characters, bool multiline = false);

// ------------------------------------------------------------ list

struct ProgrammeList {
  std::vector<store::ProgrammeSummary> items;
  bool own = false;         // the actor's programmes only (see the header comment)
  bool can_create = false;  // "Create a programme"
};
ProgrammeList programmes(web::Ctx& ctx);

// The programme /programme shows (see above); 0: several, show the list.
// not_found when there is no programme at all.
Result<int64_t> home_programme(web::Ctx& ctx);

// ------------------------------------------------------------ create and edit

// The languages a programme's texts can be written in; English is required.
const std::vector<std::string_view>& text_languages();

// The programme form as typed. Countries as codes separated by commas; funders
// one per line, in the order they are credited.
struct ProgrammeForm {
  struct Text {
    std::string name, description;
  };
  std::string slug;
  std::map<std::string, Text, std::less<>> texts;  // by language code (text_languages())
  std::string origin, transit, destination;        // country codes
  std::string funders;
  std::string anonymity_threshold = "5";
};

struct ProgrammeEdit {
  Programme programme;  // named in the viewer's language
  ProgrammeForm form;   // as stored
};
// The edit form of a programme as stored; not_found unless the actor may manage programmes.
Result<ProgrammeEdit> programme_edit(web::Ctx& ctx, int64_t programme_id);
// not_found unless the actor may manage programmes (for the empty form).
Status may_create_programme(web::Ctx& ctx);

// Creates the programme with its texts, countries and funders; returns its
// id. invalid for bad input (slug: format or taken; name_en, description_en:
// missing; name_xx, description_xx: too long, or a description without a
// name; countries_origin/_transit/_destination: unknown codes; funders: too
// many or too long; anonymity_threshold: not a whole number from 2 to 1000).
Result<int64_t> create_programme(web::Ctx& ctx, const ProgrammeForm& f);
// Replaces the texts, countries, funders and threshold (the slug stays);
// audit-logged with what changed. Same rules as create_programme.
Status update_programme(web::Ctx& ctx, int64_t programme_id, const ProgrammeForm& f);
// Every problem of the form (programme_id 0: a new programme, whose slug is checked).
std::vector<Error> programme_problems(web::Ctx& ctx, const ProgrammeForm& f, int64_t programme_id);

// ------------------------------------------------------------ team

struct TeamPage {
  Programme programme;
  std::vector<store::TeamMember> team;
  std::vector<store::TeamMember> candidates;  // staff accounts not on the team
};
// not_found unless the actor may manage programmes and the programme exists.
Result<TeamPage> team_page(web::Ctx& ctx, int64_t programme_id);
// `account_id` as sent by the form's select. invalid ("account_id") unless it
// is an active staff account that is not on the team yet.
Status add_to_team(web::Ctx& ctx, int64_t programme_id, std::string_view account_id);

struct TeamRemoval {
  Programme programme;
  store::TeamMember member;
};
// The confirmation before removing; not_found unless the account is on the team.
Result<TeamRemoval> team_removal(web::Ctx& ctx, int64_t programme_id, std::string_view account_id);
// invalid ("account_id") when the account is not on the team (any more).
Status remove_from_team(web::Ctx& ctx, int64_t programme_id, std::string_view account_id);

// ------------------------------------------------------------ new cohort

// The cohort form as typed; dates as YYYY-MM-DD.
struct CohortForm {
  std::string number, name, starts_on, ends_on, status = "planned";
  std::string regional_focus, capacity = "0", location, semesters = "2";
};
struct NewCohortPage {
  Programme programme;
  CohortForm form;  // the next free number filled in
};
// not_found unless the actor may add cohorts to the programme (policy::can_add_cohort).
Result<NewCohortPage> new_cohort_page(web::Ctx& ctx, int64_t programme_id);
// Returns the new cohort's id. invalid for bad input (number: not 1 to 999
// or taken in this programme; name: missing or too long; starts_on,
// ends_on: not a date, or the end not after the start; status: not one of
// cohort_statuses(); regional_focus, location: too long; capacity: not 0 to
// 10000; semesters: not 1 to 10).
Result<int64_t> create_cohort(web::Ctx& ctx, int64_t programme_id, const CohortForm& f);
std::vector<Error> cohort_problems(web::Ctx& ctx, int64_t programme_id, const CohortForm& f);

}  // namespace crm::programme
