#include "core/i18n.hpp"

#include <unicode/datefmt.h>
#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <boost/locale.hpp>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/embedded.hpp"

namespace crm {

const std::vector<Language>& languages() {
  static const std::vector<Language> all = {
      {"en", "English", false, "en_GB.UTF-8"},
      {"de", "Deutsch", false, "de_DE.UTF-8"},
      {"fr", "Français", false, "fr_FR.UTF-8"},
      {"ar", "العربية", true, "ar.UTF-8"},
  };
  return all;
}

bool is_language(std::string_view code) {
  for (const auto& l : languages())
    if (l.code == code) return true;
  return false;
}

std::string pick_language(const std::vector<std::string>& tags) {
  for (const auto& tag : tags) {
    auto primary = std::string_view(tag).substr(0, tag.find('-'));
    if (is_language(primary)) return std::string(primary);
  }
  return {};
}

bool is_time_zone(std::string_view tz) {
  if (tz.empty() || tz.size() > 64) return false;
  auto id =
      icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  icu::UnicodeString canonical;
  zone->getID(canonical);
  return canonical != icu::UnicodeString("Etc/Unknown");
}

struct Catalogs::Language {
  std::locale locale;
  icu::number::LocalizedNumberFormatter number;
  icu::number::LocalizedNumberFormatter percent;  // 17 -> "17 %", "١٧٪"
  // Kept, not derived per call: a formatter made for one call is compiled
  // for it (ICU resource look-ups under a lock), which cut a knowledge-base
  // page with a year facet from 17,000 to 5,600 pages/s.
  icu::number::LocalizedNumberFormatter year;  // 2026 -> "2026", "٢٠٢٦"
  std::string icu_name;                        // "en_GB"
};

std::optional<long long> parse_whole_number(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  long long n = 0;
  int digits = 0;
  for (size_t i = 0; i < s.size();) {
    int d = -1;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      d = c - '0';
      i += 1;
    } else if (i + 1 < s.size()) {
      // U+0660..U+0669 are D9 A0..D9 A9; U+06F0..U+06F9 are DB B0..DB B9.
      auto c2 = static_cast<unsigned char>(s[i + 1]);
      if (c == 0xD9 && c2 >= 0xA0 && c2 <= 0xA9) d = c2 - 0xA0;
      if (c == 0xDB && c2 >= 0xB0 && c2 <= 0xB9) d = c2 - 0xB0;
      i += 2;
    }
    if (d < 0 || ++digits > 18) return std::nullopt;
    n = n * 10 + d;
  }
  return n;
}

std::string ascii_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto c2 = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c == 0xD9 && c2 >= 0xA0 && c2 <= 0xA9) {
      out += static_cast<char>('0' + (c2 - 0xA0));
      ++i;
    } else if (c == 0xDB && c2 >= 0xB0 && c2 <= 0xB9) {
      out += static_cast<char>('0' + (c2 - 0xB0));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace detail {
struct ListFormatters {
  std::map<std::string, std::unique_ptr<icu::ListFormatter>, std::less<>> by_language;
};
struct DateFormats {
  // Bounded: accounts use a few dozen zones; past the bound the formats are
  // built again as they are needed.
  static constexpr std::size_t kMax = 512;
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<icu::DateFormat>, std::less<>> by_key;
};
}  // namespace detail

Catalogs::~Catalogs() = default;

std::string time_zone_name(std::string_view tz, std::string_view language) {
  std::string fallback(tz);
  // UTC is known by that name everywhere (ICU would say "GMT", "غرينتش").
  if (!is_time_zone(tz) || tz == "UTC" || tz.starts_with("Etc/")) return fallback;
  icu::Locale locale(std::string(language).c_str());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> names(icu::TimeZoneNames::createInstance(locale, status));
  if (U_FAILURE(status)) return fallback;
  auto id =
      icu::UnicodeString::fromUTF8(icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())));
  icu::UnicodeString canonical;
  status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, status);
  if (U_FAILURE(status)) canonical = id;
  icu::UnicodeString city, generic;
  names->getExemplarLocationName(canonical, city);
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(canonical));
  zone->getDisplayName(false, icu::TimeZone::LONG_GENERIC, locale, generic);
  std::string c, g;
  city.toUTF8String(c);
  generic.toUTF8String(g);
  if (c.empty() && g.empty()) return fallback;
  if (c.empty()) return g;
  if (g.empty() || g == c) return c;
  return c + " (" + g + ")";
}

