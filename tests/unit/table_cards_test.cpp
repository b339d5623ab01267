// Tables as cards on phones (web::label_table_cells) and user text isolated in
// titles and lists (web::Html::message, web::Html::list): pure functions.
#include <gtest/gtest.h>

#include "core/i18n.hpp"
#include "web/html.hpp"

namespace crm {
namespace {

TEST(TableCards, EveryBodyCellIsLabelledWithItsColumn) {
  const std::string table =
      "<div class=\"table-wrap\"><table class=\"people\"><thead><tr>"
      "<th scope=\"col\">Name</th><th scope=\"col\">Role &amp; status</th>"
      "<th scope=\"col\"><a href=\"?sort=1\">Organisation</a></th></tr></thead><tbody>"
      "<tr><th scope=\"row\"><bdi>Amina</bdi></th><td>Lecturer</td><td></td></tr>"
      "<tr><td colspan=\"2\">Both</td><td data-label=\"Own\">x</td></tr>"
      "</tbody></table></div><p>after</p>";
  auto out = web::label_table_cells(table);
  EXPECT_NE(out.find("<table data-cards class=\"people\">"), std::string::npos) << out;
  EXPECT_NE(out.find("<th data-label=\"Name\" scope=\"row\"><bdi>Amina</bdi></th>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<td data-label=\"Role &amp; status\">Lecturer</td>"), std::string::npos);
  EXPECT_NE(out.find("<td data-label=\"Organisation\"></td>"), std::string::npos);
  // A cell spanning two columns takes the first one's label; a label of its own stays.
  EXPECT_NE(out.find("<td data-label=\"Name\" colspan=\"2\">Both</td><td data-label=\"Own\">x"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("</table></div><p>after</p>"), std::string::npos);
  // The header cells are left alone.
  EXPECT_NE(out.find("<thead><tr><th scope=\"col\">Name</th>"), std::string::npos);
}

TEST(TableCards, TablesWithoutAHeadAndOtherMarkupStayAsTheyAre) {
  for (std::string html :
       {std::string("<p>no table</p>"),
        std::string("<table><tbody><tr><td>1</td></tr></tbody></table>"),
        std::string("<table><thead><tr><th>A</th></tr></thead>"), std::string("")})
    EXPECT_EQ(web::label_table_cells(html), html);
}

const Catalogs& catalogs() {
  static const Catalogs c;
  return c;
}

TEST(IsolatedText, MessagesIsolateTheUsersTextAndEscapeEverything) {
  web::Html h;
  h.message("Parity: {cohort} <{other}>", {{"cohort", "Cohort <3>"}});
  EXPECT_EQ(std::move(h).str(), "Parity: <bdi>Cohort &lt;3&gt;</bdi> &lt;{other}&gt;");
}

TEST(IsolatedText, ListsIsolateEachItemInTheReadersListFormat) {
  web::Html en, ar;
  en.list(Tr(catalogs(), "en"), {"Cohort 2", "A & B", "Cohort 3"});
  EXPECT_EQ(std::move(en).str(),
            "<bdi>Cohort 2</bdi>, <bdi>A &amp; B</bdi> and <bdi>Cohort 3</bdi>");
  ar.list(Tr(catalogs(), "ar"), {"Cohort 2", "Cohort 3"});
  auto s = std::move(ar).str();
  EXPECT_EQ(s.find(", "), std::string::npos) << s;
  EXPECT_NE(s.find("<bdi>Cohort 2</bdi> و<bdi>Cohort 3</bdi>"), std::string::npos) << s;
}

}  // namespace
}  // namespace crm
