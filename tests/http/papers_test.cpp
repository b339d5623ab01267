// Final papers over HTTP, on SQLite and PostgreSQL: a cohort's milestones and
// rubric, starting papers, the paper's texts and tags, versions (a real PDF,
// DOCX and ODT; files that are not what their name says, empty or too large
// are refused), comments and assessments with the mails they send (to a real
// SMTP server, each in the recipient's language), the lists and their export,
// the completion rule, one's data download, and who may see what (another
// participant, a lecturer who does not supervise: 404, nothing changed).
// Every bad input answers with a clear message and changes no table.
#include <regex>

#include "http/support/test_server.hpp"
#include "papers/pdf.hpp"
#include "unit/support/zip.hpp"

namespace crm::test {
namespace {

using ll = long long;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

std::string docx() {
  return stored_zip({{"[Content_Types].xml",
                      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                      "package/2006/content-types\"/>"},
                     {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"},
                     {"word/document.xml", "<?xml version=\"1.0\"?><w:document/>"}});
}

std::string odt() {
  return stored_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                     {"content.xml", "<?xml version=\"1.0\"?><office:document-content/>"}});
}

std::string pdf(const std::string& title) {
  papers::PdfDocument d;
  d.title = title;
  d.author = "Test Author";
  d.language = "en";
  d.paragraphs = {"Return and reintegration of families in the region."};
  return papers::render_pdf(d);
}

// The paper tables (files by their size), the mail and job queues, the
// search change log and the audit log without sign-ins.
const std::vector<std::string> kTables = {
    "paper",
    "paper_text",
    "paper_tag",
    "(SELECT id, paper_id, number, milestone, filename, content_type, size, note FROM "
    "paper_version) v",
    "paper_comment",
    "paper_assessment",
    "paper_assessment_score",
    "paper_milestone",
    "rubric_criterion",
    "search_change",
    "mail_outbox",
    "job",
    "(SELECT id, action, entity, entity_id, changes FROM audit_log WHERE action NOT LIKE "
    "'account.%') audit"};

class PapersTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    participant_person_ = person_of(demo("participant").email);
    lecturer_person_ = person_of(demo("lecturer").email);
    // The demo participant's own paper (the demo starts one, supervised by a lecturer).
    db << "SELECT id, cohort_id FROM paper WHERE person_id = :p", soci::use(participant_person_),
        soci::into(paper_), soci::into(cohort_);
    // Make sure the demo lecturer supervises it (the demo's choice of supervisor
    // may differ) and that the cohort has a rubric.
    db << "UPDATE paper SET supervisor_id = :s WHERE id = :p", soci::use(lecturer_person_),
        soci::use(paper_);
    // A paper of the same cohort that neither demo account writes or supervises.
    db << "SELECT MIN(id) FROM paper WHERE cohort_id = :c AND id <> :p", soci::use(cohort_),
        soci::use(paper_), soci::into(other_paper_);
    db << "UPDATE paper SET supervisor_id = NULL WHERE id = :p", soci::use(other_paper_);
  }

  ll person_of(const std::string& email) {
    ll id = 0;
    sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE "
                   "a.email = :e",
        soci::use(email), soci::into(id);
    return id;
  }
  Client as(std::string_view role, const std::string& language = "en") {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", language}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("cannot switch the language");
    return c;
  }
  std::string state() { return dump_tables(sql(), kTables); }
  // Nothing changed since `before`; else the first line that did.
  ::testing::AssertionResult unchanged(const std::string& before) {
    const auto after = state();
    if (after == before) return ::testing::AssertionSuccess();
    std::size_t at = 0;
    while (at < before.size() && at < after.size() && before[at] == after[at]) ++at;
    auto line = [at](const std::string& s) {
      auto start = s.rfind('\n', at == 0 ? 0 : at - 1);
      start = start == std::string::npos ? 0 : start + 1;
      return s.substr(start, s.find('\n', at) - start);
    };
    return ::testing::AssertionFailure()
           << "before: " << line(before) << "\nafter:  " << line(after);
  }
  std::string paper_path(ll id) const { return "/papers/" + std::to_string(id); }
  std::string cohort_path() const { return "/cohorts/" + std::to_string(cohort_); }

  HttpResponse upload(Client& c, ll paper, const std::string& filename, const std::string& data,
                      const std::string& milestone = "draft") {
    auto page = c.get(paper_path(paper));
    return c.post_multipart(paper_path(paper) + "/versions",
                            {{"csrf", csrf_of(page.body)}, {"milestone", milestone}},
                            {{"file", filename, "application/octet-stream", data}});
  }
  std::vector<ll> criteria() {
    std::vector<ll> out;
    db::Rows rows = (sql().sql().prepare << "SELECT id FROM rubric_criterion WHERE cohort_id = "
                                            ":c ORDER BY position, id",
                     soci::use(cohort_));
    for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
    return out;
  }
  Form scores(const std::string& csrf, long value) {
    Form f{{"csrf", csrf}};
    for (ll id : criteria()) f.emplace_back("score_" + std::to_string(id), std::to_string(value));
    return f;
  }
  std::string status_of(ll paper) {
    std::string s;
    sql().sql() << "SELECT status FROM paper WHERE id = :p", soci::use(paper), soci::into(s);
    return s;
  }

  ll programme_ = 0, cohort_ = 0, paper_ = 0, other_paper_ = 0;
  ll participant_person_ = 0, lecturer_person_ = 0;
};

