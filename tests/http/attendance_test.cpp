// Attendance, module results and completion over HTTP, on SQLite and
// PostgreSQL: recording a session's attendance and correcting it (audited
// with the old and new value), who may take it (everyone else gets 404 and
// changes nothing), bad input that changes nothing (a forged person id, a
// status that is no choice, a missing choice, a cancelled session), a
// participant's own attendance and completion (nobody else's), module
// results, the completion rules and the completion list with what is missing
// for each participant, its export, the data download, and statement counts
// that do not grow with the number of participants or sessions.
#include <regex>

#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;

// The audit log without sign-ins (each test signs in as it goes).
const std::string kAudit =
    "(SELECT id, action, entity, entity_id, changes FROM audit_log WHERE action NOT LIKE "
    "'account.%') audit";

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

size_t count_of(const std::string& s, std::string_view part) {
  size_t n = 0;
  for (auto p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

class AttendanceTest : public HttpTest {
 protected:
  static constexpr ll kNow = 1767225600;  // 2026-01-01; sessions below are in the past

  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    db << "SELECT id FROM cohort WHERE programme_id = :p AND number = 3", soci::use(programme_),
        soci::into(cohort_);
    lecturer_person_ = person_of(demo("lecturer").email);
    participant_person_ = person_of(demo("participant").email);
    module_ = insert_module(cohort_, "Return counselling");
    session_ = insert_session(cohort_, module_, kNow - 10 * 86400, "scheduled", "att-1");
    other_session_ = insert_session(cohort_, module_, kNow - 9 * 86400, "scheduled", "att-2");
    cancelled_ = insert_session(cohort_, module_, kNow - 8 * 86400, "cancelled", "att-3");
    for (ll s : {session_, cancelled_})
      db << "INSERT INTO session_lecturer (session_id, person_id) VALUES (:s, :p)", soci::use(s),
          soci::use(lecturer_person_);
    participants_ = participants(cohort_);
  }

  ll person_of(const std::string& email) {
    ll id = 0;
    sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE "
                   "a.email = :e",
        soci::use(email), soci::into(id);
    return id;
  }
  ll insert_module(ll cohort, const std::string& title) {
    ll id = 0, now = kNow;
    sql().sql() << "INSERT INTO module (cohort_id, position, semester, ects_tenths, created_at, "
                   "updated_at) VALUES (:c, 1, 1, 50, :t, :t2) RETURNING id",
        soci::use(cohort), soci::use(now), soci::use(now), soci::into(id);
    sql().sql() << "INSERT INTO module_text (module_id, language, title) VALUES (:m, 'en', :t)",
        soci::use(id), soci::use(title);
    return id;
  }
  ll insert_session(ll cohort, ll module, ll starts, const std::string& status,
                    const std::string& uid) {
    ll id = 0, ends = starts + 3 * 3600, now = kNow;
    sql().sql() << "INSERT INTO course_session (cohort_id, module_id, kind, starts_at, ends_at, "
                   "time_zone, status, uid, created_at, updated_at) VALUES (:c, :m, 'online', "
                   ":s, :e, 'Europe/Berlin', :st, :u, :t, :t2) RETURNING id",
        soci::use(cohort), soci::use(module), soci::use(starts), soci::use(ends), soci::use(status),
        soci::use(uid), soci::use(now), soci::use(now), soci::into(id);
    return id;
  }
  // A new participant of `cohort` (status participant).
  ll insert_participant(ll cohort, const std::string& name) {
    ll id = 0, now = kNow;
    const std::string email =
        name.substr(0, name.find(' ')) + "." + std::to_string(cohort) + "@attendance.example.org";
    sql().sql() << "INSERT INTO person (name, email, country, created_at) VALUES (:n, :e, 'DE', "
                   ":t) RETURNING id",
        soci::use(name), soci::use(email), soci::use(now), soci::into(id);
    sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
                   "(:p, :c, 'participant', 'participant', :t)",
        soci::use(id), soci::use(cohort), soci::use(now);
    return id;
  }
  std::vector<ll> participants(ll cohort) {
    std::vector<ll> out;
    db::Rows rows =
        (sql().sql().prepare << "SELECT DISTINCT person_id FROM enrolment WHERE cohort_id = :c AND "
                                "role = 'participant' AND status IN ('admitted', 'participant', "
                                "'graduate') ORDER BY person_id",
         soci::use(cohort));
    for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
    return out;
  }
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("cannot switch to English");
    return c;
  }
  // A staff account of crm that is not on the programme's team (another
  // programme's staff), signed in.
  Client outside_staff() {
    const auto& d = demo("staff");
    sql().sql() << "INSERT INTO account (email, name, role, password_hash, language, time_zone, "
                   "totp_secret, totp_enabled, created_at, updated_at) SELECT "
                   "'outside.staff@example.org', 'Outside Staff', role, password_hash, 'en', "
                   "'UTC', totp_secret, totp_enabled, created_at, updated_at FROM account WHERE "
                   "email = :d",
        soci::use(d.email);
    auto other = insert_other_programme(sql());
    ll account = account_id("outside.staff@example.org");
    sql().sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
        soci::use(other.programme), soci::use(account);
    return sign_in("outside.staff@example.org", d.password, d.totp_secret);
  }
  std::string path(ll session) { return "/sessions/" + std::to_string(session) + "/attendance"; }
  // Every participant with `status`, except those in `except` (person → status).
  Form all(const std::string& status, const std::map<ll, std::string>& except = {}) {
    Form f;
    for (ll p : participants_) {
      auto it = except.find(p);
      if (it != except.end() && it->second.empty()) continue;  // no choice
      f.emplace_back("status-" + std::to_string(p), it == except.end() ? status : it->second);
      f.emplace_back("note-" + std::to_string(p), "");
    }
    return f;
  }
  std::string attendance_state() { return dump_tables(sql(), {"attendance", kAudit}); }
  std::string status_of(ll session, ll person) {
    std::string s;
    sql().sql() << "SELECT status FROM attendance WHERE session_id = :s AND person_id = :p",
        soci::use(session), soci::use(person), soci::into(s);
    return s;
  }
  std::string last_audit(const std::string& action) {
    std::string changes;
    sql().sql() << "SELECT changes FROM audit_log WHERE action = :a ORDER BY id DESC LIMIT 1",
        soci::use(action), soci::into(changes);
    return changes;
  }

  ll programme_ = 0, cohort_ = 0, lecturer_person_ = 0, participant_person_ = 0, module_ = 0;
  ll session_ = 0, other_session_ = 0, cancelled_ = 0;
  std::vector<ll> participants_;
};

