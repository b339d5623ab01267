// Every route in the route table, as every role, answers one of the statuses
// expected for that (route, role) — never a 500; and the audit log is for
// admins only.
#include <algorithm>
#include <set>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

const std::vector<std::string> kRoles = {"anonymous",   "admin",   "staff",      "lecturer",
                                         "participant", "alumnus", "stakeholder"};

// A path for a route pattern, its parameters filled with values nothing
// matches: a well-formed token that was never issued, an id that was never used.
std::string fill(const std::vector<std::string>& segments) {
  std::string path;
  for (const auto& s : segments) {
    path += "/";
    if (s == "{token}")
      path += std::string(43, 'Q');
    else if (s == "{id}")
      path += "987654";
    else if (s == "{file}")  // /certificates/{id}.pdf
      path += "987654.pdf";
    else if (s == "{code}")  // a certificate code that was never issued
      path += "ABCD-EFGH-JKMN-PQRS";
    else if (s == "{name}")  // a survey question's name that was never used
      path += "no_such_question";
    else if (s == "{n}")  // a survey's page number
      path += "1";
    else if (s == "{kind}")  // an application's document
      path += "cv";
    else
      path += s;
  }
  return path.empty() ? "/" : path;
}

std::string pattern_of(const std::vector<std::string>& segments) {
  std::string p;
  for (const auto& s : segments) p += "/" + s;
  return p.empty() ? "/" : p;
}

// The pages a visitor opens without signing in.
bool for_visitors(const std::string& pattern) {
  static const std::set<std::string> kOpen = {
      "/", "/language", "/healthz", "/login", "/login/2fa", "/logout", "/password/forgot",
      "/password/reset/{token}", "/invite/{token}", "/programme", "/programmes", "/programmes/{id}",
      "/verify", "/verify/{code}", "/calendar/{token}",
      // publishing: the public work and resource pages
      "/knowledge/works/{file}", "/knowledge/works/{id}/file", "/knowledge/resources/{file}",
      "/knowledge/resources/{id}/file",
      // knowledge base (search)
      "/knowledge", "/knowledge/feed.atom",
      // surveys: answering through the personal link
      "/s/{token}", "/s/{token}/page/{n}", "/s/{token}/done",
      // applying: signing up and confirming the address
      "/apply/signup", "/apply/confirm/{token}",
      // calls for applications: the open calls and a published call
      "/calls", "/calls/{id}",
      // notifications: the one-click unsubscribe link of a mail
      "/unsubscribe/{token}"};
  return kOpen.count(pattern) > 0;
}

