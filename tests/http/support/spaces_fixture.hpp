// What the spaces' HTTP tests (tests/http/spaces_*_test.cpp) share: a
// programme of the test's own and its cohorts, each of which gets its space
// from the database itself (migrations/0021's trigger), so a test of one
// programme never sees the demo's or another test's spaces.
#pragma once

#include <unistd.h>

#include <string>

#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {

class SpacesTest : public HttpTest {
 protected:
  using ll = long long;

  ll now_ = 1790000000;  // the programme's start; cohorts run 300 days from it
  ll programme_ = 0;

  // Unique within the test process: names and e-mails must not collide.
  static std::string unique() {
    static int n = 0;
    return std::to_string(::getpid()) + "-" + std::to_string(++n);
  }

  // Makes programme_, named `name_prefix` + unique(), starting at now_; its
  // cohorts will be called "`cohort_label` N".
  void make_programme(const std::string& name_prefix, const std::string& cohort_label) {
    cohort_label_ = cohort_label;
    programme_ = programme::store::insert_programme(sql(), name_prefix + unique(), 5, now_);
  }

  // A running cohort of programme_ (and with it, its space).
  ll cohort(long number) {
    programme::Cohort c;
    c.programme_id = programme_;
    c.number = number;
    c.name = cohort_label_ + " " + std::to_string(number);
    c.starts_on = now_;
    c.ends_on = now_ + 300 * 86400;
    c.status = "running";
    return programme::store::insert_cohort(sql(), c);
  }

  ll space_of_cohort(ll cohort_id) {
    ll id = 0;
    sql().sql() << "SELECT id FROM space WHERE cohort_id = :c AND kind = 'cohort'",
        soci::use(cohort_id), soci::into(id);
    return id;
  }

 private:
  std::string cohort_label_;
};

}  // namespace crm::test