TEST_F(PapersTest, DemoParticipantHasAPaperInARunningCohortWithARubric) {
  ASSERT_GT(paper_, 0);
  ASSERT_GT(other_paper_, 0);
  EXPECT_EQ(criteria().size(), 4u);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM paper_milestone WHERE cohort_id = " + std::to_string(cohort_)),
      3);
}

TEST_F(PapersTest, StaffSetMilestonesAndRubricAndBadInputChangesNothing) {
  auto staff = as("staff");
  const auto settings = cohort_path() + "/papers/settings";
  auto page = staff.get(settings);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Research question and relevance"));

  auto res = staff.submit(
      settings, {{"due_proposal", "2026-03-01"}, {"due_draft", "2026-06-01"}, {"due_final", ""}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM paper_milestone WHERE cohort_id = " + std::to_string(cohort_)),
      2);
  EXPECT_TRUE(has(staff.get(settings).body, "2026-06-01"));

  const auto before = state();
  res = staff.submit(settings, {{"due_proposal", "1 March"}, {"due_draft", ""}, {"due_final", ""}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Enter a date as YYYY-MM-DD."));
  EXPECT_TRUE(unchanged(before));

  // A criterion: a scale out of 1..100 or no title is refused.
  res = staff.submit(settings, {{"title", "Language"}, {"scale_max", "0"}},
                     cohort_path() + "/papers/criteria");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Enter a whole number from 1 to 100."));
  res = staff.submit(settings, {{"title", " "}, {"scale_max", "5"}},
                     cohort_path() + "/papers/criteria");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Enter a title."));
  EXPECT_TRUE(unchanged(before));
  res = staff.submit(settings, {{"title", "Language and style"}, {"scale_max", "20"}},
                     cohort_path() + "/papers/criteria");
  ASSERT_EQ(res.status, 303);
  ASSERT_EQ(criteria().size(), 5u);
  const ll added = criteria().back();
  EXPECT_EQ(count("SELECT scale_max FROM rubric_criterion WHERE id = " + std::to_string(added)),
            20);

  // A criterion used in an assessment stays; an unused one can go.
  const ll used = criteria().front();
  const auto before_delete = state();
  res = staff.submit(settings, {}, "/rubric-criteria/" + std::to_string(used) + "/delete");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "cannot be deleted"));
  EXPECT_TRUE(unchanged(before_delete));
  res = staff.submit(settings, {}, "/rubric-criteria/" + std::to_string(added) + "/delete");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(criteria().size(), 4u);
  // Changing one: its title.
  const auto n = std::to_string(used);
  // A scale out of range is refused beside that criterion's field.
  const auto before_change = state();
  res = staff.submit(settings, {{"title_" + n, "Question"}, {"scale_max_" + n, "101"}},
                     "/rubric-criteria/" + n);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "href=\"#f-scale_max_" + n + "\""));
  EXPECT_TRUE(unchanged(before_change));
  res = staff.submit(settings,
                     {{"title_" + n, "Question"}, {"scale_max_" + n, "10"}, {"position_" + n, "1"}},
                     "/rubric-criteria/" + n);
  EXPECT_EQ(res.status, 303);
  EXPECT_TRUE(has(staff.get(settings).body, "Question"));
}

