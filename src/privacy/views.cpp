#include "privacy/views.hpp"

#include <boost/json.hpp>
#include <ctime>

#include "admissions/apply_views.hpp"
#include "admissions/review_views.hpp"
#include "auth/activity.hpp"
#include "auth/roles.hpp"
#include "certificates/views.hpp"
#include "papers/views.hpp"
#include "programme/countries.hpp"
#include "programme/views.hpp"
#include "spaces/moderation_views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::privacy::views {

namespace {

using web::Html;

constexpr const char* kNone = "—";

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    auto b = s.find_first_not_of(' ', i);
    if (b != std::string::npos && b < j) {
      auto e = s.find_last_not_of(' ', j - 1);
      out.push_back(s.substr(b, e - b + 1));
    }
    i = j + 1;
  }
  return out;
}

std::string or_none(const std::string& s) {
  return s.empty() ? kNone : s;
}

std::string when(const Tr& t, int64_t at) {
  return at ? t.date_time(at) : kNone;
}

std::string purpose_label(const Tr& t, std::string_view p) {
  if (p == "participation") return t("Taking part in the programme");
  if (p == "directory") return t("Being listed in the directory of participants and alumni");
  if (p == "media") return t("Photos and interviews");
  return std::string(p);
}

std::string purpose_explanation(const Tr& t, std::string_view p) {
  if (p == "participation")
    return t(
        "crm keeps your record to run the cohorts you take part in: enrolment, sessions, "
        "certificates and the programme's reports to its funders.");
  if (p == "directory")
    return t(
        "Other participants and alumni may see the parts of your profile you choose to "
        "show.");
  return t("The programme may publish photos of you and interviews with you on its website.");
}

std::string field_label(const Tr& t, std::string_view f) {
  if (f == "country") return t("Country");
  if (f == "organisation") return t("Organisation");
  if (f == "position") return t("Position");
  if (f == "email") return t("Email address");
  if (f == "languages") return t("Languages");
  if (f == "expertise") return t("Expertise");
  if (f == "bio") return t("Short bio");
  if (f == "photo") return t("Photo");
  return std::string(f);
}

std::string gender_label(const Tr& t, const std::string& g) {
  if (g.empty()) return kNone;
  if (g == "female") return t("Female");
  if (g == "male") return t("Male");
  if (g == "prefer_not_to_say") return t("Prefer not to say");
  return g;
}

std::string role_label(const Tr& t, const std::string& role) {
  auto r = auth::parse_role(role);
  return r ? t(auth::role_label(*r)) : role;
}

std::string language_name(const std::string& code) {
  for (const auto& l : languages())
    if (l.code == code) return std::string(l.native);
  return code;
}

std::string recorded_by(const Tr& t, const ConsentRecord& c, int64_t own_account) {
  if (!c.recorded_by_account_id) return t("Recorded by crm");
  if (c.recorded_by_account_id == own_account) return t("By the person themselves");
  return t("By the programme team (on paper)");
}

void table_open(Html& h, const std::string& label, std::initializer_list<const char*> columns,
                const Tr& t) {
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}})
      .open("table");
  h.open("thead").open("tr");
  for (const char* c : columns) h.el("th", {{"scope", "col"}}, t(c));
  h.close("tr").close("thead").open("tbody");
}

void table_close(Html& h) {
  h.close("tbody").close("table").close("div");
}

void fact(Html& h, const std::string& term, const std::string& value, bool user_text = false) {
  h.el("dt", term);
  if (user_text)
    h.open("dd").el("bdi", value).close("dd");
  else
    h.el("dd", value);
}

void account_section(Html& h, const web::Ctx& ctx, const AccountData& a) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "account"}});
  h.el("h2", t("Your account"));
  h.open("dl", {{"class", "facts"}});
  fact(h, t("Email address"), a.email, true);
  fact(h, t("Name"), a.name, true);
  fact(h, t("Role"), role_label(t, a.role));
  fact(h, t("Language"), language_name(a.language));
  fact(h, t("Time zone"), a.time_zone);
  fact(h, t("Two-factor sign-in"), a.two_factor ? t("On") : t("Off"));
  fact(h, t("Account created"), when(t, a.created_at));
  fact(h, t("Last login"), a.last_login_at ? t.date_time(a.last_login_at) : t("Never"));
  fact(h, t("Active sessions"), t.number(a.active_sessions));
  fact(h, t("Calendar addresses"), t.number(a.calendar_feeds));
  h.close("dl").close("section");
}

