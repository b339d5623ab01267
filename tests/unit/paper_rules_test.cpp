// The papers service's plain functions, without HTTP: what an upload really
// is (a PDF, a Word document that is a zip naming word/document.xml, an
// OpenDocument text), the size limit, and which milestone is next or overdue.
#include <gtest/gtest.h>

#include "papers/pdf.hpp"
#include "papers/service.hpp"
#include "unit/support/zip.hpp"

namespace crm::papers {
namespace {

std::string pdf() {
  PdfDocument d;
  d.title = "العودة الطوعية";
  d.author = "Test";
  d.language = "ar";
  d.paragraphs = {"نص قصير."};
  return render_pdf(d);
}

std::string docx() {
  return test::stored_zip({{"[Content_Types].xml", "<Types/>"},
                           {"_rels/.rels", "<Relationships/>"},
                           {"word/document.xml", "<w:document/>"}});
}

std::string odt() {
  return test::stored_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                           {"content.xml", "<office:document-content/>"}});
}

TEST(PaperFileType, TakesWhatTheNameSays) {
  auto a = paper_file_type("Paper.PDF", pdf());
  ASSERT_TRUE(a) << a.error().key;
  EXPECT_EQ(*a, "application/pdf");
  auto b = paper_file_type("draft.docx", docx());
  ASSERT_TRUE(b) << b.error().key;
  EXPECT_EQ(*b, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  auto c = paper_file_type("draft.odt", odt());
  ASSERT_TRUE(c) << c.error().key;
  EXPECT_EQ(*c, "application/vnd.oasis.opendocument.text");
}

TEST(PaperFileType, RefusesWhatIsNotWhatItsNameSays) {
  const std::string exe = "MZ" + std::string(300, '\x90');
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"paper.pdf", exe},
           {"paper.pdf", "%PDF is what this text says, but it is text.\n"},
           {"paper.docx", test::stored_zip({{"notes.txt", "hello"}})},
           {"paper.docx", odt()},
           {"paper.odt", docx()},
           {"paper.pdf", docx()},
           {"paper.txt", "plain text"},
           {"paper", pdf()},
       }) {
    SCOPED_TRACE(name);
    auto r = paper_file_type(name, bytes);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "file");
  }
  auto empty = paper_file_type("paper.pdf", "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().key, "The file is empty. Choose the file of your paper.");
  std::string big = pdf();
  big.resize(kMaxVersionBytes + 1, ' ');
  auto large = paper_file_type("paper.pdf", big);
  ASSERT_FALSE(large);
  EXPECT_EQ(large.error().key, "The file is larger than {max} MB.");
  big.resize(kMaxVersionBytes);
  EXPECT_TRUE(paper_file_type("paper.pdf", big));
}

TEST(MilestoneState, NextIsTheFirstUnansweredAndPassedOnesAreOverdue) {
  const std::vector<Milestone> ms = {{"proposal", 100}, {"draft", 200}, {"final", 300}};
  bool none[3] = {false, false, false};
  auto s = milestone_state(ms, none, "draft", 150);
  ASSERT_TRUE(s.next);
  EXPECT_EQ(s.next->kind, "proposal");
  EXPECT_EQ(s.overdue, std::vector<std::string>{"proposal"});
  // A draft answers the proposal too.
  bool draft[3] = {false, true, false};
  s = milestone_state(ms, draft, "submitted", 250);
  ASSERT_TRUE(s.next);
  EXPECT_EQ(s.next->kind, "final");
  EXPECT_TRUE(s.overdue.empty());
  s = milestone_state(ms, draft, "revisions", 301);
  EXPECT_EQ(s.overdue, std::vector<std::string>{"final"});
  // A decided paper owes nothing.
  s = milestone_state(ms, none, "accepted", 1000);
  EXPECT_FALSE(s.next);
  EXPECT_TRUE(s.overdue.empty());
  s = milestone_state({}, none, "draft", 1000);
  EXPECT_FALSE(s.next);
}

}  // namespace
}  // namespace crm::papers
