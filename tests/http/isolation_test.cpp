// Programme isolation, proved from the route table: staff, lecturers,
// participants and alumni of a second programme request every route that
// takes an object's id, with the ids of the first (demo) programme's objects,
// GET and POST, and get 404 with nothing changed; the pages without an id
// show them none of the first programme's people. A route added later joins
// this walk by itself; a new kind of object in a path must be named in
// `object_of` below, or the walk fails.
//
// The second programme's staff member is also enrolled as a participant in a
// cohort of the first programme (as an import could do): their own enrolment
// gives them no rights over the programme, only the programme team does.
#include <algorithm>
#include <map>
#include <set>

#include "app/app.hpp"
#include "db/blob.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/publication_fixture.hpp"
#include "http/support/schema.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/instruments.hpp"
#include "unit/support/xlsx_writer.hpp"

namespace crm::test {
namespace {

using ll = long long;

// Every table of the schema, so tables added later join the comparison by
// themselves, except sessions and login attempts (signing in writes those on
// purpose) and the migrations' own bookkeeping. Blob columns are compared by
// their length. Each entry is a FROM item for dump_tables.
std::vector<std::string> every_table(db::Session& db) {
  std::vector<std::string> out;
  for (const auto& t : schema_tables(db)) {
    if (t == "web_session" || t == "login_attempt" || t == "schema_migrations") continue;
    std::string columns;
    for (const auto& c : schema_columns(db, t))
      columns +=
          (columns.empty() ? "" : ", ") +
          (c.type == "blob" || c.type == "bytea" ? "length(" + c.name + ") AS " + c.name : c.name);
    out.push_back("(SELECT " + columns + " FROM " + t + ") AS " + t);
  }
  return out;
}

// Roles of the second programme that the walk signs in as.
const std::vector<std::string> kRoles = {"staff", "lecturer", "participant", "alumnus"};

class IsolationTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    other_ = insert_other_programme(sql());
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(a_.programme);
    db << "SELECT id FROM cohort WHERE programme_id = :p AND number = 1", soci::use(a_.programme),
        soci::into(a_.cohort);
    // A participant of the first programme only, with an organisation and no account.
    db << "SELECT p.id, e.id, p.organisation_id FROM person p JOIN enrolment e ON e.person_id = "
          "p.id WHERE e.cohort_id = :c AND e.role = 'participant' AND e.status IN ('participant', "
          "'graduate') "
          "AND p.account_id IS NULL AND p.organisation_id IS NOT NULL ORDER BY p.id LIMIT 1",
        soci::use(a_.cohort), soci::into(a_.person), soci::into(a_.enrolment),
        soci::into(a_.organisation);
    db << "SELECT id FROM person WHERE id <> :p AND account_id IS NULL AND id IN (SELECT "
          "person_id FROM enrolment WHERE cohort_id = :c) ORDER BY id LIMIT 1",
        soci::use(a_.person), soci::use(a_.cohort), soci::into(a_.other_person);
    const ll staff = account_id(demo("staff").email);
    const ll now = 1767225600, expires = now + 86400 * 365;
    const std::string csv = "email,name,country\nsomeone@example.org,Some One,DE\n";
    // soci keeps references to what it binds: no temporaries below.
    db << "INSERT INTO person_import (programme_id, cohort_id, account_id, filename, content, "
          "created_at) VALUES (:p, :c, :a, 'people.csv', :content, :t) RETURNING id",
        soci::use(a_.programme), soci::use(a_.cohort), soci::use(staff), soci::use(csv),
        soci::use(now), soci::into(a_.import);
    // A failed commit of that import: an administrator could run it again.
    const std::string payload = "{\"import\":" + std::to_string(a_.import) + "}";
    const std::string key = "import:" + std::to_string(a_.import);
    db << "INSERT INTO job (kind, payload, idempotency_key, state, attempts, max_attempts, run_at, "
          "last_error, programme_id, account_id, created_at, updated_at, finished_at) VALUES "
          "('import.commit', :payload, :key, 'failed', 3, 3, :t, 'database is locked', :p, :a, "
          ":t2, :t3, :t4) RETURNING id",
        soci::use(payload), soci::use(key), soci::use(now), soci::use(a_.programme),
        soci::use(staff), soci::use(now), soci::use(now), soci::use(now), soci::into(a_.job);
    db << "INSERT INTO invitation (token_digest, email, name, role, language, invited_by, "
          "created_at, expires_at) VALUES ('isolation-digest', 'invited@example.org', "
          "'Invited Person', 'participant', 'en', :a, :t, :t2) RETURNING id",
        soci::use(staff), soci::use(now), soci::use(expires), soci::into(a_.invitation);

