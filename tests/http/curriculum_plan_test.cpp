// A cohort's plan: modules, sessions, materials and copying a plan, on both
// databases. Good paths write what the form said (ECTS in tenths, times as
// UTC with their zone, a sequence raised by a move or a cancellation, mails
// in each recipient's language and zone); every bad input the issue names
// answers 422 with the form and changes nothing (table snapshots); another
// programme's staff and a participant get 404 on every write.
#include <algorithm>
#include <set>

#include "core/i18n.hpp"
#include "curriculum/routes.hpp"
#include "curriculum/service.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

class CurriculumTest : public HttpTest {
 protected:
  ll cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  ll person_of(const std::string& email) {
    return count("SELECT id FROM person WHERE email = '" + email + "'");
  }
  std::string cohort(int number, const std::string& rest = "") {
    return "/cohorts/" + std::to_string(cohort_id(number)) + rest;
  }
  // Every table the plan's writes touch, and the audit log, mail and jobs.
  std::string plan_state() {
    auto tables = state_tables();
    for (const char* t : {"module", "module_text", "module_lecturer", "course_session",
                          "session_lecturer", "attendance", "module_result"})
      tables.push_back(t);
    tables.push_back(
        "(SELECT id, session_id, title, kind, url, filename, content_type, size, length(data) AS "
        "data, replaces_id, added_by, created_at FROM session_material) AS session_material");
    return dump_tables(sql(), tables);
  }
  std::string text(const std::string& q) {
    std::string out;
    sql().sql() << q, soci::into(out);
    return out;
  }
  // A session of cohort 3 (where the demo participant and lecturer take part).
  ll session_of_cohort(int number, const std::string& where = "status = 'scheduled'") {
    return count("SELECT MIN(id) FROM course_session WHERE cohort_id = " +
                 std::to_string(cohort_id(number)) + " AND " + where);
  }
  Form module_fields(const std::string& semester, const std::string& ects) {
    return {{"semester", semester},
            {"ects", ects},
            {"position", ""},
            {"title_en", "Gender and migration"},
            {"description_en", "Why."},
            {"outcomes_en", "Participants can explain it."},
            {"title_de", "Gender und Migration"},
            {"title_ar", "النوع الاجتماعي والهجرة"},
            {"lecturer", std::to_string(person_of("lecturer@demo.crm.example"))}};
  }
  Form session_fields(const std::string& date, const std::string& start, const std::string& end,
                      const std::string& zone = "Europe/Berlin") {
    return {{"title", "Case clinic"},
            {"module_id", ""},
            {"description", ""},
            {"kind", "online"},
            {"meeting_url", "https://meet.example.org/case"},
            {"place", ""},
            {"room", ""},
            {"time_zone", zone},
            {"start_date", date},
            {"start_time", start},
            {"end_date", ""},
            {"end_time", end},
            {"lecturer", std::to_string(person_of("lecturer@demo.crm.example"))}};
  }
  static Form with(Form f, const std::string& name, const std::string& value) {
    for (auto& [k, v] : f)
      if (k == name) {
        v = value;
        return f;
      }
    f.emplace_back(name, value);
    return f;
  }
};

// ------------------------------------------------------------------ modules

