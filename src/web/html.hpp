// A tiny HTML writer that escapes by default. Text and attribute values are
// always escaped; markup that is already HTML goes only through raw_trusted(),
// which is easy to grep for and must only ever receive crm's own markup.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"

namespace crm::web {

// An attribute. A name starting with '?' is left out when its value is empty
// ({"?required", flag ? "required" : ""}); values are always escaped.
using Attr = std::pair<std::string_view, std::string_view>;

void escape_into(std::string& out, std::string_view text);
std::string escape(std::string_view text);

class Html {
 public:
  Html& open(std::string_view tag, std::initializer_list<Attr> attrs = {});
  Html& close(std::string_view tag);
  // A void element (<input>, <meta>, <link>, <br>): no closing tag.
  Html& empty(std::string_view tag, std::initializer_list<Attr> attrs = {});
  // <tag attrs>text</tag>
  Html& el(std::string_view tag, std::initializer_list<Attr> attrs, std::string_view text);
  Html& el(std::string_view tag, std::string_view text) { return el(tag, {}, text); }
  Html& text(std::string_view t);
  // User text inside a block that keeps the page's direction: <bdi>text</bdi>.
  // Titles, cells and values use this instead of dir="auto" on the block, which
  // would put a Latin title on the left of an Arabic page.
  Html& bdi(std::string_view t) { return el("bdi", t); }
  // A translated message whose {name} placeholders are user text: the message
  // is escaped and each value is isolated in <bdi>. Placeholders not in
  // `isolated` are left as written.
  Html& message(std::string_view translated, std::initializer_list<Attr> isolated);
  // Items of user text joined in the reader's list format (Tr::list), each
  // isolated in <bdi>: "<bdi>Cohort 2</bdi> و<bdi>Cohort 3</bdi>".
  Html& list(const Tr& t, const std::vector<std::string>& items);
  // Markup that is already HTML, made by crm itself (a view's output, the QR
  // SVG). Never user input: grep for raw_trusted when reviewing.
  Html& raw_trusted(std::string_view html);
  std::string str() && { return std::move(out_); }
  const std::string& view() const { return out_; }

 private:
  void attrs(std::initializer_list<Attr> attrs);
  std::string out_;
};

// Every table of `html` with a <thead> gets `data-cards` and each cell of its
// body a data-label="…" with the header of its column, so that on a phone
// app.css can show each row as a card of labelled values instead of a table
// clipped at the screen's edge. Applied to every page's content by
// web::page(), so every table gets it. `html` is crm's own markup (escaped
// text, one table inside another not supported: such a table is left alone).
std::string label_table_cells(std::string_view html);

}  // namespace crm::web