    // A certificate of the first programme's participant, with its PDF (the
    // demo's, when it issued one).
    db << "SELECT COALESCE(MIN(id), 0) FROM certificate WHERE person_id = :p AND cohort_id = :c "
          "AND revoked_at IS NULL",
        soci::use(a_.person), soci::use(a_.cohort), soci::into(a_.certificate);
    if (!a_.certificate) {
      const std::string pdf = db::blob_param(sql(), "%PDF-1.4 isolation");
      db << "INSERT INTO certificate (code, person_id, cohort_id, name, ects_tenths, "
            "completed_on, pdf, issued_at) VALUES ('ISOL-ATIO-N000-0000', :p, :c, 'Isolated', "
            "600, :t, :pdf, :t2) RETURNING id",
          soci::use(a_.person), soci::use(a_.cohort), soci::use(now), soci::use(pdf),
          soci::use(now), soci::into(a_.certificate);
    }
    // The demo's first module and session of the first cohort.
    db << "SELECT MIN(id) FROM module WHERE cohort_id = :c", soci::use(a_.cohort),
        soci::into(a_.module);
    db << "SELECT MIN(id) FROM course_session WHERE cohort_id = :c", soci::use(a_.cohort),
        soci::into(a_.session);
    // Attendance taken for the first programme's participant in that session.
    db << "INSERT INTO attendance (session_id, person_id, status, recorded_at) VALUES (:s, :p, "
          "'present', :t) ON CONFLICT (session_id, person_id) DO NOTHING",
        soci::use(a_.session), soci::use(a_.person), soci::use(now);
    db << "INSERT INTO session_material (session_id, title, kind, filename, content_type, size, "
          "created_at) VALUES (:s, 'Notes', 'file', 'notes.txt', 'text/plain', 0, :t) RETURNING id",
        soci::use(a_.session), soci::use(now), soci::into(a_.material);

    // Publishing: an accepted paper of the first programme's participant,
    // published, and a project they lead.
    {
      PaperSpec spec;
      a_.paper = insert_paper(sql(), a_.cohort, a_.person, spec).paper;
      a_.project = insert_project(sql(), a_.programme, a_.person, {}, "Isolated project");
      db << "INSERT INTO publication (work_kind, work_id, consent_at, published_at) VALUES "
            "('paper', :p, :t, :t2) RETURNING id",
          soci::use(a_.paper), soci::use(now), soci::use(now), soci::into(a_.publication);
      a_.resource = insert_resource(sql(), a_.programme, true, "Isolated resource", "%PDF-1.4");
    }
    // A paper of the first programme's participant (the demo's when it
    // started one) without a supervisor, with a version and a rubric criterion.
    db << "INSERT INTO paper (cohort_id, person_id, status, created_at, updated_at) VALUES (:c, "
          ":p, 'submitted', :t, :t2) ON CONFLICT (cohort_id, person_id) DO NOTHING",
        soci::use(a_.cohort), soci::use(a_.person), soci::use(now), soci::use(now);
    db << "UPDATE paper SET supervisor_id = NULL WHERE cohort_id = :c AND person_id = :p",
        soci::use(a_.cohort), soci::use(a_.person);
    db << "SELECT id FROM paper WHERE cohort_id = :c AND person_id = :p", soci::use(a_.cohort),
        soci::use(a_.person), soci::into(a_.paper);
    db << "INSERT INTO paper_version (paper_id, number, milestone, filename, content_type, size, "
          "uploaded_at) VALUES (:p, 99, 'final', 'isolated.pdf', 'application/pdf', 0, :t) "
          "RETURNING id",
        soci::use(a_.paper), soci::use(now), soci::into(a_.paper_version);
    db << "INSERT INTO rubric_criterion (cohort_id, position, title, scale_max, created_at) "
          "VALUES (:c, 99, 'Isolated criterion', 5, :t) RETURNING id",
        soci::use(a_.cohort), soci::use(now), soci::into(a_.criterion);
    // Survey results: the demo's identified self-assessment (it has raw
    // responses and a change before and after to protect).
    db << "SELECT COALESCE(MIN(id), 0) FROM survey WHERE programme_id = :p AND kind = "
          "'self_assessment'",
        soci::use(a_.programme), soci::into(a_.survey);

