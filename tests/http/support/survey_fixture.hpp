// Surveys, rounds and submitted responses for tests of results and reports,
// written with SQL the way the surveys services write them (definitions
// through surveys::store, so they are what the builder would store).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "surveys/answer_store.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/model.hpp"

namespace crm::test {

struct SurveyIds {
  int64_t survey = 0, version = 0;
};

// A survey of `programme` with `d` as its version 1. Own transaction.
inline SurveyIds survey_insert(db::Session& db, int64_t programme, const std::string& kind,
                               bool anonymous, const surveys::Definition& d, int64_t now) {
  db::Transaction tx(db);
  surveys::Survey s;
  s.programme_id = programme;
  s.kind = kind;
  s.title = d.title.count("en") ? d.title.at("en") : std::string("Survey");
  s.anonymous = anonymous;
  s.created_at = now;
  SurveyIds ids;
  ids.survey = surveys::store::insert_survey(db, s);
  ids.version = surveys::store::insert_version(db, ids.survey, 1, "builder", d, now);
  tx.commit();
  return ids;
}

// A round sending the survey to `cohort` (audience cohort unless given).
inline int64_t survey_round_insert(db::Session& db, int64_t survey, int64_t cohort, int64_t opens,
                                   int64_t closes, const std::string& phase = "",
                                   const std::string& audience = "cohort") {
  db::Transaction tx(db);
  long long id = 0, s = survey, c = cohort, o = opens, cl = closes;
  db.sql() << "INSERT INTO survey_round (survey_id, audience, cohort_id, phase, opens_at, "
              "closes_at, created_at) VALUES (:s, :a, :c, :ph, :o, :cl, :o2) RETURNING id",
      soci::use(s), soci::use(audience), soci::use(c), soci::use(phase), soci::use(o),
      soci::use(cl), soci::use(o), soci::into(id);
  tx.commit();
  return id;
}

// One answer for the fixture: question name, matrix row, choice, number, text.
struct FixtureAnswer {
  std::string question, item, choice;
  std::optional<double> number;
  std::optional<std::string> text;
};

// A submitted response (person 0: anonymous) with `facts` and `answers`.
// submitted_on: a day (UTC midnight). Own transaction. Returns its id.
inline int64_t survey_response_insert(db::Session& db, int64_t programme, int64_t round,
                                      int64_t version, int64_t person,
                                      const surveys::RespondentFacts& facts,
                                      const std::vector<FixtureAnswer>& answers,
                                      int64_t submitted_on, const std::string& language = "en") {
  auto v = surveys::store::load_version(db, programme, version);
  std::map<std::string, long long> question_ids;
  for (const auto& q : v->definition.questions) question_ids[q.name] = q.id;
  db::Transaction tx(db);
  long long id = 0, r = round, ver = version, p = person, c = facts.cohort_id, on = submitted_on;
  soci::indicator p_ind = person ? soci::i_ok : soci::i_null;
  soci::indicator c_ind = facts.cohort_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO survey_response (round_id, version_id, person_id, language, "
              "submitted_on, cohort_id, country, gender, organisation_type) VALUES (:r, :v, :p, "
              ":l, :on, :c, :country, :g, :o) RETURNING id",
      soci::use(r), soci::use(ver), soci::use(p, p_ind), soci::use(language), soci::use(on),
      soci::use(c, c_ind), soci::use(facts.country), soci::use(facts.gender),
      soci::use(facts.organisation_type), soci::into(id);
  for (const auto& a : answers) {
    long long q = question_ids.at(a.question);
    double n = a.number.value_or(0);
    std::string t = a.text.value_or("");
    soci::indicator n_ind = a.number ? soci::i_ok : soci::i_null;
    soci::indicator t_ind = a.text ? soci::i_ok : soci::i_null;
    db.sql() << "INSERT INTO survey_answer (response_id, question_id, item, choice, number, text) "
                "VALUES (:r, :q, :i, :c, :n, :t)",
        soci::use(id), soci::use(q), soci::use(a.item), soci::use(a.choice), soci::use(n, n_ind),
        soci::use(t, t_ind);
  }
  surveys::answer_store::record_indicator_answers(db, id);
  tx.commit();
  return id;
}

}  // namespace crm::test