TEST_F(AttendanceTest, TheSessionsLecturerRecordsEveryParticipantInOneSave) {
  ASSERT_GT(participants_.size(), 10u);
  auto c = english("lecturer");
  auto page = c.get(path(session_));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(count_of(page.body, "<li data-person="), participants_.size());
  // Three labelled choices per person, none chosen before the first recording.
  EXPECT_EQ(count_of(page.body, "type=\"radio\""), 3 * participants_.size());
  EXPECT_FALSE(has(page.body, "checked=\"checked\""));
  EXPECT_TRUE(has(page.body, "<label for=\"f-status-" + std::to_string(participants_[0]) +
                                 "-present\">Present</label>"));

  const ll absent = participants_[1], excused = participants_[2];
  Form f = all("present", {{absent, "absent"}, {excused, "excused"}});
  for (auto& [k, v] : f)
    if (k == "note-" + std::to_string(excused)) v = "Flight delayed";
  auto res = c.submit(path(session_), f);
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.location(), path(session_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM attendance WHERE session_id = " + std::to_string(session_)),
            static_cast<long>(participants_.size()));
  EXPECT_EQ(status_of(session_, absent), "absent");
  EXPECT_EQ(status_of(session_, excused), "excused");
  EXPECT_EQ(status_of(session_, participants_[0]), "present");
  EXPECT_EQ(count("SELECT COUNT(*) FROM attendance WHERE note = 'Flight delayed'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.record' AND "
                  "entity = 'session' AND entity_id = '" +
                  std::to_string(session_) + "'"),
            1);
  // The page shows what was recorded.
  auto again = c.get(path(session_));
  EXPECT_EQ(count_of(again.body, "checked=\"checked\""), participants_.size());
  EXPECT_TRUE(has(again.body, "value=\"Flight delayed\""));
  // Saving the same again writes nothing and adds no audit entry.
  const std::string before = attendance_state();
  auto same = c.submit(path(session_), f);
  EXPECT_EQ(same.status, 303);
  EXPECT_EQ(attendance_state(), before);
}

