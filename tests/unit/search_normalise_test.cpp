// The search normaliser, rule by rule (src/search/normalise.hpp).
#include <gtest/gtest.h>

#include "search/normalise.hpp"

using crm::search::has_arabic_script;
using crm::search::normalise;

TEST(SearchNormalise, ArabicDiacriticsAndTatweelGo) {
  // مُهَاجِرٌ (harakat, tanwin), مهـــاجر (tatweel), shadda and sukun, superscript alef.
  EXPECT_EQ(normalise("مُهَاجِرٌ", "ar"), "مهاجر");
  EXPECT_EQ(normalise("مهـــاجر", "ar"), "مهاجر");
  EXPECT_EQ(normalise("الهِجْرَة", "ar"), "الهجره");
  EXPECT_EQ(normalise("مُدَرِّس", "ar"), "مدرس");
  EXPECT_EQ(normalise("هٰذا", "ar"), "هذا");
}

TEST(SearchNormalise, ArabicAlefFormsMeet) {
  EXPECT_EQ(normalise("أحمد إسلام آمال ٱلله", "ar"), "احمد اسلام امال الله");
}

TEST(SearchNormalise, TaaMarbutaAndAlefMaqsura) {
  EXPECT_EQ(normalise("عودة", "ar"), "عوده");
  EXPECT_EQ(normalise("مستشفى", "ar"), "مستشفي");
}

TEST(SearchNormalise, ConjunctionBeforeTheArticle) {
  EXPECT_EQ(normalise("والمهاجرون", "ar"), "المهاجرون");
  EXPECT_EQ(normalise("فالعودة", "ar"), "العوده");
  // Not the article: the و is part of the word (ولد, "boy").
  EXPECT_EQ(normalise("ولد", "ar"), "ولد");
  EXPECT_EQ(normalise("والد", "ar"), "والد");  // too short to be و + ال + word
}

TEST(SearchNormalise, ArabicIndicAndPersianDigits) {
  EXPECT_EQ(normalise("٢٠٢٦", "ar"), "2026");
  EXPECT_EQ(normalise("۱۴۰۵", "en"), "1405");
}

TEST(SearchNormalise, ArabicRulesApplyInAnyLanguage) {
  EXPECT_EQ(normalise("Le mot عَوْدَة", "fr"), "le mot عوده");
}

TEST(SearchNormalise, TurkishDottedAndDotlessI) {
  EXPECT_EQ(normalise("İSTANBUL", "tr"), "istanbul");
  EXPECT_EQ(normalise("IRAK", "tr"), "ırak");
  EXPECT_EQ(normalise("GÖÇMENLERİN", "tr"), "göçmenlerin");
  // Elsewhere I is i, and İ is i too (not i with a combining dot).
  EXPECT_EQ(normalise("IRAK İstanbul", "en"), "irak istanbul");
}

TEST(SearchNormalise, FrenchAndItalianElision) {
  EXPECT_EQ(normalise("l'intégration", "fr"), "intégration");
  EXPECT_EQ(normalise("L’intégration d'une qu'on", "fr"), "intégration une on");
  EXPECT_EQ(normalise("dell'integrazione nell’ambito sull'accoglienza all'estero", "it"),
            "integrazione ambito accoglienza estero");
  // Not an article: the apostrophe stays.
  EXPECT_EQ(normalise("don't", "en"), "don't");
}

TEST(SearchNormalise, GermanUmlautsMeetTheirSpellings) {
  EXPECT_EQ(normalise("Rückkehr", "de"), "rueckkehr");
  EXPECT_EQ(normalise("Rueckkehr", "de"), "rueckkehr");
  EXPECT_EQ(normalise("Größe Straße ÄRZTE Öl", "de"), "groesse strasse aerzte oel");
  // Only in German: Turkish ö and ü are letters of their own.
  EXPECT_EQ(normalise("göçmen", "tr"), "göçmen");
}

TEST(SearchNormalise, CaseFolding) {
  EXPECT_EQ(normalise("Return AND Reintegration", "en"), "return and reintegration");
  EXPECT_EQ(normalise("ÉCOLE", "fr"), "école");
}

TEST(SearchNormalise, InvalidUtf8DoesNotThrow) {
  EXPECT_NO_THROW(normalise(std::string("ab\xff\xfe"
                                        "cd"),
                            "en"));
}

TEST(SearchNormalise, ArabicScriptDetection) {
  EXPECT_TRUE(has_arabic_script("العودة"));
  EXPECT_TRUE(has_arabic_script("return العودة"));
  EXPECT_FALSE(has_arabic_script("Rückkehr 2026"));
  EXPECT_FALSE(has_arabic_script("٢٠٢٦"));  // digits alone say nothing
}