    // Survey rounds (issue 12, sending): a survey of the first programme
    // and a round of it to cohort 1, open now.
    a_.round = survey_round_insert(sql(), a_.survey, a_.cohort, now - 86400, now + 10 * 86400);

    // Surveys: an open invitation of the first programme's participant
    // (/my/surveys/{id} is the invited person's only).
    {
      auto ids = survey_insert(sql(), a_.programme, "follow_up", true,
                               *surveys::instrument("follow_up"), now);
      const ll round = survey_round_insert(sql(), ids.survey, a_.cohort, now, now + 86400 * 3650);
      db << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at) VALUES (:r, "
            ":p, 'isolation-survey-digest', :t) RETURNING id",
          soci::use(round), soci::use(a_.person), soci::use(now), soci::into(a_.survey_invitation);
    }

    // Review (issue 13 §3): a call of the first programme (in a cohort of its
    // own) with an application, the demo admin as its reviewer and their
    // assignment.
    {
      programme::Cohort c;
      c.programme_id = a_.programme;
      c.number = 91;
      c.name = "Isolation call cohort";
      c.starts_on = now + 90 * 86400;
      c.ends_on = now + 200 * 86400;
      a_.review_call = call_insert(sql(),
                                   {.programme = a_.programme,
                                    .cohort = programme::store::insert_cohort(sql(), c),
                                    .status = "closed",
                                    .opens_at = now - 30 * 86400,
                                    .closes_at = now - 86400},
                                   now)
                           .call;
      const ll app = application_insert(sql(), {.call = a_.review_call, .person = a_.person}, now);
      // (Not a lesser role: the walk of the first programme's lecturers,
      // participants, alumni and stakeholders may not change it either.)
      ll reviewer = 0;
      db << "SELECT id FROM account WHERE email = 'admin@demo.crm.example'", soci::into(reviewer);
      call_reviewer_insert(sql(), a_.review_call, reviewer, "University of Krems", "AT", now);
      a_.review = review_insert(sql(), app, reviewer, {}, {}, now);
    }
    // Applying (issue 13 §2): a call of a cohort of its own (the demo's
    // cohorts may have theirs), closed, and an application with a document.
    {
      ll cohort = 0;
      db << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status) VALUES "
            "(:p, 901, 'Isolated cohort', :s, :e, 'planned') RETURNING id",
          soci::use(a_.programme), soci::use(now), soci::use(now), soci::into(cohort);
      a_.apply_call = call_insert(sql(),
                                  {.programme = a_.programme,
                                   .cohort = cohort,
                                   .opens_at = now - 86400,
                                   .closes_at = now},
                                  now)
                          .call;
      a_.application = application_insert(sql(), {.call = a_.apply_call, .person = a_.person}, now);
      const std::string pdf = db::blob_param(sql(), "%PDF-1.4 isolated cv");
      db << "INSERT INTO application_document (application_id, kind, filename, content_type, "
            "size, data, uploaded_at) VALUES (:a, 'cv', 'cv.pdf', 'application/pdf', 20, :d, :t)",
          soci::use(a_.application), soci::use(pdf), soci::use(now);
    }
    // Calls for applications: a draft call of cohort 1 with a question, two
    // criteria and a bound (its public page is 404 while it is a draft).
    {
      auto ids = call_insert(sql(),
                             {.programme = a_.programme,
                              .cohort = a_.cohort,
                              .status = "draft",
                              .opens_at = now - 86400,
                              .closes_at = now + 30 * 86400},
                             now);
      a_.call = ids.call;
      call_bound_insert(sql(), a_.call, "gender", "female", 4, std::nullopt);
    }
    // Spaces, moderation (issue 14 §2): a thread with a post in the space of
    // the isolated cohort above, where no demo account but the team belongs.
    {
      db << "SELECT s.id FROM space s JOIN cohort c ON c.id = s.cohort_id WHERE c.programme_id = "
            ":p AND c.number = 901",
          soci::use(a_.programme), soci::into(a_.space);
      db << "INSERT INTO thread (space_id, title, created_at, last_post_at, post_count) VALUES "
            "(:s, 'Isolated thread', :c, :l, 1) RETURNING id",
          soci::use(a_.space), soci::use(now), soci::use(now), soci::into(a_.thread);
      db << "INSERT INTO post (thread_id, body, created_at) VALUES (:t, 'Isolated words', :c) "
            "RETURNING id",
          soci::use(a_.thread), soci::use(now), soci::into(a_.post);
    }
    // Attachments: the demo's first attached file (a photo in the demo
    // participant's cohort space).
    db << "SELECT COALESCE(MIN(id), 0) FROM post_attachment", soci::into(a_.attachment);

