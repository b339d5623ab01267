// Practice projects: starting one (its creator leads it), tags, partners and
// the link to one's own paper; the team across cohorts (join, add, make lead,
// remove, leave; the last lead cannot leave); dated updates newest first;
// bad input changes nothing and says why; who may see and change what (404
// for the rest); the list (mine first) and its exports; one's data download.
#include <boost/json.hpp>

#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;

class ProjectsTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    programme_ = count("SELECT id FROM programme WHERE slug = 'crm'");
    participant_ = person_of(demo("participant").email);
    alumnus_ = person_of(demo("alumnus").email);
  }
  ll person_of(const std::string& email) {
    return count(
        "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email "
        "= '" +
        email + "'");
  }
  // Everything a project's write may touch.
  std::string project_state() {
    auto tables = state_tables();
    tables.insert(tables.end(), {"project", "project_member", "project_partner", "project_update",
                                 "project_tag", "search_change"});
    return dump_tables(sql(), tables);
  }
  static bool has(const std::string& s, std::string_view what) {
    return s.find(what) != std::string::npos;
  }
  // Signed in and reading English (the demo accounts speak other languages).
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("language not switched");
    return c;
  }
  Form project_form(const std::string& title) {
    return {{"programme", std::to_string(programme_)},
            {"title", title},
            {"problem", "Returnees feel alone in the first months."},
            {"summary", "Peer groups led by earlier returnees."},
            {"language", "en"},
            {"status", "idea"},
            {"topics", "peer support, mentoring"},
            {"countries", "tn, MA"},
            {"target_group", "youth"},
            {"dimension", "psychosocial"},
            {"gcm", "21"},
            {"sdg", "3"},
            {"partner", "Jeunesse et Avenir"},
            {"partner", ""}};
  }
  // Starts a project as `c`; its id.
  ll start(Client& c, const std::string& title) {
    auto res = c.submit("/projects/new", project_form(title), "/projects");
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 2000);
    return count("SELECT COALESCE(MAX(id), 0) FROM project WHERE title = '" + title + "'");
  }
  ll programme_ = 0, participant_ = 0, alumnus_ = 0;
};

TEST_F(ProjectsTest, AParticipantStartsAProjectAndLeadsIt) {
  auto c = english("participant");
  ASSERT_EQ(c.get("/projects/new").status, 200);
  const ll id = start(c, "Peer support in Sfax");
  ASSERT_GT(id, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_member WHERE project_id = " + std::to_string(id) +
                  " AND person_id = " + std::to_string(participant_) + " AND role = 'lead'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_tag WHERE project_id = " + std::to_string(id)), 8);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_tag WHERE project_id = " + std::to_string(id) +
                  " AND kind = 'country' AND value = 'TN'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_partner WHERE project_id = " + std::to_string(id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'project' AND work_id = " +
                  std::to_string(id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'project.create' AND entity_id "
                  "= '" +
                  std::to_string(id) + "'"),
            1);
  auto page = c.get("/projects/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Peer support in Sfax"));
  EXPECT_TRUE(has(page.body, "Jeunesse et Avenir"));
  EXPECT_TRUE(has(page.body, "Objective 21"));
  // The lead sees the way to publish it.
  EXPECT_TRUE(has(page.body, "href=\"/projects/" + std::to_string(id) + "/publish\""));
  // Mine first in the list; the export holds it.
  auto list = c.get("/projects");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "Your team"));
  auto csv = c.get("/projects.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Peer support in Sfax"));
  EXPECT_EQ(c.get("/projects.xlsx").status, 200);
  // The filter keeps to a status.
  EXPECT_FALSE(has(c.get("/projects?status=completed").body, "Peer support in Sfax"));
  EXPECT_TRUE(has(c.get("/projects?status=idea").body, "Peer support in Sfax"));
}

