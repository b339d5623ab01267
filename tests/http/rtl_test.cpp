// Right-to-left pages and numbers as an Arabic reader meets them: titles keep
// the page's direction with the user's text isolated inside, numbers in
// messages are written in the reader's digits, and number fields take the
// digits people type. On SQLite and PostgreSQL.
#include <cmath>
#include <regex>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class RtlTest : public HttpTest {
 protected:
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  int64_t person_of(const std::string& email) {
    return count("SELECT id FROM person WHERE email = '" + email + "'");
  }
  // Signs in and switches the account to `language`.
  Client in_language(const std::string& role, const std::string& language) {
    auto c = sign_in(role);
    if (c.submit("/account", {{"language", language}, {"next", "/"}}, "/language").status != 303)
      throw std::runtime_error("language switch failed");
    return c;
  }
  // The first <h1 …>…</h1> of a page, tags included.
  static std::string h1(const std::string& html) {
    auto start = html.find("<h1");
    if (start == std::string::npos) return {};
    auto end = html.find("</h1>", start);
    return html.substr(start, end == std::string::npos ? std::string::npos : end + 5 - start);
  }
};

TEST_F(RtlTest, TitlesKeepThePageDirectionAndIsolateTheName) {
  auto staff = in_language("staff", "ar");
  auto cohort = std::to_string(cohort_id(3));
  std::string laila = std::to_string(person_of("participant@demo.crm.example"));
  for (const std::string& path : std::vector<std::string>{
           "/cohorts/" + cohort, "/cohorts/" + cohort + "/parity", "/people/" + laila, "/"}) {
    auto page = staff.get(path);
    ASSERT_EQ(page.status, 200) << path;
    EXPECT_EQ(html_attribute(page.body, "dir"), "rtl") << path;
    auto title = h1(page.body);
    EXPECT_TRUE(title.starts_with("<h1>")) << path << ": " << title;
    EXPECT_EQ(title.find("dir="), std::string::npos) << path << ": " << title;
    EXPECT_NE(title.find("<bdi>"), std::string::npos) << path << ": " << title;
  }
  // No block of the cohort page takes its direction from the user's text.
  auto page = staff.get("/cohorts/" + cohort);
  for (const char* block : {"<h1 dir", "<h2 dir", "<td dir=\"auto\"", "<th dir=\"auto\"",
                            "<dd dir=\"auto\"", "<li dir=\"auto\""})
    EXPECT_EQ(page.body.find(block), std::string::npos) << block;
}

