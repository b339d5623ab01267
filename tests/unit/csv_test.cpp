// The CSV reader of the people import: encodings, separators, quoting, line
// ends and every problem it reports, with its row and column.
#include <gtest/gtest.h>

#include "imports/csv.hpp"
#include "imports/rows.hpp"
#include "programme/limits.hpp"

namespace crm::imports::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Table ok(std::string_view bytes) {
  auto p = parse(bytes);
  EXPECT_TRUE(p) << "problem: " << p.problem.key << " row " << p.problem.row;
  return p ? *p.table : Table{};
}

Problem problem(std::string_view bytes, std::size_t max_rows = kMaxRows) {
  auto p = parse(bytes, max_rows);
  EXPECT_FALSE(p);
  return p.problem;
}

TEST(CsvTest, CommaSeparatedWithLf) {
  auto t = ok("email,name,country\na@example.org,Anna Schneider,DE\nb@example.org,Elif Kaya,TR\n");
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(t.header, (std::vector<std::string>{"email", "name", "country"}));
  EXPECT_EQ(t.rows, (Rows{{"a@example.org", "Anna Schneider", "DE"},
                          {"b@example.org", "Elif Kaya", "TR"}}));
}

TEST(CsvTest, SemicolonCrlfAndByteOrderMark) {
  // What Excel writes for "CSV UTF-8" in a German locale.
  auto t =
      ok("\xEF\xBB\xBF"
         "E-Mail;Name;Land\r\na@example.org;M\xC3\xBCller, Anna;DE\r\n");
  EXPECT_EQ(t.delimiter, ';');
  EXPECT_EQ(t.header[0], "E-Mail");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][1], "M\xC3\xBCller, Anna");
}

TEST(CsvTest, DelimiterIsCountedOutsideQuotesOnTheHeaderLine) {
  EXPECT_EQ(detect_delimiter("\"a;b;c\",d\n1;2;3;4"), ',');
  EXPECT_EQ(detect_delimiter("a;b,c;d\n"), ';');
  EXPECT_EQ(detect_delimiter("single\n"), ',');
  EXPECT_EQ(detect_delimiter("\xEF\xBB\xBF"
                             "a;b"),
            ';');
}

TEST(CsvTest, QuotedFieldsWithDoubledQuotesAndLineBreaks) {
  auto t =
      ok("name,position\n\"Ali \"\"Abu\"\" Omar\",\"Head of unit\r\nreturns, Erbil\"\n"
         "\"\",plain \"quote\" kept\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "Ali \"Abu\" Omar");
  EXPECT_EQ(t.rows[0][1], "Head of unit\r\nreturns, Erbil");
  EXPECT_EQ(t.rows[1][0], "");
  EXPECT_EQ(t.rows[1][1], "plain \"quote\" kept");
}

TEST(CsvTest, ArabicTextAndNoFinalLineBreak) {
  auto t = ok("name,country\n\xD9\x84\xD9\x8A\xD9\x84\xD9\x89,LB");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], "\xD9\x84\xD9\x8A\xD9\x84\xD9\x89");
}

TEST(CsvTest, BlankLinesAndTrailingSeparatorsAreSkipped) {
  auto t = ok("\r\n email , name \n\n,\n,,\na@example.org,A,,\n\r\n");
  EXPECT_EQ(t.header, (std::vector<std::string>{"email", "name"}));
  EXPECT_EQ(t.rows, (Rows{{"a@example.org", "A"}}));
}

TEST(CsvTest, NotUtf8) {
  // Latin-1 "Müller", as an older Excel saves "CSV".
  EXPECT_EQ(problem("name\nM\xFCller\n").key, kNotUtf8);
  // UTF-16 (Excel's "Unicode text"): a byte order mark and NUL bytes.
  EXPECT_EQ(problem(std::string_view("\xFF\xFEn\0a\0", 6)).key, kNotUtf8);
  EXPECT_EQ(problem(std::string_view("n,a\nx,\0", 7)).key, kNotUtf8);
}