void person_section(Html& h, const web::Ctx& ctx, const PersonData& d) {
  const auto& t = ctx.tr;
  const auto& p = d.person;
  h.open("section", {{"class", "card"}, {"id", "person"}});
  h.el("h2", t("Your person record"));
  h.open("dl", {{"class", "facts"}});
  fact(h, t("Record number"), t.number(p.id));
  fact(h, t("Name"), p.name, true);
  fact(h, t("Name in Latin letters"), or_none(p.name_latin), true);
  fact(h, t("Email address"), p.email, true);
  fact(h, t("Country"), programme::country_name(p.country, t.language()));
  std::string org = kNone;
  if (d.organisation.id) {
    org = d.organisation.name;
    if (!d.organisation.name_latin.empty() && d.organisation.name_latin != org)
      org += " (" + d.organisation.name_latin + ")";
    org += " – " + programme::views::organisation_type_label(t, d.organisation.type);
  }
  fact(h, t("Organisation"), org, true);
  fact(h, t("Position"), or_none(p.position), true);
  fact(h, t("Gender"), gender_label(t, p.gender), true);
  std::vector<std::string> langs;
  for (const auto& l : split_list(p.languages)) langs.push_back(language_name(l));
  fact(h, t("Languages"), or_none(t.list(langs)), true);
  fact(h, t("Expertise"), or_none(p.expertise), true);
  fact(h, t("Time zone"), or_none(p.time_zone));
  fact(h, t("Short bio"), or_none(p.bio), true);
  std::vector<std::string> fields;
  for (const auto& f : split_list(p.visible_fields)) fields.push_back(field_label(t, f));
  std::string shown = t.list(fields);
  fact(h, t("Shown to other participants and alumni"),
       shown.empty() ? t("Your name only") : t("Your name and: {fields}", {{"fields", shown}}));
  fact(h, t("Photo"),
       d.has_photo ? t("Yes, changed on {date}", {{"date", t.date(d.photo_updated_at)}})
                   : t("No photo"));
  fact(h, t("Record created"), when(t, p.created_at));
  fact(h, t("Last changed"), when(t, p.updated_at));
  if (p.erasure_requested_at) fact(h, t("Erasure asked for"), t.date_time(p.erasure_requested_at));
  h.close("dl").close("section");
}

void enrolments_section(Html& h, const web::Ctx& ctx, const std::vector<EnrolmentData>& list) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "enrolments"}});
  h.el("h2", t("Your cohorts"));
  if (list.empty()) {
    h.el("p", {{"class", "muted"}}, t("You are not enrolled in any cohort."));
  } else {
    table_open(h, t("Your cohorts"),
               {N_("Cohort"), N_("Role"), N_("Status"), N_("Since"), N_("History")}, t);
    for (const auto& e : list) {
      h.open("tr");
      h.open("td").el("bdi", e.cohort).close("td");
      h.el("td", programme::views::enrolment_role_label(t, e.role));
      h.el("td", programme::views::enrolment_status_label(t, e.status));
      h.el("td", t.date(e.created_at));
      h.open("td").open("ul", {{"class", "plain"}});
      for (const auto& s : e.history)
        h.el("li", t("{status} on {date}",
                     {{"status", programme::views::enrolment_status_label(t, s.status)},
                      {"date", t.date(s.at)}}));
      h.close("ul").close("td");
      h.close("tr");
    }
    table_close(h);
  }
  h.close("section");
}

void curriculum_section(Html& h, const web::Ctx& ctx, const PersonalData& d) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "attendance"}});
  h.el("h2", t("Attendance and module results"));
  if (d.attendance.empty()) {
    h.el("p", {{"class", "muted"}}, t("No attendance has been recorded for you."));
  } else {
    table_open(h, t("Attendance"),
               {N_("Cohort"), N_("Session"), N_("Date"), N_("Attendance"), N_("Note")}, t);
    for (const auto& a : d.attendance) {
      h.open("tr");
      h.open("td").el("bdi", a.cohort).close("td");
      h.open("td").el("bdi", a.session).close("td");
      h.el("td", t.date_time(a.starts_at));
      h.el("td", a.status == "present"   ? t("Present")
                 : a.status == "excused" ? t("Excused")
                                         : t("Absent"));
      h.open("td").el("bdi", a.note).close("td");
      h.close("tr");
    }
    table_close(h);
  }
  if (d.module_results.empty()) {
    h.el("p", {{"class", "muted"}}, t("No module result has been recorded for you."));
  } else {
    table_open(h, t("Module results"), {N_("Cohort"), N_("Module"), N_("Result"), N_("Since")}, t);
    for (const auto& r : d.module_results) {
      h.open("tr");
      h.open("td").el("bdi", r.cohort).close("td");
      h.open("td").el("bdi", r.module).close("td");
      h.el("td", r.result == "passed" ? t("Passed") : t("Did not pass"));
      h.el("td", t.date(r.recorded_at));
      h.close("tr");
    }
    table_close(h);
  }
  h.close("section");
}

