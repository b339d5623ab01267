#include "surveys/xlsx_reader.hpp"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace crm::surveys::xlsx {

namespace {

constexpr long long kMegabyte = 1024 * 1024;

Error problem(const char* key) {
  return invalid("file", key);
}
Error problem(const char* key, long long max) {
  return invalid("file", key, {{"max", max}});
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

void no_errors(void*, const char*, xmlParserSeverities, xmlTextReaderLocatorPtr) {}

// The unpacked parts of one workbook, within the limits.
class Archive {
 public:
  Archive(zip_t* z, const Limits& l) : zip_(z), limits_(l) {}

  // The part's bytes; nullopt with `error` set when it is missing (error
  // empty) or cannot be read within the limits.
  std::optional<std::string> part(const std::string& name, std::optional<Error>& error) {
    error.reset();
    zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0) {
      error = problem(kDamaged);
      return std::nullopt;
    }
    const std::size_t cap = std::min(limits_.part_bytes, limits_.total_bytes - used_);
    if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
      error = unpack_error();
      return std::nullopt;
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> f(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!f) {
      error = problem(kDamaged);  // encrypted, unknown compression …
      return std::nullopt;
    }
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
      zip_int64_t n = zip_fread(f.get(), buffer, sizeof buffer);
      if (n < 0) {
        error = problem(kDamaged);  // CRC or inflate error
        return std::nullopt;
      }
      if (n == 0) break;
      // The size in the directory can lie: stop at the cap whatever it said.
      if (out.size() + static_cast<std::size_t>(n) > cap) {
        error = unpack_error();
        return std::nullopt;
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
    used_ += out.size();
    return out;
  }

 private:
  Error unpack_error() const {
    return problem(kUnpacksTooLarge, static_cast<long long>(
                                         std::max<std::size_t>(limits_.part_bytes, 1) / kMegabyte));
  }

  std::unique_ptr<zip_t, ZipCloser> zip_;
  const Limits& limits_;
  std::size_t used_ = 0;
};

// Streams an XML part: calls on_start(local name, reader) for each element,
// on_end(local name) after it, on_text(text) for text inside elements.
// No DTD, no entities, no network; false when the XML is broken.
template <class Start, class End, class Text>
bool walk(const std::string& xml, Start on_start, End on_end, Text on_text) {
  // OOXML parts never carry a DOCTYPE; one is an attack (XXE, entity bombs).
  if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos)
    return false;
  if (xml.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  std::unique_ptr<xmlTextReader, ReaderFree> r(
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_NOCDATA | XML_PARSE_COMPACT));
  if (!r) return false;
  xmlTextReaderSetErrorHandler(r.get(), no_errors, nullptr);
  int status;
  while ((status = xmlTextReaderRead(r.get())) == 1) {
    const int type = xmlTextReaderNodeType(r.get());
    if (type == XML_READER_TYPE_ELEMENT) {
      const xmlChar* local = xmlTextReaderConstLocalName(r.get());
      std::string_view name = local ? reinterpret_cast<const char*>(local) : "";
      const bool empty = xmlTextReaderIsEmptyElement(r.get()) == 1;
      if (!on_start(name, r.get())) return false;
      if (empty && !on_end(name)) return false;
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      const xmlChar* local = xmlTextReaderConstLocalName(r.get());
      if (!on_end(local ? reinterpret_cast<const char*>(local) : "")) return false;
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_WHITESPACE ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      const xmlChar* v = xmlTextReaderConstValue(r.get());
      if (v && !on_text(std::string_view(reinterpret_cast<const char*>(v)))) return false;
    } else if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
               type == XML_READER_TYPE_ENTITY_REFERENCE) {
      return false;
    }
  }
  return status == 0;
}

