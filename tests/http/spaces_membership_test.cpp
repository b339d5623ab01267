// Who belongs to a space (migrations/0021_spaces.sql, spaces/access_store.hpp),
// on both databases: every cohort and programme gets its space when it is
// made; a cohort's space follows its enrolments (taking part or graduated:
// member; withdrew: out; lecturers: moderators), the alumni space the
// programme's graduates, the programme's team moderates every space of it,
// an administrator is in none, and people added by hand are members.
#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"
#include "spaces/access_store.hpp"
#include "spaces/name_store.hpp"
#include "spaces/policy.hpp"

namespace crm::test {
namespace {

using ll = long long;

class SpacesMembershipTest : public SpacesTest {
 protected:
  ll cohort_a_ = 0, cohort_b_ = 0;

  void SetUp() override {
    HttpTest::SetUp();
    make_programme("spaces-membership-", "Membership");
    cohort_a_ = cohort(1);
    cohort_b_ = cohort(2);
  }

  ll account(const std::string& role) {
    ll id = 0;
    std::string email = role + "-" + unique() + "@spaces.example.org", name = "Member " + role;
    sql().sql() << "INSERT INTO account (email, name, role, created_at, updated_at) VALUES (:e, "
                   ":n, :r, :c, :u) RETURNING id",
        soci::use(email), soci::use(name), soci::use(role), soci::use(now_), soci::use(now_),
        soci::into(id);
    return id;
  }

  // A person with an account, enrolled in `cohort` as `role` in `status`.
  ll enrolled(ll account_id, ll cohort_id, const std::string& role, const std::string& status) {
    programme::Person p;
    p.name = "Person " + unique();
    p.email = "person-" + unique() + "@spaces.example.org";
    p.country = "IQ";
    p.account_id = account_id;
    p.created_at = now_;
    ll person = programme::store::insert_person(sql(), p);
    programme::Enrolment e;
    e.person_id = person;
    e.cohort_id = cohort_id;
    e.role = role;
    e.status = status;
    e.created_at = now_;
    return programme::store::insert_enrolment(sql(), e);
  }

  ll alumni_space() {
    ll id = 0;
    sql().sql() << "SELECT id FROM space WHERE programme_id = :p AND kind = 'alumni'",
        soci::use(programme_), soci::into(id);
    return id;
  }

