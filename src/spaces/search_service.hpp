// Searching the spaces (issue 14 §5): who searches where.
//
// - search_all: every space the reader is in, protected spaces left out
//   (their words are searched only from inside them, by their members).
// - search_space: inside one space, protected or not; nullopt (404) for
//   whoever is not a member, so a search shows nothing of a space to someone
//   outside it, not even that it exists.
//
// Hits show the thread's title of now, the space's name in the reader's
// language, the author when policy::sees_author allows it, and the date in the
// reader's time zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spaces/search_index.hpp"
#include "web/context.hpp"

namespace crm::spaces {

struct SearchRow {
  SpaceHit hit;
  std::string title;       // the thread's
  std::string space_name;  // in the reader's language
  std::string author;      // "" when hidden from this reader or the account is gone
};

struct SearchPage {
  std::string q;
  int64_t space_id = 0;  // 0: across the reader's spaces
  std::string space_name;
  bool space_protected = false;
  bool searched = false;        // words were given
  long protected_left_out = 0;  // across spaces: the reader's protected spaces not searched
  SpaceSearchResult result;
  std::vector<SearchRow> rows;
};

inline constexpr int kSearchPerPage = 20;

SearchPage search_all(web::Ctx& ctx, SearchIndex& index, const std::string& q, int page);
std::optional<SearchPage> search_space(web::Ctx& ctx, SearchIndex& index, int64_t space_id,
                                       const std::string& q, int page);

}  // namespace crm::spaces
