#include "reports/store.hpp"

#include "surveys/store.hpp"

namespace crm::reports::store {

using ll = long long;
using soci::use;

namespace {

// Participants present at least once at a session of their cohort starting
// in [:f, :t), of programme :p.
constexpr const char* kAttended =
    "FROM enrolment e "
    "JOIN cohort c ON c.id = e.cohort_id "
    "JOIN person pe ON pe.id = e.person_id "
    "LEFT JOIN organisation o ON o.id = pe.organisation_id "
    "JOIN course_session s ON s.cohort_id = e.cohort_id "
    "JOIN attendance a ON a.session_id = s.id AND a.person_id = e.person_id "
    "WHERE c.programme_id = :p AND e.role = 'participant' "
    "AND e.status IN ('admitted', 'participant', 'graduate') "
    "AND a.status = 'present' AND s.starts_at >= :f AND s.starts_at < :t ";

// Participants of programme :p present at least once at a session of their
// cohort starting in [:f, :t), tested per enrolment (an index look-up per
// enrolment, not a join over every attendance).
constexpr const char* kPresentParticipant =
    "FROM enrolment e "
    "JOIN cohort c ON c.id = e.cohort_id "
    "JOIN person pe ON pe.id = e.person_id "
    "LEFT JOIN organisation o ON o.id = pe.organisation_id "
    "WHERE c.programme_id = :p AND e.role = 'participant' "
    "AND e.status IN ('admitted', 'participant', 'graduate') "
    "AND EXISTS (SELECT 1 FROM course_session s "
    "JOIN attendance a ON a.session_id = s.id AND a.person_id = e.person_id "
    "WHERE s.cohort_id = e.cohort_id AND a.status = 'present' "
    "AND s.starts_at >= :f AND s.starts_at < :t) ";

Tally tally_of(const soci::row& r, std::size_t first) {
  Tally x;
  x.cohort_id = db::get_int64(r, first);
  x.country = db::get_text(r, first + 1);
  x.gender = db::get_text(r, first + 2);
  x.organisation_type = db::get_text(r, first + 3);
  x.count = static_cast<long>(db::get_int64(r, first + 4));
  return x;
}

}  // namespace

std::vector<Tally> count_attendance(db::Session& db, int64_t programme_id, int64_t from_at,
                                    int64_t to_end) {
  ll p = programme_id, f = from_at, t = to_end;
  db::Rows rows = (db.sql().prepare << std::string("SELECT e.cohort_id, pe.country, pe.gender, "
                                                   "o.type, COUNT(DISTINCT e.person_id) ") +
                                           kPresentParticipant +
                                           "GROUP BY e.cohort_id, pe.country, pe.gender, o.type",
                   use(p), use(f), use(t));
  std::vector<Tally> out;
  for (const auto& r : rows) out.push_back(tally_of(r, 0));
  return out;
}

std::vector<Tally> count_attendance_total(db::Session& db, int64_t programme_id, int64_t from_at,
                                          int64_t to_end) {
  ll p = programme_id, f = from_at, t = to_end;
  db::Rows rows =
      (db.sql().prepare << std::string("SELECT 0, pe.country, pe.gender, o.type, "
                                       "COUNT(DISTINCT e.person_id) ") +
                               kPresentParticipant + "GROUP BY pe.country, pe.gender, o.type",
       use(p), use(f), use(t));
  std::vector<Tally> out;
  for (const auto& r : rows) out.push_back(tally_of(r, 0));
  return out;
}

std::vector<Record> list_attendance(db::Session& db, int64_t programme_id, int64_t from_at,
                                    int64_t to_end, int64_t cohort_id) {
  ll p = programme_id, f = from_at, t = to_end, c = cohort_id, c2 = cohort_id;
  db::Rows rows =
      (db.sql().prepare << std::string("SELECT e.person_id, e.cohort_id, pe.name, pe.country, "
                                       "pe.gender, o.type, COUNT(DISTINCT s.id) ") +
                               kAttended +
                               "AND (:c = 0 OR e.cohort_id = :c2) "
                               "GROUP BY e.person_id, e.cohort_id, pe.name, pe.country, "
                               "pe.gender, o.type ORDER BY e.cohort_id, pe.name, e.person_id",
       use(p), use(f), use(t), use(c), use(c2));
  std::vector<Record> out;
  for (const auto& r : rows) {
    Record x;
    x.key = x.person_id = db::get_int64(r, 0);
    x.cohort_id = db::get_int64(r, 1);
    x.person_name = db::get_text(r, 2);
    x.country = db::get_text(r, 3);
    x.gender = db::get_text(r, 4);
    x.organisation_type = db::get_text(r, 5);
    x.sessions = static_cast<long>(db::get_int64(r, 6));
    out.push_back(std::move(x));
  }
  return out;
}

namespace {

// Per submitted response of programme :p dated in [:f, :t] and indicator of
// its version: answered (0/1) and positive (0/1).
constexpr const char* kPerResponse =
    "FROM survey_response r "
    "JOIN survey_round rd ON rd.id = r.round_id "
    "JOIN survey sv ON sv.id = rd.survey_id "
    "JOIN survey_question q ON q.version_id = r.version_id AND q.indicator IS NOT NULL "
    "LEFT JOIN survey_answer a ON a.response_id = r.id AND a.question_id = q.id "
    "LEFT JOIN survey_choice ch ON ch.question_id = q.id AND ch.role = 'choice' "
    "AND ch.name = a.choice ";
constexpr const char* kSubmittedIn =
    "WHERE sv.programme_id = :p AND r.submitted_on IS NOT NULL "
    "AND r.submitted_on >= :f AND r.submitted_on <= :t ";

}  // namespace

std::vector<ResponseTally> count_indicator_responses(db::Session& db, int64_t programme_id,
                                                     int64_t from_day, int64_t to_day) {
  ll p = programme_id, f = from_day, t = to_day;
  // survey_indicator_answer holds a row per response and indicator; its
  // index is in this GROUP BY's order, so the count reads it once, in order,
  // and never touches an answer (migration 0029).
  db::Rows rows =
      (db.sql().prepare << "SELECT cohort_id, country, gender, organisation_type, COUNT(*), "
                           "SUM(positive), indicator, audience, months_after "
                           "FROM survey_indicator_answer "
                           "WHERE programme_id = :p AND submitted_on >= :f AND submitted_on <= :t "
                           "GROUP BY cohort_id, country, gender, organisation_type, indicator, "
                           "audience, months_after",
       use(p), use(f), use(t));
  std::vector<ResponseTally> out;
  for (const auto& r : rows) {
    ResponseTally x;
    x.tally = tally_of(r, 0);
    x.positive = static_cast<long>(db::get_int64(r, 5));
    x.indicator = db::get_text(r, 6);
    x.audience = db::get_text(r, 7);
    x.months_after = static_cast<long>(db::get_int64(r, 8));
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<IndicatorResponse> list_indicator_responses(db::Session& db, int64_t programme_id,
                                                        int64_t from_day, int64_t to_day,
                                                        int64_t cohort_id) {
  ll p = programme_id, f = from_day, t = to_day, c = cohort_id, c2 = cohort_id;
  // The person's name only for identified surveys: an anonymous response has
  // no person_id, and the join says so once more.
  db::Rows rows =
      (db.sql().prepare << std::string("SELECT r.id, COALESCE(r.cohort_id, rd.cohort_id), "
                                       "r.person_id, pe.name, r.country, r.gender, "
                                       "r.organisation_type, rd.id, sv.id, sv.anonymous, "
                                       "q.indicator, rd.audience, rd.months_after, "
                                       "COUNT(a.question_id), MAX(ch.positive) ") +
                               kPerResponse +
                               "LEFT JOIN person pe ON pe.id = r.person_id AND sv.anonymous = 0 " +
                               kSubmittedIn +
                               "AND (:c = 0 OR COALESCE(r.cohort_id, rd.cohort_id) = :c2) "
                               "GROUP BY r.id, r.cohort_id, rd.cohort_id, r.person_id, pe.name, "
                               "r.country, r.gender, r.organisation_type, rd.id, sv.id, "
                               "sv.anonymous, q.indicator, rd.audience, rd.months_after "
                               "ORDER BY r.id, q.indicator",
       use(p), use(f), use(t), use(c), use(c2));
  std::vector<IndicatorResponse> out;
  for (const auto& r : rows) {
    IndicatorResponse x;
    x.record.key = db::get_int64(r, 0);
    x.record.cohort_id = db::get_int64(r, 1);
    x.record.anonymous = db::get_int64(r, 9) != 0;
    if (!x.record.anonymous) {
      x.record.person_id = db::get_int64(r, 2);
      x.record.person_name = db::get_text(r, 3);
    }
    x.record.country = db::get_text(r, 4);
    x.record.gender = db::get_text(r, 5);
    x.record.organisation_type = db::get_text(r, 6);
    x.record.round_id = db::get_int64(r, 7);
    x.record.survey_id = db::get_int64(r, 8);
    x.indicator = db::get_text(r, 10);
    x.audience = db::get_text(r, 11);
    x.months_after = static_cast<long>(db::get_int64(r, 12));
    x.answered = db::get_int64(r, 13) > 0;
    x.positive = db::get_int64(r, 14) > 0;
    out.push_back(std::move(x));
  }
  return out;
}

std::map<int64_t, std::string> survey_titles(db::Session& db, int64_t programme_id,
                                             const std::string& language) {
  ll p = programme_id;
  std::string wl = language, tl = language;
  // The staff pages' title (surveys/staff_title.hpp): the newest version's
  // in the reader's language, else the working title.
  db::Rows rows =
      (db.sql().prepare << std::string("SELECT s.id, ") + surveys::store::kStaffTitleColumns +
                               " FROM survey s" + surveys::store::kStaffTitleJoins +
                               "WHERE s.programme_id = :p",
       use(wl), use(tl), use(p));
  std::map<int64_t, std::string> out;
  for (const auto& r : rows) out[db::get_int64(r, 0)] = surveys::store::staff_title_at(r, 1).shown;
  return out;
}

std::vector<Asked> list_asked(db::Session& db, int64_t programme_id, int64_t from_at,
                              int64_t to_end) {
  ll p = programme_id, f = from_at, t = to_end;
  // Invitations counted per round first (an index range per round), then
  // once per indicator the round's survey asks about.
  db::Rows rows =
      (db.sql().prepare << "SELECT qi.indicator, rd.audience, rd.months_after, rd.cohort_id, "
                           "SUM(x.n) FROM (SELECT i.round_id AS round_id, COUNT(*) AS n "
                           "FROM survey sv JOIN survey_round rd ON rd.survey_id = sv.id "
                           "JOIN survey_invitation i ON i.round_id = rd.id "
                           "WHERE sv.programme_id = :p AND i.sent_at IS NOT NULL "
                           "AND rd.opens_at < :t AND rd.closes_at >= :f "
                           "GROUP BY i.round_id) x "
                           "JOIN survey_round rd ON rd.id = x.round_id "
                           "JOIN (SELECT DISTINCT v.survey_id, q.indicator FROM survey_version v "
                           "JOIN survey_question q ON q.version_id = v.id "
                           "WHERE q.indicator IS NOT NULL) qi ON qi.survey_id = rd.survey_id "
                           "GROUP BY qi.indicator, rd.audience, rd.months_after, rd.cohort_id",
       use(p), use(t), use(f));
  std::vector<Asked> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), static_cast<long>(db::get_int64(r, 2)),
                   db::get_int64(r, 3), static_cast<long>(db::get_int64(r, 4))});
  return out;
}

}  // namespace crm::reports::store
