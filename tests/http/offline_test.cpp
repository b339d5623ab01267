// Reading offline (issue 14 §6): the service worker is served from the root
// under a fixed name and is re-checked by browsers (no-cache); signed-in pages
// carry the hidden note an offline copy shows; signing out tells the browser
// to empty what it kept (Clear-Site-Data), so the next person on a shared
// device finds nothing. The worker itself is tested in the browser
// (tests/browser/offline.test.mjs).
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class OfflineTest : public HttpTest {};

TEST_F(OfflineTest, TheServiceWorkerIsServedFromTheRootAndAlwaysRechecked) {
  auto c = client();
  auto r = c.get("/sw.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_NE(r.body.find("addEventListener(\"fetch\""), std::string::npos);
  EXPECT_NE(r.body.find("crm-offline-v1"), std::string::npos);
  auto again = c.get("/sw.js", {{"If-None-Match", r.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(c.get("/sw.js.map").status, 404);
}

TEST_F(OfflineTest, SignedInPagesCarryTheHiddenOfflineNoteAndVisitorsPagesDoNot) {
  auto visitor = client().get("/login");
  EXPECT_EQ(visitor.body.find("id=\"offline-note\""), std::string::npos);
  auto c = sign_in("participant");
  auto home = c.get("/");
  ASSERT_EQ(home.status, 200);
  auto at = home.body.find("id=\"offline-note\"");
  ASSERT_NE(at, std::string::npos);
  auto end = home.body.find("</p>", at);
  const std::string note = home.body.substr(at, end - at);
  EXPECT_NE(note.find("hidden"), std::string::npos);
  EXPECT_NE(note.find("<time></time>"), std::string::npos);
}

TEST_F(OfflineTest, SigningOutTellsTheBrowserToForgetWhatItKept) {
  auto c = sign_in("participant");
  auto r = c.submit("/", {}, "/logout");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("clear-site-data"), "\"storage\"");
  auto everywhere = sign_in("participant");
  auto r2 = everywhere.submit("/account", {}, "/logout/everywhere");
  EXPECT_EQ(r2.header("clear-site-data"), "\"storage\"");
}

}  // namespace
}  // namespace crm::test
