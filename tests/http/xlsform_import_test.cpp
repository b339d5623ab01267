// The XLSForm import over HTTP on both databases: a new survey from an .xlsx
// (version 1, source xlsform, audit-logged), a new version of an existing
// survey (the old one untouched), Arabic labels stored and the page
// right-to-left, and every refused file — problems listed by sheet, row and
// column in the reader's language and digits, a broken zip, a 20 MB upload
// refused before it is read — changing nothing (table snapshots). Another
// programme's staff and lesser roles get 404.
#include "http/support/other_programme.hpp"
#include "http/support/survey_fixture.hpp"
#include "http/support/test_server.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"
#include "unit/support/xlsx_writer.hpp"

namespace crm::test {
namespace {

using ll = long long;

class XlsformImportTest : public HttpTest {
 protected:
  // Uploads as large as production takes (the 20 MB test).
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.upload_bytes = 25 * 1024 * 1024;
    return o;
  }
  void SetUp() override {
    HttpTest::SetUp();
    sql().sql() << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
  }
  Client staff(const std::string& language = "en") {
    auto c = sign_in("staff");
    EXPECT_EQ(c.submit("/account", {{"language", language}, {"next", "/"}}, "/language").status,
              303);
    return c;
  }
  HttpResponse upload(Client& c, const std::string& path, const std::string& bytes,
                      Form fields = {}, const std::string& filename = "form.xlsx") {
    auto form = c.get(path);
    EXPECT_EQ(form.status, 200) << path;
    fields.push_back({"csrf", csrf_of(form.body)});
    return c.post_multipart(
        path, fields,
        {{"file", filename, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          bytes}});
  }
  // Everything an import writes.
  std::string surveys_state() {
    return dump_tables(sql(), {"survey", "survey_version", "survey_version_text", "survey_question",
                               "survey_question_text", "survey_choice", "survey_choice_text",
                               "audit_log WHERE action LIKE 'survey.%'"});
  }
  static bool has(const std::string& html, std::string_view s) {
    return html.find(s) != std::string::npos;
  }
  std::string programme_field() const { return std::to_string(programme_); }
  ll programme_ = 0;
};

const SheetCells kSurvey = {
    {"type", "name", "label", "label::Deutsch (de)", "required", "relevant"},
    {"select_one yn", "useful", "Was the training useful for your work?",
     "War die Weiterbildung nützlich für Ihre Arbeit?", "yes"},
    {"text", "why", "Why?", "Warum?", "", "${useful} = 'yes'"},
};
const SheetCells kChoices = {{"list_name", "name", "label", "label::Deutsch (de)"},
                             {"yn", "yes", "Yes", "Ja"},
                             {"yn", "no", "No", "Nein"}};

TEST_F(XlsformImportTest, StaffImportANewSurveyAndANewVersion) {
  auto c = staff();
  auto form = c.get("/surveys/import");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(has(form.body, "accept=\".xlsx,"));
  const long surveys = count("SELECT COUNT(*) FROM survey");
  auto bytes = write_xlsx({{"survey", kSurvey},
                           {"choices", kChoices},
                           {"settings", {{"form_title"}, {"Usefulness check"}}}});
  auto r = upload(c, "/surveys/import", bytes, {{"programme", programme_field()}});
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_TRUE(r.location().starts_with("/surveys/"));
  const ll id = std::stoll(r.location().substr(9));
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey"), surveys + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey WHERE id = " + std::to_string(id) +
                  " AND programme_id = " + programme_field() +
                  " AND kind = 'custom' AND title = 'Usefulness check' AND anonymous = 0"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey_version WHERE survey_id = " + std::to_string(id) +
                  " AND number = 1 AND source = 'xlsform'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.import' AND entity_id "
                  "= '" +
                  std::to_string(id) + "'"),
            1);
  auto v1 = surveys::store::latest_version(sql(), programme_, id);
  ASSERT_TRUE(v1);
  const auto& d = v1->definition;
  ASSERT_EQ(d.questions.size(), 2u);
  EXPECT_EQ(d.questions[0].label.at("de"), "War die Weiterbildung nützlich für Ihre Arbeit?");
  EXPECT_EQ(d.questions[0].choices[1].label.at("de"), "Nein");
  EXPECT_TRUE(d.questions[0].required);
  EXPECT_EQ(d.questions[1].relevant, "${useful} = 'yes'");

  // A new version: version 2 next to version 1, which stays as it was.
  const std::string v1_state = dump_tables(
      sql(), {"survey_question WHERE version_id = " + std::to_string(v1->id),
              "survey_question_text WHERE question_id IN (SELECT id FROM survey_question WHERE "
              "version_id = " +
                  std::to_string(v1->id) + ")"});
  const std::string path = "/surveys/" + std::to_string(id) + "/import";
  auto page = c.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "version 2"));
  auto changed = kSurvey;
  changed.push_back({"integer", "hours", "Hours a week", "Stunden pro Woche"});
  auto again = upload(c, path, write_xlsx({{"survey", changed}, {"choices", kChoices}}));
  ASSERT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.location(), "/surveys/" + std::to_string(id));
  auto v2 = surveys::store::latest_version(sql(), programme_, id);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->number, 2);
  EXPECT_EQ(v2->source, "xlsform");
  EXPECT_EQ(v2->definition.questions.size(), 3u);
  EXPECT_EQ(dump_tables(sql(), {"survey_question WHERE version_id = " + std::to_string(v1->id),
                                "survey_question_text WHERE question_id IN (SELECT id FROM "
                                "survey_question WHERE version_id = " +
                                    std::to_string(v1->id) + ")"}),
            v1_state);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'survey.import_version'"), 1);
}