// Answers to identified surveys (anonymous ones are linked to nobody).
void surveys_section(Html& h, const web::Ctx& ctx,
                     const std::vector<surveys::answer_store::PersonResponse>& list) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "surveys"}});
  h.el("h2", t("Your survey answers"));
  h.el("p", {{"class", "hint"}},
       t("Answers to surveys that were not anonymous. Anonymous answers are stored without your "
         "name and cannot be found again."));
  table_open(h, t("Your survey answers"), {N_("Survey"), N_("Sent on"), N_("Answers")}, t);
  for (const auto& r : list) {
    h.open("tr");
    h.open("td").el("bdi", r.survey_title).close("td");
    h.el("td", t.date(r.submitted_on));
    h.el("td", t.number(static_cast<long long>(r.answers.size())));
    h.close("tr");
  }
  table_close(h);
  h.close("section");
}

// What the person teaches: shown only to those named a lecturer somewhere.
void teaching_section(Html& h, const web::Ctx& ctx, const std::vector<TeachingData>& list) {
  if (list.empty()) return;
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "teaching"}});
  h.el("h2", t("What you teach"));
  table_open(h, t("What you teach"), {N_("Cohort"), N_("Module or session"), N_("Start")}, t);
  for (const auto& x : list) {
    h.open("tr");
    h.open("td").el("bdi", x.cohort).close("td");
    h.open("td").el("bdi", x.title).close("td");
    h.el("td", x.starts_at ? t.date_time(x.starts_at) : std::string());
    h.close("tr");
  }
  table_close(h);
  h.close("section");
}

// The practice projects one is on and the progress one noted in them.
void projects_section(Html& h, const web::Ctx& ctx, const PersonalData& d) {
  if (d.projects.empty() && d.project_updates.empty()) return;
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "projects"}});
  h.el("h2", t("Practice projects"));
  if (!d.projects.empty()) {
    table_open(h, t("Practice projects"), {N_("Project"), N_("Role"), N_("Joined")}, t);
    for (const auto& x : d.projects) {
      h.open("tr");
      h.open("td").el("bdi", x.title).close("td");
      h.el("td", x.role == "lead" ? t("Lead") : t("Member"));
      h.el("td", t.date(x.joined_at));
      h.close("tr");
    }
    table_close(h);
  }
  if (!d.project_updates.empty()) {
    table_open(h, t("Progress you noted"), {N_("Project"), N_("Date"), N_("Update")}, t);
    for (const auto& x : d.project_updates) {
      h.open("tr");
      h.open("td").el("bdi", x.project).close("td");
      h.el("td", t.format_in("UTC", "yMMMd", x.happened_on));
      h.open("td").el("bdi", x.body).close("td");
      h.close("tr");
    }
    table_close(h);
  }
  h.close("section");
}

// Consents to publish one's own papers and projects: when given, withdrawn,
// and the public page while the work is published.
void publications_section(Html& h, const web::Ctx& ctx,
                          const std::vector<knowledge::store::PublicationRow>& list) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "publications"}});
  h.el("h2", t("Your published works"));
  table_open(h, t("Your published works"), {N_("Work"), N_("Given"), N_("Withdrawn")}, t);
  for (const auto& p : list) {
    h.open("tr");
    h.open("td");
    const std::string kind = p.work_kind == "paper" ? t("Final paper") : t("Practice project");
    if (p.withdrawn_at == 0)
      h.open("a", {{"href", "/knowledge/works/" + std::to_string(p.id)}}).text(kind).close("a");
    else
      h.text(kind);
    h.close("td");
    h.el("td", t.date_time(p.consent_at));
    h.el("td", p.withdrawn_at ? t.date_time(p.withdrawn_at) : std::string());
    h.close("tr");
  }
  table_close(h);
  h.close("section");
}

