// Compressed answers against a real crm: a gzip answer is exactly the
// identity answer once decoded (zlib, a decoder independent of crm's
// libdeflate), Vary on every answer that could be compressed, small and
// already compressed answers left alone, the client's weights respected
// whatever odd value it sends, HEAD like GET, 304 with the ETag of the form
// chosen, and no compression for requests another site caused (BREACH).
#include <zlib.h>

#include <string>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

bool varies_on_encoding(const HttpResponse& r) {
  for (const auto& v : r.headers_named("vary"))
    if (v.find("Accept-Encoding") != std::string::npos) return true;
  return false;
}

class CompressionTest : public HttpTest {
 protected:
  // Room for 8 KB of commas in one header.
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.header_bytes = 32 * 1024;
    return o;
  }
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  std::string cohort(int number, const std::string& rest = {}) {
    return "/cohorts/" + std::to_string(cohort_id(number)) + rest;
  }
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("cannot switch to English");
    return c;
  }
  // The css asset the pages link to.
  std::string css_url() {
    for (const auto& link : links_of(client().get("/login").body))
      if (link.starts_with("/assets/app.") && link.ends_with(".css")) return link;
    throw std::runtime_error("no stylesheet linked");
  }
};

TEST_F(CompressionTest, GzipAnswerDecodesToExactlyTheIdentityAnswer) {
  auto staff = english("staff");
  for (const std::string& page :
       {std::string("/"), std::string("/programme"), cohort(3), cohort(3, "/parity"),
        cohort(3, "/people.csv"), std::string("/organisations")}) {
    SCOPED_TRACE(page);
    auto plain = staff.get(page);
    ASSERT_EQ(plain.status, 200);
    ASSERT_GE(plain.body.size(), 1024u) << "a page too small to show compression";
    EXPECT_FALSE(plain.has_header("content-encoding"));
    EXPECT_TRUE(varies_on_encoding(plain));
    auto gz = staff.get(page, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(gz.status, 200);
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_TRUE(varies_on_encoding(gz));
    EXPECT_EQ(gz.header("content-type"), plain.header("content-type"));
    EXPECT_EQ(gz.header("content-length"), std::to_string(gz.body.size()));
    EXPECT_LT(gz.body.size(), plain.body.size() / 2);
    EXPECT_EQ(gunzip(gz.body), plain.body);
  }
}

TEST_F(CompressionTest, SmallAnswersAreNotCompressed) {
  auto c = client();
  auto health = c.get("/healthz", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  EXPECT_FALSE(health.has_header("content-encoding"));
  // Its type could be compressed, so caches are told that it depends.
  EXPECT_TRUE(varies_on_encoding(health));
}

TEST_F(CompressionTest, AlreadyCompressedTypesAreSentAsTheyAre) {
  auto staff = english("staff");
  auto xlsx = staff.get(cohort(3, "/people.xlsx"), {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_GT(xlsx.body.size(), 1024u);
  EXPECT_TRUE(xlsx.body.starts_with("PK")) << "not the zip itself";
  EXPECT_FALSE(xlsx.has_header("content-encoding"));
  EXPECT_FALSE(varies_on_encoding(xlsx));
  // The icon is an SVG asset, compressed once at start; the stylesheet too:
  // neither is compressed a second time.
  auto css = client().get(css_url(), {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(css.header("content-encoding"), "gzip");
  EXPECT_EQ(css.headers_named("content-encoding").size(), 1u);
  EXPECT_NO_THROW(gunzip(css.body));
}

// Every value must get a correct answer: 200, and gzip only when the client
// prefers it (RFC 9110 12.5.3).
TEST_F(CompressionTest, AcceptEncodingWeightsAndOddValues) {
  auto staff = english("staff");
  const auto page = cohort(3);
  const auto plain = staff.get(page).body;
  const std::string commas(8 * 1024, ',');
  struct Case {
    std::string value;
    bool gzip;
  };
  const std::vector<Case> cases = {
      {"gzip", true},
      {"GZIP", true},
      {"x-gzip", true},
      {" gzip ; q=1 ", true},
      {"gzip;Q=0.5", true},
      {"br;q=1.0, gzip;q=0.9", true},
      {"*", true},
      {"identity;q=0, *", true},
      {"gzip;q=0.8, identity;q=0.8", true},
      {commas + "gzip", true},
      {"gzip;q=0", false},
      {"gzip;q=0.000", false},
      {"gzip;q=0, *", false},
      {"gzip, gzip;q=0", false},
      {"*;q=0", false},
      {"identity;q=0", false},
      {"identity;q=0, gzip;q=0", false},
      {"gzip;q=0.5, identity", false},
      {"gzip;q=abc", false},
      {"gzip;q=2", false},
      {"gzip;q=0.1234", false},
      {"gzip;q=", false},
      {"gzip;level=9", false},
      {"gzip;q=1;q=0", false},
      {"\"gzip\"", false},
      {"gzip/1", false},
      {"deflate, br", false},
      {"", false},
      {commas, false},
      {";;;,,,;q=1", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("Accept-Encoding: " + c.value.substr(0, 60));
    auto r = staff.get(page, {{"Accept-Encoding", c.value}});
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(varies_on_encoding(r));
    if (c.gzip) {
      EXPECT_EQ(r.header("content-encoding"), "gzip");
      EXPECT_EQ(gunzip(r.body), plain);
    } else {
      EXPECT_FALSE(r.has_header("content-encoding"));
      EXPECT_EQ(r.body, plain);
    }
  }
  // Two fields are one list: the refusal in the second counts.
  auto two = staff.get(page, {{"Accept-Encoding", "gzip"}, {"Accept-Encoding", "gzip;q=0"}});
  EXPECT_FALSE(two.has_header("content-encoding"));
  EXPECT_EQ(two.body, plain);
}

TEST_F(CompressionTest, HeadCarriesTheHeadersOfGetWithoutABody) {
  auto staff = english("staff");
  const auto page = cohort(3);
  auto get = staff.get(page, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(get.header("content-encoding"), "gzip");
  auto head = staff.head(page, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-encoding"), "gzip");
  EXPECT_TRUE(varies_on_encoding(head));
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  auto plain_head = staff.head(page);
  EXPECT_FALSE(plain_head.has_header("content-encoding"));
  EXPECT_EQ(plain_head.header("content-length"), std::to_string(staff.get(page).body.size()));
}

TEST_F(CompressionTest, AssetsAnswer304ForTheFormTheyWouldSend) {
  auto c = client();
  const auto css = css_url();
  auto gz = c.get(css, {{"Accept-Encoding", "gzip"}});
  auto plain = c.get(css);
  ASSERT_EQ(gz.status, 200);
  ASSERT_EQ(plain.status, 200);
  const auto gz_tag = gz.header("etag");
  const auto plain_tag = plain.header("etag");
  ASSERT_FALSE(gz_tag.empty());
  ASSERT_FALSE(plain_tag.empty());
  EXPECT_NE(gz_tag, plain_tag) << "the compressed form needs its own ETag";
  EXPECT_TRUE(gz_tag.ends_with("-gz\""));

  auto again = c.get(css, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_tag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), gz_tag);
  EXPECT_TRUE(varies_on_encoding(again));
  EXPECT_FALSE(again.has_header("content-length"));
  EXPECT_FALSE(again.has_header("content-encoding"));
  // Weak comparison, lists, and *.
  EXPECT_EQ(
      c.get(css, {{"Accept-Encoding", "gzip"}, {"If-None-Match", "\"x\", W/" + gz_tag}}).status,
      304);
  EXPECT_EQ(c.get(css, {{"If-None-Match", "*"}}).status, 304);
  // The tag of the other form does not match what would be sent.
  auto other = c.get(css, {{"If-None-Match", gz_tag}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, plain.body);
  auto other_gz = c.get(css, {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain_tag}});
  EXPECT_EQ(other_gz.status, 200);
  EXPECT_EQ(gunzip(other_gz.body), plain.body);
  // Garbage matches nothing: the full answer.
  for (const std::string bad : {"\"unclosed", "W/", ",,,", "\"a\" \"b\"", "abc"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(c.get(css, {{"If-None-Match", bad}}).status, 200);
  }
  // HEAD of a 304: no body, no Content-Length of a body that is not there.
  auto head = c.head(css, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_tag}});
  EXPECT_EQ(head.status, 304);
  EXPECT_FALSE(head.has_header("content-length"));
}

// The stylesheet is compressed once at start; it still goes out as the
// client's weights say, not whenever "gzip" appears somewhere in the field.
TEST_F(CompressionTest, AssetsRespectTheClientsWeights) {
  auto c = client();
  const auto css = css_url();
  const auto plain = c.get(css).body;
  for (const std::string refused :
       {"gzip;q=0", "*;q=0", "gzip;q=abc", "x-gzipped", "nogzip", "gzip;q=0.2, identity;q=0.9"}) {
    SCOPED_TRACE(refused);
    auto r = c.get(css, {{"Accept-Encoding", refused}});
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.has_header("content-encoding"));
    EXPECT_EQ(r.body, plain);
  }
  for (const std::string wanted : {"GZIP", "x-gzip", "*", "identity;q=0.5, gzip"}) {
    SCOPED_TRACE(wanted);
    auto r = c.get(css, {{"Accept-Encoding", wanted}});
    EXPECT_EQ(r.header("content-encoding"), "gzip");
    EXPECT_EQ(gunzip(r.body), plain);
  }
}

// A page holds the CSRF token; a page another site makes the browser fetch
// could hold text that site chose too, and its compressed size would tell
// that site how much of its guess matches the token (BREACH). Such requests
// are answered uncompressed.
TEST_F(CompressionTest, RequestsFromAnotherSiteAreNotCompressed) {
  auto staff = english("staff");
  const auto page = cohort(3);
  for (const char* site : {"cross-site", "same-site"}) {
    SCOPED_TRACE(site);
    auto r = staff.get(page, {{"Accept-Encoding", "gzip"}, {"Sec-Fetch-Site", site}});
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.has_header("content-encoding"));
    EXPECT_TRUE(varies_on_encoding(r));
  }
  for (const char* site : {"same-origin", "none"}) {
    SCOPED_TRACE(site);
    auto r = staff.get(page, {{"Accept-Encoding", "gzip"}, {"Sec-Fetch-Site", site}});
    EXPECT_EQ(r.header("content-encoding"), "gzip");
  }
}

}  // namespace
}  // namespace crm::test
