// Names as a staff member reads them, for the import: the words of crm's own
// exports (column headers, country names, organisation types, statuses) in
// every language crm speaks, so that an export can be imported again; and
// organisation names compared loosely (case, accents and small spelling
// differences aside), so that the preview can propose an organisation crm
// already holds instead of creating a second one.
//
// A Vocabulary and a NameMatcher each own an ICU transliterator: build one per
// request or job and use it from that thread only.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/i18n.hpp"
#include "imports/model.hpp"
#include "programme/model.hpp"

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace crm::imports {

// What words mean to the import, in en, de, fr and ar (from the catalogs).
// Every lookup ignores case, accents and surrounding spaces.
class Vocabulary {
 public:
  explicit Vocabulary(const Catalogs& catalogs);
  ~Vocabulary();
  Vocabulary(const Vocabulary&) = delete;
  Vocabulary& operator=(const Vocabulary&) = delete;

  // A known column for a header: the column name itself ("name_latin",
  // "Name Latin") or the export's header in any language ("E-Mail-Adresse",
  // "Type of organisation", "البلد"); "" when unknown.
  std::string column(std::string_view header) const;
  // A country code for a country's name in any language ("Deutschland",
  // "Allemagne", "ألمانيا"); "" when not a name.
  std::string country(std::string_view name) const;
  // An organisation type, enrolment status or enrolment role for its label
  // in any language ("Nichtregierungsorganisation" -> "ngo"); "" when unknown.
  std::string organisation_type(std::string_view label) const;
  std::string status(std::string_view label) const;
  std::string role(std::string_view label) const;

 private:
  std::string fold(std::string_view s) const;
  std::unique_ptr<icu::Transliterator> fold_;
  std::unordered_map<std::string, std::string> columns_, countries_, types_, statuses_, roles_;
};

// Organisation names compared loosely: "Caritas München" is like
// "Caritasverband München" and "caritas munchen", not like "Diakonie München".
class NameMatcher {
 public:
  NameMatcher();
  ~NameMatcher();
  NameMatcher(const NameMatcher&) = delete;
  NameMatcher& operator=(const NameMatcher&) = delete;

  // The words of a name that tell it apart: in Latin letters, lower case,
  // without accents and without words such as "of", "für", "al".
  std::vector<std::string> words(std::string_view name) const;
  // 0 (nothing alike) to 1 (the same words): the share of words that match
  // (equal, one the start of the other, or one letter apart), of the longer
  // name's words.
  static double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

 private:
  std::unique_ptr<icu::Transliterator> latin_;
};

// The names of the file's organisations that crm does not hold, each with
// up to three organisations of its country whose name (or Latin name) is
// alike (similarity at least 0.5), best first. `existing`: every organisation
// of the file's countries.
void propose_matches(std::vector<NewOrganisation>& fresh,
                     const std::vector<programme::Organisation>& existing);

}  // namespace crm::imports
