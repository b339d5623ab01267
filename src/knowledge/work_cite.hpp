// Citations of a public work in the two formats reference managers import:
// BibTeX and RIS. Pure functions of what the work page shows, so they can be
// tested without HTTP.
//
// Safety: every value is user text (titles, abstracts, names, topics). In
// BibTeX it is escaped so that no brace, backslash or TeX special character
// can end a field or run a command; non-ASCII stays as UTF-8 (biber and
// modern BibTeX read it). In RIS a value is one line: line breaks and other
// control characters become spaces, so no text can start a tag of its own
// (not even one that reads "ER  -"). Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::knowledge {

struct CiteData {
  std::string key;                   // BibTeX key: ASCII letters, digits, '-' ("crm-work-12")
  std::string bibtex_type = "misc";  // "misc", "manual", "techreport"
  std::string ris_type = "GEN";      // "GEN", "RPRT", "BOOK", "GOVDOC" …
  std::vector<std::string> authors;  // each one person or organisation, as written
  std::string title, abstract;
  std::string language;      // code of the title's language ("ar")
  int64_t year = 0;          // 0: unknown
  std::string howpublished;  // "Final paper, Programme, Cohort 3"
  std::string publisher;
  std::string url;
  std::vector<std::string> keywords;
};

// Text as the inside of a braced BibTeX field.
std::string bibtex_escape(std::string_view text);
// One @type{key, …} entry, fields in a fixed order, "\n" line ends.
std::string bibtex(const CiteData& c);

// A value fit for one RIS line: control characters (line breaks, tabs) as
// single spaces, surrounding spaces trimmed.
std::string ris_value(std::string_view text);
// TY, AU…, TI, PY, AB, PB, UR, KW…, LA, ER lines ("TAG  - value", CRLF).
std::string ris(const CiteData& c);

// The year (UTC) of a Unix time.
int64_t year_of(int64_t unix_seconds);

}  // namespace crm::knowledge