    // The second programme's accounts: the demo passwords and second factors
    // under new addresses, each enrolled in the second programme's cohort;
    // its staff member on its team and a participant of the first programme.
    for (const auto& role : kRoles) {
      const auto& d = demo(role);
      const std::string email = "other." + role + "@example.org", name = "Other " + role;
      db << "INSERT INTO account (email, name, role, password_hash, language, time_zone, "
            "totp_secret, totp_enabled, created_at, updated_at) SELECT :e, :n, role, "
            "password_hash, 'en', 'UTC', totp_secret, totp_enabled, created_at, updated_at FROM "
            "account WHERE email = :d",
          soci::use(email), soci::use(name), soci::use(d.email);
      const ll account = account_id(email);
      ll person = 0;
      db << "INSERT INTO person (account_id, name, email, country, created_at) VALUES (:a, :n, "
            ":e, 'SN', :t) RETURNING id",
          soci::use(account), soci::use(name), soci::use(email), soci::use(now), soci::into(person);
      const std::string enrolment_role =
          role == "staff" || role == "lecturer" ? role : "participant";
      const std::string status = role == "alumnus" ? "graduate" : "participant";
      db << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES (:p, "
            ":c, :r, :s, :t)",
          soci::use(person), soci::use(other_.cohort), soci::use(enrolment_role), soci::use(status),
          soci::use(now);
      if (role == "staff") {
        db << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
            soci::use(other_.programme), soci::use(account);
        db << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
              "(:p, :c, 'participant', 'participant', :t)",
            soci::use(person), soci::use(a_.cohort), soci::use(now);
      }
      accounts_[role] = {email, d.password, d.totp_secret};
    }
    // Spaces, materials: a file in the library of the isolated cohort's space
    // (above), where no demo account but the team belongs.
    {
      auto& db2 = sql().sql();
      const ll now2 = 1790000000;
      db2 << "INSERT INTO space_material (space_id, title, kind, filename, content_type, size, "
             "created_at) VALUES (:s, 'Notes', 'file', 'notes.txt', 'text/plain', 0, :t) "
             "RETURNING id",
          soci::use(a_.space), soci::use(now2), soci::into(a_.space_material);
    }
  }

  // Uploads `csv` to the cohort's import form; the answer (303 to the preview).
  static HttpResponse upload(Client& c, ll cohort, const std::string& csv) {
    const std::string path = "/cohorts/" + std::to_string(cohort) + "/import";
    auto form = c.get(path);
    EXPECT_EQ(form.status, 200);
    return c.post_multipart(path, {{"csrf", csrf_of(form.body)}},
                            {{"file", "people.csv", "text/csv", csv}});
  }

  Client sign_in_other(const std::string& role) {
    const auto& a = accounts_.at(role);
    return sign_in(a.email, a.password, a.totp_secret);
  }

