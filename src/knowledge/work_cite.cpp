#include "knowledge/work_cite.hpp"

#include <chrono>

namespace crm::knowledge {

namespace {

// Line breaks, tabs and other C0/C1 controls (and U+2028/U+2029) as one space.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  auto put_space = [&] {
    if (!space && !out.empty()) out += ' ';
    space = true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f || c == ' ') {
      put_space();
      continue;
    }
    // U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9) end lines too.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      put_space();
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      put_space();
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
    space = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += "  ";
  out += name;
  out += " = {";
  out += value;
  out += "},\n";
}

void line(std::string& out, std::string_view tag, std::string_view value) {
  const std::string v = ris_value(value);
  if (v.empty()) return;
  out += tag;
  out += "  - ";
  out += v;
  out += "\r\n";
}

}  // namespace

std::string bibtex_escape(std::string_view text) {
  const std::string flat = one_line(text);
  std::string out;
  out.reserve(flat.size() + 8);
  for (char c : flat) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '{':
      case '}':
      case '%':
      case '&':
      case '$':
      case '#':
      case '_':
        out += '\\';
        out += c;
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string bibtex(const CiteData& c) {
  std::string out = "@" + c.bibtex_type + "{" + c.key + ",\n";
  std::string authors;
  for (const auto& a : c.authors) {
    const std::string e = bibtex_escape(a);
    if (e.empty()) continue;
    if (!authors.empty()) authors += " and ";
    // Braced: the name is kept as written (no first/last guessing, an "and"
    // inside a name does not split it).
    authors += "{" + e + "}";
  }
  field(out, "author", authors);
  // Double braces keep the title's capitals as written.
  const std::string title = bibtex_escape(c.title);
  if (!title.empty()) field(out, "title", "{" + title + "}");
  if (c.year > 0) field(out, "year", std::to_string(c.year));
  field(out, "howpublished", bibtex_escape(c.howpublished));
  field(out, "publisher", bibtex_escape(c.publisher));
  field(out, "url", bibtex_escape(c.url));
  field(out, "language", bibtex_escape(c.language));
  std::string keywords;
  for (const auto& k : c.keywords) {
    const std::string e = bibtex_escape(k);
    if (e.empty()) continue;
    if (!keywords.empty()) keywords += ", ";
    keywords += e;
  }
  field(out, "keywords", keywords);
  field(out, "abstract", bibtex_escape(c.abstract));
  out += "}\n";
  return out;
}

std::string ris_value(std::string_view text) {
  return one_line(text);
}

std::string ris(const CiteData& c) {
  std::string out;
  line(out, "TY", c.ris_type);
  for (const auto& a : c.authors) line(out, "AU", a);
  line(out, "TI", c.title);
  if (c.year > 0) line(out, "PY", std::to_string(c.year));
  line(out, "AB", c.abstract);
  line(out, "PB", c.publisher);
  line(out, "M3", c.howpublished);
  line(out, "UR", c.url);
  for (const auto& k : c.keywords) line(out, "KW", k);
  line(out, "LA", c.language);
  out += "ER  - \r\n";
  return out;
}

int64_t year_of(int64_t unix_seconds) {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(sys_seconds{seconds{unix_seconds}})};
  return static_cast<int>(ymd.year());
}

}  // namespace crm::knowledge
