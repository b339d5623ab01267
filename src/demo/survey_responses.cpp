// Demo survey responses: for every finished cohort of the demo programme the
// built-in instruments' surveys (made here when the survey builder's demo has
// not made them: matched by programme and kind), their rounds, and realistic
// responses — session feedback for every third session, "was it useful?" at the
// end (mostly agree), the self-assessment before and after (paired per
// person, higher after on average) and the three-month follow-up for
// graduates when three months have passed. Who answers and what is derived
// from the ids, so the same database gives the same answers; small groups
// (a country with three respondents in a cohort) occur as in real cohorts,
// so the results pages show suppression.
//
// Written in bulk: INSERT … SELECT per kind of round and per question, for
// every finished cohort at once — the same number of statements at every
// --scale (scale 100: ~200 finished cohorts). Idempotent: a cohort that has
// a round of a kind gets no other, and only the rounds and responses made
// in this run get people and answers.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "surveys/answer_store.hpp"
#include "surveys/definition.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"

namespace crm::demo {

namespace {

using ll = long long;
constexpr int kSurveySchema = 11;           // migrations/0011_surveys.sql
constexpr int kIndicatorAnswerSchema = 29;  // migrations/0029_survey_indicator_answer.sql
constexpr int64_t kDay = 86400;

struct DemoSurvey {
  int64_t id = 0;
  bool anonymous = false;
  surveys::Version version;
};

// The programme's survey of `kind`, made from the instrument when missing.
std::optional<DemoSurvey> survey_of(db::Session& db, int64_t programme, const std::string& kind,
                                    int64_t now) {
  DemoSurvey s;
  {
    ll p = programme, id = 0, anonymous = 0;
    db.sql() << "SELECT id, anonymous FROM survey WHERE programme_id = :p AND kind = :k "
                "AND archived_at IS NULL ORDER BY id LIMIT 1",
        soci::use(p), soci::use(kind), soci::into(id), soci::into(anonymous);
    if (db.sql().got_data()) {
      s.id = id;
      s.anonymous = anonymous != 0;
    }
  }
  if (!s.id) {
    auto d = surveys::instrument(kind);
    if (!d || !surveys::validate(*d).empty()) return std::nullopt;
    surveys::Survey row;
    row.programme_id = programme;
    row.kind = kind;
    row.title = surveys::text_in(d->title, "en", d->default_language);
    row.anonymous = surveys::instrument_is_anonymous(kind);
    row.created_at = now;
    s.id = surveys::store::insert_survey(db, row);
    s.anonymous = row.anonymous;
    surveys::store::insert_version(db, s.id, 1, "instrument", *d, now);
  }
  auto v = surveys::store::latest_version(db, programme, s.id);
  if (!v) return std::nullopt;
  s.version = std::move(*v);
  return s;
}

std::string quoted(const std::string& name) {
  // Choice names are [A-Za-z0-9_.-] (surveys::is_valid_choice_name): no quote to escape.
  return "'" + name + "'";
}

// CASE mapping `seed` to one of `names`, weighted towards the end of the
// list (the agreeing end of a scale) or, with `first`, towards its start.
std::string weighted_choice(const std::string& seed, const std::vector<std::string>& names,
                            bool first) {
  std::vector<long> w;
  long total = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::size_t rank = first ? names.size() - 1 - i : i;
    w.push_back(1 + static_cast<long>(rank * rank));
    total += w.back();
  }
  std::string sql = "CASE";
  long upto = 0;
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    upto += w[i];
    sql += " WHEN ((" + seed + ") % " + std::to_string(total) + ") < " + std::to_string(upto) +
           " THEN " + quoted(names[i]);
  }
  return sql + " ELSE " + quoted(names.back()) + " END";
}

// CASE mapping an index expression (0-based, clamped) to one of `names`.
std::string indexed_choice(const std::string& index, const std::vector<std::string>& names) {
  std::string sql = "CASE";
  for (std::size_t i = 0; i + 1 < names.size(); ++i)
    sql += " WHEN (" + index + ") <= " + std::to_string(i) + " THEN " + quoted(names[i]);
  return sql + " ELSE " + quoted(names.back()) + " END";
}