// What (method, pattern) may answer for `role`. An empty set means nobody
// wrote down what the route should do: add it here when adding a route.
std::set<int> expected(const std::string& method, const std::string& pattern,
                       const std::string& role) {
  const bool anonymous = role == "anonymous";
  const bool inviter = role == "admin" || role == "staff";
  const bool second_factor = role == "admin" || role == "staff";
  const std::string key = method + " " + pattern;
  // Signed out, every page but those for visitors asks to log in first.
  if (anonymous && method == "GET" && !for_visitors(pattern)) return {303};
  if (key == "GET /") return {200};
  if (key == "POST /language") return {303};
  if (key == "GET /healthz") return {200};
  if (key == "GET /login") return {anonymous ? 200 : 303};
  if (key == "POST /login") return {422};  // empty fields
  if (key == "GET /login/2fa" || key == "POST /login/2fa") return {303};
  if (key == "POST /logout" || key == "POST /logout/everywhere") return {303};
  if (key == "GET /password/forgot") return {200};
  if (key == "POST /password/forgot") return {422};
  if (key == "GET /password/reset/{token}" || key == "POST /password/reset/{token}") return {404};
  if (key == "GET /invite/{token}" || key == "POST /invite/{token}") return {404};
  if (key == "GET /invitations") return {inviter ? 200 : 404};
  if (key == "POST /invitations") return {inviter ? 422 : 404};
  if (key == "POST /invitations/{id}/revoke") return {404};
  if (key == "GET /account") return {anonymous ? 303 : 200};
  if (key == "POST /account" || key == "POST /account/password") return {anonymous ? 303 : 422};
  if (key == "GET /account/2fa") return {anonymous || second_factor ? 303 : 200};
  if (key == "POST /account/2fa") return {anonymous ? 303 : second_factor ? 409 : 422};
  if (key == "GET /admin/audit") return {role == "admin" ? 200 : 404};
  if (key == "GET /admin/jobs" || key == "GET /admin/jobs.csv" || key == "GET /admin/jobs.xlsx")
    return {role == "admin" ? 200 : 404};
  if (key == "POST /admin/jobs/{id}/retry") return {404};  // no such job (or not an admin)
  if (key == "GET /programme") return {200};               // public overview
  // Spaces across cohorts: the programme's staff and admins make them; a
  // space's settings (of a space that does not exist here: 404).
  if (key == "GET /spaces/new") return {inviter ? 200 : 404};
  if (key == "POST /spaces") return {inviter ? 422 : 404};  // empty form
  if (key == "GET /spaces/{id}/settings" || key == "POST /spaces/{id}/settings") return {404};
  if (key == "GET /programmes") return {200};  // the list (own or public)
  if (key == "GET /programmes/new") return {role == "admin" ? 200 : 404};
  if (key == "POST /programmes") return {role == "admin" ? 422 : 404};  // empty form
  // A programme that does not exist (and pages only admins or its team may see).
  if (key == "GET /programmes/{id}" || key == "GET /programmes/{id}/edit" ||
      key == "POST /programmes/{id}/edit" || key == "GET /programmes/{id}/team" ||
      key == "POST /programmes/{id}/team" || key == "GET /programmes/{id}/team/remove" ||
      key == "POST /programmes/{id}/team/remove" || key == "GET /programmes/{id}/cohorts/new" ||
      key == "POST /programmes/{id}/cohorts")
    return {404};
  if (key == "GET /cohorts/{id}") return {404};  // no such cohort (or no right to see people)
  // Exports, parity and targets of a cohort that does not exist.
  if (key == "GET /cohorts/{id}/people.csv" || key == "GET /cohorts/{id}/people.xlsx" ||
      key == "GET /cohorts/{id}/parity" || key == "GET /cohorts/{id}/parity.csv" ||
      key == "GET /cohorts/{id}/parity.xlsx" || key == "GET /cohorts/{id}/targets" ||
      key == "POST /cohorts/{id}/targets")
    return {404};
  // Attendance, module results and completion: one's own attendance for
  // everyone signed in; a session, module or cohort that does not exist.
  if (key == "GET /attendance") return {200};
  if (key == "GET /sessions/{id}/attendance" || key == "POST /sessions/{id}/attendance" ||
      key == "GET /modules/{id}/results" || key == "POST /modules/{id}/results" ||
      key == "GET /cohorts/{id}/completion" || key == "POST /cohorts/{id}/completion" ||
      key == "GET /cohorts/{id}/completion.csv" || key == "GET /cohorts/{id}/completion.xlsx")
    return {404};
  // A cohort's plan: no such cohort, module, session or material.
  static const std::set<std::string> plan = {"GET /cohorts/{id}/curriculum",
                                             "GET /cohorts/{id}/curriculum.csv",
                                             "GET /cohorts/{id}/curriculum.xlsx",
                                             "GET /cohorts/{id}/curriculum/copy",
                                             "POST /cohorts/{id}/curriculum/copy",
                                             "GET /cohorts/{id}/modules/new",
                                             "POST /cohorts/{id}/modules",
                                             "GET /modules/{id}",
                                             "GET /modules/{id}/edit",
                                             "POST /modules/{id}/edit",
                                             "POST /modules/{id}/delete",
                                             "GET /cohorts/{id}/sessions/new",
                                             "POST /cohorts/{id}/sessions",
                                             "GET /sessions/{id}",
                                             "GET /sessions/{id}/edit",
                                             "POST /sessions/{id}/edit",
                                             "POST /sessions/{id}/cancel",
                                             "POST /sessions/{id}/restore",
                                             "POST /sessions/{id}/materials",
                                             "GET /materials/{id}"};
  if (plan.count(key)) return {404};
  // Timetables and calendar feeds: a cohort that does not exist; a feed
  // token never issued; one's own timetable and feed (not for stakeholders).
  if (key == "GET /cohorts/{id}/timetable" || key == "GET /cohorts/{id}/timetable.csv" ||
      key == "GET /cohorts/{id}/timetable.xlsx" || key == "GET /cohorts/{id}/calendar" ||
      key == "POST /cohorts/{id}/calendar")
    return {404};
  if (key == "GET /calendar/{token}") return {404};
  if (key == "GET /timetable") return {200};
  if (key == "GET /calendar" || key == "POST /calendar")
    return {anonymous || role == "stakeholder" ? 404 : 200};
  // Demo accounts linked to a person record: staff, lecturer, participant, alumnus.
  const bool linked =
      role == "staff" || role == "lecturer" || role == "participant" || role == "alumnus";
  if (key == "GET /people/{id}" || key == "GET /people/{id}/photo" ||
      key == "GET /people/{id}/photo/original" || key == "GET /people/{id}/merge" ||
      key == "POST /people/{id}/merge" || key == "POST /enrolments/{id}/status")
    return {404};  // no such person or enrolment
  if (key == "GET /profile") return {anonymous ? 303 : 200};
  if (key == "POST /profile" || key == "POST /profile/photo")
    return {anonymous ? 303 : linked ? 422 : 404};  // empty form / no file
  if (key == "POST /profile/photo/delete") return {anonymous ? 303 : linked ? 303 : 404};
  if (key == "GET /organisations")
    return {role == "admin" || role == "staff" || role == "lecturer" ? 200 : 404};
  if (key == "GET /organisations/{id}") return {404};
  if (key == "GET /organisations.csv" || key == "GET /organisations.xlsx")
    return {role == "admin" || role == "staff" || role == "lecturer" ? 200 : 404};
  if (key == "GET /organisations/{id}/people.csv" || key == "GET /organisations/{id}/people.xlsx")
    return {404};
  // The people import: no such cohort or import (or no right to import).
  if (key == "GET /cohorts/{id}/import" || key == "POST /cohorts/{id}/import" ||
      key == "GET /cohorts/{id}/import/template.csv")
    return {404};
  if (key == "GET /imports/{id}" || key == "POST /imports/{id}/commit" ||
      key == "GET /imports/{id}/rows.csv")
    return {404};
  // Data protection: the demo admin and stakeholder have no person record.
  const bool has_person = linked;
  if (key == "GET /profile/data" || key == "GET /profile/data.json" ||
      key == "GET /profile/erasure")
    return {anonymous ? 303 : 200};
  if (key == "POST /profile/erasure" || key == "POST /profile/consents")
    return {anonymous ? 303 : has_person ? 422 : 404};  // box not ticked, no purpose
  if (key == "GET /profile/consents") return {anonymous ? 303 : has_person ? 200 : 404};
  if (key == "GET /erasure-requests") return {inviter ? 200 : 404};
  if (key == "GET /people/{id}/erase" || key == "POST /people/{id}/erase" ||
      key == "GET /people/{id}/consents" || key == "POST /people/{id}/consents")
    return {404};  // no such person
  // Certificates: no such cohort or certificate; the public verification
  // answers everyone, and an unknown code with 404.
  if (key == "GET /cohorts/{id}/certificates" || key == "POST /cohorts/{id}/certificates" ||
      key == "GET /cohorts/{id}/certificates.csv" || key == "GET /cohorts/{id}/certificates.xlsx" ||
      key == "GET /certificates/{file}" || key == "GET /certificates/{id}/revoke" ||
      key == "POST /certificates/{id}/revoke")
    return {404};
  if (key == "GET /verify") return {200};
  if (key == "GET /verify/{code}") return {404};
  // Practice projects: everyone taking part in a programme and its staff
  // (not stakeholders); a project that does not exist; an empty form.
  {
    const bool sees_projects = !anonymous && role != "stakeholder";
    if (key == "GET /projects" || key == "GET /projects.csv" || key == "GET /projects.xlsx" ||
        key == "GET /projects/new")
      return {sees_projects ? 200 : 404};
    if (key == "POST /projects") return {sees_projects ? 422 : 404};
    if (key == "GET /projects/{id}" || key == "GET /projects/{id}/edit" ||
        key == "POST /projects/{id}/edit" || key == "POST /projects/{id}/members" ||
        key == "POST /projects/{id}/updates")
      return {404};
  }
  // Curated resources: the programme's staff and admins; a resource that does not exist.
  if (key == "GET /resources" || key == "GET /resources.csv" || key == "GET /resources.xlsx" ||
      key == "GET /resources/new")
    return {inviter ? 200 : 404};
  if (key == "POST /resources") return {inviter ? 422 : 404};
  if (key == "GET /resources/{id}" || key == "GET /resources/{id}/edit" ||
      key == "POST /resources/{id}/edit" || key == "GET /resources/{id}/file" ||
      key == "POST /resources/{id}/publish")
    return {404};
  // Publishing: no such paper or project (and only its author or lead may
  // consent); the public pages of a work or resource that was never published.
  if (key == "GET /papers/{id}/publish" || key == "POST /papers/{id}/publish" ||
      key == "POST /papers/{id}/withdraw" || key == "GET /projects/{id}/publish" ||
      key == "POST /projects/{id}/publish" || key == "POST /projects/{id}/withdraw")
    return {404};
  if (key == "GET /knowledge/works/{file}" || key == "GET /knowledge/works/{id}/file" ||
      key == "GET /knowledge/resources/{file}" || key == "GET /knowledge/resources/{id}/file")
    return {404};
  // Final papers: one's own list for everyone signed in; starting one's own
  // paper without a cohort; no such cohort, paper, version or criterion.
  if (key == "GET /papers") return {200};
  if (key == "POST /papers") return {404};
  static const std::set<std::string> papers = {"GET /cohorts/{id}/papers",
                                               "GET /cohorts/{id}/papers.csv",
                                               "GET /cohorts/{id}/papers.xlsx",
                                               "GET /cohorts/{id}/papers/settings",
                                               "POST /cohorts/{id}/papers/settings",
                                               "POST /cohorts/{id}/papers/criteria",
                                               "GET /cohorts/{id}/papers/new",
                                               "POST /cohorts/{id}/papers/new",
                                               "POST /rubric-criteria/{id}",
                                               "POST /rubric-criteria/{id}/delete",
                                               "GET /papers/{id}",
                                               "GET /papers/{id}/edit",
                                               "POST /papers/{id}/edit",
                                               "POST /papers/{id}/supervisor",
                                               "POST /papers/{id}/versions",
                                               "GET /paper-versions/{id}",
                                               "POST /paper-versions/{id}/comments",
                                               "GET /papers/{id}/assess",
                                               "POST /papers/{id}/assess"};
  if (papers.count(key)) return {404};
  // Survey results (issue 12 §4): a survey that does not exist.
  static const std::set<std::string> survey_results = {
      "GET /surveys/{id}/results",       "GET /surveys/{id}/results.csv",
      "GET /surveys/{id}/results.xlsx",  "GET /surveys/{id}/change",
      "GET /surveys/{id}/responses",     "GET /surveys/{id}/responses.csv",
      "GET /surveys/{id}/responses.xlsx"};
  if (survey_results.count(key)) return {404};
  // The survey builder: the programme's staff and admins; a survey that does
  // not exist; an empty form.
  {
    const bool builds = role == "admin" || role == "staff";
    if (key == "GET /surveys" || key == "GET /surveys.csv" || key == "GET /surveys.xlsx" ||
        key == "GET /surveys/new")
      return {builds ? 200 : 404};
    if (key == "POST /surveys/new") return {builds ? 422 : 404};
    if (key.starts_with("GET /surveys/{id}") || key.starts_with("POST /surveys/{id}")) return {404};
  }
  // The knowledge base's list and feed: everyone, signed in or not.
  if (key == "GET /knowledge" || key == "GET /knowledge/feed.atom") return {200};
  // The XLSForm import: the programme's staff and admins (no programme or
  // file sent: 422); no such survey.
  if (key == "GET /surveys/import") return {inviter ? 200 : 404};
  if (key == "POST /surveys/import") return {inviter ? 422 : 404};
  if (key == "GET /surveys/{id}/import" || key == "POST /surveys/{id}/import") return {404};
  // Survey rounds (issue 12, sending): no such survey or round.
  static const std::set<std::string> survey_rounds = {
      "GET /surveys/{id}/rounds/new", "POST /surveys/{id}/rounds/new", "GET /rounds/{id}",
      "GET /rounds/{id}/people.csv",  "GET /rounds/{id}/people.xlsx",  "POST /rounds/{id}/cancel",
      "POST /rounds/{id}/remind"};
  if (survey_rounds.count(key)) return {404};
  // The funder's indicator report: the programme's staff and admins; the
  // drill-down without ?indicator= names no figure.
  if (key == "GET /reports/indicators" || key == "GET /reports/indicators.xlsx" ||
      key == "GET /reports/indicators.pdf")
    return {inviter ? 200 : 404};
  if (key == "GET /reports/indicators/records" || key == "GET /reports/indicators/records.csv" ||
      key == "GET /reports/indicators/records.xlsx")
    return {404};
  // Calls for applications: the open calls for everyone; the staff list and
  // a new call for staff and admins (an empty form); a call that does not exist.
  if (key == "GET /calls") return {200};
  if (key == "GET /calls/manage" || key == "GET /calls/manage.csv" ||
      key == "GET /calls/manage.xlsx" || key == "GET /calls/new")
    return {inviter ? 200 : 404};
  if (key == "POST /calls/new") return {inviter ? 422 : 404};
  // (Visitors who apply to a call, even one that does not exist, are sent to
  // sign up first; see applying below.)
  if (key == "POST /calls/{id}/apply") return {anonymous ? 303 : 404};
  if (pattern.starts_with("/calls/{id}")) return {404};
  // Surveys: answering (a link never issued, an invitation that is nobody's).
  if (pattern.rfind("/s/{token}", 0) == 0) return {404};
  if (key == "GET /my/surveys") return {role == "participant" || role == "alumnus" ? 200 : 404};
  if (pattern.rfind("/my/surveys/{id}", 0) == 0) return {404};
  // Review (issue 13 §3): one's own reviews for those who may review
  // (lecturers, staff, admins, stakeholders); no such call or assignment.
  {
    const bool reviews =
        role == "admin" || role == "staff" || role == "lecturer" || role == "stakeholder";
    if (key == "GET /reviews" || key == "GET /reviews.csv" || key == "GET /reviews.xlsx")
      return {reviews ? 200 : 404};
    static const std::set<std::string> review = {"GET /calls/{id}/reviewers",
                                                 "POST /calls/{id}/reviewers",
                                                 "POST /calls/{id}/reviewers/{account}/delete",
                                                 "POST /calls/{id}/assign",
                                                 "GET /calls/{id}/reviews",
                                                 "GET /calls/{id}/reviews.csv",
                                                 "GET /calls/{id}/reviews.xlsx",
                                                 "GET /reviews/{id}",
                                                 "POST /reviews/{id}",
                                                 "POST /reviews/{id}/conflict"};
    if (review.count(key)) return {404};
  }
  // Applying (issue 13 §2): the sign-up for visitors (signed in: on to one's
  // applications; no address sent: 422), a link never issued, a call and
  // applications that do not exist (visitors who apply sign up first).
  if (key == "GET /apply/signup") return {anonymous ? 200 : 303};
  if (key == "POST /apply/signup") return {422};
  if (pattern == "/apply/confirm/{token}") return {404};
  if (key == "POST /calls/{id}/apply") return {anonymous ? 303 : 404};
  if (key == "GET /applications") return {200};
  if (pattern.rfind("/applications/{id}", 0) == 0) return {404};
  // Selection (issue 13 §4): a call that does not exist.
  if (key == "GET /calls/{id}/ranking" || key == "GET /calls/{id}/ranking.csv" ||
      key == "GET /calls/{id}/ranking.xlsx" || key == "POST /calls/{id}/shortlist")
    return {404};
  // Funnel (issue 13 §6): a call that does not exist.
  if (key == "GET /calls/{id}/funnel" || key == "GET /calls/{id}/funnel.csv" ||
      key == "GET /calls/{id}/funnel.xlsx")
    return {404};
  // Notifications (issue 14 §4): one's own list and settings; a token never
  // issued answers 400 (not a token of ours) with or without the form token.
  if (key == "GET /notifications" || key == "GET /notifications/settings") return {200};
  if (key == "POST /notifications/read" || key == "POST /notifications/settings")
    return {anonymous ? 404 : 303};
  if (pattern == "/unsubscribe/{token}") return {400};
  // Spaces, moderation (issue 14 §1, §2): a post, thread or space that does not
  // exist (or is not the reader's): 404 for everyone.
  {
    static const std::set<std::string> moderation = {
        "GET /posts/{id}/edit", "POST /posts/{id}/edit", "POST /posts/{id}/delete",
        "GET /posts/{id}/history", "GET /posts/{id}/report", "POST /posts/{id}/report",
        "GET /posts/{id}/hide", "POST /posts/{id}/hide", "POST /posts/{id}/unhide",
        "GET /spaces/{id}/reports", "POST /spaces/{id}/reports", "POST /threads/{id}/lock",
        "POST /threads/{id}/unlock", "POST /threads/{id}/pin", "POST /threads/{id}/unpin",
        "GET /threads/{id}/move", "POST /threads/{id}/move",
        // The members of a space: its moderators and the programme's staff.
        "GET /spaces/{id}/members", "GET /spaces/{id}/members.csv", "GET /spaces/{id}/members.xlsx",
        "POST /spaces/{id}/members", "POST /spaces/{id}/members/{account}/remove"};
    if (moderation.count(key)) return {404};
  }
  // Attachments: a file or a post that does not exist (or that the reader may not see).
  if (key == "GET /attachments/{id}" || key == "GET /attachments/{id}/small" ||
      key == "GET /posts/{id}/attachments" || key == "POST /posts/{id}/attachments")
    return {404};
  // Spaces, materials: a space or material that does not exist (the walk's
  // accounts are in no such space either).
  if (key == "GET /spaces/{id}/materials" || key == "GET /spaces/{id}/materials.csv" ||
      key == "GET /spaces/{id}/materials.xlsx" || key == "GET /spaces/{id}/materials/new" ||
      key == "POST /spaces/{id}/materials/new" || key == "GET /space-materials/{id}" ||
      key == "GET /space-materials/{id}/version" || key == "POST /space-materials/{id}/version")
    return {404};
  // Spaces, search: across one's spaces (none for admins: still a page); a
  // space that does not exist is 404.
  if (key == "GET /spaces/search") return {200};
  if (key == "GET /spaces/{id}/search") return {404};
  // Spaces, threads (issue 14 §1–2): one's spaces for everyone signed in; a
  // space, thread or post that does not exist.
  if (key == "GET /spaces") return {200};
  static const std::set<std::string> threads = {"GET /spaces/{id}", "POST /spaces/{id}/threads",
                                                "GET /threads/{id}", "POST /threads/{id}/posts",
                                                "GET /posts/{id}"};
  if (threads.count(key)) return {404};
  return {};
}

