// Calls, applications, reviewers and reviews for tests of the admissions
// parts, written with SQL as migrations/0016_admissions.sql lays them out,
// so that each part can be tested before the pages that create its data
// exist (review needs applications, selection needs scores …).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admissions/blinding.hpp"
#include "db/database.hpp"

namespace crm::test {

struct CallSpec {
  int64_t programme = 0, cohort = 0;
  std::string status = "published";
  int64_t opens_at = 0, closes_at = 0;
  std::string time_zone = "Europe/Berlin";
  long places = 24;
  std::string title = "Call for cohort";  // in every language, with its code appended
  bool second_stage = false;
  bool conflict_same_country = false;
};

struct CallIds {
  int64_t call = 0;
  std::vector<int64_t> criteria;  // "Motivation" (weight 2), "Experience" (weight 1), scale 1–5
};

// A call with texts in en, de, fr and ar ("<title> (de)" …), the default
// blind fields, two criteria, a CV (required) and a letter of support
// (optional). Own transaction.
inline CallIds call_insert(db::Session& db, const CallSpec& s, int64_t now) {
  db::Transaction tx(db);
  long long id = 0, p = s.programme, c = s.cohort, o = s.opens_at, cl = s.closes_at,
            places = s.places, t = now, t2 = now;
  int second = s.second_stage ? 1 : 0, same_country = s.conflict_same_country ? 1 : 0;
  std::string blind = admissions::blinding::default_blind_fields();
  db.sql() << "INSERT INTO call (programme_id, cohort_id, status, opens_at, closes_at, time_zone, "
              "places, blind_fields, conflict_same_country, second_stage, created_at, updated_at) "
              "VALUES (:p, :c, :st, :o, :cl, :z, :n, :b, :sc, :ss, :t, :t2) RETURNING id",
      soci::use(p), soci::use(c), soci::use(s.status), soci::use(o), soci::use(cl),
      soci::use(s.time_zone), soci::use(places), soci::use(blind), soci::use(same_country),
      soci::use(second), soci::use(t), soci::use(t2), soci::into(id);
  CallIds ids;
  ids.call = id;
  for (std::string lang : {"en", "de", "fr", "ar"}) {
    std::string title = s.title + " (" + lang + ")";
    db.sql() << "INSERT INTO call_text (call_id, language, title) VALUES (:c, :l, :t)",
        soci::use(id), soci::use(lang), soci::use(title);
  }
  struct Criterion {
    const char* label;
    double weight;
  };
  long long position = 0;
  for (auto [label, weight] : {Criterion{"Motivation", 2}, Criterion{"Experience", 1}}) {
    long long cid = 0;
    ++position;
    db.sql() << "INSERT INTO call_criterion (call_id, position, weight) VALUES (:c, :p, :w) "
                "RETURNING id",
        soci::use(id), soci::use(position), soci::use(weight), soci::into(cid);
    std::string l = label;
    db.sql() << "INSERT INTO call_criterion_text (criterion_id, language, label) VALUES "
                "(:c, 'en', :l)",
        soci::use(cid), soci::use(l);
    ids.criteria.push_back(cid);
  }
  db.sql() << "INSERT INTO call_document (call_id, kind, required) VALUES (:c, 'cv', 1)",
      soci::use(id);
  db.sql() << "INSERT INTO call_document (call_id, kind, required) VALUES (:c, "
              "'support_letter', 0)",
      soci::use(id);
  tx.commit();
  return ids;
}

// A bound of the call's parity targets (max none: no upper bound).
inline void call_bound_insert(db::Session& db, int64_t call, const std::string& dimension,
                              const std::string& value, long min_count,
                              std::optional<long> max_count) {
  long long c = call, lo = min_count, hi = max_count.value_or(0);
  soci::indicator hi_ind = max_count ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO call_bound (call_id, dimension, value, min_count, max_count) VALUES "
              "(:c, :d, :v, :lo, :hi)",
      soci::use(c), soci::use(dimension), soci::use(value), soci::use(lo), soci::use(hi, hi_ind);
}

struct ApplicationSpec {
  int64_t call = 0, person = 0;
  std::string status = "submitted";
  std::string language = "en";
  std::string route_role = "origin";
  std::string organisation_name = "Ministry of Labour", organisation_type = "ministry";
  std::string organisation_country = "MA";
  std::string motivation = "I work on reintegration and want to learn more.";
  std::string experience = "Five years of counselling returnees.";
  std::optional<int64_t> submitted_at;  // the `now` of application_insert when not given
};

// An application (status submitted unless given). Own transaction.
inline int64_t application_insert(db::Session& db, const ApplicationSpec& s, int64_t now) {
  db::Transaction tx(db);
  long long id = 0, c = s.call, p = s.person, t = now, t2 = now, sub = s.submitted_at.value_or(now);
  soci::indicator sub_ind = s.status == "draft" ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO application (call_id, person_id, status, language, route_role, "
              "organisation_name, organisation_type, organisation_country, motivation, "
              "experience, submitted_at, created_at, updated_at) VALUES (:c, :p, :st, :l, :r, "
              ":on, :ot, :oc, :m, :e, :s, :t, :t2) RETURNING id",
      soci::use(c), soci::use(p), soci::use(s.status), soci::use(s.language),
      soci::use(s.route_role), soci::use(s.organisation_name), soci::use(s.organisation_type),
      soci::use(s.organisation_country), soci::use(s.motivation), soci::use(s.experience),
      soci::use(sub, sub_ind), soci::use(t), soci::use(t2), soci::into(id);
  tx.commit();
  return id;
}

// `account` invited as a reviewer of `call`, of `organisation` in `country`.
inline void call_reviewer_insert(db::Session& db, int64_t call, int64_t account,
                                 const std::string& organisation, const std::string& country,
                                 int64_t now) {
  long long c = call, a = account, t = now;
  db.sql() << "INSERT INTO call_reviewer (call_id, account_id, organisation_name, country, "
              "invited_at) VALUES (:c, :a, :o, :co, :t)",
      soci::use(c), soci::use(a), soci::use(organisation), soci::use(country), soci::use(t);
}

// An assignment of `application` to `account` (stage 1 unless given); with
// `scores` (one per criterion, in CallIds::criteria's order) it is submitted.
inline int64_t review_insert(db::Session& db, int64_t application, int64_t account,
                             const std::vector<int64_t>& criteria, const std::vector<long>& scores,
                             int64_t now, int stage = 1) {
  db::Transaction tx(db);
  long long id = 0, ap = application, a = account, st = stage, t = now, sub = now;
  soci::indicator sub_ind = scores.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO review_assignment (application_id, account_id, stage, assigned_at, "
              "submitted_at) VALUES (:ap, :a, :st, :t, :s) RETURNING id",
      soci::use(ap), soci::use(a), soci::use(st), soci::use(t), soci::use(sub, sub_ind),
      soci::into(id);
  for (size_t i = 0; i < scores.size() && i < criteria.size(); ++i) {
    long long c = criteria[i], sc = scores[i];
    db.sql() << "INSERT INTO review_score (assignment_id, criterion_id, score) VALUES (:a, :c, :s)",
        soci::use(id), soci::use(c), soci::use(sc);
  }
  tx.commit();
  return id;
}

}  // namespace crm::test