void consent_history(Html& h, const web::Ctx& ctx, const std::vector<ConsentRecord>& list,
                     int64_t own_account) {
  const auto& t = ctx.tr;
  if (list.empty()) {
    h.el("p", {{"class", "muted"}}, t("No consent has been recorded."));
    return;
  }
  table_open(h, t("Consent history"), {N_("Consent"), N_("Given"), N_("Withdrawn"), N_("Recorded")},
             t);
  for (const auto& c : list) {
    h.open("tr", {{"data-purpose", c.purpose}, {"data-open", c.withdrawn_at ? "0" : "1"}});
    h.el("td", purpose_label(t, c.purpose));
    h.el("td", t.date_time(c.given_at));
    h.el("td", when(t, c.withdrawn_at));
    h.el("td", recorded_by(t, c, own_account));
    h.close("tr");
  }
  table_close(h);
}

void erasure_explanation(Html& h, const Tr& t, bool own) {
  h.el("h2", t("What is removed"));
  h.open("ul");
  h.el("li", own ? t("Your name, also in Latin letters, and your email address.")
                 : t("The name, also in Latin letters, and the email address."));
  h.el("li", t("Position, languages, expertise, time zone, short bio and photo."));
  h.el("li", own ? t("Your account: you are logged out and cannot log in again.")
                 : t("The account: every session ends and it cannot log in again."));
  h.el("li", t("Names and email addresses in invitations and in the audit log."));
  h.close("ul");
  h.el("h2", t("What stays, without a name"));
  h.open("ul");
  h.el("li", t("Country, organisation, gender and the enrolments with their history, so that the "
               "programme's counts and reports stay right. Pages show “Erased person” instead of "
               "a name."));
  h.el("li", t("The consent records (what was agreed and when), closed on the day of erasure."));
  h.el("li",
       t("An entry in the audit log that the erasure happened, with the record number only."));
  h.close("ul");
}

void checkbox(Html& h, const web::Ctx& ctx, std::string_view name, const std::string& label,
              bool checked, const Error* e) {
  web::check(
      h, {.name = name, .label = label, .checked = checked, .error = web::error_for(ctx, e, name)});
}

void hidden(Html& h, std::string_view name, std::string_view value) {
  h.empty("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
}

// A moment in the data file: ISO 8601 in UTC ("2026-11-29T18:42:19Z"), read
// by people and programs alike; never Unix seconds.
std::string iso_time(int64_t at) {
  std::time_t tt = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

boost::json::value time_or_null(int64_t at) {
  if (!at) return nullptr;
  return boost::json::value(iso_time(at));
}

boost::json::array list_json(const std::string& s) {
  boost::json::array a;
  for (const auto& v : split_list(s)) a.emplace_back(v);
  return a;
}

}  // namespace

std::string display_name(const Tr& t, const std::string& name) {
  return name.empty() ? t("Erased person") : name;
}

std::string personal_data(const web::Ctx& ctx, const PersonalData& d) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Your data"));
  h.el("p", t("This is everything crm holds about you. Download it as a file to keep a copy or to "
              "take it elsewhere."));
  h.open("p", {{"class", "tools"}});
  h.open("a", {{"href", "/profile/data.json"}, {"class", "button primary"}, {"download", ""}})
      .text(t("Download as a JSON file"))
      .close("a");
  if (d.has_person) {
    h.text(" ").open("a", {{"href", "/profile/consents"}}).text(t("Consents")).close("a");
    h.text(" ").open("a", {{"href", "/profile/erasure"}}).text(t("Erase my data")).close("a");
  }
  h.close("p");
  account_section(h, ctx, d.account);
  if (d.has_person) {
    person_section(h, ctx, d.person);
    enrolments_section(h, ctx, d.enrolments);
    curriculum_section(h, ctx, d);
    teaching_section(h, ctx, d.teaching);
    h.open("section", {{"class", "card"}, {"id", "consents"}});
    h.el("h2", t("Consents"));
    consent_history(h, ctx, d.consents, d.account.id);
    h.close("section");
    if (!d.certificates.empty()) {
      h.open("div", {{"class", "card"}});
      certificates::views::held(h, ctx, d.certificates);
      h.close("div");
    }
    if (!d.papers.empty()) papers::views::personal_data(h, ctx, d.papers);
    if (!d.publications.empty()) publications_section(h, ctx, d.publications);
    if (!d.survey_responses.empty()) surveys_section(h, ctx, d.survey_responses);
    if (!d.applications.empty())
      admissions::apply_views::personal_data(h, ctx, d.applications, d.application_documents);
  } else {
    h.open("section", {{"class", "card"}, {"id", "person"}});
    h.el("h2", t("Your person record"));
    h.el("p", t("Your account is not linked to a person record of the programme."));
    h.close("section");
  }
  projects_section(h, ctx, d);
  if (!d.space_posts.empty()) spaces::moderation_views::personal_data(h, ctx, d.space_posts);
  if (!d.reviews_written.empty())
    admissions::review_views::personal_data(h, ctx, d.reviews_written);
  h.open("section", {{"class", "card"}, {"id", "invitations"}});
  h.el("h2", t("Invitations you sent"));
  if (d.invitations_sent.empty()) {
    h.el("p", {{"class", "muted"}}, t("You have not sent any invitation."));
  } else {
    h.el("p", {{"class", "hint"}},
         t("The names and addresses of the people you invited are their data, not yours, and are "
           "not listed here."));
    table_open(h, t("Invitations you sent"), {N_("Sent"), N_("Role"), N_("State")}, t);
    for (const auto& i : d.invitations_sent) {
      h.open("tr");
      h.el("td", t.date_time(i.created_at));
      h.el("td", role_label(t, i.role));
      std::string state = i.state == "accepted"    ? t("Accepted")
                          : i.state == "withdrawn" ? t("Withdrawn")
                          : i.state == "expired"   ? t("Expired")
                                                   : t("Open");
      h.el("td", state);
      h.close("tr");
    }
    table_close(h);
  }
  h.close("section");
  h.open("section", {{"class", "card"}, {"id", "activity"}});
  h.el("h2", t("Activity recorded about you"));
  if (d.audit.empty()) {
    h.el("p", {{"class", "muted"}}, t("Nothing has been recorded."));
  } else {
    table_open(h, t("Activity recorded about you"), {N_("When"), N_("What"), N_("Record")}, t);
    for (const auto& a : d.audit) {
      h.open("tr");
      h.el("td", t.date_time(a.at));
      h.el("td", auth::activity_name(t, a.action));
      h.el("td", {{"dir", "ltr"}}, a.entity + " " + a.entity_id);
      h.close("tr");
    }
    table_close(h);
  }
  h.close("section");
  return std::move(h).str();
}

