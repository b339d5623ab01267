// The list of programmes, creating and editing a programme (see programmes.hpp).
#include "programme/programmes.hpp"
#include "core/i18n.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "auth/service.hpp"
#include "programme/countries.hpp"
#include "programme/policy.hpp"

namespace crm::programme {

namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxDescription = 4000;
constexpr size_t kMaxFunder = 200;
constexpr size_t kMaxFunders = 20;
constexpr long kMaxThreshold = 1000;
using Numbers = std::vector<std::pair<std::string, long long>>;

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= text.size()) {
    auto j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    auto line = trimmed(text.substr(i, j - i));
    if (!line.empty()) out.push_back(std::move(line));
    i = j + 1;
  }
  return out;
}

// The programme as the form's values stand, once they are valid.
struct ValidProgramme {
  std::string slug;
  std::vector<store::ProgrammeText> texts;  // only languages with a name
  std::vector<ProgrammeCountry> countries;
  std::vector<std::string> funders;
  long threshold = 5;
};

ValidProgramme validated(db::Session& db, const ProgrammeForm& f, int64_t programme_id,
                         std::vector<Error>& problems) {
  auto problem = [&](std::string field, auto... key) {
    problems.push_back(invalid(std::move(field), key...));
  };
  ValidProgramme v;
  if (programme_id == 0) {
    v.slug = trimmed(f.slug);
    if (v.slug.empty())
      problem("slug", N_("Enter a short name for addresses and files."));
    else if (!valid_slug(v.slug))
      problem("slug",
              N_("Use {min} to {max} lowercase letters, digits and single hyphens (for example: "
                 "crm-2027)."),
              Numbers{{"min", 2}, {"max", 40}});
    else if (store::find_programme_id(db, v.slug))
      problem("slug", N_("Another programme already has this short name. Choose another."));
  }
  for (auto language : text_languages()) {
    auto it = f.texts.find(language);
    ProgrammeForm::Text typed = it == f.texts.end() ? ProgrammeForm::Text{} : it->second;
    store::ProgrammeText t{std::string(language), trimmed(typed.name), trimmed(typed.description)};
    const std::string name_field = "name_" + t.language;
    const std::string description_field = "description_" + t.language;
    if (!fits(t.name, kMaxName))
      problem(name_field, plural("The name is too long (at most {n} character).",
                                 "The name is too long (at most {n} characters).", kMaxName));
    if (!fits(t.description, kMaxDescription, true))
      problem(description_field,
              plural("The description is too long (at most {n} character).",
                     "The description is too long (at most {n} characters).", kMaxDescription));
    if (language == "en") {
      if (t.name.empty()) problem(name_field, N_("Enter the programme's name in English."));
      if (t.description.empty()) problem(description_field, N_("Enter a description in English."));
    } else if (t.name.empty() && !t.description.empty()) {
      problem(name_field, N_("Enter the name in this language too, or leave both empty."));
    }
    if (!t.name.empty()) v.texts.push_back(std::move(t));
  }
  const std::pair<const char*, const std::string*> roles[] = {
      {"origin", &f.origin}, {"transit", &f.transit}, {"destination", &f.destination}};
  for (const auto& [role, typed] : roles) {
    auto codes = parse_countries(*typed);
    if (!codes) {
      problem(std::string("countries_") + role,
              N_("Use two-letter country codes (ISO 3166) separated by commas, for example: "
                 "MA, SN, TR."));
      continue;
    }
    for (auto& c : *codes) v.countries.push_back({std::move(c), role});
  }
  v.funders = lines_of(f.funders);
  if (v.funders.size() > kMaxFunders)
    problem("funders",
            plural("Name at most {n} funder.", "Name at most {n} funders.", kMaxFunders));
  else if (!std::all_of(v.funders.begin(), v.funders.end(),
                        [](const std::string& s) { return fits(s, kMaxFunder); }))
    problem("funders",
            plural("A funder's name is too long (at most {n} character each).",
                   "A funder's name is too long (at most {n} characters each).", kMaxFunder));
  auto threshold = parse_whole(trimmed(f.anonymity_threshold), 2, kMaxThreshold);
  if (!threshold)
    problem("anonymity_threshold", N_("Enter a whole number from {min} to {max}."),
            Numbers{{"min", 2}, {"max", kMaxThreshold}});
  else
    v.threshold = *threshold;
  return v;
}

