#include <gtest/gtest.h>

#include <set>
#include <string>

#include "auth/password.hpp"
#include "auth/qr.hpp"
#include "auth/tokens.hpp"
#include "auth/totp.hpp"

namespace crm::auth {
namespace {

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Base32, EncodesAndDecodesTheRfcSecret) {
  EXPECT_EQ(base32_encode("12345678901234567890"), kRfcSecret);
  EXPECT_EQ(base32_decode(kRfcSecret), "12345678901234567890");
  EXPECT_EQ(base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), "12345678901234567890");
}

TEST(Base32, Rfc4648Vectors) {
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YQ="), "foob");
  EXPECT_EQ(base32_decode(""), "");
}

TEST(Base32, RejectsInvalidInput) {
  EXPECT_FALSE(base32_decode("MZXW1"));   // '1' is not in the alphabet
  EXPECT_FALSE(base32_decode("M"));       // no whole byte
  EXPECT_FALSE(base32_decode("MZX"));     // impossible length
  EXPECT_FALSE(base32_decode("MZ=XW6"));  // padding in the middle
}

TEST(Totp, NewSecretIs160BitsOfBase32) {
  const std::string s = new_totp_secret();
  EXPECT_EQ(s.size(), 32u);
  auto raw = base32_decode(s);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->size(), 20u);
  EXPECT_NE(s, new_totp_secret());
}

TEST(Totp, Rfc6238Sha1Vectors) {
  const std::pair<int64_t, const char*> vectors[] = {
      {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
      {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
  };
  for (const auto& [time, expected] : vectors) {
    EXPECT_EQ(totp_code(kRfcSecret, time), expected) << "time " << time;
  }
}

TEST(Totp, CodeForInvalidSecretIsABug) {
  EXPECT_THROW((void)totp_code("not base32!", 59), std::invalid_argument);
  EXPECT_THROW((void)totp_code("", 59), std::invalid_argument);
}

TEST(Totp, VerifyAcceptsOneStepEitherWay) {
  const int64_t t = 1111111111;  // step 37037037
  const int64_t step = t / 30;
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, t), t, -1), step);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, t - 30), t, -1), step - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, t + 30), t, -1), step + 1);
  EXPECT_FALSE(verify_totp(kRfcSecret, totp_code(kRfcSecret, t - 60), t, -1));
  EXPECT_FALSE(verify_totp(kRfcSecret, totp_code(kRfcSecret, t + 60), t, -1));
}

TEST(Totp, VerifyAllowsSpacesAndLowerCaseSecret) {
  EXPECT_EQ(verify_totp("gezdgnbvgy3tqojq gezdgnbvgy3tqojq", "287 082", 59, -1), 1);
}

TEST(Totp, VerifyRejectsReplay) {
  const int64_t t = 1234567890;
  const int64_t step = t / 30;
  const std::string code = totp_code(kRfcSecret, t);
  auto used = verify_totp(kRfcSecret, code, t, -1);
  ASSERT_EQ(used, step);
  EXPECT_FALSE(verify_totp(kRfcSecret, code, t, *used));
  EXPECT_FALSE(verify_totp(kRfcSecret, code, t + 15, *used));
  // An older code inside the window is refused once a newer step was used.
  EXPECT_FALSE(verify_totp(kRfcSecret, totp_code(kRfcSecret, t - 30), t, step));
  // The next step is still fine.
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, t + 30), t + 30, step), step + 1);
}

TEST(Totp, VerifyRejectsMalformedCodes) {
  const int64_t t = 59;
  for (std::string_view bad :
       {"12345", "abcdef", "1234567", "", "28708a", "２８７０８２", "287082\n", "-28708"}) {
    EXPECT_FALSE(verify_totp(kRfcSecret, bad, t, -1)) << bad;
  }
  EXPECT_FALSE(verify_totp("not base32!", "287082", t, -1));
  EXPECT_FALSE(verify_totp("", "287082", t, -1));
}

TEST(Totp, OtpauthUriIsPercentEncoded) {
  EXPECT_EQ(otpauth_uri("crm", "anna@example.org", kRfcSecret),
            "otpauth://totp/crm:anna%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=crm&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("My CRM: Test&Co", "anna@example.org", "ABC"),
            "otpauth://totp/My%20CRM%3A%20Test%26Co:anna%40example.org?secret=ABC"
            "&issuer=My%20CRM%3A%20Test%26Co&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("crm", "zoë", "ABC").rfind("otpauth://totp/crm:zo%C3%AB?secret=ABC&", 0),
            0u);
}

TEST(RecoveryCodes, FormatAndUniqueness) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> seen;
  for (const auto& c : codes) {
    ASSERT_EQ(c.size(), 14u) << c;
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (i == 4 || i == 9) {
        EXPECT_EQ(c[i], '-') << c;
      } else {
        EXPECT_NE(std::string_view("abcdefghjkmnpqrstuvwxyz23456789").find(c[i]),
                  std::string_view::npos)
            << c;
      }
    }
    EXPECT_EQ(normalise_recovery_code(c), c);
    seen.insert(c);
  }
  EXPECT_EQ(seen.size(), codes.size());
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
  EXPECT_TRUE(new_recovery_codes(0).empty());
}