Catalogs::Catalogs()
    : lists_(std::make_unique<detail::ListFormatters>()),
      dates_(std::make_unique<detail::DateFormats>()) {
  boost::locale::generator gen;
  for (const auto& lang : languages()) {
    std::string code(lang.code);
    std::locale base = gen(std::string(lang.icu_locale));
    boost::locale::gnu_gettext::messages_info info;
    info.language = code;
    info.encoding = "UTF-8";
    info.domains.emplace_back("crm");
    info.paths.emplace_back("locale");
    info.callback = [](const std::string& file, const std::string&) {
      auto data = embedded::find(file);
      return data ? std::vector<char>(data->begin(), data->end()) : std::vector<char>();
    };
    // "en_GB.UTF-8" -> "en_GB": British English lists have no comma before "and".
    const std::string icu_name(lang.icu_locale.substr(0, lang.icu_locale.find('.')));
    languages_.emplace(
        code, std::make_unique<Language>(Language{
                  std::locale(base, boost::locale::gnu_gettext::create_messages_facet<char>(info)),
                  icu::number::NumberFormatter::withLocale(icu::Locale(icu_name.c_str())),
                  icu::number::NumberFormatter::withLocale(icu::Locale(icu_name.c_str()))
                      .unit(icu::MeasureUnit::getPercent()),
                  icu::number::NumberFormatter::withLocale(icu::Locale(icu_name.c_str()))
                      .grouping(UNUM_GROUPING_OFF),
                  icu_name}));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::ListFormatter> list(
        icu::ListFormatter::createInstance(icu::Locale(icu_name.c_str()), status));
    if (U_FAILURE(status) || !list) throw std::runtime_error("no list format for " + code);
    lists_->by_language.emplace(code, std::move(list));
  }
}

std::string Catalogs::join(std::string_view code, const std::vector<std::string>& items) const {
  auto it = lists_->by_language.find(code);
  if (it == lists_->by_language.end()) it = lists_->by_language.find("en");
  std::vector<icu::UnicodeString> parts;
  parts.reserve(items.size());
  for (const auto& item : items) parts.push_back(icu::UnicodeString::fromUTF8(item));
  icu::UnicodeString joined;
  UErrorCode status = U_ZERO_ERROR;
  // ListFormatter::format is const and keeps no state between calls: safe to share.
  it->second->format(parts.data(), static_cast<int32_t>(parts.size()), joined, status);
  if (U_FAILURE(status)) throw std::runtime_error("list format failed");
  std::string out;
  joined.toUTF8String(out);
  return out;
}

const Catalogs::Language& Catalogs::language(std::string_view code) const {
  auto it = languages_.find(code);
  if (it == languages_.end()) it = languages_.find("en");
  return *it->second;
}

