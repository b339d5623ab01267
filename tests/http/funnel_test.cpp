// The funnel of a call (/calls/{id}/funnel, .csv, .xlsx) on a hand-checked
// fixture, on both databases: each stage in total and by route role,
// country, organisation type and gender; a draft, a withdrawn and an
// ineligible application; the exports with the same numbers; 404 for another
// programme's call and lesser roles; the reader's digits.
#include <map>
#include <regex>

#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;
using Counts = std::vector<long>;  // started … enrolled
constexpr ll kNow = 1767225600;    // 2026-01-01

std::string unzip_member(const std::string& zip, const std::string& member) {
  auto path = std::filesystem::temp_directory_path() /
              ("crm-funnel-test-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << zip;
  std::string out;
  if (FILE* p = popen(("unzip -p '" + path.string() + "' '" + member + "'").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

// Places 2, two reviews needed, one eligibility question ("yes" wanted).
// Countries of the demo programme: AL origin, DE destination, MA origin,
// transit and destination; XK is none of its countries (the applicant's own
// role, transit, counts). Reviews score (m, e) twice; score (2m + e) / 3.
//   A  male    AL ministry       yes  5/5 ×2  accepted, confirmed, enrolled
//   B  female  DE ngo            yes  4/4 ×2  accepted, confirmed (a lecturer
//                                             enrolment only: not enrolled)
//   C  female  AL ngo            yes  3/3 ×2  added by hand; accepted, declined
//   D  male    DE ministry       no   1/1 ×2  ineligible
//   E  female  XK university     yes  5/5 ×1  too few reviews
//   F  male    AL ministry       yes  5/5 ×2  withdrawn after sending
//   G  female  DE ngo            —    —       draft
//   H  (none)  MA international  yes  2/2 ×2  rejected
// Proposal: A, B; with C added the shortlist is A, B, C.
//                  started submitted eligible reviewed shortlisted accepted confirmed enrolled
//   total             8       7        5        4          3          3        2        1
class FunnelTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_ = 0, call_ = 0;
  std::map<char, ll> app_, person_;
  CallIds ids_;

  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    programme::Cohort c;
    c.programme_id = programme_;
    c.number = 91;
    c.name = "Funnel round";
    c.starts_on = kNow;
    c.ends_on = kNow + 86400 * 90;
    c.status = "planned";
    cohort_ = programme::store::insert_cohort(sql(), c);
    ids_ = call_insert(sql(),
                       {.programme = programme_,
                        .cohort = cohort_,
                        .status = "closed",
                        .opens_at = kNow - 30 * 86400,
                        .closes_at = kNow - 86400,
                        .places = 2,
                        .title = "Funnel call"},
                       kNow);
    call_ = ids_.call;
    const ll question = question_insert(sql(), call_, 1, "yes");
    const ll work_question = question_insert(sql(), call_, 2, "");
    const std::vector<ll> reviewers = {account_id(demo("lecturer").email),
                                       account_id(demo("stakeholder").email)};
    struct Spec {
      char key;
      const char *gender, *country, *role, *type, *answer;
      long score;
      int reviews;
      const char* status;
    };
    for (const Spec& s :
         {Spec{'A', "male", "AL", "origin", "ministry", "yes", 5, 2, "submitted"},
          Spec{'B', "female", "DE", "origin", "ngo", "yes", 4, 2, "submitted"},
          Spec{'C', "female", "AL", "origin", "ngo", "yes", 3, 2, "submitted"},
          Spec{'D', "male", "DE", "origin", "ministry", "no", 1, 2, "submitted"},
          Spec{'E', "female", "XK", "transit", "university", "yes", 5, 1, "submitted"},
          Spec{'F', "male", "AL", "origin", "ministry", "yes", 5, 2, "withdrawn"},
          Spec{'G', "female", "DE", "origin", "ngo", "", 0, 0, "draft"},
          Spec{'H', "", "MA", "origin", "international", "yes", 2, 2, "submitted"}}) {
      programme::Person p;
      p.name = std::string("Person ") + s.key + " Funnelfixture";
      p.email = std::string(1, s.key) + ".funnel@applicants.example.org";
      p.gender = s.gender;
      p.created_at = kNow;
      person_[s.key] = programme::store::insert_person(sql(), p);
      ll app = application_insert(sql(),
                                  {.call = call_,
                                   .person = person_[s.key],
                                   .status = s.status,
                                   .route_role = s.role,
                                   .organisation_type = s.type,
                                   .organisation_country = s.country,
                                   .submitted_at = kNow - 2 * 86400},
                                  kNow);
      app_[s.key] = app;
      if (*s.answer) answer_insert(sql(), app, question, s.answer);
      // An answer to a question without an eligible answer never counts.
      answer_insert(sql(), app, work_question, "no");
      for (int r = 0; r < s.reviews; ++r)
        review_insert(sql(), app, reviewers[r], ids_.criteria, {s.score, s.score}, kNow);
    }
    db << "UPDATE application SET withdrawn_at = :t WHERE id = :a", soci::use(kNow - 86400),
        soci::use(app_['F']);
    db << "INSERT INTO shortlist_change (call_id, application_id, source, reason, at) VALUES (:c, "
          ":a, 'added', 'Strong local network', :t)",
        soci::use(call_), soci::use(app_['C']), soci::use(kNow);
    decision_set(sql(), app_['A'], {"accepted", kNow, kNow + 86400, {}, {}});
    decision_set(sql(), app_['B'], {"accepted", kNow, kNow + 86400, {}, {}});
    decision_set(sql(), app_['C'], {"accepted", kNow, {}, kNow + 86400, {}});
    decision_set(sql(), app_['H'], {"rejected", kNow, {}, {}, {}});
    enrolment_insert(sql(), person_['A'], cohort_, kNow);
    enrolment_insert(sql(), person_['B'], cohort_, kNow, "lecturer");
    // Someone in the cohort who never applied: not in the funnel.
    enrolment_insert(sql(), person_of_account(sql(), "participant@demo.crm.example"), cohort_,
                     kNow);
  }

  static ll person_of_account(db::Session& s, const std::string& email) {
    ll id = 0;
    s.sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = "
               ":e",
        soci::use(email), soci::into(id);
    return id;
  }

  Client reader(const std::string& role, const std::string& language) {
    auto c = sign_in(role);
    auto token = csrf_of(c.get("/").body);
    c.post("/language", {{"csrf", token}, {"language", language}, {"next", "/"}});
    return c;
  }

  std::string path(const std::string& rest = "") {
    return "/calls/" + std::to_string(call_) + "/funnel" + rest;
  }

  // The eight data-count values after `from` in `html`.
  static Counts counts_after(const std::string& html, size_t from) {
    Counts out;
    if (from == std::string::npos) return out;
    const auto end = html.find("</tr>", from);
    static const std::regex count(R"re(data-count="([0-9]+)")re");
    std::string row = html.substr(from, end - from);
    for (std::sregex_iterator it(row.begin(), row.end(), count), e; it != e; ++it)
      out.push_back(std::stol((*it)[1]));
    return out;
  }

  static Counts total(const std::string& html) {
    Counts out;
    static const std::regex stage(R"re(data-stage="[0-9]" data-count="([0-9]+)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), stage), e; it != e; ++it)
      out.push_back(std::stol((*it)[1]));
    return out;
  }

  static Counts row(const std::string& html, const std::string& dimension,
                    const std::string& value) {
    auto section = html.find("data-dimension=\"" + dimension + "\"");
    if (section == std::string::npos) return {};
    auto end = html.find("</section>", section);
    auto at = html.find("<tr data-value=\"" + value + "\"", section);
    if (at == std::string::npos || at > end) return {};
    return counts_after(html, at);
  }

  static size_t rows_in(const std::string& html, const std::string& dimension) {
    auto section = html.find("data-dimension=\"" + dimension + "\"");
    auto end = html.find("</section>", section);
    size_t n = 0;
    for (auto at = html.find("<tr data-value=", section); at < end;
         at = html.find("<tr data-value=", at + 1))
      ++n;
    return n;
  }
};