std::string attribute(xmlTextReader* r, const char* name) {
  xmlChar* v = xmlTextReaderGetAttribute(r, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// The relationship's attribute r:id (any prefix bound to the relationships
// namespace; "id" in that namespace).
std::string relationship_id(xmlTextReader* r) {
  static const char* kNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  xmlChar* v = xmlTextReaderGetAttributeNs(r, reinterpret_cast<const xmlChar*>("id"),
                                           reinterpret_cast<const xmlChar*>(kNs));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// `target` of a relationship in `base_dir` ("xl/") as a part name; "" when it
// leaves the package.
std::string resolve(std::string_view base_dir, std::string_view target) {
  std::string path = target.substr(0, 1) == "/" ? std::string(target.substr(1))
                                                : std::string(base_dir) + std::string(target);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationship {
  std::string type, target;
};

std::map<std::string, Relationship> relationships(const std::string& xml, bool& ok) {
  std::map<std::string, Relationship> out;
  ok = walk(
      xml,
      [&](std::string_view name, xmlTextReader* r) {
        if (name == "Relationship") {
          if (attribute(r, "TargetMode") == "External") return true;
          out[attribute(r, "Id")] = {attribute(r, "Type"), attribute(r, "Target")};
        }
        return out.size() <= 10000;
      },
      [](std::string_view) { return true; }, [](std::string_view) { return true; });
  return out;
}

class Reader {
 public:
  Reader(zip_t* z, const Limits& l) : archive_(z, l), limits_(l) {}

  Result<Workbook> run() {
    std::optional<Error> error;
    // The workbook part: from the package's relationships, else the usual place.
    std::string workbook_name = "xl/workbook.xml";
    if (auto rels = archive_.part("_rels/.rels", error)) {
      bool ok = false;
      for (const auto& [id, rel] : relationships(*rels, ok))
        if (ends_with(rel.type, "/officeDocument")) workbook_name = resolve("", rel.target);
      if (!ok) return problem(kDamaged);
    } else if (error) {
      return *error;
    }
    const std::string dir = workbook_name.substr(0, workbook_name.rfind('/') + 1);
    auto workbook = archive_.part(workbook_name, error);
    if (!workbook) return error ? *error : problem(kNotXlsx);
    struct Named {
      std::string name, rid;
    };
    std::vector<Named> named;
    bool too_many = false;
    if (!walk(
            *workbook,
            [&](std::string_view name, xmlTextReader* r) {
              if (name == "sheet") {
                if (named.size() >= limits_.sheets) {
                  too_many = true;
                  return false;
                }
                named.push_back({attribute(r, "name"), relationship_id(r)});
              }
              return true;
            },
            [](std::string_view) { return true; }, [](std::string_view) { return true; }))
      return too_many ? problem(kTooManySheets, static_cast<long long>(limits_.sheets))
                      : problem(kDamaged);
    if (named.empty()) return problem(kNoSheets);

    const std::string rels_name =
        dir + "_rels/" + workbook_name.substr(workbook_name.rfind('/') + 1) + ".rels";
    std::map<std::string, Relationship> rels;
    if (auto xml = archive_.part(rels_name, error)) {
      bool ok = false;
      rels = relationships(*xml, ok);
      if (!ok) return problem(kDamaged);
    } else if (error) {
      return *error;
    }
    std::string strings_name = dir + "sharedStrings.xml";
    for (const auto& [id, rel] : rels)
      if (ends_with(rel.type, "/sharedStrings")) strings_name = resolve(dir, rel.target);
    if (auto xml = archive_.part(strings_name, error)) {
      if (auto st = shared_strings(*xml); !st) return st.error();
    } else if (error) {
      return *error;
    }

    Workbook book;
    for (const auto& n : named) {
      auto it = rels.find(n.rid);
      std::string part_name = it != rels.end() ? resolve(dir, it->second.target) : std::string();
      if (part_name.empty()) return problem(kDamaged);
      // Chart sheets and dialog sheets have no cells for a form.
      if (it->second.type.find("/worksheet") == std::string::npos) continue;
      auto xml = archive_.part(part_name, error);
      if (!xml) return error ? *error : problem(kDamaged);
      Sheet s;
      s.name = n.name;
      if (auto st = sheet(*xml, s); !st) return st.error();
      book.sheets.push_back(std::move(s));
    }
    if (book.sheets.empty()) return problem(kNoSheets);
    return book;
  }

 private:
  Status shared_strings(const std::string& xml) {
    std::optional<Error> error;
    int in_t = 0, in_phonetic = 0;
    bool in_si = false;
    std::string current;
    const bool ok = walk(
        xml,
        [&](std::string_view name, xmlTextReader*) {
          if (name == "si") {
            if (strings_.size() >= limits_.shared_strings) {
              error = problem(kTooManyCells, static_cast<long long>(limits_.shared_strings));
              return false;
            }
            in_si = true;
            current.clear();
          } else if (name == "t") {
            ++in_t;
          } else if (name == "rPh") {
            ++in_phonetic;
          }
          return true;
        },
        [&](std::string_view name) {
          if (name == "si") {
            strings_.push_back(std::move(current));
            current.clear();
            in_si = false;
          } else if (name == "t") {
            in_t = std::max(0, in_t - 1);
          } else if (name == "rPh") {
            in_phonetic = std::max(0, in_phonetic - 1);
          }
          return true;
        },
        [&](std::string_view text) {
          if (in_si && in_t && !in_phonetic) {
            if (current.size() + text.size() > limits_.cell_bytes) {
              error = problem(kCellTooLong, static_cast<long long>(limits_.cell_bytes));
              return false;
            }
            current += text;
          }
          return true;
        });
    if (error) return *error;
    if (!ok) return problem(kDamaged);
    return ok_status();
  }

  Status sheet(const std::string& xml, Sheet& s) {
    std::optional<Error> error;
    std::size_t row = 0;     // 1-based number of the row being read
    std::size_t column = 0;  // 0-based column of the next cell
    std::size_t cells = 0;
    bool in_cell = false, in_value = false, in_inline = false, in_phonetic = false;
    int in_t = 0;
    std::string type, value;
    std::size_t cell_column = 0;
    auto fail = [&](const char* key, std::size_t max) {
      error = problem(key, static_cast<long long>(max));
      return false;
    };
    const bool ok = walk(
        xml,
        [&](std::string_view name, xmlTextReader* r) {
          if (name == "row") {
            std::string n = attribute(r, "r");
            std::size_t number = row + 1;
            if (!n.empty()) {
              number = 0;
              for (char ch : n) {
                if (ch < '0' || ch > '9' || number > 10000000) return false;
                number = number * 10 + static_cast<std::size_t>(ch - '0');
              }
              if (number == 0) return false;
            }
            if (number > limits_.rows) return fail(kTooManyRows, limits_.rows);
            row = number;
            column = 0;
          } else if (name == "c") {
            if (row == 0) return false;
            std::string ref = attribute(r, "r");
            cell_column = column;
            if (!ref.empty()) {
              std::size_t c = 0, rr = 0;
              if (!parse_cell_reference(ref, c, rr)) return false;
              if (rr != row) return false;
              cell_column = c;
            }
            if (cell_column >= limits_.columns) return fail(kTooManyColumns, limits_.columns);
            column = cell_column + 1;
            type = attribute(r, "t");
            value.clear();
            in_cell = true;
          } else if (in_cell && name == "v") {
            in_value = true;
          } else if (in_cell && name == "is") {
            in_inline = true;
          } else if (in_inline && name == "t") {
            ++in_t;
          } else if (in_inline && name == "rPh") {
            in_phonetic = true;
          }
          return true;
        },
        [&](std::string_view name) {
          if (name == "v") {
            in_value = false;
          } else if (name == "t") {
            in_t = std::max(0, in_t - 1);
          } else if (name == "rPh") {
            in_phonetic = false;
          } else if (name == "is") {
            in_inline = false;
          } else if (name == "c" && in_cell) {
            in_cell = false;
            std::string text;
            if (type == "s") {
              std::size_t index = 0;
              if (value.empty() || value.size() > 9) return false;
              for (char ch : value) {
                if (ch < '0' || ch > '9') return false;
                index = index * 10 + static_cast<std::size_t>(ch - '0');
              }
              if (index >= strings_.size()) return false;
              text = strings_[index];
            } else if (type == "b") {
              text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
            } else {
              text = std::move(value);  // n, str, inlineStr, e, d
            }
            value.clear();
            if (text.empty()) return true;
            if (s.rows.size() < row) {
              if (row > limits_.rows) return fail(kTooManyRows, limits_.rows);
              s.rows.resize(row);
            }
            auto& cells_of_row = s.rows[row - 1];
            if (cells_of_row.size() <= cell_column) {
              cells += cell_column + 1 - cells_of_row.size();
              if (cells > limits_.cells) return fail(kTooManyCells, limits_.cells);
              cells_of_row.resize(cell_column + 1);
            }
            cells_of_row[cell_column] = std::move(text);
          }
          return true;
        },
        [&](std::string_view text) {
          if (in_cell && (in_value || (in_inline && in_t && !in_phonetic))) {
            if (value.size() + text.size() > limits_.cell_bytes)
              return fail(kCellTooLong, limits_.cell_bytes);
            value += text;
          }
          return true;
        });
    if (error) return *error;
    if (!ok) return problem(kDamaged);
    // Rows and padding count against the cap too (a row far down is a vector each).
    if (s.rows.size() + cells > limits_.cells + limits_.rows)
      return problem(kTooManyCells, static_cast<long long>(limits_.cells));
    return ok_status();
  }

  static Status ok_status() { return crm::ok(); }

  Archive archive_;
  const Limits& limits_;
  std::vector<std::string> strings_;
};

}  // namespace

const std::string& Sheet::cell(std::size_t row, std::size_t column) const {
  static const std::string kEmpty;
  if (row >= rows.size() || column >= rows[row].size()) return kEmpty;
  return rows[row][column];
}

const Sheet* Workbook::find(std::string_view name) const {
  for (const auto& s : sheets)
    if (iequals(s.name, name)) return &s;
  return nullptr;
}

bool looks_like_zip(std::string_view data) {
  return data.size() >= 4 && data.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

bool parse_cell_reference(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    if (i >= 3) return false;  // XFD is the last column
    const char ch = static_cast<char>(ref[i] >= 'a' ? ref[i] - 'a' + 'A' : ref[i]);
    c = c * 26 + static_cast<std::size_t>(ch - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  const std::size_t digits = i;
  while (i < ref.size()) {
    if (ref[i] < '0' || ref[i] > '9' || i - digits >= 7) return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    ++i;
  }
  if (r == 0 || c > 16384) return false;
  column = c - 1;
  row = r;
  return true;
}

std::string column_letters(std::size_t column) {
  std::string out;
  std::size_t n = column + 1;
  while (n > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

Result<Workbook> read(std::string_view data, const Limits& limits) {
  if (data.size() > limits.file_bytes)
    return problem(kTooLarge, static_cast<long long>(limits.file_bytes / kMegabyte));
  if (!looks_like_zip(data)) return problem(kNotXlsx);
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  try {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &err);
    if (!src) {
      zip_error_fini(&err);
      return problem(kNotXlsx);
    }
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
    zip_error_fini(&err);
    if (!z) {
      zip_source_free(src);
      return problem(kNotXlsx);
    }
    Reader reader(z, limits);
    return reader.run();
  } catch (const std::exception&) {
    return problem(kDamaged);
  }
}

}  // namespace crm::surveys::xlsx
