#include "http/parse.hpp"

#include <gtest/gtest.h>

#include "http/message.hpp"
#include "http/origin.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::http {
namespace {

using namespace std::string_literals;
using Pairs = std::vector<std::pair<std::string, std::string>>;

// --- valid_utf8 --------------------------------------------------------------

TEST(ParseValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("\0"s));  // NUL is valid UTF-8; callers that store text check it
  EXPECT_TRUE(valid_utf8("Grüße"));
  EXPECT_TRUE(valid_utf8("مرحبا"));
  EXPECT_TRUE(valid_utf8("日本語"));
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(valid_utf8("\xC2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  EXPECT_TRUE(valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  EXPECT_TRUE(valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
}

TEST(ParseValidUtf8, RejectsOverlongForms) {
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(valid_utf8("\xC0\x80"));          // "modified UTF-8" NUL
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(ParseValidUtf8, RejectsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_FALSE(valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xFE"));
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(ParseValidUtf8, RejectsBrokenSequences) {
  EXPECT_FALSE(valid_utf8("\x80"));  // lone continuation byte
  EXPECT_FALSE(valid_utf8("a\xBF"));
  EXPECT_FALSE(valid_utf8("\xC3"));  // truncated at the end
  EXPECT_FALSE(valid_utf8("\xE2\x82"));
  EXPECT_FALSE(valid_utf8("\xF0\x9F\x98"));
  EXPECT_FALSE(valid_utf8("\xC3(x"));  // continuation missing mid-string
  EXPECT_FALSE(valid_utf8("\xE2\x28\xA1"));
  EXPECT_FALSE(valid_utf8("\xF0\x9F\x98\x28"));
  EXPECT_FALSE(valid_utf8("ok\xC3\xA9\xC3"));  // good, then truncated
}

// --- percent_decode ----------------------------------------------------------

TEST(ParsePercentDecode, DecodesEscapes) {
  EXPECT_EQ(percent_decode("", false), "");
  EXPECT_EQ(percent_decode("abc", false), "abc");
  EXPECT_EQ(percent_decode("a%20b", false), "a b");
  EXPECT_EQ(percent_decode("%2f%2F", false), "//");
  EXPECT_EQ(percent_decode("%C3%A9", false), "\xC3\xA9");
  EXPECT_EQ(percent_decode("%00", false), "\0"s);
  EXPECT_EQ(percent_decode("%25zz", false), "%zz");  // decoded once only
}

TEST(ParsePercentDecode, PlusIsSpaceOnlyWhenAsked) {
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a%2Bb", true), "a+b");
}

TEST(ParsePercentDecode, RejectsBadEscapes) {
  EXPECT_EQ(percent_decode("%", false), std::nullopt);
  EXPECT_EQ(percent_decode("%2", false), std::nullopt);
  EXPECT_EQ(percent_decode("a%zz", false), std::nullopt);
  EXPECT_EQ(percent_decode("%g0", false), std::nullopt);
  EXPECT_EQ(percent_decode("%0g", false), std::nullopt);
  EXPECT_EQ(percent_decode("%%41", false), std::nullopt);
  EXPECT_EQ(percent_decode("ok%", true), std::nullopt);
}

// --- Fields --------------------------------------------------------------------

TEST(ParseFields, Lookups) {
  Fields f{{{"a", "1"}, {"b", ""}, {"a", "2"}}};
  EXPECT_EQ(f.get("a"), "1");
  EXPECT_EQ(f.get("b"), "");
  EXPECT_EQ(f.get("c"), std::nullopt);
  EXPECT_EQ(f.get("A"), std::nullopt);  // case-sensitive
  EXPECT_EQ(f.value("a"), "1");
  EXPECT_EQ(f.value("c"), "");
  EXPECT_EQ(f.all("a"), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(f.all("c").empty());
}

// --- parse_urlencoded ----------------------------------------------------------

Pairs urlencoded_ok(std::string_view text) {
  auto r = parse_urlencoded(text);
  EXPECT_TRUE(r.ok()) << "input: " << text;
  return r ? r->items : Pairs{};
}

void expect_urlencoded_error(std::string_view text, std::string_view key) {
  auto r = parse_urlencoded(text);
  ASSERT_FALSE(r.ok()) << "input: " << text;
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  EXPECT_EQ(r.error().field, "");
  EXPECT_EQ(r.error().key, key);
}

TEST(ParseUrlencoded, Basics) {
  EXPECT_EQ(urlencoded_ok(""), Pairs{});
  EXPECT_EQ(urlencoded_ok("a=1"), (Pairs{{"a", "1"}}));
  EXPECT_EQ(urlencoded_ok("a=1&b=2"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(urlencoded_ok("a=1&a=2"), (Pairs{{"a", "1"}, {"a", "2"}}));
  EXPECT_EQ(urlencoded_ok("q=hello+world"), (Pairs{{"q", "hello world"}}));
  EXPECT_EQ(urlencoded_ok("q=a%2Bb%26c%3Dd"), (Pairs{{"q", "a+b&c=d"}}));
  EXPECT_EQ(urlencoded_ok("na+me=v"), (Pairs{{"na me", "v"}}));
  EXPECT_EQ(urlencoded_ok("name=J%C3%BCrgen"), (Pairs{{"name", "J\xC3\xBCrgen"}}));
  EXPECT_EQ(urlencoded_ok("name=J\xC3\xBCrgen"), (Pairs{{"name", "J\xC3\xBCrgen"}}));  // raw UTF-8
}

TEST(ParseUrlencoded, EmptyNamesValuesAndPairs) {
  EXPECT_EQ(urlencoded_ok("a="), (Pairs{{"a", ""}}));
  EXPECT_EQ(urlencoded_ok("a"), (Pairs{{"a", ""}}));
  EXPECT_EQ(urlencoded_ok("=v"), (Pairs{{"", "v"}}));
  EXPECT_EQ(urlencoded_ok("="), (Pairs{{"", ""}}));
  EXPECT_EQ(urlencoded_ok("a=1&&b=2&"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(urlencoded_ok("&"), Pairs{});
  EXPECT_EQ(urlencoded_ok("a=b=c"), (Pairs{{"a", "b=c"}}));      // only the first '=' splits
  EXPECT_EQ(urlencoded_ok("a=1;b=2"), (Pairs{{"a", "1;b=2"}}));  // ';' is not a separator
}

TEST(ParseUrlencoded, RejectsBadEscapes) {
  expect_urlencoded_error("a=%zz", kUnreadable);
  expect_urlencoded_error("a=%", kUnreadable);
  expect_urlencoded_error("a=%4", kUnreadable);
  expect_urlencoded_error("%zz=1", kUnreadable);
  expect_urlencoded_error("ok=1&bad=%G1", kUnreadable);
}

TEST(ParseUrlencoded, RejectsInvalidUtf8AndNul) {
  expect_urlencoded_error("a=%C0%AF", kUnreadable);
  expect_urlencoded_error("a=%ED%A0%80", kUnreadable);
  expect_urlencoded_error("a=%FF", kUnreadable);
  expect_urlencoded_error("a=%C3", kUnreadable);
  expect_urlencoded_error("a=\xC0\xAF", kUnreadable);
  expect_urlencoded_error("%FF=1", kUnreadable);
  expect_urlencoded_error("a=x%00y", kUnreadable);
  expect_urlencoded_error("a%00=1", kUnreadable);
}

TEST(ParseUrlencoded, FieldLimit) {
  std::string text;
  for (std::size_t i = 0; i < kMaxFormFields; ++i) text += "f" + std::to_string(i) + "=x&";
  auto r = parse_urlencoded(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->items.size(), kMaxFormFields);
  EXPECT_EQ(r->items.back().first, "f999");
  expect_urlencoded_error(text + "one=more", kTooManyFields);
  // Empty pairs are not fields and do not count.
  EXPECT_TRUE(parse_urlencoded(text + std::string(5000, '&')).ok());
}

TEST(ParseUrlencoded, LargeInput) {
  std::string big(1 << 20, 'a');
  auto r = parse_urlencoded("k=" + big);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->value("k").size(), big.size());
}

// --- parse_cookies -------------------------------------------------------------

TEST(ParseCookies, Basics) {
  EXPECT_EQ(parse_cookies(""), Pairs{});
  EXPECT_EQ(parse_cookies("a=1"), (Pairs{{"a", "1"}}));
  EXPECT_EQ(parse_cookies("a=1; b=2"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_cookies("a=1;b=2"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_cookies("  a = 1 ;\tb=2  "), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_cookies("a="), (Pairs{{"a", ""}}));
  EXPECT_EQ(parse_cookies("a=x=y"), (Pairs{{"a", "x=y"}}));
  EXPECT_EQ(parse_cookies("a=\"quoted\""), (Pairs{{"a", "quoted"}}));
  EXPECT_EQ(parse_cookies("a=\""), (Pairs{{"a", "\""}}));
  EXPECT_EQ(parse_cookies("a=%E2%9C%93"), (Pairs{{"a", "%E2%9C%93"}}));  // not decoded
}

TEST(ParseCookies, FirstWins) {
  EXPECT_EQ(parse_cookies("sid=new; sid=old; x=1"), (Pairs{{"sid", "new"}, {"x", "1"}}));
  EXPECT_EQ(parse_cookies("Sid=a; sid=b"), (Pairs{{"Sid", "a"}, {"sid", "b"}}));  // case matters
}

TEST(ParseCookies, SkipsMalformedPairs) {
  EXPECT_EQ(parse_cookies(";;; ;"), Pairs{});
  EXPECT_EQ(parse_cookies("novalue; a=1"), (Pairs{{"a", "1"}}));
  EXPECT_EQ(parse_cookies("=1; a=1"), (Pairs{{"a", "1"}}));
  EXPECT_EQ(parse_cookies("b a=1; a=1"), (Pairs{{"a", "1"}}));       // space in the name
  EXPECT_EQ(parse_cookies("a(b)=1; a=1"), (Pairs{{"a", "1"}}));      // separators in the name
  EXPECT_EQ(parse_cookies("a=\x01; b=2"), (Pairs{{"b", "2"}}));      // control character
  EXPECT_EQ(parse_cookies("a=x\0y; b=2"s), (Pairs{{"b", "2"}}));     // NUL
  EXPECT_EQ(parse_cookies("a=\xC0\xAF; b=2"), (Pairs{{"b", "2"}}));  // invalid UTF-8
  // A skipped pair does not claim its name.
  EXPECT_EQ(parse_cookies("a=\xFF; a=ok"), (Pairs{{"a", "ok"}}));
}

// --- media_type and multipart_boundary --------------------------------------------

TEST(ParseMediaType, Basics) {
  EXPECT_EQ(media_type("multipart/form-data; boundary=x"), "multipart/form-data");
  EXPECT_EQ(media_type("Application/X-WWW-Form-Urlencoded"), "application/x-www-form-urlencoded");
  EXPECT_EQ(media_type("  text/html ;charset=utf-8"), "text/html");
  EXPECT_EQ(media_type("text/plain"), "text/plain");
  EXPECT_EQ(media_type(""), "");
  EXPECT_EQ(media_type("text"), "");
  EXPECT_EQ(media_type("/plain"), "");
  EXPECT_EQ(media_type("text/"), "");
  EXPECT_EQ(media_type("text /plain"), "");
  EXPECT_EQ(media_type("text/pl ain"), "");
  EXPECT_EQ(media_type("text/plain/x"), "");
  EXPECT_EQ(media_type("t\xC3\xA9xt/plain"), "");
}

TEST(ParseMultipartBoundary, Forms) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"abc\""), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; BOUNDARY=AbC"), "AbC");  // value keeps case
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc;"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/mixed; boundary=abc"), "abc");
  EXPECT_EQ(
      multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
      "----WebKitFormBoundary7MA4YWxkTrZu0gW");
  // Quoting lets the boundary hold characters a token cannot.
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"a b:c?d\""), "a b:c?d");
  EXPECT_EQ(multipart_boundary("multipart/form-data; a=\"x;boundary=y\"; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'b')),
            std::string(70, 'b'));
}

TEST(ParseMultipartBoundary, Rejects) {
  EXPECT_EQ(multipart_boundary(""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8"), std::nullopt);
  EXPECT_EQ(multipart_boundary("text/plain; boundary=abc"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"\""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"abc"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"abc \""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')),
            std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=a*b"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"x;y\""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"a\r\nb\""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=a; boundary=b"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary abc"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data boundary=abc"), std::nullopt);
}

// --- parse_multipart -------------------------------------------------------------

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

FormData multipart_ok(std::string_view body, std::string_view type = kType) {
  auto r = parse_multipart(body, type);
  EXPECT_TRUE(r.ok()) << "body: " << body;
  return r ? *r : FormData{};
}

void expect_multipart_error(std::string_view body, std::string_view key = kUnreadable,
                            std::string_view type = kType) {
  auto r = parse_multipart(body, type);
  ASSERT_FALSE(r.ok()) << "body: " << body;
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  EXPECT_EQ(r.error().key, key);
}

std::string text_part(std::string_view name, std::string_view value) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" +
         std::string(value) + "\r\n";
}

TEST(ParseMultipart, BrowserStyleForm) {
  // As Firefox sends it: preamble-free, a text field, a file and an empty file input.
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"title\"\r\n"
      "\r\n"
      "A paper on caf\xC3\xA9s\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "line 1\r\nline 2\r\n"
      "\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n"
      "\r\n"
      "\r\n"
      "--XyZ--\r\n";
  auto form = multipart_ok(body);
  EXPECT_EQ(form.fields.items, (Pairs{{"title", "A paper on caf\xC3\xA9s"}}));
  ASSERT_EQ(form.files.size(), 1u);
  EXPECT_EQ(form.files[0].field, "upload");
  EXPECT_EQ(form.files[0].filename, "notes.txt");
  EXPECT_EQ(form.files[0].content_type, "text/plain");
  EXPECT_EQ(form.files[0].data, "line 1\r\nline 2\r\n");  // CRLFs inside data are kept
}

TEST(ParseMultipart, FieldsInOrderWithRepeats) {
  auto form =
      multipart_ok(text_part("a", "1") + text_part("b", "") + text_part("a", "2") + "--XyZ--");
  EXPECT_EQ(form.fields.items, (Pairs{{"a", "1"}, {"b", ""}, {"a", "2"}}));
  EXPECT_EQ(form.fields.all("a"), (std::vector<std::string>{"1", "2"}));
}

TEST(ParseMultipart, QuotedAndUnquotedBoundary) {
  std::string body = "--a b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--\r\n";
  EXPECT_EQ(multipart_ok(body, "multipart/form-data; boundary=\"a b\"").fields.value("x"), "1");
  std::string body2 = "--tok\r\nContent-Disposition: form-data; name=x\r\n\r\n2\r\n--tok--";
  EXPECT_EQ(multipart_ok(body2, "multipart/form-data; boundary=tok").fields.value("x"), "2");
}

TEST(ParseMultipart, PreambleEpilogueAndPadding) {
  std::string body =
      "This is the preamble.\r\n--XyZ--not a delimiter\r\n"
      "--XyZ  \t\r\n"  // transport padding after the boundary
      "content-disposition: FORM-DATA; NAME=\"x\"\r\n"
      "\r\n"
      "v\r\n"
      "--XyZ-- \r\n"
      "This is the epilogue. --XyZ\r\n";
  auto form = multipart_ok(body);
  EXPECT_EQ(form.fields.items, (Pairs{{"x", "v"}}));
}

TEST(ParseMultipart, ZeroParts) {
  EXPECT_TRUE(multipart_ok("--XyZ--\r\n").fields.items.empty());
  EXPECT_TRUE(multipart_ok("--XyZ--").fields.items.empty());
}

TEST(ParseMultipart, BoundaryLikeTextInsideData) {
  // Not at the start of a line, not followed by "--" or end of line, or
  // without the CRLF before it: all of these are data, not delimiters.
  std::string value = "a --XyZ b\r\n--XyZx\r\n--XyZ-x\r\n--XyZ--y\n--XyZ\n--Xy\r\nend";
  auto form = multipart_ok(text_part("x", value) + "--XyZ--\r\n");
  EXPECT_EQ(form.fields.value("x"), value);
}

TEST(ParseMultipart, DelimiterRightAfterHeaders) {
  // The blank line ending the headers also serves as the delimiter's CRLF.
  auto form = multipart_ok(
      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=b\r\n\r\n--XyZ--");
  EXPECT_EQ(form.fields.items, (Pairs{{"a", ""}, {"b", ""}}));
  // Only a real delimiter: otherwise the dashes are data.
  EXPECT_EQ(multipart_ok(text_part("a", "--XyZ-x") + "--XyZ--").fields.value("a"), "--XyZ-x");
}

TEST(ParseMultipart, EmptyAndCrlfOnlyValues) {
  auto form = multipart_ok(text_part("empty", "") + text_part("crlf", "\r\n") +
                           text_part("lf", "\n") + "--XyZ--");
  EXPECT_EQ(form.fields.items, (Pairs{{"empty", ""}, {"crlf", "\r\n"}, {"lf", "\n"}}));
}

TEST(ParseMultipart, BinaryFileData) {
  std::string data = "\x89PNG\r\n\x1a\n\0\0\xFF\xFE"s;
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"pic\"; filename=\"a.png\"\r\n"
      "Content-Type: Image/PNG; x=y\r\n\r\n" +
      data + "\r\n--XyZ--\r\n";
  auto form = multipart_ok(body);
  ASSERT_EQ(form.files.size(), 1u);
  EXPECT_EQ(form.files[0].data, data);
  EXPECT_EQ(form.files[0].content_type, "image/png");
}

TEST(ParseMultipart, FileContentTypeDefaults) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\nx\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"g\"; filename=\"b.bin\"\r\n"
      "Content-Type: not a type\r\n\r\ny\r\n--XyZ--";
  auto form = multipart_ok(body);
  ASSERT_EQ(form.files.size(), 2u);
  EXPECT_EQ(form.files[0].content_type, "application/octet-stream");
  EXPECT_EQ(form.files[1].content_type, "application/octet-stream");
}

std::string file_part(std::string_view filename_param) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=" +
         std::string(filename_param) + "\r\n\r\ndata\r\n--XyZ--\r\n";
}

TEST(ParseMultipart, FilenameSanitising) {
  auto name = [](std::string_view param) {
    auto form = multipart_ok(file_part(param));
    return form.files.empty() ? std::string("<none>") : form.files[0].filename;
  };
  EXPECT_EQ(name("\"../../etc/passwd\""), "passwd");
  EXPECT_EQ(name("\"/etc/passwd\""), "passwd");
  EXPECT_EQ(name("\"C:\\Users\\me\\My Report.pdf\""), "My Report.pdf");  // old IE, raw backslashes
  EXPECT_EQ(name("\"..\\..\\boot.ini\""), "boot.ini");
  EXPECT_EQ(name("\"a\\\"b.txt\""), "a\"b.txt");  // escaped quote
  EXPECT_EQ(name("\"tab\there.txt\""), "tabhere.txt");
  EXPECT_EQ(name("\"  spaced.txt  \""), "spaced.txt");
  EXPECT_EQ(name("\"r\xC3\xA9sum\xC3\xA9.pdf\""), "r\xC3\xA9sum\xC3\xA9.pdf");
  EXPECT_EQ(name("plain.txt"), "plain.txt");  // unquoted
  EXPECT_EQ(name("\".hidden\""), ".hidden");
}

TEST(ParseMultipart, BadFilenames) {
  expect_multipart_error(file_part("\"..\""));
  expect_multipart_error(file_part("\"a/..\""));
  expect_multipart_error(file_part("\"dir/\""));
  expect_multipart_error(file_part("\".\""));
  expect_multipart_error(file_part("\"\""));  // empty name with data
  expect_multipart_error(file_part("\"\xC0\xAF.txt\""));
  expect_multipart_error(file_part("\"\xED\xA0\x80.txt\""));
  expect_multipart_error(file_part("\"unterminated"));
}

TEST(ParseMultipart, TextMustBeUtf8WithoutNul) {
  expect_multipart_error(text_part("x", "\xC0\xAF") + "--XyZ--");
  expect_multipart_error(text_part("x", "\xED\xA0\x80") + "--XyZ--");
  expect_multipart_error(text_part("x", "a\0b"s) + "--XyZ--");
  expect_multipart_error(text_part("\xFF", "v") + "--XyZ--");
}

TEST(ParseMultipart, MissingOrBadBoundaries) {
  expect_multipart_error("");
  expect_multipart_error("no delimiter at all");
  expect_multipart_error(text_part("x", "1"));            // no final boundary
  expect_multipart_error(text_part("x", "1") + "--XyZ");  // truncated final boundary
  expect_multipart_error(text_part("x", "1") + "--XyZ-");
  expect_multipart_error(text_part("x", "1") + "--XyZ--garbage");  // close must end the line
  expect_multipart_error("--XyZ");
  expect_multipart_error("--XyZ\r\n");
  expect_multipart_error("--XyZ \r\nContent-Disposition: form-data; name=x\r\n\r\nv--XyZ--");
}

TEST(ParseMultipart, WrongContentType) {
  auto body = text_part("x", "1") + "--XyZ--";
  expect_multipart_error(body, kUnreadable, "multipart/mixed; boundary=XyZ");
  expect_multipart_error(body, kUnreadable, "multipart/form-data");
  expect_multipart_error(body, kUnreadable, "multipart/form-data; boundary=");
  expect_multipart_error(body, kUnreadable, "application/x-www-form-urlencoded");
  expect_multipart_error(body, kUnreadable, "");
  // The boundary is case-sensitive.
  expect_multipart_error(body, kUnreadable, "multipart/form-data; boundary=xyz");
}

TEST(ParseMultipart, BadPartHeaders) {
  auto part = [](std::string_view headers) {
    return "--XyZ\r\n" + std::string(headers) + "\r\nvalue\r\n--XyZ--\r\n";
  };
  expect_multipart_error(part(""));                                               // no headers
  expect_multipart_error(part("Content-Type: text/plain\r\n"));                   // no disposition
  expect_multipart_error(part("Content-Disposition: form-data\r\n"));             // no name
  expect_multipart_error(part("Content-Disposition: form-data; name=\"\"\r\n"));  // empty name
  expect_multipart_error(part("Content-Disposition: attachment; name=x\r\n"));
  expect_multipart_error(part("Content-Disposition: form-data; name=a; name=b\r\n"));
  expect_multipart_error(
      part("Content-Disposition: form-data; name=a\r\n"
           "Content-Disposition: form-data; name=b\r\n"));
  expect_multipart_error(part("Content-Disposition: form-data; name=\"a\r\n"));  // unterminated
  expect_multipart_error(part("Content-Disposition: form-data; name=x; junk\r\n"));
  expect_multipart_error(part("Content-Disposition form-data; name=x\r\n"));    // no colon
  expect_multipart_error(part("Content-Disposition : form-data; name=x\r\n"));  // space before ':'
  expect_multipart_error(part("Content-Disposition: form-data;\r\n name=x\r\n"));    // obs-fold
  expect_multipart_error(part("Content-Disposition: form-data; name=x\nX: y\r\n"));  // bare LF
  expect_multipart_error(part("Content-Disposition: form-data; name=x\rX: y\r\n"));  // bare CR
  expect_multipart_error(
      part("Content-Disposition: form-data; name=x\r\n"
           "Content-Transfer-Encoding: base64\r\n"));
  // Bare LF line endings are not CRLF.
  expect_multipart_error("--XyZ\nContent-Disposition: form-data; name=x\n\nv\n--XyZ--\n");
  expect_multipart_error("--XyZ\r\nContent-Disposition: form-data; name=x\n\nv\r\n--XyZ--\r\n");
}

TEST(ParseMultipart, AcceptedPartHeaders) {
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition:form-data;name=x\r\n"  // no spaces
      "Content-Transfer-Encoding: 8BIT\r\n"
      "X-Unknown: ignored\r\n"
      "Content-Length: 1\r\n"
      "\r\nv\r\n--XyZ--";
  EXPECT_EQ(multipart_ok(body).fields.value("x"), "v");
  // Parameter names are case-insensitive, extra parameters ignored.
  std::string body2 =
      "--XyZ\r\nContent-Disposition: form-data; Name=\"x\"; filename*=UTF-8''y\r\n\r\nv\r\n"
      "--XyZ--";
  EXPECT_EQ(multipart_ok(body2).fields.value("x"), "v");
}

TEST(ParseMultipart, HeaderLineLimit) {
  auto with_header = [](std::size_t value_size) {
    return "--XyZ\r\nContent-Disposition: form-data; name=x\r\nX-Pad: " +
           std::string(value_size, 'p') + "\r\n\r\nv\r\n--XyZ--";
  };
  const std::size_t fits = kMaxPartHeaderLine - std::string_view("X-Pad: ").size();
  EXPECT_EQ(multipart_ok(with_header(fits)).fields.value("x"), "v");
  expect_multipart_error(with_header(fits + 1));
}

TEST(ParseMultipart, PartLimit) {
  std::string body;
  for (std::size_t i = 0; i < kMaxFormFields; ++i) body += text_part("f", "x");
  auto r = parse_multipart(body + "--XyZ--", kType);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fields.items.size(), kMaxFormFields);
  expect_multipart_error(body + text_part("f", "x") + "--XyZ--", kTooManyFields);
}

TEST(ParseMultipart, LargeFile) {
  std::string data(4 << 20, '-');  // dashes look like the start of a delimiter everywhere
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n" + data +
      "\r\n--XyZ--\r\n";
  auto form = multipart_ok(body);
  ASSERT_EQ(form.files.size(), 1u);
  EXPECT_EQ(form.files[0].data.size(), data.size());
}

TEST(ParseMultipart, ManyFakeDelimitersStayLinear) {
  // Each "\r\n--XyZ" candidate fails the end-of-line check; a quadratic
  // parser would take minutes here.
  std::string value;
  for (int i = 0; i < 100000; ++i) value += "\r\n--XyZ-x";
  auto form = multipart_ok(text_part("x", value) + "--XyZ--");
  EXPECT_EQ(form.fields.value("x"), value);
  std::string noise;
  for (int i = 0; i < 100000; ++i) noise += "\r\n--XyZ ";
  expect_multipart_error(text_part("x", noise));
}

// --- parse_accept_language ---------------------------------------------------------

using Tags = std::vector<std::string>;

TEST(ParseAcceptLanguage, OrdersByQuality) {
  EXPECT_EQ(parse_accept_language("ar;q=0.9, de-DE, fr;q=0"), (Tags{"de-de", "ar"}));
  EXPECT_EQ(parse_accept_language("de-AT,de;q=0.9,en-US;q=0.8,en;q=0.7"),
            (Tags{"de-at", "de", "en-us", "en"}));
  EXPECT_EQ(parse_accept_language("en;q=0.5, fr;q=0.5, de"), (Tags{"de", "en", "fr"}));  // stable
  EXPECT_EQ(parse_accept_language("en;q=1.000, fr;q=0.001"), (Tags{"en", "fr"}));
  EXPECT_EQ(parse_accept_language("en ; Q=0.3 , fr"), (Tags{"fr", "en"}));
}

TEST(ParseAcceptLanguage, EdgeCases) {
  EXPECT_EQ(parse_accept_language(""), Tags{});
  EXPECT_EQ(parse_accept_language(" , ,, "), Tags{});
  EXPECT_EQ(parse_accept_language("*"), Tags{});
  EXPECT_EQ(parse_accept_language("*;q=0.5, nl"), (Tags{"nl"}));
  EXPECT_EQ(parse_accept_language("en, EN, en;q=0.2"), (Tags{"en"}));  // duplicates dropped
  EXPECT_EQ(parse_accept_language("fr;q=0.000"), Tags{});
  EXPECT_EQ(parse_accept_language("zh-Hant-TW, es-419"), (Tags{"zh-hant-tw", "es-419"}));
  EXPECT_EQ(parse_accept_language("en;level=1;q=0.4, de;q=0.6"), (Tags{"de", "en"}));
}

TEST(ParseAcceptLanguage, DropsMalformedEntries) {
  EXPECT_EQ(parse_accept_language("en;q=2, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en;q=1.5, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en;q=0.1234, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en;q=abc, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en;q=, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en;q=-1, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("12, de"), (Tags{"de"}));         // must start with letters
  EXPECT_EQ(parse_accept_language("abcdefghi, de"), (Tags{"de"}));  // subtag over 8
  EXPECT_EQ(parse_accept_language("en-, -en, en--us, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en_US, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("d\xC3\xA9, de"), (Tags{"de"}));
  EXPECT_EQ(parse_accept_language("en us, de"), (Tags{"de"}));
}

TEST(ParseAcceptLanguage, LooksAtTheFirstHundredEntries) {
  std::string header;
  for (int i = 0; i < 100; ++i) header += "en;q=0.1,";
  header += "de";
  EXPECT_EQ(parse_accept_language(header), (Tags{"en"}));
}

// --- building same-site targets ------------------------------------------------

TEST(ParseEncode, PathKeepsOnlyWhatAUrlPathMayHold) {
  EXPECT_EQ(encode_path("/"), "/");
  EXPECT_EQ(encode_path("/cohorts/12/import"), "/cohorts/12/import");
  EXPECT_EQ(encode_path("/a b"), "/a%20b");
  EXPECT_EQ(encode_path("/x\r\nSet-Cookie: a=b"), "/x%0D%0ASet-Cookie:%20a=b");
  EXPECT_EQ(encode_path("/100%?#\\\x7f\t"), "/100%25%3F%23%5C%7F%09");
  EXPECT_EQ(encode_path("/café"), "/caf%C3%A9");
  EXPECT_EQ(encode_path("/~a-b_c.d!$&'()*+,;=:@"), "/~a-b_c.d!$&'()*+,;=:@");
}

TEST(ParseEncode, QueryEncodesNamesAndValues) {
  Fields f;
  EXPECT_EQ(encode_query(f), "");
  f.items = {{"page", "2"}, {"q", "a b&c=d"}, {"x", ""}, {"é", "\r\n"}};
  EXPECT_EQ(encode_query(f), "page=2&q=a%20b%26c%3Dd&x=&%C3%A9=%0D%0A");
  auto back = parse_urlencoded(encode_query(f));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->items, f.items);
}

TEST(ParseLocalTarget, KeepsSameSitePathsAndQueries) {
  EXPECT_EQ(local_target("/"), "/");
  EXPECT_EQ(local_target("/login"), "/login");
  EXPECT_EQ(local_target("/cohorts/3?page=2"), "/cohorts/3?page=2");
  EXPECT_EQ(local_target("/a%20b"), "/a%20b");
  EXPECT_EQ(local_target("/a b?q=x y"), "/a%20b?q=x%20y");
  EXPECT_EQ(local_target("/a+b?q=x+y"), "/a+b?q=x%20y");  // '+' is a space only in queries
  EXPECT_EQ(local_target("/caf%c3%a9"), "/caf%C3%A9");
  EXPECT_EQ(local_target("/p?"), "/p");
  EXPECT_EQ(local_target("/p#frag"), "/p%23frag");
}

TEST(ParseLocalTarget, AnythingElseIsTheStartPage) {
  for (std::string next :
       {""s, "login"s, "//evil.example/"s, "/%2F/evil.example"s, "/%2f%2fevil.example"s,
        "https://evil.example/"s, "/\\evil.example"s, "/%5Cevil.example"s, "\\/evil"s, "/%zz"s,
        "/%ff"s, "/%00"s, "/a\0b"s, "/ok?q=%zz"s, "/ok?q=%ff"s, " /x"s, "%2Fx"s})
    EXPECT_EQ(local_target(next), "/") << next;
}

TEST(ParseLocalTarget, NeverHoldsAControlCharacterOrSpace) {
  for (std::string next : {"/\r\nSet-Cookie: crm_session=evil"s, "/%0d%0aSet-Cookie:%20x=y"s,
                           "/a\x7f"s, "/?q=\r\n"s, "/?q=%0D%0A"s, "/a\tb"s, "/\x01?\x02=\x03"s}) {
    auto t = local_target(next);
    for (char c : t) {
      auto u = static_cast<unsigned char>(c);
      EXPECT_TRUE(u > 0x20 && u < 0x7f) << next << " -> " << t;
    }
    EXPECT_EQ(local_target(t), t) << next;  // stable: encoding it again changes nothing
  }
  EXPECT_EQ(local_target("/%0d%0aSet-Cookie:%20x=y"), "/%0D%0ASet-Cookie:%20x=y");
}

TEST(ParseReturnTarget, KeepsLocalPagesAndRefusesTheRest) {
  EXPECT_EQ(return_target("/cohorts/3"), "/cohorts/3");
  EXPECT_EQ(return_target("/cohorts/4?status=participant&page=2"),
            "/cohorts/4?status=participant&page=2");
  EXPECT_EQ(return_target("/caf%c3%a9"), "/caf%C3%A9");
  for (std::string next : {""s,
                           "cohorts/3"s,
                           "//evil.example/"s,
                           "/%2F/evil.example"s,
                           "///evil.example"s,
                           "/\\evil.example"s,
                           "/%5Cevil.example"s,
                           "\\/evil.example"s,
                           "https://evil.example/"s,
                           "javascript:alert(1)"s,
                           "data:text/html,x"s,
                           " /cohorts/3"s,
                           "/\r\nSet-Cookie: x=y"s,
                           "/%0d%0aSet-Cookie:%20x=y"s,
                           "/a%09b"s,
                           "/a\tb"s,
                           "/a%7f"s,
                           "/ok?q=%0A"s,
                           "/ok?%0D=1"s,
                           "/a\0b"s,
                           "/%00"s,
                           "/%ff"s})
    EXPECT_EQ(return_target(next), "/") << next;
  for (std::string next : {"/cohorts/3"s, "/people/7?x=%C3%A9"s})
    EXPECT_EQ(return_target(return_target(next)), return_target(next));
}

// --- the head of a request -------------------------------------------------------

TEST(ParseHeaderBlock, RefusesObsFoldAndBareLineEnds) {
  EXPECT_TRUE(plain_header_block("GET / HTTP/1.1\r\nHost: a\r\nX: b\tc \r\n\r\n"));
  EXPECT_TRUE(plain_header_block("GET / HTTP/1.1\r\n\r\n"));
  EXPECT_FALSE(plain_header_block("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n"));
  EXPECT_FALSE(plain_header_block("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n"));
  EXPECT_FALSE(plain_header_block("GET / HTTP/1.1\r\n Host: a\r\n\r\n"));
  EXPECT_FALSE(plain_header_block("GET / HTTP/1.1\r\nX: a\nY: b\r\n\r\n"));
  EXPECT_FALSE(plain_header_block("GET / HTTP/1.1\r\nX: a\rY: b\r\n\r\n"));
  EXPECT_FALSE(plain_header_block("GET / HTTP/1.1\n\n"));
}

TEST(ParseTransferEncoding, OnlyChunkedAlone) {
  EXPECT_TRUE(chunked_only("chunked"));
  EXPECT_TRUE(chunked_only("Chunked"));
  for (auto v : {"", "identity", "chunked, identity", "identity, chunked", "gzip, chunked",
                 "xchunked", "chunkedx", "chunked;q=1", "chunked,", ",chunked", "chunked chunked"})
    EXPECT_FALSE(chunked_only(v)) << v;
}

// --- Response headers ------------------------------------------------------------

TEST(ResponseHeaders, RefuseControlCharacters) {
  Response r;
  r.set("Location", "/ok");
  r.add("Set-Cookie", "a=b; Path=/");
  r.set("X-Tab", "a\tb");
  r.set("X-Text", "Grüße");
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t') continue;
    std::string value = "/a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_THROW(r.set("Location", value), BadHeader) << c;
    EXPECT_THROW(r.add("Set-Cookie", value), BadHeader) << c;
  }
  EXPECT_THROW(r.set("Location", "/a\x7f"), BadHeader);
  EXPECT_THROW(r.set("Location", "/\r\nSet-Cookie: crm_session=evil"), BadHeader);
  EXPECT_THROW(redirect("/\r\nSet-Cookie: x=y"), BadHeader);
  // Names are tokens.
  for (const auto& name : std::vector<std::string>{"", "X Y", "X:Y", "X\r\nY", "X\0"s, "Ä"})
    EXPECT_THROW(r.set(name, "v"), BadHeader) << name;
  // Nothing refused was kept.
  EXPECT_EQ(r.header("Location"), "/ok");
  ASSERT_EQ(r.headers().size(), 4u);
  EXPECT_TRUE(headers_valid(r));
  EXPECT_TRUE(valid_header_value(""));
  EXPECT_FALSE(valid_header_value("a\nb"));
  EXPECT_FALSE(valid_header_name("a b"));
}

// --- Origin and Fetch Metadata ----------------------------------------------------

TEST(OwnOrigin, AcceptsRequestsFromCrmsOwnPages) {
  // Nothing said: older browsers and non-browser clients (the CSRF token still holds).
  EXPECT_TRUE(from_own_origin({"", "", "crm.example", "https", ""}));
  EXPECT_TRUE(from_own_origin({"same-origin", "", "crm.example", "https", ""}));
  EXPECT_TRUE(from_own_origin({"none", "", "crm.example", "https", ""}));
  EXPECT_TRUE(from_own_origin({"same-origin", "https://crm.example", "crm.example", "https", ""}));
  EXPECT_TRUE(from_own_origin({"", "http://127.0.0.1:8080", "127.0.0.1:8080", "http", ""}));
  EXPECT_TRUE(from_own_origin({"", "HTTPS://CRM.Example", "crm.example:443", "https", ""}));
  EXPECT_TRUE(from_own_origin({"", "http://crm.example", "crm.example:80", "http", ""}));
  // Behind a proxy that does not pass Host on: the public address counts too.
  EXPECT_TRUE(from_own_origin(
      {"same-origin", "https://crm.example", "127.0.0.1:8080", "https", "https://crm.example"}));
}

TEST(OwnOrigin, RefusesOtherSitesAndOrigins) {
  EXPECT_FALSE(from_own_origin({"cross-site", "", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"same-site", "", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"something-new", "", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "https://evil.example", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "http://crm.example", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "https://crm.example:8443", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "https://sub.crm.example", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "null", "crm.example", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "https://crm.example", "", "https", ""}));
  EXPECT_FALSE(from_own_origin({"", "https://crm.example/", "crm.example", "https", ""}));
  EXPECT_FALSE(
      from_own_origin({"", "https://evil.example", "crm.example", "https", "https://crm.example"}));
}

}  // namespace
}  // namespace crm::http
