// LIKE patterns built from user text. The one way crm puts a name, an email
// or any other text a user typed into a LIKE: the text is matched literally,
// so `%` and `_` in it are not wildcards and `\` is not an escape.
//
//   sql << "… WHERE changes LIKE :pattern" + std::string(db::kLikeEscape),
//       use(db::like_contains(text));
//
// The same statement behaves the same on SQLite and PostgreSQL: both take
// `ESCAPE '\'` (PostgreSQL with standard_conforming_strings, its default
// since 9.1). One difference stays, and is no risk for what crm matches:
// SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's does not.
#pragma once

#include <string>
#include <string_view>

namespace crm::db {

// Follows every LIKE whose pattern comes from like_contains (with the space
// before it): " ESCAPE '\'".
inline constexpr const char* kLikeEscape = " ESCAPE '\\'";

// "%<text>%" with `\`, `%` and `_` of `text` escaped by a backslash: matches
// any value that contains `text` as it is. Empty text matches every value.
std::string like_contains(std::string_view text);

}  // namespace crm::db
