// The search index's facet numbers: varints and the dictionary read back as
// written, anything else refused, and the flat counters counting what a
// plain count of the same values gives.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <random>

#include "search/facet_codes.hpp"

namespace crm::search {
namespace {

std::vector<uint32_t> decode(std::string_view s, bool* ok = nullptr) {
  std::vector<uint32_t> out;
  bool good = for_each_varint(s, [&](uint32_t v) { out.push_back(v); });
  if (ok) *ok = good;
  return out;
}

TEST(SearchFacetCodes, VarintsRoundTripAtEveryLengthBoundary) {
  const std::vector<uint32_t> values = {
      0,       1,       127,       128,       16383,    16384,
      2097151, 2097152, 268435455, 268435456, 1u << 31, std::numeric_limits<uint32_t>::max()};
  std::string s;
  for (uint32_t v : values) append_varint(s, v);
  bool ok = false;
  EXPECT_EQ(decode(s, &ok), values);
  EXPECT_TRUE(ok);
  std::string one;
  append_varint(one, 127);
  EXPECT_EQ(one.size(), 1u);
  one.clear();
  append_varint(one, 128);
  EXPECT_EQ(one.size(), 2u);
}

TEST(SearchFacetCodes, ATruncatedOrOverlongVarintIsRefused) {
  std::string s;
  append_varint(s, 5);
  append_varint(s, 300);
  s.pop_back();  // 300 cut in half
  bool ok = true;
  EXPECT_EQ(decode(s, &ok), std::vector<uint32_t>{5});
  EXPECT_FALSE(ok);
  EXPECT_FALSE(for_each_varint(std::string(6, '\x80'), [](uint32_t) {}));  // more than 32 bits
  EXPECT_TRUE(for_each_varint("", [](uint32_t) { FAIL(); }));
}

TEST(SearchFacetCodes, TheDictionaryNumbersEachValueOnceAndReadsBackAsWritten) {
  FacetDictionary d;
  EXPECT_EQ(d.intern(0, "IQ"), 0u);
  EXPECT_EQ(d.intern(0, "SY"), 1u);
  EXPECT_EQ(d.intern(1, "IQ"), 2u);  // the same value in another facet
  EXPECT_EQ(d.intern(0, "IQ"), 0u);
  EXPECT_EQ(d.intern(1, "العودة"), 3u);
  EXPECT_EQ(d.intern(2, ""), 4u);
  EXPECT_EQ(d.intern(3, std::string(300, 'x')), 5u);  // a length of two varint bytes
  auto back = FacetDictionary::parse(d.serialise());
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), d.size());
  for (size_t i = 0; i < d.size(); ++i) {
    EXPECT_EQ(back->entries()[i].facet, d.entries()[i].facet);
    EXPECT_EQ(back->entries()[i].value, d.entries()[i].value);
  }
  // Read back, it goes on numbering where it was.
  EXPECT_EQ(back->intern(1, "العودة"), 3u);
  EXPECT_EQ(back->intern(4, "new"), 6u);
  EXPECT_TRUE(FacetDictionary::parse(""));
}

TEST(SearchFacetCodes, ABrokenDictionaryIsRefused) {
  FacetDictionary d;
  d.intern(0, "IQ");
  d.intern(0, "SY");
  const std::string good = d.serialise();
  EXPECT_FALSE(FacetDictionary::parse(good.substr(0, good.size() - 1)));  // value cut
  EXPECT_FALSE(FacetDictionary::parse(std::string("\x00\x85", 2)));       // length cut
  EXPECT_FALSE(FacetDictionary::parse(std::string("\x00\x09IQ", 4)));     // longer than left
  std::string twice = good;
  twice += good.substr(0, 4);  // "IQ" again: not what intern() writes
  EXPECT_FALSE(FacetDictionary::parse(twice));
}

TEST(SearchFacetCodes, CountsEqualAPlainCountOfTheSameValues) {
  std::mt19937 rng(11);
  FacetDictionary d;
  std::map<std::pair<int, std::string>, long> expected;
  FacetCounts counts;
  std::vector<std::string> slots;
  for (int doc = 0; doc < 2000; ++doc) {
    std::string slot;
    const int n = static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) {
      const auto facet = static_cast<uint8_t>(rng() % 10);
      const std::string value = "v" + std::to_string(rng() % 300);  // numbers past 127 too
      append_varint(slot, d.intern(facet, value));
      ++expected[{facet, value}];
    }
    slots.push_back(slot);
  }
  counts.reset(d.size());
  for (const auto& s : slots) counts.add(s);
  std::map<std::pair<int, std::string>, long> got;
  for (size_t i = 0; i < counts.counts().size(); ++i)
    if (counts.counts()[i]) got[{d.entries()[i].facet, d.entries()[i].value}] = counts.counts()[i];
  EXPECT_EQ(got, expected);
  // A number beyond the dictionary (a slot of another format) is not counted.
  std::string stray;
  append_varint(stray, static_cast<uint32_t>(d.size()) + 5);
  counts.reset(d.size());
  counts.add(stray);
  for (auto c : counts.counts()) EXPECT_EQ(c, 0u);
}

}  // namespace
}  // namespace crm::search