TEST_F(CurriculumTest, DemoCohortsHaveAPlan) {
  EXPECT_EQ(count("SELECT COUNT(DISTINCT cohort_id) FROM module"), 4);
  EXPECT_EQ(count("SELECT SUM(ects_tenths) FROM module WHERE cohort_id = " +
                  std::to_string(cohort_id(3))),
            300);
  EXPECT_GT(count("SELECT COUNT(*) FROM course_session WHERE kind = 'on_site' AND time_zone = "
                  "'Asia/Amman'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM course_session WHERE status = 'cancelled'"), 4);
  auto c = sign_in("staff");
  auto page = c.get(cohort(3, "/curriculum"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Migrationsrecht und Governance")) << "staff read German";
  EXPECT_TRUE(has(page.body, cohort(3, "/completion")));
  auto p = sign_in("participant");
  page = p.get(cohort(3, "/curriculum"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "قانون الهجرة وحوكمتها")) << "Arabic where the module has it";
  EXPECT_FALSE(has(page.body, cohort(3, "/completion")));
  EXPECT_FALSE(has(page.body, cohort(3, "/modules/new")));
  // The cohort page links the plan.
  EXPECT_TRUE(has(c.get(cohort(3)).body, cohort(3, "/curriculum")));
  auto csv = c.get(cohort(3, "/curriculum.csv"));
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Asia/Amman"));
}

TEST_F(CurriculumTest, StaffAddEditAndDeleteAModule) {
  auto c = sign_in("staff");
  auto res = c.submit(cohort(4, "/modules/new"), module_fields("2", "2,5"), cohort(4, "/modules"));
  ASSERT_EQ(res.status, 303) << res.body;
  const ll id = std::stoll(path_of(res.location()).substr(9));
  EXPECT_EQ(count("SELECT ects_tenths FROM module WHERE id = " + std::to_string(id)), 25);
  EXPECT_EQ(count("SELECT semester FROM module WHERE id = " + std::to_string(id)), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM module_text WHERE module_id = " + std::to_string(id)), 3);
  EXPECT_EQ(count("SELECT person_id FROM module_lecturer WHERE module_id = " + std::to_string(id)),
            person_of("lecturer@demo.crm.example"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'module.create'"), 1);
  auto page = c.get("/modules/" + std::to_string(id));
  EXPECT_TRUE(has(page.body, "Gender und Migration")) << "the staff member reads German";

  auto edit = with(module_fields("1", "5"), "title_fr", "Genre et migration");
  res = c.submit("/modules/" + std::to_string(id) + "/edit", edit);
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(count("SELECT ects_tenths FROM module WHERE id = " + std::to_string(id)), 50);
  EXPECT_EQ(count("SELECT COUNT(*) FROM module_text WHERE module_id = " + std::to_string(id)), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'module.update'"), 1);

  // A module with attendance is part of someone's record: refused, nothing changed.
  const ll taught = count("SELECT MIN(module_id) FROM course_session WHERE cohort_id = " +
                          std::to_string(cohort_id(4)) + " AND module_id IS NOT NULL");
  const ll session =
      count("SELECT MIN(id) FROM course_session WHERE module_id = " + std::to_string(taught));
  sql().sql() << "INSERT INTO attendance (session_id, person_id, status, recorded_at) VALUES (:s, "
                 ":p, 'present', 1)",
      soci::use(session), soci::use(person_of("lecturer@demo.crm.example"));
  auto before = plan_state();
  res = c.submit("/modules/" + std::to_string(taught), {},
                 "/modules/" + std::to_string(taught) + "/delete");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Ergebnisse oder Anwesenheiten")) << res.body.substr(0, 3000);
  EXPECT_EQ(plan_state(), before);

  res =
      c.submit("/modules/" + std::to_string(id), {}, "/modules/" + std::to_string(id) + "/delete");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM module WHERE id = " + std::to_string(id)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'module.delete'"), 1);
}

TEST_F(CurriculumTest, BadModulesChangeNothing) {
  auto c = sign_in("staff");
  const auto before = plan_state();
  const std::vector<std::pair<Form, std::string>> cases = {
      {module_fields("0", "5"), "f-semester"},
      {module_fields("3", "5"), "f-semester"},  // the cohort has two semesters
      {module_fields("zwei", "5"), "f-semester"},
      {module_fields("1", "fünf"), "f-ects"},
      {module_fields("1", "2.55"), "f-ects"},
      {module_fields("1", ""), "f-ects"},
      {with(with(with(module_fields("1", "5"), "title_en", ""), "title_de", ""), "title_ar", ""),
       "f-title_en"},
      {with(module_fields("1", "5"), "lecturer",
            std::to_string(person_of("staff@demo.crm.example"))),
       "f-lecturer"},
      {with(module_fields("1", "5"), "position", "-1"), "f-position"},
  };
  for (const auto& [form, field] : cases) {
    auto res = c.submit(cohort(4, "/modules/new"), form, cohort(4, "/modules"));
    EXPECT_EQ(res.status, 422) << field;
    EXPECT_TRUE(has(res.body, "href=\"#" + field + "\"")) << field;
    EXPECT_TRUE(has(res.body, "Gender und Migration") || field == "f-title_en")
        << "what was typed is kept";
  }
  EXPECT_EQ(plan_state(), before);
}

// ----------------------------------------------------------------- sessions

TEST_F(CurriculumTest, StaffPlanASessionInItsZone) {
  auto c = sign_in("staff");
  auto res = c.submit(cohort(4, "/sessions/new"), session_fields("2026-03-30", "09:00", "10:30"),
                      cohort(4, "/sessions"));
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  const std::string id = path_of(res.location()).substr(10);
  EXPECT_EQ(count("SELECT starts_at FROM course_session WHERE id = " + id), 1774854000);
  EXPECT_EQ(count("SELECT ends_at FROM course_session WHERE id = " + id), 1774859400);
  EXPECT_EQ(text("SELECT time_zone FROM course_session WHERE id = " + id), "Europe/Berlin");
  EXPECT_EQ(count("SELECT sequence FROM course_session WHERE id = " + id), 0);
  EXPECT_FALSE(text("SELECT uid FROM course_session WHERE id = " + id).empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM session_lecturer WHERE session_id = " + id), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.create'"), 1);
  // The edit form shows the wall-clock time it was planned at.
  auto form = c.get("/sessions/" + id + "/edit");
  EXPECT_TRUE(has(form.body, "value=\"09:00\""));
  EXPECT_TRUE(has(form.body, "value=\"2026-03-30\""));
}

TEST_F(CurriculumTest, AnAmbiguousTimeIsTheEarlierAndSaidSo) {
  auto c = sign_in("staff");
  // 2026-10-25 02:30 happens twice in Berlin; the first is 00:30 UTC (summer time).
  auto res = c.submit(cohort(4, "/sessions/new"), session_fields("2026-10-25", "02:30", "04:00"),
                      cohort(4, "/sessions"));
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  const std::string id = path_of(res.location()).substr(10);
  EXPECT_EQ(count("SELECT starts_at FROM course_session WHERE id = " + id), 1792888200);
  auto page = c.get(path_of(res.location()));
  EXPECT_TRUE(has(page.body, "zweimal")) << "the page says which one was taken";
}

TEST_F(CurriculumTest, BadSessionsChangeNothing) {
  auto c = sign_in("staff");
  const auto before = plan_state();
  const ll other_module =
      count("SELECT MIN(id) FROM module WHERE cohort_id = " + std::to_string(cohort_id(1)));
  const auto good = session_fields("2026-05-12", "09:00", "10:00");
  const std::vector<std::pair<Form, std::string>> cases = {
      {session_fields("2026-05-12", "10:00", "09:00"), "f-end_time"},    // ends before it starts
      {session_fields("2026-05-12", "10:00", "10:00"), "f-end_time"},    // ends as it starts
      {session_fields("2026-03-29", "02:30", "04:00"), "f-start_time"},  // does not exist in Berlin
      {session_fields("2026-05-12", "09:00", "10:00", "Mars/Olympus"), "f-time_zone"},
      {session_fields("2026-02-30", "09:00", "10:00"), "f-start_date"},
      {session_fields("12.05.2026", "09:00", "10:00"), "f-start_date"},
      {session_fields("2026-05-12", "25:00", "26:00"), "f-start_time"},
      {with(good, "meeting_url", "javascript:alert(1)"), "f-meeting_url"},
      {with(good, "meeting_url", "ftp://files.example.org/x"), "f-meeting_url"},
      {with(good, "meeting_url", ""), "f-meeting_url"},
      {with(good, "kind", "on_site"), "f-place"},  // on site without a place
      {with(good, "kind", "hybrid"), "f-kind"},
      {with(good, "title", ""), "f-title"},
      {with(good, "module_id", std::to_string(other_module)), "f-module_id"},
  };
  for (const auto& [form, field] : cases) {
    auto res = c.submit(cohort(4, "/sessions/new"), form, cohort(4, "/sessions"));
    EXPECT_EQ(res.status, 422) << field;
    EXPECT_TRUE(has(res.body, "href=\"#" + field + "\"")) << field << res.body.substr(0, 2000);
    EXPECT_TRUE(has(res.body, "Case clinic") || field == "f-title") << "what was typed is kept";
  }
  // The clocks skip 02:00–03:00 in Berlin that night: said in the reader's language.
  auto res = c.submit(cohort(4, "/sessions/new"), session_fields("2026-03-29", "02:30", "04:00"),
                      cohort(4, "/sessions"));
  EXPECT_TRUE(has(res.body, tr("de",
                               "This time does not exist in the chosen time zone on that "
                               "day: the clocks are put forward over it. Choose another "
                               "time.")));
  EXPECT_EQ(plan_state(), before);
}

TEST_F(CurriculumTest, MovingASessionMailsEveryoneInTheirLanguageAndZone) {
  sql().sql() << "UPDATE account SET time_zone = 'Asia/Baghdad' WHERE email = "
                 "'participant@demo.crm.example'";
  sql().sql() << "UPDATE account SET time_zone = 'Africa/Dakar' WHERE email = "
                 "'lecturer@demo.crm.example'";
  const ll lecturer = person_of("lecturer@demo.crm.example");
  const ll id = count(
      "SELECT MIN(s.id) FROM course_session s JOIN session_lecturer l ON "
      "l.session_id = s.id WHERE s.status = 'scheduled' AND s.kind = 'online' AND "
      "l.person_id = " +
      std::to_string(lecturer) + " AND s.cohort_id = " + std::to_string(cohort_id(3)));
  ASSERT_GT(id, 0);
  const std::string path = "/sessions/" + std::to_string(id);
  const ll old_start =
      count("SELECT starts_at FROM course_session WHERE id = " + std::to_string(id));
  const ll sequence = count("SELECT sequence FROM course_session WHERE id = " + std::to_string(id));
  const std::string uid = text("SELECT uid FROM course_session WHERE id = " + std::to_string(id));
  auto c = sign_in("staff");
  auto form = c.get(path + "/edit");
  ASSERT_EQ(form.status, 200);
  auto fields = session_fields("2026-06-02", "15:00", "17:00");
  fields = with(fields, "title",
                text("SELECT title FROM course_session WHERE id = " + std::to_string(id)));
  auto res = c.post(path + "/edit", with(fields, "csrf", csrf_of(form.body)));
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 2000);
  const ll new_start =
      count("SELECT starts_at FROM course_session WHERE id = " + std::to_string(id));
  EXPECT_EQ(new_start, 1780405200);  // 2026-06-02 13:00 UTC
  EXPECT_EQ(count("SELECT sequence FROM course_session WHERE id = " + std::to_string(id)),
            sequence + 1);
  EXPECT_EQ(text("SELECT uid FROM course_session WHERE id = " + std::to_string(id)), uid);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.move'"), 1);
  const long participants = count(
      "SELECT COUNT(DISTINCT person_id) FROM enrolment WHERE role = 'participant' AND status IN "
      "('admitted', 'participant') AND cohort_id = " +
      std::to_string(cohort_id(3)));
  const int sent = deliver_mail();
  EXPECT_GE(sent, participants);
  bool arabic = false, french = false;
  for (int i = 0; i < sent; ++i) {
    auto m = mail(i);
    if (has(m.to, "participant@demo.crm.example")) {
      arabic = true;
      Tr t(catalogs(), "ar", "Asia/Baghdad");
      EXPECT_TRUE(has(m.subject, tr("ar", "Session moved: {title}").substr(0, 10))) << m.subject;
      EXPECT_TRUE(has(m.text, t.date_time(old_start))) << m.text;
      EXPECT_TRUE(has(m.text, t.date_time(new_start))) << m.text;
    }
    if (has(m.to, "lecturer@demo.crm.example")) {
      french = true;
      Tr t(catalogs(), "fr", "Africa/Dakar");
      EXPECT_TRUE(has(m.text, t.date_time(new_start))) << m.text;
      EXPECT_TRUE(has(m.text, "Avant")) << m.text;
    }
  }
  EXPECT_TRUE(arabic);
  EXPECT_TRUE(french);
  (void)old_start;
}

TEST_F(CurriculumTest, CancellingNeedsAReasonAndMailsIt) {
  const ll id = session_of_cohort(3);
  const std::string path = "/sessions/" + std::to_string(id);
  const ll sequence = count("SELECT sequence FROM course_session WHERE id = " + std::to_string(id));
  auto c = sign_in("staff");
  const auto before = plan_state();
  auto res = c.submit(path, {{"reason", "  "}}, path + "/cancel");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "href=\"#f-reason\""));
  EXPECT_EQ(plan_state(), before);

  res = c.submit(path, {{"reason", "Streik der Bahn"}}, path + "/cancel");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(text("SELECT status FROM course_session WHERE id = " + std::to_string(id)),
            "cancelled");
  EXPECT_EQ(count("SELECT sequence FROM course_session WHERE id = " + std::to_string(id)),
            sequence + 1);
  const int sent = deliver_mail();
  ASSERT_GT(sent, 0);
  bool found = false;
  for (int i = 0; i < sent; ++i) {
    auto m = mail(i);
    if (!has(m.to, "participant@demo.crm.example")) continue;
    found = true;
    EXPECT_TRUE(has(m.text, "Streik der Bahn"));
    EXPECT_TRUE(has(m.html, "dir=\"rtl\""));
  }
  EXPECT_TRUE(found);
  // Cancelled twice: refused.
  EXPECT_EQ(c.submit(path, {{"reason", "again"}}, path + "/cancel").status, 422);
  // Planned again: sequence raised once more.
  res = c.submit(path, {}, path + "/restore");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(text("SELECT status FROM course_session WHERE id = " + std::to_string(id)),
            "scheduled");
  EXPECT_EQ(count("SELECT sequence FROM course_session WHERE id = " + std::to_string(id)),
            sequence + 2);
}