std::string personal_data_json(const Tr& t, const PersonalData& d) {
  namespace json = boost::json;
  json::object root;
  // 2: times as ISO 8601 text (1 had Unix seconds), activities named.
  root["format"] = "crm-personal-data/2";
  root["generated_at"] = iso_time(d.generated_at);
  root["language"] = std::string(t.language());  // of the names in the file
  const auto& a = d.account;
  root["account"] = json::object{{"id", a.id},
                                 {"email", a.email},
                                 {"name", a.name},
                                 {"role", a.role},
                                 {"language", a.language},
                                 {"time_zone", a.time_zone},
                                 {"two_factor", a.two_factor},
                                 {"created_at", time_or_null(a.created_at)},
                                 {"last_login_at", time_or_null(a.last_login_at)},
                                 {"active_sessions", a.active_sessions},
                                 {"calendar_feeds", a.calendar_feeds}};
  if (d.has_person) {
    const auto& p = d.person.person;
    const auto& o = d.person.organisation;
    json::value org = nullptr;
    if (o.id)
      org = json::object{{"id", o.id},
                         {"name", o.name},
                         {"name_latin", o.name_latin},
                         {"country", o.country},
                         {"type", o.type}};
    json::value photo = nullptr;
    if (d.person.has_photo)
      photo = json::object{{"content_type", d.person.photo_type},
                           {"updated_at", time_or_null(d.person.photo_updated_at)}};
    root["person"] = json::object{{"id", p.id},
                                  {"name", p.name},
                                  {"name_latin", p.name_latin},
                                  {"email", p.email},
                                  {"country", p.country},
                                  {"organisation", org},
                                  {"position", p.position},
                                  {"gender", p.gender},
                                  {"languages", list_json(p.languages)},
                                  {"expertise", list_json(p.expertise)},
                                  {"time_zone", p.time_zone},
                                  {"bio", p.bio},
                                  {"visible_fields", list_json(p.visible_fields)},
                                  {"created_at", time_or_null(p.created_at)},
                                  {"updated_at", time_or_null(p.updated_at)},
                                  {"erasure_requested_at", time_or_null(p.erasure_requested_at)},
                                  {"photo", photo}};
  } else {
    root["person"] = nullptr;
  }
  json::array enrolments;
  for (const auto& e : d.enrolments) {
    json::array history;
    for (const auto& s : e.history)
      history.push_back(json::object{{"status", s.status}, {"at", time_or_null(s.at)}});
    enrolments.push_back(json::object{{"id", e.id},
                                      {"cohort_id", e.cohort_id},
                                      {"cohort", e.cohort},
                                      {"role", e.role},
                                      {"status", e.status},
                                      {"created_at", time_or_null(e.created_at)},
                                      {"history", std::move(history)}});
  }
  root["enrolments"] = std::move(enrolments);
  json::array teaching;
  for (const auto& x : d.teaching)
    teaching.push_back(json::object{{"kind", x.kind},
                                    {"id", x.id},
                                    {"cohort", x.cohort},
                                    {"title", x.title},
                                    {"starts_at", time_or_null(x.starts_at)}});
  root["teaching"] = std::move(teaching);
  json::array consents;
  for (const auto& c : d.consents)
    consents.push_back(json::object{{"id", c.id},
                                    {"purpose", c.purpose},
                                    {"given_at", time_or_null(c.given_at)},
                                    {"withdrawn_at", time_or_null(c.withdrawn_at)},
                                    {"recorded_by", !c.recorded_by_account_id          ? "system"
                                                    : c.recorded_by_account_id == a.id ? "self"
                                                                                       : "staff"}});
  root["consents"] = std::move(consents);
  json::array certificates;
  for (const auto& c : d.certificates)
    certificates.push_back(json::object{{"id", c.id},
                                        {"code", c.code},
                                        {"cohort_id", c.cohort_id},
                                        {"cohort", c.cohort_name},
                                        {"name", c.name},
                                        {"name_latin", c.name_latin},
                                        {"ects", static_cast<double>(c.ects_tenths) / 10.0},
                                        {"completed_on", time_or_null(c.completed_on)},
                                        {"issued_at", time_or_null(c.issued_at)},
                                        {"revoked_at", time_or_null(c.revoked_at)},
                                        {"revoked_reason", c.revoked_reason}});
  root["certificates"] = std::move(certificates);
  json::array projects;
  for (const auto& x : d.projects)
    projects.push_back(json::object{{"project_id", x.id},
                                    {"title", x.title},
                                    {"role", x.role},
                                    {"status", x.status},
                                    {"joined_at", time_or_null(x.joined_at)}});
  root["projects"] = std::move(projects);
  json::array project_updates;
  for (const auto& x : d.project_updates)
    project_updates.push_back(json::object{{"project_id", x.project_id},
                                           {"project", x.project},
                                           {"happened_on", time_or_null(x.happened_on)},
                                           {"text", x.body}});
  root["project_updates"] = std::move(project_updates);
  json::array publications;
  for (const auto& p : d.publications)
    publications.push_back(json::object{{"number", p.id},
                                        {"work_kind", p.work_kind},
                                        {"work_id", p.work_id},
                                        {"consent_at", time_or_null(p.consent_at)},
                                        {"published_at", time_or_null(p.published_at)},
                                        {"withdrawn_at", time_or_null(p.withdrawn_at)}});
  root["publications"] = std::move(publications);
  json::array attendance;
  for (const auto& x : d.attendance)
    attendance.push_back(json::object{{"session_id", x.session_id},
                                      {"cohort_id", x.cohort_id},
                                      {"cohort", x.cohort},
                                      {"session", x.session},
                                      {"starts_at", time_or_null(x.starts_at)},
                                      {"status", x.status},
                                      {"note", x.note},
                                      {"recorded_at", time_or_null(x.recorded_at)}});
  root["attendance"] = std::move(attendance);
  json::array results;
  for (const auto& x : d.module_results)
    results.push_back(json::object{{"module_id", x.module_id},
                                   {"cohort_id", x.cohort_id},
                                   {"cohort", x.cohort},
                                   {"module", x.module},
                                   {"result", x.result},
                                   {"note", x.note},
                                   {"recorded_at", time_or_null(x.recorded_at)}});
  root["module_results"] = std::move(results);
  root["papers"] = papers::views::personal_data_json(d.papers);
  root["applications"] =
      admissions::apply_views::personal_data_json(d.applications, d.application_documents);
  root["reviews_written"] = admissions::review_views::personal_data_json(d.reviews_written);
  root["space_posts"] = spaces::moderation_views::personal_data_json(d.space_posts);
  json::array survey_responses;
  for (const auto& r : d.survey_responses) {
    json::array answers;
    for (const auto& a : r.answers) {
      json::object o{{"question", a.question}, {"item", a.item}, {"choice", a.choice}};
      o["number"] = a.number ? json::value(*a.number) : json::value(nullptr);
      o["text"] = a.text ? json::value(*a.text) : json::value(nullptr);
      answers.push_back(std::move(o));
    }
    survey_responses.push_back(json::object{{"response_id", r.id},
                                            {"round_id", r.round_id},
                                            {"survey", r.survey_title},
                                            {"language", r.language},
                                            {"submitted_on", time_or_null(r.submitted_on)},
                                            {"answers", std::move(answers)}});
  }
  root["survey_responses"] = std::move(survey_responses);
  json::array invitations;
  for (const auto& i : d.invitations_sent)
    invitations.push_back(json::object{{"id", i.id},
                                       {"role", i.role},
                                       {"state", i.state},
                                       {"created_at", time_or_null(i.created_at)}});
  root["invitations_sent"] = std::move(invitations);
  json::array audit;
  for (const auto& l : d.audit)
    audit.push_back(json::object{{"at", time_or_null(l.at)},
                                 {"action", l.action},  // the code, for programs
                                 {"activity", auth::activity_name(t, l.action)},
                                 {"entity", l.entity},
                                 {"entity_id", l.entity_id}});
  root["audit"] = std::move(audit);
  return json::serialize(root);
}