TEST(CsvTest, UnterminatedQuoteNamesItsRow) {
  auto p = problem("email,name\na@example.org,A\nb@example.org,\"B\nc@example.org,C\n");
  EXPECT_EQ(p.key, kUnterminatedQuote);
  EXPECT_EQ(p.row, 2u);
  EXPECT_EQ(p.column, 2u);
  EXPECT_EQ(problem("\"email,name\n").row, 0u);
}

TEST(CsvTest, WrongNumberOfFields) {
  auto p = problem("email,name,country\na@example.org,A,DE\nb@example.org,B\n");
  EXPECT_EQ(p.key, kWrongFieldCount);
  EXPECT_EQ(p.row, 2u);
  EXPECT_EQ(p.expected, 3u);
  EXPECT_EQ(p.found, 2u);
  EXPECT_EQ(problem("a,b\n1,2,3\n").found, 3u);
}

TEST(CsvTest, EmptyFiles) {
  EXPECT_EQ(problem("").key, kEmpty);
  EXPECT_EQ(problem("\xEF\xBB\xBF").key, kEmpty);
  EXPECT_EQ(problem("\r\n\n;;\n").key, kEmpty);
  EXPECT_EQ(problem("email,name\n").key, kNoRows);
  EXPECT_EQ(problem("email,name\n,\n").key, kNoRows);
}

TEST(CsvTest, TooManyRows) {
  std::string s = "email\n";
  for (int i = 0; i < 4; ++i) s += "p" + std::to_string(i) + "@example.org\n";
  EXPECT_TRUE(parse(s, 4));
  s += "p4@example.org\n";
  auto p = problem(s, 4);
  EXPECT_EQ(p.key, kTooManyRows);
  EXPECT_EQ(p.expected, 4u);
}

// The file as a whole: one byte over the limit is refused before it is read.
TEST(ImportRows, FileLargerThanTheLimitIsRefused) {
  const std::string head = "email,name,country\na@example.org,";
  std::string file = head + std::string(kMaxFileBytes - head.size() - 4, 'x') + ",DE\n";
  ASSERT_EQ(file.size(), kMaxFileBytes);
  auto fits = read_rows(file);
  EXPECT_FALSE(fits.problem);
  ASSERT_EQ(fits.rows.size(), 1u);
  EXPECT_EQ(fits.problems.size(), 1u);  // the name is over its limit, a row problem
  file.insert(head.size(), "y");
  auto over = read_rows(file);
  ASSERT_TRUE(over.problem);
  EXPECT_STREQ(over.problem->key, "The file is larger than {max} MB; split it into smaller files.");
  EXPECT_EQ(over.problem->args.at(0).second, "10");
  EXPECT_TRUE(over.rows.empty());
}

// Every field at the profile's limits, counted in characters, passes; one
// character more is a problem of that row and column, with the limit.
TEST(ImportRows, FieldsKeepToTheProfilesLimits) {
  auto repeat = [](std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
  };
  auto row = [&](std::size_t extra) {
    return "e" + std::to_string(extra) + "@example.org," +
           repeat("ن", programme::kMaxName + extra) + "," +
           repeat("n", programme::kMaxName + extra) + ",MA," +
           repeat("م", programme::kMaxName + extra) + "," +
           repeat("m", programme::kMaxName + extra) + "," +
           repeat("p", programme::kMaxPosition + extra) + "," +
           repeat("ج", programme::kMaxGender + extra) + "\n";
  };
  auto file =
      read_rows("email,name,name_latin,country,organisation,organisation_latin,position,gender\n" +
                row(0) + row(1));
  ASSERT_FALSE(file.problem);
  const std::vector<std::string> columns = {
      "name", "name_latin", "organisation", "organisation_latin", "position", "gender"};
  ASSERT_EQ(file.problems.size(), columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    SCOPED_TRACE(columns[i]);
    EXPECT_EQ(file.problems[i].row, 2u);
    EXPECT_EQ(file.problems[i].column, columns[i]);
    EXPECT_STREQ(file.problems[i].key, "Too long: at most {max} characters.");
    EXPECT_EQ(file.problems[i].max, columns[i] == "gender"     ? programme::kMaxGender
                                    : columns[i] == "position" ? programme::kMaxPosition
                                                               : programme::kMaxName);
  }
}

}  // namespace
}  // namespace crm::imports::csv
