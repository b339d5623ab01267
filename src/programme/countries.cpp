#include "programme/countries.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <numeric>
#include <utility>

#include "core/i18n.hpp"

namespace crm::programme {

namespace {

constexpr std::size_t kSlots = 26 * 26;

// "DE" -> its slot; kSlots when the text is not two capital letters.
std::size_t slot_of(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
    return kSlots;
  return static_cast<std::size_t>(code[0] - 'A') * 26 + static_cast<std::size_t>(code[1] - 'A');
}

std::string icu_country_name(const char* code, const char* language) {
  icu::UnicodeString name;
  icu::Locale("", code).getDisplayCountry(icu::Locale(language), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(code) : out;
}

// Every country's name in each language crm speaks, and its place in that
// language's alphabetical order, looked up once: asking ICU each time cost a
// resource-bundle walk per name, a sixth of a cohort page's CPU.
struct CountryTable {
  std::array<bool, kSlots> known{};
  struct Names {
    std::string language;
    std::array<std::string, kSlots> name;
    std::array<int, kSlots> rank{};  // position in the language's collation order
  };
  std::vector<Names> by_language;

  CountryTable() {
    std::vector<std::size_t> slots;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      std::size_t s = slot_of(*c);
      if (s < kSlots && !known[s]) {
        known[s] = true;
        slots.push_back(s);
      }
    }
    for (const auto& lang : languages()) {
      Names n;
      n.language = std::string(lang.code);
      for (std::size_t s : slots) {
        const char code[3] = {static_cast<char>('A' + s / 26), static_cast<char>('A' + s % 26), 0};
        n.name[s] = icu_country_name(code, n.language.c_str());
      }
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::Collator> collator(
          icu::Collator::createInstance(icu::Locale(n.language.c_str()), status));
      std::vector<std::size_t> order = slots;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (U_FAILURE(status)) return n.name[a] < n.name[b];
        UErrorCode s = U_ZERO_ERROR;
        return collator->compareUTF8(n.name[a], n.name[b], s) == UCOL_LESS;
      });
      for (std::size_t i = 0; i < order.size(); ++i) n.rank[order[i]] = static_cast<int>(i);
      by_language.push_back(std::move(n));
    }
  }

  const Names* names(std::string_view language) const {
    for (const auto& n : by_language)
      if (n.language == language) return &n;
    return nullptr;
  }
};

// Built on first use (thread-safe), immutable afterwards: derived from ICU's
// data, which does not change while crm runs.
const CountryTable& table() {
  static const CountryTable t;
  return t;
}

}  // namespace

bool is_country(std::string_view code) {
  std::size_t s = slot_of(code);
  return s < kSlots && table().known[s];
}

std::string country_name(std::string_view code, std::string_view language) {
  std::size_t s = slot_of(code);
  if (s >= kSlots || !table().known[s]) return std::string(code);
  if (const auto* n = table().names(language)) return n->name[s];
  return icu_country_name(std::string(code).c_str(), std::string(language).c_str());
}

void sort_by_name(std::vector<std::string>& codes, std::string_view language) {
  const auto* n = table().names(language);
  if (!n) {
    // A language crm does not speak: by name in ICU's root order.
    std::vector<std::pair<std::string, std::string>> named;  // name, code
    for (auto& c : codes) named.emplace_back(country_name(c, language), std::move(c));
    std::stable_sort(named.begin(), named.end());
    codes.clear();
    for (auto& [name, code] : named) codes.push_back(std::move(code));
    return;
  }
  // Codes ICU does not know (kept as they are) go last, in their own order.
  auto rank = [&](const std::string& c) {
    std::size_t s = slot_of(c);
    return s < kSlots && table().known[s] ? n->rank[s] : static_cast<int>(kSlots);
  };
  std::stable_sort(codes.begin(), codes.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
}

}  // namespace crm::programme