const char* const kComments[] = {
    "More time for the case studies, please.",
    "Die Praxisbeispiele aus Jordanien waren sehr hilfreich.",
    "Les échanges entre pays d’origine et de destination étaient précieux.",
    "أتمنى المزيد من الوقت للعمل الجماعي.",
    "The online module before the on-site week helped a lot.",
    "Mehr Material auf Französisch wäre gut.",
};

std::string comment_case(const std::string& seed) {
  std::string sql = "CASE ((" + seed + ") % 6)";
  for (int i = 0; i < 6; ++i) {
    std::string text = kComments[i];
    std::string escaped;
    for (char c : text) escaped += c == '\'' ? std::string("''") : std::string(1, c);
    sql += " WHEN " + std::to_string(i) + " THEN '" + escaped + "'";
  }
  return sql + " END";
}

// A kind of round made for every finished cohort (or session) at once.
struct RoundKind {
  const DemoSurvey* survey = nullptr;
  std::string audience = "cohort", phase;
  long months_after = 0;
  // SQL over cohort c (and course_session s for sessions): when it opens
  // and closes, and which ones get a round.
  std::string from = "cohort c", opens, closes, where;
  std::string session = "NULL";
  std::string who;   // condition on enrolment e: who is asked
  std::string rate;  // condition on person p and round rd: who answers
};

// Rounds of `k` for the finished cohorts that have none of this kind, with
// their invitations and responses: three statements whatever the number of
// cohorts. Only rounds newer than `rounds_before` get people.
void make_rounds(db::Session& db, const RoundKind& k, int64_t programme, int64_t now,
                 int64_t rounds_before) {
  const std::string sid = std::to_string(k.survey->id), t = std::to_string(now);
  const std::string phase = "'" + k.phase + "'", audience = "'" + k.audience + "'";
  db.sql() << "INSERT INTO survey_round (survey_id, audience, cohort_id, session_id, "
              "months_after, phase, opens_at, closes_at, reminder_days, created_at) SELECT " +
                  sid + ", " + audience + ", c.id, " + k.session + ", " +
                  (k.months_after ? std::to_string(k.months_after) : std::string("NULL")) + ", " +
                  phase + ", " + k.opens + ", " + k.closes + ", 7, " + t + " FROM " + k.from +
                  " WHERE c.programme_id = " + std::to_string(programme) +
                  " AND c.status = 'completed' AND " + k.opens + " <= " + t + k.where +
                  " AND NOT EXISTS (SELECT 1 FROM survey_round x WHERE x.survey_id = " + sid +
                  " AND x.cohort_id = c.id AND x.audience = " + audience +
                  " AND x.phase = " + phase + " AND COALESCE(x.session_id, 0) = COALESCE(" +
                  k.session + ", 0)) ORDER BY c.id";
  const std::string rounds =
      " FROM survey_round rd JOIN enrolment e ON e.cohort_id = "
      "rd.cohort_id AND e.role = 'participant' AND " +
      k.who +
      " JOIN person p ON p.id = e.person_id "
      "LEFT JOIN organisation org ON org.id = p.organisation_id "
      "WHERE rd.id > " +
      std::to_string(rounds_before) + " AND rd.survey_id = " + sid +
      " AND rd.audience = " + audience + " AND rd.phase = " + phase;
  db.sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, sent_at, "
              "answered) SELECT rd.id, p.id, 'demo-' || CAST(rd.id AS TEXT) || '-' || "
              "CAST(p.id AS TEXT), rd.opens_at, rd.opens_at, CASE WHEN " +
                  k.rate + " THEN 1 ELSE 0 END" + rounds;
  // Submitted on a day of the round's first week (not before it opened).
  const std::string last = "(CASE WHEN rd.closes_at < " + t + " THEN rd.closes_at ELSE " + t +
                           " END) / " + std::to_string(kDay);
  const std::string day = "(CASE WHEN " + last + " - (p.id % 7) < rd.opens_at / " +
                          std::to_string(kDay) + " THEN " + last + " ELSE " + last +
                          " - (p.id % 7) END)";
  db.sql() << "INSERT INTO survey_response (round_id, version_id, person_id, language, page, "
              "submitted_on, cohort_id, country, gender, organisation_type) SELECT rd.id, " +
                  std::to_string(k.survey->version.id) + ", " +
                  (k.survey->anonymous ? "NULL" : "p.id") + ", 'en', 0, " + day + " * " +
                  std::to_string(kDay) +
                  ", e.cohort_id, p.country, CASE WHEN COALESCE(p.gender, '') = '' THEN "
                  "'not_given' WHEN p.gender IN ('female', 'male', 'prefer_not_to_say') THEN "
                  "p.gender ELSE 'self_described' END, COALESCE(org.type, '')" +
                  rounds + " AND " + k.rate;
}

