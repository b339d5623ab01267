#include "admissions/decision_store.hpp"

namespace crm::admissions::decision_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

std::optional<int64_t> opt(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return db::get_int64(r, i);
}

}  // namespace

std::vector<DecisionRow> decisions(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT a.id, a.person_id, COALESCE(p.account_id, 0), a.status, a.decision, "
              "a.language, p.name, COALESCE(NULLIF(p.email, ''), ac.email, ''), a.decided_at, "
              "a.waiting_rank, a.confirm_by, a.confirmed_at, a.declined_at FROM application a "
              "JOIN person p ON p.id = a.person_id LEFT JOIN account ac ON ac.id = p.account_id "
              "WHERE a.call_id = :c AND a.status IN ('submitted', 'withdrawn') AND "
              "a.submitted_at IS NOT NULL ORDER BY a.id",
       use(c));
  std::vector<DecisionRow> out;
  for (const auto& r : rows) {
    DecisionRow d;
    d.id = db::get_int64(r, 0);
    d.person_id = db::get_int64(r, 1);
    d.account_id = db::get_int64(r, 2);
    d.status = db::get_text(r, 3);
    d.decision = db::get_text(r, 4);
    d.language = db::get_text(r, 5);
    d.name = db::get_text(r, 6);
    d.email = db::get_text(r, 7);
    d.decided_at = opt(r, 8);
    d.waiting_rank = opt(r, 9);
    d.confirm_by = opt(r, 10);
    d.confirmed_at = opt(r, 11);
    d.declined_at = opt(r, 12);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<CallFacts> call_facts(db::Session& db, int64_t call_id) {
  ll c = call_id, programme = 0, cohort = 0;
  CallFacts f;
  db.sql() << "SELECT programme_id, cohort_id, status, time_zone FROM call WHERE id = :c", use(c),
      into(programme), into(cohort), into(f.status), into(f.time_zone);
  if (!db.sql().got_data()) return std::nullopt;
  f.programme_id = programme;
  f.cohort_id = cohort;
  return f;
}

bool set_decision(db::Session& db, int64_t call_id, int64_t application_id,
                  const std::string& decision, std::optional<int64_t> waiting_rank,
                  std::optional<int64_t> confirm_by, int64_t now) {
  ll c = call_id, a = application_id, rank = waiting_rank.value_or(0), by = confirm_by.value_or(0),
     t = now;
  soci::indicator rank_ind = waiting_rank ? soci::i_ok : soci::i_null;
  soci::indicator by_ind = confirm_by ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE application SET decision = :d, waiting_rank = :r, confirm_by = :b, "
              "updated_at = :t WHERE id = :a AND call_id = :c AND status = 'submitted' AND "
              "decided_at IS NULL",
      use(decision), use(rank, rank_ind), use(by, by_ind), use(t), use(a), use(c);
  return db.sql().affected_rows() == 1;
}

bool accept_from_waiting_list(db::Session& db, int64_t call_id, int64_t application_id,
                              int64_t confirm_by, int64_t now) {
  ll c = call_id, a = application_id, by = confirm_by, t = now, t2 = now;
  db.sql() << "UPDATE application SET decision = 'accepted', waiting_rank = NULL, confirm_by = :b, "
              "decided_at = :t, updated_at = :t2 WHERE id = :a AND call_id = :c AND status = "
              "'submitted' AND decision = 'waiting' AND decided_at IS NOT NULL",
      use(by), use(t), use(t2), use(a), use(c);
  return db.sql().affected_rows() == 1;
}

long mark_sent(db::Session& db, int64_t call_id, int64_t now) {
  ll c = call_id, t = now, t2 = now;
  db.sql() << "UPDATE application SET decided_at = :t, updated_at = :t2 WHERE call_id = :c AND "
              "status = 'submitted' AND decision <> '' AND decided_at IS NULL",
      use(t), use(t2), use(c);
  return static_cast<long>(db.sql().affected_rows());
}

void set_call_status(db::Session& db, int64_t call_id, const std::string& status, int64_t now) {
  ll c = call_id, t = now;
  db.sql() << "UPDATE call SET status = :s, updated_at = :t WHERE id = :c", use(status), use(t),
      use(c);
}

bool set_confirmed(db::Session& db, int64_t application_id, int64_t now) {
  ll a = application_id, t = now, t2 = now, t3 = now;
  db.sql() << "UPDATE application SET confirmed_at = :t, updated_at = :t2 WHERE id = :a AND "
              "status = 'submitted' AND decision = 'accepted' AND decided_at IS NOT NULL AND "
              "confirmed_at IS NULL AND declined_at IS NULL AND confirm_by > :t3",
      use(t), use(t2), use(a), use(t3);
  return db.sql().affected_rows() == 1;
}

bool set_declined(db::Session& db, int64_t application_id, int64_t now) {
  ll a = application_id, t = now, t2 = now;
  db.sql() << "UPDATE application SET declined_at = :t, updated_at = :t2 WHERE id = :a AND "
              "status = 'submitted' AND decision = 'accepted' AND decided_at IS NOT NULL AND "
              "confirmed_at IS NULL AND declined_at IS NULL",
      use(t), use(t2), use(a);
  return db.sql().affected_rows() == 1;
}

std::vector<int64_t> expired(db::Session& db, int64_t call_id, int64_t now) {
  ll c = call_id, t = now;
  db::Rows rows =
      (db.sql().prepare << "SELECT id FROM application WHERE call_id = :c AND status = 'submitted' "
                           "AND decision = 'accepted' AND decided_at IS NOT NULL AND confirmed_at "
                           "IS NULL AND declined_at IS NULL AND confirm_by <= :t ORDER BY id",
       use(c), use(t));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

std::vector<TemplateRow> templates(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT kind, language, subject, body FROM "
                                       "decision_template WHERE call_id = :c ORDER BY kind, "
                                       "language",
                   use(c));
  std::vector<TemplateRow> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  return out;
}

void upsert_template(db::Session& db, int64_t call_id, const TemplateRow& t) {
  ll c = call_id;
  db.sql() << "INSERT INTO decision_template (call_id, kind, language, subject, body) VALUES "
              "(:c, :k, :l, :s, :b) ON CONFLICT (call_id, kind, language) DO UPDATE SET subject "
              "= excluded.subject, body = excluded.body",
      use(c), use(t.kind), use(t.language), use(t.subject), use(t.body);
}

void delete_template(db::Session& db, int64_t call_id, const std::string& kind,
                     const std::string& language) {
  ll c = call_id;
  db.sql() << "DELETE FROM decision_template WHERE call_id = :c AND kind = :k AND language = :l",
      use(c), use(kind), use(language);
}

std::optional<int64_t> participant_enrolment(db::Session& db, int64_t person_id,
                                             int64_t cohort_id) {
  ll p = person_id, c = cohort_id, id = 0;
  db.sql() << "SELECT id FROM enrolment WHERE person_id = :p AND cohort_id = :c AND role = "
              "'participant'",
      use(p), use(c), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

void set_enrolment_status(db::Session& db, int64_t enrolment_id, const std::string& status) {
  ll e = enrolment_id;
  db.sql() << "UPDATE enrolment SET status = :s WHERE id = :e", use(status), use(e);
}

std::string account_role(db::Session& db, int64_t account_id) {
  ll a = account_id;
  std::string role;
  db.sql() << "SELECT role FROM account WHERE id = :a", use(a), into(role);
  if (!db.sql().got_data()) return {};
  return role;
}

void set_account_role(db::Session& db, int64_t account_id, const std::string& role) {
  ll a = account_id;
  db.sql() << "UPDATE account SET role = :r WHERE id = :a", use(role), use(a);
}

}  // namespace crm::admissions::decision_store