// Where a 303 of (method, pattern) at `path` leads for `role`.
std::string redirect_target(const std::string& method, const std::string& pattern,
                            const std::string& path, const std::string& role) {
  const std::string key = method + " " + pattern;
  if (key == "POST /language") return "/";
  if (role == "anonymous" && method == "GET" && !for_visitors(pattern)) {
    std::string next;  // the path percent-encoded as a query value
    for (char c : path) next += c == '/' ? std::string("%2F") : std::string(1, c);
    return "/login?next=" + next;  // and back here after it
  }
  if (key == "GET /apply/signup") return "/applications";
  if (key == "POST /calls/{id}/apply") return "/apply/signup?call=987654";
  if (key == "POST /notifications/read") return "/notifications";
  if (key == "POST /notifications/settings") return "/notifications/settings";
  if (role == "anonymous") return "/login";  // private pages send visitors to the login
  if (key == "GET /login" || key == "GET /login/2fa") return "/";
  if (key == "GET /account/2fa") return "/account";  // already on
  if (key == "POST /profile/photo/delete") return "/profile";
  return "/login";  // logout, /login/2fa without a login
}

class RouteWalkTest : public HttpTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(RouteWalkTest, EveryRouteAnswersAsExpected) {
  const std::string role = GetParam();
  Client c = role == "anonymous" ? client() : sign_in(role);

