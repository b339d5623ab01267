// An organisation page pages like every other list, however many people the
// organisation has (it used to show the first 1,000 enrolments and drop the
// rest), and its exports still give everyone. Both databases.
#include <algorithm>

#include "demo/store.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

constexpr int kMembers = 1030;  // 42 pages of 25

class OrganisationPagesTest : public HttpTest {
 protected:
  // A new organisation whose kMembers people ("Member 0001" …) take part in
  // cohort 3 of the demo programme; returns its path.
  std::string big_organisation() {
    auto& s = sql();
    db::Transaction tx(s);
    const int64_t org = programme::store::insert_organisation(
        s, {0, "Big Organisation", "", "LB", "international"});
    long long cohort = 0;
    s.sql() << "SELECT id FROM cohort WHERE name = 'Cohort 3'", soci::into(cohort);
    auto person_ids = demo::store::reserve_ids(s, demo::store::Table::person, kMembers);
    auto enrolment_ids = demo::store::reserve_ids(s, demo::store::Table::enrolment, kMembers);
    std::vector<programme::Person> people;
    std::vector<programme::Enrolment> enrolments;
    for (int i = 0; i < kMembers; ++i) {
      programme::Person p;
      p.id = person_ids[i];
      p.name = member(i + 1);
      p.email = "member" + std::to_string(i + 1) + "@big.example";
      p.country = "LB";
      p.organisation_id = org;
      people.push_back(p);
      programme::Enrolment e;
      e.id = enrolment_ids[i];
      e.person_id = p.id;
      e.cohort_id = cohort;
      e.status = "participant";
      enrolments.push_back(e);
    }
    demo::store::insert_people(s, people);
    demo::store::insert_enrolments(s, enrolments);
    tx.commit();
    return "/organisations/" + std::to_string(org);
  }

  static std::string member(int n) {
    std::string digits = std::to_string(n);
    return "Member " + std::string(4 - digits.size(), '0') + digits;
  }

  static long occurrences(const std::string& body, const std::string& what) {
    long n = 0;
    for (auto at = body.find(what); at != std::string::npos; at = body.find(what, at + 1)) ++n;
    return n;
  }

  Client english(const std::string& role) {
    auto c = sign_in(role);
    if (c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status != 303)
      throw std::runtime_error("language switch failed");
    return c;
  }
};

TEST_F(OrganisationPagesTest, MoreThanAThousandPeoplePageAndExportEveryone) {
  const std::string org = big_organisation();
  auto staff = english("staff");

  auto first = staff.get(org);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(occurrences(first.body, "Member "), 25);
  EXPECT_NE(first.body.find(member(1)), std::string::npos);
  EXPECT_EQ(first.body.find(member(26)), std::string::npos);
  EXPECT_NE(first.body.find("Page 1 of 42"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"" + org + "?page=2\" rel=\"next\""), std::string::npos);
  EXPECT_NE(first.body.find("<th scope=\"col\">Status"), std::string::npos);

  auto second = staff.get(org + "?page=2");
  EXPECT_EQ(occurrences(second.body, "Member "), 25);
  EXPECT_NE(second.body.find(member(26)), std::string::npos);
  EXPECT_EQ(second.body.find(member(25)), std::string::npos);

  auto last = staff.get(org + "?page=42");
  EXPECT_EQ(occurrences(last.body, "Member "), 5);
  EXPECT_NE(last.body.find(member(kMembers)), std::string::npos);  // beyond the old 1,000
  EXPECT_NE(last.body.find("href=\"" + org + "?page=41\" rel=\"prev\""), std::string::npos);
  EXPECT_EQ(last.body.find("rel=\"next\""), std::string::npos);
  // A page beyond the last shows the last.
  EXPECT_EQ(occurrences(staff.get(org + "?page=999").body, "Member "), 5);

  // The export gives everyone: one line each and the header.
  auto csv = staff.get(org + "/people.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), kMembers + 1);
  EXPECT_EQ(occurrences(csv.body, "Member "), kMembers);
  auto xlsx = staff.get(org + "/people.xlsx");
  EXPECT_EQ(xlsx.status, 200);
}

// A peer sees those who show their organisation: the count, the pages and
// the export leave the same people out.
TEST_F(OrganisationPagesTest, PeersPagesAndExportLeaveOutWhoHidTheirOrganisation) {
  const std::string org = big_organisation();
  const std::string hidden = member(1);
  sql().sql() << "UPDATE person SET visible_fields = 'country' WHERE name = :n", soci::use(hidden);
  auto alumnus = english("alumnus");
  auto first = alumnus.get(org);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(occurrences(first.body, "Member "), 25);
  EXPECT_EQ(first.body.find(member(1)), std::string::npos);
  EXPECT_NE(first.body.find(member(26)), std::string::npos);
  EXPECT_EQ(first.body.find("<th scope=\"col\">Status"), std::string::npos);
  EXPECT_NE(first.body.find("Page 1 of 42"), std::string::npos);  // 1,029 of them
  auto last = alumnus.get(org + "?page=42");
  EXPECT_EQ(occurrences(last.body, "Member "), 4);
  auto csv = alumnus.get(org + "/people.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(occurrences(csv.body, "Member "), kMembers - 1);
  EXPECT_EQ(csv.body.find(member(1)), std::string::npos);
  // The programme team still sees all of them.
  auto staff = english("staff");
  EXPECT_NE(staff.get(org).body.find(member(1)), std::string::npos);
}

}  // namespace
}  // namespace crm::test