  // The id of the first programme's object that a path's first segment names;
  // nullopt for a kind of object this test does not know yet.
  std::optional<ll> object_of(const std::vector<std::string>& segments) const {
    const std::string& kind = segments.front();
    if (kind == "cohorts") return a_.cohort;
    if (kind == "people") return a_.person;
    if (kind == "enrolments") return a_.enrolment;
    if (kind == "organisations") return a_.organisation;
    if (kind == "imports") return a_.import;
    if (kind == "invitations") return a_.invitation;
    if (kind == "programmes") return a_.programme;
    if (kind == "admin") return a_.job;                 // /admin/jobs/{id}/…
    if (kind == "certificates") return a_.certificate;  // /certificates/{id}.pdf, …/revoke
    if (kind == "verify") return a_.certificate;        // /verify/{code}: not a code, 404
    // A cohort's plan: a module, a session and a file of cohort 1.
    if (kind == "modules") return a_.module;
    if (kind == "sessions") return a_.session;
    if (kind == "materials") return a_.material;
    // Publishing: the paper's and the project's consent pages; the public
    // pages of a published work (/knowledge/works/{n}) and resource.
    if (kind == "papers") return a_.paper;
    if (kind == "projects") return a_.project;
    if (kind == "resources") return a_.resource;
    if (kind == "knowledge")
      return segments.size() > 1 && segments[1] == "resources" ? a_.resource : a_.publication;
    // Spaces, moderation: a post, a thread and a space of the first programme.
    if (kind == "posts") return a_.post;
    if (kind == "threads") return a_.thread;
    if (kind == "spaces") return a_.space;
    // Final papers: a paper of cohort 1 that nobody of the demo accounts
    // writes or supervises, its version and the cohort's rubric criterion.
    if (kind == "paper-versions") return a_.paper_version;
    if (kind == "rubric-criteria") return a_.criterion;
    // Surveys: the first programme's self-assessment (demo/survey_responses.cpp);
    // the builder's /surveys/{id}/… too (a question named by the id is none of it).
    if (kind == "surveys") return a_.survey;
    // Survey rounds: the round's pages.
    if (kind == "rounds") return a_.round;
    if (kind == "my") return a_.survey_invitation;  // /my/surveys/{id}…: someone else's
    // Applying: /calls/{id}/apply to a closed call (anyone may apply to a
    // published call: 409 here, nothing made); someone else's application.
    if (kind == "calls" && segments.size() == 3 && segments[2] == "apply") return a_.apply_call;
    if (kind == "applications") return a_.application;
    // Review: the first programme's call and a review assigned to its admin.
    if (kind == "calls") return a_.call;
    if (kind == "reviews") return a_.review;
    // Attachments: a file of the first programme's cohort space.
    if (kind == "attachments") return a_.attachment;
    // Spaces, materials: a space the walk's accounts are not in, and its file.
    if (kind == "space-materials") return a_.space_material;
    return std::nullopt;
  }

  // Names and addresses of the first programme's people: none of them may
  // appear on a page of the second programme's people.
  std::vector<std::string> private_markers() {
    std::vector<std::string> out;
    db::Rows rows =
        (sql().sql().prepare << "SELECT DISTINCT p.name, p.email FROM person p JOIN enrolment e ON "
                                "e.person_id = p.id JOIN cohort c ON c.id = e.cohort_id WHERE "
                                "c.programme_id = :p AND p.account_id IS NULL "
                                // Authors of published papers agreed to be named in public.
                                "AND p.id NOT IN (SELECT x.person_id FROM paper x JOIN publication "
                                "u ON u.work_kind = 'paper' AND u.work_id = x.id AND "
                                "u.withdrawn_at IS NULL)",
         soci::use(a_.programme));
    for (const auto& r : rows) {
      out.push_back(r.get<std::string>(0));
      out.push_back(r.get<std::string>(1));
    }
    return out;
  }

  struct First {
    ll programme = 0, cohort = 0, person = 0, other_person = 0, enrolment = 0, organisation = 0,
       import = 0, invitation = 0, job = 0, certificate = 0;
    ll module = 0, session = 0, material = 0;
    ll paper = 0, project = 0, publication = 0, resource = 0;  // papers, publishing
    ll paper_version = 0, criterion = 0;
    ll survey = 0;             // surveys: the demo's self-assessment (builder, results, rounds)
    ll round = 0;              // survey rounds
    ll survey_invitation = 0;  // surveys
    ll call = 0;               // calls for applications: a draft
    ll review_call = 0, review = 0;  // review: a closed call, a review of its admin
    // Applying: a call of the first programme whose deadline has passed and
    // the first programme's participant's application to it, with a CV.
    ll apply_call = 0, application = 0;
    // Spaces, moderation: a space, a thread and a post of the first programme.
    ll space = 0, thread = 0, post = 0;
    ll attachment = 0;      // attachments: a photo
    ll space_material = 0;  // spaces, materials: a file in the isolated cohort's space
  } a_;
  OtherProgramme other_;
  struct Login {
    std::string email, password, totp_secret;
  };
  std::map<std::string, Login> accounts_;
};

// The first line where two dumps differ, for a failure message that names
// the change instead of printing the whole database.
std::string first_difference(const std::string& before, const std::string& after) {
  std::size_t at = 0;
  while (at < before.size() && at < after.size() && before[at] == after[at]) ++at;
  auto line = [at](const std::string& s) {
    auto start = s.rfind('\n', at == 0 ? 0 : at - 1);
    start = start == std::string::npos ? 0 : start + 1;
    return s.substr(start, s.find('\n', at) - start);
  };
  return "before: " + line(before) + "\nafter:  " + line(after);
}

