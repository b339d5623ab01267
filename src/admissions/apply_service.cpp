#include "admissions/apply_service.hpp"

#include <algorithm>
#include <ctime>

#include "admissions/apply_mail.hpp"
#include "admissions/deadline.hpp"
#include "admissions/policy.hpp"
#include "auth/service.hpp"
#include "http/parse.hpp"
#include "papers/service.hpp"
#include "programme/countries.hpp"
#include "programme/model.hpp"
#include "programme/store.hpp"

namespace crm::admissions::apply {

namespace {

// The file check of final papers (papers/submit.cpp) is used for documents:
// PDF, DOCX or ODT, the content sniffed against the name's ending.
constexpr size_t kMaxShort = 200, kMaxLong = 5000, kMaxAnswer = 2000, kMaxFilename = 200;

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string value(const Fields& f, const std::string& name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : trim(it->second);
}

bool too_long(const std::string& s, size_t max) {
  return s.size() > max * 4 || !http::valid_utf8(s) ||
         static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
           return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
         })) > max;
}

void text_field(std::vector<Error>& problems, const std::string& field, const std::string& v,
                size_t max, bool required, const char* missing) {
  if (v.empty()) {
    if (required) problems.push_back(invalid(field, missing));
    return;
  }
  if (too_long(v, max))
    problems.push_back(invalid(field, plural("At most {n} character.", "At most {n} characters.",
                                             static_cast<long long>(max))));
}

void country_field(std::vector<Error>& problems, const std::string& field, const std::string& v,
                   bool required, const char* missing) {
  if (v.empty()) {
    if (required) problems.push_back(invalid(field, missing));
    return;
  }
  if (!programme::is_country(v)) problems.push_back(invalid(field, N_("Choose a country.")));
}

bool is_gender(const std::string& g) {
  return g.empty() || g == "female" || g == "male" || g == "prefer_not_to_say";
}

bool is_route_role(const std::string& r) {
  return r == "origin" || r == "transit" || r == "destination";
}