TEST_F(PapersTest, StaffStartPapersOnePerParticipantAndCohort) {
  ll newcomer = 0;
  const ll now = 1767225600;
  sql().sql() << "INSERT INTO person (name, email, country, created_at) VALUES ('Nour Haddad', "
                 "'nour.haddad@papers.example.org', 'JO', :t) RETURNING id",
      soci::use(now), soci::into(newcomer);
  sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
                 "(:p, :c, 'participant', 'participant', :t)",
      soci::use(newcomer), soci::use(cohort_), soci::use(now);
  auto staff = as("staff");
  const auto page = cohort_path() + "/papers/new";
  ASSERT_EQ(staff.get(page).status, 200);
  // A supervisor who is not a lecturer of the cohort or on the team.
  const auto before = state();
  auto res = staff.submit(page, {{"participant", std::to_string(newcomer)},
                                 {"supervisor", std::to_string(participant_person_)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Choose a lecturer of the cohort"));
  EXPECT_TRUE(unchanged(before));
  res = staff.submit(page, {{"participant", std::to_string(newcomer)},
                            {"supervisor", std::to_string(lecturer_person_)}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM paper WHERE person_id = " + std::to_string(newcomer) +
                  " AND supervisor_id = " + std::to_string(lecturer_person_)),
            1);
  EXPECT_GT(count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'paper'"), 0);
  // A second paper for the same participant and cohort.
  const auto after_first = state();
  res = staff.submit(page, {{"participant", std::to_string(newcomer)}, {"supervisor", ""}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "one paper per participant and cohort"));
  EXPECT_TRUE(unchanged(after_first));
  // Everyone has one now: "all" starts none.
  res = staff.submit(page, {{"participant", "all"}, {"supervisor", ""}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Everyone taking part has a paper already."));
  EXPECT_TRUE(unchanged(after_first));
}

TEST_F(PapersTest, ParticipantStartsTheirOwnPaperWhereTheCohortKeepsPapers) {
  // The demo participant has a paper already: a second one is refused.
  auto c = as("participant");
  const auto before = state();
  auto res = c.submit("/papers", {{"cohort", std::to_string(cohort_)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "one paper per participant and cohort"));
  EXPECT_TRUE(unchanged(before));
  sql().sql() << "DELETE FROM paper WHERE id = :p", soci::use(paper_);
  EXPECT_TRUE(has(c.get("/papers").body, "Start my paper"));
  res = c.submit("/papers", {{"cohort", std::to_string(cohort_)}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM paper WHERE person_id = " + std::to_string(participant_person_)),
      1);
  // Another programme's cohort (or one they are not in): 404.
  EXPECT_EQ(c.submit("/papers", {{"cohort", "987654"}}).status, 404);
}

TEST_F(PapersTest, AuthorEditsTextsAndTagsBadCodesChangeNothing) {
  auto c = as("participant");
  const auto edit = paper_path(paper_) + "/edit";
  ASSERT_EQ(c.get(edit).status, 200);
  Form good = {{"language_0", "ar"},
               {"title_0", "عودة الأسر إلى شمال العراق"},
               {"abstract_0", "تدرس الورقة عودة الأسر."},
               {"language_1", "en"},
               {"title_1", "Families returning to northern Iraq"},
               {"abstract_1", "The paper studies the return of families."},
               {"topics", "housing, return counselling"},
               {"country", "IQ"},
               {"country", "TR"},
               {"target_group", "families"},
               {"dimension", "social"},
               {"gcm", "21"}};
  auto res = c.submit(edit, good);
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM paper_text WHERE paper_id = " + std::to_string(paper_)), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM paper_tag WHERE paper_id = " + std::to_string(paper_)), 7);
  auto page = c.get(paper_path(paper_));
  EXPECT_TRUE(has(page.body, "Families returning to northern Iraq"));
  EXPECT_TRUE(has(page.body, "lang=\"en\""));

  const auto before = state();
  struct Bad {
    std::string field, value, message;
  };
  const Bad bad[] = {
      {"language_1", "xx", "Choose the language the text is written in."},
      {"language_1", "ar", "Each language once"},
      {"gcm", "24", "Choose objectives of the Global Compact from the list."},
      {"target_group", "aliens", "Choose target groups from the list."},
      {"country", "XX", "Choose countries from the list."},
      {"dimension", "spiritual", "Choose dimensions from the list."},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.field + "=" + b.value);
    Form f = good;
    bool replaced = false;
    for (auto& [k, v] : f)
      if (k == b.field && !replaced) v = b.value, replaced = true;
    if (!replaced) f.emplace_back(b.field, b.value);
    res = c.submit(edit, f);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(html_unescape(res.body), b.message));
    EXPECT_TRUE(has(res.body, "error-summary"));
    EXPECT_TRUE(unchanged(before));
  }
  // No title at all.
  res = c.submit(edit, {{"language_0", "en"}, {"title_0", ""}, {"abstract_0", ""}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(unchanged(before));
}

TEST_F(PapersTest, UploadCommentAssessWithMailsInTheRecipientsLanguage) {
  // The participant reads Arabic, the lecturer French (the demo's choices).
  auto author = sign_in("participant");
  auto supervisor = sign_in("lecturer");
  const ll versions_before =
      count("SELECT COUNT(*) FROM paper_version WHERE paper_id = " + std::to_string(paper_));
  auto res = upload(author, paper_, "مسودة.pdf", pdf("Draft"));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(status_of(paper_), "submitted");
  ll version = 0, number = 0;
  sql().sql() << "SELECT id, number FROM paper_version WHERE paper_id = :p ORDER BY number DESC",
      soci::use(paper_), soci::into(version), soci::into(number);
  EXPECT_EQ(number, versions_before + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'search.extract' AND payload LIKE "
                  "'%\"id\":" +
                  std::to_string(version) + "}'"),
            1);
  // Earlier versions stay listed, the new one downloads with a safe name.
  auto page = author.get(paper_path(paper_));
  EXPECT_TRUE(has(page.body, "/paper-versions/" + std::to_string(version)));
  auto file = author.get("/paper-versions/" + std::to_string(version));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_TRUE(has(file.header("content-disposition"), "attachment; filename=\""));
  EXPECT_TRUE(file.body.starts_with("%PDF-"));
  // DOCX and ODT are taken when they are what they say.
  EXPECT_EQ(upload(author, paper_, "draft.docx", docx()).status, 303);
  EXPECT_EQ(upload(author, paper_, "draft.odt", odt()).status, 303);
  // A name longer than kept is cut between characters, never inside one.
  std::string long_name = "a", kept_name = "a";
  for (int k = 0; k < 150; ++k) long_name += "ب";
  for (int k = 0; k < 99; ++k) kept_name += "ب";
  ASSERT_EQ(upload(author, paper_, long_name + ".pdf", pdf("Long")).status, 303);
  std::string kept;
  sql().sql() << "SELECT filename FROM paper_version WHERE paper_id = :p ORDER BY number DESC",
      soci::use(paper_), soci::into(kept);
  EXPECT_EQ(kept, kept_name);

  ASSERT_EQ(deliver_mail(), 4);
  auto to_supervisor = mail(0);
  EXPECT_TRUE(has(to_supervisor.to, demo("lecturer").email)) << to_supervisor.to;
  EXPECT_TRUE(has(to_supervisor.subject, "Nouvelle version")) << to_supervisor.subject;

  // The supervisor comments on the first new version: the author hears of it in Arabic.
  auto form = supervisor.get(paper_path(paper_));
  ASSERT_EQ(form.status, 200);
  res = supervisor.post("/paper-versions/" + std::to_string(version) + "/comments",
                        {{"csrf", csrf_of(form.body)}, {"body", "Please add your sources."}});
  ASSERT_EQ(res.status, 303);
  ASSERT_EQ(deliver_mail(), 1);
  // An empty comment is refused and changes nothing.
  const auto before = state();
  res = supervisor.post("/paper-versions/" + std::to_string(version) + "/comments",
                        {{"csrf", csrf_of(form.body)}, {"body", "  "}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "href=\"#f-body-" + std::to_string(version) + "\""));
  EXPECT_TRUE(has(res.body, "id=\"f-body-" + std::to_string(version) + "\""));
  EXPECT_TRUE(unchanged(before));
  auto comment_mail = mail(4);
  EXPECT_TRUE(has(comment_mail.to, demo("participant").email)) << comment_mail.to;
  EXPECT_TRUE(has(comment_mail.subject, "تعليق")) << comment_mail.subject;
  EXPECT_TRUE(has(comment_mail.text, "Please add your sources."));

  // The assessment: bad input changes nothing.
  auto assess = supervisor.get(paper_path(paper_) + "/assess");
  ASSERT_EQ(assess.status, 200);
  const auto csrf = csrf_of(assess.body);
  auto too_high = scores(csrf, 11);
  too_high.emplace_back("decision", "revisions");
  res = supervisor.post(paper_path(paper_) + "/assess", too_high);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Entrez un nombre entier") || has(res.body, "error-summary"));
  EXPECT_TRUE(unchanged(before));
  auto missing = scores(csrf, 3);
  missing.erase(missing.begin() + 1);  // the first criterion's score
  missing.emplace_back("decision", "revisions");
  EXPECT_EQ(supervisor.post(paper_path(paper_) + "/assess", missing).status, 422);
  EXPECT_TRUE(unchanged(before));
  auto no_decision = scores(csrf, 3);
  EXPECT_EQ(supervisor.post(paper_path(paper_) + "/assess", no_decision).status, 422);
  auto unknown_decision = scores(csrf, 3);
  unknown_decision.emplace_back("decision", "maybe");
  EXPECT_EQ(supervisor.post(paper_path(paper_) + "/assess", unknown_decision).status, 422);
  EXPECT_TRUE(unchanged(before));

  auto good = scores(csrf, 4);
  good.emplace_back("decision", "revisions");
  good.emplace_back("feedback", "Separate findings from recommendations.");
  res = supervisor.post(paper_path(paper_) + "/assess", good);
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(status_of(paper_), "revisions");
  ASSERT_EQ(deliver_mail(), 1);
  auto decision = mail(5);
  EXPECT_TRUE(has(decision.to, demo("participant").email)) << decision.to;
  EXPECT_TRUE(has(decision.subject, "تقييم") || has(decision.subject, "قُيّمت") ||
              decision.subject.find("Your paper") == std::string::npos)
      << decision.subject;

  // The author sees the feedback, the scores with their criteria, in their frame.
  page = author.get(paper_path(paper_));
  EXPECT_EQ(html_attribute(page.body, "dir"), "rtl");
  EXPECT_TRUE(has(page.body, "Separate findings from recommendations."));
  EXPECT_TRUE(has(page.body, "Research question and relevance"));
  EXPECT_TRUE(has(page.body, "Please add your sources."));

  // Revisions → a new upload makes it submitted again; acceptance.
  ASSERT_EQ(upload(author, paper_, "final.pdf", pdf("Final"), "final").status, 303);
  EXPECT_EQ(status_of(paper_), "submitted");
  assess = supervisor.get(paper_path(paper_) + "/assess");
  auto accept = scores(csrf_of(assess.body), 5);
  accept.emplace_back("decision", "accepted");
  ASSERT_EQ(supervisor.post(paper_path(paper_) + "/assess", accept).status, 303);
  EXPECT_EQ(status_of(paper_), "accepted");
  // The author is offered to publish, and can no longer upload.
  page = author.get(paper_path(paper_));
  EXPECT_TRUE(has(page.body, paper_path(paper_) + "/publish"));
  const auto decided = state();
  EXPECT_EQ(upload(author, paper_, "late.pdf", pdf("Late")).status, 422);
  EXPECT_TRUE(unchanged(decided));
}

TEST_F(PapersTest, UploadsThatAreNotWhatTheySayAreRefused) {
  auto author = as("participant");
  const auto before = state();
  struct Bad {
    std::string name, data, message;
  };
  const std::string elf = std::string(
                              "\x7f"
                              "ELF\x02\x01\x01",
                              7) +
                          std::string(200, '\0');
  const std::string exe = "MZ" + std::string(200, '\x90');
  const Bad bad[] = {
      {"paper.pdf", exe, "not what its name says"},
      {"paper.pdf", elf, "not what its name says"},
      {"paper.pdf", "This is plain text, not a PDF at all.\n", "not what its name says"},
      {"paper.docx", stored_zip({{"notes.txt", "hello"}}), "not what its name says"},
      {"paper.odt", docx(), "not what its name says"},
      {"paper.docx", pdf("x"), "not what its name says"},
      {"paper.exe", exe, "PDF, Word (.docx) or OpenDocument (.odt)"},
      {"paper.pdf", "", "The file is empty."},
  };
  for (const auto& b : bad) {
    SCOPED_TRACE(b.name + " " + b.message);
    auto res = upload(author, paper_, b.name, b.data);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(html_unescape(res.body), b.message)) << res.body.substr(0, 2000);
    EXPECT_TRUE(unchanged(before));
  }
  // A milestone that is none.
  auto page = author.get(paper_path(paper_));
  auto res = author.post_multipart(paper_path(paper_) + "/versions",
                                   {{"csrf", csrf_of(page.body)}, {"milestone", "thesis"}},
                                   {{"file", "paper.pdf", "application/pdf", pdf("x")}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(unchanged(before));
}

class PapersLimitTest : public PapersTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.upload_bytes = 24 * 1024 * 1024;
    o.limits.body_timeout = std::chrono::seconds(30);
    return o;
  }
};

TEST_F(PapersLimitTest, AFileOverTheLimitIsRefusedWithTheLimit) {
  auto author = as("participant");
  const auto before = state();
  std::string big = pdf("Big");
  big.resize(20 * 1024 * 1024 + 1, ' ');
  auto res = upload(author, paper_, "big.pdf", big);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "larger than 20 MB"));
  EXPECT_TRUE(unchanged(before));
}

TEST_F(PapersTest, OthersDoNotSeeAPaperOrItsFeedback) {
  ll version = 0;
  sql().sql() << "SELECT MAX(id) FROM paper_version WHERE paper_id = :p", soci::use(other_paper_),
      soci::into(version);
  if (!version) {
    const ll now = 1767225600;
    sql().sql() << "INSERT INTO paper_version (paper_id, number, milestone, filename, "
                   "content_type, size, uploaded_at) VALUES (:p, 1, 'draft', 'x.pdf', "
                   "'application/pdf', 0, :t) RETURNING id",
        soci::use(other_paper_), soci::use(now), soci::into(version);
  }
  const auto before = state();
  const auto p = paper_path(other_paper_);
  const auto v = "/paper-versions/" + std::to_string(version);
  // Another participant of the same cohort and a lecturer who does not supervise it.
  for (std::string_view role : {"participant", "lecturer"}) {
    SCOPED_TRACE(role);
    auto c = as(role);
    for (const auto& path : {p, p + "/edit", p + "/assess", v})
      EXPECT_EQ(c.get(path).status, 404) << path;
    const auto token = csrf_of(c.get("/").body);
    EXPECT_EQ(c.post(p + "/edit", {{"csrf", token}, {"language_0", "en"}, {"title_0", "X"}}).status,
              404);
    EXPECT_EQ(c.post(v + "/comments", {{"csrf", token}, {"body", "Hello"}}).status, 404);
    EXPECT_EQ(c.post(p + "/assess", {{"csrf", token}, {"decision", "accepted"}}).status, 404);
    EXPECT_EQ(c.post(p + "/supervisor", {{"csrf", token}, {"supervisor", ""}}).status, 404);
    EXPECT_EQ(c.post_multipart(p + "/versions", {{"csrf", token}, {"milestone", "draft"}},
                               {{"file", "x.pdf", "application/pdf", pdf("x")}})
                  .status,
              404);
    // Nor the cohort's settings or starting papers.
    EXPECT_EQ(c.get(cohort_path() + "/papers/settings").status, 404);
    EXPECT_EQ(c.get(cohort_path() + "/papers/new").status, 404);
  }
  // The author cannot assess their own paper.
  auto author = as("participant");
  EXPECT_EQ(author.get(paper_path(paper_) + "/assess").status, 404);
  EXPECT_TRUE(unchanged(before));
}

TEST_F(PapersTest, ListsShowWhatEachMaySeeAndExport) {
  auto staff = as("staff");
  auto list = staff.get(cohort_path() + "/papers");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, paper_path(paper_) + "\""));
  EXPECT_TRUE(has(list.body, paper_path(other_paper_) + "\""));
  auto csv = staff.get(cohort_path() + "/papers.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Participant"));
  EXPECT_EQ(staff.get(cohort_path() + "/papers.xlsx").status, 200);
  // A lecturer sees only the papers they supervise.
  auto lecturer = as("lecturer");
  list = lecturer.get(cohort_path() + "/papers");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, paper_path(paper_) + "\""));
  EXPECT_FALSE(has(list.body, paper_path(other_paper_) + "\""));
  EXPECT_TRUE(has(lecturer.get("/papers").body, paper_path(paper_) + "\""));
  // A participant: not the cohort's list; their own on /papers.
  auto participant = as("participant");
  EXPECT_EQ(participant.get(cohort_path() + "/papers").status, 404);
  auto mine = participant.get("/papers");
  EXPECT_TRUE(has(mine.body, paper_path(paper_) + "\""));
  EXPECT_FALSE(has(mine.body, paper_path(other_paper_) + "\""));
  // The cohort page links to the list for those who may see it.
  EXPECT_TRUE(has(staff.get(cohort_path()).body, cohort_path() + "/papers\""));
}