TEST_F(ProjectsTest, BadInputChangesNothingAndSaysWhy) {
  auto c = english("participant");
  struct Case {
    std::string field, value, message;
  };
  const std::vector<Case> cases = {
      {"title", "   ", "Enter a title."},
      {"status", "finished", "Choose a status."},
      {"language", "xx", "Choose the language the texts are written in."},
      {"gcm", "99", "Choose only from the list."},
      {"target_group", "everyone", "Choose only from the list."},
      {"countries", "DE, Atlantis", "Enter countries as two-letter codes"},
      {"paper", "999999", "Choose one of your own papers of this programme, or none."},
      {"programme", "999999", "Choose a programme."},
  };
  const auto before = project_state();
  for (const auto& k : cases) {
    SCOPED_TRACE(k.field + "=" + k.value);
    auto form = project_form("Never stored");
    bool replaced = false;
    for (auto& [name, value] : form)
      if (name == k.field && !replaced) {
        value = k.value;
        replaced = true;
      }
    if (!replaced) form.emplace_back(k.field, k.value);
    auto res = c.submit("/projects/new", form, "/projects");
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, k.message)) << res.body.substr(0, 3000);
    EXPECT_TRUE(has(res.body, "error-summary"));
    EXPECT_EQ(project_state(), before);
  }
}

TEST_F(ProjectsTest, TheTeamGrowsAcrossCohortsAndTheLastLeadCannotLeave) {
  auto lead = english("participant");
  const ll id = start(lead, "Mentoring across cohorts");
  ASSERT_GT(id, 0);
  const std::string page = "/projects/" + std::to_string(id);
  // The alumnus (an earlier cohort) joins by themselves.
  auto alumnus = english("alumnus");
  ASSERT_TRUE(has(alumnus.get(page).body, "Join the team"));
  ASSERT_EQ(alumnus.submit(page, {{"action", "join"}}, page + "/members").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_member WHERE project_id = " + std::to_string(id) +
                  " AND person_id = " + std::to_string(alumnus_) + " AND role = 'member'"),
            1);
  EXPECT_NE(
      count("SELECT MIN(cohort_id) FROM enrolment WHERE person_id = " + std::to_string(alumnus_)),
      count("SELECT MIN(cohort_id) FROM enrolment WHERE person_id = " +
            std::to_string(participant_)));
  // A member may not manage the team.
  auto before = project_state();
  EXPECT_EQ(alumnus
                .submit(page, {{"action", "remove"}, {"person", std::to_string(participant_)}},
                        page + "/members")
                .status,
            404);
  EXPECT_EQ(project_state(), before);
  // The only lead cannot leave: a clear message, nothing changed.
  auto res = lead.submit(page, {{"action", "leave"}}, page + "/members");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "You are the only lead of this project"));
  EXPECT_EQ(project_state(), before);
  // Nor be removed, as the only lead.
  res = lead.submit(page, {{"action", "remove"}, {"person", std::to_string(participant_)}},
                    page + "/members");
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(project_state(), before);
  // Someone not of the programme cannot be added.
  const auto other = insert_other_programme(sql());
  res = lead.submit(
      page, {{"action", "add"}, {"person", std::to_string(other.person)}, {"role", "member"}},
      page + "/members");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Choose a person of this programme."));
  EXPECT_EQ(project_state(), before);
  // The lead makes the alumnus lead too; then may leave.
  ASSERT_EQ(
      lead.submit(page, {{"action", "add"}, {"person", std::to_string(alumnus_)}, {"role", "lead"}},
                  page + "/members")
          .status,
      303);
  ASSERT_EQ(lead.submit(page, {{"action", "leave"}}, page + "/members").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM project_member WHERE project_id = " + std::to_string(id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'project' AND entity_id = '" +
                  std::to_string(id) + "'"),
            4);  // create, join, role, leave
  // Having left, the participant may no longer edit it.
  before = project_state();
  EXPECT_EQ(
      lead.submit(page, {{"date", "2027-01-10"}, {"text", "Still here"}}, page + "/updates").status,
      404);
  EXPECT_EQ(project_state(), before);
}