TEST_F(AttendanceTest, ACorrectionIsAuditedWithTheOldAndTheNewValue) {
  auto c = english("staff");
  ASSERT_EQ(c.submit(path(session_), all("present")).status, 303);
  const ll who = participants_[3];
  Form f = all("present", {{who, "absent"}});
  for (auto& [k, v] : f)
    if (k == "note-" + std::to_string(who)) v = "Called in sick";
  ASSERT_EQ(c.submit(path(session_), f).status, 303);
  EXPECT_EQ(status_of(session_, who), "absent");
  auto changes = last_audit("attendance.record");
  EXPECT_EQ(changes,
            "{\"person " + std::to_string(who) + "\":[\"present\",\"absent: Called in sick\"]}");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.record'"), 2);
}

TEST_F(AttendanceTest, AMissingChoiceIsShownBesideTheNameUnlessTheRestArePresent) {
  auto c = english("lecturer");
  const ll who = participants_[4];
  const std::string before = attendance_state();
  auto res = c.submit(path(session_), all("present", {{who, ""}}));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(attendance_state(), before);
  const std::string id = std::to_string(who);
  EXPECT_TRUE(has(res.body, "id=\"f-status-" + id + "-error\""));
  EXPECT_TRUE(has(res.body, "href=\"#f-status-" + id + "\""));  // the summary links to them
  EXPECT_TRUE(has(res.body, "Choose present, excused or absent."));
  // What was chosen for the others stays chosen.
  EXPECT_EQ(count_of(res.body, "checked=\"checked\""), participants_.size() - 1);

  Form only_one = {{"status-" + std::to_string(participants_[5]), "absent"}, {"rest", "present"}};
  ASSERT_EQ(c.submit(path(session_), only_one).status, 303);
  EXPECT_EQ(status_of(session_, who), "present");
  EXPECT_EQ(status_of(session_, participants_[5]), "absent");
}

TEST_F(AttendanceTest, AForgedPersonOrABadStatusChangesNothing) {
  auto c = english("staff");
  auto other = insert_other_programme(sql());
  const std::string before = attendance_state();
  // Someone of another programme, someone who is no person at all, and
  // the cohort's lecturer (enrolled, but not as a participant).
  for (const std::string& forged :
       {std::to_string(other.person), std::string("abc"), std::to_string(lecturer_person_)}) {
    SCOPED_TRACE(forged);
    Form f = all("present");
    f.emplace_back("status-" + forged, "present");
    auto res = c.submit(path(session_), f);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "someone who is not taking part in this cohort"));
    EXPECT_EQ(attendance_state(), before);
  }
  for (const std::string bad : {"late", "PRESENT", ""}) {
    Form f = all("present", {{participants_[0], bad.empty() ? std::string(" ") : bad}});
    auto res = c.submit(path(session_), f);
    EXPECT_EQ(res.status, 422) << bad;
    EXPECT_EQ(attendance_state(), before);
  }
  Form long_note = all("present");
  long_note.back().second = std::string(501, 'x');
  EXPECT_EQ(c.submit(path(session_), long_note).status, 422);
  EXPECT_EQ(attendance_state(), before);
}

TEST_F(AttendanceTest, ACancelledSessionHasNoAttendance) {
  auto c = english("lecturer");
  auto page = c.get(path(cancelled_));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "This session was cancelled: it has no attendance."));
  EXPECT_FALSE(has(page.body, "type=\"radio\""));
  const std::string before = attendance_state();
  auto token = csrf_of(c.get(path(session_)).body);
  Form f = all("present");
  f.emplace_back("csrf", token);
  auto res = c.post(path(cancelled_), f);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "This session was cancelled"));
  EXPECT_EQ(attendance_state(), before);
}

