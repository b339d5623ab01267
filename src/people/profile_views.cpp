// The own profile form (with the photo) and the merge form.
#include <unicode/locid.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>

#include "people/views.hpp"
#include "programme/countries.hpp"
#include "programme/limits.hpp"
#include "programme/views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::people::views {

namespace {

using web::Field;
using web::Html;

const char* field_label(std::string_view f) {
  if (f == "country") return N_("Country");
  if (f == "organisation") return N_("Organisation");
  if (f == "position") return N_("Position");
  if (f == "email") return N_("Email address");
  if (f == "languages") return N_("Languages");
  if (f == "expertise") return N_("Expertise");
  if (f == "bio") return N_("About you");
  return N_("Photo");
}

std::vector<web::Option> country_options(const Tr& t) {
  std::vector<std::string> codes;
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c)
    if (programme::is_country(*c)) codes.emplace_back(*c);
  programme::sort_by_name(codes, t.language());
  std::vector<web::Option> out = {{"", t("Choose a country")}};
  for (const auto& code : codes) out.push_back({code, programme::country_name(code, t.language())});
  return out;
}

std::vector<web::Option> organisation_options(const Tr& t, const std::vector<Organisation>& orgs) {
  std::vector<web::Option> out = {{"", t("None")}};
  for (const auto& o : orgs) {
    std::string label = o.name;
    if (!o.name_latin.empty() && o.name_latin != o.name) label += " (" + o.name_latin + ")";
    label += " — " + programme::country_name(o.country, t.language());
    out.push_back({std::to_string(o.id), std::move(label)});
  }
  return out;
}

void textarea(Html& h, std::string_view name, const std::string& label, const std::string& value,
              const std::string& hint, const std::string& error) {
  std::string id = fmt::format("f-{}", name);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", "6"},
                      {"dir", "auto"},
                      {"maxlength", "2000"},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"aria-describedby", error.empty() ? id + "-hint" : id + "-error"}})
      .text(value)
      .close("textarea");
  h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

// Languages people of the programme work in; a code saved before that is not
// among them is offered too, so that saving never drops it.
constexpr std::array<std::string_view, 36> kOfferedLanguages = {
    "am", "ar", "bg", "bn", "bs", "de", "el", "en", "es", "fa", "ff", "fr",
    "ha", "hi", "hr", "hu", "it", "ku", "ln", "mk", "nl", "pl", "ps", "pt",
    "ro", "ru", "so", "sq", "sr", "sw", "ti", "tr", "uk", "ur", "wo", "zh"};

// The languages as a choice of their names in the reader's language (stored as codes).
void languages_field(Html& h, const web::Ctx& ctx, const std::string& chosen,
                     const std::string& error) {
  const auto& t = ctx.tr;
  std::vector<std::string> codes(kOfferedLanguages.begin(), kOfferedLanguages.end());
  std::vector<std::string> ticked;
  for (size_t i = 0; i <= chosen.size();) {
    auto j = chosen.find(',', i);
    if (j == std::string::npos) j = chosen.size();
    std::string code;
    for (char c : chosen.substr(i, j - i))
      if (c != ' ') code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (code.size() >= 2 && code.size() <= 3 &&
        std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      ticked.push_back(code);
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    }
    i = j + 1;
  }
  std::vector<std::pair<std::string, std::string>> named;  // name, code
  for (const auto& c : codes) named.emplace_back(language_names(c, t), c);
  std::sort(named.begin(), named.end());
  h.open("fieldset", {{"id", "f-languages"},
                      {"class", error.empty() ? "language-choice" : "language-choice invalid"},
                      {"?aria-describedby", error.empty() ? "" : "f-languages-error"}});
  h.el("legend", t("Languages"));
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", "f-languages-error"}}, error);
  h.open("div", {{"class", "checks"}});
  for (const auto& [name, code] : named)
    web::check(h, {.name = "languages",
                   .value = code,
                   .label = name,
                   .id = "language-" + code,
                   .checked = std::find(ticked.begin(), ticked.end(), code) != ticked.end()});
  h.close("div");
  h.close("fieldset");
}

void visibility(Html& h, const web::Ctx& ctx, const ProfileForm& f) {
  const auto& t = ctx.tr;
  h.open("fieldset", {{"class", "visibility"}});
  h.el("legend", t("Show to other participants and alumni"));
  h.el("p", {{"class", "hint"}},
       t("Your name is always shown to them. The programme team sees everything."));
  for (auto field : programme::profile_fields()) {
    bool on = std::find(f.visible.begin(), f.visible.end(), field) != f.visible.end();
    web::check(h, {.name = "visible",
                   .value = field,
                   .label = t(field_label(field)),
                   .id = fmt::format("visible-{}", field),
                   .checked = on});
  }
  h.close("fieldset");
}