// ------------------------------------------------------------------- copy

TEST_F(CurriculumTest, CopyingAPlanAsksFirstWhenThereAreModules) {
  auto c = sign_in("staff");
  const std::string page = cohort(4, "/curriculum/copy");
  const auto outside = std::to_string(insert_other_programme(sql()).cohort);
  const auto before = plan_state();
  auto res = c.submit(page, {{"source", std::to_string(cohort_id(3))}, {"sessions", "yes"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "href=\"#f-confirm\""));
  res = c.submit(page, {{"source", std::to_string(cohort_id(4))}, {"confirm", "yes"}});
  EXPECT_EQ(res.status, 422) << "not from itself";
  res = c.submit(page, {{"source", outside}, {"confirm", "yes"}});
  EXPECT_EQ(res.status, 422) << "not from another programme";
  EXPECT_EQ(plan_state(), before);
}

TEST_F(CurriculumTest, CopyingAPlanIntoANewCohort) {
  // A fifth cohort of the demo programme, starting a year after cohort 3.
  ll programme = count("SELECT id FROM programme WHERE slug = 'crm'");
  const ll start3 =
      count("SELECT starts_on FROM cohort WHERE id = " + std::to_string(cohort_id(3)));
  const ll start = start3 + 364 * 86400, end = start + 300 * 86400;
  ll fresh = 0;
  sql().sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status, "
                 "semesters) VALUES (:p, 99, 'Cohort 99', :s, :e, 'planned', 2) RETURNING id",
      soci::use(programme), soci::use(start), soci::use(end), soci::into(fresh);
  auto c = sign_in("staff");
  const std::string page = "/cohorts/" + std::to_string(fresh) + "/curriculum/copy";
  auto res = c.submit(page, {{"source", std::to_string(cohort_id(3))}, {"sessions", "yes"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 2000);
  const std::string f = std::to_string(fresh), three = std::to_string(cohort_id(3));
  EXPECT_EQ(count("SELECT COUNT(*) FROM module WHERE cohort_id = " + f), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM module_text t JOIN module m ON m.id = t.module_id WHERE "
                  "m.cohort_id = " +
                  f),
            count("SELECT COUNT(*) FROM module_text t JOIN module m ON m.id = t.module_id WHERE "
                  "m.cohort_id = " +
                  three));
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM course_session WHERE cohort_id = " + f),
      count("SELECT COUNT(*) FROM course_session WHERE status = 'scheduled' AND cohort_id = " +
            three));
  EXPECT_EQ(count("SELECT COUNT(*) FROM course_session a JOIN course_session b ON a.uid = b.uid "
                  "WHERE a.cohort_id = " +
                  f + " AND b.cohort_id = " + three),
            0)
      << "new UIDs";
  // Shifted by 364 days (52 weeks), at the same local time in its zone.
  ll first_old = 0, first_new = 0;
  std::string zone;
  sql().sql() << "SELECT starts_at, time_zone FROM course_session WHERE cohort_id = :c AND status "
                 "= 'scheduled' ORDER BY starts_at, id LIMIT 1",
      soci::use(cohort_id(3)), soci::into(first_old), soci::into(zone);
  sql().sql() << "SELECT MIN(starts_at) FROM course_session WHERE cohort_id = :c", soci::use(fresh),
      soci::into(first_new);
  EXPECT_EQ(curriculum::local_parts(first_new, zone).time,
            curriculum::local_parts(first_old, zone).time);
  EXPECT_NEAR(static_cast<double>(first_new - first_old), 364.0 * 86400, 3600);
  // Lecturers only where they teach the new cohort: nobody is enrolled in it.
  EXPECT_EQ(count("SELECT COUNT(*) FROM module_lecturer l JOIN module m ON m.id = l.module_id "
                  "WHERE m.cohort_id = " +
                  f),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'curriculum.copy'"), 1);
}

// -------------------------------------------------------------- materials

class CurriculumUploadTest : public CurriculumTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.upload_bytes = 21 * 1024 * 1024;
    return o;
  }
  HttpResponse upload(Client& c, const std::string& path, Form fields,
                      const std::vector<FilePart>& files) {
    auto page = c.get(path);
    fields.emplace_back("csrf", csrf_of(page.body));
    return c.post_multipart(path + "/materials", fields, files);
  }
};

