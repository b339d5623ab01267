#include "imports/csv.hpp"

#include <algorithm>

#include "http/parse.hpp"

namespace crm::imports::csv {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

Parsed fail(std::string_view key, std::size_t row = 0, std::size_t column = 0) {
  Parsed p;
  p.problem.key = key;
  p.problem.row = row;
  p.problem.column = column;
  return p;
}

}  // namespace

char detect_delimiter(std::string_view s) {
  if (s.starts_with(kBom)) s.remove_prefix(kBom.size());
  auto first = s.find_first_not_of("\r\n");  // blank lines before the header are skipped
  s.remove_prefix(first == std::string_view::npos ? s.size() : first);
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice: no change
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

Parsed parse(std::string_view s, std::size_t max_rows) {
  if (!http::valid_utf8(s) || s.find('\0') != std::string_view::npos) return fail(kNotUtf8);
  if (s.starts_with(kBom)) s.remove_prefix(kBom.size());
  Table t;
  t.delimiter = detect_delimiter(s);
  bool have_header = false;

  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;      // inside quotes now
  bool was_quoted = false;  // the current field started with a quote

  // Ends the record in `fields`; a Problem when it breaks a rule.
  auto end_record = [&]() -> std::optional<Parsed> {
    fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
    std::vector<std::string> record = std::move(fields);
    fields.clear();
    if (std::all_of(record.begin(), record.end(), [](const std::string& f) { return f.empty(); }))
      return std::nullopt;  // a blank line
    if (!have_header) {
      for (auto& h : record) h = trim(h);
      while (!record.empty() && record.back().empty()) record.pop_back();
      if (record.empty()) return std::nullopt;  // only spaces
      t.header = std::move(record);
      have_header = true;
      return std::nullopt;
    }
    std::size_t row = t.rows.size() + 1;
    if (t.rows.size() >= max_rows) {
      Parsed p = fail(kTooManyRows);
      p.problem.expected = max_rows;
      return p;
    }
    while (record.size() > t.header.size() && record.back().empty()) record.pop_back();
    if (record.size() != t.header.size()) {
      Parsed p = fail(kWrongFieldCount, row);
      p.problem.expected = t.header.size();
      p.problem.found = record.size();
      return p;
    }
    t.rows.push_back(std::move(record));
    return std::nullopt;
  };

  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == t.delimiter) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      if (auto p = end_record()) return std::move(*p);
    } else {
      field += c;
    }
  }
  if (quoted)
    return fail(kUnterminatedQuote, have_header ? t.rows.size() + 1 : 0, fields.size() + 1);
  if (!field.empty() || !fields.empty() || was_quoted)
    if (auto p = end_record()) return std::move(*p);
  if (!have_header) return fail(kEmpty);
  if (t.rows.empty()) return fail(kNoRows);
  Parsed ok;
  ok.table = std::move(t);
  return ok;
}

}  // namespace crm::imports::csv