std::string erasure(const web::Ctx& ctx, const ErasureStatus& s, bool confirmed, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Erase my data"));
  if (!s.has_person) {
    h.el("p", t("Your account is not linked to a person record of the programme, so there is no "
                "record for the programme team to erase. To close your account, write to the "
                "programme team."));
    return std::move(h).str();
  }
  web::form_alert(h, ctx, e);
  if (s.requested_at) {
    h.el("p", {{"class", "flash ok"}, {"role", "status"}},
         t("You asked for erasure on {date}. The programme team will carry it out; until then you "
           "can still use crm.",
           {{"date", t.date_time(s.requested_at)}}));
  } else {
    h.el("p", t("You can ask crm to erase your personal data. The programme team confirms the "
                "request and carries it out. Erasure is final: it cannot be undone."));
  }
  erasure_explanation(h, t, true);
  h.open("p")
      .text(t("Keep a copy first if you want one:"))
      .text(" ")
      .open("a", {{"href", "/profile/data"}})
      .text(t("Your data"))
      .close("a")
      .close("p");
  if (s.requested_at) {
    h.open("form", {{"method", "post"}, {"action", "/profile/erasure"}});
    web::csrf_field(h, ctx);
    hidden(h, "action", "withdraw");
    web::submit(h, t("Withdraw my request"), "button");
    h.close("form");
  } else {
    h.open("section", {{"class", "card"}});
    h.open("form", {{"method", "post"}, {"action", "/profile/erasure"}, {"class", "stack"}});
    web::csrf_field(h, ctx);
    checkbox(h, ctx, "confirm",
             t("I want crm to erase my personal data. I understand that this cannot be undone."),
             confirmed, e);
    web::submit(h, t("Ask for erasure"));
    h.close("form").close("section");
  }
  return std::move(h).str();
}

