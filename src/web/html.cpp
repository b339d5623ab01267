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

Html& Html::message(std::string_view translated, std::initializer_list<Attr> isolated) {
  size_t i = 0;
  while (i < translated.size()) {
    auto open_brace = translated.find('{', i);
    if (open_brace == std::string_view::npos) break;
    auto close_brace = translated.find('}', open_brace);
    if (close_brace == std::string_view::npos) break;
    auto name = translated.substr(open_brace + 1, close_brace - open_brace - 1);
    const Attr* value = nullptr;
    for (const auto& a : isolated)
      if (a.first == name) value = &a;
    if (!value) {
      escape_into(out_, translated.substr(i, close_brace + 1 - i));
    } else {
      escape_into(out_, translated.substr(i, open_brace - i));
      bdi(value->second);
    }
    i = close_brace + 1;
  }
  if (i < translated.size()) escape_into(out_, translated.substr(i));
  return *this;
}

Html& Html::list(const Tr& t, const std::vector<std::string>& items) {
  // The list is formatted with markers in place of the items, so that only the
  // language's own separators are outside the <bdi> elements.
  std::vector<std::string> markers;
  markers.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) markers.push_back("\x1f" + std::to_string(i) + "\x1f");
  std::string joined = t.list(markers);
  size_t pos = 0;
  while (pos < joined.size()) {
    auto start = joined.find('\x1f', pos);
    if (start == std::string::npos) break;
    auto end = joined.find('\x1f', start + 1);
    if (end == std::string::npos) break;
    escape_into(out_, std::string_view(joined).substr(pos, start - pos));
    size_t i = std::stoul(joined.substr(start + 1, end - start - 1));
    bdi(items.at(i));
    pos = end + 1;
  }
  if (pos < joined.size()) escape_into(out_, std::string_view(joined).substr(pos));
  return *this;
}

namespace {

// The text of an element's content: tags dropped, entities kept (it goes
// back into an attribute value, where they mean the same), spaces trimmed.
std::string text_of(std::string_view inner) {
  std::string out;
  bool in_tag = false;
  for (char c : inner) {
    if (c == '<') in_tag = true;
    if (!in_tag) out += c == '"' ? ' ' : c;
    if (c == '>') in_tag = false;
  }
  auto first = out.find_first_not_of(" \n\t");
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(" \n\t") - first + 1);
}

// A cell's start tag at `at` ("<td" or "<th" followed by a space or '>').
bool is_cell(std::string_view html, size_t at) {
  if (html.compare(at, 3, "<td") != 0 && html.compare(at, 3, "<th") != 0) return false;
  return at + 3 < html.size() && (html[at + 3] == ' ' || html[at + 3] == '>');
}

// How many columns a cell's start tag spans.
size_t span_of(std::string_view tag) {
  auto at = tag.find("colspan=\"");
  if (at == std::string_view::npos) return 1;
  size_t n = 0;
  for (size_t i = at + 9; i < tag.size() && tag[i] >= '0' && tag[i] <= '9'; ++i)
    n = n * 10 + static_cast<size_t>(tag[i] - '0');
  return n == 0 || n > 100 ? 1 : n;
}

// Labels one table (its markup from "<table" to "</table>") into `out`.
void label_table(std::string_view table, std::string& out) {
  auto head_start = table.find("<thead");
  auto head_end = table.find("</thead>");
  auto body_start = table.find("<tbody");
  if (table.find("<table", 1) != std::string_view::npos || head_start == std::string_view::npos ||
      head_end == std::string_view::npos || body_start == std::string_view::npos ||
      body_start < head_end) {
    out += table;
    return;
  }
  std::vector<std::string> labels;
  for (size_t i = head_start; i < head_end; ++i) {
    if (!is_cell(table, i)) continue;
    auto open_end = table.find('>', i);
    auto close = table.find("</th>", open_end);
    if (open_end == std::string_view::npos || close == std::string_view::npos) break;
    std::string label = text_of(table.substr(open_end + 1, close - open_end - 1));
    for (size_t n = span_of(table.substr(i, open_end - i)); n > 0; --n) labels.push_back(label);
    i = close;
  }
  // "<table" + " data-cards" + the rest of the start tag and the head, unchanged.
  out += "<table data-cards";
  out += table.substr(6, body_start - 6);
  size_t column = 0;
  size_t i = body_start;
  while (i < table.size()) {
    auto next = table.find('<', i);
    if (next == std::string_view::npos) {
      out += table.substr(i);
      break;
    }
    out += table.substr(i, next - i);
    if (table.compare(next, 3, "<tr") == 0) column = 0;
    if (is_cell(table, next)) {
      auto open_end = table.find('>', next);
      if (open_end == std::string_view::npos) open_end = table.size();
      auto tag = table.substr(next, open_end - next);
      out += tag.substr(0, 3);
      // A row group's heading ("Team", "Participants") is no column's value.
      if (column < labels.size() && !labels[column].empty() &&
          tag.find("data-label") == std::string_view::npos &&
          tag.find("scope=\"rowgroup\"") == std::string_view::npos) {
        out += " data-label=\"";
        out += labels[column];
        out += '"';
      }
      column += span_of(tag);
      i = next + 3;
      continue;
    }
    out += '<';
    i = next + 1;
  }
}

}  // namespace

std::string label_table_cells(std::string_view html) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  size_t i = 0;
  while (true) {
    auto start = html.find("<table", i);
    if (start == std::string_view::npos) break;
    auto end = html.find("</table>", start);
    if (end == std::string_view::npos) break;
    out += html.substr(i, start - i);
    label_table(html.substr(start, end - start), out);
    i = end;
  }
  out += html.substr(i);
  return out;
}

Html& Html::raw_trusted(std::string_view html) {
  out_ += html;
  return *this;
}

}  // namespace crm::web
