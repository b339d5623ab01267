// Curated resources: staff add one with a link, tags and a PDF (its text
// extraction queued, the search index told), download it safely, edit it,
// publish and unpublish it; bad input (empty title, unknown kind, a year out
// of range, a link that is not http(s), a file that is not what its name
// says or too large, an unknown tag code) changes nothing and says why;
// participants and another programme's staff get 404 on every route.
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "knowledge/resource_service.hpp"

namespace crm::test {
namespace {

using ll = long long;

const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids "
    "[] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

class ResourcesTest : public HttpTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.upload_bytes = 21 * 1024 * 1024;
    return o;
  }
  void SetUp() override {
    HttpTest::SetUp();
    programme_ = count("SELECT id FROM programme WHERE slug = 'crm'");
  }
  std::string resource_state() {
    auto tables = state_tables();
    tables.insert(tables.end(),
                  {"(SELECT id, programme_id, kind, title, authors, publisher, year, language, "
                   "summary, url, filename, content_type, size, published_at, updated_at FROM "
                   "resource) AS resource",
                   "resource_tag", "search_change"});
    return dump_tables(sql(), tables);
  }
  static bool has(const std::string& s, std::string_view what) {
    return s.find(what) != std::string::npos;
  }
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("language not switched");
    return c;
  }
  Form resource_form(const std::string& title) {
    return {{"programme", std::to_string(programme_)},
            {"kind", "study"},
            {"title", title},
            {"authors", "Mariama Sow"},
            {"publisher", "Centre for Return Studies"},
            {"year", "2024"},
            {"language", "fr"},
            {"summary", "Une étude de suivi."},
            {"url", "https://example.org/study"},
            {"countries", "SN"},
            {"sdg", "8"},
            {"gcm", "21"}};
  }
  HttpResponse post(Client& c, const std::string& page, const std::string& action, Form fields,
                    const std::vector<FilePart>& files = {}) {
    fields.emplace_back("csrf", csrf_of(c.get(page).body));
    return c.post_multipart(action, fields, files);
  }
  ll programme_ = 0;
};

TEST_F(ResourcesTest, StaffAddDownloadEditPublishAndUnpublish) {
  auto c = english("staff");
  ASSERT_EQ(c.get("/resources").status, 200);
  auto res = post(c, "/resources/new", "/resources", resource_form("Suivi des retours"),
                  {{"file", "suivi; rapport – تقرير.pdf", "application/pdf", kPdf}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  const ll id = count("SELECT MAX(id) FROM resource WHERE title = 'Suivi des retours'");
  const std::string page = "/resources/" + std::to_string(id);
  EXPECT_EQ(path_of(res.location()), page);
  EXPECT_EQ(count("SELECT size FROM resource WHERE id = " + std::to_string(id)),
            static_cast<long>(kPdf.size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM resource_tag WHERE resource_id = " + std::to_string(id)),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'resource' AND work_id = " +
                  std::to_string(id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'search.extract' AND payload LIKE "
                  "'%\"id\":" +
                  std::to_string(id) + "}%'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'resource.create' AND entity_id "
                  "= '" +
                  std::to_string(id) + "'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resource WHERE id = " + std::to_string(id) +
                  " AND published_at IS NULL"),
            1);
  // The file, downloaded safely.
  auto file = c.get(page + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(file.header("content-disposition").starts_with("attachment; filename=\"suivi__"));
  // The page, the list and its exports.
  auto show = c.get(page);
  ASSERT_EQ(show.status, 200);
  EXPECT_TRUE(has(show.body, "Centre for Return Studies"));
  EXPECT_TRUE(has(show.body, "SDG 8"));
  EXPECT_TRUE(has(c.get("/resources").body, "Suivi des retours"));
  EXPECT_TRUE(has(c.get("/resources.csv").body, "Suivi des retours"));
  EXPECT_EQ(c.get("/resources.xlsx").status, 200);
  // Edit: a new title, the file kept.
  auto form = resource_form("Suivi des retours, 2e édition");
  ASSERT_EQ(post(c, page + "/edit", page + "/edit", form).status, 303);
  EXPECT_EQ(count("SELECT size FROM resource WHERE id = " + std::to_string(id)),
            static_cast<long>(kPdf.size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'resource' AND work_id = " +
                  std::to_string(id)),
            2);
  // Publish, then unpublish.
  ASSERT_EQ(c.submit(page, {{"action", "publish"}}, page + "/publish").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resource WHERE id = " + std::to_string(id) +
                  " AND published_at IS NOT NULL"),
            1);
  auto again = c.submit(page, {{"action", "publish"}}, page + "/publish");
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(has(again.body, "The resource is published already."));
  ASSERT_EQ(c.submit(page, {{"action", "unpublish"}}, page + "/publish").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM resource WHERE id = " + std::to_string(id) +
                  " AND published_at IS NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'resource' AND entity_id = '" +
                  std::to_string(id) + "'"),
            4);
}

TEST_F(ResourcesTest, BadInputChangesNothingAndSaysWhy) {
  auto c = english("staff");
  struct Case {
    std::string field, value, message;
    std::vector<FilePart> files = {};
  };
  const std::string big(static_cast<size_t>(knowledge::kMaxResourceBytes) + 1, 'x');
  const std::vector<Case> cases = {
      {"title", "  ", "Enter a title."},
      {"kind", "novel", "Choose a kind."},
      {"year", "1800", "Enter a year from"},
      {"year", "twenty", "Enter a year from"},
      {"year", "2999", "Enter a year from"},
      {"url", "javascript:alert(1)", "Enter a web address starting with https:// or http://."},
      {"url", "ftp://example.org/file", "Enter a web address starting with https:// or http://."},
      {"language", "xx", "Choose the language it is written in."},
      {"sdg", "18", "Choose only from the list."},
      {"countries", "Narnia", "Enter countries as two-letter codes"},
      {"programme", "999999", "Choose a programme."},
      {"title",
       "A file that lies",
       "The content of this file is not what its name says.",
       {{"file", "report.pdf", "application/pdf", "just some text, not a PDF at all\n"}}},
      {"title",
       "A program",
       "Upload a PDF, DOCX or ODT file",
       {{"file", "setup.exe", "application/octet-stream", kPdf}}},
      {"title",
       "Too large",
       "The file is larger than",
       {{"file", "huge.pdf", "application/pdf", "%PDF-1.4\n" + big}}},
  };
  const auto before = resource_state();
  for (const auto& k : cases) {
    SCOPED_TRACE(k.field + "=" + k.value.substr(0, 40));
    auto form = resource_form("Never stored");
    for (auto& [name, value] : form)
      if (name == k.field) value = k.value;
    auto res = post(c, "/resources/new", "/resources", form, k.files);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, k.message)) << res.body.substr(0, 3000);
    EXPECT_TRUE(has(res.body, "error-summary"));
    EXPECT_EQ(resource_state(), before);
  }
  // The same checks on editing a demo resource.
  const ll id = count("SELECT MIN(id) FROM resource");
  ASSERT_GT(id, 0);
  const std::string page = "/resources/" + std::to_string(id);
  auto form = resource_form("Edited");
  for (auto& [name, value] : form)
    if (name == "url") value = "mailto:someone@example.org";
  auto res = post(c, page + "/edit", page + "/edit", form);
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(resource_state(), before);
}

