// People use cases: the person page, enrolment status changes, the own
// profile and photo, organisation pages and merging duplicate records. Each
// checks the actor's permissions first (people/policy.hpp) and answers
// not_found for what the actor may not see; each write is one transaction
// with its audit entry. Implemented in person.cpp, profile.cpp,
// organisations.cpp and merge.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certificates/model.hpp"
#include "core/result.hpp"
#include "people/model.hpp"
#include "web/context.hpp"

namespace crm::people {

constexpr size_t kMaxPhotoBytes = 2 * 1024 * 1024;
constexpr long kOrganisationsPerPage = 25;
constexpr long kOrganisationPeoplePerPage = 25;

// ------------------------------------------------------------ person page

struct PersonPage {
  Person person;                             // what the viewer may not see is blank
  std::optional<Organisation> organisation;  // when the viewer may see it
  bool full = false;                     // the team's view: everything, with the enrolment history
  bool own = false;                      // the viewer's own record
  bool show_photo = false;               // there is a photo and the viewer may see it
  bool can_manage = false;               // status changes and merging
  std::vector<EnrolmentRow> enrolments;  // full view only, each with its history
  std::vector<certificates::Certificate> certificates;  // full view: the holder's, or the staff's
  int64_t merged_into = 0;  // not 0: the record was merged; the page redirects there
};
// not_found when there is no such person or the actor may not see them.
Result<PersonPage> person_page(web::Ctx& ctx, int64_t id);

// The statuses an enrolment may move to from `from` (empty for final ones).
const std::vector<std::string_view>& next_statuses(std::string_view from);
// Moves the enrolment to `status`, records the change (when, by whom) and an
// audit entry. Returns the person's id. not_found when the actor may not
// manage the enrolment's programme; invalid ("status") for a transition that
// is not allowed.
Result<int64_t> change_status(web::Ctx& ctx, int64_t enrolment_id, const std::string& status);
// A status after which nothing can follow (graduate, withdrawn, not
// admitted): the change is confirmed on a page of its own first.
bool is_final_status(std::string_view status);
// What that confirmation shows: the person and the enrolment, after the
// same checks as change_status (not_found, invalid), changing nothing.
struct StatusConfirmation {
  Person person;
  EnrolmentRow enrolment;
  std::string status;  // the one asked for
};
Result<StatusConfirmation> status_confirmation(web::Ctx& ctx, int64_t enrolment_id,
                                               const std::string& status);

// The photo of a person in `size`, for those who may see it (peers: when
// "photo" is among the fields they show); not_found otherwise.
Result<Photo> photo(web::Ctx& ctx, int64_t person_id, PhotoSize size);

// ------------------------------------------------------------ own profile

struct ProfileForm {
  std::string name, name_latin, country, organisation_id, position;
  std::string gender;       // "", "female", "male", "prefer_not_to_say" or "self"
  std::string gender_self;  // the self-description when gender is "self"
  std::string languages, expertise, time_zone, bio;
  std::vector<std::string> visible;  // profile fields shown to other participants and alumni
};
ProfileForm form_of(const Person& p);

struct ProfilePage {
  bool linked = false;  // false: staff have not linked a person record to this account
  Person person;
  std::vector<Organisation> organisations;  // the choice: those of the person's country
  bool has_photo = false;
};
// not_found for visitors who are not signed in.
Result<ProfilePage> profile_page(web::Ctx& ctx);
// Validates every field; saves nothing unless all are valid (the error: the
// first problem).
Status update_profile(web::Ctx& ctx, const ProfileForm& f);
// Every problem of the form, at most one per field, to show each beside its
// field; empty when the form is valid.
std::vector<Error> profile_problems(web::Ctx& ctx, const ProfileForm& f);
// `bytes` nullopt: no file chosen. invalid ("photo") when it is too large or
// not a JPEG, PNG or WebP image by its content.
Status upload_photo(web::Ctx& ctx, std::optional<std::string_view> bytes);
Status delete_photo(web::Ctx& ctx);

// ------------------------------------------------------------ organisations

struct OrganisationList {
  std::vector<OrganisationRow> items;
  long total = 0, page = 1;
};
Result<OrganisationList> organisations(web::Ctx& ctx, long page);

struct OrganisationPage {
  Organisation organisation;
  std::vector<PersonRow> people;  // of this page (or all: organisation_people_all)
  long total = 0, page = 1;       // rows (enrolments) in all pages
  bool full = false;              // role and status shown
};
// One page of the organisation's people (kOrganisationPeoplePerPage; a page
// beyond the last shows the last). not_found unless the organisation has
// people the actor may see there.
Result<OrganisationPage> organisation_page(web::Ctx& ctx, int64_t id, long page);
// The same with every row on one page (the exports).
Result<OrganisationPage> organisation_people_all(web::Ctx& ctx, int64_t id);

// ------------------------------------------------------------ merge

struct MergePage {
  Person survivor;
  std::vector<EnrolmentRow> survivor_enrolments;
  std::optional<Person> duplicate;
  std::vector<EnrolmentRow> duplicate_enrolments;
  std::string other;  // as typed: an id or an email
};
// The merge form for `id`; with `other` (id or email) the preview of both.
// not_found unless the actor may manage `id`; invalid ("other") when `other`
// names no person the actor may manage, or one that cannot be merged.
Result<MergePage> merge_page(web::Ctx& ctx, int64_t id, const std::string& other);
// Merges `other` into `id` (see merge.cpp for what moves where).
Status merge(web::Ctx& ctx, int64_t id, const std::string& other);

}  // namespace crm::people