  app::Router router;
  app::register_routes(router);
  std::vector<const app::Router::Route*> routes;
  for (const auto& r : router.routes()) routes.push_back(&r);
  ASSERT_FALSE(routes.empty());
  // Ending the session last keeps the rest of the walk signed in.
  std::stable_partition(routes.begin(), routes.end(), [](const auto* r) {
    return !(r->segments.size() >= 1 && r->segments[0] == "logout");
  });

  std::set<std::string> patterns;
  for (const auto* route : routes) {
    const auto pattern = pattern_of(route->segments);
    const auto path = fill(route->segments);
    patterns.insert(pattern);
    SCOPED_TRACE(route->method + " " + path + " as " + role);
    auto want = expected(route->method, pattern, role);
    ASSERT_FALSE(want.empty()) << "no expectation for " << route->method << " " << pattern
                               << ": add one to routes_test.cpp";
    HttpResponse res;
    if (route->method == "GET") {
      res = c.get(path);
      auto head = c.head(path);
      EXPECT_EQ(head.status, res.status);
      EXPECT_TRUE(head.body.empty());
    } else {
      ASSERT_EQ(route->method, "POST");
      // Without the form token: refused before the handler runs (but for
      // RFC 8058 one-click unsubscribe, whose signed token is the key).
      if (pattern != "/unsubscribe/{token}") {
        EXPECT_EQ(c.post(path, {{"language", "en"}}).status, 403);
      }
      auto token = csrf_of(c.get("/").body);
      ASSERT_FALSE(token.empty());
      Form fields = {{"csrf", token}};
      if (pattern == "/language") fields.emplace_back("language", "en");
      res = c.post(path, fields);
    }
    EXPECT_TRUE(want.count(res.status)) << "status " << res.status;
    EXPECT_LT(res.status, 500);
    if (res.status == 303) {
      EXPECT_EQ(res.location(), redirect_target(route->method, pattern, path, role));
    }
  }

