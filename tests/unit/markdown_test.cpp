// Posts' Markdown (spaces/markdown.hpp): what a reader may write, and what a
// hostile writer must never get into another member's page.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "spaces/markdown.hpp"

namespace crm::spaces::markdown {
namespace {

bool has(const std::string& html, std::string_view piece) {
  return html.find(piece) != std::string::npos;
}

TEST(Markdown, RendersCommonMarkAndGithubExtensions) {
  auto html =
      to_html("**bold** and *it* ~~gone~~\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_TRUE(has(html, "<strong>bold</strong>"));
  EXPECT_TRUE(has(html, "<em>it</em>"));
  EXPECT_TRUE(has(html, "<del>gone</del>"));
  EXPECT_TRUE(has(html, "<li>one</li>"));
  EXPECT_TRUE(has(html, "<table>"));
  EXPECT_TRUE(has(html, "<td>2</td>"));
}

TEST(Markdown, EveryLinkIsNofollowUgcAutolinksToo) {
  auto html = to_html("[site](https://example.org) and www.example.com and https://x.org/a");
  EXPECT_TRUE(has(html, "<a rel=\"nofollow ugc\" href=\"https://example.org\">site</a>"));
  EXPECT_TRUE(has(html, "<a rel=\"nofollow ugc\" href=\"http://www.example.com\">"));
  EXPECT_TRUE(has(html, "<a rel=\"nofollow ugc\" href=\"https://x.org/a\">"));
  EXPECT_FALSE(has(html, "<a href="));
}

TEST(Markdown, RawHtmlIsDropped) {
  auto html = to_html(
      "hi <script>alert(1)</script>\n\n<div onclick=\"x()\">a</div>\n\n<img src=x "
      "onerror=alert(1)>");
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_FALSE(has(html, "onclick"));
  EXPECT_FALSE(has(html, "onerror"));
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_FALSE(has(html, "<div"));
}

// Whether any href or src of `html` starts with a scheme that runs or embeds
// something (the link's text may still show the address: it is escaped text).
bool dangerous_address(const std::string& html) {
  for (std::string_view attr : {"href=\"", "src=\""})
    for (auto at = html.find(attr); at != std::string::npos; at = html.find(attr, at + 1)) {
      std::string value;
      for (auto i = at + attr.size(); i < html.size() && html[i] != '"'; ++i)
        value += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
      for (std::string_view scheme : {"javascript:", "vbscript:", "data:", "file:"})
        if (value.starts_with(scheme)) return true;
    }
  return false;
}

TEST(Markdown, DangerousUrlsAreEmptied) {
  for (const char* md :
       {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:image/png;base64,AAAA)",
        "[x](file:///etc/passwd)", "<javascript:alert(1)>", "![x](javascript:alert(1))",
        "![x](data:image/png;base64,AAAA)", "[x]( javascript:alert(1))"}) {
    auto html = to_html(md);
    EXPECT_FALSE(dangerous_address(html)) << md << " → " << html;
    EXPECT_TRUE(has(html, "href=\"\"")) << md << " → " << html;
  }
  // The check sees what it looks for.
  EXPECT_TRUE(dangerous_address("<a href=\"JavaScript:x\">"));
}

TEST(Markdown, ImagesBecomeLinksNeverLoadedFromOutside) {
  auto html = to_html("![a map](https://tracker.example.org/pixel.png \"Map\")");
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_TRUE(has(html,
                  "<a rel=\"nofollow ugc\" href=\"https://tracker.example.org/pixel.png\" "
                  "title=\"Map\">a map</a>"))
      << html;
}

TEST(Markdown, EntitiesAndTextStayEscaped) {
  auto html = to_html("&lt;script&gt; & <b>x</b> \"q\" &#60;img&#62;");
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_FALSE(has(html, "<b>"));
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_TRUE(has(html, "&lt;script&gt;"));
  EXPECT_TRUE(has(html, "&amp;"));
}

TEST(Markdown, HugeNestingAndSizeStayBounded) {
  std::string deep(20000, '>');
  deep += " x";
  auto html = to_html(deep);
  EXPECT_FALSE(html.empty());
  std::string brackets(50000, '[');
  EXPECT_FALSE(to_html(brackets).empty());
  std::string stars;
  for (int i = 0; i < 10000; ++i) stars += "*a **b ";
  EXPECT_FALSE(to_html(stars).empty());
  std::string lists;
  for (int i = 0; i < 5000; ++i)
    lists += std::string(static_cast<size_t>(i % 60) * 2, ' ') + "- x\n";
  EXPECT_FALSE(to_html(lists).empty());
}

TEST(Markdown, InvalidUtf8IsReplaced) {
  auto html = to_html(std::string("a\xff\xfe b"));
  EXPECT_TRUE(has(html, "\xef\xbf\xbd"));  // U+FFFD
}

TEST(Markdown, MentionRule) {
  std::vector<std::string> names = {"Amina", "Amina Diallo", "Jean-Luc", "سارة أحمد"};
  EXPECT_EQ(mentioned("Thanks @Amina Diallo and @Jean-Luc!", names),
            (std::vector<std::string>{"Amina Diallo", "Jean-Luc"}));
  // Longest first, but a name must end where the word ends.
  EXPECT_EQ(mentioned("@Amina Dialloux", names), (std::vector<std::string>{"Amina"}));
  EXPECT_TRUE(mentioned("@Aminata", names).empty());
  // "@" inside a word (an address) is no mention.
  EXPECT_TRUE(mentioned("write to x@Amina", names).empty());
  EXPECT_EQ(mentioned("شكراً @سارة أحمد", names), (std::vector<std::string>{"سارة أحمد"}));
  EXPECT_EQ(mention_starts("@a b@c (@d"), (std::vector<std::size_t>{0, 8}));
  EXPECT_EQ(name_at("@Amina Diallo", 0, names), "Amina Diallo");
}

TEST(Markdown, MentionsAreMarkedNotLinkedAndNotInCode) {
  auto html = to_html("Hi @Amina Diallo, see `@Amina Diallo`", {"Amina Diallo"});
  EXPECT_TRUE(has(html, "Hi <mark class=\"mention\" dir=\"auto\">@Amina Diallo</mark>, see"));
  EXPECT_TRUE(has(html, "<code>@Amina Diallo</code>"));
  // A name is text: markup in it stays escaped.
  auto escaped = to_html("@Tom \"&\" Jerry", {"Tom \"&\" Jerry"});
  EXPECT_TRUE(
      has(escaped, "<mark class=\"mention\" dir=\"auto\">@Tom &quot;&amp;&quot; Jerry</mark>"))
      << escaped;
}

}  // namespace
}  // namespace crm::spaces::markdown