std::string erasure_requests(const web::Ctx& ctx, const std::vector<ErasureRequest>& list) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Erasure requests"));
  h.el("p", {{"class", "muted"}},
       t("People of your programmes who asked crm to erase their data. Check each request, then "
         "erase the record."));
  if (list.empty()) {
    h.el("p", {{"role", "status"}}, t("No request is waiting."));
  } else {
    table_open(h, t("Erasure requests"),
               {N_("Record"), N_("Name"), N_("Email address"), N_("Country"), N_("Cohorts"),
                N_("Asked on"), N_("Action")},
               t);
    for (const auto& r : list) {
      h.open("tr", {{"data-person", std::to_string(r.person_id)}});
      h.el("td", std::to_string(r.person_id));
      h.open("td").el("bdi", r.name);
      if (!r.name_latin.empty() && r.name_latin != r.name)
        h.text(" ").el("span", {{"class", "muted"}, {"dir", "ltr"}}, "(" + r.name_latin + ")");
      h.close("td");
      h.open("td").el("bdi", r.email).close("td");
      h.el("td", programme::country_name(r.country, t.language()));
      h.open("td");
      if (r.cohorts.empty())
        h.text(kNone);
      else
        h.list(t, r.cohorts);
      h.close("td");
      h.el("td", t.date_time(r.requested_at));
      h.open("td")
          .open("a", {{"href", "/people/" + std::to_string(r.person_id) + "/erase"},
                      {"class", "button small"}})
          .text(t("Erase…"))
          .close("a")
          .close("td");
      h.close("tr");
    }
    table_close(h);
  }
  h.open("section", {{"class", "card"}});
  h.el("h2", t("A request by letter or mail"));
  h.el("p", t("When a person asked outside crm, open their record's erasure page by its number."));
  h.open("form", {{"method", "get"}, {"action", "/erasure-requests"}, {"class", "stack"}});
  web::field(
      h,
      web::Field{
          .name = "record", .label = t("Record number"), .required = true, .inputmode = "numeric"});
  web::submit(h, t("Open"), "button");
  h.close("form").close("section");
  return std::move(h).str();
}