const Counts kTotal = {8, 7, 5, 4, 3, 3, 2, 1};

// A decision staff have not sent yet is a draft (decision_service.hpp): the
// applicant has not been told, so the funnel does not count it as accepted.
TEST_F(FunnelTest, ADecisionNotSentYetIsNotAnAcceptance) {
  sql().sql() << "UPDATE application SET decision = 'accepted', decided_at = NULL WHERE id = :a",
      soci::use(app_['D']);
  auto page = sign_in("staff").get(path());
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(total(page.body), kTotal);
}

TEST_F(FunnelTest, EachStageIsCountedInTotalAndByEveryDimension) {
  auto staff = reader("staff", "en");
  auto res = staff.get(path());
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 400);
  const auto& html = res.body;
  EXPECT_NE(html.find("Funnel call (en)"), std::string::npos);
  EXPECT_EQ(total(html), kTotal);
  // Route roles: AL origin; DE destination; MA all three; XK its own, transit.
  EXPECT_EQ(row(html, "route_role", "origin"), (Counts{4, 4, 3, 3, 2, 2, 1, 1}));
  EXPECT_EQ(row(html, "route_role", "destination"), (Counts{4, 3, 2, 2, 1, 1, 1, 0}));
  EXPECT_EQ(row(html, "route_role", "transit"), (Counts{2, 2, 2, 1, 0, 0, 0, 0}));
  EXPECT_EQ(rows_in(html, "route_role"), 3u);
  EXPECT_EQ(row(html, "country", "AL"), (Counts{3, 3, 2, 2, 2, 2, 1, 1}));
  EXPECT_EQ(row(html, "country", "DE"), (Counts{3, 2, 1, 1, 1, 1, 1, 0}));
  EXPECT_EQ(row(html, "country", "MA"), (Counts{1, 1, 1, 1, 0, 0, 0, 0}));
  EXPECT_EQ(row(html, "country", "XK"), (Counts{1, 1, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(rows_in(html, "country"), 4u);
  EXPECT_EQ(row(html, "organisation_type", "ministry"), (Counts{3, 3, 1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(row(html, "organisation_type", "ngo"), (Counts{3, 2, 2, 2, 2, 2, 1, 0}));
  EXPECT_EQ(row(html, "organisation_type", "university"), (Counts{1, 1, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(row(html, "organisation_type", "international"), (Counts{1, 1, 1, 1, 0, 0, 0, 0}));
  EXPECT_EQ(row(html, "gender", "male"), (Counts{3, 3, 1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(row(html, "gender", "female"), (Counts{4, 3, 3, 2, 2, 2, 1, 0}));
  EXPECT_EQ(row(html, "gender", "not_given"), (Counts{1, 1, 1, 1, 0, 0, 0, 0}));
  EXPECT_EQ(rows_in(html, "gender"), 3u);
  // Largest first: Albania and Germany (3 each, by code) before Morocco.
  EXPECT_LT(html.find("data-value=\"AL\""), html.find("data-value=\"DE\""));
  EXPECT_LT(html.find("data-value=\"DE\""), html.find("data-value=\"MA\""));
  // Charts with their names, counts only: no applicant's name on the page.
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Applications at each stage"), std::string::npos);
  EXPECT_EQ(html.find("Funnelfixture"), std::string::npos);
  for (char k : std::string("ABCDEFGH"))
    EXPECT_EQ(html.find(std::string(1, k) + ".funnel@"), std::string::npos);
}

TEST_F(FunnelTest, AnswersAndDecisionsMoveApplicationsBetweenStages) {
  auto staff = reader("staff", "en");
  // D answers the eligibility question as the call asks: eligible and reviewed.
  sql().sql() << "UPDATE application_answer SET value = 'yes' WHERE application_id = :a",
      soci::use(app_['D']);
  auto html = staff.get(path()).body;
  EXPECT_EQ(total(html), (Counts{8, 7, 6, 5, 3, 3, 2, 1}));
  EXPECT_EQ(row(html, "country", "DE"), (Counts{3, 2, 2, 2, 1, 1, 1, 0}));
  // B withdraws: out of every stage after submitted (and off the shortlist).
  sql().sql() << "UPDATE application SET status = 'withdrawn', withdrawn_at = :t WHERE id = :a",
      soci::use(kNow), soci::use(app_['B']);
  html = staff.get(path()).body;
  EXPECT_EQ(total(html)[1], 7);
  EXPECT_EQ(row(html, "country", "DE"), (Counts{3, 2, 1, 1, 0, 0, 0, 0}));
}

TEST_F(FunnelTest, TheExportsHoldTheNumbersOfThePage) {
  auto staff = reader("staff", "en");
  auto csv = staff.get(path(".csv"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv.header("content-disposition"),
            "attachment; filename=\"funnel-" + std::to_string(call_) + ".csv\"");
  const auto& b = csv.body;
  EXPECT_NE(b.find("Dimension,Value,Started,Submitted,Eligible,Reviewed,Shortlisted,Accepted,"
                   "Confirmed,Enrolled\r\n"),
            std::string::npos);
  EXPECT_NE(b.find("All applications,,8,7,5,4,3,3,2,1\r\n"), std::string::npos);
  EXPECT_NE(b.find("Route role,Origin,4,4,3,3,2,2,1,1\r\n"), std::string::npos);
  EXPECT_NE(b.find("Route role,Transit,2,2,2,1,0,0,0,0\r\n"), std::string::npos);
  EXPECT_NE(b.find("Country,Albania,3,3,2,2,2,2,1,1\r\n"), std::string::npos);
  EXPECT_NE(b.find("Country,Germany,3,2,1,1,1,1,1,0\r\n"), std::string::npos);
  EXPECT_NE(b.find("Gender,Not given,1,1,1,1,0,0,0,0\r\n"), std::string::npos);
  EXPECT_NE(b.find("Gender,Female,4,3,3,2,2,2,1,0\r\n"), std::string::npos);
  // One line per row of the page, and the header.
  size_t lines = 0;
  for (char ch : b) lines += ch == '\n';
  EXPECT_EQ(lines, 1u + 1u + 3u + 4u + 4u + 3u);

  auto xlsx = staff.get(path(".xlsx"));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The numbers of each row, in the sheet's numeric cells, as in the CSV.
  auto sheet = unzip_member(xlsx.body, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  std::map<int, std::vector<long>> numbers;
  static const std::regex cell(R"re(<c r="[A-Z]+([0-9]+)"([^>]*)><v>([^<]*)</v></c>)re");
  for (std::sregex_iterator it(sheet.begin(), sheet.end(), cell), e; it != e; ++it)
    if ((*it)[2].str().find("t=") == std::string::npos)
      numbers[std::stoi((*it)[1])].push_back(std::stol((*it)[3]));
  EXPECT_EQ(numbers[2], kTotal);                                       // All applications
  EXPECT_EQ(numbers[3], (std::vector<long>{4, 3, 2, 2, 1, 1, 1, 0}));  // Destination
  EXPECT_EQ(numbers[4], (std::vector<long>{4, 4, 3, 3, 2, 2, 1, 1}));  // Origin
  EXPECT_EQ(numbers.size(), 15u);
}

TEST_F(FunnelTest, AnotherProgrammesCallAndLesserRolesAre404) {
  auto other = insert_other_programme(sql());
  auto other_call = call_insert(sql(),
                                {.programme = other.programme,
                                 .cohort = other.cohort,
                                 .opens_at = kNow,
                                 .closes_at = kNow + 86400,
                                 .title = "Other call"},
                                kNow);
  auto staff = sign_in("staff");
  const std::string other_path = "/calls/" + std::to_string(other_call.call) + "/funnel";
  EXPECT_EQ(staff.get(other_path).status, 404);
  EXPECT_EQ(staff.get(other_path + ".csv").status, 404);
  EXPECT_EQ(staff.get(other_path + ".xlsx").status, 404);
  EXPECT_EQ(staff.get("/calls/999999/funnel").status, 404);
  EXPECT_EQ(staff.get("/calls/x/funnel").status, 404);
  auto admin = sign_in("admin");
  EXPECT_EQ(admin.get(other_path).status, 200);
  for (const char* role : {"lecturer", "stakeholder", "participant", "alumnus"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    EXPECT_EQ(c.get(path()).status, 404);
    EXPECT_EQ(c.get(path(".csv")).status, 404);
    EXPECT_EQ(c.get(path(".xlsx")).status, 404);
  }
  EXPECT_NE(client().get(path()).status, 200);
  EXPECT_NE(client().get(path(".csv")).status, 200);
}

TEST_F(FunnelTest, ThePageSpeaksTheReadersLanguageAndDigits) {
  auto ar = reader("staff", "ar");
  auto html = ar.get(path()).body;
  EXPECT_NE(html.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(html.find("Funnel call (ar)"), std::string::npos);
  EXPECT_NE(html.find(">٨</td>"), std::string::npos);  // started, in Arabic-Indic digits
  EXPECT_EQ(total(html), kTotal);                      // the data attributes stay plain
  auto de = reader("staff", "de").get(path()).body;
  EXPECT_NE(de.find("Funnel call (de)"), std::string::npos);
  EXPECT_NE(de.find("Eingereicht"), std::string::npos);
  // The call's staff pages link to the funnel.
  auto edit = reader("staff", "en").get("/calls/" + std::to_string(call_) + "/edit").body;
  EXPECT_NE(edit.find("href=\"" + path() + "\""), std::string::npos);
}

}  // namespace
}  // namespace crm::test
