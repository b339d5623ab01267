// How long the fields of a person may be: the one set of limits for the own
// profile (people/profile.cpp) and the people import (imports/rows.cpp), so
// whatever the import takes the profile can save again. Lengths count
// characters (Unicode code points), so an Arabic name fits as a Latin one of
// the same length does.
//
// Pure functions: safe from any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace crm::programme {

inline constexpr std::size_t kMaxName = 200;  // a person's name and Latin name; an organisation's
inline constexpr std::size_t kMaxPosition = 200;  // position or job title
inline constexpr std::size_t kMaxGender = 100;    // a self-described gender
inline constexpr std::size_t kMaxBio = 2000;      // the text about oneself
inline constexpr std::size_t kMaxTopic = 80;      // one topic of expertise
inline constexpr std::size_t kMaxTopics = 20;     // topics of expertise
inline constexpr std::size_t kMaxLanguages = 20;  // language codes

// The characters of UTF-8 text (bytes that do not continue a sequence).
std::size_t characters(std::string_view utf8);

// True when `s` has a control character (below U+0020 or DEL); line
// breaks and tabs are allowed when `allow_newlines`.
bool has_control(std::string_view s, bool allow_newlines);

}  // namespace crm::programme