std::string Catalogs::format_time(std::string_view code, const std::string& time_zone,
                                  bool with_time, int64_t unix_seconds) const {
  const Language& lang = language(code);
  std::string key = lang.icu_name + (with_time ? "|t|" : "|d|") + time_zone;
  icu::UnicodeString text;
  {
    std::lock_guard lock(dates_->mutex);
    auto it = dates_->by_key.find(key);
    if (it == dates_->by_key.end()) {
      icu::Locale locale(lang.icu_name.c_str());
      std::unique_ptr<icu::DateFormat> f(
          with_time ? icu::DateFormat::createDateTimeInstance(icu::DateFormat::kMedium,
                                                              icu::DateFormat::kShort, locale)
                    : icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale));
      if (!f) throw std::runtime_error("no date format for " + lang.icu_name);
      f->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
      if (dates_->by_key.size() >= detail::DateFormats::kMax) dates_->by_key.clear();
      it = dates_->by_key.emplace(std::move(key), std::move(f)).first;
    }
    it->second->format(static_cast<UDate>(unix_seconds) * 1000.0, text);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string Catalogs::format_skeleton(std::string_view code, const std::string& time_zone,
                                      std::string_view skeleton, int64_t unix_seconds) const {
  const Language& lang = language(code);
  std::string key = lang.icu_name + "|s" + std::string(skeleton) + "|" + time_zone;
  icu::UnicodeString text;
  {
    std::lock_guard lock(dates_->mutex);
    auto it = dates_->by_key.find(key);
    if (it == dates_->by_key.end()) {
      icu::Locale locale(lang.icu_name.c_str());
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::DateFormat> f(icu::DateFormat::createInstanceForSkeleton(
          icu::UnicodeString::fromUTF8(
              icu::StringPiece(skeleton.data(), static_cast<int32_t>(skeleton.size()))),
          locale, status));
      if (U_FAILURE(status) || !f) throw std::runtime_error("no date format for " + key);
      f->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
      if (dates_->by_key.size() >= detail::DateFormats::kMax) dates_->by_key.clear();
      it = dates_->by_key.emplace(std::move(key), std::move(f)).first;
    }
    it->second->format(static_cast<UDate>(unix_seconds) * 1000.0, text);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

const std::locale& Catalogs::locale(std::string_view code) const {
  return language(code).locale;
}

Tr::Tr(const Catalogs& c, std::string_view language, std::string time_zone)
    : catalogs_(&c),
      data_(&c.language(language)),
      language_(is_language(language) ? language : "en"),
      // Stored time zones were checked with is_time_zone when saved; an ICU
      // look-up per request would cost more than the rest of a page.
      time_zone_(time_zone.empty() ? "UTC" : std::move(time_zone)) {}

std::string Tr::operator()(const char* msgid) const {
  return boost::locale::translate(msgid).str(data_->locale);
}

namespace {
void fill(std::string& s, std::string_view name, const std::string& value) {
  std::string ph = "{" + std::string(name) + "}";
  for (size_t pos = 0; (pos = s.find(ph, pos)) != std::string::npos; pos += value.size())
    s.replace(pos, ph.size(), value);
}
}  // namespace

std::string Tr::operator()(
    const char* msgid, std::initializer_list<std::pair<std::string_view, std::string>> args) const {
  auto s = (*this)(msgid);
  for (const auto& [k, v] : args) fill(s, k, v);
  return s;
}

std::string Tr::plural(const char* singular, const char* plural_form, long n,
                       std::initializer_list<std::pair<std::string_view, std::string>> args) const {
  auto s = boost::locale::translate(singular, plural_form, n).str(data_->locale);
  fill(s, "n", number(n));
  for (const auto& [k, v] : args) fill(s, k, v);
  return s;
}

std::string Tr::key(const std::string& msgid) const {
  if (msgid.empty()) return {};
  return boost::locale::translate(msgid).str(data_->locale);
}

std::string Tr::error(const Error& e) const {
  std::string s;
  if (e.n < 0 || e.key_plural.empty()) {
    s = key(e.key);
  } else {
    s = boost::locale::translate(e.key, e.key_plural, e.n).str(data_->locale);
    fill(s, "n", number(e.n));
  }
  // Limits in a message about a field are written as the field takes them:
  // without grouping ("1000", "١٠٠٠"), in the reader's digits.
  auto ungrouped = [](const std::string& formatted) {
    std::string out;
    for (size_t i = 0; i < formatted.size(); ++i) {
      auto c = static_cast<unsigned char>(formatted[i]);
      auto c2 = i + 1 < formatted.size() ? static_cast<unsigned char>(formatted[i + 1]) : 0;
      if (c >= '0' && c <= '9') {
        out += formatted[i];
      } else if ((c == 0xD9 && c2 >= 0xA0 && c2 <= 0xA9) ||
                 (c == 0xDB && c2 >= 0xB0 && c2 <= 0xB9)) {
        out += formatted.substr(i, 2);
        ++i;
      }
    }
    return out;
  };
  for (const auto& [name, v] : e.numbers)
    fill(s, std::string_view(name),
         name == "percent" ? percent(static_cast<double>(v)) : ungrouped(number(v)));
  return s;
}

bool Tr::rtl() const {
  for (const auto& l : languages())
    if (l.code == language_) return l.rtl;
  return false;
}

std::string Tr::date_time(int64_t t) const {
  return catalogs_->format_time(language_, time_zone_, true, t);
}

std::string Tr::date(int64_t t) const {
  return catalogs_->format_time(language_, time_zone_, false, t);
}

std::string Tr::format(std::string_view skeleton, int64_t t) const {
  return catalogs_->format_skeleton(language_, time_zone_, skeleton, t);
}

std::string Tr::format_in(const std::string& time_zone, std::string_view skeleton,
                          int64_t t) const {
  return catalogs_->format_skeleton(language_, time_zone, skeleton, t);
}

std::string Tr::number(long long n) const {
  // ICU's formatter directly: a stream imbued with the locale per number cost
  // more than the rest of a table row.
  UErrorCode status = U_ZERO_ERROR;
  auto formatted = data_->number.formatInt(n, status);
  icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) return std::to_string(n);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string Tr::year(long long year) const {
  UErrorCode status = U_ZERO_ERROR;
  auto formatted = data_->year.formatInt(year, status);
  icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) return std::to_string(year);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string Tr::percent(double percent) const {
  // The kept formatter, as for number(): a stream imbued per share cost more
  // than the bar it labels.
  UErrorCode status = U_ZERO_ERROR;
  auto formatted = data_->percent.formatInt(std::llround(percent), status);
  icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) return std::to_string(std::llround(percent)) + "%";
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string Tr::list(const std::vector<std::string>& items) const {
  return catalogs_->join(language_, items);
}

}  // namespace crm
