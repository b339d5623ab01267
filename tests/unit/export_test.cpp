// CSV and XLSX exports (web/export): escaping, formula injection, the
// byte-order mark, and a workbook that spreadsheet programs open.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "web/export.hpp"

namespace crm {
namespace {

// A member of a zip archive, through unzip(1) (the test packages install it).
std::string unzip_member(const std::string& zip, const std::string& member) {
  auto path = std::filesystem::temp_directory_path() /
              ("crm-export-test-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << zip;
  std::string out;
  if (FILE* p = popen(("unzip -p '" + path.string() + "' '" + member + "'").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

TEST(Csv, QuotesWhatNeedsQuoting) {
  EXPECT_EQ(web::csv_cell("plain"), "plain");
  EXPECT_EQ(web::csv_cell(""), "");
  EXPECT_EQ(web::csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(web::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(web::csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(web::csv_cell("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(web::csv_cell("ليلى حداد"), "ليلى حداد");
}

TEST(Csv, NeutralisesFormulas) {
  EXPECT_EQ(web::csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(web::csv_cell("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
  EXPECT_EQ(web::csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(web::csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(web::csv_cell("\t=1"), "'\t=1");
  EXPECT_EQ(web::csv_cell("a=b"), "a=b");  // only at the start
  // Plain numbers cannot be formulas and stay numbers.
  EXPECT_EQ(web::csv_cell("-8.3"), "-8.3");
  EXPECT_EQ(web::csv_cell("42"), "42");
  EXPECT_TRUE(web::is_plain_number("-0.5"));
  EXPECT_FALSE(web::is_plain_number("-"));
  EXPECT_FALSE(web::is_plain_number("1."));
  EXPECT_FALSE(web::is_plain_number("1e5"));
  EXPECT_FALSE(web::is_plain_number("-1-1"));
}

TEST(Csv, WholeTableWithBomAndCrlf) {
  web::Table t{{"Name", "Country"}, {{"Ana, B.", "DE"}, {"=1+1"}, {"x", "y", "extra"}}};
  EXPECT_EQ(web::to_csv(t), "\xEF\xBB\xBFName,Country\r\n\"Ana, B.\",DE\r\n'=1+1,\r\nx,y\r\n");
}

TEST(Xlsx, ZipWithTheCellsAndRightToLeftForArabic) {
  web::Table t{{"الاسم", "Count"}, {{"ليلى حداد", "12"}, {"=cmd()", "-3"}}};
  auto ltr = web::to_xlsx(t, {"People", false});
  ASSERT_GT(ltr.size(), 100u);
  EXPECT_EQ(ltr.substr(0, 2), "PK");
  auto sheet = unzip_member(ltr, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty()) << "unzip is missing or the file is not a zip";
  EXPECT_EQ(sheet.find("rightToLeft"), std::string::npos);
  EXPECT_NE(sheet.find("<v>12</v>"), std::string::npos);  // a number
  EXPECT_NE(sheet.find("<v>-3</v>"), std::string::npos);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);  // never a formula
  auto strings = unzip_member(ltr, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("ليلى حداد"), std::string::npos);
  EXPECT_NE(strings.find("=cmd()"), std::string::npos);
  EXPECT_NE(unzip_member(ltr, "xl/workbook.xml").find("name=\"People\""), std::string::npos);

  auto rtl = web::to_xlsx(t, {"الناس", true});
  EXPECT_NE(unzip_member(rtl, "xl/worksheets/sheet1.xml").find("rightToLeft=\"1\""),
            std::string::npos);
  // A name a sheet cannot have falls back to the default.
  auto bad = web::to_xlsx(t, {"a/b[c]", false});
  EXPECT_NE(unzip_member(bad, "xl/workbook.xml").find("name=\"Sheet1\""), std::string::npos);
}

TEST(Download, AttachmentThatIsNotCached) {
  auto r = web::download("x", web::kCsvType, "cohort-3-people.csv");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"cohort-3-people.csv\"");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace crm
