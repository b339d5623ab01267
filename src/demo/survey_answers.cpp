// "My surveys" for the demo: the three-month follow-up open for the demo
// participant's cohort, so that the participant finds it under /my/surveys
// and can answer it. Uses a follow-up survey of the programme when other
// demo code made one (read from the database), else starts one from the
// built-in instrument. Idempotent: an open round of that survey for the
// cohort, and the participant's invitation in it, are made once.
#include "auth/tokens.hpp"
#include "demo/demo.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"
#include "surveys/links.hpp"

namespace crm::demo {

namespace {
constexpr int64_t kDay = 86400;
}  // namespace

void load_survey_invitations(db::Session& db, int64_t now) {
  using ll = long long;
  db::Transaction tx(db);
  ll person = 0, cohort = 0, programme = 0;
  {
    db::Rows rows =
        (db.sql().prepare
         << "SELECT p.id, e.cohort_id, c.programme_id FROM person p JOIN account a ON a.id = "
            "p.account_id JOIN enrolment e ON e.person_id = p.id AND e.role = 'participant' JOIN "
            "cohort c ON c.id = e.cohort_id WHERE a.email = 'participant@demo.crm.example' ORDER "
            "BY e.id LIMIT 1");
    for (const auto& r : rows) {
      person = db::get_int64(r, 0);
      cohort = db::get_int64(r, 1);
      programme = db::get_int64(r, 2);
    }
  }
  if (!person) return;
  ll survey = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM survey WHERE programme_id = :p AND kind = "
              "'follow_up' AND archived_at IS NULL",
      soci::use(programme), soci::into(survey);
  if (!survey) {
    auto d = surveys::instrument("follow_up");
    if (!d) return;
    surveys::Survey s;
    s.programme_id = programme;
    s.kind = "follow_up";
    s.title = d->title.at("en");
    s.anonymous = surveys::instrument_is_anonymous("follow_up");
    s.created_at = now - 10 * kDay;
    survey = surveys::store::insert_survey(db, s);
    surveys::store::insert_version(db, survey, 1, "instrument", *d, now - 10 * kDay);
  }
  ll round = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM survey_round WHERE survey_id = :s AND cohort_id = "
              ":c AND cancelled_at IS NULL AND closes_at > :t",
      soci::use(survey), soci::use(cohort), soci::use(now), soci::into(round);
  if (!round) {
    ll opens = now - 2 * kDay, closes = now + 28 * kDay, created = now - 2 * kDay;
    db.sql() << "INSERT INTO survey_round (survey_id, audience, cohort_id, opens_at, closes_at, "
                "reminder_days, created_at) VALUES (:s, 'cohort', :c, :o, :cl, 7, :t) RETURNING id",
        soci::use(survey), soci::use(cohort), soci::use(opens), soci::use(closes),
        soci::use(created), soci::into(round);
  }
  ll invited = 0;
  db.sql() << "SELECT COUNT(*) FROM survey_invitation WHERE round_id = :r AND person_id = :p",
      soci::use(round), soci::use(person), soci::into(invited);
  if (!invited) {
    // The link went by mail; nobody keeps the token (only its digest).
    const std::string hash = surveys::invitation_hash(auth::random_token());
    ll sent = now - 2 * kDay;
    db.sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, "
                "sent_at) VALUES (:r, :p, :h, :s, :s2)",
        soci::use(round), soci::use(person), soci::use(hash), soci::use(sent), soci::use(sent);
  }
  tx.commit();
}

}  // namespace crm::demo