long this_year(int64_t now) {
  std::time_t t = now;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

// Pages 1–3 of `a` (and the person) from what was sent, checked; the
// problems found. `required`: also what must be there.
std::vector<Error> read_page(Form& form, long n, const Fields& f, bool required, int64_t now) {
  std::vector<Error> p;
  auto& a = form.application;
  if (n == 1) {
    form.person.name = value(f, "name");
    form.person.gender = value(f, "gender");
    form.person.country = value(f, "country");
    a.nationality = value(f, "nationality");
    const auto year = value(f, "birth_year");
    text_field(p, "name", form.person.name, kMaxShort, true, N_("Enter your name."));
    if (!is_gender(form.person.gender)) p.push_back(invalid("gender", N_("Choose an answer.")));
    a.birth_year.reset();
    if (!year.empty()) {
      auto y = parse_whole_number(year);
      const long max = this_year(now) - 16;
      if (!y || *y < 1920 || *y > max)
        p.push_back(invalid("birth_year", N_("Enter a year between {min} and {max}, like 1985."),
                            {{"min", 1920}, {"max", max}}));
      else
        a.birth_year = static_cast<long>(*y);
    } else if (required) {
      p.push_back(invalid("birth_year", N_("Enter the year you were born.")));
    }
    country_field(p, "nationality", a.nationality, required, N_("Choose your nationality."));
    country_field(p, "country", form.person.country, required,
                  N_("Choose the country you work in."));
  } else if (n == 2) {
    a.organisation_name = value(f, "organisation_name");
    a.organisation_type = value(f, "organisation_type");
    a.organisation_country = value(f, "organisation_country");
    a.position = value(f, "position");
    a.route_role = value(f, "route_role");
    text_field(p, "organisation_name", a.organisation_name, kMaxShort, required,
               N_("Enter the name of your organisation."));
    const auto& types = programme::organisation_types();
    if (a.organisation_type.empty()) {
      if (required)
        p.push_back(invalid("organisation_type", N_("Choose the type of your organisation.")));
    } else if (std::find(types.begin(), types.end(), a.organisation_type) == types.end()) {
      p.push_back(invalid("organisation_type", N_("Choose the type of your organisation.")));
    }
    country_field(p, "organisation_country", a.organisation_country, required,
                  N_("Choose the country of your organisation."));
    text_field(p, "position", a.position, kMaxShort, required, N_("Enter your position."));
    if (a.route_role.empty()) {
      if (required)
        p.push_back(invalid("route_role", N_("Choose the role of your country in your work.")));
    } else if (!is_route_role(a.route_role)) {
      p.push_back(invalid("route_role", N_("Choose the role of your country in your work.")));
    }
  } else if (n == 3) {
    a.motivation = value(f, "motivation");
    a.experience = value(f, "experience");
    a.languages = value(f, "languages");
    text_field(p, "motivation", a.motivation, kMaxLong, required,
               N_("Tell us why you are applying."));
    text_field(p, "experience", a.experience, kMaxLong, required, N_("Describe your experience."));
    text_field(p, "languages", a.languages, kMaxShort, required,
               N_("Enter the languages you work in."));
    for (const auto& q : form.questions) {
      const std::string name = "q" + std::to_string(q.id);
      auto v = value(f, name);
      a.answers[q.id] = v;
      if (v.empty()) {
        if (required && q.required) p.push_back(invalid(name, N_("Answer this question.")));
      } else if (q.kind == "yes_no" && v != "yes" && v != "no") {
        p.push_back(invalid(name, N_("Choose yes or no.")));
      } else if (q.kind != "yes_no" && too_long(v, kMaxAnswer)) {
        p.push_back(invalid(name, plural("At most {n} character.", "At most {n} characters.",
                                         static_cast<long long>(kMaxAnswer))));
      }
    }
  } else if (n == 4 && required) {
    for (const auto& r : form.rules) {
      if (!r.required) continue;
      bool there = std::any_of(form.documents.begin(), form.documents.end(),
                               [&](const Document& d) { return d.kind == r.kind; });
      if (!there) p.push_back(invalid("file_" + r.kind, N_("Upload this document.")));
    }
  }
  return p;
}

Result<Form> load(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto a = apply_store::find_application(ctx.db, id);
  if (!a) return not_found();
  auto me = apply_store::person_of_account(ctx.db, ctx.actor.id);
  if (!me || me->id != a->person_id) return not_found();
  if (!policy::can_see_application(ctx.actor.role, true, false)) return not_found();
  auto call = apply_store::find_call(ctx.db, a->call_id);
  if (!call) return not_found();
  Form f;
  f.call = std::move(*call);
  f.questions = apply_store::call_questions(ctx.db, f.call.id);
  f.rules = apply_store::call_documents(ctx.db, f.call.id);
  f.application = std::move(*a);
  f.person = std::move(*me);
  f.documents = apply_store::documents_of(ctx.db, id);
  f.open = deadline::is_open(f.call, ctx.now);
  return f;
}

Error closed() {
  return Error{ErrorKind::conflict, "",
               N_("The deadline of this call has passed: the application can no longer be sent "
                  "or changed.")};
}

// Changes are taken while the call is open and the application is neither
// withdrawn nor decided.
Result<Form> load_for_change(web::Ctx& ctx, int64_t id) {
  auto f = load(ctx, id);
  if (!f) return f;
  if (!f->open) return closed();
  if (f->application.status == "withdrawn")
    return Error{ErrorKind::conflict, "",
                 N_("This application has been withdrawn and can no longer be changed.")};
  if (!f->application.decision.empty()) return closed();
  return f;
}

}  // namespace

bool valid_kind(const std::string& kind) {
  return kind == "cv" || kind == "support_letter" || kind == "other";
}