void write_details(db::Session& db, int64_t id, const ValidProgramme& v) {
  for (const auto& t : v.texts)
    store::insert_programme_text(db, id, t.language, t.name, t.description);
  for (const auto& c : v.countries) store::insert_programme_country(db, id, c);
  long position = 0;
  for (const auto& f : v.funders) store::insert_programme_funder(db, id, position++, f);
}

// "origin:MA,SN transit:TR" — the countries as one comparable string for the audit log.
std::string countries_text(const std::vector<ProgrammeCountry>& countries) {
  std::string out;
  for (auto role : route_roles()) {
    std::vector<std::string> codes;
    for (const auto& c : countries)
      if (c.role == role) codes.push_back(c.country);
    std::sort(codes.begin(), codes.end());
    if (codes.empty()) continue;
    if (!out.empty()) out += ' ';
    out += std::string(role) + ":" + join(codes, ",");
  }
  return out;
}

ProgrammeForm form_of(db::Session& db, int64_t id, long threshold) {
  ProgrammeForm f;
  for (auto& t : store::list_programme_texts(db, id))
    f.texts[t.language] = {std::move(t.name), std::move(t.description)};
  auto countries = store::list_programme_countries(db, id);
  for (auto role : route_roles()) {
    std::vector<std::string> codes;
    for (const auto& c : countries)
      if (c.role == role) codes.push_back(c.country);
    std::string text = join(codes, ", ");
    (role == "origin" ? f.origin : role == "transit" ? f.transit : f.destination) = text;
  }
  f.funders = join(store::list_programme_funders(db, id), "\n");
  f.anonymity_threshold = std::to_string(threshold);
  return f;
}

}  // namespace

// ------------------------------------------------------------ pure checks

std::string trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool fits(std::string_view text, size_t max_characters, bool multiline) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c < 0x20 || c == 0x7f) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
      return false;
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n <= max_characters;
}

bool valid_slug(std::string_view s) {
  if (s.size() < 2 || s.size() > 40 || s.front() == '-' || s.back() == '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && s[i - 1] == '-')) return false;
  }
  return true;
}

std::optional<std::vector<std::string>> parse_countries(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    auto j = text.find_first_of(", ;\t\r\n", i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) {
      std::string code(text.substr(i, j - i));
      for (auto& c : code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!is_country(code)) return std::nullopt;
      if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
    }
    i = j + 1;
  }
  return out;
}

std::optional<int64_t> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t len) -> std::optional<int> {
    int v = 0;
    for (size_t i = from; i < from + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d || *y < 1900 || *y > 2999 || *m < 1 || *m > 12 || *d < 1 ||
      *d > days_in_month(*y, *m))
    return std::nullopt;
  return days_from_civil(*y, *m, *d) * 86400;
}

std::optional<long> parse_whole(std::string_view text, long min, long max) {
  // Arabic-Indic and Persian digits count as digits: that is what a phone's keyboard types.
  // The caller trims: a space left over is not part of a number.
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return std::nullopt;
  auto n = parse_whole_number(text);
  if (!n || *n < min || *n > max) return std::nullopt;
  return static_cast<long>(*n);
}

// ------------------------------------------------------------ list

ProgrammeList programmes(web::Ctx& ctx) {
  ProgrammeList l;
  const std::string language(ctx.tr.language());
  l.own =
      ctx.actor.signed_in() && policy::programme_list(ctx.actor.role) == policy::ProgrammeList::own;
  if (!l.own)
    l.items = store::list_programmes(ctx.db, language);
  else if (ctx.actor.role == auth::Role::staff)
    l.items = store::list_team_programmes(ctx.db, ctx.actor.id, language);
  else
    l.items = store::list_enrolled_programmes(ctx.db, ctx.actor.id, language);
  l.can_create = policy::can_manage_programmes(ctx.actor.role);
  return l;
}

Result<int64_t> home_programme(web::Ctx& ctx) {
  auto l = programmes(ctx);
  // Someone who belongs to no programme yet sees what a visitor sees.
  if (l.own && l.items.empty())
    l.items = store::list_programmes(ctx.db, std::string(ctx.tr.language()));
  if (l.items.empty()) return not_found();
  return l.items.size() == 1 ? l.items.front().id : int64_t{0};
}

// ------------------------------------------------------------ create and edit

