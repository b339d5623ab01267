// Demo survey responses: for every finished cohort of the demo programme the
// built-in instruments' surveys (made here when the survey builder's demo has
// not made them: matched by programme and kind), their rounds, and realistic
// responses — session feedback for the first sessions, "was it useful?" at the
// end (mostly agree), the self-assessment before and after (paired per
// person, higher after on average) and the three-month follow-up for
// graduates when three months have passed. Who answers and what is derived
// from the ids, so the same database gives the same answers; small groups
// (a country with three respondents in a cohort) occur as in real cohorts,
// so the results pages show suppression.
//
// Written in bulk: INSERT … SELECT per round and per question, a fixed number
// of statements per cohort whatever its size (scale 100: ~200 finished
// cohorts). Idempotent: a round that exists is left as it is.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "surveys/definition.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"

namespace crm::demo {

namespace {

using ll = long long;
constexpr int kSurveySchema = 11;  // migrations/0011_surveys.sql
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

struct RoundSpec {
  std::string audience = "cohort", phase;
  int64_t cohort = 0, session = 0;
  long months_after = 0;
  int64_t opens = 0, closes = 0;
  std::string who;  // condition on enrolment e
  int rate = 8;     // of 10 answer
  int salt = 0;
};

// Makes the round with its invitations and responses and returns its id; 0
// when it was there already (nothing is written).
int64_t make_round(db::Session& db, const DemoSurvey& s, const RoundSpec& r, int64_t now) {
  ll sid = s.id, c = r.cohort, sess = r.session, months = r.months_after, o = r.opens,
     cl = r.closes, id = 0;
  soci::indicator sess_ind = r.session ? soci::i_ok : soci::i_null;
  soci::indicator months_ind = r.months_after ? soci::i_ok : soci::i_null;
  db.sql() << "SELECT COUNT(*) FROM survey_round WHERE survey_id = :s AND cohort_id = :c AND "
              "audience = :a AND phase = :ph AND COALESCE(session_id, 0) = :sess",
      soci::use(sid), soci::use(c), soci::use(r.audience), soci::use(r.phase), soci::use(sess),
      soci::into(id);
  if (id > 0) return 0;
  db.sql() << "INSERT INTO survey_round (survey_id, audience, cohort_id, session_id, months_after, "
              "phase, opens_at, closes_at, reminder_days, created_at) VALUES (:s, :a, :c, :sess, "
              ":m, :ph, :o, :cl, 7, :t) RETURNING id",
      soci::use(sid), soci::use(r.audience), soci::use(c), soci::use(sess, sess_ind),
      soci::use(months, months_ind), soci::use(r.phase), soci::use(o), soci::use(cl), soci::use(o),
      soci::into(id);
  const std::string round = std::to_string(id);
  const std::string answers =
      "((p.id * 13 + " + std::to_string(r.salt) + ") % 10) < " + std::to_string(r.rate);
  const std::string people =
      " FROM enrolment e JOIN person p ON p.id = e.person_id "
      "LEFT JOIN organisation org ON org.id = p.organisation_id "
      "WHERE e.cohort_id = " +
      std::to_string(r.cohort) + " AND e.role = 'participant' AND " + r.who;
  db.sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, sent_at, "
              "reminded_at, answered) SELECT " +
                  round + ", p.id, 'demo-' || CAST(" + round +
                  " AS TEXT) || '-' || CAST(p.id AS TEXT), " + std::to_string(r.opens) + ", " +
                  std::to_string(r.opens) + ", NULL, CASE WHEN " + answers + " THEN 1 ELSE 0 END" +
                  people;
  const int64_t day = std::min(r.opens, now) / kDay;
  const int64_t last = std::min(r.closes, now) / kDay;
  const int64_t span = std::max<int64_t>(1, last - day + 1);
  db.sql() << "INSERT INTO survey_response (round_id, version_id, person_id, language, page, "
              "submitted_on, cohort_id, country, gender, organisation_type) SELECT " +
                  round + ", " + std::to_string(s.version.id) + ", " +
                  (s.anonymous ? "NULL" : "p.id") + ", 'en', 0, (" + std::to_string(day) +
                  " + (p.id % " + std::to_string(span) + ")) * " + std::to_string(kDay) +
                  ", e.cohort_id, p.country, CASE WHEN COALESCE(p.gender, '') = '' THEN "
                  "'not_given' WHEN p.gender IN ('female', 'male', 'prefer_not_to_say') THEN "
                  "p.gender ELSE 'self_described' END, COALESCE(org.type, '')" +
                  people + " AND " + answers;
  return id;
}

// The answers of every response of `round`: one statement per question.
void answer(db::Session& db, const DemoSurvey& s, int64_t round, bool post) {
  const std::string from = " FROM survey_response r WHERE r.round_id = " + std::to_string(round);
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
            ", NULL, NULL" + from;
    } else if (q.type == "multiple") {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT r.id, " + qid + ", '', " + quoted(names[i]) + ", NULL, NULL" + from +
               " AND ((" + seed + " * 7 + " + std::to_string(i * 3) + ") % 5) < 2";
      }
    } else if (q.type == "matrix") {
      for (std::size_t i = 0; i < q.rows.size(); ++i) {
        // Before: the lower half of the scale; after: 0 to 2 points higher.
        std::string before = "((" + seed + " * 7 + " + std::to_string(i * 3) + ") % 3)";
        std::string index =
            post ? before + " + ((" + seed + " * 5 + " + std::to_string(i * 11) + ") % 3)" : before;
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT r.id, " + qid + ", " + quoted(q.rows[i].name) + ", " +
               indexed_choice(index, names) + ", NULL, NULL" + from;
      }
    } else if (q.type == "text") {
      sql = "SELECT r.id, " + qid + ", '', '', NULL, " + comment_case("r.id + " + qid) + from +
            " AND (r.id % 3) = 0";
    } else if (q.type == "integer" || q.type == "decimal") {
      sql = "SELECT r.id, " + qid + ", '', '', (r.id % 10) + 1, NULL" + from;
    }
    if (sql.empty()) continue;
    db.sql()
        << "INSERT INTO survey_answer (response_id, question_id, item, choice, number, text) " +
               sql;
  }
}