TEST_F(AttendanceTest, NobodyElseTakesAttendanceAndNothingChanges) {
  // Record once as staff so that a forged correction would show.
  auto staff = english("staff");
  ASSERT_EQ(staff.submit(path(session_), all("present")).status, 303);
  const std::string before = attendance_state();
  auto token_of = [](Client& c) { return csrf_of(c.get("/").body); };
  struct Case {
    std::string who;
    Client client;
    ll session;
  };
  std::vector<Case> cases;
  cases.push_back({"participant", sign_in("participant"), session_});
  cases.push_back({"alumnus", sign_in("alumnus"), session_});
  cases.push_back({"stakeholder", sign_in("stakeholder"), session_});
  cases.push_back({"lecturer of another session", sign_in("lecturer"), other_session_});
  cases.push_back({"staff of another programme", outside_staff(), session_});
  cases.push_back({"visitor", client(), session_});
  for (auto& k : cases) {
    SCOPED_TRACE(k.who);
    auto page = k.client.get(path(k.session));
    EXPECT_EQ(page.status, k.who == "visitor" ? 303 : 404);
    Form f = all("absent");
    f.emplace_back("csrf", token_of(k.client));
    auto res = k.client.post(path(k.session), f);
    if (k.who == "visitor")
      EXPECT_TRUE(res.status == 403 || res.status == 404) << res.status;
    else
      EXPECT_EQ(res.status, 404);
    EXPECT_EQ(attendance_state(), before);
  }
}

TEST_F(AttendanceTest, AParticipantSeesTheirOwnAttendanceAndCompletionOnly) {
  auto staff = english("staff");
  ASSERT_EQ(staff.submit(path(session_), all("present", {{participant_person_, "excused"}})).status,
            303);
  auto c = english("participant");
  auto page = c.get("/attendance");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(
      has(page.body, "data-session=\"" + std::to_string(session_) + "\" data-status=\"excused\""));
  EXPECT_TRUE(has(page.body, "Return counselling"));
  // The module is not passed, so not complete; what is missing is named.
  EXPECT_TRUE(has(page.body, "data-complete=\"0\""));
  EXPECT_TRUE(has(page.body, "module “<bdi>Return counselling</bdi>” not passed"));
  // Nobody else's name or status.
  std::string other_name;
  sql().sql() << "SELECT name FROM person WHERE id = :p", soci::use(participants_[0]),
      soci::into(other_name);
  ASSERT_NE(participants_[0], participant_person_);
  EXPECT_FALSE(has(page.body, other_name));
  // The page has no person to choose: ?person= is not read.
  auto forged = c.get("/attendance?person=" + std::to_string(participants_[0]));
  EXPECT_FALSE(has(forged.body, other_name));
  EXPECT_TRUE(has(forged.body,
                  "data-session=\"" + std::to_string(session_) + "\" data-status=\"excused\""));
  // Their data download carries it.
  auto data = c.get("/profile/data.json");
  ASSERT_EQ(data.status, 200);
  EXPECT_TRUE(has(data.body, "{\"session_id\":" + std::to_string(session_) + ","));
  EXPECT_TRUE(has(data.body, "\"status\":\"excused\""));
  auto html = c.get("/profile/data");
  EXPECT_TRUE(has(html.body, "id=\"attendance\""));
}

