// The own profile: the fields a person keeps up to date themselves, what they
// show to other participants and alumni, and their photo.
#include <unicode/locid.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstring>

#include "auth/service.hpp"

#include "core/file_type.hpp"
#include "core/i18n.hpp"
#include "core/image.hpp"
#include "core/photo_metadata.hpp"
#include "core/text.hpp"
#include "people/policy.hpp"
#include "people/service.hpp"
#include "people/store.hpp"
#include "programme/countries.hpp"
#include "programme/limits.hpp"
#include "programme/model.hpp"
#include "search/change_log.hpp"

namespace crm::people {

namespace {

using programme::characters;
using programme::has_control;
using programme::kMaxBio;
using programme::kMaxGender;
using programme::kMaxLanguages;
using programme::kMaxName;
using programme::kMaxPosition;
using programme::kMaxTopic;
using programme::kMaxTopics;
// The messages below name these numbers (their msgids cannot take them as
// placeholders): change both together.
// The same message for both name fields.
constexpr PluralKey kNameTooLong =
    plural("The name is too long (at most {n} character).",
           "The name is too long (at most {n} characters).", kMaxName);

static_assert(kMaxName == 200 && kMaxPosition == 200 && kMaxGender == 100 && kMaxBio == 2000 &&
              kMaxTopic == 80 && kMaxTopics == 20 && kMaxLanguages == 20);

using text::trim;

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    auto j = s.find(',', i);
    if (j == std::string_view::npos) j = s.size();
    auto item = trim(s.substr(i, j - i));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end())
      out.push_back(std::move(item));
    i = j + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

// ISO 639 codes ICU knows ("ar", "tr", "wo").
bool is_language_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 3) return false;
  for (const char* const* l = icu::Locale::getISOLanguages(); *l; ++l)
    if (std::strlen(*l) == code.size() && std::memcmp(*l, code.data(), code.size()) == 0)
      return true;
  return false;
}

// Applies the form to `p`; every problem, at most one per field, goes to `problems`.
Person validated(db::Session& db, Person p, const ProfileForm& f, std::vector<Error>& problems) {
  // The organisations the form offers (profile_page): those of the country
  // saved before this change, and the person's own.
  const std::string saved_country = p.country;
  const int64_t own_organisation = p.organisation_id;
  auto problem = [&](const char* field, auto key) { problems.push_back(invalid(field, key)); };
  p.name = trim(f.name);
  if (p.name.empty())
    problem("name", N_("Enter your name."));
  else if (characters(p.name) > kMaxName || has_control(p.name, false))
    problem("name", kNameTooLong);
  p.name_latin = trim(f.name_latin);
  if (characters(p.name_latin) > kMaxName || has_control(p.name_latin, false))
    problem("name_latin", kNameTooLong);
  if (!programme::is_country(f.country)) problem("country", N_("Choose a country."));
  p.country = f.country;
  p.organisation_id = 0;
  if (!f.organisation_id.empty() && f.organisation_id != "0") {
    int64_t org = 0;
    try {
      size_t used = 0;
      org = std::stoll(f.organisation_id, &used);
      if (used != f.organisation_id.size()) org = 0;
    } catch (const std::exception&) {
      org = 0;
    }
    if (org <= 0 || !store::find_organisation_in(db, org, saved_country, own_organisation))
      problem("organisation_id", N_("Choose an organisation from the list."));
    else
      p.organisation_id = org;
  }
  p.position = trim(f.position);
  if (characters(p.position) > kMaxPosition || has_control(p.position, false))
    problem("position", plural("The position is too long (at most {n} character).",
                               "The position is too long (at most {n} characters).", kMaxPosition));
  if (f.gender.empty()) {
    p.gender.clear();
  } else if (f.gender == "self") {
    p.gender = trim(f.gender_self);
    if (p.gender.empty())
      problem("gender_self", N_("Describe your gender, or choose another answer."));
    else if (characters(p.gender) > kMaxGender || has_control(p.gender, false))
      problem("gender_self",
              plural("The description is too long (at most {n} character).",
                     "The description is too long (at most {n} characters).", kMaxGender));
  } else if (programme::one_of(programme::gender_choices(), f.gender)) {
    p.gender = f.gender;
  } else {
    problem("gender", N_("Choose one of the answers."));
  }
  auto languages = split_list(f.languages);
  bool codes_ok = true;
  for (auto& l : languages) {
    std::transform(l.begin(), l.end(), l.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    codes_ok = codes_ok && is_language_code(l);
  }
  if (!codes_ok)
    problem("languages", N_("Choose the languages from the list."));
  else if (languages.size() > kMaxLanguages)
    problem("languages",
            plural("Name at most {n} language.", "Name at most {n} languages.", kMaxLanguages));
  p.languages = join(languages);
  auto topics = split_list(f.expertise);
  bool topics_ok = std::all_of(topics.begin(), topics.end(), [](const std::string& t) {
    return characters(t) <= kMaxTopic && !has_control(t, false);
  });
  if (topics.size() > kMaxTopics)
    problem("expertise", plural("Name at most {n} topic.", "Name at most {n} topics.", kMaxTopics));
  else if (!topics_ok)
    problem("expertise", plural("A topic is too long (at most {n} character each).",
                                "A topic is too long (at most {n} characters each).", kMaxTopic));
  p.expertise = join(topics);
  p.bio = trim(f.bio);
  if (characters(p.bio) > kMaxBio || has_control(p.bio, true))
    problem("bio", plural("The text about you is too long (at most {n} character).",
                          "The text about you is too long (at most {n} characters).", kMaxBio));
  std::vector<std::string> visible;
  for (auto field : programme::profile_fields())
    if (std::find(f.visible.begin(), f.visible.end(), field) != f.visible.end())
      visible.emplace_back(field);
  p.visible_fields = join(visible);
  return p;
}

// The person record of the signed-in actor.
std::optional<Person> own_person(web::Ctx& ctx) {
  auto id = store::person_of_account(ctx.db, ctx.actor.id);
  if (!id) return std::nullopt;
  auto p = store::find_person(ctx.db, *id, programme::scope_of(ctx.actor));
  if (!p || p->merged_into || p->erased_at) return std::nullopt;
  return p;
}

}  // namespace

