#include "core/i18n.hpp"

#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <boost/locale.hpp>
#include <memory>
#include <sstream>

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

Catalogs::Catalogs() {
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
    locales_.emplace(
        code, std::locale(base, boost::locale::gnu_gettext::create_messages_facet<char>(info)));
  }
}

const std::locale& Catalogs::locale(std::string_view code) const {
  auto it = locales_.find(code);
  if (it == locales_.end()) it = locales_.find("en");
  return it->second;
}

Tr::Tr(const Catalogs& c, std::string_view language, std::string time_zone)
    : locale_(&c.locale(language)),
      language_(is_language(language) ? language : "en"),
      // Stored time zones were checked with is_time_zone when saved; an ICU
      // look-up per request would cost more than the rest of a page.
      time_zone_(time_zone.empty() ? "UTC" : std::move(time_zone)) {}

std::string Tr::operator()(const char* msgid) const {
  return boost::locale::translate(msgid).str(*locale_);
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

std::string Tr::plural(const char* singular, const char* plural_form, long n) const {
  auto s = boost::locale::translate(singular, plural_form, n).str(*locale_);
  fill(s, "n", number(n));
  return s;
}

std::string Tr::key(const std::string& msgid) const {
  if (msgid.empty()) return {};
  return boost::locale::translate(msgid).str(*locale_);
}

bool Tr::rtl() const {
  for (const auto& l : languages())
    if (l.code == language_) return l.rtl;
  return false;
}

std::string Tr::date_time(int64_t t) const {
  std::ostringstream ss;
  ss.imbue(*locale_);
  ss << boost::locale::as::datetime << boost::locale::as::date_medium
     << boost::locale::as::time_short << boost::locale::as::time_zone(time_zone_)
     << static_cast<double>(t);
  return ss.str();
}

std::string Tr::date(int64_t t) const {
  std::ostringstream ss;
  ss.imbue(*locale_);
  ss << boost::locale::as::date << boost::locale::as::date_medium
     << boost::locale::as::time_zone(time_zone_) << static_cast<double>(t);
  return ss.str();
}

std::string Tr::number(long long n) const {
  std::ostringstream ss;
  ss.imbue(*locale_);
  ss << boost::locale::as::number << n;
  return ss.str();
}

}  // namespace crm