const std::vector<std::string_view>& text_languages() {
  static const std::vector<std::string_view> v = {"en", "de", "fr", "ar"};
  return v;
}

Status may_create_programme(web::Ctx& ctx) {
  if (!policy::can_manage_programmes(ctx.actor.role)) return not_found();
  return ok();
}

Result<ProgrammeEdit> programme_edit(web::Ctx& ctx, int64_t programme_id) {
  if (!policy::can_manage_programmes(ctx.actor.role)) return not_found();
  auto p = store::find_programme(ctx.db, programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  ProgrammeEdit e;
  e.form = form_of(ctx.db, programme_id, p->anonymity_threshold);
  e.form.slug = p->slug;
  e.programme = std::move(*p);
  return e;
}

std::vector<Error> programme_problems(web::Ctx& ctx, const ProgrammeForm& f, int64_t programme_id) {
  std::vector<Error> problems;
  validated(ctx.db, f, programme_id, problems);
  return problems;
}

Result<int64_t> create_programme(web::Ctx& ctx, const ProgrammeForm& f) {
  if (!policy::can_manage_programmes(ctx.actor.role)) return not_found();
  std::vector<Error> problems;
  auto v = validated(ctx.db, f, 0, problems);
  if (!problems.empty()) return problems.front();
  db::Transaction tx(ctx.db);
  // The slug was free a moment ago; another admin may have taken it since.
  auto id = store::insert_programme_if_free(ctx.db, v.slug, v.threshold, ctx.now);
  if (!id)
    return invalid("slug", N_("Another programme already has this short name. Choose another."));
  write_details(ctx.db, *id, v);
  boost::json::object changes;
  auto set = [&](const char* k, std::string value) {
    changes[k] = boost::json::array{boost::json::string(), boost::json::string(value)};
  };
  set("slug", v.slug);
  for (const auto& t : v.texts) set(("name_" + t.language).c_str(), t.name);
  set("countries", countries_text(v.countries));
  set("funders", join(v.funders, "; "));
  set("anonymity_threshold", std::to_string(v.threshold));
  auth::audit(ctx, "programme.create", "programme", std::to_string(*id),
              boost::json::serialize(changes));
  tx.commit();
  return *id;
}

Status update_programme(web::Ctx& ctx, int64_t programme_id, const ProgrammeForm& f) {
  if (!policy::can_manage_programmes(ctx.actor.role)) return not_found();
  auto before = store::find_programme(ctx.db, programme_id, "en");
  if (!before) return not_found();
  std::vector<Error> problems;
  auto v = validated(ctx.db, f, programme_id, problems);
  if (!problems.empty()) return problems.front();

  db::Transaction tx(ctx.db);
  auto old_texts = store::list_programme_texts(ctx.db, programme_id);
  auto old_countries = store::list_programme_countries(ctx.db, programme_id);
  auto old_funders = store::list_programme_funders(ctx.db, programme_id);
  store::update_anonymity_threshold(ctx.db, programme_id, v.threshold);
  store::delete_programme_texts(ctx.db, programme_id);
  store::delete_programme_countries(ctx.db, programme_id);
  store::delete_programme_funders(ctx.db, programme_id);
  write_details(ctx.db, programme_id, v);

  // What changed, before and after (programme texts are public, not personal data).
  boost::json::object changes;
  auto note = [&](const std::string& k, const std::string& was, const std::string& now) {
    if (was != now)
      changes[k] = boost::json::array{boost::json::string(was), boost::json::string(now)};
  };
  for (auto language : text_languages()) {
    auto find = [&](const std::vector<store::ProgrammeText>& texts) {
      for (const auto& t : texts)
        if (t.language == language) return t;
      return store::ProgrammeText{};
    };
    auto was = find(old_texts), now = find(v.texts);
    note("name_" + std::string(language), was.name, now.name);
    note("description_" + std::string(language), was.description, now.description);
  }
  note("countries", countries_text(old_countries), countries_text(v.countries));
  note("funders", join(old_funders, "; "), join(v.funders, "; "));
  note("anonymity_threshold", std::to_string(before->anonymity_threshold),
       std::to_string(v.threshold));
  auth::audit(ctx, "programme.update", "programme", std::to_string(programme_id),
              boost::json::serialize(changes));
  tx.commit();
  return ok();
}

}  // namespace crm::programme