ProfileForm form_of(const Person& p) {
  ProfileForm f;
  f.name = p.name;
  f.name_latin = p.name_latin;
  f.country = p.country;
  f.organisation_id = p.organisation_id ? std::to_string(p.organisation_id) : "";
  f.position = p.position;
  if (p.gender.empty() || programme::one_of(programme::gender_choices(), p.gender)) {
    f.gender = p.gender;
  } else {
    f.gender = "self";
    f.gender_self = p.gender;
  }
  f.languages = p.languages;
  f.expertise = p.expertise;
  f.time_zone = p.time_zone;
  f.bio = p.bio;
  for (auto field : programme::profile_fields())
    if (programme::is_visible(p.visible_fields, field)) f.visible.emplace_back(field);
  return f;
}

Result<ProfilePage> profile_page(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_edit_own_profile(ctx.actor.role)) return not_found();
  ProfilePage page;
  auto p = own_person(ctx);
  if (!p) return page;
  page.linked = true;
  page.has_photo = store::has_photo(ctx.db, p->id);
  // The choice update_profile accepts (validated): keep the two the same.
  page.organisations = store::list_organisations_in(ctx.db, p->country, p->organisation_id);
  page.person = std::move(*p);
  return page;
}

Status update_profile(web::Ctx& ctx, const ProfileForm& f) {
  if (!ctx.actor.signed_in() || !policy::can_edit_own_profile(ctx.actor.role)) return not_found();
  auto before = own_person(ctx);
  if (!before) return not_found();
  std::vector<Error> problems;
  auto p = validated(ctx.db, *before, f, problems);
  if (!problems.empty()) return problems.front();
  // One place for the time zone: the account's (set on /account).
  p.time_zone = ctx.actor.time_zone;
  p.updated_at = ctx.now;
  db::Transaction tx(ctx.db);
  store::update_profile(ctx.db, p);
  // Which fields changed, never their values: the audit log holds no personal data.
  boost::json::array changed;
  auto note = [&](const char* name, bool differs) {
    if (differs) changed.emplace_back(name);
  };
  note("name", before->name != p.name);
  // Papers and projects show the name: the search index learns the new one.
  if (before->name != p.name || before->name_latin != p.name_latin)
    search::record_person_change(ctx.db, p.id, ctx.now);
  note("name_latin", before->name_latin != p.name_latin);
  note("country", before->country != p.country);
  note("organisation", before->organisation_id != p.organisation_id);
  note("position", before->position != p.position);
  note("gender", before->gender != p.gender);
  note("languages", before->languages != p.languages);
  note("expertise", before->expertise != p.expertise);
  note("time_zone", before->time_zone != p.time_zone);
  note("bio", before->bio != p.bio);
  note("visible_fields", before->visible_fields != p.visible_fields);
  boost::json::object changes;
  changes["fields"] = std::move(changed);
  auth::audit(ctx, "person.profile_updated", "person", std::to_string(p.id),
              boost::json::serialize(changes));
  tx.commit();
  return ok();
}

std::vector<Error> profile_problems(web::Ctx& ctx, const ProfileForm& f) {
  std::vector<Error> problems;
  if (auto before = own_person(ctx)) validated(ctx.db, *before, f, problems);
  return problems;
}

Status upload_photo(web::Ctx& ctx, std::optional<std::string_view> bytes) {
  if (!ctx.actor.signed_in()) return not_found();
  auto p = own_person(ctx);
  if (!p) return not_found();
  if (!bytes || bytes->empty()) return invalid("photo", N_("Choose a photo to upload."));
  if (bytes->size() > kMaxPhotoBytes)
    return invalid(
        "photo", plural("The photo is too large: at most {n} MB.",
                        "The photo is too large: at most {n} MB.", kMaxPhotoBytes / (1024 * 1024)));
  std::string type = sniff_mime(*bytes);
  if (!is_photo_type(type))
    return invalid("photo", N_("This file is not a photo. Upload a JPEG, PNG or WebP image."));
  // Others see it: kept without where and when it was taken (the camera's
  // GPS position among it), upright, and only when it decodes.
  auto decoded = image::small_copy(*bytes, type);
  auto clean = decoded ? photo::without_metadata(*bytes, type, decoded->orientation) : std::nullopt;
  if (!clean)
    return invalid("photo", N_("This photo cannot be read, or it has too many pixels. Upload a "
                               "JPEG, PNG or WebP photo."));
  db::Transaction tx(ctx.db);
  store::save_photo(ctx.db, p->id, {type, *clean}, decoded->bytes, ctx.now);
  boost::json::object changes;
  changes["content_type"] = type;
  changes["bytes"] = clean->size();
  auth::audit(ctx, "person.photo_updated", "person", std::to_string(p->id),
              boost::json::serialize(changes));
  tx.commit();
  return ok();
}

Status delete_photo(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  auto p = own_person(ctx);
  if (!p) return not_found();
  if (!store::has_photo(ctx.db, p->id)) return ok();
  db::Transaction tx(ctx.db);
  store::delete_photo(ctx.db, p->id);
  auth::audit(ctx, "person.photo_deleted", "person", std::to_string(p->id));
  tx.commit();
  return ok();
}

}  // namespace crm::people