std::string pattern_of(const std::vector<std::string>& segments) {
  std::string p;
  for (const auto& s : segments) p += "/" + s;
  return p.empty() ? "/" : p;
}

// Routes with an id that anyone may read, because what they show is public.
const std::set<std::string> kPublic = {
    "GET /programmes/{id}", "GET /verify/{code}",
    // published works and resources: public by consent
    "GET /knowledge/works/{file}", "GET /knowledge/works/{id}/file",
    "GET /knowledge/resources/{file}", "GET /knowledge/resources/{id}/file",
    // applying to a published call is everyone's (here closed: 409)
    "POST /calls/{id}/apply"};

// Fields a POST might need to do harm: every form's fields at once, each
// set to a value that would change something if the route accepted it.
Form harmful_fields(const std::string& csrf, long long other_person) {
  return {{"csrf", csrf},
          {"status", "withdrawn"},
          {"confirm", "1"},
          {"other", std::to_string(other_person)},
          {"into", std::to_string(other_person)},
          {"purpose", "media"},
          {"all", "yes"},
          {"reason", "Taken over"},
          {"given", "1"},
          {"name", "Taken Over"},
          {"email", "taken.over@example.org"},
          {"account_id", "1"},
          {"country", "DE"},
          {"dimension", "gender"},
          {"female", "50"},
          {"male", "50"},
          // Projects and resources: join the team, add someone, a new title, an update.
          {"action", "join"},
          {"person", std::to_string(other_person)},
          {"role", "lead"},
          {"title", "Taken over"},
          {"language", "en"},
          {"kind", "report"},
          {"date", "2027-01-01"},
          {"text", "Taken over"}};
}

TEST_F(IsolationTest, EveryRouteWithAnIdAnswers404ToAnotherProgrammeAndChangesNothing) {
  ASSERT_GT(a_.person, 0);
  ASSERT_GT(a_.other_person, 0);
  app::Router router;
  app::register_routes(router);
  std::map<std::string, Client> clients;
  for (const auto& role : kRoles) clients.emplace(role, sign_in_other(role));

  ASSERT_GT(every_table(sql()).size(), 20u);
  const std::string before = dump_tables(sql(), every_table(sql()));
  long walked = 0;
  for (const auto& route : router.routes()) {
    const auto& segments = route.segments;
    if (std::none_of(segments.begin(), segments.end(), [](const std::string& s) {
          return s.size() > 2 && s.front() == '{' && s.back() == '}';
        }))
      continue;
    const std::string pattern = pattern_of(segments);
    // Tokens are secrets handed to one person, not objects of a programme:
    // their tests prove that a wrong token answers 404.
    if (pattern.find("{token}") != std::string::npos) continue;
    auto id = object_of(segments);
    ASSERT_TRUE(id) << pattern << ": name the object its id stands for in object_of()";
    std::string path;
    for (const auto& s : segments)
      path += "/" + (s == "{file}"      ? std::to_string(*id) + ".pdf"  // /certificates/{id}.pdf
                     : s.front() == '{' ? std::to_string(*id)
                                        : s);
    const std::string key = route.method + " " + pattern;
    for (const auto& role : kRoles) {
      SCOPED_TRACE(key + " as " + role + " of another programme: " + path);
      auto& c = clients.at(role);
      HttpResponse res;
      if (route.method == "GET") {
        res = c.get(path);
      } else {
        auto token = csrf_of(c.get("/").body);
        ASSERT_FALSE(token.empty());
        if (pattern == "/cohorts/{id}/import")
          res = c.post_multipart(path, {{"csrf", token}},
                                 {{"file", "people.csv", "text/csv",
                                   "email,name,country\ntaken.over@example.org,Taken Over,DE\n"}});
        else if (pattern == "/surveys/{id}/import")
          res = c.post_multipart(
              path, {{"csrf", token}},
              {{"file", "form.xlsx", "application/zip",
                write_xlsx(
                    {{"survey", {{"type", "name", "label"}, {"text", "taken", "Taken"}}}})}});
        else
          res = c.post(path, harmful_fields(token, a_.other_person));
      }
      ++walked;
      if (kPublic.count(key)) {
        EXPECT_LT(res.status, 500);
      } else {
        EXPECT_EQ(res.status, 404);
      }
      for (const auto& marker : private_markers())
        EXPECT_EQ(res.body.find(marker), std::string::npos) << marker;
    }
  }
  EXPECT_GT(walked, 40);
  const std::string after = dump_tables(sql(), every_table(sql()));
  EXPECT_TRUE(after == before) << first_difference(before, after);
}

