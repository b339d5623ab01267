#include "programme/countries.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

namespace crm::programme {

bool is_country(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
    return false;
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c)
    if (std::strncmp(*c, code.data(), 2) == 0 && (*c)[2] == '\0') return true;
  return false;
}

std::string country_name(std::string_view code, std::string_view language) {
  if (!is_country(code)) return std::string(code);
  icu::Locale country("", std::string(code).c_str());
  icu::UnicodeString name;
  country.getDisplayCountry(icu::Locale(std::string(language).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(code) : out;
}

void sort_by_name(std::vector<std::string>& codes, std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> collator(
      icu::Collator::createInstance(icu::Locale(std::string(language).c_str()), status));
  std::vector<std::pair<std::string, std::string>> named;  // name, code
  for (auto& c : codes) named.emplace_back(country_name(c, language), std::move(c));
  std::stable_sort(named.begin(), named.end(), [&](const auto& a, const auto& b) {
    if (U_FAILURE(status)) return a.first < b.first;
    UErrorCode s = U_ZERO_ERROR;
    return collator->compareUTF8(a.first, b.first, s) == UCOL_LESS;
  });
  codes.clear();
  for (auto& [name, code] : named) codes.push_back(std::move(code));
}

}  // namespace crm::programme
