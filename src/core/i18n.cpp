#include "core/i18n.hpp"

#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
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

struct Catalogs::Language {
  std::locale locale;
  icu::number::LocalizedNumberFormatter number;
};

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
    std::string icu_name(lang.icu_locale.substr(0, lang.icu_locale.find('.')));
    languages_.emplace(
        code, std::make_unique<Language>(Language{
                  std::locale(base, boost::locale::gnu_gettext::create_messages_facet<char>(info)),
                  icu::number::NumberFormatter::withLocale(icu::Locale(icu_name.c_str()))}));
  }
}

Catalogs::~Catalogs() = default;

const Catalogs::Language& Catalogs::language(std::string_view code) const {
  auto it = languages_.find(code);
  if (it == languages_.end()) it = languages_.find("en");
  return *it->second;
}

const std::locale& Catalogs::locale(std::string_view code) const {
  return language(code).locale;
}

Tr::Tr(const Catalogs& c, std::string_view language, std::string time_zone)
    : data_(&c.language(language)),
      locale_(&data_->locale),
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

}  // namespace crm