// The same walk for the first programme's own lecturers, participants, alumni
// and stakeholders: no route that changes an object with an id is theirs.
TEST_F(IsolationTest, LesserRolesChangeNoObjectOfTheirOwnProgramme) {
  app::Router router;
  app::register_routes(router);
  std::map<std::string, Client> clients;
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"})
    clients.emplace(role, sign_in(role));
  const std::string before = dump_tables(sql(), every_table(sql()));
  for (auto& [role, c] : clients) {
    for (const auto& route : router.routes()) {
      const std::string pattern = pattern_of(route.segments);
      if (route.method != "POST" || pattern.find("{id}") == std::string::npos) continue;
      // Joining a practice project of one's own programme is everyone's
      // (projects_test proves who else may change a project: nobody).
      if (pattern.starts_with("/projects/")) continue;
      // Applying to a call is everyone's (apply_test: one application per
      // person and call; here the call is closed).
      if (pattern == "/calls/{id}/apply") continue;
      auto id = object_of(route.segments);
      ASSERT_TRUE(id) << pattern << ": name the object its id stands for in object_of()";
      std::string path;
      for (const auto& s : route.segments)
        path += "/" + (s.front() == '{' ? std::to_string(*id) : s);
      SCOPED_TRACE(pattern + " as the first programme's " + role + ": " + path);
      auto token = csrf_of(c.get("/").body);
      EXPECT_EQ(c.post(path, harmful_fields(token, a_.other_person)).status, 404);
    }
  }
  const std::string after = dump_tables(sql(), every_table(sql()));
  EXPECT_TRUE(after == before) << first_difference(before, after);
}

TEST_F(IsolationTest, PagesWithoutAnIdShowNoneOfAnotherProgrammesPeople) {
  app::Router router;
  app::register_routes(router);
  const auto markers = private_markers();
  ASSERT_GT(markers.size(), 20u);
  for (const auto& role : kRoles) {
    auto c = sign_in_other(role);
    for (const auto& route : router.routes()) {
      if (route.method != "GET") continue;
      const std::string pattern = pattern_of(route.segments);
      if (pattern.find('{') != std::string::npos || pattern == "/logout") continue;
      SCOPED_TRACE(pattern + " as " + role + " of another programme");
      auto res = c.get(pattern);
      EXPECT_LT(res.status, 500);
      for (const auto& marker : markers)
        EXPECT_EQ(res.body.find(marker), std::string::npos) << marker;
    }
  }
}