// The lists read their papers in a fixed number of statements: five more
// papers (with texts and versions) cost none more.
TEST_F(PapersTest, ListsDoNotCostAStatementPerPaper) {
  ServerOptions o;
  o.server_timing = true;
  restart(o);
  auto statements = [](const HttpResponse& res) {
    std::smatch m;
    const auto timing = res.header("server-timing");
    if (!std::regex_search(timing, m, std::regex(R"(desc="([0-9]+) statements")"))) return -1L;
    return std::stol(m[1]);
  };
  auto staff = as("staff");
  auto lecturer = as("lecturer");
  const auto list = cohort_path() + "/papers";
  auto count_of = [&](Client& c, const std::string& path) {
    c.get(path);
    auto res = c.get(path);
    EXPECT_EQ(res.status, 200) << path;
    return statements(res);
  };
  const long cohort_before = count_of(staff, list);
  const long mine_before = count_of(lecturer, "/papers");
  ASSERT_GT(cohort_before, 0);
  const ll now = 1767225600;
  for (int k = 0; k < 5; ++k) {
    ll person = 0, paper = 0;
    const std::string name = "Extra Author " + std::to_string(k);
    const std::string email = "extra" + std::to_string(k) + "@papers.example.org";
    sql().sql() << "INSERT INTO person (name, email, country, created_at) VALUES (:n, :e, 'TN', "
                   ":t) RETURNING id",
        soci::use(name), soci::use(email), soci::use(now), soci::into(person);
    sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
                   "(:p, :c, 'participant', 'participant', :t)",
        soci::use(person), soci::use(cohort_), soci::use(now);
    sql().sql() << "INSERT INTO paper (cohort_id, person_id, supervisor_id, status, created_at, "
                   "updated_at) VALUES (:c, :p, :s, 'submitted', :t, :t2) RETURNING id",
        soci::use(cohort_), soci::use(person), soci::use(lecturer_person_), soci::use(now),
        soci::use(now), soci::into(paper);
    sql().sql() << "INSERT INTO paper_text (paper_id, language, title) VALUES (:p, 'en', :t)",
        soci::use(paper), soci::use(name);
    sql().sql() << "INSERT INTO paper_version (paper_id, number, milestone, filename, "
                   "content_type, size, uploaded_at) VALUES (:p, 1, 'draft', 'd.pdf', "
                   "'application/pdf', 0, :t)",
        soci::use(paper), soci::use(now);
  }
  auto page = staff.get(list);
  EXPECT_TRUE(has(page.body, "Extra Author 4"));
  EXPECT_EQ(count_of(staff, list), cohort_before);
  EXPECT_EQ(count_of(lecturer, "/papers"), mine_before);
  EXPECT_TRUE(has(lecturer.get("/papers").body, "Extra Author 4"));
}