TEST_F(XlsformImportTest, ArabicLabelsAreStoredAndThePageIsRightToLeft) {
  auto c = staff("ar");
  auto form = c.get("/surveys/import");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(html_attribute(form.body, "dir"), "rtl");
  EXPECT_EQ(html_attribute(form.body, "lang"), "ar");
  auto bytes = write_xlsx(
      {{"survey",
        {{"type", "name", "label::Arabic (ar)", "label::English (en)"},
         {"select_one yn", "using", "هل تستخدم المهارات التي اكتسبتها؟", "Do you use the skills?"},
         {"text", "how", "كيف؟", "How?"}}},
       {"choices",
        {{"list_name", "name", "label::Arabic (ar)", "label::English (en)"},
         {"yn", "yes", "نعم", "Yes"},
         {"yn", "no", "لا", "No"}}},
       {"settings",
        {{"form_title", "default_language"}, {"متابعة بعد ثلاثة أشهر", "Arabic (ar)"}}}});
  auto r = upload(c, "/surveys/import", bytes, {{"programme", programme_field()}});
  ASSERT_EQ(r.status, 303) << r.body;
  const ll id = std::stoll(r.location().substr(9));
  auto v = surveys::store::latest_version(sql(), programme_, id);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->definition.default_language, "ar");
  EXPECT_EQ(v->definition.title.at("ar"), "متابعة بعد ثلاثة أشهر");
  EXPECT_EQ(v->definition.questions[0].label.at("ar"), "هل تستخدم المهارات التي اكتسبتها؟");
  EXPECT_EQ(v->definition.questions[0].choices[0].label.at("ar"), "نعم");
  EXPECT_EQ(count("SELECT COUNT(*) FROM survey WHERE title = 'متابعة بعد ثلاثة أشهر'"), 1);
}