void respond(db::Session& db, const DemoSurvey& s, const RoundSpec& r, int64_t now,
             bool post = false) {
  if (r.opens > now) return;
  int64_t round = make_round(db, s, r, now);
  if (round) answer(db, s, round, post);
}

}  // namespace

void load_survey_responses(db::Session& db, int64_t now) {
  if (db::schema_version(db) < kSurveySchema) return;
  ll programme = 0;
  db.sql() << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme);
  if (!db.sql().got_data() || programme == 0) return;
  struct Finished {
    int64_t id, starts, ends;
  };
  std::vector<Finished> cohorts;
  {
    db::Rows rows = (db.sql().prepare << "SELECT id, starts_on, ends_on FROM cohort WHERE "
                                         "programme_id = :p AND status = 'completed' ORDER BY id",
                     soci::use(programme));
    for (const auto& r : rows)
      cohorts.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2)});
  }
  if (cohorts.empty()) return;
  db::Transaction tx(db);
  auto feedback = survey_of(db, programme, "session_feedback", now);
  auto useful = survey_of(db, programme, "useful", now);
  auto self = survey_of(db, programme, "self_assessment", now);
  auto follow = survey_of(db, programme, "follow_up", now);
  if (!feedback || !useful || !self || !follow) return;
  const std::string taking_part = "e.status IN ('participant', 'graduate')";
  for (const auto& c : cohorts) {
    // Feedback on the first three sessions that took place.
    {
      ll cid = c.id, t = now;
      db::Rows rows = (db.sql().prepare << "SELECT id, ends_at FROM course_session WHERE "
                                           "cohort_id = :c AND ends_at < :t AND status = "
                                           "'scheduled' ORDER BY starts_at, id LIMIT 3",
                       soci::use(cid), soci::use(t));
      std::vector<std::pair<int64_t, int64_t>> sessions;
      for (const auto& r : rows) sessions.emplace_back(db::get_int64(r, 0), db::get_int64(r, 1));
      int salt = 1;
      for (const auto& [session, ends] : sessions) {
        RoundSpec r;
        r.audience = "session";
        r.cohort = c.id;
        r.session = session;
        r.opens = ends;
        r.closes = ends + 14 * kDay;
        r.who = taking_part;
        r.rate = 7;
        r.salt = salt++;
        respond(db, *feedback, r, now);
      }
    }
    RoundSpec end;
    end.cohort = c.id;
    end.opens = c.ends - 7 * kDay;
    end.closes = c.ends + 21 * kDay;
    end.who = taking_part;
    end.rate = 9;
    respond(db, *useful, end, now);

    RoundSpec pre;
    pre.cohort = c.id;
    pre.phase = "pre";
    pre.opens = c.starts - 21 * kDay;
    pre.closes = c.starts;
    pre.who = "e.status IN ('participant', 'graduate', 'withdrawn')";
    pre.rate = 9;
    pre.salt = 5;
    respond(db, *self, pre, now);
    RoundSpec post = end;
    post.phase = "post";
    post.rate = 8;
    post.salt = 5;  // mostly the same people as before
    respond(db, *self, post, now, true);

    RoundSpec later;
    later.audience = "graduates";
    later.cohort = c.id;
    later.months_after = 3;
    later.opens = c.ends + 91 * kDay;
    later.closes = c.ends + 121 * kDay;
    later.who = "e.status = 'graduate'";
    later.rate = 6;
    later.salt = 3;
    respond(db, *follow, later, now);
  }
  // Sent and answered: the versions are frozen.
  ll t = now;
  for (const auto* s : {&*feedback, &*useful, &*self, &*follow}) {
    ll v = s->version.id, sid = s->id;
    db.sql() << "UPDATE survey_version SET frozen_at = :t WHERE id = :v AND frozen_at IS NULL "
                "AND EXISTS (SELECT 1 FROM survey_round WHERE survey_id = :s)",
        soci::use(t), soci::use(v), soci::use(sid);
  }
  tx.commit();
}

}  // namespace crm::demo
