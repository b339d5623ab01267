// The admissions tables as migration 0016 lays them out and the test fixture
// writes them, on both databases: one application per person and call, one
// call per cohort, scores only on an assignment, bounds that cannot be
// negative.
#include "http/support/admissions_fixture.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr ll kNow = 1767225600;  // 2026-01-01

class AdmissionsSchemaTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_ = 0, person_ = 0;
  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    db << "SELECT id FROM cohort WHERE programme_id = :p AND number = 4", soci::use(programme_),
        soci::into(cohort_);
    db << "SELECT MIN(id) FROM person", soci::into(person_);
  }
  ll count(const std::string& sql_text) {
    ll n = 0;
    sql().sql() << sql_text, soci::into(n);
    return n;
  }
  bool refused(const std::string& statement) {
    try {
      sql().sql() << statement;
      return false;
    } catch (const std::exception&) {
      return true;
    }
  }
};

TEST_F(AdmissionsSchemaTest, OnePersonHasOneApplicationPerCallAndACohortOneCall) {
  auto call = call_insert(sql(),
                          {.programme = programme_,
                           .cohort = cohort_,
                           .opens_at = kNow - 86400,
                           .closes_at = kNow + 86400},
                          kNow);
  ASSERT_EQ(call.criteria.size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_text WHERE call_id = " + std::to_string(call.call)),
            4);
  ll app = application_insert(sql(), {.call = call.call, .person = person_}, kNow);
  EXPECT_GT(app, 0);
  EXPECT_THROW(application_insert(sql(), {.call = call.call, .person = person_}, kNow),
               std::exception);
  EXPECT_THROW(call_insert(sql(), {.programme = programme_, .cohort = cohort_}, kNow),
               std::exception);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call"), 1);
}

TEST_F(AdmissionsSchemaTest, ScoresBelongToAnAssignmentAndBoundsAreNeverNegative) {
  auto call = call_insert(sql(), {.programme = programme_, .cohort = cohort_}, kNow);
  ll app = application_insert(sql(), {.call = call.call, .person = person_}, kNow);
  ll reviewer = account_id(demo("lecturer").email);
  call_reviewer_insert(sql(), call.call, reviewer, "University of Krems", "AT", kNow);
  ll review = review_insert(sql(), app, reviewer, call.criteria, {4, 3}, kNow);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM review_score WHERE assignment_id = " + std::to_string(review)),
      2);
  // The same reviewer once per application and stage.
  EXPECT_THROW(review_insert(sql(), app, reviewer, call.criteria, {}, kNow), std::exception);
  EXPECT_GT(review_insert(sql(), app, reviewer, call.criteria, {}, kNow, 2), 0);
  call_bound_insert(sql(), call.call, "country", "*", 0, 3);
  EXPECT_THROW(call_bound_insert(sql(), call.call, "gender", "female", -1, std::nullopt),
               std::exception);
  EXPECT_THROW(call_bound_insert(sql(), call.call, "shoe_size", "42", 0, 1), std::exception);
  EXPECT_TRUE(refused("UPDATE call SET places = 0"));
  EXPECT_TRUE(refused("UPDATE call SET reviewers_per_application = 1"));
  EXPECT_TRUE(refused("UPDATE application SET decision = 'maybe'"));
}

}  // namespace
}  // namespace crm::test