Result<int64_t> start(web::Ctx& ctx, int64_t call_id) {
  if (!ctx.actor.signed_in() || !policy::can_apply(ctx.actor.role)) return not_found();
  auto call = apply_store::find_call(ctx.db, call_id);
  if (!call || call->status == "draft") return not_found();
  db::Transaction tx(ctx.db);
  auto me = apply_store::person_of_account(ctx.db, ctx.actor.id);
  int64_t person = me ? me->id : 0;
  if (person) {
    if (auto existing = apply_store::application_of(ctx.db, call_id, person)) return *existing;
  }
  if (!deadline::is_open(*call, ctx.now)) return closed();
  if (!person) {
    // An account without a person record (a lecturer invited before people
    // were kept): the address's person, or a new one.
    auto by_email = apply_store::person_by_email(ctx.db, ctx.actor.email);
    if (by_email && by_email->account) return not_found();
    if (by_email) {
      apply_store::link_person(ctx.db, by_email->id, ctx.actor.id);
      person = by_email->id;
    } else {
      person = apply_store::insert_person(ctx.db, ctx.actor.id, ctx.actor.name, ctx.actor.email,
                                          ctx.now);
    }
  }
  auto id = apply_store::insert_application(ctx.db, call_id, person, std::string(ctx.tr.language()),
                                            ctx.now);
  if (!id) {
    // The same person applying twice at the same moment: one application.
    tx.commit();
    auto existing = apply_store::application_of(ctx.db, call_id, person);
    if (!existing) return not_found();
    return *existing;
  }
  auth::audit(ctx, "application.start", "application", std::to_string(*id),
              auth::changes_json({{"call", {"", std::to_string(call_id)}}}));
  tx.commit();
  return *id;
}

Result<Form> open(web::Ctx& ctx, int64_t application) {
  return load(ctx, application);
}

Result<Saved> save_page(web::Ctx& ctx, int64_t id, long n, const Fields& f,
                        const std::string& action) {
  if (n < 1 || n > kPages) return not_found();
  auto form = load_for_change(ctx, id);
  if (!form) return form.error();
  const bool back = action == "back";
  const bool required = !back || form->application.status == "submitted";
  Saved s;
  s.problems = read_page(*form, n, f, required, ctx.now);
  if (!s.problems.empty()) return s;
  s.next = back ? std::max(1L, n - 1) : std::min(kPages, n + 1);
  auto& a = form->application;
  a.page = std::max(a.page, s.next);
  db::Transaction tx(ctx.db);
  if (n == 1)
    apply_store::update_person(ctx.db, form->person.id, form->person.name, form->person.gender,
                               form->person.country);
  apply_store::save_application(ctx.db, a, ctx.now);
  if (n == 3) apply_store::replace_answers(ctx.db, id, a.answers);
  auth::audit(ctx, "application.save", "application", std::to_string(id),
              "page=" + std::to_string(n));
  tx.commit();
  return s;
}

Status upload(web::Ctx& ctx, int64_t id, const std::string& kind, const std::string& filename,
              const std::string& data) {
  auto form = load_for_change(ctx, id);
  if (!form) return form.error();
  auto rule = std::find_if(form->rules.begin(), form->rules.end(),
                           [&](const DocumentRule& r) { return r.kind == kind; });
  if (rule == form->rules.end()) return invalid("kind", N_("Choose which document this is."));
  const std::string field = "file_" + kind;
  if (filename.empty()) return invalid(field, N_("Choose a file."));
  if (static_cast<int64_t>(data.size()) > rule->max_bytes) {
    // In whole megabytes when it is at least one, else in kilobytes.
    if (rule->max_bytes >= 1024 * 1024)
      return invalid(field, N_("The file is larger than {max} MB."),
                     {{"max", rule->max_bytes / (1024 * 1024)}});
    return invalid(field, N_("The file is larger than {max} KB."),
                   {{"max", rule->max_bytes / 1024}});
  }
  auto type = papers::paper_file_type(filename, data);
  if (!type) {
    Error e = type.error();
    e.field = field;
    if (e.key == "Upload your paper as a PDF, Word (.docx) or OpenDocument (.odt) file.")
      e.key = N_("Upload a PDF, Word (.docx) or OpenDocument (.odt) file.");
    if (e.key == "The file is empty. Choose the file of your paper.")
      e.key = N_("The file is empty.");
    return e;
  }
  Document d;
  d.application_id = id;
  d.kind = kind;
  d.content_type = *type;
  d.filename = filename.substr(0, kMaxFilename);
  if (!http::valid_utf8(d.filename)) d.filename = kind + filename.substr(filename.rfind('.'));
  d.size = static_cast<int64_t>(data.size());
  db::Transaction tx(ctx.db);
  auto doc = apply_store::put_document(ctx.db, d, data, ctx.now);
  auth::audit(
      ctx, "application.document", "application_document", std::to_string(doc),
      "application=" + std::to_string(id) + " kind=" + kind + " size=" + std::to_string(d.size));
  tx.commit();
  return ok();
}

