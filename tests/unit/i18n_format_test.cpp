// Numbers, percentages, lists and typed digits in each language crm speaks:
// what an Arabic reader sees is written in Arabic-Indic digits with the Arabic
// percent sign and list format, and what they type in those digits is understood.
#include <gtest/gtest.h>

#include "core/i18n.hpp"
#include "web/forms.hpp"

namespace crm {
namespace {

const Catalogs& catalogs() {
  static const Catalogs c;
  return c;
}

TEST(I18nFormat, NumbersUseTheLanguagesDigitsAndGrouping) {
  EXPECT_EQ(Tr(catalogs(), "en").number(20000), "20,000");
  EXPECT_EQ(Tr(catalogs(), "de").number(20000), "20.000");
  EXPECT_EQ(Tr(catalogs(), "ar").number(20000), "٢٠٬٠٠٠");
  EXPECT_EQ(Tr(catalogs(), "ar").number(5), "٥");
}

TEST(I18nFormat, PercentUsesTheLanguagesSign) {
  EXPECT_EQ(Tr(catalogs(), "en").percent(17), "17%");
  EXPECT_EQ(Tr(catalogs(), "en").percent(16.6), "17%");
  EXPECT_EQ(Tr(catalogs(), "de").percent(17), "17\u00a0%");
  EXPECT_EQ(Tr(catalogs(), "fr").percent(100), "100\u00a0%");
  auto ar = Tr(catalogs(), "ar").percent(17);
  EXPECT_NE(ar.find("١٧"), std::string::npos) << ar;
  EXPECT_NE(ar.find("٪"), std::string::npos) << ar;
  EXPECT_EQ(ar.find('%'), std::string::npos) << ar;
  EXPECT_EQ(ar.find('1'), std::string::npos) << ar;
}

TEST(I18nFormat, ListsJoinAsTheLanguageDoes) {
  const std::vector<std::string> three = {"Cohort 1", "Cohort 2", "Cohort 3"};
  EXPECT_EQ(Tr(catalogs(), "en").list(three), "Cohort 1, Cohort 2 and Cohort 3");
  EXPECT_EQ(Tr(catalogs(), "de").list(three), "Cohort 1, Cohort 2 und Cohort 3");
  EXPECT_EQ(Tr(catalogs(), "fr").list(three), "Cohort 1, Cohort 2 et Cohort 3");
  auto ar = Tr(catalogs(), "ar").list({"Cohort 2", "Cohort 3"});
  EXPECT_EQ(ar.find(", "), std::string::npos) << ar;
  EXPECT_NE(ar.find("و"), std::string::npos) << ar;
  EXPECT_EQ(Tr(catalogs(), "en").list({"Alone"}), "Alone");
  EXPECT_EQ(Tr(catalogs(), "en").list({}), "");
}

TEST(I18nFormat, PluralsTakeMorePlaceholders) {
  // "{n}" is formatted in the language's digits, the rest is filled as given.
  Tr en(catalogs(), "en");
  EXPECT_EQ(en.plural("{n} invitation sent", "{n} invitations sent", 3, {{"x", "y"}}),
            "3 invitations sent");
}

TEST(I18nFormat, TypedNumbersInEveryScript) {
  EXPECT_EQ(parse_whole_number("42"), 42);
  EXPECT_EQ(parse_whole_number(" 42 "), 42);
  EXPECT_EQ(parse_whole_number("٤٢"), 42);  // Arabic-Indic
  EXPECT_EQ(parse_whole_number("۴۲"), 42);  // Persian
  EXPECT_EQ(parse_whole_number("١٠٠"), 100);
  EXPECT_EQ(parse_whole_number("۱٠0"), 100);  // mixed, as a phone keyboard may give
  EXPECT_EQ(parse_whole_number("0"), 0);
  EXPECT_EQ(parse_whole_number("999999999999999999"), 999999999999999999LL);
  for (const char* bad : {"", " ", "-1", "+1", "1.5", "1,000", "١٬٠٠٠", "4 2", "x", "1e3",
                          "9999999999999999999", "\xd9", "\xd9\xaa", "\xdb\xba", "٪"})
    EXPECT_EQ(parse_whole_number(bad), std::nullopt) << bad;
}

TEST(I18nFormat, PageNumbersInEveryScript) {
  EXPECT_EQ(web::page_param("2"), 2);
  EXPECT_EQ(web::page_param("٢"), 2);
  EXPECT_EQ(web::page_param("۱۲"), 12);
  EXPECT_EQ(web::page_param("x"), 1);
  EXPECT_EQ(web::page_param("0"), 1);
  EXPECT_EQ(web::page_param("٩٩٩٩٩٩٩٩"), 1000000);
}

TEST(I18nFormat, CodesTypedInArabicDigits) {
  EXPECT_EQ(ascii_digits("٤٨٢٩١٠"), "482910");
  EXPECT_EQ(ascii_digits("۴۸۲۹۱۰"), "482910");
  EXPECT_EQ(ascii_digits("ab-12 ٣"), "ab-12 3");
  EXPECT_EQ(ascii_digits("عربي٪"), "عربي٪");  // letters and the percent sign stay
}

}  // namespace
}  // namespace crm
