#include "reports/bench.hpp"

#include <map>
#include <string>
#include <vector>

#include "demo/store.hpp"
#include "programme/parity.hpp"
#include "surveys/answer_store.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"

namespace crm::reports::bench {

namespace {

struct Participant {
  long long person = 0;
  std::string country, gender, organisation_type;
};

}  // namespace

long generate_responses(db::Session& db, long n, int64_t now) {
  using soci::into;
  using soci::use;
  db::Transaction tx(db);
  const long long programme = demo::store::programme_with_most_cohorts(db);
  if (programme == 0) return 0;
  struct Instrument {
    const char* kind;
    bool anonymous;
    std::string question;
    std::vector<std::string> positive, negative;
    long long survey = 0, version = 0, question_id = 0;
  };
  Instrument useful{"useful", false, "useful", {"4", "5"}, {"1", "2", "3"}};
  Instrument follow{"follow_up", true, "using_skills", {"regularly", "sometimes"}, {"no"}};
  for (Instrument* in : {&useful, &follow}) {
    surveys::Survey s;
    s.programme_id = programme;
    s.kind = in->kind;
    s.title = std::string("Bench ") + in->kind;
    s.anonymous = in->anonymous;
    s.created_at = now;
    in->survey = surveys::store::insert_survey(db, s);
    in->version = surveys::store::insert_version(db, in->survey, 1, "instrument",
                                                 *surveys::instrument(in->kind), now);
    auto v = surveys::store::load_version(db, programme, in->version);
    for (const auto& q : v->definition.questions)
      if (q.name == in->question) in->question_id = q.id;
  }
  // Participants of every cohort, with what a response copies in.
  std::map<long long, std::vector<Participant>> cohorts;
  std::map<long long, long long> ends;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT c.id, c.ends_on, e.person_id, pe.country, pe.gender, o.type "
                             "FROM cohort c JOIN enrolment e ON e.cohort_id = c.id "
                             "JOIN person pe ON pe.id = e.person_id "
                             "LEFT JOIN organisation o ON o.id = pe.organisation_id "
                             "WHERE c.programme_id = :p AND e.role = 'participant' "
                             "AND e.status IN ('admitted', 'participant', 'graduate') "
                             "ORDER BY c.id, e.person_id",
         use(programme));
    for (const auto& r : rows) {
      long long c = db::get_int64(r, 0);
      ends[c] = db::get_int64(r, 1);
      cohorts[c].push_back({db::get_int64(r, 2), db::get_text(r, 3),
                            programme::gender_bucket(db::get_text(r, 4)), db::get_text(r, 5)});
    }
  }
  long made = 0;
  for (long pass = 0; made < n && !cohorts.empty(); ++pass) {
    Instrument& in = pass % 2 == 0 ? useful : follow;
    for (const auto& [cohort, people] : cohorts) {
      if (made >= n) break;
      long long c = cohort, end = ends[cohort], round = 0;
      long long opens = end + (pass % 2 == 0 ? -14 : 90) * 86400 + pass * 86400,
                closes = opens + 30 * 86400, months = 3;
      std::string audience = pass % 2 == 0 ? "cohort" : "graduates";
      soci::indicator m_ind = pass % 2 == 0 ? soci::i_null : soci::i_ok;
      db.sql() << "INSERT INTO survey_round (survey_id, audience, cohort_id, months_after, "
                  "opens_at, closes_at, created_at) VALUES (:s, :a, :c, :m, :o, :cl, :t) "
                  "RETURNING id",
          use(in.survey), use(audience), use(c), use(months, m_ind), use(opens), use(closes),
          use(opens), into(round);
      const long long day = (opens + 2 * 86400) / 86400 * 86400;
      for (size_t i = 0; i < people.size() && made < n; ++i, ++made) {
        const auto& p = people[i];
        std::string hash = "bench-" + std::to_string(round) + "-" + std::to_string(p.person);
        long long sent = opens;
        db.sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, "
                    "sent_at, answered) VALUES (:r, :p, :h, :s, :s2, 1)",
            use(round), use(p.person), use(hash), use(sent), use(sent);
        long long response = 0, person = p.person;
        soci::indicator p_ind = in.anonymous ? soci::i_null : soci::i_ok;
        std::string language = "en";
        db.sql() << "INSERT INTO survey_response (round_id, version_id, person_id, language, "
                    "submitted_on, cohort_id, country, gender, organisation_type) VALUES (:r, :v, "
                    ":p, :l, :on, :c, :country, :g, :o) RETURNING id",
            use(round), use(in.version), use(person, p_ind), use(language), use(day), use(c),
            use(p.country), use(p.gender), use(p.organisation_type), into(response);
        const auto& choices = (made % 5 == 4) ? in.negative : in.positive;
        std::string choice = choices[static_cast<size_t>(made) % choices.size()], item;
        db.sql() << "INSERT INTO survey_answer (response_id, question_id, item, choice) VALUES "
                    "(:r, :q, :i, :c)",
            use(response), use(in.question_id), use(item), use(choice);
      }
    }
  }
  surveys::answer_store::record_missing_indicator_answers(db);
  tx.commit();
  return made;
}

}  // namespace crm::reports::bench