TEST_F(AttendanceTest, StaffMarkModuleResultsInOneAuditedSave) {
  auto c = english("staff");
  const std::string results = "/modules/" + std::to_string(module_) + "/results";
  auto page = c.get(results);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(count_of(page.body, "<li data-person="), participants_.size());
  Form f;
  for (ll p : participants_) f.emplace_back("result-" + std::to_string(p), "passed");
  f[1].second = "failed";
  f[2].second = "none";
  ASSERT_EQ(c.submit(results, f).status, 303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM module_result WHERE module_id = " + std::to_string(module_)),
      static_cast<long>(participants_.size()) - 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM module_result WHERE result = 'failed' AND module_id = " +
                  std::to_string(module_)),
            1);
  // A correction: failed → passed, with both values in the audit log.
  Form fix = {{"result-" + std::to_string(participants_[1]), "passed"}};
  ASSERT_EQ(c.submit(results, fix).status, 303);
  EXPECT_EQ(last_audit("module.results"),
            "{\"person " + std::to_string(participants_[1]) + "\":[\"failed\",\"passed\"]}");
  // Bad input changes nothing.
  const std::string before = dump_tables(sql(), {"module_result", kAudit});
  auto other = insert_other_programme(sql());
  for (const Form& bad :
       {Form{{"result-" + std::to_string(participants_[0]), "excellent"}},
        Form{{"result-" + std::to_string(other.person), "passed"}}, Form{{"result-0", "passed"}}}) {
    auto res = c.submit(results, bad);
    EXPECT_EQ(res.status, 422);
    EXPECT_EQ(dump_tables(sql(), {"module_result", kAudit}), before);
  }
  // The lecturer takes attendance but does not mark results.
  auto lecturer = sign_in("lecturer");
  EXPECT_EQ(lecturer.get(results).status, 404);
  EXPECT_EQ(lecturer
                .post(results, {{"csrf", csrf_of(lecturer.get("/").body)},
                                {"result-" + std::to_string(participants_[0]), "failed"}})
                .status,
            404);
  EXPECT_EQ(dump_tables(sql(), {"module_result", kAudit}), before);
}

// The demo's attendance: every participant of every session that has ended
// (not the cancelled one), a mix of statuses, results once a module is over;
// a second run adds nothing.
TEST_F(AttendanceTest, TheDemoRecordsPastSessionsOnceAndGivesAMix) {
  const ll now = kNow;
  demo::load_attendance(sql(), now);
  const std::string of_cohort =
      " FROM attendance a JOIN course_session s ON s.id = a.session_id WHERE s.module_id = " +
      std::to_string(module_);  // this test's sessions (the demo may have planned others)
  const long n = static_cast<long>(participants_.size());
  EXPECT_EQ(count("SELECT COUNT(*)" + of_cohort), 2 * n);  // two held, one cancelled
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM attendance WHERE session_id = " + std::to_string(cancelled_)), 0);
  EXPECT_GT(count("SELECT COUNT(*)" + of_cohort + " AND a.status = 'present'"), n);
  EXPECT_GT(count("SELECT COUNT(*)" + of_cohort + " AND a.status <> 'present'"), 0);
  const long results =
      count("SELECT COUNT(*) FROM module_result WHERE module_id = " + std::to_string(module_));
  EXPECT_GT(results, n / 2);
  EXPECT_LE(results, n);
  const std::string before = dump_tables(sql(), {"attendance", "module_result"});
  demo::load_attendance(sql(), now);
  EXPECT_EQ(dump_tables(sql(), {"attendance", "module_result"}), before);
}