  // Methods a path does not take: 405 with the ones it does.
  for (const auto& pattern : patterns) {
    std::set<std::string> allowed;
    std::vector<std::string> segments;
    for (const auto* r : routes)
      if (pattern_of(r->segments) == pattern) {
        allowed.insert(r->method);
        segments = r->segments;
      }
    auto res = c.request("DELETE", fill(segments), "", "");
    EXPECT_EQ(res.status, 405) << pattern;
    for (const auto& m : allowed)
      EXPECT_NE(res.header("allow").find(m), std::string::npos) << pattern;
  }
}

INSTANTIATE_TEST_SUITE_P(AllRoles, RouteWalkTest, ::testing::ValuesIn(kRoles),
                         [](const auto& info) { return info.param; });

class AuditTest : public HttpTest {};

TEST_F(AuditTest, AdminSeesTheChangesEveryoneElseGets404) {
  auto p = sign_in("participant");
  ASSERT_EQ(p.submit("/account",
                     {{"name", "Layla Haddad"}, {"language", "ar"}, {"time_zone", "Asia/Amman"}})
                .status,
            303);
  ASSERT_EQ(p.submit("/", {}, "/logout").status, 303);
  auto staff = sign_in("staff");
  ASSERT_EQ(staff
                .submit("/invitations", {{"email", "audited@example.org"},
                                         {"name", "Audited Person"},
                                         {"role", "lecturer"},
                                         {"language", "en"}})
                .status,
            303);
  ASSERT_EQ(client().submit("/password/forgot", {{"email", demo("participant").email}}).status,
            200);

  auto admin = sign_in("admin");
  auto page = admin.get("/admin/audit");
  ASSERT_EQ(page.status, 200);
  for (const char* action :
       {"account.create", "account.login", "account.second_factor", "account.update",
        "account.logout", "invitation.create", "account.reset_requested"})
    EXPECT_NE(page.body.find(action), std::string::npos) << action;
  EXPECT_NE(page.body.find("Layla Haddad"), std::string::npos);
  EXPECT_NE(page.body.find("audited@example.org"), std::string::npos);
  EXPECT_NE(admin.get("/").body.find("href=\"/admin/audit\""), std::string::npos);

  EXPECT_EQ(client().get("/admin/audit").location(), "/login?next=%2Fadmin%2Faudit");
  for (const char* role : {"staff", "lecturer", "participant", "alumnus", "stakeholder"}) {
    auto c = role == std::string("staff") ? staff : sign_in(role);
    EXPECT_EQ(c.get("/admin/audit").status, 404) << role;
    EXPECT_EQ(c.get("/").body.find("href=\"/admin/audit\""), std::string::npos) << role;
  }
}

}  // namespace
}  // namespace crm::test