std::string erase_confirm(const web::Ctx& ctx, const ErasureRequest& r, const std::string& typed,
                          const Error* e) {
  const auto& t = ctx.tr;
  const std::string id = std::to_string(r.person_id);
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/erasure-requests"}})
      .text(t("Erasure requests"))
      .close("a")
      .close("p");
  h.el("h1", t("Erase a person's data"));
  web::form_alert(h, ctx, e);
  h.open("dl", {{"class", "facts"}});
  fact(h, t("Record number"), id);
  fact(h, t("Name"), r.name, true);
  if (!r.name_latin.empty() && r.name_latin != r.name)
    fact(h, t("Name in Latin letters"), r.name_latin, true);
  fact(h, t("Email address"), r.email, true);
  fact(h, t("Country"), programme::country_name(r.country, t.language()));
  h.el("dt", t("Cohorts")).open("dd");
  if (r.cohorts.empty())
    h.text(kNone);
  else
    h.list(t, r.cohorts);
  h.close("dd");
  fact(h, t("Erasure asked for"),
       r.requested_at ? t.date_time(r.requested_at)
                      : t("Not in crm: erase only on the person's written request."));
  h.close("dl");
  erasure_explanation(h, t, false);
  h.open("section", {{"class", "card"}});
  h.open("form", {{"method", "post"}, {"action", "/people/" + id + "/erase"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::field(h, web::Field{.name = "confirm_id",
                           .label = t("Type the record number ({id}) to confirm", {{"id", id}}),
                           .value = typed,
                           .error = web::error_for(ctx, e, "confirm_id"),
                           .autocomplete = "off",
                           .required = true,
                           .inputmode = "numeric"});
  web::submit(h, t("Erase for good"));
  h.close("form").close("section");
  return std::move(h).str();
}

std::string consents(const web::Ctx& ctx, const ConsentPage& c, bool staff_view, const Error* e) {
  const auto& t = ctx.tr;
  const std::string action =
      staff_view ? "/people/" + std::to_string(c.person_id) + "/consents" : "/profile/consents";
  Html h;
  if (staff_view) {
    h.open("h1").text(t("Consents of")).text(" ").el("bdi", display_name(t, c.name)).close("h1");
    h.el("p", t("Record a consent the person gave or withdrew on paper. The history shows that "
                "the programme team entered it."));
  } else {
    h.el("h1", t("Consents"));
    h.el("p", t("What you agreed to, and when. You can give or withdraw each consent at any time; "
                "the history stays."));
  }
  web::form_alert(h, ctx, e);
  if (c.erased) {
    h.el("p", {{"role", "status"}}, t("This person's data has been erased."));
  } else {
    h.open("div", {{"class", "cards"}});
    for (auto purpose : programme::consent_purposes()) {
      std::optional<ConsentRecord> open;
      for (const auto& r : c.history)
        if (r.purpose == purpose && !r.withdrawn_at) open = r;
      h.open("section", {{"class", "card"}, {"data-purpose", purpose}});
      h.el("h2", purpose_label(t, purpose));
      h.el("p", purpose_explanation(t, purpose));
      h.el("p", {{"class", "state"}},
           open ? t("Given since {date}.", {{"date", t.date(open->given_at)}}) : t("Not given."));
      if (purpose == "directory")
        h.el("p", {{"class", "hint"}},
             t("Withdrawing this consent hides every field of the profile from other participants "
               "and alumni. Giving it again does not show them again: choose what to show on the "
               "profile page."));
      h.open("form", {{"method", "post"}, {"action", action}});
      web::csrf_field(h, ctx);
      hidden(h, "purpose", purpose);
      hidden(h, "action", open ? "withdraw" : "give");
      web::submit(h, open ? t("Withdraw consent") : t("Give consent"),
                  open ? "button" : "button primary");
      h.close("form").close("section");
    }
    h.close("div");
  }
  h.el("h2", t("Consent history"));
  consent_history(h, ctx, c.history, c.own_account_id);
  return std::move(h).str();
}

}  // namespace crm::privacy::views
