// The public work and resource pages: what they show, their citations
// (BibTeX and RIS that parse, whatever the title holds), their files, and 404
// for everything not public. Both databases.
#include <regex>

#include "http/support/publication_fixture.hpp"
#include "http/support/test_server.hpp"
#include "knowledge/work_cite.hpp"

namespace crm::test {
namespace {

// ------------------------------------------------------------ the formats

struct BibEntry {
  std::string type, key;
  std::vector<std::pair<std::string, std::string>> fields;  // values unescaped
  std::string value(std::string_view name) const {
    for (const auto& [n, v] : fields)
      if (n == name) return v;
    return {};
  }
};

// Reads one entry as crm writes it: "@type{key,\n", "  name = {value},\n" …,
// "}\n"; braces balanced in every value (an escaped brace does not count), no
// unescaped TeX special character. Throws on anything else.
BibEntry parse_bibtex(const std::string& text) {
  static const std::regex head(R"(^@([a-z]+)\{([A-Za-z0-9-]+),\n)");
  std::smatch m;
  if (!std::regex_search(text, m, head)) throw std::runtime_error("bad head: " + text);
  BibEntry e{m[1], m[2], {}};
  size_t i = m.length(0);
  while (i < text.size() && text.compare(i, 2, "}\n") != 0) {
    if (text.compare(i, 2, "  ") != 0) throw std::runtime_error("bad field at " + text.substr(i));
    const size_t eq = text.find(" = {", i);
    if (eq == std::string::npos) throw std::runtime_error("no value");
    const std::string name = text.substr(i + 2, eq - i - 2);
    size_t j = eq + 4;
    int depth = 1;
    std::string raw;
    while (j < text.size() && depth > 0) {
      const char c = text[j];
      if (c == '\\') {
        raw += text.substr(j, 2);
        j += 2;
        continue;
      }
      if (c == '\n') throw std::runtime_error("a line break inside " + name);
      if (c == '%' || c == '&' || c == '#' || c == '$')
        throw std::runtime_error(std::string("unescaped ") + c + " in " + name);
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) break;
      raw += c;
      ++j;
    }
    if (depth != 0 || text.compare(j, 3, "},\n") != 0)
      throw std::runtime_error("unbalanced " + name);
    // Unescape.
    std::string v;
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw.compare(k, 16, "\\textbackslash{}") == 0) {
        v += '\\';
        k += 15;
      } else if (raw.compare(k, 17, "\\textasciitilde{}") == 0) {
        v += '~';
        k += 16;
      } else if (raw.compare(k, 18, "\\textasciicircum{}") == 0) {
        v += '^';
        k += 17;
      } else if (raw[k] == '\\' && k + 1 < raw.size()) {
        v += raw[++k];
      } else {
        v += raw[k];
      }
    }
    e.fields.emplace_back(name, v);
    i = j + 3;
  }
  if (text.substr(i) != "}\n") throw std::runtime_error("bad end");
  return e;
}

// RIS: every line "XX  - value", TY first, one ER last, CRLF line ends.
std::vector<std::pair<std::string, std::string>> parse_ris(const std::string& text) {
  static const std::regex line(R"(^([A-Z][A-Z0-9])  - (.*)$)");
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = text.find("\r\n", i);
    if (end == std::string::npos) throw std::runtime_error("a line without CRLF");
    const std::string l = text.substr(i, end - i);
    if (l.find('\n') != std::string::npos || l.find('\r') != std::string::npos)
      throw std::runtime_error("a bare line break: " + l);
    std::smatch m;
    if (!std::regex_match(l, m, line)) throw std::runtime_error("not a tag line: " + l);
    out.emplace_back(m[1], m[2]);
    i = end + 2;
  }
  if (out.empty() || out.front().first != "TY") throw std::runtime_error("TY is not first");
  for (size_t k = 0; k + 1 < out.size(); ++k)
    if (out[k].first == "ER") throw std::runtime_error("ER before the end");
  if (out.back().first != "ER") throw std::runtime_error("ER is not last");
  return out;
}

const std::string kHostile =
    "Rückkehr {and} \\end{document} 100% & #1 $x$ _a_ ~b^ }{ \n"
    "ER  - \r\nTY  - JOUR\u2028العودة";