void photo_section(Html& h, const web::Ctx& ctx, const ProfilePage& p,
                   const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "photo"}});
  h.el("h2", t("Photo"));
  if (p.has_photo) {
    const std::string src = fmt::format("/people/{}/photo", p.person.id);
    // The small copy (shown 160 pixels wide) links to the original.
    h.open("a", {{"href", src + "/original"}});
    h.empty("img", {{"src", src}, {"alt", t("Your photo")}, {"width", "160"}, {"class", "photo"}});
    h.close("a");
  }
  std::string error = web::error_for(ctx, errors, "photo");
  h.open("form", {{"method", "post"},
                  {"action", "/profile/photo"},
                  {"enctype", "multipart/form-data"},
                  {"class", "stack"}});
  web::csrf_field(h, ctx);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", "f-photo"}}, t("Upload a photo"));
  h.empty("input", {{"type", "file"},
                    {"id", "f-photo"},
                    {"name", "photo"},
                    {"accept", "image/jpeg,image/png,image/webp"},
                    {"?aria-invalid", error.empty() ? "" : "true"},
                    {"aria-describedby", error.empty() ? "f-photo-hint" : "f-photo-error"}});
  h.el("p", {{"class", "hint"}, {"id", "f-photo-hint"}},
       t.plural("JPEG, PNG or WebP, at most {n} MB.", "JPEG, PNG or WebP, at most {n} MB.",
                kMaxPhotoBytes / (1024 * 1024)));
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", "f-photo-error"}}, error);
  h.close("div");
  web::submit(h, t("Upload the photo"), "button");
  h.close("form");
  if (p.has_photo) {
    h.open("form", {{"method", "post"}, {"action", "/profile/photo/delete"}});
    web::csrf_field(h, ctx);
    web::submit(h, t("Remove the photo"), "button");
    h.close("form");
  }
  h.close("section");
}

void side(Html& h, const web::Ctx& ctx, const Person& p, const std::vector<EnrolmentRow>& en,
          const std::string& heading) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}});
  h.el("h2", heading);
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Number")).el("dd", std::to_string(p.id));
  h.el("dt", t("Name")).open("dd").bdi(p.name).close("dd");
  if (!p.name_latin.empty())
    h.el("dt", t("Name in Latin letters")).el("dd", {{"dir", "ltr"}}, p.name_latin);
  h.el("dt", t("Email address")).el("dd", {{"dir", "ltr"}}, p.email);
  h.el("dt", t("Country")).el("dd", programme::country_name(p.country, t.language()));
  if (!p.position.empty()) h.el("dt", t("Position")).open("dd").bdi(p.position).close("dd");
  h.el("dt", t("Account"))
      .el("dd",
          p.account_id ? t("Signs in to crm with this email address") : t("No account linked yet"));
  h.el("dt", t("Enrolments"));
  h.open("dd").open("ul", {{"class", "plain"}});
  for (const auto& e : en)
    h.open("li")
        .el("bdi", e.cohort_name)
        .text(": " + programme::views::enrolment_role_label(t, e.role) + ", " +
              programme::views::enrolment_status_label(t, e.status))
        .close("li");
  h.close("ul").close("dd");
  h.close("dl").close("section");
}

}  // namespace

