// The tag form of projects and resources: topics split and kept once, country
// codes upper-cased, every code of a fixed list checked against its list; the
// first problem names its field. And back: stored tags as the form shows them.
#include <gtest/gtest.h>

#include "knowledge/tag_form.hpp"

namespace crm::knowledge {
namespace {

TEST(TagForm, ParsesTopicsCountriesAndListCodes) {
  TagForm f;
  f.topics = " peer support, mentoring\nmentoring ; jobs ";
  f.countries = "tn, MA";
  f.chosen["gcm"] = {"21", "21", "7"};
  f.chosen["sdg"] = {"3"};
  auto tags = parse_tags(f);
  ASSERT_TRUE(tags);
  const std::vector<Tag> expected = {
      {"topic", "peer support"}, {"topic", "mentoring"}, {"topic", "jobs"}, {"country", "TN"},
      {"country", "MA"},         {"gcm", "21"},          {"gcm", "7"},      {"sdg", "3"}};
  EXPECT_EQ(*tags, expected);
  // Shown again for editing, parsed again: the same tags.
  auto again = parse_tags(tag_form_of(*tags));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, expected);
}

TEST(TagForm, RefusesCodesNotInTheirListNamingTheField) {
  struct Case {
    std::string kind, code;
  };
  for (const auto& [kind, code] : std::vector<Case>{{"gcm", "24"},
                                                    {"gcm", "0"},
                                                    {"sdg", "18"},
                                                    {"dimension", "spiritual"},
                                                    {"target_group", "Children"}}) {
    TagForm f;
    f.chosen[kind] = {code};
    auto r = parse_tags(f);
    ASSERT_FALSE(r) << kind << "=" << code;
    EXPECT_EQ(r.error().field, kind);
  }
  TagForm bad_country;
  bad_country.countries = "DE, XX";
  ASSERT_FALSE(parse_tags(bad_country));
  EXPECT_EQ(parse_tags(bad_country).error().field, "countries");
}

TEST(TagForm, LimitsTopics) {
  TagForm many;
  for (size_t i = 0; i <= kMaxTopics; ++i) many.topics += "topic " + std::to_string(i) + ",";
  ASSERT_FALSE(parse_tags(many));
  EXPECT_EQ(parse_tags(many).error().field, "topics");
  TagForm longer;
  longer.topics = std::string(kMaxTopicLength + 1, 'a');
  ASSERT_FALSE(parse_tags(longer));
  TagForm fits;
  fits.topics = std::string(kMaxTopicLength, 'a');
  EXPECT_TRUE(parse_tags(fits));
}

TEST(TagForm, WorkLanguages) {
  for (const char* code : {"ar", "de", "en", "fr", "tr", "it"}) EXPECT_TRUE(is_work_language(code));
  EXPECT_FALSE(is_work_language("es"));
  EXPECT_FALSE(is_work_language(""));
}

}  // namespace
}  // namespace crm::knowledge