const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids "
    "[] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

TEST_F(CurriculumUploadTest, FilesAndLinksWithVersions) {
  const ll id = session_of_cohort(3);
  const std::string path = "/sessions/" + std::to_string(id);
  auto c = sign_in("staff");
  auto res = upload(c, path, {{"title", "Slides"}, {"kind", "file"}, {"url", ""}},
                    {{"file", "Folien; Tag 1 – مواد.pdf", "application/pdf", kPdf}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 2000);
  const ll first = count("SELECT MAX(id) FROM session_material");
  EXPECT_EQ(text("SELECT content_type FROM session_material WHERE id = " + std::to_string(first)),
            "application/pdf");
  // A participant of the cohort downloads it; the name never reaches the header raw.
  auto p = sign_in("participant");
  auto file = p.get("/materials/" + std::to_string(first));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  const auto disposition = file.header("content-disposition");
  EXPECT_TRUE(disposition.starts_with("attachment; filename=\"")) << disposition;
  EXPECT_TRUE(has(disposition, "filename=\"Folien__Tag_1_")) << disposition;
  EXPECT_TRUE(has(disposition, "%D9%85%D9%88")) << disposition;
  EXPECT_TRUE(std::all_of(disposition.begin(), disposition.end(), [](char ch) {
    return ch >= 0x20 && ch < 0x7f;
  })) << disposition;
  EXPECT_TRUE(has(disposition, "filename*=UTF-8''")) << disposition;
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  // A newer version replaces it; the older stays listed and downloadable.
  res = upload(c, path,
               {{"title", "Slides v2"}, {"kind", "file"}, {"replaces", std::to_string(first)}},
               {{"file", "slides.pdf", "application/pdf", kPdf + "%v2\n"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 2000);
  const ll second = count("SELECT MAX(id) FROM session_material");
  EXPECT_EQ(count("SELECT replaces_id FROM session_material WHERE id = " + std::to_string(second)),
            first);
  auto page = p.get(path);
  EXPECT_TRUE(has(page.body, "/materials/" + std::to_string(first)));
  EXPECT_TRUE(has(page.body, "/materials/" + std::to_string(second)));
  EXPECT_EQ(p.get("/materials/" + std::to_string(first)).status, 200);
  // A link.
  res = upload(c, path, {{"title", "Reader"}, {"kind", "link"}, {"url", "https://example.org/r"}},
               {});
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'material.add'"), 3);
  // A participant adds nothing.
  const auto before = plan_state();
  res =
      upload(p, path, {{"title", "Mine"}, {"kind", "link"}, {"url", "https://example.org/x"}}, {});
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(plan_state(), before);
}

TEST_F(CurriculumUploadTest, ALecturerAddsMaterialsToHerOwnSessionsOnly) {
  const std::string lecturer = std::to_string(person_of("lecturer@demo.crm.example"));
  const std::string c3 = std::to_string(cohort_id(3));
  const ll own = count(
      "SELECT MIN(s.id) FROM course_session s JOIN session_lecturer l ON "
      "l.session_id = s.id WHERE l.person_id = " +
      lecturer + " AND s.cohort_id = " + c3);
  const ll other = count("SELECT MIN(id) FROM course_session WHERE cohort_id = " + c3 +
                         " AND id NOT IN (SELECT session_id FROM session_lecturer WHERE "
                         "person_id = " +
                         lecturer + ")");
  ASSERT_GT(own, 0);
  ASSERT_GT(other, 0);
  auto c = sign_in("lecturer");
  const Form link = {{"title", "Case file"}, {"kind", "link"}, {"url", "https://example.org/case"}};
  auto page = c.get("/sessions/" + std::to_string(own));
  EXPECT_TRUE(has(page.body, "/sessions/" + std::to_string(own) + "/attendance"));
  auto res = upload(c, "/sessions/" + std::to_string(own), link, {});
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM session_material WHERE title = 'Case file'"), 1);
  const auto before = plan_state();
  page = c.get("/sessions/" + std::to_string(other));
  EXPECT_EQ(page.status, 200) << "she sees the plan";
  EXPECT_FALSE(has(page.body, "/materials\""));
  EXPECT_FALSE(has(page.body, "/sessions/" + std::to_string(other) + "/attendance\""));
  res = c.post("/sessions/" + std::to_string(other) + "/materials",
               {{"csrf", csrf_of(page.body)},
                {"title", "x"},
                {"kind", "link"},
                {"url", "https://example.org/x"}});
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(plan_state(), before);
}

TEST_F(CurriculumUploadTest, BadMaterialsChangeNothing) {
  const ll id = session_of_cohort(3);
  const std::string path = "/sessions/" + std::to_string(id);
  auto c = sign_in("staff");
  const auto before = plan_state();
  std::string elf =
      "\x7f"
      "ELF\x02\x01\x01";
  elf.resize(4096, '\0');
  const std::vector<std::pair<std::vector<FilePart>, Form>> cases = {
      // Not what its name says: a program named .pdf.
      {{{"file", "report.pdf", "application/pdf", elf}}, {{"title", "Report"}, {"kind", "file"}}},
      // Too large: one byte over 20 MB.
      {{{"file", "big.pdf", "application/pdf",
         kPdf + std::string(20 * 1024 * 1024 + 1 - kPdf.size(), ' ')}},
       {{"title", "Big"}, {"kind", "file"}}},
      // A kind of file crm does not take.
      {{{"file", "setup.exe", "application/octet-stream", elf}},
       {{"title", "Setup"}, {"kind", "file"}}},
      // No file.
      {{}, {{"title", "Nothing"}, {"kind", "file"}}},
  };
  for (const auto& [files, form] : cases) {
    auto res = upload(c, path, form, files);
    EXPECT_EQ(res.status, 422) << form.front().second;
    EXPECT_TRUE(has(res.body, "href=\"#f-file\"")) << form.front().second;
  }
  for (const char* url :
       {"javascript:alert(1)", "ftp://example.org/x", "example.org", "https://"}) {
    auto res = upload(c, path, {{"title", "Link"}, {"kind", "link"}, {"url", url}}, {});
    EXPECT_EQ(res.status, 422) << url;
    EXPECT_TRUE(has(res.body, "href=\"#f-url\"")) << url;
  }
  EXPECT_EQ(plan_state(), before);
}

TEST(CurriculumAttachment, NothingRawReachesTheHeader) {
  EXPECT_EQ(curriculum::attachment("slides.pdf"),
            "attachment; filename=\"slides.pdf\"; filename*=UTF-8''slides.pdf");
  auto a = curriculum::attachment("a\"b\r\nSet-Cookie: x.pdf");
  EXPECT_EQ(a.find('\r'), std::string::npos);
  EXPECT_EQ(a.find('\n'), std::string::npos);
  EXPECT_EQ(a,
            "attachment; filename=\"a_b__Set-Cookie__x.pdf\"; "
            "filename*=UTF-8''a%22b%0D%0ASet-Cookie%3A%20x.pdf");
  EXPECT_TRUE(has(curriculum::attachment("مواد.pdf"), "%D9%85"));
}

TEST(CurriculumLocalTime, GapsAmbiguityAndEcts) {
  auto gap = curriculum::local_instant("2026-03-29", "02:30", "Europe/Berlin", "start");
  ASSERT_FALSE(gap);
  EXPECT_EQ(gap.error().field, "start_time");
  auto twice = curriculum::local_instant("2026-10-25", "02:30", "Europe/Berlin", "start");
  ASSERT_TRUE(twice);
  EXPECT_TRUE(twice->ambiguous);
  EXPECT_EQ(twice->at, 1792888200);
  auto plain = curriculum::local_instant("2026-03-29", "01:30", "Europe/Berlin", "start");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->ambiguous);
  EXPECT_EQ(plain->at, 1774744200);
  // Baghdad has no daylight saving; Dakar is UTC all year.
  EXPECT_FALSE(curriculum::local_instant("2026-03-29", "02:30", "Asia/Baghdad", "s")->ambiguous);
  EXPECT_EQ(curriculum::local_instant("2026-07-01", "10:00", "Africa/Dakar", "s")->at,
            curriculum::local_instant("2026-07-01", "10:00", "UTC", "s")->at);
  EXPECT_FALSE(curriculum::local_instant("2026-05-01", "10:00", "Nowhere/City", "s"));
  EXPECT_EQ(curriculum::parse_ects("2.5"), 25);
  EXPECT_EQ(curriculum::parse_ects("2,5"), 25);
  EXPECT_EQ(curriculum::parse_ects("30"), 300);
  EXPECT_EQ(curriculum::parse_ects("2.50"), 25);
  EXPECT_FALSE(curriculum::parse_ects("2.55"));
  EXPECT_FALSE(curriculum::parse_ects("-1"));
  EXPECT_FALSE(curriculum::parse_ects("five"));
  EXPECT_EQ(curriculum::ects_field(25), "2.5");
  // Shifting keeps the wall clock across a change of offset.
  const ll winter = curriculum::local_instant("2026-03-02", "09:00", "Europe/Berlin", "s")->at;
  EXPECT_EQ(
      curriculum::local_parts(curriculum::shift_days(winter, "Europe/Berlin", 28), "Europe/Berlin")
          .time,
      "09:00");
}

// ----------------------------------------------------------- personal data

TEST_F(CurriculumTest, WhatALecturerTeachesIsInTheirDataDownload) {
  auto c = sign_in("lecturer");
  auto json = c.get("/profile/data.json");
  ASSERT_EQ(json.status, 200);
  EXPECT_TRUE(has(json.body, "\"teaching\""));
  EXPECT_TRUE(has(json.body, "Migration law and governance")) << "a module she teaches, in English";
  EXPECT_TRUE(has(json.body, ": online seminar")) << "a session she teaches";
  auto page = c.get("/profile/data");
  EXPECT_TRUE(has(page.body, "id=\"teaching\""));
  // A participant teaches nothing: no such section.
  auto p = sign_in("participant");
  EXPECT_FALSE(has(p.get("/profile/data").body, "id=\"teaching\""));
}

// --------------------------------------------------------------- isolation

TEST_F(CurriculumTest, OthersGetNotFoundOnEveryWrite) {
  auto other = insert_other_programme(sql());
  (void)other;
  // Staff of the other programme: the demo staff's password under a new address.
  const auto& d = demo("staff");
  sql().sql()
      << "INSERT INTO account (email, name, role, password_hash, language, time_zone, "
         "totp_secret, totp_enabled, created_at, updated_at) SELECT 'other.staff@example.org', "
         "'Other staff', role, password_hash, 'en', 'UTC', totp_secret, totp_enabled, "
         "created_at, updated_at FROM account WHERE email = :d",
      soci::use(d.email);
  const ll account = account_id("other.staff@example.org");
  sql().sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
      soci::use(other.programme), soci::use(account);
  std::vector<Client> clients;
  clients.push_back(sign_in("other.staff@example.org", d.password, d.totp_secret));
  clients.push_back(sign_in("participant"));
  clients.push_back(sign_in("lecturer"));
  const std::string c3 = std::to_string(cohort_id(3));
  const std::string m = std::to_string(count("SELECT MIN(id) FROM module WHERE cohort_id = " + c3));
  const std::string s = std::to_string(session_of_cohort(3));
  // Materials: a session the demo lecturer does not teach (her own are hers to add to).
  const std::string untaught = std::to_string(
      count("SELECT MIN(id) FROM course_session WHERE cohort_id = " + c3 +
            " AND id NOT IN (SELECT session_id FROM session_lecturer WHERE person_id = " +
            std::to_string(person_of("lecturer@demo.crm.example")) + ")"));
  const auto before = plan_state();
  for (auto& c : clients) {
    auto token = csrf_of(c.get("/").body);
    for (const std::string& path :
         {"/cohorts/" + c3 + "/modules", "/modules/" + m + "/edit", "/modules/" + m + "/delete",
          "/cohorts/" + c3 + "/sessions", "/sessions/" + s + "/edit", "/sessions/" + s + "/cancel",
          "/sessions/" + s + "/restore", "/cohorts/" + c3 + "/curriculum/copy",
          "/sessions/" + untaught + "/materials"}) {
      auto res = c.post(path, with(with(module_fields("1", "5"), "csrf", token), "reason", "x"));
      EXPECT_EQ(res.status, 404) << path;
    }
    for (const std::string& path : {"/cohorts/" + c3 + "/modules/new", "/modules/" + m + "/edit",
                                    "/cohorts/" + c3 + "/sessions/new", "/sessions/" + s + "/edit",
                                    "/cohorts/" + c3 + "/curriculum/copy"})
      EXPECT_EQ(c.get(path).status, 404) << path;
  }
  // The other programme's staff sees nothing of the plan at all.
  auto& o = clients.front();
  EXPECT_EQ(o.get("/cohorts/" + c3 + "/curriculum").status, 404);
  EXPECT_EQ(o.get("/modules/" + m).status, 404);
  EXPECT_EQ(o.get("/sessions/" + s).status, 404);
  const ll material = count("SELECT MIN(id) FROM session_material WHERE kind = 'file'");
  EXPECT_EQ(o.get("/materials/" + std::to_string(material)).status, 404);
  EXPECT_EQ(plan_state(), before);
}

}  // namespace
}  // namespace crm::test