TEST_F(XlsformImportTest, AFileWithProblemsListsThemAndImportsNothing) {
  auto c = staff("de");
  const std::string before = surveys_state();
  auto bytes = write_xlsx({{"survey",
                            {{"type", "name", "label", "relevant", "calculation"},
                             {"text", "name", "Name"},
                             {"geopoint", "where", "Where?"},
                             {"calculate", "twice", "", "", "${age} * 2"},
                             {"select_one nowhere", "pick", "Pick"},
                             {"text", "why", "Why?", "${name"}}}});
  auto r = upload(c, "/surveys/import", bytes, {{"programme", programme_field()}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(surveys_state(), before);
  // Listed by sheet, row and column, in German.
  EXPECT_TRUE(has(r.body, "data-cell=\"A3\"")) << r.body;
  EXPECT_TRUE(has(r.body, "data-cell=\"A4\""));
  EXPECT_TRUE(has(r.body, "data-cell=\"E4\""));
  EXPECT_TRUE(has(r.body, "data-cell=\"A5\""));
  EXPECT_TRUE(has(r.body, "data-cell=\"D6\""));
  EXPECT_TRUE(has(r.body, "<bdi>nowhere</bdi>"));
  EXPECT_TRUE(has(r.body, tr("de", "Problems in the file")));
  EXPECT_TRUE(has(r.body, "error-summary"));
  // The programme chosen is kept.
  EXPECT_TRUE(has(r.body, "value=\"" + programme_field() + "\" selected"));

  // In Arabic: the row numbers in Arabic-Indic digits.
  auto ar = staff("ar");
  auto r2 = upload(ar, "/surveys/import", bytes, {{"programme", programme_field()}});
  ASSERT_EQ(r2.status, 422);
  EXPECT_TRUE(has(r2.body, ">٣</td>")) << r2.body;
  EXPECT_EQ(html_attribute(r2.body, "dir"), "rtl");
  EXPECT_EQ(surveys_state(), before);
}

TEST_F(XlsformImportTest, BrokenHugeAndMissingFilesChangeNothing) {
  auto c = staff();
  const std::string before = surveys_state();
  auto good = write_xlsx({{"survey", kSurvey}, {"choices", kChoices}});
  struct Case {
    std::string name, bytes, message;
  };
  const std::vector<Case> cases = {
      {"not a zip", "type,name,label\ntext,a,A\n", "The file is not an Excel workbook (.xlsx)."},
      {"cut short", good.substr(0, good.size() / 2), ""},
      {"no survey sheet", write_xlsx({{"Sheet1", {{"type", "name"}}}}), "survey"},
      {"20 MB", "PK\x03\x04" + std::string(20 * 1024 * 1024, 'x'), "The file is larger than"},
      {"empty", "", "Choose an XLSForm file (.xlsx)."},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.name);
    auto r = upload(c, "/surveys/import", k.bytes, {{"programme", programme_field()}});
    EXPECT_EQ(r.status, 422);
    if (!k.message.empty()) {
      EXPECT_TRUE(has(r.body, k.message));
    }
  }
  // No programme, or one that is not the staff member's.
  auto other = insert_other_programme(sql());
  auto none = upload(c, "/surveys/import", good);
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(has(none.body, "Choose a programme."));
  auto foreign =
      upload(c, "/surveys/import", good, {{"programme", std::to_string(other.programme)}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(surveys_state(), before);
}

TEST_F(XlsformImportTest, OnlyTheProgrammesStaffImport) {
  auto d = *surveys::instrument("useful");
  auto ids = survey_insert(sql(), programme_, "useful", false, d, 1767225600);
  auto other = insert_other_programme(sql());
  auto theirs = survey_insert(sql(), other.programme, "useful", false, d, 1767225600);
  const std::string before = surveys_state();
  auto bytes = write_xlsx({{"survey", kSurvey}, {"choices", kChoices}});
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    EXPECT_EQ(c.get("/surveys/import").status, 404);
    EXPECT_EQ(c.get("/surveys/" + std::to_string(ids.survey) + "/import").status, 404);
    auto token = csrf_of(c.get("/").body);
    EXPECT_EQ(c.post_multipart("/surveys/" + std::to_string(ids.survey) + "/import",
                               {{"csrf", token}}, {{"file", "f.xlsx", "application/zip", bytes}})
                  .status,
              404);
    EXPECT_EQ(
        c.post_multipart("/surveys/import", {{"csrf", token}, {"programme", programme_field()}},
                         {{"file", "f.xlsx", "application/zip", bytes}})
            .status,
        404);
  }
  // The demo staff are not on the other programme's team.
  auto c = staff();
  const std::string path = "/surveys/" + std::to_string(theirs.survey) + "/import";
  EXPECT_EQ(c.get(path).status, 404);
  auto token = csrf_of(c.get("/").body);
  EXPECT_EQ(
      c.post_multipart(path, {{"csrf", token}}, {{"file", "f.xlsx", "application/zip", bytes}})
          .status,
      404);
  EXPECT_EQ(c.get("/surveys/999999/import").status, 404);
  EXPECT_EQ(surveys_state(), before);
}

}  // namespace
}  // namespace crm::test
