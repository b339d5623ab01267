#include "admissions/selection_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "admissions/blinding.hpp"

namespace crm::admissions::bench {

namespace {

using selection::Applicant;

struct Country {
  const char* code;
  std::vector<std::string> roles;
};

const std::vector<Country>& countries() {
  static const std::vector<Country> all = {
      {"MA", {"origin", "transit", "destination"}},
      {"TR", {"origin", "transit", "destination"}},
      {"LB", {"origin", "transit", "destination"}},
      {"TN", {"origin", "transit"}},
      {"EG", {"origin", "transit"}},
      {"IT", {"transit", "destination"}},
      {"GR", {"transit", "destination"}},
      {"DE", {"destination"}},
      {"AT", {"destination"}},
      {"UA", {"origin"}},
      {"NG", {"origin"}},
      {"SN", {"origin"}},
      {"GH", {"origin"}},
      {"ET", {"origin"}},
      {"IQ", {"origin"}},
      {"PK", {"origin"}},
      {"AL", {"origin"}},
      {"GE", {"origin"}},
      {"MD", {"origin"}},
      {"JO", {"transit", "destination"}},
  };
  return all;
}

const char* kTypes[] = {"ministry", "ngo", "international", "university"};
const char* kGenders[] = {"female", "male", "male", "female", "not_given"};

struct Synthetic {
  std::string country, type, gender;
  long motivation[2], experience[2];
};

Synthetic applicant(std::mt19937& rng) {
  Synthetic s;
  s.country = countries()[rng() % countries().size()].code;
  s.type = kTypes[rng() % 4];
  s.gender = kGenders[rng() % 5];
  for (int r = 0; r < 2; ++r) {
    s.motivation[r] = 1 + static_cast<long>(rng() % 5);
    s.experience[r] = 1 + static_cast<long>(rng() % 5);
  }
  return s;
}

std::vector<Bound> bounds(long places) {
  const long fifth = std::max(1L, places / 5);
  return {
      {"gender", "female", (places * 3 + 9) / 10, std::nullopt},
      {"route_role", "origin", fifth, std::nullopt},
      {"route_role", "transit", fifth, std::nullopt},
      {"route_role", "destination", fifth, std::nullopt},
      {"country", "*", 0, 3},
      {"country", "UA", 2, 3},
      {"organisation_type", "ngo", 0, places / 3},
      {"organisation_type", "university", 3, std::nullopt},
  };
}

}  // namespace

Input synthetic(long n, long places) {
  std::mt19937 rng(20261130);
  Input in;
  in.places = places;
  in.reviews_needed = 2;
  in.bounds = bounds(places);
  for (long i = 0; i < n; ++i) {
    auto s = applicant(rng);
    Applicant a;
    a.id = i + 1;
    a.reviews = 2;
    a.score = ((2.0 * s.motivation[0] + s.experience[0]) / 3 +
               (2.0 * s.motivation[1] + s.experience[1]) / 3) /
              2;
    a.country = s.country;
    for (const auto& c : countries())
      if (s.country == c.code) a.route_roles = c.roles;
    a.gender = s.gender;
    a.organisation_type = s.type;
    in.applicants.push_back(std::move(a));
  }
  return in;
}

Timing measure(const Input& in, int rounds) {
  std::vector<double> ms;
  Timing t;
  for (int r = 0; r < std::max(1, rounds); ++r) {
    auto start = std::chrono::steady_clock::now();
    auto out = selection::propose(in);
    auto end = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    if (!out) throw std::runtime_error("the solver failed");
    t.outcome = std::move(*out);
  }
  std::sort(ms.begin(), ms.end());
  t.min_ms = ms.front();
  t.max_ms = ms.back();
  t.median_ms = ms[ms.size() / 2];
  return t;
}

int64_t generate_call(db::Session& db, long n, long places, int64_t now) {
  using ll = long long;
  db::Transaction tx(db);
  ll programme = 0, number = 0;
  db.sql() << "SELECT programme_id, MAX(number) + 1 FROM cohort GROUP BY programme_id ORDER BY "
              "COUNT(*) DESC, programme_id LIMIT 1",
      soci::into(programme), soci::into(number);
  if (!programme) throw std::runtime_error("no programme: run `crm demo` first");
  ll cohort = 0, starts = now + 90 * 86400, ends = now + 180 * 86400;
  const std::string name = "Selection benchmark";
  db.sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status) "
              "VALUES (:p, :n, :name, :s, :e, 'planned') RETURNING id",
      soci::use(programme), soci::use(number), soci::use(name), soci::use(starts), soci::use(ends),
      soci::into(cohort);
  ll call = 0, opens = now - 60 * 86400, closes = now - 86400, p = places, t = now;
  const std::string blind = blinding::default_blind_fields(), zone = "Europe/Berlin";
  db.sql() << "INSERT INTO call (programme_id, cohort_id, status, opens_at, closes_at, time_zone, "
              "places, blind_fields, created_at, updated_at) VALUES (:p, :c, 'closed', :o, :cl, "
              ":z, :n, :b, :t, :t2) RETURNING id",
      soci::use(programme), soci::use(cohort), soci::use(opens), soci::use(closes), soci::use(zone),
      soci::use(p), soci::use(blind), soci::use(t), soci::use(t), soci::into(call);
  for (const std::string lang : {"en", "de", "fr", "ar"}) {
    const std::string title = "Selection benchmark (" + lang + ")";
    db.sql() << "INSERT INTO call_text (call_id, language, title) VALUES (:c, :l, :t)",
        soci::use(call), soci::use(lang), soci::use(title);
  }
  ll criteria[2] = {0, 0};
  for (ll k = 0; k < 2; ++k) {
    double weight = k == 0 ? 2 : 1;
    ll position = k + 1;
    db.sql() << "INSERT INTO call_criterion (call_id, position, weight) VALUES (:c, :p, :w) "
                "RETURNING id",
        soci::use(call), soci::use(position), soci::use(weight), soci::into(criteria[k]);
  }
  for (const auto& b : bounds(places)) {
    ll lo = b.min_count, hi = b.max_count.value_or(0);
    soci::indicator hi_ind = b.max_count ? soci::i_ok : soci::i_null;
    db.sql() << "INSERT INTO call_bound (call_id, dimension, value, min_count, max_count) VALUES "
                "(:c, :d, :v, :lo, :hi)",
        soci::use(call), soci::use(b.dimension), soci::use(b.value), soci::use(lo),
        soci::use(hi, hi_ind);
  }
  // Two reviewers: the programme's first two accounts that are not applicants.
  std::vector<ll> reviewers;
  {
    db::Rows rows = (db.sql().prepare << "SELECT id FROM account WHERE role <> 'applicant' ORDER "
                                         "BY id LIMIT 2");
    for (const auto& r : rows) reviewers.push_back(db::get_int64(r, 0));
  }
  if (reviewers.size() < 2) throw std::runtime_error("two accounts needed as reviewers");
  std::mt19937 rng(20261130);
  for (long i = 0; i < n; ++i) {
    auto s = applicant(rng);
    const std::string person_name = "Bench Applicant " + std::to_string(i + 1);
    const std::string email =
        "bench.applicant." + std::to_string(call) + "." + std::to_string(i + 1) + "@example.org";
    const std::string gender = s.gender == "not_given" ? "" : s.gender;
    ll person = 0;
    db.sql() << "INSERT INTO person (name, email, country, gender, created_at, updated_at) VALUES "
                "(:n, :e, :c, :g, :t, :t2) RETURNING id",
        soci::use(person_name), soci::use(email), soci::use(s.country), soci::use(gender),
        soci::use(t), soci::use(t), soci::into(person);
    ll app = 0, submitted = closes - 86400 + i;
    const std::string org = "Organisation " + std::to_string(i % 97);
    db.sql() << "INSERT INTO application (call_id, person_id, status, language, organisation_name, "
                "organisation_type, organisation_country, submitted_at, created_at, updated_at) "
                "VALUES (:c, :p, 'submitted', 'en', :on, :ot, :oc, :s, :t, :t2) RETURNING id",
        soci::use(call), soci::use(person), soci::use(org), soci::use(s.type), soci::use(s.country),
        soci::use(submitted), soci::use(t), soci::use(t), soci::into(app);
    for (int r = 0; r < 2; ++r) {
      ll assignment = 0;
      db.sql() << "INSERT INTO review_assignment (application_id, account_id, stage, assigned_at, "
                  "submitted_at) VALUES (:a, :r, 1, :t, :t2) RETURNING id",
          soci::use(app), soci::use(reviewers[r]), soci::use(t), soci::use(t),
          soci::into(assignment);
      ll m = s.motivation[r], e = s.experience[r];
      db.sql() << "INSERT INTO review_score (assignment_id, criterion_id, score) VALUES (:a, :c, "
                  ":s)",
          soci::use(assignment), soci::use(criteria[0]), soci::use(m);
      db.sql() << "INSERT INTO review_score (assignment_id, criterion_id, score) VALUES (:a, :c, "
                  ":s)",
          soci::use(assignment), soci::use(criteria[1]), soci::use(e);
    }
  }
  tx.commit();
  return call;
}

}  // namespace crm::admissions::bench
