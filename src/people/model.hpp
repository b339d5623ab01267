// Plain data of the people pages: a person as a viewer may see them, their
// enrolments with the dated status history, organisations with their people,
// the own-profile form and a merge preview. The person record itself is
// programme::Person (src/programme/model.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "programme/model.hpp"

namespace crm::people {

using programme::Organisation;
using programme::Person;

// One dated change of an enrolment's status, and who made it ("" when crm
// itself did, e.g. an application that arrived).
struct StatusChange {
  int64_t enrolment_id = 0;
  std::string status;
  int64_t at = 0;
  std::string by_name;
};

struct EnrolmentRow {
  int64_t id = 0, person_id = 0, cohort_id = 0, programme_id = 0;
  std::string cohort_name, role, status;
  std::vector<StatusChange> history;       // oldest first
  std::vector<std::string> next_statuses;  // what the viewer may change it to; empty: no form
};

// A person in a list (an organisation's people).
struct PersonRow {
  int64_t person_id = 0;
  std::string name, name_latin;
  int64_t cohort_id = 0;
  std::string cohort_name, role, status;  // role and status blank for participants and alumni
};

// A person's photo: one of the sniffed types crm serves (image/jpeg, image/png,
// image/webp) and its bytes.
struct Photo {
  std::string content_type, data;
};
// Which of a photo's two copies: the one pages show (image::small_copy) or
// the original as uploaded, without its metadata.
enum class PhotoSize { shown, original };

struct OrganisationRow {
  Organisation organisation;
  long people = 0;
};

}  // namespace crm::people
