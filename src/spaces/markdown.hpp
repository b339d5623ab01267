// Posts are written in Markdown (issue 14 §2) and shown as HTML that is safe
// to put into any page of crm: plain functions, no database, no state.
//
// What the reader gets: CommonMark with GitHub's autolinks, strikethrough
// and tables (cmark-gfm). What they never get: raw HTML (dropped), links or
// images to javascript:, vbscript:, file: or data: URLs (the address is
// removed, the text stays), an image loaded from elsewhere (`![x](url)` is
// rendered as a link to url, so a page never fetches a foreign picture and
// a phone never loads a large one), a link without rel="nofollow ugc".
//
// Mentions. The rule: "@" at the start of a word (at the start of the text
// or after a character that is not a letter, digit or "_") followed by a
// name exactly as it is shown (several words allowed), the longest name
// that fits first, and the name must end there (the next character is not
// a letter, digit or "_"). `mentioned` applies it to the raw text (what the
// thread service stores as post_mention); `to_html` wraps each such mention
// outside code in <mark class="mention" dir="auto">, the name only and no
// link (a link would tell who the person is beyond the space's rules); the
// mark is isolated, so a Latin name first does not turn an Arabic post left
// to right.
//
// Thread safety: reentrant. Input of any size and nesting: cmark-gfm is
// linear and keeps its own nesting limits (tests/unit/markdown_test.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crm::spaces::markdown {

// HTML of `text` (UTF-8; invalid bytes are replaced), mentions of `names` marked.
std::string to_html(std::string_view text, const std::vector<std::string>& names = {});

// The byte offsets of every "@" that starts a word in `text`.
std::vector<std::size_t> mention_starts(std::string_view text);

// The longest of `names` written right after the "@" at `at` and ending
// there; "" when none fits.
std::string name_at(std::string_view text, std::size_t at, const std::vector<std::string>& names);

// The names of `names` that `text` mentions, each once, in the order of `names`.
std::vector<std::string> mentioned(std::string_view text, const std::vector<std::string>& names);

}  // namespace crm::spaces::markdown
