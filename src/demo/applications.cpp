// Demo applicants for the demo's calls (src/demo/calls.cpp makes the calls):
// for each call whose deadline has passed, the people of its cohort (the
// same person records: participants were applicants first) and others, four
// applicants per place in all, sent, from the programme's countries with
// their route roles, every type of organisation and a mix of genders, each
// with a small PDF as CV; for the
// open call a few drafts, one of them the demo applicant's
// (applicant@demo.crm.example, password demo-applicant-2026). Reads the calls
// from the database and does nothing for a call that has applications
// already: idempotent, and nothing at all without calls.
#include <optional>
#include <string>
#include <vector>

#include "admissions/apply_store.hpp"
#include "auth/service.hpp"
#include "auth/store.hpp"
#include "db/blob.hpp"
#include "demo/demo.hpp"

namespace crm::demo {

namespace {

using ll = long long;

struct CallRow {
  ll id = 0, programme = 0, closes_at = 0, places = 0, cohort = 0;
};

struct Place {
  std::string country, role;
};

constexpr const char* kFirst[] = {"Amina", "Youssef", "Fatou",  "Omar",  "Layla", "Ibrahima",
                                  "Sara",  "Karim",   "Mariam", "Arben", "Elif",  "Moussa"};
constexpr const char* kLast[] = {"Haddad", "Benali", "Diop", "Kaya",  "Mansour", "Traoré",
                                 "Hoxha",  "Nasser", "Sow",  "Demir", "Rahimi",  "Keita"};
constexpr const char* kTypes[] = {"ministry", "authority",  "international",
                                  "ngo",      "university", "other"};
constexpr const char* kGenders[] = {"female", "male", "female", "male", "prefer_not_to_say"};
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

ll insert_applicant(db::Session& db, const CallRow& c, const Place& place, long i,
                    const std::string& status, int64_t now, ll person) {
  const std::string name = std::string(kFirst[i % 12]) + " " + kLast[(i * 7 + c.id) % 12];
  const std::string email =
      "applicant." + std::to_string(c.id) + "." + std::to_string(i) + "@demo.crm.example";
  const std::string gender = kGenders[i % 5];
  if (!person) {
    db.sql() << "INSERT INTO person (name, email, country, gender, created_at) VALUES (:n, :e, "
                ":c, :g, :t) RETURNING id",
        soci::use(name), soci::use(email), soci::use(place.country), soci::use(gender),
        soci::use(now), soci::into(person);
  }
  const std::string type = kTypes[(i / 2) % 6];
  const std::string organisation = std::string(type == "ngo" ? "Return Counselling Network "
                                               : type == "university" ? "University of "
                                                                      : "Office for Migration ") +
                                   place.country;
  const ll submitted = std::min<ll>(now, c.closes_at - 3600 * (i + 1));
  const ll year = 1970 + (i * 3) % 30, page = status == "draft" ? 2 : 5;
  soci::indicator si = status == "submitted" ? soci::i_ok : soci::i_null;
  // soci keeps references to what it binds: no temporaries.
  const std::string motivation =
      "I advise people who return and want to learn how other countries do it.";
  const std::string experience = "Several years of counselling and case work.";
  ll id = 0;
  db.sql() << "INSERT INTO application (call_id, person_id, status, page, language, route_role, "
              "organisation_name, organisation_type, organisation_country, position, motivation, "
              "experience, languages, birth_year, nationality, submitted_at, created_at, "
              "updated_at) VALUES (:c, :p, :s, :pg, 'en', :r, :on, :ot, :oc, 'Counsellor', :m, "
              ":x, 'Arabic, French, English', :y, :n, :sub, :t, :t2) RETURNING id",
      soci::use(c.id), soci::use(person), soci::use(status), soci::use(page), soci::use(place.role),
      soci::use(organisation), soci::use(type), soci::use(place.country), soci::use(motivation),
      soci::use(experience), soci::use(year), soci::use(place.country), soci::use(submitted, si),
      soci::use(submitted), soci::use(submitted), soci::into(id);
  if (status == "submitted") {
    const std::string data = db::blob_param(db, kPdf);
    const ll size = static_cast<ll>(kPdf.size());
    db.sql() << "INSERT INTO application_document (application_id, kind, filename, "
                "content_type, size, data, uploaded_at) VALUES (:a, 'cv', 'cv.pdf', "
                "'application/pdf', :s, :d, :t)",
        soci::use(id), soci::use(size), soci::use(data), soci::use(submitted);
  }
  return id;
}

// The people enrolled as participants of the cohort, whatever their status,
// each with their country and the first route role the programme gives it.
std::vector<std::pair<ll, Place>> cohort_applicants(db::Session& db, ll cohort,
                                                    const std::vector<Place>& places) {
  std::vector<std::pair<ll, Place>> out;
  db::Rows rows = (db.sql().prepare << "SELECT e.person_id, COALESCE(p.country, '') FROM "
                                       "enrolment e JOIN person p ON p.id = e.person_id WHERE "
                                       "e.cohort_id = :c AND e.role = 'participant' ORDER BY "
                                       "e.person_id",
                   soci::use(cohort));
  for (const auto& r : rows) {
    Place place{db::get_text(r, 1), "destination"};
    for (const auto& p : places)
      if (p.country == place.country) {
        place.role = p.role;
        break;
      }
    if (place.country.empty()) place = places.front();
    out.emplace_back(db::get_int64(r, 0), std::move(place));
  }
  return out;
}

}  // namespace

std::vector<DemoAccount> load_applications(db::Session& db, int64_t now) {
  std::vector<CallRow> calls;
  {
    db::Rows rows = (db.sql().prepare << "SELECT c.id, c.programme_id, c.closes_at, c.places, "
                                         "c.cohort_id FROM call c JOIN programme p ON p.id = "
                                         "c.programme_id WHERE p.slug = 'crm' AND c.status <> "
                                         "'draft' AND NOT EXISTS (SELECT 1 FROM application a "
                                         "WHERE a.call_id = c.id) ORDER BY c.id");
    for (const auto& r : rows)
      calls.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                       db::get_int64(r, 3), db::get_int64(r, 4)});
  }
  const DemoAccount login{"applicant", "applicant@demo.crm.example", "demo-applicant-2026", ""};
  if (calls.empty()) {  // loaded before: the login, if it was made then
    if (auth::store::find_account_by_email(db, login.email)) return {login};
    return {};
  }
  std::vector<Place> places;
  {
    db::Rows rows = (db.sql().prepare << "SELECT country, role FROM programme_country WHERE "
                                         "programme_id = :p ORDER BY role, country",
                     soci::use(calls.front().programme));
    for (const auto& r : rows) places.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  }
  if (places.empty()) places = {{"MA", "origin"}, {"TN", "transit"}, {"DE", "destination"}};
  auto place_of = [&](long i) { return places[static_cast<size_t>(i) % places.size()]; };
  std::optional<CallRow> open;
  {
    db::Transaction tx(db);
    for (const auto& c : calls) {
      if (c.closes_at > now) {
        // The open call: a few drafts.
        for (long i = 0; i < 3; ++i) insert_applicant(db, c, place_of(i), i, "draft", now, 0);
        if (!open) open = c;
        continue;
      }
      // Everyone of the cohort applied (the same person records, from
      // applicant to participant; those not admitted too), and others with
      // them, four applicants per place in all.
      long i = 0;
      for (const auto& [person, place] : cohort_applicants(db, c.cohort, places))
        insert_applicant(db, c, place, i++, "submitted", now, person);
      for (; i < 4 * c.places; ++i) insert_applicant(db, c, place_of(i), i, "submitted", now, 0);
    }
    tx.commit();
  }
  // The demo applicant's own draft, to sign in and go on with.
  if (!open) return {};
  if (auth::store::find_account_by_email(db, login.email)) return {login};
  auto id = auth::create_account(db, login.email, "Nadia Karimi", auth::Role::applicant,
                                 login.password, "ar", now);
  if (!id) return {};
  db::Transaction tx(db);
  const ll person =
      admissions::apply_store::insert_person(db, *id, "Nadia Karimi", login.email, now);
  insert_applicant(db, *open, place_of(3), 3, "draft", now, person);
  tx.commit();
  return {login};
}

}  // namespace crm::demo