// The answers of the responses of `survey` newer than `responses_before`
// (in rounds of `phase`): one statement per question.
void answer(db::Session& db, const DemoSurvey& s, const std::string& phase,
            int64_t responses_before) {
  const bool post = phase == "post";
  const std::string from =
      " FROM survey_response r JOIN survey_round rd ON rd.id = r.round_id WHERE r.id > " +
      std::to_string(responses_before) + " AND rd.survey_id = " + std::to_string(s.id) +
      " AND rd.phase = '" + phase + "'";
  // Anonymous responses vary by their id, identified ones by their person
  // (so that before and after pair up).
  const std::string seed = s.anonymous ? "r.id" : "r.person_id";
  for (const auto& q : s.version.definition.questions) {
    const std::string qid = std::to_string(q.id);
    std::vector<std::string> names;
    for (const auto& c : q.choices) names.push_back(c.name);
    std::string sql;
    if (q.type == "single" || q.type == "likert") {
      bool first = q.name == "using_skills";
      sql = "SELECT r.id, " + qid + ", '', " +
            weighted_choice(seed + " * 37 + " + std::to_string(q.id % 11), names, first) +
            ", CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS TEXT)" + from;
    } else if (q.type == "multiple") {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT r.id, " + qid + ", '', " + quoted(names[i]) +
               ", CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS TEXT)" + from + " AND ((" + seed +
               " * 7 + " + std::to_string(i * 3) + ") % 5) < 2";
      }
    } else if (q.type == "matrix") {
      for (std::size_t i = 0; i < q.rows.size(); ++i) {
        // Before: the lower half of the scale; after: 0 to 2 points higher.
        std::string before = "((" + seed + " * 7 + " + std::to_string(i * 3) + ") % 3)";
        std::string index =
            post ? before + " + ((" + seed + " * 5 + " + std::to_string(i * 11) + ") % 3)" : before;
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT r.id, " + qid + ", " + quoted(q.rows[i].name) + ", " +
               indexed_choice(index, names) +
               ", CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS TEXT)" + from;
      }
    } else if (q.type == "text") {
      sql = "SELECT r.id, " + qid + ", '', '', CAST(NULL AS DOUBLE PRECISION), " +
            comment_case("r.id + " + qid) + from + " AND (r.id % 3) = 0";
    } else if (q.type == "integer" || q.type == "decimal") {
      sql = "SELECT r.id, " + qid +
            ", '', '', CAST((r.id % 10) + 1 AS DOUBLE PRECISION), CAST(NULL AS TEXT)" + from;
    }
    if (sql.empty()) continue;
    db.sql()
        << "INSERT INTO survey_answer (response_id, question_id, item, choice, number, text) " +
               sql;
  }
}

}  // namespace

