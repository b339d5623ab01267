// The statement budget of the main pages: each page runs a fixed, small
// number of SQL statements, the same at demo scale 1 and at demo scale 10
// (ten times the people, organisations and cohorts), so no page runs a
// statement per row. The count is read from the Server-Timing header of a
// server started with --server-timing, which proves the header too; the
// header's absence by default and the access-log fields are tested below.
//
// A count, not a timing: it cannot flake. A page that needs one more
// statement fails here until its budget in kPages is raised on purpose.
//
// EVERY NEW PAGE JOINS kPages: a capability that adds a page adds a line with
// the role that sees it, its path and its budget (see CONTRIBUTING.md).
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <regex>

#include "auth/tokens.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/publication_fixture.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/instruments.hpp"
#include "surveys/links.hpp"

namespace crm::test {
namespace {

using ll = long long;

// The objects the pages show, found in each database the same way.
struct Ids {
  ll programme = 0;
  ll cohort = 0;               // the cohort staff look at (number 3, as bench/people.sh)
  ll participant_cohort = 0;   // the demo participant's own cohort
  ll person = 0;               // a participant of `cohort`
  ll organisation = 0;         // the organisation with the most people
  ll module = 0, session = 0;  // of `cohort`: its first module and first session
  // The demo's first practice project and curated resource; publishing: the
  // demo participant's accepted paper, published as work `work`, and a
  // published curated resource.
  ll project = 0, resource = 0, paper = 0, work = 0, public_resource = 0;
  // Survey results: the demo's "useful" survey and its self-assessment
  // (demo/survey_responses.cpp: responses of every finished cohort).
  ll survey_useful = 0, survey_self = 0;
  ll survey = 0;        // the demo's custom survey (sections, a condition)
  ll survey_round = 0;  // a round of a survey to `cohort`, everyone invited
  // Surveys: the demo participant's personal link to an open follow-up.
  std::string survey_link;
  // Applying: the demo participant's application to an open call (of a
  // cohort of its own, so that the demo's calls stay as they are).
  ll application = 0;
  // Selection: a closed call with five applications per demo scale, each
  // with two submitted reviews, and bounds of four kinds.
  ll ranking_call = 0;
  // Calls for applications: a published, open call for every cohort (ten
  // times as many at scale 10), texts in four languages; `call` is `cohort`'s.
  ll call = 0;
  // Spaces, moderation (demo/spaces_moderation.cpp): the demo participant's
  // cohort space, its edited post and its post with an open report.
  ll moderation_space = 0, edited_post = 0, reported_post = 0;
  // Attachments: the demo's first photo (demo/spaces_attachments.cpp), in
  // the demo participant's cohort space.
  ll attachment = 0;
  // Spaces, materials: the demo participant's cohort space and a file of its library.
  ll materials_space = 0, material_file = 0;
  ll participant_space = 0;  // the space of the demo participant's cohort
  // Spaces: the demo participant's cohort space and its busiest thread.
  ll space = 0, thread = 0;
};

struct Page {
  const char* name;
  const char* role;  // "" for a visitor who is not signed in
  std::function<std::string(const Ids&)> path;
  long budget;  // statements, at every scale
};

size_t count_of(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string id(ll v) {
  return std::to_string(v);
}

// The table of budgets. Later capabilities add their pages here.
const std::vector<Page> kPages = {
    // Calls for applications: the open calls (one statement with titles,
    // cohorts and programmes, whatever the number of calls and languages);
    // a call's page (the call, its texts, questions, documents; signed in
    // also the session and the reader's membership); the staff list with its
    // counts (one statement) and a call's edit page.
    {"open calls", "", [](const Ids&) { return std::string("/calls"); }, 1},
    {"call page", "", [](const Ids& i) { return "/calls/" + id(i.call); }, 4},
    {"call page signed in", "participant", [](const Ids& i) { return "/calls/" + id(i.call); }, 6},
    {"calls manage", "staff", [](const Ids&) { return std::string("/calls/manage"); }, 2},
    {"call edit", "staff", [](const Ids& i) { return "/calls/" + id(i.call) + "/edit"; }, 7},
    // The survey builder: the list (one statement with versions, rounds and
    // responses), a survey with its version's questions, the question editor,
    // the preview (a version is read in a fixed number of statements).
    {"surveys", "staff", [](const Ids&) { return std::string("/surveys"); }, 2},
    {"survey", "staff", [](const Ids& i) { return "/surveys/" + id(i.survey); }, 11},
    {"survey edit", "staff", [](const Ids& i) { return "/surveys/" + id(i.survey) + "/edit"; }, 11},
    {"survey question", "staff",
     [](const Ids& i) { return "/surveys/" + id(i.survey) + "/questions/topics/edit"; }, 11},
    {"survey preview", "staff",
     [](const Ids& i) { return "/surveys/" + id(i.survey) + "/preview?lang=ar"; }, 11},
    {"login", "", [](const Ids&) { return std::string("/login"); }, 0},
    // The start page: a visitor reads the programme; the signed in see their
    // cohorts (one statement), staff and admins the imports waiting (one) and
    // the erasure requests pending (one).
    {"start page visitor", "", [](const Ids&) { return std::string("/"); }, 5},
    {"dashboard admin", "admin", [](const Ids&) { return std::string("/"); }, 5},
    {"dashboard staff", "staff", [](const Ids&) { return std::string("/"); }, 6},
    // Lecturers and participants also see their next sessions (two statements).
    {"dashboard lecturer", "lecturer", [](const Ids&) { return std::string("/"); }, 4},
    {"dashboard participant", "participant", [](const Ids&) { return std::string("/"); }, 4},
    {"dashboard alumnus", "alumnus", [](const Ids&) { return std::string("/"); }, 2},
    {"dashboard stakeholder", "stakeholder", [](const Ids&) { return std::string("/"); }, 1},
    {"programme staff", "staff", [](const Ids& i) { return "/programmes/" + id(i.programme); }, 6},
    {"programme participant", "participant", [](const Ids&) { return std::string("/programme"); },
     7},
    {"cohort staff", "staff", [](const Ids& i) { return "/cohorts/" + id(i.cohort); }, 9},
    {"cohort participant", "participant",
     [](const Ids& i) { return "/cohorts/" + id(i.participant_cohort); }, 6},
    {"filtered list", "staff",
     [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "?country=TR&organisation_type=ngo"; },
     9},
    // … and their certificates (one statement, and one per programme they hold one of).
    {"person", "staff", [](const Ids& i) { return "/people/" + id(i.person); }, 8},
    // A page of its people and their count (the page is paged).
    {"organisation", "staff", [](const Ids& i) { return "/organisations/" + id(i.organisation); },
     4},
    {"parity", "staff", [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/parity"; }, 6},
    {"jobs", "admin", [](const Ids&) { return std::string("/admin/jobs"); }, 3},
    // Certificates: a cohort's participants with their completion and
    // certificates; the public verification of an unknown code.
    {"certificates", "staff",
     [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/certificates"; }, 11},
    {"verify", "", [](const Ids&) { return std::string("/verify"); }, 0},
    // The knowledge base: its hits come from the search index (no statement
    // per work); one statement asks the change log whether anything is new,
    // staff one for their programmes, and one reads the cohorts' names when
    // the cohort facet has values. A catch-up applying changes costs more.
    {"knowledge visitor", "", [](const Ids&) { return std::string("/knowledge?q=return"); }, 2},
    {"knowledge staff", "staff", [](const Ids&) { return std::string("/knowledge"); }, 4},
    {"knowledge feed", "", [](const Ids&) { return std::string("/knowledge/feed.atom"); }, 1},
    // Attendance, results and completion: one statement per list, whatever
    // the number of people and sessions (one's own attendance: six per cohort
    // one takes part in).
    {"attendance", "staff",
     [](const Ids& i) { return "/sessions/" + id(i.session) + "/attendance"; }, 4},
    {"module results", "staff",
     [](const Ids& i) { return "/modules/" + id(i.module) + "/results"; }, 4},
    {"completion", "staff", [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/completion"; },
     9},
    {"own attendance", "participant", [](const Ids&) { return std::string("/attendance"); }, 10},
    // A cohort's plan: the cohort, its modules (with texts, lecturers), its
    // sessions (with lecturers), the lecturers' names and the materials.
    {"curriculum staff", "staff",
     [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/curriculum"; }, 9},
    {"curriculum participant", "participant",
     [](const Ids& i) { return "/cohorts/" + id(i.participant_cohort) + "/curriculum"; }, 9},
    {"module", "staff", [](const Ids& i) { return "/modules/" + id(i.module); }, 8},
    {"session", "staff", [](const Ids& i) { return "/sessions/" + id(i.session); }, 9},
    {"new session", "staff",
     [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/sessions/new"; }, 7},
    // Timetables: the cohort check, the sessions, their lecturers; one's own
    // timetable the sessions and their lecturers; the feed page its date.
    {"timetable staff", "staff",
     [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/timetable"; }, 4},
    {"timetable participant", "participant",
     [](const Ids& i) { return "/cohorts/" + id(i.participant_cohort) + "/timetable"; }, 4},
    {"my timetable", "participant", [](const Ids&) { return std::string("/timetable"); }, 3},
    {"my timetable lecturer", "lecturer", [](const Ids&) { return std::string("/timetable"); }, 3},
    {"calendar", "participant", [](const Ids&) { return std::string("/calendar"); }, 2},
    // Practice projects: the list (one statement, with team sizes), a project
    // with its team, partners, updates and tags, the form; curated resources.
    {"projects", "participant", [](const Ids&) { return std::string("/projects"); }, 3},
    {"project", "participant", [](const Ids& i) { return "/projects/" + id(i.project); }, 10},
    {"new project", "participant", [](const Ids&) { return std::string("/projects/new"); }, 5},
    {"resources", "staff", [](const Ids&) { return std::string("/resources"); }, 2},
    {"resource", "staff", [](const Ids& i) { return "/resources/" + id(i.resource); }, 5},
    {"new resource", "staff", [](const Ids&) { return std::string("/resources/new"); }, 2},
    // The XLSForm import's form: the staff member's programmes.
    {"survey import", "staff", [](const Ids&) { return std::string("/surveys/import"); }, 2},
    // Publishing: the consent page (the work and its publication row), the
    // public pages of a work and of a resource (no account).
    {"consent page", "participant",
     [](const Ids& i) { return "/papers/" + id(i.paper) + "/publish"; }, 6},
    {"public work", "", [](const Ids& i) { return "/knowledge/works/" + id(i.work); }, 5},
    {"public resource", "",
     [](const Ids& i) { return "/knowledge/resources/" + id(i.public_resource); }, 3},
    // Final papers: the lists read the papers with their latest version in
    // one statement, their titles in another, the milestones in a third.
    {"papers participant", "participant", [](const Ids&) { return std::string("/papers"); }, 7},
    {"papers lecturer", "lecturer", [](const Ids&) { return std::string("/papers"); }, 6},
    {"cohort papers", "staff", [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/papers"; },
     5},
    {"paper", "participant", [](const Ids& i) { return "/papers/" + id(i.paper); }, 11},
    {"paper settings", "staff",
     [](const Ids& i) { return "/cohorts/" + id(i.cohort) + "/papers/settings"; }, 4},
    {"assess", "lecturer", [](const Ids& i) { return "/papers/" + id(i.paper) + "/assess"; }, 8},
    // Survey results: counts grouped in SQL (per question, choice and group),
    // the same statements whatever the number of questions or responses.
    {"survey results", "staff",
     [](const Ids& i) { return "/surveys/" + id(i.survey_useful) + "/results"; }, 18},
    {"survey cross-tab", "lecturer",
     [](const Ids& i) { return "/surveys/" + id(i.survey_useful) + "/results?by=country"; }, 18},
    {"survey change", "staff",
     [](const Ids& i) { return "/surveys/" + id(i.survey_self) + "/change"; }, 12},
    {"survey responses", "staff",
     [](const Ids& i) { return "/surveys/" + id(i.survey_self) + "/responses"; }, 12},
    // Survey rounds: the round with its survey, cohort and session (one
    // statement), the reader's place in the programme (one), the counts (one)
    // and who was asked (one, however many).
    {"survey round", "staff", [](const Ids& i) { return "/rounds/" + id(i.survey_round); }, 5},
    // The funder's indicator report: the programme, its cohorts and
    // countries, then counts — two for the attendance (per cohort, and over
    // all cohorts), one for the indicator responses, one for the invitations
    // — whatever their number; its drill-down is the same report, the
    // countries once more and the figure's records in one statement.
    {"indicator report", "staff", [](const Ids&) { return std::string("/reports/indicators"); },
     10},
    {"indicator records", "staff",
     [](const Ids&) { return std::string("/reports/indicators/records?indicator=participants"); },
     12},
    // Answering a survey: the network's unknown links (auth/link_throttle),
    // the invitation with its round and survey, the version (a fixed number
    // whatever its size), the draft and its answers; "my surveys": the
    // invitations, their titles and the anonymous drafts.
    {"survey link", "", [](const Ids& i) { return i.survey_link + "/page/1"; }, 9},
    {"my surveys", "participant", [](const Ids&) { return std::string("/my/surveys"); }, 4},
    // Applying (issue 13 §2): the sign-up, one's applications (one statement
    // each for them, their calls and their review state), an application's
    // state and its pages (the call, its questions, documents, answers).
    {"apply signup", "", [](const Ids&) { return std::string("/apply/signup"); }, 3},
    {"my applications", "participant", [](const Ids&) { return std::string("/applications"); }, 6},
    {"application", "participant",
     [](const Ids& i) { return "/applications/" + id(i.application); }, 11},
    {"application page", "participant",
     [](const Ids& i) { return "/applications/" + id(i.application) + "/page/3"; }, 10},
    {"application review", "participant",
     [](const Ids& i) { return "/applications/" + id(i.application) + "/page/5"; }, 10},
    // Selection: the call, the reader's membership, its bounds, applications,
    // review means (grouped in SQL), the applications an eligibility question
    // rules out, the countries' route roles and the hand changes — whatever
    // the number of applicants, reviews and criteria.
    {"ranking", "staff", [](const Ids& i) { return "/calls/" + id(i.ranking_call) + "/ranking"; },
     9},
    // Decisions: the ranking's statements, the call's zone and every
    // application's decision with its mail address in one; the mail
    // templates: the call's page head and the written templates.
    {"decisions", "staff",
     [](const Ids& i) { return "/calls/" + id(i.ranking_call) + "/decisions"; }, 11},
    {"decision mails", "staff",
     [](const Ids& i) { return "/calls/" + id(i.ranking_call) + "/templates"; }, 4},
    // Funnel: the ranking's reads (for reviewed and shortlisted) and one
    // count per dimension and the total, grouped in SQL.
    {"funnel", "staff", [](const Ids& i) { return "/calls/" + id(i.ranking_call) + "/funnel"; },
     14},
    // Notifications (issue 14 §4): the reader's list (its count, one page of
    // rows with their threads, the names of the reader's spaces) and the
    // settings (the flags, the reader's spaces with their choices, their
    // names). The header's unread count rides on the session's statement:
    // every other line of this table keeps its number.
    {"notifications", "participant", [](const Ids&) { return std::string("/notifications"); }, 4},
    {"notification settings", "participant",
     [](const Ids&) { return std::string("/notifications/settings"); }, 4},
    // Spaces, moderation: the reports queue (the reader's place, the space's
    // name, the reported posts and their reports: two statements whatever
    // their number), a post's earlier versions, the hide form.
    {"space reports", "staff",
     [](const Ids& i) { return "/spaces/" + id(i.moderation_space) + "/reports"; }, 5},
    {"post history", "staff",
     [](const Ids& i) { return "/posts/" + id(i.edited_post) + "/history"; }, 5},
    {"post hide form", "staff",
     [](const Ids& i) { return "/posts/" + id(i.reported_post) + "/hide"; }, 4},
    // The members of a space: the reader's place, the team, the name, the
    // members with why they are in (one statement) and the people to add.
    {"space members", "staff",
     [](const Ids& i) { return "/spaces/" + id(i.moderation_space) + "/members"; }, 6},
    // Attachments: the file's post and its state, the reader's place in the
    // post's space, the bytes — whatever the number of posts and files.
    {"attachment", "participant", [](const Ids& i) { return "/attachments/" + id(i.attachment); },
     4},
    {"attachment small", "participant",
     [](const Ids& i) { return "/attachments/" + id(i.attachment) + "/small"; }, 4},
    // Spaces, materials: the space and the reader's place in it, its name,
    // the cohort's modules, the programme's languages, when the reader last
    // looked, every material with its versions (one statement, whatever
    // their number) and the mark that they looked now; a file: the material,
    // the space and its bytes.
    {"space materials", "participant",
     [](const Ids& i) { return "/spaces/" + id(i.materials_space) + "/materials"; }, 8},
    {"space material file", "participant",
     [](const Ids& i) { return "/space-materials/" + id(i.material_file); }, 4},
    // Searching the spaces: the reader's spaces with their names (one), the
    // change log (one: nothing new), the hits' thread titles and authors (one
    // each for a page of hits); inside one space its access and name instead.
    {"spaces search", "participant",
     [](const Ids&) { return std::string("/spaces/search?q=return"); }, 5},
    {"space search", "participant",
     [](const Ids& i) { return "/spaces/" + id(i.participant_space) + "/search?q=return"; }, 6},
    // Spaces, with the session's statement: the reader's spaces (names,
    // unread threads per space); a space's page (access, name, thread count,
    // a page of threads with their unread counts, the visit); a thread's
    // page (access, thread and read mark, space name, a page of posts with
    // authors, their mentions, the read mark raised) — whatever the number
    // of spaces, threads and posts.
    {"spaces", "participant", [](const Ids&) { return std::string("/spaces"); }, 3},
    {"space", "participant", [](const Ids& i) { return "/spaces/" + id(i.space); }, 6},
    // Spaces across cohorts: the form for a new one (the reader's programmes)
    // and a space's settings (its place, the team, its name, its texts and flags).
    {"new space", "staff", [](const Ids&) { return std::string("/spaces/new"); }, 2},
    {"space settings", "staff",
     [](const Ids& i) { return "/spaces/" + id(i.moderation_space) + "/settings"; }, 6},
    // (+1: the files of the posts shown, in one statement.)
    {"thread", "participant", [](const Ids& i) { return "/threads/" + id(i.thread); }, 8},
    // Moving a thread: access, the thread, the programme's space names (one
    // statement whatever their number), the spaces the reader moderates.
    {"move thread", "staff", [](const Ids& i) { return "/threads/" + id(i.thread) + "/move"; }, 5},
};

// `db;dur=0.412;desc="7 statements", app;dur=0.200, queue;dur=0.030`
const std::regex kServerTiming(
    R"(db;dur=([0-9]+\.[0-9]{3});desc="([0-9]+) statements", app;dur=([0-9]+\.[0-9]{3}), )"
    R"(queue;dur=([0-9]+\.[0-9]{3}))");

// The statement count of a Server-Timing value; -1 when it is malformed.
long statements_of(const std::string& server_timing) {
  std::smatch m;
  if (!std::regex_match(server_timing, m, kServerTiming)) return -1;
  return std::stol(m[2]);
}

ServerOptions timed() {
  ServerOptions o;
  o.server_timing = true;
  return o;
}

// A demo database at one scale with a server on it and the demo accounts
// signed in (each once, when first needed).
class Site {
 public:
  explicit Site(long scale)
      : database_(scale == 1 ? std::make_unique<TestDatabase>()
                             : std::make_unique<TestDatabase>(scale)),
        server_(std::make_unique<TestServer>(database_->url(), timed())),
        sql_(std::make_unique<db::Session>(database_->url())) {
    auto& db = sql_->sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(ids_.programme);
    db << "SELECT id FROM cohort WHERE programme_id = :p AND number = 3", soci::use(ids_.programme),
        soci::into(ids_.cohort);
    db << "SELECT MIN(person_id) FROM enrolment WHERE cohort_id = :c AND role = 'participant'",
        soci::use(ids_.cohort), soci::into(ids_.person);
    db << "SELECT e.cohort_id FROM enrolment e JOIN person p ON p.id = e.person_id JOIN account a "
          "ON a.id = p.account_id WHERE a.email = 'participant@demo.crm.example' ORDER BY e.id "
          "LIMIT 1",
        soci::into(ids_.participant_cohort);
    db << "SELECT id FROM space WHERE cohort_id = :c", soci::use(ids_.participant_cohort),
        soci::into(ids_.participant_space);
    db << "SELECT organisation_id FROM person WHERE organisation_id IS NOT NULL GROUP BY "
          "organisation_id ORDER BY COUNT(*) DESC, organisation_id LIMIT 1",
        soci::into(ids_.organisation);
    db << "SELECT COUNT(*) FROM person", soci::into(people_);
    // Spaces, moderation: what demo/spaces_moderation.cpp made.
    db << "SELECT id FROM space WHERE cohort_id = :c", soci::use(ids_.participant_cohort),
        soci::into(ids_.moderation_space);
    db << "SELECT MIN(p.id) FROM post p JOIN thread t ON t.id = p.thread_id WHERE t.space_id = :s "
          "AND p.edited_at IS NOT NULL",
        soci::use(ids_.moderation_space), soci::into(ids_.edited_post);
    db << "SELECT MIN(r.post_id) FROM post_report r JOIN post p ON p.id = r.post_id JOIN thread t "
          "ON t.id = p.thread_id WHERE t.space_id = :s AND r.resolved_at IS NULL",
        soci::use(ids_.moderation_space), soci::into(ids_.reported_post);
    curriculum(db);
    // The demo's practice projects and curated resources (demo/projects.cpp).
    db << "SELECT COALESCE(MIN(id), 0) FROM project WHERE programme_id = :p",
        soci::use(ids_.programme), soci::into(ids_.project);
    db << "SELECT COALESCE(MIN(id), 0) FROM resource WHERE programme_id = :p",
        soci::use(ids_.programme), soci::into(ids_.resource);
    db << "SELECT COALESCE(MIN(x.id), 0) FROM paper x JOIN person p ON p.id = x.person_id JOIN "
          "account a ON a.id = p.account_id WHERE a.email = 'participant@demo.crm.example'",
        soci::into(ids_.paper);
    publishing();
    db << "SELECT COALESCE(MIN(id), 0) FROM survey WHERE programme_id = :p AND kind = 'useful'",
        soci::use(ids_.programme), soci::into(ids_.survey_useful);
    db << "SELECT COALESCE(MIN(id), 0) FROM survey WHERE programme_id = :p AND kind = "
          "'self_assessment'",
        soci::use(ids_.programme), soci::into(ids_.survey_self);
    if (!ids_.survey_useful || !ids_.survey_self)
      throw std::runtime_error("the demo data lacks its surveys");
    db << "SELECT COALESCE(MIN(id), 0) FROM survey WHERE programme_id = :p AND kind = 'custom'",
        soci::use(ids_.programme), soci::into(ids_.survey);
    if (!ids_.survey) throw std::runtime_error("the demo data lacks a survey");
    survey_round();
    survey();
    calls();
    applying();
    ranking_call(scale);
    db << "SELECT COALESCE(MIN(id), 0) FROM post_attachment WHERE small_content_type <> ''",
        soci::into(ids_.attachment);
    db << "SELECT COALESCE(MIN(id), 0) FROM space WHERE cohort_id = :c",
        soci::use(ids_.participant_cohort), soci::into(ids_.materials_space);
    db << "SELECT COALESCE(MIN(id), 0) FROM space_material WHERE space_id = :s AND kind = 'file'",
        soci::use(ids_.materials_space), soci::into(ids_.material_file);
    if (!ids_.materials_space || !ids_.material_file)
      throw std::runtime_error("the demo data lacks a space's material");
    if (!ids_.cohort || !ids_.person || !ids_.participant_cohort || !ids_.organisation ||
        !ids_.module || !ids_.session || !ids_.project || !ids_.resource || !ids_.paper)
      throw std::runtime_error("the demo data lacks a page's object");
  }
  ~Site() {
    clients_.clear();
    server_.reset();
    sql_.reset();
    database_.reset();
  }

  // The demo's first module of the cohort and its first session that is
  // over (so its attendance was taken).
  void curriculum(db::Sql& db) {
    const ll now = static_cast<ll>(std::time(nullptr));
    db << "SELECT COALESCE(MIN(id), 0) FROM module WHERE cohort_id = :c", soci::use(ids_.cohort),
        soci::into(ids_.module);
    db << "SELECT COALESCE(MIN(id), 0) FROM course_session WHERE cohort_id = :c AND status = "
          "'scheduled' AND ends_at < :t",
        soci::use(ids_.cohort), soci::use(now), soci::into(ids_.session);
  }

  // A published paper of the demo participant and a published resource.
  void publishing() {
    const int64_t person = person_of_account(*sql_, "participant@demo.crm.example");
    // Supervised by the demo lecturer, like the demo's paper it replaces, so
    // the assess page has its supervisor.
    PaperSpec spec;
    spec.supervisor_person = person_of_account(*sql_, "lecturer@demo.crm.example");
    const auto paper = insert_paper(*sql_, ids_.participant_cohort, person, spec);
    ids_.paper = paper.paper;
    const ll version = paper.final_version, now = 1767225600;
    sql_->sql() << "INSERT INTO publication (work_kind, work_id, version_id, consent_at, "
                   "published_at) VALUES ('paper', :p, :v, :t, :t2) RETURNING id",
        soci::use(ids_.paper), soci::use(version), soci::use(now), soci::use(now),
        soci::into(ids_.work);
    ids_.public_resource =
        insert_resource(*sql_, ids_.programme, true, "Budget resource", "%PDF-1.4");
  }

  // A round of an identified survey to the cohort: every participant
  // invited, half of them sent, a few answered.
  void survey_round() {
    const ll now = 1767225600;
    const ll survey =
        survey_insert(*sql_, ids_.programme, "useful", false, *surveys::instrument("useful"), now)
            .survey;
    ids_.survey_round = survey_round_insert(*sql_, survey, ids_.cohort, now, now + 30 * 86400);
    sql_->sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, "
                   "sent_at, answered) SELECT :r, person_id, 'budget-' || person_id, :t, CASE "
                   "WHEN person_id % 2 = 0 THEN CAST(:t2 AS BIGINT) END, CASE WHEN person_id % 5 = "
                   "0 THEN 1 ELSE "
                   "0 END FROM enrolment WHERE cohort_id = :c AND role = 'participant'",
        soci::use(ids_.survey_round), soci::use(now), soci::use(now), soci::use(ids_.cohort);
  }

  // A closed call of a cohort of its own: 5 × scale applications of the
  // programme's people, two reviews each, bounds on every dimension.
  void ranking_call(long scale) {
    const ll now = static_cast<ll>(std::time(nullptr));
    auto& db = sql_->sql();
    ll cohort = 0;
    db << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status) VALUES "
          "(:p, 95, 'Selection budget', :a, :b, 'planned') RETURNING id",
        soci::use(ids_.programme), soci::use(now), soci::use(now), soci::into(cohort);
    auto call = call_insert(*sql_,
                            {.programme = ids_.programme,
                             .cohort = cohort,
                             .status = "closed",
                             .opens_at = now - 30 * 86400,
                             .closes_at = now - 86400,
                             .places = 3},
                            now);
    ids_.ranking_call = call.call;
    call_bound_insert(*sql_, call.call, "country", "*", 0, 1);
    call_bound_insert(*sql_, call.call, "gender", "female", 1, std::nullopt);
    call_bound_insert(*sql_, call.call, "route_role", "transit", 1, std::nullopt);
    call_bound_insert(*sql_, call.call, "organisation_type", "ngo", 0, 2);
    ll first = 0, second = 0;
    db << "SELECT id FROM account WHERE email = 'lecturer@demo.crm.example'", soci::into(first);
    db << "SELECT id FROM account WHERE email = 'stakeholder@demo.crm.example'", soci::into(second);
    const ll limit = 5 * scale;
    std::vector<std::pair<ll, std::string>> people;
    {
      db::Rows rows = (db.prepare << "SELECT id, COALESCE(country, '') FROM person WHERE "
                                     "merged_into IS NULL ORDER BY id LIMIT :n",
                       soci::use(limit));
      for (const auto& r : rows) people.emplace_back(db::get_int64(r, 0), db::get_text(r, 1));
    }
    long k = 0;
    for (const auto& [person, country] : people) {
      ++k;
      ll app = application_insert(*sql_,
                                  {.call = call.call,
                                   .person = person,
                                   .organisation_type = k % 3 ? "ministry" : "ngo",
                                   .organisation_country = country},
                                  now);
      review_insert(*sql_, app, first, call.criteria, {1 + k % 5, 1 + k % 4}, now);
      review_insert(*sql_, app, second, call.criteria, {1 + k % 3, 5}, now);
    }
  }

  // An open follow-up with a personal link for the demo participant.
  void survey() {
    const ll now = static_cast<ll>(std::time(nullptr));
    auto ids = survey_insert(*sql_, ids_.programme, "follow_up", true,
                             *surveys::instrument("follow_up"), now);
    ll round =
        survey_round_insert(*sql_, ids.survey, ids_.participant_cohort, now - 60, now + 86400 * 30);
    const std::string token = auth::random_token();
    const std::string hash = surveys::invitation_hash(token);
    const ll person = person_of_account(*sql_, "participant@demo.crm.example");
    sql_->sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at) "
                   "VALUES (:r, :p, :h, :t)",
        soci::use(round), soci::use(person), soci::use(hash), soci::use(now);
    ids_.survey_link = "/s/" + token;
  }

  // An open call of a cohort of its own and the demo participant's
  // application to it, with every page reached.
  void applying() {
    const ll now = static_cast<ll>(std::time(nullptr));
    ll cohort = 0;
    sql_->sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status) "
                   "VALUES (:p, 900, 'Budget cohort', :s, :e, 'planned') RETURNING id",
        soci::use(ids_.programme), soci::use(now), soci::use(now), soci::into(cohort);
    const auto call = call_insert(*sql_,
                                  {.programme = ids_.programme,
                                   .cohort = cohort,
                                   .opens_at = now - 86400,
                                   .closes_at = now + 30 * 86400},
                                  now);
    ids_.application =
        application_insert(*sql_,
                           {.call = call.call,
                            .person = person_of_account(*sql_, "participant@demo.crm.example"),
                            .status = "draft"},
                           now);
    sql_->sql() << "UPDATE application SET page = 5 WHERE id = :a", soci::use(ids_.application);
  }

  // An open call for every cohort of the programme, each in four languages
  // with two criteria, documents and a bound.
  void calls() {
    const ll now = static_cast<ll>(std::time(nullptr));
    std::vector<ll> cohorts;
    db::Rows rows = (sql_->sql().prepare << "SELECT id FROM cohort WHERE programme_id = :p",
                     soci::use(ids_.programme));
    for (const auto& r : rows) cohorts.push_back(db::get_int64(r, 0));
    for (ll cohort : cohorts) {
      auto ids = call_insert(*sql_,
                             {.programme = ids_.programme,
                              .cohort = cohort,
                              .opens_at = now - 86400,
                              .closes_at = now + 30 * 86400},
                             now);
      call_bound_insert(*sql_, ids.call, "country", "*", 0, 3);
      if (cohort == ids_.cohort) ids_.call = ids.call;
    }
    if (!ids_.call) throw std::runtime_error("no call for the cohort");
    sql_->sql() << "SELECT id FROM space WHERE cohort_id = :c", soci::use(ids_.participant_cohort),
        soci::into(ids_.space);
    sql_->sql() << "SELECT id FROM thread WHERE space_id = :s ORDER BY post_count DESC, id LIMIT 1",
        soci::use(ids_.space), soci::into(ids_.thread);
  }

  const Ids& ids() const { return ids_; }
  ll people() const { return people_; }

  Client& client(const std::string& role) {
    auto it = clients_.find(role);
    if (it != clients_.end()) return it->second;
    Client c(server_->port());
    if (!role.empty()) sign_in(c, role);
    return clients_.emplace(role, std::move(c)).first->second;
  }

 private:
  void sign_in(Client& c, const std::string& role) {
    const demo::DemoAccount* a = nullptr;
    for (const auto& d : database_->demo_accounts())
      if (d.role == role) a = &d;
    if (!a) throw std::runtime_error("no demo account for " + role);
    auto r = c.submit("/login", {{"email", a->email}, {"password", a->password}});
    if (r.status != 303) throw std::runtime_error("login of " + role + " failed");
    if (r.location() == "/login/2fa") {
      auto r2 = c.submit("/login/2fa", {{"code", fresh_totp(*sql_, a->email, a->totp_secret)}});
      if (r2.status != 303) throw std::runtime_error("second factor of " + role + " failed");
    }
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<db::Session> sql_;
  Ids ids_;
  ll people_ = 0;
  std::map<std::string, Client> clients_;
};

class StatementBudgetTest : public ::testing::Test {
 protected:
  // One database per scale for the whole suite: loading scale 10 takes a while.
  static void SetUpTestSuite() {
    sites_[1] = std::make_unique<Site>(1);
    sites_[10] = std::make_unique<Site>(10);
  }
  static void TearDownTestSuite() { sites_.clear(); }

  // The statements of one GET of `page` at `scale`. The page is requested
  // twice and the second answer counted: the first may touch the session
  // (once a minute) or use up a message, which a page view does not always do.
  static long statements(const Page& page, long scale) {
    auto& site = *sites_.at(scale);
    auto& c = site.client(page.role);
    const auto path = page.path(site.ids());
    auto first = c.get(path);
    EXPECT_EQ(first.status, 200) << page.name << " at scale " << scale << ": " << path;
    auto res = c.get(path);
    EXPECT_EQ(res.status, 200) << page.name << " at scale " << scale << ": " << path;
    EXPECT_TRUE(res.has_header("server-timing")) << page.name;
    auto timing = res.header("server-timing");
    long n = statements_of(timing);
    EXPECT_GE(n, 0) << page.name << ": malformed Server-Timing: " << timing;
    return n;
  }

  static inline std::map<long, std::unique_ptr<Site>> sites_;
};

TEST_F(StatementBudgetTest, EveryMainPageRunsItsBudgetOfStatementsAtEveryScale) {
  // The larger database is larger: about ten times the people.
  ASSERT_GT(sites_.at(10)->people(), 8 * sites_.at(1)->people());
  for (const auto& page : kPages) {
    SCOPED_TRACE(page.name);
    long small = statements(page, 1);
    long large = statements(page, 10);
    std::printf("budget %-24s scale 1: %3ld  scale 10: %3ld\n", page.name, small, large);
    EXPECT_EQ(small, large) << page.name << " runs more statements with more data (N+1)";
    EXPECT_EQ(small, page.budget) << page.name << ": budget " << page.budget;
  }
}

// Answering: a page of a survey costs the same with 3 questions or 60, all answered.
class SurveyPageStatementsTest : public HttpTest {
 protected:
  ServerOptions options() const override { return timed(); }
  long page_statements(long questions) {
    const ll now = static_cast<ll>(std::time(nullptr));
    ll programme = 0, cohort = 0;
    const ll who = person();
    sql().sql() << "SELECT e.cohort_id, c.programme_id FROM enrolment e JOIN cohort c ON c.id = "
                   "e.cohort_id WHERE e.person_id = :p ORDER BY e.id LIMIT 1",
        soci::use(who), soci::into(cohort), soci::into(programme);
    surveys::Definition d;
    d.languages = {"en"};
    d.title = {{"en", "Long survey"}};
    for (long i = 0; i < questions; ++i) {
      surveys::Question q;
      q.name = "q" + std::to_string(i);
      q.type = i % 2 ? "text" : "single";
      q.label = {{"en", "Question " + std::to_string(i)}};
      if (q.type == "single")
        q.choices = {{"a", {{"en", "A"}}, false}, {"b", {{"en", "B"}}, false}};
      d.questions.push_back(q);
    }
    auto ids = survey_insert(sql(), programme, "custom", false, d, now);
    ll round = survey_round_insert(sql(), ids.survey, cohort, now - 60, now + 86400);
    const std::string token = auth::random_token(), hash = surveys::invitation_hash(token);
    const ll p = person();
    sql().sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at) "
                   "VALUES (:r, :p, :h, :t)",
        soci::use(round), soci::use(p), soci::use(hash), soci::use(now);
    const std::string page = "/s/" + token + "/page/1";
    Form answers;
    for (long i = 0; i < questions; ++i)
      answers.emplace_back("q.q" + std::to_string(i), i % 2 ? "Some text" : "b");
    answers.emplace_back("action", "back");
    auto c = client();
    EXPECT_EQ(c.submit(page, answers).status, 303);
    EXPECT_EQ(c.get(page).status, 200);
    auto res = c.get(page);
    EXPECT_EQ(res.status, 200);
    return statements_of(res.header("server-timing"));
  }
  ll person() {
    ll p = 0;
    sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email "
                   "= 'participant@demo.crm.example'",
        soci::into(p);
    return p;
  }
};

TEST_F(SurveyPageStatementsTest, APageCostsTheSameWhateverTheNumberOfQuestions) {
  // The demo's responses are there too: count only what the two pages saved.
  const long before = count("SELECT COUNT(*) FROM survey_answer");
  long few = page_statements(3);
  long many = page_statements(60);
  EXPECT_GT(few, 0);
  EXPECT_EQ(few, many);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_answer"), before + 3 + 60);
}

class ServerTimingTest : public HttpTest {};

TEST_F(ServerTimingTest, IsNotSentByDefault) {
  auto c = sign_in("staff");
  auto res = c.get("/");
  EXPECT_EQ(res.status, 200);
  EXPECT_FALSE(res.has_header("server-timing"));
}

TEST_F(ServerTimingTest, WhenSetEveryAnswerSaysItsStatementsAndTimes) {
  restart(timed());
  auto c = sign_in("staff");
  for (const std::string path : {"/", "/login", "/no-such-page"}) {
    auto res = c.get(path);
    auto timing = res.header("server-timing");
    EXPECT_TRUE(std::regex_match(timing, kServerTiming)) << path << ": " << timing;
  }
  // Signed in, a page reads at least the session.
  EXPECT_GE(statements_of(c.get("/").header("server-timing")), 1);
}

TEST_F(ServerTimingTest, TheAccessLogLineCarriesTheFiguresWithoutTheSetting) {
  auto signed_in = sign_in("staff");
  auto o = ServerOptions();
  o.log = "info";
  restart(o);
  auto c = client();
  c.cookies() = signed_in.cookies();
  ::testing::internal::CaptureStderr();
  auto res = c.get("/programme");
  server().stop();  // the access log is written once the answer is out
  auto log = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(res.has_header("server-timing"));
  const std::regex line(
      R"(path=/programme status=[0-9]+ [^\n]* statements=[1-9][0-9]* db_ms=[0-9]+\.[0-9]{3} )"
      R"(app_ms=[0-9]+\.[0-9]{3} queue_ms=[0-9]+\.[0-9]{3}\n)");
  EXPECT_TRUE(std::regex_search(log, line)) << log;
}

// A secret in a path (a calendar token, an invitation or reset token, a
// certificate's code) never reaches the log; its route does.
TEST_F(ServerTimingTest, TheAccessLogKeepsNoSecretOfAPath) {
  auto o = ServerOptions();
  o.log = "info";
  restart(o);
  auto c = client();
  const std::string secret = "Zq7secretTOKENvalue0123456789abcdefghijklmno";
  ::testing::internal::CaptureStderr();
  for (const std::string& path :
       {"/calendar/" + secret + ".ics", "/invite/" + secret, "/password/reset/" + secret,
        "/verify/" + secret, "/s/" + secret + "/page/1"})
    c.get(path);
  c.get("/calendar");
  server().stop();
  auto log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(log.find(secret), std::string::npos) << log;
  for (const char* route :
       {"path=/calendar/[secret] ", "path=/invite/[secret] ", "path=/password/reset/[secret] ",
        "path=/verify/[secret] ", "path=/s/[secret] ", "path=/calendar "})
    EXPECT_NE(log.find(route), std::string::npos) << route << " in\n" << log;
}

// A page's count must not grow with what it lists, also where the demo data
// does not grow it: a person with more enrolments.
class StatementsPerRowTest : public HttpTest {
 protected:
  ServerOptions options() const override { return timed(); }

  long statements_of_page(Client& c, const std::string& path) {
    c.get(path);  // may touch the session
    auto res = c.get(path);
    EXPECT_EQ(res.status, 200) << path;
    return statements_of(res.header("server-timing"));
  }

  // Enrols `person` as a participant in every cohort of the demo programme.
  void enrol_everywhere(ll person) {
    ll now = 1767225600;
    sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) "
                   "SELECT :p, c.id, 'participant', 'participant', :t FROM cohort c JOIN programme "
                   "g ON g.id = c.programme_id WHERE g.slug = 'crm' AND c.id NOT IN (SELECT "
                   "cohort_id FROM enrolment WHERE person_id = :p2 AND role = 'participant')",
        soci::use(person), soci::use(now), soci::use(person);
  }

  long enrolments(ll person) {
    return count("SELECT COUNT(*) FROM enrolment WHERE person_id = " + std::to_string(person));
  }
};

TEST_F(StatementsPerRowTest, StaffSeeAPersonWithManyEnrolmentsInTheSameStatements) {
  ll person = 0;
  sql().sql() << "SELECT MIN(e.person_id) FROM enrolment e JOIN cohort c ON c.id = e.cohort_id "
                 "WHERE c.number = 3 AND e.role = 'participant'",
      soci::into(person);
  auto staff = sign_in("staff");
  const auto path = "/people/" + std::to_string(person);
  ASSERT_EQ(enrolments(person), 1);
  long one = statements_of_page(staff, path);
  enrol_everywhere(person);
  ASSERT_GE(enrolments(person), 4);
  auto page = staff.get(path);
  // Staff of the programme may change each enrolment's status.
  EXPECT_GE(count_of(page.body, "action=\"/enrolments/"), 4);
  EXPECT_EQ(statements_of_page(staff, path), one);
}

TEST_F(StatementsPerRowTest, StaffSeeTheirOwnRecordWithManyEnrolmentsInTheSameStatements) {
  ll person = 0;
  sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = "
                 ":e",
      soci::use(demo("staff").email), soci::into(person);
  ASSERT_GT(person, 0);
  auto staff = sign_in("staff");
  const auto path = "/people/" + std::to_string(person);
  const long before = enrolments(person);
  long statements = statements_of_page(staff, path);
  enrol_everywhere(person);
  ASSERT_GT(enrolments(person), before);
  EXPECT_EQ(statements_of_page(staff, path), statements);

  // Their own record lists an enrolment in a programme whose team they are
  // not on: they see it, but may change the status only where they are staff.
  auto other = insert_other_programme(sql());
  ll now = 1767225600, enrolment = 0;
  sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
                 "(:p, :c, 'participant', 'participant', :t) RETURNING id",
      soci::use(person), soci::use(other.cohort), soci::use(now), soci::into(enrolment);
  auto page = staff.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/cohorts/" + std::to_string(other.cohort) + "\""),
            std::string::npos);
  EXPECT_EQ(page.body.find("action=\"/enrolments/" + std::to_string(enrolment) + "/status\""),
            std::string::npos);
  EXPECT_EQ(count_of(page.body, "action=\"/enrolments/"),
            static_cast<size_t>(enrolments(person) - 1));
  EXPECT_EQ(statements_of_page(staff, path), statements);
}

TEST_F(StatementsPerRowTest, TheErasureRequestsListRunsTheSameStatementsForOneRequestOrMany) {
  auto staff = sign_in("staff");
  // Participants of the demo programme ask for erasure, the first one alone.
  std::vector<ll> people;
  {
    db::Rows rows = (sql().sql().prepare << "SELECT DISTINCT e.person_id FROM enrolment e JOIN "
                                            "cohort c ON c.id = e.cohort_id WHERE e.role = "
                                            "'participant' ORDER BY e.person_id LIMIT 4");
    for (const soci::row& r : rows) people.push_back(db::get_int64(r, 0));
  }
  ASSERT_EQ(people.size(), 4u);
  ll now = 1767225600;
  auto ask = [&](ll person) {
    sql().sql() << "UPDATE person SET erasure_requested_at = :t WHERE id = :p", soci::use(now),
        soci::use(person);
  };
  ask(people[0]);
  long one = statements_of_page(staff, "/erasure-requests");
  for (size_t i = 1; i < people.size(); ++i) ask(people[i]);
  auto page = staff.get("/erasure-requests");
  const auto text = html_unescape(page.body);
  for (ll p : people) {
    EXPECT_NE(page.body.find("data-person=\"" + std::to_string(p) + "\""), std::string::npos);
    // With each one's own cohorts.
    std::string cohorts;
    db::Rows rows = (sql().sql().prepare << "SELECT DISTINCT c.name, c.number FROM enrolment e "
                                            "JOIN cohort c ON c.id = e.cohort_id WHERE "
                                            "e.person_id = :p ORDER BY c.number",
                     soci::use(p));
    for (const soci::row& r : rows) cohorts += (cohorts.empty() ? "" : ", ") + db::get_text(r, 0);
    EXPECT_NE(text.find(">" + cohorts + "<"), std::string::npos) << cohorts;
  }
  EXPECT_EQ(statements_of_page(staff, "/erasure-requests"), one);
}

}  // namespace
}  // namespace crm::test