TEST_F(PapersTest, AcceptedPaperCompletesRevisionsDoNot) {
  // Only the paper rule counts in this cohort.
  const ll now = 1767225600;
  sql().sql() << "INSERT INTO completion_rule (cohort_id, attendance_enabled, "
                 "attendance_min_percent, modules_enabled, paper_enabled, updated_at) VALUES "
                 "(:c, 0, 0, 0, 1, :t) ON CONFLICT (cohort_id) DO UPDATE SET "
                 "attendance_enabled = 0, modules_enabled = 0, paper_enabled = 1",
      soci::use(cohort_), soci::use(now);
  sql().sql() << "UPDATE paper SET status = 'accepted' WHERE id = :p", soci::use(paper_);
  sql().sql() << "UPDATE paper SET status = 'revisions' WHERE id = :p", soci::use(other_paper_);
  ll other_person = 0;
  sql().sql() << "SELECT person_id FROM paper WHERE id = :p", soci::use(other_paper_),
      soci::into(other_person);
  auto staff = as("staff");
  auto page = staff.get(cohort_path() + "/completion.csv");
  ASSERT_EQ(page.status, 200);
  auto c = as("participant");
  auto own = c.get("/attendance");
  ASSERT_EQ(own.status, 200);
  // The completion list names the other person's missing paper, not the demo participant's.
  auto list = staff.get(cohort_path() + "/completion");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "final paper not accepted"));
  std::string name;
  sql().sql() << "SELECT name FROM person WHERE id = :p", soci::use(other_person), soci::into(name);
  const auto row_of = [&](const std::string& who) {
    auto at = list.body.find(who);
    if (at == std::string::npos) return std::string();
    return list.body.substr(at, list.body.find("</tr>", at) - at);
  };
  EXPECT_TRUE(has(row_of(name), "final paper not accepted"));
  EXPECT_FALSE(has(row_of("ليلى حداد"), "final paper not accepted"));
}

TEST_F(PapersTest, OwnPapersAreInTheDataDownload) {
  auto c = as("participant");
  auto page = c.get("/profile/data");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "id=\"papers\""));
  auto json = c.get("/profile/data.json");
  ASSERT_EQ(json.status, 200);
  EXPECT_TRUE(has(json.body, "\"papers\":[{"));
  EXPECT_TRUE(has(json.body, "\"assessments\""));
  EXPECT_FALSE(has(json.body, "%PDF"));
}

}  // namespace
}  // namespace crm::test
