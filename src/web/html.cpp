#include "web/html.hpp"

namespace crm::web {

void escape_into(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  escape_into(out, text);
  return out;
}

void Html::attrs(std::initializer_list<Attr> list) {
  for (const auto& [name, value] : list) {
    std::string_view n = name;
    if (n.starts_with('?')) {
      if (value.empty()) continue;
      n.remove_prefix(1);
    }
    out_ += ' ';
    out_ += n;
    if (!value.empty() || n.starts_with("data-") || n == "value" || n == "alt" || n == "content") {
      out_ += "=\"";
      escape_into(out_, value);
      out_ += '"';
    }
  }
}

Html& Html::open(std::string_view tag, std::initializer_list<Attr> list) {
  out_ += '<';
  out_ += tag;
  attrs(list);
  out_ += '>';
  return *this;
}

Html& Html::close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Html& Html::empty(std::string_view tag, std::initializer_list<Attr> list) {
  return open(tag, list);
}

Html& Html::el(std::string_view tag, std::initializer_list<Attr> list, std::string_view t) {
  open(tag, list);
  escape_into(out_, t);
  return close(tag);
}

Html& Html::text(std::string_view t) {
  escape_into(out_, t);
  return *this;
}

Html& Html::raw_trusted(std::string_view html) {
  out_ += html;
  return *this;
}

}  // namespace crm::web
