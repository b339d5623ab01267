// Verification codes: their shape and randomness, and reading them back as
// people type or read them (any case, dashes and spaces anywhere, O for 0,
// I and L for 1); ECTS in tenths written for the PDF.
#include <gtest/gtest.h>

#include <set>

#include "certificates/code.hpp"
#include "certificates/pdf.hpp"

namespace crm::certificates {
namespace {

TEST(CertificateCode, SixteenLettersOfTheAlphabetInFourGroups) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string c = new_code();
    ASSERT_EQ(c.size(), 19u) << c;
    for (size_t k = 0; k < c.size(); ++k) {
      if (k % 5 == 4) {
        EXPECT_EQ(c[k], '-') << c;
      } else {
        EXPECT_NE(kCodeAlphabet.find(c[k]), std::string_view::npos) << c;
      }
    }
    EXPECT_EQ(normalise_code(c), c);
    seen.insert(c);
  }
  EXPECT_EQ(seen.size(), 2000u);  // 80 bits: a repeat would mean a broken source
  EXPECT_EQ(kCodeAlphabet.size(), 32u);
  for (char ch : std::string_view("ILOU"))
    EXPECT_EQ(kCodeAlphabet.find(ch), std::string_view::npos);
}

TEST(CertificateCode, ReadBackAsPeopleTypeIt) {
  EXPECT_EQ(normalise_code("k7qm3xtr9hcwnp4d"), "K7QM-3XTR-9HCW-NP4D");
  EXPECT_EQ(normalise_code(" K7QM - 3XTR 9HCW-np4d "), "K7QM-3XTR-9HCW-NP4D");
  EXPECT_EQ(normalise_code("OOOO-IIII-LLLL-1111"), "0000-1111-1111-1111");
  EXPECT_FALSE(normalise_code(""));
  EXPECT_FALSE(normalise_code("K7QM-3XTR-9HCW-NP4"));    // too short
  EXPECT_FALSE(normalise_code("K7QM-3XTR-9HCW-NP4DD"));  // too long
  EXPECT_FALSE(normalise_code("K7QM-3XTR-9HCW-NP4U"));   // U is not in the alphabet
  EXPECT_FALSE(normalise_code("K7QM_3XTR_9HCW_NP4D"));   // underscores are not dashes
  EXPECT_FALSE(normalise_code("K7QM-3XTR-9HCW-NP4%"));
  EXPECT_FALSE(normalise_code("\u0667K7QM-3XTR-9HCW-NP4"));  // an Arabic-Indic digit
}

TEST(CertificateCode, EctsInTenths) {
  EXPECT_EQ(ects_text(600), "60");
  EXPECT_EQ(ects_text(75), "7.5");
  EXPECT_EQ(ects_text(75, ','), "7,5");
  EXPECT_EQ(ects_text(0), "0");
}

}  // namespace
}  // namespace crm::certificates