Status remove_document(web::Ctx& ctx, int64_t id, const std::string& kind) {
  if (!valid_kind(kind)) return not_found();
  auto form = load_for_change(ctx, id);
  if (!form) return form.error();
  if (form->application.status == "submitted") {
    auto rule = std::find_if(form->rules.begin(), form->rules.end(),
                             [&](const DocumentRule& r) { return r.kind == kind; });
    if (rule != form->rules.end() && rule->required)
      return invalid("file_" + kind,
                     N_("Your application has been sent: replace this document instead of "
                        "deleting it."));
  }
  db::Transaction tx(ctx.db);
  if (!apply_store::delete_document(ctx.db, id, kind)) return not_found();
  auth::audit(ctx, "application.document_delete", "application", std::to_string(id),
              "kind=" + kind);
  tx.commit();
  return ok();
}

std::vector<Error> incomplete(const Form& f, std::vector<long>* pages) {
  std::vector<Error> out;
  Fields fields;
  const auto& a = f.application;
  fields["name"] = f.person.name;
  fields["gender"] = f.person.gender;
  fields["country"] = f.person.country;
  fields["nationality"] = a.nationality;
  fields["birth_year"] = a.birth_year ? std::to_string(*a.birth_year) : "";
  fields["organisation_name"] = a.organisation_name;
  fields["organisation_type"] = a.organisation_type;
  fields["organisation_country"] = a.organisation_country;
  fields["position"] = a.position;
  fields["route_role"] = a.route_role;
  fields["motivation"] = a.motivation;
  fields["experience"] = a.experience;
  fields["languages"] = a.languages;
  for (const auto& [q, v] : a.answers) fields["q" + std::to_string(q)] = v;
  for (long n = 1; n <= 4; ++n) {
    Form copy = f;
    for (auto& e : read_page(copy, n, fields, true, f.call.closes_at)) {
      out.push_back(std::move(e));
      if (pages) pages->push_back(n);
    }
  }
  return out;
}

namespace {

std::string copy_line(const Tr& t, const char* label, const std::string& v) {
  return t(label) + ": " + v;
}

}  // namespace

Result<std::vector<Error>> submit(web::Ctx& ctx, int64_t id) {
  auto form = load_for_change(ctx, id);
  if (!form) return form.error();
  auto problems = incomplete(*form);
  if (!problems.empty()) return problems;
  const bool again = form->application.status == "submitted";
  db::Transaction tx(ctx.db);
  apply_store::set_submitted(ctx.db, id, ctx.now);
  auth::audit(ctx, again ? "application.resubmit" : "application.submit", "application",
              std::to_string(id));
  // The copy, in the applicant's language.
  const auto& a = form->application;
  Tr t(ctx.catalogs, ctx.actor.language.empty() ? a.language : ctx.actor.language,
       ctx.actor.time_zone.empty() ? "UTC" : ctx.actor.time_zone);
  std::string title;
  for (const auto& lang : {std::string(t.language()), std::string("en")})
    if (auto it = form->call.texts.find(lang); it != form->call.texts.end()) {
      title = it->second.title;
      break;
    }
  if (title.empty() && !form->call.texts.empty()) title = form->call.texts.begin()->second.title;
  std::string country = programme::country_name(a.organisation_country, t.language());
  std::vector<std::string> docs;
  for (const auto& d : form->documents) docs.push_back(d.filename);
  ApplicantMail m;
  m.to = ctx.actor.email;
  m.to_name = form->person.name;
  m.subject = t("Your application has been received: {call}", {{"call", title}});
  m.paragraphs = {
      t("Hello {name},", {{"name", form->person.name}}),
      t("we have received your application to {call}. You can change it until {time}; this is a "
        "copy of what you sent.",
        {{"call", title}, {"time", t.date_time(form->call.closes_at)}}),
      copy_line(t, N_("Name"), form->person.name) + "\n" +
          copy_line(t, N_("Nationality"), programme::country_name(a.nationality, t.language())) +
          "\n" +
          copy_line(t, N_("Country of work"),
                    programme::country_name(form->person.country, t.language())),
      copy_line(t, N_("Organisation"), a.organisation_name) + "\n" +
          copy_line(t, N_("Country of the organisation"), country) + "\n" +
          copy_line(t, N_("Position"), a.position),
      copy_line(t, N_("Motivation"), a.motivation),
      copy_line(t, N_("Experience"), a.experience),
      copy_line(t, N_("Languages"), a.languages),
      copy_line(t, N_("Documents"), t.list(docs))};
  m.link = ctx.config.base_url + "/applications/" + std::to_string(id);
  m.link_label = t("Your application");
  queue_applicant_mail(ctx, t, m);
  tx.commit();
  return std::vector<Error>{};
}