TEST_F(ProjectsTest, UpdatesAreDatedAndListedNewestFirst) {
  auto c = english("participant");
  const ll id = start(c, "Dated progress");
  const std::string page = "/projects/" + std::to_string(id);
  ASSERT_EQ(
      c.submit(page, {{"date", "2027-01-10"}, {"text", "First meeting held"}}, page + "/updates")
          .status,
      303);
  ASSERT_EQ(
      c.submit(page, {{"date", "2027-03-02"}, {"text", "Second group started"}}, page + "/updates")
          .status,
      303);
  auto body = c.get(page).body;
  ASSERT_TRUE(has(body, "First meeting held"));
  EXPECT_LT(body.find("Second group started"), body.find("First meeting held"));
  const auto before = project_state();
  for (const Form& bad : std::vector<Form>{{{"date", "2027-02-30"}, {"text", "x"}},
                                           {{"date", "yesterday"}, {"text", "x"}},
                                           {{"date", "2027-02-01"}, {"text", "   "}}}) {
    auto res = c.submit(page, bad, page + "/updates");
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "Enter a date such as") || has(res.body, "Write what happened."));
    EXPECT_EQ(project_state(), before);
  }
}

TEST_F(ProjectsTest, OutsidersGet404AndChangeNothing) {
  auto lead = english("participant");
  const ll id = start(lead, "Not for outsiders");
  const std::string page = "/projects/" + std::to_string(id);
  // A participant of the programme who is not on the team sees it but may not edit it.
  auto lecturer = english("lecturer");
  EXPECT_EQ(lecturer.get(page).status, 200);
  EXPECT_EQ(lecturer.get(page + "/edit").status, 404);
  const auto before = project_state();
  auto token = csrf_of(lecturer.get("/").body);
  EXPECT_EQ(lecturer
                .post(page + "/edit",
                      {{"csrf", token}, {"title", "Taken"}, {"status", "idea"}, {"language", "en"}})
                .status,
            404);
  EXPECT_EQ(
      lecturer.post(page + "/updates", {{"csrf", token}, {"date", "2027-01-01"}, {"text", "x"}})
          .status,
      404);
  EXPECT_EQ(
      lecturer
          .post(page + "/members",
                {{"csrf", token}, {"action", "remove"}, {"person", std::to_string(participant_)}})
          .status,
      404);
  EXPECT_EQ(project_state(), before);
  // Stakeholders see no projects at all.
  auto stakeholder = sign_in("stakeholder");
  EXPECT_EQ(stakeholder.get("/projects").status, 404);
  EXPECT_EQ(stakeholder.get(page).status, 404);
  EXPECT_EQ(stakeholder.get("/projects/new").status, 404);
  // Another programme's project is invisible to the demo programme's staff.
  const auto other = insert_other_programme(sql());
  sql().sql() << "INSERT INTO project (programme_id, title, language, status, created_at, "
                 "updated_at) VALUES (:p, 'Elsewhere', 'en', 'idea', 1, 1)",
      soci::use(static_cast<ll>(other.programme));
  const ll elsewhere = count("SELECT id FROM project WHERE title = 'Elsewhere'");
  auto staff = english("staff");
  EXPECT_EQ(staff.get("/projects/" + std::to_string(elsewhere)).status, 404);
  EXPECT_FALSE(has(staff.get("/projects").body, "Elsewhere"));
  // Staff of the programme edit any of its projects.
  EXPECT_EQ(staff.get(page + "/edit").status, 200);
}

TEST_F(ProjectsTest, MyProjectsAreInMyDataDownload) {
  auto c = english("participant");
  const ll id = start(c, "In my data");
  const std::string page = "/projects/" + std::to_string(id);
  ASSERT_EQ(
      c.submit(page, {{"date", "2027-01-10"}, {"text", "My own words"}}, page + "/updates").status,
      303);
  auto json = boost::json::parse(c.get("/profile/data.json").body).as_object();
  bool found = false;
  for (const auto& p : json.at("projects").as_array())
    found = found || p.as_object().at("title").as_string() == "In my data";
  EXPECT_TRUE(found);
  EXPECT_EQ(json.at("project_updates").as_array().size(), 1u);
  auto html = c.get("/profile/data").body;
  EXPECT_TRUE(has(html, "My own words"));
}

}  // namespace
}  // namespace crm::test