void load_survey_responses(db::Session& db, int64_t now) {
  const int schema = db::schema_version(db);
  if (schema < kSurveySchema) return;
  ll programme = 0, finished = 0;
  db.sql() << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme);
  if (!db.sql().got_data() || programme == 0) return;
  db.sql() << "SELECT COUNT(*) FROM cohort WHERE programme_id = :p AND status = 'completed'",
      soci::use(programme), soci::into(finished);
  if (finished == 0) return;
  db::Transaction tx(db);
  auto feedback = survey_of(db, programme, "session_feedback", now);
  auto useful = survey_of(db, programme, "useful", now);
  auto self = survey_of(db, programme, "self_assessment", now);
  auto follow = survey_of(db, programme, "follow_up", now);
  if (!feedback || !useful || !self || !follow) return;
  ll rounds_before = 0, responses_before = 0;
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM survey_round", soci::into(rounds_before);
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM survey_response", soci::into(responses_before);

  const std::string day = std::to_string(kDay);
  const std::string taking_part = "e.status IN ('participant', 'graduate')";
  std::vector<RoundKind> kinds;
  {
    // Feedback on every third session that took place.
    RoundKind k;
    k.survey = &*feedback;
    k.audience = "session";
    k.from = "course_session s JOIN cohort c ON c.id = s.cohort_id";
    k.session = "s.id";
    k.opens = "s.ends_at";
    k.closes = "s.ends_at + 14 * " + day;
    k.where = " AND s.status = 'scheduled' AND (s.id % 3) = 0";
    k.who = taking_part;
    k.rate = "((p.id * 13 + rd.id) % 10) < 7";
    kinds.push_back(k);
  }
  {
    RoundKind k;  // "was it useful?" at the end: nine in ten answer
    k.survey = &*useful;
    k.opens = "c.ends_on - 7 * " + day;
    k.closes = "c.ends_on + 21 * " + day;
    k.who = taking_part;
    k.rate = "((p.id * 13 + 1) % 10) < 9";
    kinds.push_back(k);
  }
  {
    RoundKind k;  // the self-assessment before …
    k.survey = &*self;
    k.phase = "pre";
    k.opens = "c.starts_on - 21 * " + day;
    k.closes = "c.starts_on";
    k.who = "e.status IN ('participant', 'graduate', 'withdrawn')";
    k.rate = "((p.id * 13 + 5) % 10) < 9";
    kinds.push_back(k);
    k.phase = "post";  // … and after: mostly the same people
    k.opens = "c.ends_on - 7 * " + day;
    k.closes = "c.ends_on + 21 * " + day;
    k.who = taking_part;
    k.rate = "((p.id * 13 + 5) % 10) < 8";
    kinds.push_back(k);
  }
  {
    RoundKind k;  // three months after, for graduates
    k.survey = &*follow;
    k.audience = "graduates";
    k.months_after = 3;
    k.opens = "c.ends_on + 91 * " + day;
    k.closes = "c.ends_on + 121 * " + day;
    k.who = "e.status = 'graduate'";
    k.rate = "((p.id * 13 + 3) % 10) < 6";
    kinds.push_back(k);
  }
  for (const auto& k : kinds) make_rounds(db, k, programme, now, rounds_before);
  answer(db, *feedback, "", responses_before);
  answer(db, *useful, "", responses_before);
  answer(db, *self, "pre", responses_before);
  answer(db, *self, "post", responses_before);
  answer(db, *follow, "", responses_before);

  // Sent and answered: the versions are frozen.
  ll t = now;
  for (const auto* s : {&*feedback, &*useful, &*self, &*follow}) {
    ll v = s->version.id, sid = s->id;
    db.sql() << "UPDATE survey_version SET frozen_at = :t WHERE id = :v AND frozen_at IS NULL "
                "AND EXISTS (SELECT 1 FROM survey_round WHERE survey_id = :s)",
        soci::use(t), soci::use(v), soci::use(sid);
  }
  // What submitting each response would have recorded for the indicator
  // report (on an older schema, migration 0029 does it).
  if (schema >= kIndicatorAnswerSchema) surveys::answer_store::record_missing_indicator_answers(db);
  tx.commit();
}

}  // namespace crm::demo