TEST_F(ResourcesTest, ParticipantsAndOtherProgrammesGet404AndChangeNothing) {
  const ll id = count("SELECT MIN(id) FROM resource WHERE filename <> ''");
  ASSERT_GT(id, 0) << "the demo has resources with a file";
  const std::string page = "/resources/" + std::to_string(id);
  // The second programme's staff member, on its team only.
  const auto other = insert_other_programme(sql());
  const std::string email = "other.staff@example.org";
  sql().sql() << "INSERT INTO account (email, name, role, password_hash, language, time_zone, "
                 "totp_secret, totp_enabled, created_at, updated_at) SELECT :e, 'Other staff', "
                 "role, password_hash, 'en', 'UTC', totp_secret, totp_enabled, created_at, "
                 "updated_at FROM account WHERE email = :d",
      soci::use(email), soci::use(demo("staff").email);
  const ll account = account_id(email);
  sql().sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
      soci::use(static_cast<ll>(other.programme)), soci::use(account);
  auto outsider = sign_in(email, demo("staff").password, demo("staff").totp_secret);
  EXPECT_FALSE(has(outsider.get("/resources").body, page + "\""));
  std::vector<std::pair<std::string, Client>> clients;
  for (std::string role : {"participant", "lecturer", "alumnus", "stakeholder", ""})
    clients.emplace_back(role, role.empty() ? outsider : sign_in(role));
  for (auto& [role, c] : clients) csrf_of(c.get("/").body);  // sessions settled
  const auto before = resource_state();
  for (auto& [role, c] : clients) {
    SCOPED_TRACE(role.empty() ? "other programme's staff" : role);
    for (const std::string& path : {page, page + "/edit", page + "/file"})
      EXPECT_EQ(c.get(path).status, 404) << path;
    if (!role.empty()) {
      EXPECT_EQ(c.get("/resources").status, 404);
      EXPECT_EQ(c.get("/resources/new").status, 404);
      EXPECT_EQ(c.get("/resources.csv").status, 404);
    }
    const auto token = csrf_of(c.get("/").body);
    EXPECT_EQ(c.post(page + "/publish", {{"csrf", token}, {"action", "publish"}}).status, 404);
    EXPECT_EQ(c.post(page + "/publish", {{"csrf", token}, {"action", "unpublish"}}).status, 404);
    EXPECT_EQ(c.post_multipart(page + "/edit", {{"csrf", token}, {"title", "Taken"}}, {}).status,
              404);
    auto form = resource_form("Taken over");
    form.emplace_back("csrf", token);
    EXPECT_EQ(c.post_multipart("/resources", form, {}).status, role.empty() ? 422 : 404);
  }
  EXPECT_EQ(resource_state(), before);
}

}  // namespace
}  // namespace crm::test