std::string profile(const web::Ctx& ctx, const ProfilePage& p, const ProfileForm& f,
                    const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Your profile"));
  if (!p.linked) {
    h.open("section", {{"class", "card"}});
    h.el("p", t("The programme team has not linked a person record to your account yet. Once "
                "they have, you can keep your profile up to date here."));
    h.close("section");
    return std::move(h).str();
  }
  h.open("p")
      .open("a", {{"href", fmt::format("/people/{}", p.person.id)}})
      .text(t("See your page as the programme team sees it"))
      .close("a")
      .close("p");
  web::form_alert(h, ctx, web::form_wide(errors));
  h.open("form", {{"method", "post"}, {"action", "/profile"}, {"class", "stack card"}});
  web::csrf_field(h, ctx);
  h.open("p").text(t("Email address")).text(": ").el("bdi", p.person.email).close("p");
  h.el("p", {{"class", "hint"}},
       t("Your email address is how you sign in, so it cannot be changed here. Ask the "
         "programme team if it changes."));
  web::field(h, Field{.name = "name",
                      .label = t("Name"),
                      .value = f.name,
                      .error = web::error_for(ctx, errors, "name"),
                      .autocomplete = "name",
                      .required = true,
                      .hint = t("As you write it, in any script.")});
  web::field(h, Field{.name = "name_latin",
                      .label = t("Name in Latin letters"),
                      .value = f.name_latin,
                      .error = web::error_for(ctx, errors, "name_latin"),
                      .hint = t("If your name is written in another script.")});
  web::select(h, "country", t("Country where you work"), country_options(t), f.country,
              web::error_for(ctx, errors, "country"));
  web::select(h, "organisation_id", t("Organisation"), organisation_options(t, p.organisations),
              f.organisation_id, web::error_for(ctx, errors, "organisation_id"));
  h.el("p", {{"class", "hint"}},
       t("The organisations of the country saved in your profile. After changing the country, "
         "save, then choose among its organisations. Yours is missing? Ask the programme team."));
  web::field(h, Field{.name = "position",
                      .label = t("Position"),
                      .value = f.position,
                      .error = web::error_for(ctx, errors, "position"),
                      .autocomplete = "organization-title"});
  web::select(h, "gender", t("Gender"),
              {{"", t("Not given")},
               {"female", t("Female")},
               {"male", t("Male")},
               {"prefer_not_to_say", t("Prefer not to say")},
               {"self", t("Self-described")}},
              f.gender, web::error_for(ctx, errors, "gender"));
  web::field(h, Field{.name = "gender_self",
                      .label = t("Gender, in your own words"),
                      .value = f.gender_self,
                      .error = web::error_for(ctx, errors, "gender_self"),
                      .hint = t("Only when you chose “Self-described”. Never shown to other "
                                "participants.")});
  languages_field(h, ctx, f.languages, web::error_for(ctx, errors, "languages"));
  web::field(h, Field{.name = "expertise",
                      .label = t("Expertise"),
                      .value = f.expertise,
                      .error = web::error_for(ctx, errors, "expertise"),
                      .hint = t("Topics you work on, separated by commas.")});
  // The time zone is asked in one place: the account page.
  h.open("p", {{"id", "f-time_zone"}})
      .text(t("Time zone"))
      .text(": ")
      .el("bdi", time_zone_name(ctx.tr.time_zone(), t.language()))
      .text(" ")
      .open("a", {{"href", "/account"}})
      .text(t("Change it on your account page"))
      .close("a")
      .close("p");
  textarea(h, "bio", t("About you"), f.bio,
           t.plural("A few sentences, at most {n} character.",
                    "A few sentences, at most {n} characters.", programme::kMaxBio),
           web::error_for(ctx, errors, "bio"));
  visibility(h, ctx, f);
  web::submit(h, t("Save the profile"));
  h.close("form");
  photo_section(h, ctx, p, errors);
  return std::move(h).str();
}

std::string merge(const web::Ctx& ctx, const MergePage& m, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", fmt::format("/people/{}", m.survivor.id)}})
      .el("bdi", m.survivor.name)
      .close("a")
      .close("p");
  h.el("h1", t("Merge a duplicate record"));
  h.el("p", t("When two records belong to the same person, merge the duplicate into this one. "
              "Its enrolments, consents, photo and account move here, and fields this record "
              "leaves empty are filled from it. The duplicate keeps no data."));
  web::form_alert(h, ctx, e);
  h.open("form", {{"method", "get"},
                  {"action", fmt::format("/people/{}/merge", m.survivor.id)},
                  {"class", "grid-form"}});
  web::field(h, Field{.name = "other",
                      .label = t("Number or email address of the duplicate"),
                      .value = m.other,
                      .error = web::error_for(ctx, e, "other"),
                      .required = true});
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Compare"), "button");
  h.close("div").close("form");
  if (!m.duplicate) return std::move(h).str();
  h.open("div", {{"class", "cards"}});
  side(h, ctx, m.survivor, m.survivor_enrolments, t("This record (stays)"));
  side(h, ctx, *m.duplicate, m.duplicate_enrolments, t("The duplicate (merged into it)"));
  h.close("div");
  h.open("form", {{"method", "post"}, {"action", fmt::format("/people/{}/merge", m.survivor.id)}});
  web::csrf_field(h, ctx);
  h.empty("input",
          {{"type", "hidden"}, {"name", "other"}, {"value", std::to_string(m.duplicate->id)}});
  web::submit(h, t("Merge the duplicate into this record"));
  h.close("form");
  return std::move(h).str();
}

}  // namespace crm::people::views