// A cohort of its own, so that the numbers are known: three participants,
// two modules and four sessions held (one more cancelled).
class CompletionTest : public AttendanceTest {
 protected:
  void SetUp() override {
    AttendanceTest::SetUp();
    ll now = kNow;
    sql().sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status) "
                   "VALUES (:p, 99, 'Cohort 99', :s, :e, 'completed') RETURNING id",
        soci::use(programme_), soci::use(now), soci::use(now), soci::into(small_);
    done_ = insert_participant(small_, "Ada Complete");
    low_ = insert_participant(small_, "Bo Lowattendance");
    failed_ = insert_participant(small_, "Cy Failedmodule");
    m1_ = insert_module(small_, "Return counselling");
    m2_ = insert_module(small_, "Reintegration");
    for (int i = 0; i < 4; ++i)
      sessions_.push_back(insert_session(small_, m1_, kNow - (20 - i) * 86400, "scheduled",
                                         "small-" + std::to_string(i)));
    insert_session(small_, m2_, kNow - 5 * 86400, "cancelled", "small-cancelled");
    // Ada 4/4, Bo 2/4 (+1 excused), Cy 4/4 but failed module 2.
    for (size_t i = 0; i < sessions_.size(); ++i) {
      record(sessions_[i], done_, "present");
      record(sessions_[i], low_, i < 2 ? "present" : i == 2 ? "excused" : "absent");
      record(sessions_[i], failed_, "present");
    }
    for (ll p : {done_, low_, failed_}) result(m1_, p, "passed");
    result(m2_, done_, "passed");
    result(m2_, failed_, "failed");
    // Bo has no result in module 2 yet.
  }
  void record(ll session, ll person, const std::string& status) {
    ll now = kNow;
    sql().sql() << "INSERT INTO attendance (session_id, person_id, status, recorded_at) VALUES "
                   "(:s, :p, :st, :t)",
        soci::use(session), soci::use(person), soci::use(status), soci::use(now);
  }
  void result(ll module, ll person, const std::string& r) {
    ll now = kNow;
    sql().sql() << "INSERT INTO module_result (module_id, person_id, result, recorded_at) VALUES "
                   "(:m, :p, :r, :t)",
        soci::use(module), soci::use(person), soci::use(r), soci::use(now);
  }
  std::string completion(const std::string& rest = {}) {
    return "/cohorts/" + std::to_string(small_) + "/completion" + rest;
  }
  // The row of a person on the completion page.
  static std::string row(const std::string& body, ll person) {
    auto at = body.find("<tr data-person=\"" + std::to_string(person) + "\"");
    if (at == std::string::npos) return {};
    return body.substr(at, body.find("</tr>", at) - at);
  }
  ll small_ = 0, done_ = 0, low_ = 0, failed_ = 0, m1_ = 0, m2_ = 0;
  std::vector<ll> sessions_;
};

TEST_F(CompletionTest, TheListNamesWhatIsMissingForEachParticipant) {
  auto c = english("staff");
  auto page = c.get(completion());
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-complete=\"1\" data-total=\"3\""));
  EXPECT_TRUE(has(row(page.body, done_), ">Complete</td>"));
  EXPECT_TRUE(has(row(page.body, done_), ">100%</td>"));
  // 2 of 4 held (the cancelled one does not count; excused is not present).
  auto low = row(page.body, low_);
  EXPECT_TRUE(has(low, "attendance 50% of 80% required")) << low;
  EXPECT_TRUE(has(low, "module “<bdi>Reintegration</bdi>” not passed")) << low;
  EXPECT_FALSE(has(low, "Return counselling"));
  auto failed = row(page.body, failed_);
  EXPECT_TRUE(has(failed, "module “<bdi>Reintegration</bdi>” not passed")) << failed;
  EXPECT_FALSE(has(failed, "attendance"));

  // Filters.
  auto complete = c.get(completion("?show=complete"));
  EXPECT_FALSE(row(complete.body, done_).empty());
  EXPECT_TRUE(row(complete.body, low_).empty());
  auto incomplete = c.get(completion("?show=incomplete"));
  EXPECT_TRUE(row(incomplete.body, done_).empty());
  EXPECT_FALSE(row(incomplete.body, low_).empty());
  EXPECT_FALSE(row(incomplete.body, failed_).empty());

  // The export holds the same, with the filter.
  auto csv = c.get(completion(".csv?show=incomplete"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.header("content-type"), "text/csv"));
  EXPECT_TRUE(has(csv.body, "Bo Lowattendance,,50,No,"));
  EXPECT_FALSE(has(csv.body, "Ada Complete"));
  auto xlsx = c.get(completion(".xlsx"));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(CompletionTest, RulesSwitchedOffOrLoweredChangeTheList) {
  auto c = english("staff");
  auto res = c.submit(completion(), {{"attendance", "yes"}, {"min_percent", "50"}});
  ASSERT_EQ(res.status, 303);  // modules and paper off
  auto page = c.get(completion());
  EXPECT_TRUE(has(page.body, "data-complete=\"3\" data-total=\"3\""));
  EXPECT_EQ(last_audit("completion.rules"),
            "{\"attendance\":[\"on\",\"on\"],\"min_percent\":[\"80\",\"50\"],\"modules\":[\"on\","
            "\"off\"],\"paper\":[\"on\",\"off\"]}");
  // Arabic-Indic digits are a number too.
  ASSERT_EQ(
      c.submit(completion(), {{"attendance", "yes"}, {"min_percent", "٩٠"}, {"modules", "yes"}})
          .status,
      303);
  page = c.get(completion());
  EXPECT_TRUE(has(row(page.body, low_), "attendance 50% of 90% required"));
  EXPECT_TRUE(has(page.body, "data-complete=\"1\" data-total=\"3\""));
}