TEST(WorkCiteTest, HostileTextStaysInsideItsField) {
  knowledge::CiteData c;
  c.key = "crm-work-1";
  c.authors = {"Laila {Haddad}", "Ali and Sons\\"};
  c.title = kHostile;
  c.abstract = "line one\nER  - \nline three";
  c.year = 2026;
  c.language = "de";
  c.url = "https://example.org/knowledge/works/1";
  c.keywords = {"a}b", "GCM 21"};
  const auto e = parse_bibtex(knowledge::bibtex(c));
  EXPECT_EQ(e.type, "misc");
  EXPECT_EQ(e.key, "crm-work-1");
  // The title, unescaped, is the text with its line breaks as spaces;
  // non-ASCII stays as UTF-8.
  EXPECT_EQ(e.value("title"),
            "{Rückkehr {and} \\end{document} 100% & #1 $x$ _a_ ~b^ }{ ER - TY - JOUR العودة}");
  EXPECT_EQ(e.value("author"), "{Laila {Haddad}} and {Ali and Sons\\}");
  EXPECT_EQ(e.value("year"), "2026");

  const auto lines = parse_ris(knowledge::ris(c));
  std::vector<std::string> tags;
  for (const auto& [tag, value] : lines) tags.push_back(tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"TY", "AU", "AU", "TI", "PY", "AB", "UR", "KW", "KW",
                                            "LA", "ER"}));
  EXPECT_EQ(lines[3].second,
            "Rückkehr {and} \\end{document} 100% & #1 $x$ _a_ ~b^ }{ ER - TY - JOUR العودة");
  EXPECT_EQ(lines[5].second, "line one ER - line three");
}

TEST(WorkCiteTest, YearIsTheUtcYear) {
  EXPECT_EQ(knowledge::year_of(1767225600), 2026);  // 2026-01-01 00:00 UTC
  EXPECT_EQ(knowledge::year_of(1767225599), 2025);
}

// ------------------------------------------------------------ the pages

class KnowledgeWorkTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    author_ = person_of_account(sql(), demo("participant").email);
    cohort_ = cohort_of_person(sql(), author_);
    sql().sql() << "SELECT programme_id FROM cohort WHERE id = :c", soci::use(cohort_),
        soci::into(programme_);
  }

  // Publishes the paper as its author would.
  long long publish(const PaperSpec& spec) {
    auto ids = insert_paper(sql(), cohort_, author_, spec);
    auto c = sign_in("participant");
    auto r = c.submit("/papers/" + std::to_string(ids.paper) + "/publish", {{"consent", "yes"}});
    if (r.status != 303) throw std::runtime_error("publishing answered " + r.body);
    long long n = 0, p = ids.paper;
    sql().sql() << "SELECT id FROM publication WHERE work_kind = 'paper' AND work_id = :p",
        soci::use(p), soci::into(n);
    return n;
  }

  long long author_ = 0, cohort_ = 0, programme_ = 0;
};

TEST_F(KnowledgeWorkTest, ThePageShowsTheWorkInEachLanguageWithItsCitation) {
  const long long n = publish(PaperSpec{});
  auto visitor = client();
  visitor.accept_language = "de";
  auto page = visitor.get("/knowledge/works/" + std::to_string(n));
  ASSERT_EQ(page.status, 200);
  const auto& b = page.body;
  EXPECT_NE(b.find("<h1 lang=\"en\"><bdi>Return and dignity</bdi></h1>"), std::string::npos) << b;
  EXPECT_NE(b.find("lang=\"ar\"><bdi>العودة والكرامة</bdi>"), std::string::npos);
  EXPECT_NE(b.find("dir=\"auto\" lang=\"ar\""), std::string::npos);  // the Arabic abstract
  EXPECT_NE(b.find("Senegal"), std::string::npos);                   // the country, in German
  EXPECT_NE(b.find("Frauen"), std::string::npos);                    // the target group, in German
  EXPECT_NE(b.find("housing"), std::string::npos);                   // a topic as written
  EXPECT_NE(b.find("/knowledge/works/" + std::to_string(n) + "/file"), std::string::npos);
  EXPECT_NE(b.find("/knowledge/works/" + std::to_string(n) + ".bib"), std::string::npos);
  EXPECT_NE(b.find("(<bdi>2026</bdi>). <bdi>Return and dignity</bdi>."), std::string::npos) << b;

  const auto e = parse_bibtex(visitor.get("/knowledge/works/" + std::to_string(n) + ".bib").body);
  EXPECT_EQ(e.value("author"), "{ليلى حداد}");
  EXPECT_NE(e.value("howpublished").find("Final paper"), std::string::npos);
  EXPECT_NE(e.value("url").find("/knowledge/works/" + std::to_string(n)), std::string::npos);
  EXPECT_NE(e.value("keywords").find("Senegal"), std::string::npos);
  EXPECT_NE(e.value("keywords").find("GCM 21"), std::string::npos);
}