  spaces::SpaceAccess access(ll account_id, ll space_id) {
    auto a = spaces::access_store::space_access(sql(), account_id, space_id);
    EXPECT_TRUE(a.has_value());
    return a.value_or(spaces::SpaceAccess{});
  }
};

TEST_F(SpacesMembershipTest, EveryCohortAndProgrammeHasItsSpace) {
  ll missing = -1;
  sql().sql() << "SELECT COUNT(*) FROM cohort c WHERE NOT EXISTS (SELECT 1 FROM space s WHERE "
                 "s.cohort_id = c.id AND s.kind = 'cohort' AND s.programme_id = c.programme_id)",
      soci::into(missing);
  EXPECT_EQ(missing, 0);
  sql().sql() << "SELECT COUNT(*) FROM programme p WHERE (SELECT COUNT(*) FROM space s WHERE "
                 "s.programme_id = p.id AND s.kind = 'alumni') <> 1",
      soci::into(missing);
  EXPECT_EQ(missing, 0);
  EXPECT_NE(space_of_cohort(cohort_a_), space_of_cohort(cohort_b_));
  EXPECT_GT(alumni_space(), 0);
}

TEST_F(SpacesMembershipTest, ACohortsSpaceFollowsItsEnrolments) {
  ll taking_part = account("participant"), graduate = account("alumnus"),
     withdrew = account("participant"), applicant = account("applicant"),
     lecturer = account("lecturer"), other_cohort = account("participant");
  enrolled(taking_part, cohort_a_, "participant", "participant");
  ll graduated = enrolled(graduate, cohort_a_, "participant", "graduate");
  enrolled(withdrew, cohort_a_, "participant", "withdrawn");
  enrolled(applicant, cohort_a_, "participant", "applicant");
  enrolled(lecturer, cohort_a_, "lecturer", "participant");
  enrolled(other_cohort, cohort_b_, "participant", "participant");
  ll space = space_of_cohort(cohort_a_);

  auto a = access(taking_part, space);
  EXPECT_TRUE(a.member);
  EXPECT_FALSE(a.moderator);
  EXPECT_EQ(a.kind, spaces::Kind::cohort);
  EXPECT_EQ(a.cohort_id, cohort_a_);
  EXPECT_TRUE(access(graduate, space).member) << "an alumnus keeps their cohort's space";
  EXPECT_FALSE(access(withdrew, space).member);
  EXPECT_FALSE(access(applicant, space).member);
  EXPECT_FALSE(spaces::policy::can_read(access(other_cohort, space)));
  EXPECT_TRUE(access(lecturer, space).moderator);

  // The alumni space: graduates of any cohort of the programme only.
  EXPECT_TRUE(access(graduate, alumni_space()).member);
  EXPECT_FALSE(access(taking_part, alumni_space()).member);

  // Withdrawing later takes the space away at once: nothing to keep in step.
  std::string withdrawn = "withdrawn";
  sql().sql() << "UPDATE enrolment SET status = :s WHERE id = :id", soci::use(withdrawn),
      soci::use(graduated);
  EXPECT_FALSE(access(graduate, space).member);
  EXPECT_FALSE(access(graduate, alumni_space()).member);
}

TEST_F(SpacesMembershipTest, TheTeamModeratesAdminsAreNotInAndHandAddedPeopleAre) {
  ll staff = account("staff"), admin = account("admin"), stakeholder = account("stakeholder");
  programme::store::insert_programme_staff(sql(), programme_, staff);
  ll space = space_of_cohort(cohort_b_);
  EXPECT_TRUE(access(staff, space).moderator);
  EXPECT_TRUE(access(staff, alumni_space()).moderator);
  EXPECT_FALSE(access(admin, space).member);
  EXPECT_FALSE(access(stakeholder, space).member);

  std::string member = "member";
  sql().sql() << "INSERT INTO space_member (space_id, account_id, role, added_at) VALUES (:s, :a, "
                 ":r, :t)",
      soci::use(space), soci::use(stakeholder), soci::use(member), soci::use(now_);
  EXPECT_TRUE(access(stakeholder, space).member);
  EXPECT_FALSE(access(stakeholder, space).moderator);
  EXPECT_TRUE(spaces::access_store::is_member(sql(), stakeholder, space));
  auto mine = spaces::access_store::spaces_of(sql(), stakeholder);
  EXPECT_EQ(mine, std::vector<int64_t>{space});

  EXPECT_FALSE(spaces::access_store::space_access(sql(), staff, 999999999).has_value());
}

TEST_F(SpacesMembershipTest, ASpaceIsCalledByItsOwnNameItsCohortsOrAsTheProgrammesAlumni) {
  programme::store::insert_programme_text(sql(), programme_, "en", "Return Studies", "");
  programme::store::insert_programme_text(sql(), programme_, "de", "Rückkehrstudien", "");
  ll space = space_of_cohort(cohort_a_);
  auto cohort_space = spaces::name_store::space_name(sql(), space, "de");
  ASSERT_TRUE(cohort_space.has_value());
  EXPECT_EQ(cohort_space->name, "Membership 1");

  std::string de = "de", en = "en", name_de = "Kohorte eins", name_en = "Cohort one";
  sql().sql() << "INSERT INTO space_text (space_id, language, name) VALUES (:s, :l, :n)",
      soci::use(space), soci::use(de), soci::use(name_de);
  sql().sql() << "INSERT INTO space_text (space_id, language, name) VALUES (:s, :l, :n)",
      soci::use(space), soci::use(en), soci::use(name_en);
  EXPECT_EQ(spaces::name_store::space_name(sql(), space, "de")->name, "Kohorte eins");
  EXPECT_EQ(spaces::name_store::space_name(sql(), space, "ar")->name, "Cohort one");

  auto alumni = spaces::name_store::space_name(sql(), alumni_space(), "de");
  ASSERT_TRUE(alumni.has_value());
  EXPECT_EQ(alumni->name, "");
  EXPECT_EQ(alumni->programme_name, "Rückkehrstudien");
  Tr t(catalogs(), "en");
  EXPECT_EQ(spaces::name_store::display_name(*alumni, t), "Alumni of Rückkehrstudien");

  ll staff = account("staff");
  programme::store::insert_programme_staff(sql(), programme_, staff);
  auto names = spaces::name_store::names_of_readers_spaces(sql(), staff, "en");
  EXPECT_EQ(names.size(), 3u);  // two cohorts and the alumni
  EXPECT_EQ(names.at(space).name, "Cohort one");
  EXPECT_FALSE(spaces::name_store::space_name(sql(), 999999999, "en").has_value());
}

}  // namespace
}  // namespace crm::test
