// Translations and locale formatting through Boost.Locale (ICU backend) and the
// gettext catalogs in locale/*.po (compiled into the binary).
//
// Catalogs is built once at start and is then immutable: share it across
// threads. Tr is a cheap per-request view (language + time zone).
//
// Every user-visible string is an English msgid passed to tr("…") or marked
// with N_("…") where it is stored before being shown (error keys); a test
// extracts them with xgettext and fails when a catalog lacks one.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <locale>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace crm {

// Marks a string for extraction without translating it here.
constexpr const char* N_(const char* s) {
  return s;
}

struct Language {
  std::string_view code;    // "ar"
  std::string_view native;  // "العربية"
  bool rtl = false;
  std::string_view icu_locale;  // for dates, numbers and plurals
};

// The languages crm speaks, in the order the switcher shows them.
const std::vector<Language>& languages();
bool is_language(std::string_view code);
// Picks a supported language from Accept-Language tags ("de-AT" -> "de"); "" if none.
std::string pick_language(const std::vector<std::string>& tags);
bool is_time_zone(std::string_view tz);
// A time zone as people know it, in `language` (one of languages()): its
// city and its name, "Berlin (Central European Time)", "برلين (توقيت وسط أوروبا)";
// the IANA name itself when ICU knows neither.
std::string time_zone_name(std::string_view tz, std::string_view language);

// A whole number as people type it: digits 0-9, Arabic-Indic ٠-٩ or Persian
// ۰-۹ (mixed too), spaces around it ignored; no sign, no separators, at most
// 18 digits. nullopt for anything else, "" included.
std::optional<long long> parse_whole_number(std::string_view text);

// The text with Arabic-Indic and Persian digits written as 0-9, everything else
// unchanged: for codes typed on a phone (a one-time code "٤٨٢٩١٠").
std::string ascii_digits(std::string_view text);

namespace detail {
struct ListFormatters;  // ICU list formatters, one per language
struct DateFormats;     // ICU date formats by language, time zone and length
}  // namespace detail

class Catalogs {
 public:
  Catalogs();  // loads every language; throws if a catalog is broken (a build bug)
  ~Catalogs();
  Catalogs(const Catalogs&) = delete;
  Catalogs& operator=(const Catalogs&) = delete;
  const std::locale& locale(std::string_view code) const;
  // "a, b and c" in the language's own list format (ICU ListFormatter).
  std::string join(std::string_view code, const std::vector<std::string>& items) const;

  // A language's catalog and its number format, built once (ICU's
  // LocalizedNumberFormatter is immutable and thread-safe).
  struct Language;
  const Language& language(std::string_view code) const;
  // A time (Unix seconds) as a medium-length date, or date and short time, in
  // `time_zone` (REQUIRES: is_time_zone). ICU's formatters are kept per
  // language, zone and length (building one reads ICU's data: more than the
  // rest of a small page); thread-safe.
  std::string format_time(std::string_view code, const std::string& time_zone, bool with_time,
                          int64_t unix_seconds) const;
  // A time in `time_zone` by an ICU skeleton ("Hm": hours and minutes,
  // "yMMMM": month and year, "EEEEdMMMM": weekday, day and month), in the
  // language's own order and digits; kept like format_time. Thread-safe.
  std::string format_skeleton(std::string_view code, const std::string& time_zone,
                              std::string_view skeleton, int64_t unix_seconds) const;

 private:
  std::map<std::string, std::unique_ptr<Language>, std::less<>> languages_;
  std::unique_ptr<detail::ListFormatters> lists_;
  std::unique_ptr<detail::DateFormats> dates_;
};

class Tr {
 public:
  // REQUIRES: time_zone passed is_time_zone (or is empty: UTC).
  Tr(const Catalogs& c, std::string_view language, std::string time_zone = "UTC");
  std::string operator()(const char* msgid) const;
  // Replaces {name} placeholders after translating.
  std::string operator()(
      const char* msgid,
      std::initializer_list<std::pair<std::string_view, std::string>> args) const;
  // Plural by the language's rules; {n} is replaced by the formatted number
  // and the other placeholders by `args` (format numbers among them with number()).
  std::string plural(
      const char* singular, const char* plural, long n,
      std::initializer_list<std::pair<std::string_view, std::string>> args = {}) const;
  // Translates a key that arrived as data (an Error key); empty stays empty.
  std::string key(const std::string& msgid) const;
  // An Error's message: its key, or its plural form for its count.
  std::string error(const Error& e) const;

  std::string_view language() const { return language_; }
  bool rtl() const;
  std::string_view dir() const { return rtl() ? "rtl" : "ltr"; }
  const std::string& time_zone() const { return time_zone_; }
  // Date and time in the viewer's time zone, medium length, e.g. "24 Nov 2026, 18:00".
  std::string date_time(int64_t unix_seconds) const;
  std::string date(int64_t unix_seconds) const;
  // By an ICU skeleton (Catalogs::format_skeleton) in the viewer's time zone,
  // or in `time_zone` (REQUIRES: is_time_zone).
  std::string format(std::string_view skeleton, int64_t unix_seconds) const;
  std::string format_in(const std::string& time_zone, std::string_view skeleton,
                        int64_t unix_seconds) const;
  // Numbers in the language's digits and grouping ("20,000", "20.000", "٢٠٬٠٠٠").
  std::string number(long long n) const;
  // A year in the language's digits, never grouped ("2026", "٢٠٢٦"): a year
  // is a name, not a quantity.
  std::string year(long long year) const;
  // A share given in percent (17.4 -> "17 %" in German, "١٧٪" in Arabic), rounded to a whole.
  std::string percent(double percent) const;
  // Items joined as the language joins a list: "A, B and C", "A, B et C", "A وB وC".
  std::string list(const std::vector<std::string>& items) const;

 private:
  const Catalogs* catalogs_;
  const Catalogs::Language* data_;
  std::string language_;
  std::string time_zone_;
};

}  // namespace crm
