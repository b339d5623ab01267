// A second programme for scope tests: one cohort with one participant
// (Outside Person, SN, female), and nobody of the demo team on it.
#pragma once

#include <cstdint>

#include "db/database.hpp"
#include "programme/store.hpp"

namespace crm::test {

struct OtherProgramme {
  int64_t programme = 0, cohort = 0, person = 0;
};

inline OtherProgramme insert_other_programme(db::Session& db) {
  namespace ps = programme::store;
  const int64_t now = 1767225600;
  OtherProgramme o;
  db::Transaction tx(db);
  o.programme = ps::insert_programme(db, "other", 5, now);
  ps::insert_programme_text(db, o.programme, "en", "Another programme", "");
  programme::Cohort c;
  c.programme_id = o.programme;
  c.number = 1;
  c.name = "Other round";
  c.starts_on = now;
  c.ends_on = now + 86400;
  c.status = "running";
  o.cohort = ps::insert_cohort(db, c);
  programme::Person person;
  person.name = "Outside Person";
  person.email = "outside.person@example.org";
  person.country = "SN";
  person.gender = "female";
  person.created_at = now;
  o.person = ps::insert_person(db, person);
  ps::insert_enrolment(db, {0, o.person, o.cohort, "participant", "participant", now});
  tx.commit();
  return o;
}

}  // namespace crm::test