// Arabic-Indic digits for a number ("١٢٣" for 123).
std::string arabic_digits(const std::string& ascii) {
  static const char* const kDigits[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  std::string out;
  for (char c : ascii) out += kDigits[c - '0'];
  return out;
}
std::string persian_digits(const std::string& ascii) {
  static const char* const kDigits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  std::string out;
  for (char c : ascii) out += kDigits[c - '0'];
  return out;
}
bool has_ascii_digit(std::string_view s) {
  return s.find_first_of("0123456789") != std::string_view::npos;
}
// The text of the first <p class="hint"> … </p> after `from`.
std::string hint_after(const std::string& html, size_t from = 0) {
  auto start = html.find("<p class=\"hint\"", from);
  if (start == std::string::npos) return {};
  start = html.find('>', start) + 1;
  return html.substr(start, html.find("</p>", start) - start);
}

TEST_F(RtlTest, ArabicMessagesWriteNumbersInArabic) {
  auto staff = in_language("staff", "ar");
  const std::string cohort = "/cohorts/" + std::to_string(cohort_id(3));
  auto parity = staff.get(cohort + "/parity");
  ASSERT_EQ(parity.status, 200);
  // Shares in the tables: the Arabic percent sign and digits, never "%".
  auto table = parity.body.substr(parity.body.find("<table"));
  EXPECT_NE(table.find("٪"), std::string::npos);
  EXPECT_EQ(table.find("%<"), std::string::npos);
  EXPECT_EQ(table.find(" %"), std::string::npos);
  // The hint's "5 points" and anonymity threshold are numbers of the message.
  auto hint = hint_after(parity.body, parity.body.find("<dl"));
  EXPECT_NE(hint.find(arabic_digits("5")), std::string::npos) << hint;
  EXPECT_FALSE(has_ascii_digit(hint)) << hint;
  // "Within 5 points of target" takes the plural form for 3 to 10: نقاط.
  EXPECT_EQ(parity.body.find("٥ نقطة"), std::string::npos);
  // A refused value: the range in the message is in Arabic digits too.
  auto before = state();
  auto bad = staff.submit(cohort + "/targets", {{"gender_female", "x"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("من ٠ إلى ١٠٠"), std::string::npos);
  EXPECT_EQ(bad.body.find("من 0 إلى 100"), std::string::npos);
  auto too_much =
      staff.submit(cohort + "/targets", {{"gender_female", "70"}, {"gender_male", "60"}});
  EXPECT_EQ(too_much.status, 422);
  EXPECT_NE(too_much.body.find("١٠٠٪"), std::string::npos);
  EXPECT_EQ(state(), before);
  // A problem with an uploaded file names its row and counts in Arabic digits.
  auto import_form = staff.get(cohort + "/import");
  ASSERT_EQ(import_form.status, 200);
  EXPECT_NE(import_form.body.find("٢٠٬٠٠٠"), std::string::npos);  // "Up to 20,000 rows"
  auto upload = staff.post_multipart(
      cohort + "/import", {{"csrf", csrf_of(import_form.body)}},
      {{"file", "people.csv", "text/csv", "email,name,country\na@import.example,Anna\n"}});
  EXPECT_EQ(upload.status, 422);
  EXPECT_NE(upload.body.find("الصف ١: ٢"), std::string::npos);
  EXPECT_EQ(state(), before);
  // A profile limit: "2000 حرف" was written into the string; now it is formatted.
  auto participant = in_language("participant", "ar");
  auto profile = participant.get("/profile");
  ASSERT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("٢٬٠٠٠ حرف"), std::string::npos);
  EXPECT_EQ(profile.body.find("2000 حرف"), std::string::npos);
}

TEST_F(RtlTest, ListsUseTheLanguagesListFormat) {
  auto staff = in_language("staff", "ar");
  std::string laila = std::to_string(person_of("participant@demo.crm.example"));
  sql().sql() << "UPDATE person SET expertise = 'return counselling, reintegration' WHERE id = " +
                     laila;
  auto page = staff.get("/people/" + laila);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<bdi>return counselling</bdi> و<bdi>reintegration</bdi>"),
            std::string::npos);
  EXPECT_EQ(page.body.find("return counselling, reintegration"), std::string::npos);
  auto english = in_language("staff", "en");
  EXPECT_NE(english.get("/people/" + laila)
                .body.find("<bdi>return counselling</bdi> and <bdi>reintegration</bdi>"),
            std::string::npos);
}

TEST_F(RtlTest, NumberFieldsTakeArabicAndPersianDigits) {
  auto staff = in_language("staff", "ar");
  const std::string cohort = std::to_string(cohort_id(2));
  auto saved = staff.submit("/cohorts/" + cohort + "/targets",
                            {{"route_role_origin", arabic_digits("45")},
                             {"route_role_transit", persian_digits("30")},
                             {"route_role_destination", ""},
                             {"gender_female", " " + arabic_digits("50") + " "},
                             {"gender_male", ""}});
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(count("SELECT share_percent FROM cohort_target WHERE cohort_id = " + cohort +
                  " AND value = 'origin'"),
            45);
  EXPECT_EQ(count("SELECT share_percent FROM cohort_target WHERE cohort_id = " + cohort +
                  " AND value = 'transit'"),
            30);
  EXPECT_EQ(count("SELECT share_percent FROM cohort_target WHERE cohort_id = " + cohort +
                  " AND value = 'female'"),
            50);
  // Out of range in any script is still refused, and changes nothing.
  auto before = state();
  EXPECT_EQ(
      staff.submit("/cohorts/" + cohort + "/targets", {{"gender_female", arabic_digits("101")}})
          .status,
      422);
  EXPECT_EQ(state(), before);

  // The erasure confirmation: the record number typed in Arabic-Indic digits.
  const std::string id = std::to_string(person_of("participant@demo.crm.example"));
  const std::string erase = "/people/" + id + "/erase";
  EXPECT_EQ(staff.submit(erase, {{"confirm_id", arabic_digits(id + "0")}}).status, 422);
  EXPECT_EQ(state(), before);
  auto done = staff.submit(erase, {{"confirm_id", arabic_digits(id)}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE erased_at IS NOT NULL AND id = " + id), 1);
}

// Parity bars are drawn against 100 %: each bar's width is its share of the
// bar area, whatever the largest share is.
TEST_F(RtlTest, ParityBarsAreDrawnAgainstTheWhole) {
  auto staff = in_language("staff", "en");
  auto page = staff.get("/cohorts/" + std::to_string(cohort_id(3)) + "/parity");
  ASSERT_EQ(page.status, 200);
  auto counted_at = page.body.find("data-counted=\"");
  ASSERT_NE(counted_at, std::string::npos);
  const double counted = std::stod(page.body.substr(counted_at + 14));
  ASSERT_GT(counted, 0);
  auto start = page.body.find("data-dimension=\"gender\"");
  auto section = page.body.substr(start, page.body.find("</section>", start) - start);
  // The counts of the table, in the order of the bars (empty buckets without a target skipped).
  std::vector<double> widths, shares;
  std::regex bar(R"re(class="bar(?: below)?" x="[0-9.]+%?" y="[0-9.]+" width="([0-9.]+)%")re");
  for (std::sregex_iterator i(section.begin(), section.end(), bar), end; i != end; ++i)
    widths.push_back(std::stod((*i)[1]));
  std::regex row(R"re(<tr data-value="[^"]*" data-count="([0-9]+)")re");
  for (std::sregex_iterator i(section.begin(), section.end(), row), end; i != end; ++i)
    if (double n = std::stod((*i)[1]); n > 0) shares.push_back(n / counted * 100);
  ASSERT_FALSE(widths.empty());
  double largest = 0;
  for (double s : shares) largest = std::max(largest, s);
  ASSERT_LT(largest, 100);  // else "against the largest" and "against 100 %" would agree
  bool found_largest = false;
  for (double w : widths) {
    bool matches = false;
    for (double s : shares) matches = matches || std::abs(w - s * 0.85) < 0.06;
    EXPECT_TRUE(matches || w == 0) << w;
    found_largest = found_largest || std::abs(w - largest * 0.85) < 0.06;
    EXPECT_LT(w, 85) << "a share below 100 % filled the bar area";
  }
  EXPECT_TRUE(found_largest);
}

}  // namespace
}  // namespace crm::test
