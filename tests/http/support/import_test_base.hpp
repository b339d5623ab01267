// What the import tests share: the demo cohorts' import pages, the demo staff
// reading a chosen language, and a participant of a cohort to update.
#pragma once

#include <string>
#include <string_view>

#include "http/support/test_server.hpp"

namespace crm::test {

class ImportTestBase : public HttpTest {
 protected:
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  std::string import_path(int number) {
    return "/cohorts/" + std::to_string(cohort_id(number)) + "/import";
  }
  // The demo staff (German in the demo), switched to `language`.
  Client staff(const std::string& language = "en") {
    auto c = sign_in("staff");
    EXPECT_EQ(c.submit("/account", {{"language", language}, {"next", "/"}}, "/language").status,
              303);
    return c;
  }
  // Sends `csv` to cohort `cohort`'s upload form, as the form's own page asks.
  HttpResponse post_upload(Client& c, int cohort, const std::string& csv,
                           const std::string& filename = "people.csv") {
    auto form = c.get(import_path(cohort));
    return c.post_multipart(import_path(cohort), {{"csrf", csrf_of(form.body)}},
                            {{"file", filename, "text/csv", csv}});
  }
  // The e-mail of the first participant taking part in cohort `number`.
  std::string email_in_cohort(int number) {
    std::string email;
    const long long cohort = cohort_id(number);
    sql().sql() << "SELECT p.email FROM person p JOIN enrolment e ON e.person_id = p.id "
                   "WHERE e.cohort_id = :c AND e.role = 'participant' AND e.status = "
                   "'participant' ORDER BY p.id LIMIT 1",
        soci::use(cohort), soci::into(email);
    return email;
  }
  static bool has(const std::string& html, std::string_view s) {
    return html.find(s) != std::string::npos;
  }
};

}  // namespace crm::test