// The staff member of the second programme imports a file with the address of
// a person of the first: crm treats it as a new person (the preview says
// nothing about the first programme), the first programme's record is
// untouched, and the second programme gets a record of its own.
TEST_F(IsolationTest, ImportMatchesOnlyPeopleOfTheImportersProgrammes) {
  std::string email, name;
  sql().sql() << "SELECT email, name FROM person WHERE id = :p", soci::use(a_.person),
      soci::into(email), soci::into(name);
  const std::string of_person = " WHERE person_id = " + std::to_string(a_.person);
  const long enrolments = count("SELECT COUNT(*) FROM enrolment" + of_person);
  const long consents = count("SELECT COUNT(*) FROM consent" + of_person);
  std::string person_before;
  sql().sql() << "SELECT name || '|' || country || '|' || position FROM person WHERE id = :p",
      soci::use(a_.person), soci::into(person_before);

  auto c = sign_in_other("staff");
  auto up = upload(
      c, other_.cohort,
      "email,name,country,position,status\n" + email + ",Taken Over,DE,Impostor,participant\n");
  ASSERT_EQ(up.status, 303);
  auto preview = c.get(up.location());
  ASSERT_EQ(preview.status, 200);
  EXPECT_NE(preview.body.find("1 new person"), std::string::npos);
  EXPECT_EQ(preview.body.find("data-column="), std::string::npos);  // no problem either
  EXPECT_EQ(preview.body.find(name), std::string::npos);
  auto done = c.submit(up.location(), {}, up.location() + "/commit");
  ASSERT_EQ(done.status, 303);
  ASSERT_EQ(run_jobs(), 1);

  std::string person_after;
  sql().sql() << "SELECT name || '|' || country || '|' || position FROM person WHERE id = :p",
      soci::use(a_.person), soci::into(person_after);
  EXPECT_EQ(person_after, person_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE person_id = " + std::to_string(a_.person) +
                  " AND cohort_id = " + std::to_string(other_.cohort)),
            0);
  // The second programme's own record of that address, in its cohort.
  EXPECT_EQ(count("SELECT COUNT(*) FROM person p JOIN enrolment e ON e.person_id = p.id WHERE "
                  "p.email = '" +
                  email +
                  "' AND p.name = 'Taken Over' AND e.cohort_id = " + std::to_string(other_.cohort)),
            1);
  EXPECT_EQ(c.get("/people/" + std::to_string(a_.person)).status, 404);
  EXPECT_EQ(c.get("/people/" + std::to_string(a_.person) + "/erase").status, 404);

  // The first programme's staff still see their person as before, alone.
  auto staff = sign_in("staff");
  auto page = staff.get("/people/" + std::to_string(a_.person));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Taken Over"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment" + of_person), enrolments);
  EXPECT_EQ(count("SELECT COUNT(*) FROM consent" + of_person), consents);

  // An administrator sees both records: importing the address is ambiguous
  // until they merge them, and the preview says so beside the email.
  auto admin = sign_in("admin");
  auto again = upload(admin, a_.cohort, "email,name,country\n" + email + ",Someone,DE\n");
  ASSERT_EQ(again.status, 303);
  auto ambiguous = admin.get(again.location());
  EXPECT_NE(ambiguous.body.find("data-column=\"email\""), std::string::npos);
}

// A person in both programmes: each programme's staff see the enrolments of
// their own programme on the person page, not where else the person studies;
// the person sees all of their own.
TEST_F(IsolationTest, PersonPageShowsOnlyTheEnrolmentsOfTheReadersProgrammes) {
  const ll now = 1767225600;
  sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
                 "(:p, :c, 'participant', 'participant', :t)",
      soci::use(other_.person), soci::use(a_.cohort), soci::use(now);
  const std::string page = "/people/" + std::to_string(other_.person);
  const std::string first_cohort = "href=\"/cohorts/" + std::to_string(a_.cohort) + "\"";
  const std::string second_cohort = "href=\"/cohorts/" + std::to_string(other_.cohort) + "\"";

  auto theirs = sign_in_other("staff").get(page);
  ASSERT_EQ(theirs.status, 200);
  EXPECT_NE(theirs.body.find(second_cohort), std::string::npos);
  EXPECT_EQ(theirs.body.find(first_cohort), std::string::npos);

  auto ours = sign_in("staff").get(page);
  ASSERT_EQ(ours.status, 200);
  EXPECT_NE(ours.body.find(first_cohort), std::string::npos);
  EXPECT_EQ(ours.body.find(second_cohort), std::string::npos);

  auto admin = sign_in("admin").get(page);
  EXPECT_NE(admin.body.find(first_cohort), std::string::npos);
  EXPECT_NE(admin.body.find(second_cohort), std::string::npos);
}

}  // namespace
}  // namespace crm::test

namespace crm::test {
namespace {

// The funder's indicator report names its programme in the query, not the
// path: another programme's staff (and its lesser roles) asking for the
// first programme's report, downloads or records get 404.
TEST_F(IsolationTest, IndicatorReportOfAnotherProgrammeIs404) {
  const std::string q = "?programme=" + std::to_string(a_.programme);
  for (const auto& role : kRoles) {
    auto c = sign_in_other(role);
    for (const char* path :
         {"/reports/indicators", "/reports/indicators.xlsx", "/reports/indicators.pdf",
          "/reports/indicators/records", "/reports/indicators/records.csv",
          "/reports/indicators/records.xlsx"}) {
      SCOPED_TRACE(std::string(path) + " as " + role + " of another programme");
      EXPECT_EQ(c.get(path + q + "&indicator=participants").status, 404);
      EXPECT_EQ(
          c.get(path + q + "&indicator=participants&cohort=" + std::to_string(a_.cohort)).status,
          404);
    }
  }
}

}  // namespace
}  // namespace crm::test