TEST(RecoveryCodes, Normalisation) {
  EXPECT_EQ(normalise_recovery_code("abcd-efgh-jkmn"), "abcd-efgh-jkmn");
  EXPECT_EQ(normalise_recovery_code(" ABCD EFGH JKMN "), "abcd-efgh-jkmn");
  EXPECT_EQ(normalise_recovery_code("abcdefghjkmn"), "abcd-efgh-jkmn");
  EXPECT_EQ(normalise_recovery_code("AbCd - eFgH - jKmN\n"), "abcd-efgh-jkmn");
  EXPECT_EQ(normalise_recovery_code("ab-cd"), "abcd");  // wrong length: matches nothing
  EXPECT_EQ(normalise_recovery_code(""), "");
}

TEST(Tokens, RandomTokenIsUrlSafe) {
  const std::string t = random_token();
  EXPECT_EQ(t.size(), 43u);
  EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(t, random_token());
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_token(0), "");
}

TEST(Tokens, DigestIsSha256Hex) {
  EXPECT_EQ(token_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(token_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Tokens, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

TEST(Password, Acceptable) {
  EXPECT_FALSE(password_acceptable(""));
  EXPECT_FALSE(password_acceptable("123456789"));
  EXPECT_TRUE(password_acceptable("1234567890"));
  // Ten code points in twenty bytes: Greek counts by letters, not bytes.
  EXPECT_TRUE(password_acceptable("αβγδεζηθικ"));
  EXPECT_FALSE(password_acceptable("αβγδεζηθι"));  // 9 letters, 18 bytes
  EXPECT_TRUE(password_acceptable(std::string(1024, 'x')));
  EXPECT_FALSE(password_acceptable(std::string(1025, 'x')));
  EXPECT_FALSE(password_acceptable("abcdefghij\xff"));          // invalid UTF-8
  EXPECT_FALSE(password_acceptable("abcdefghij\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(password_acceptable("abcdefghij\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(password_acceptable("abcdefghij\xe2\x82"));      // truncated
}

// Each hash or verify costs ~150 ms and 64 MiB, so this file makes two hashes
// and two verifications in all.
TEST(Password, HashRoundTrip) {
  const std::string hash = hash_password("correct horse battery");
  // Interactive cost (64 MiB, 2 passes), or the minimum of the test build.
  const char* cost = password_cost_is_for_tests() ? "$argon2id$v=19$m=8,t=1,p=1$"
                                                  : "$argon2id$v=19$m=65536,t=2,p=1$";
  EXPECT_EQ(hash.rfind(cost, 0), 0u) << hash;
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterz"));
  EXPECT_FALSE(password_needs_rehash(hash));
}

TEST(Password, MalformedStoredHashesFailCheaply) {
  EXPECT_FALSE(verify_password("", "whatever password"));
  EXPECT_FALSE(verify_password("not a hash", "whatever password"));
  EXPECT_FALSE(verify_password(std::string(1000, '$'), "whatever password"));
  EXPECT_TRUE(password_needs_rehash("not a hash"));
  EXPECT_TRUE(password_needs_rehash(
      "$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$"
      "RdescudvJCsgt3ub+b+dWRWJTmaaJObG"));  // cheaper parameters than today's
}

TEST(Password, DummyHashIsStableAndValid) {
  const std::string& a = dummy_hash();
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(&a, &dummy_hash());
  EXPECT_FALSE(password_needs_rehash(a));
}

TEST(Qr, SvgWithoutInlineStyle) {
  const std::string svg = qr_svg(otpauth_uri("crm", "anna@example.org", kRfcSecret));
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.find("style="), std::string::npos);
  EXPECT_EQ(svg.find("<style"), std::string::npos);
  EXPECT_NE(svg.find(R"(width="220" height="220")"), std::string::npos);
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(svg.find(R"(shape-rendering="crispEdges")"), std::string::npos);
  EXPECT_NE(svg.find(R"(fill="currentColor")"), std::string::npos);
  EXPECT_EQ(svg.find("aria-label"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  // Exactly one path holds every dark module.
  EXPECT_EQ(svg.find("<path"), svg.rfind("<path"));
}

TEST(Qr, SizeAndEscapedLabel) {
  // "HELLO" fits version 1 (21 modules) + 2 * 4 quiet zone = 29.
  const std::string svg = qr_svg("HELLO", 100, R"(QR "code" <x>)");
  EXPECT_NE(svg.find(R"(viewBox="0 0 29 29")"), std::string::npos) << svg;
  EXPECT_NE(svg.find(R"(width="100" height="100")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-label="QR &quot;code&quot; &lt;x&gt;")"), std::string::npos);
  // The top-left finder pattern starts at the quiet zone edge with a 7-module run.
  EXPECT_NE(svg.find(R"(d="M4 4h7v1h-7z)"), std::string::npos);
}

}  // namespace
}  // namespace crm::auth
