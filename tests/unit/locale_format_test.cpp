// Country names and numbers come from tables and formatters built once; they
// must say exactly what ICU and Boost.Locale say when asked each time.
#include <gtest/gtest.h>
#include <unicode/coll.h>
#include <unicode/locid.h>

#include <boost/locale.hpp>
#include <cmath>
#include <memory>
#include <sstream>

#include "core/i18n.hpp"
#include "programme/countries.hpp"

namespace crm {
namespace {

std::string icu_name(const char* code, const char* language) {
  icu::UnicodeString name;
  icu::Locale("", code).getDisplayCountry(icu::Locale(language), name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

TEST(Countries, NamesAreIcusInEveryLanguage) {
  int checked = 0;
  for (const auto& lang : languages()) {
    std::string l(lang.code);
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      ASSERT_TRUE(programme::is_country(*c)) << *c;
      EXPECT_EQ(programme::country_name(*c, l), icu_name(*c, l.c_str())) << *c << " " << l;
      ++checked;
    }
  }
  EXPECT_GT(checked, 4 * 240);
  EXPECT_EQ(programme::country_name("DE", "de"), "Deutschland");
  EXPECT_EQ(programme::country_name("MA", "ar"), "المغرب");
  EXPECT_FALSE(programme::is_country("XX"));
  EXPECT_FALSE(programme::is_country("de"));
  EXPECT_FALSE(programme::is_country("D"));
  EXPECT_FALSE(programme::is_country("DEU"));
  EXPECT_EQ(programme::country_name("XX", "de"), "XX");
  EXPECT_EQ(programme::country_name("", "de"), "");
}

TEST(Countries, SortByNameFollowsTheLanguagesCollation) {
  for (const auto& lang : languages()) {
    std::string l(lang.code);
    std::vector<std::string> codes = {"TR", "DE", "IQ", "AT", "MA", "SN", "GH", "ET", "JO", "LB",
                                      "IT", "AL", "BA", "ME", "RS", "NG", "CH", "EG", "TN", "UA"};
    auto expected = codes;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> coll(
        icu::Collator::createInstance(icu::Locale(l.c_str()), status));
    ASSERT_TRUE(U_SUCCESS(status));
    std::stable_sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
      UErrorCode s = U_ZERO_ERROR;
      return coll->compareUTF8(programme::country_name(a, l), programme::country_name(b, l), s) ==
             UCOL_LESS;
    });
    programme::sort_by_name(codes, l);
    EXPECT_EQ(codes, expected) << l;
  }
  std::vector<std::string> de = {"TR", "XX", "AT", "DE"};
  programme::sort_by_name(de, "de");  // Deutschland, Österreich, Türkei; unknown codes last
  EXPECT_EQ(de, (std::vector<std::string>{"DE", "AT", "TR", "XX"}));
}

TEST(Numbers, AreFormattedAsBoostLocaleFormatsThem) {
  Catalogs catalogs;
  for (const auto& lang : languages()) {
    Tr tr(catalogs, lang.code);
    for (long long n : {0LL, 1LL, 7LL, 12LL, 999LL, 1000LL, 1234LL, 20000LL, 99999LL, 1234567LL,
                        -5LL, -1234LL, 9007199254740993LL}) {
      std::ostringstream ss;
      ss.imbue(catalogs.locale(lang.code));
      ss << boost::locale::as::number << n;
      EXPECT_EQ(tr.number(n), ss.str()) << lang.code << " " << n;
    }
  }
  EXPECT_EQ(Tr(catalogs, "de").number(20000), "20.000");
  EXPECT_EQ(Tr(catalogs, "ar").number(25), "٢٥");
}

}  // namespace
}  // namespace crm

namespace crm {
namespace {

TEST(Dates, AreFormattedAsBoostLocaleFormatsThemInEveryZone) {
  Catalogs catalogs;
  // Around the spring and autumn changes in Berlin and New York, a leap day,
  // the epoch and a far date.
  const std::vector<int64_t> times = {0,          1711846799, 1711846800, 1729990800,
                                      1729994400, 1709208000, 1794700800, 4102444800};
  for (const auto& lang : languages())
    for (std::string zone :
         {"UTC", "Europe/Berlin", "Asia/Baghdad", "Africa/Dakar", "America/New_York"}) {
      Tr tr(catalogs, lang.code, zone);
      for (int64_t t : times) {
        std::ostringstream date, date_time;
        date.imbue(catalogs.locale(lang.code));
        date << boost::locale::as::date << boost::locale::as::date_medium
             << boost::locale::as::time_zone(zone) << static_cast<double>(t);
        date_time.imbue(catalogs.locale(lang.code));
        date_time << boost::locale::as::datetime << boost::locale::as::date_medium
                  << boost::locale::as::time_short << boost::locale::as::time_zone(zone)
                  << static_cast<double>(t);
        EXPECT_EQ(tr.date(t), date.str()) << lang.code << " " << zone << " " << t;
        EXPECT_EQ(tr.date_time(t), date_time.str()) << lang.code << " " << zone << " " << t;
      }
    }
  // The same time, one zone after another on the same catalogs: no format
  // keeps the zone of another.
  EXPECT_NE(Tr(catalogs, "en", "Asia/Baghdad").date_time(1711846800),
            Tr(catalogs, "en", "UTC").date_time(1711846800));
}

}  // namespace
}  // namespace crm

namespace crm {
namespace {

TEST(Percent, IsFormattedAsBoostLocaleFormatsIt) {
  Catalogs catalogs;
  for (const auto& lang : languages()) {
    Tr tr(catalogs, lang.code);
    for (double p : {0.0, 0.4, 6.0, 16.6, 17.0, 42.5, 99.5, 100.0}) {
      std::ostringstream ss;
      ss.imbue(catalogs.locale(lang.code));
      ss << boost::locale::as::percent << std::round(p) / 100.0;
      EXPECT_EQ(tr.percent(p), ss.str()) << lang.code << " " << p;
    }
  }
}

}  // namespace
}  // namespace crm