Status withdraw(web::Ctx& ctx, int64_t id, bool confirmed) {
  auto form = load(ctx, id);
  if (!form) return form.error();
  if (form->application.status == "withdrawn")
    return Error{ErrorKind::conflict, "", N_("This application has been withdrawn already.")};
  if (!confirmed)
    return invalid("confirm", N_("Tick the box to confirm that you withdraw your application."));
  db::Transaction tx(ctx.db);
  apply_store::set_withdrawn(ctx.db, id, ctx.now);
  auth::audit(ctx, "application.withdraw", "application", std::to_string(id),
              auth::changes_json({{"status", {form->application.status, "withdrawn"}}}));
  tx.commit();
  return ok();
}

std::string state_of(const Application& a, bool under_review) {
  if (a.status == "withdrawn") return "withdrawn";
  if (a.status == "draft") return "draft";
  // A decision is the applicant's business once it has been sent.
  if (a.decided_at) return "decided";
  if (under_review) return "under_review";
  return "submitted";
}

Result<std::vector<apply_store::Mine>> mine(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  auto me = apply_store::person_of_account(ctx.db, ctx.actor.id);
  if (!me) return std::vector<apply_store::Mine>{};
  return apply_store::applications_of(ctx.db, me->id);
}

Result<Status_> status(web::Ctx& ctx, int64_t id) {
  auto form = load(ctx, id);
  if (!form) return form.error();
  Status_ s;
  s.state = state_of(form->application, apply_store::under_review(ctx.db, id));
  s.form = std::move(*form);
  return s;
}

Result<apply_store::DocumentFile> document(web::Ctx& ctx, int64_t id, const std::string& kind) {
  if (!ctx.actor.signed_in() || !valid_kind(kind)) return not_found();
  auto a = apply_store::find_application(ctx.db, id);
  if (!a) return not_found();
  auto me = apply_store::person_of_account(ctx.db, ctx.actor.id);
  const bool own = me && me->id == a->person_id;
  bool staff = false;
  if (!own) {
    auto call = apply_store::find_call(ctx.db, a->call_id);
    if (!call) return not_found();
    staff = programme::store::membership(ctx.db, call->programme_id, ctx.actor.id).in_programme;
  }
  if (!policy::can_see_application(ctx.actor.role, own, staff)) return not_found();
  auto file = apply_store::document_file(ctx.db, id, kind);
  if (!file) {
    // Emptied by retention (admissions/retention.hpp): say so.
    for (const auto& d : apply_store::documents_of(ctx.db, id))
      if (d.kind == kind && d.deleted_at)
        return Error{ErrorKind::not_found, "",
                     N_("This document was deleted after the call's retention period. Its name "
                        "stays with the application.")};
    return not_found();
  }
  return std::move(*file);
}

}  // namespace crm::admissions::apply
