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
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

class Catalogs {
 public:
  Catalogs();  // loads every language; throws if a catalog is broken (a build bug)
  const std::locale& locale(std::string_view code) const;

 private:
  std::map<std::string, std::locale, std::less<>> locales_;
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
  // Plural by the language's rules; {n} is replaced by the formatted number.
  std::string plural(const char* singular, const char* plural, long n) const;
  // Translates a key that arrived as data (an Error key); empty stays empty.
  std::string key(const std::string& msgid) const;

  std::string_view language() const { return language_; }
  bool rtl() const;
  std::string_view dir() const { return rtl() ? "rtl" : "ltr"; }
  const std::string& time_zone() const { return time_zone_; }
  // Date and time in the viewer's time zone, medium length, e.g. "24 Nov 2026, 18:00".
  std::string date_time(int64_t unix_seconds) const;
  std::string date(int64_t unix_seconds) const;
  std::string number(long long n) const;

 private:
  const std::locale* locale_;
  std::string language_;
  std::string time_zone_;
};

}  // namespace crm