TEST_F(CompletionTest, APercentOutOfRangeChangesNothing) {
  auto c = english("staff");
  const std::string before = dump_tables(sql(), {"completion_rule", kAudit});
  for (const std::string bad : {"101", "-1", "eighty", "", "80.5"}) {
    SCOPED_TRACE(bad);
    auto res = c.submit(completion(), {{"attendance", "yes"}, {"min_percent", bad}});
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "Enter a whole number from 0 to 100."));
    EXPECT_TRUE(has(res.body, "value=\"" + bad + "\""));  // what was typed stays
    EXPECT_EQ(dump_tables(sql(), {"completion_rule", kAudit}), before);
  }
}

TEST_F(CompletionTest, OnlyTheProgrammeTeamSeesTheList) {
  const std::string before = dump_tables(sql(), {"completion_rule", kAudit});
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    EXPECT_EQ(c.get(completion()).status, 404);
    EXPECT_EQ(c.get(completion(".csv")).status, 404);
    EXPECT_EQ(
        c.post(completion(), {{"csrf", csrf_of(c.get("/").body)}, {"min_percent", "1"}}).status,
        404);
  }
  auto outside = outside_staff();
  EXPECT_EQ(outside.get(completion()).status, 404);
  EXPECT_EQ(
      outside.post(completion(), {{"csrf", csrf_of(outside.get("/").body)}, {"min_percent", "1"}})
          .status,
      404);
  EXPECT_EQ(dump_tables(sql(), {"completion_rule", kAudit}), before);
  EXPECT_EQ(sign_in("admin").get(completion()).status, 200);
}

// Statements do not grow with the number of participants or sessions.
class AttendanceStatementsTest : public AttendanceTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.server_timing = true;
    return o;
  }
  long statements(Client& c, const std::string& path) {
    c.get(path);  // may touch the session
    auto res = c.get(path);
    EXPECT_EQ(res.status, 200) << path;
    std::smatch m;
    const std::string timing = res.header("server-timing");
    static const std::regex re(R"(desc="([0-9]+) statements")");
    if (!std::regex_search(timing, m, re)) return -1;
    return std::stol(m[1]);
  }
};

TEST_F(AttendanceStatementsTest, PagesCostTheSameWithMorePeopleAndSessions) {
  auto staff = sign_in("staff");
  auto participant = sign_in("participant");
  staff.submit(path(session_), all("present"));
  const std::string results = "/modules/" + std::to_string(module_) + "/results";
  const std::string completion = "/cohorts/" + std::to_string(cohort_) + "/completion";
  const long take = statements(staff, path(session_));
  const long marks = statements(staff, results);
  const long list = statements(staff, completion);
  const long own = statements(participant, "/attendance");
  for (int i = 0; i < 12; ++i) insert_participant(cohort_, "Extra Person" + std::to_string(i));
  for (int i = 0; i < 6; ++i)
    insert_session(cohort_, module_, kNow - (30 + i) * 86400, "scheduled",
                   "more-" + std::to_string(i));
  participants_ = participants(cohort_);
  staff.submit(path(session_), all("present"));
  EXPECT_EQ(statements(staff, path(session_)), take);
  EXPECT_EQ(statements(staff, results), marks);
  EXPECT_EQ(statements(staff, completion), list);
  EXPECT_EQ(statements(participant, "/attendance"), own);
  std::printf("statements: attendance %ld, results %ld, completion %ld, own %ld\n", take, marks,
              list, own);
}

}  // namespace
}  // namespace crm::test
