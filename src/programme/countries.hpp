// Country codes (ISO 3166-1 alpha-2) and their names in the viewer's language,
// from ICU's locale data. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::programme {

// True for a two-letter code ICU knows as a country ("DE"; not "de", "XX").
bool is_country(std::string_view code);
// "Deutschland" for ("DE", "de"); the code itself when ICU has no name.
std::string country_name(std::string_view code, std::string_view language);
// Sorts country codes by their names in `language` (that language's alphabetical order).
void sort_by_name(std::vector<std::string>& codes, std::string_view language);

}  // namespace crm::programme
