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
#include "db/blob.hpp"
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

// ------------------------------------------------------------------ funnel and retention
// Eligibility questions and answers, decisions, enrolments and documents as
// decisions (§5) leave them, for the funnel and retention tests.

// A required yes/no question of `call` at `position`; `eligible` "yes",
// "no" or "" (none). Returns its id.
inline int64_t question_insert(db::Session& db, int64_t call, long position,
                               const std::string& eligible) {
  long long id = 0, c = call, pos = position;
  soci::indicator ind = eligible.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO call_question (call_id, position, kind, required, eligible_answer) "
              "VALUES (:c, :p, 'yes_no', 1, :e) RETURNING id",
      soci::use(c), soci::use(pos), soci::use(eligible, ind), soci::into(id);
  return id;
}

inline void answer_insert(db::Session& db, int64_t application, int64_t question,
                          const std::string& value) {
  long long a = application, q = question;
  db.sql() << "INSERT INTO application_answer (application_id, question_id, value) VALUES (:a, "
              ":q, :v)",
      soci::use(a), soci::use(q), soci::use(value);
}

// What a decision leaves on an application: `decision` at `decided_at`,
// confirmed or declined when given; withdrawn at `withdrawn_at` when given.
struct DecisionSpec {
  std::string decision;  // accepted | waiting | rejected
  int64_t decided_at = 0;
  std::optional<int64_t> confirmed_at, declined_at, withdrawn_at;
};
inline void decision_set(db::Session& db, int64_t application, const DecisionSpec& d) {
  long long a = application, at = d.decided_at, c = d.confirmed_at.value_or(0),
            dc = d.declined_at.value_or(0), w = d.withdrawn_at.value_or(0);
  soci::indicator c_ind = d.confirmed_at ? soci::i_ok : soci::i_null;
  soci::indicator dc_ind = d.declined_at ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE application SET decision = :d, decided_at = :at, confirmed_at = :c, "
              "declined_at = :dc WHERE id = :a",
      soci::use(d.decision), soci::use(at), soci::use(c, c_ind), soci::use(dc, dc_ind),
      soci::use(a);
  if (d.withdrawn_at)
    db.sql() << "UPDATE application SET status = 'withdrawn', withdrawn_at = :w WHERE id = :a",
        soci::use(w), soci::use(a);
}

// An enrolment of `person` in `cohort` (role participant unless given).
inline void enrolment_insert(db::Session& db, int64_t person, int64_t cohort, int64_t now,
                             const std::string& role = "participant",
                             const std::string& status = "admitted") {
  long long p = person, c = cohort, t = now;
  db.sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES (:p, "
              ":c, :r, :s, :t)",
      soci::use(p), soci::use(c), soci::use(role), soci::use(status), soci::use(t);
}

// A stored document of `application` (a small PDF). Returns its id.
inline int64_t document_insert(db::Session& db, int64_t application, const std::string& kind,
                               const std::string& filename, int64_t now) {
  long long id = 0, a = application, t = now;
  const std::string data = "%PDF-1.4\n% " + filename + "\n%%EOF\n";
  long long size = static_cast<long long>(data.size());
  std::string bytes = db::blob_param(db, data);
  db.sql() << "INSERT INTO application_document (application_id, kind, filename, content_type, "
              "size, data, uploaded_at) VALUES (:a, :k, :f, 'application/pdf', :s, :d, :t) "
              "RETURNING id",
      soci::use(a), soci::use(kind), soci::use(filename), soci::use(size), soci::use(bytes),
      soci::use(t), soci::into(id);
  return id;
}

}  // namespace crm::test