TEST_F(KnowledgeWorkTest, HostileTitlesMakeCitationsThatStillParse) {
  PaperSpec spec;
  spec.texts = {{"en", kHostile, "An abstract\nER  - \nwith a forged end"}};
  spec.filename = "dangerous\"; name=x\r\n.pdf";
  const long long n = publish(spec);
  auto visitor = client();
  const std::string base = "/knowledge/works/" + std::to_string(n);
  auto bib = visitor.get(base + ".bib");
  ASSERT_EQ(bib.status, 200);
  const auto e = parse_bibtex(bib.body);
  EXPECT_EQ(e.value("title"),
            "{Rückkehr {and} \\end{document} 100% & #1 $x$ _a_ ~b^ }{ ER - TY - JOUR العودة}");
  auto ris = visitor.get(base + ".ris");
  ASSERT_EQ(ris.status, 200);
  const auto lines = parse_ris(ris.body);
  long ty = 0;
  for (const auto& l : lines) ty += l.first == "TY";
  EXPECT_EQ(ty, 1);
  // The page escapes it; the file's name does not reach the header raw.
  auto page = visitor.get(base);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("\\end{document} 100% & "), std::string::npos);
  auto file = visitor.get(base + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.header("content-disposition").find('\r'), std::string::npos);
  EXPECT_EQ(file.header("content-disposition").rfind("attachment; filename=\"dangerous", 0), 0u);
}

TEST_F(KnowledgeWorkTest, WhatIsNotPublicIsNotFound) {
  auto visitor = client();
  // Numbers nobody was given, and a curated resource the demo keeps unpublished.
  long long unpublished = 0;
  sql().sql() << "SELECT COALESCE(MIN(id), 0) FROM resource WHERE published_at IS NULL",
      soci::into(unpublished);
  ASSERT_GT(unpublished, 0);
  const std::string hidden = "/knowledge/resources/" + std::to_string(unpublished);
  for (const std::string& path :
       {std::string("/knowledge/works/987654"), std::string("/knowledge/works/987654.bib"),
        std::string("/knowledge/works/987654.ris"), std::string("/knowledge/works/987654/file"),
        std::string("/knowledge/works/0"), std::string("/knowledge/works/abc"),
        std::string("/knowledge/works/1.pdf"), std::string("/knowledge/works/.bib"),
        std::string("/knowledge/resources/987654"), hidden, hidden + "/file", hidden + ".bib"})
    EXPECT_EQ(visitor.get(path).status, 404) << path;
  // Accepted but never published: no number, so nothing public, whoever asks.
  auto ids = insert_paper(sql(), cohort_, author_, PaperSpec{});
  long long numbers = 0;
  sql().sql() << "SELECT COUNT(*) FROM publication WHERE work_kind = 'paper' AND work_id = :p",
      soci::use(ids.paper), soci::into(numbers);
  EXPECT_EQ(numbers, 0);
  auto staff = sign_in("staff");
  EXPECT_EQ(staff.get("/knowledge/works/987654").status, 404);
  // Published, then the paper's acceptance was taken back: gone too.
  const long long n = publish(PaperSpec{});
  EXPECT_EQ(visitor.get("/knowledge/works/" + std::to_string(n)).status, 200);
  sql().sql() << "UPDATE paper SET status = 'revisions'";
  for (const std::string suffix : {"", ".bib", ".ris", "/file"})
    EXPECT_EQ(visitor.get("/knowledge/works/" + std::to_string(n) + suffix).status, 404) << suffix;
}

TEST_F(KnowledgeWorkTest, ResourcesArePublicOnlyOncePublished) {
  const std::string data = "%PDF-1.4\n% a report\n%%EOF\n";
  const int64_t hidden = insert_resource(sql(), programme_, false, "Hidden report", data);
  const int64_t shown = insert_resource(sql(), programme_, true, "Return {report} 50%", data);
  auto visitor = client();
  const std::string h = "/knowledge/resources/" + std::to_string(hidden);
  for (const std::string suffix : {"", ".bib", ".ris", "/file"})
    EXPECT_EQ(visitor.get(h + suffix).status, 404) << suffix;
  auto staff = sign_in("staff");
  EXPECT_EQ(staff.get(h).status, 404);

  const std::string s = "/knowledge/resources/" + std::to_string(shown);
  auto page = visitor.get(s);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Return {report} 50%"), std::string::npos);
  EXPECT_NE(page.body.find("https://example.org/report"), std::string::npos);
  EXPECT_NE(page.body.find("IOM"), std::string::npos);
  const auto e = parse_bibtex(visitor.get(s + ".bib").body);
  EXPECT_EQ(e.value("title"), "{Return {report} 50%}");
  EXPECT_EQ(e.value("author"), "{IOM} and {UNHCR}");
  EXPECT_EQ(e.value("year"), "2024");
  const auto lines = parse_ris(visitor.get(s + ".ris").body);
  EXPECT_EQ(lines.front().second, "RPRT");
  auto file = visitor.get(s + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, data);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  // A link that is not a web address is not made a link.
  sql().sql() << "UPDATE resource SET url = 'javascript:alert(1)'";
  EXPECT_EQ(visitor.get(s).body.find("href=\"javascript:"), std::string::npos);
  // Unpublished again: gone at once.
  sql().sql() << "UPDATE resource SET published_at = NULL";
  for (const std::string suffix : {"", ".bib", ".ris", "/file"})
    EXPECT_EQ(visitor.get(s + suffix).status, 404) << suffix;
}

}  // namespace
}  // namespace crm::test
