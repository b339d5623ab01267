#include "imports/names.hpp"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <utility>

#include "imports/rows.hpp"
#include "programme/countries.hpp"
#include "programme/views.hpp"

namespace crm::imports {

namespace {

constexpr std::string_view kLanguages[] = {"en", "de", "fr", "ar"};

std::unique_ptr<icu::Transliterator> transliterator(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) throw std::runtime_error(std::string("ICU transliterator ") + id);
  return t;
}

std::string utf8_through(const icu::Transliterator& t, std::string_view s) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  t.transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Spaces, hyphens and underscores as one underscore; trimmed.
std::string squeeze(std::string_view s) {
  std::string out;
  bool gap = false;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += '_';
    gap = false;
    out += c;
  }
  return out;
}

// Levenshtein distance, at most `limit + 1` (the words are short).
std::size_t distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diagonal = row[0];
    row[0] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[a.size()];
}

bool alike(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::size_t shorter = std::min(a.size(), b.size());
  // "caritas" / "caritasverband"
  if (shorter >= 4 && (a.starts_with(b) || b.starts_with(a))) return true;
  // "muenchen" / "munchen", "organisation" / "organization"
  return shorter >= 5 && distance(a, b, 1) <= 1;
}

}  // namespace

Vocabulary::Vocabulary(const Catalogs& catalogs)
    : fold_(transliterator("NFKD; [:Nonspacing Mark:] Remove; Lower; NFC")) {
  struct Column {
    const char* key;
    std::initializer_list<const char*> headers;
  };
  // The headers of the cohort's people export (programme/parity_views.cpp),
  // and a few a person would write.
  static const Column columns[] = {
      {"email", {N_("Email address"), N_("Email")}},
      {"name", {N_("Name")}},
      {"name_latin", {N_("Name in Latin script")}},
      {"country", {N_("Country")}},
      {"organisation", {N_("Organisation")}},
      {"organisation_latin", {N_("Organisation in Latin script")}},
      {"organisation_type", {N_("Type of organisation")}},
      {"position", {N_("Position")}},
      {"gender", {N_("Gender")}},
      {"status", {N_("Status")}},
      {"role", {N_("Role")}},
  };
  for (const auto& k : known_columns()) columns_.emplace(squeeze(fold(k)), k);
  columns_.emplace("e_mail", "email");
  for (auto language : kLanguages) {
    Tr t(catalogs, language);
    for (const auto& c : columns)
      for (const char* h : c.headers) columns_.emplace(squeeze(fold(t(h))), c.key);
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c)
      if (programme::is_country(*c))
        countries_.emplace(fold(programme::country_name(*c, language)), *c);
    for (auto type : programme::organisation_types())
      types_.emplace(fold(programme::views::organisation_type_label(t, type)), type);
    for (auto status : programme::enrolment_statuses())
      statuses_.emplace(fold(programme::views::enrolment_status_label(t, status)), status);
    for (auto role : programme::enrolment_roles())
      roles_.emplace(fold(programme::views::enrolment_role_label(t, role)), role);
  }
}

Vocabulary::~Vocabulary() = default;

std::string Vocabulary::fold(std::string_view s) const {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  s = s.substr(b, s.find_last_not_of(" \t") - b + 1);
  return utf8_through(*fold_, s);
}

namespace {
std::string find_in(const std::unordered_map<std::string, std::string>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? std::string() : it->second;
}
}  // namespace

std::string Vocabulary::column(std::string_view header) const {
  return find_in(columns_, squeeze(fold(header)));
}
std::string Vocabulary::country(std::string_view name) const {
  return find_in(countries_, fold(name));
}
std::string Vocabulary::organisation_type(std::string_view label) const {
  return find_in(types_, fold(label));
}
std::string Vocabulary::status(std::string_view label) const {
  return find_in(statuses_, fold(label));
}
std::string Vocabulary::role(std::string_view label) const {
  return find_in(roles_, fold(label));
}

NameMatcher::NameMatcher() : latin_(transliterator("Any-Latin; Latin-ASCII; Lower")) {}
NameMatcher::~NameMatcher() = default;

std::vector<std::string> NameMatcher::words(std::string_view name) const {
  // Words that many names share and that tell none apart.
  static const std::string_view kCommon[] = {
      "of",  "the", "for", "and", "de",  "la", "le", "les", "du", "des", "di", "del", "e", "et",
      "und", "fur", "der", "die", "das", "al", "el", "y",   "in", "im",  "a",  "d",   "l", "von"};
  const std::string folded = utf8_through(*latin_, name);
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() &&
        std::find(std::begin(kCommon), std::end(kCommon), word) == std::end(kCommon))
      out.push_back(word);
    word.clear();
  };
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      word += c;
    else
      flush();
  }
  flush();
  return out;
}

double NameMatcher::similarity(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<bool> used(b.size(), false);
  std::size_t matched = 0;
  for (const auto& w : a)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!used[j] && alike(w, b[j])) {
        used[j] = true;
        ++matched;
        break;
      }
  return static_cast<double>(matched) / static_cast<double>(std::max(a.size(), b.size()));
}

void propose_matches(std::vector<NewOrganisation>& fresh,
                     const std::vector<programme::Organisation>& existing) {
  if (fresh.empty()) return;
  NameMatcher m;
  struct Known {
    const programme::Organisation* o;
    std::vector<std::string> name, latin;
  };
  std::unordered_map<std::string, std::vector<Known>> by_country;
  for (const auto& o : existing)
    by_country[o.country].push_back(
        {&o, m.words(o.name),
         o.name_latin.empty() ? std::vector<std::string>{} : m.words(o.name_latin)});
  for (auto& f : fresh) {
    auto it = by_country.find(f.country);
    if (it == by_country.end()) continue;
    auto name = m.words(f.name);
    auto latin = f.name_latin.empty() ? std::vector<std::string>{} : m.words(f.name_latin);
    std::vector<std::pair<double, const programme::Organisation*>> scored;
    for (const auto& k : it->second) {
      double s = std::max(
          {NameMatcher::similarity(name, k.name), NameMatcher::similarity(name, k.latin),
           NameMatcher::similarity(latin, k.name), NameMatcher::similarity(latin, k.latin)});
      if (s >= 0.5) scored.emplace_back(s, k.o);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i)
      f.matches.push_back(
          {scored[i].second->id, scored[i].second->name, scored[i].second->name_latin});
  }
}

}  // namespace crm::imports
