// A tiny HTML writer that escapes by default. Text and attribute values are
// always escaped; markup that is already HTML goes only through raw_trusted(),
// which is easy to grep for and must only ever receive crm's own markup.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

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
  // Markup that is already HTML, made by crm itself (a view's output, the QR
  // SVG). Never user input: grep for raw_trusted when reviewing.
  Html& raw_trusted(std::string_view html);
  std::string str() && { return std::move(out_); }
  const std::string& view() const { return out_; }

 private:
  void attrs(std::initializer_list<Attr> attrs);
  std::string out_;
};

}  // namespace crm::web
