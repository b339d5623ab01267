#include "jobs/store.hpp"

namespace crm::jobs::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

const std::string kColumns =
    "id, kind, payload, idempotency_key, state, attempts, max_attempts, run_at, lease_owner, "
    "lease_until, last_error, progress_done, progress_total, programme_id, account_id, "
    "retried_by, retried_at, created_at, updated_at, finished_at";

Job from_row(const soci::row& r) {
  Job j;
  j.id = db::get_int64(r, 0);
  j.kind = db::get_text(r, 1);
  j.payload = db::get_text(r, 2);
  j.key = db::get_text(r, 3);
  j.state = parse_state(db::get_text(r, 4)).value_or(State::failed);
  j.attempts = static_cast<int>(db::get_int64(r, 5));
  j.max_attempts = static_cast<int>(db::get_int64(r, 6));
  j.run_at = db::get_int64(r, 7);
  j.lease_owner = db::get_text(r, 8);
  j.lease_until = db::get_int64(r, 9);
  j.last_error = db::get_text(r, 10);
  j.progress_done = db::get_int64(r, 11);
  j.progress_total = db::get_int64(r, 12);
  j.programme_id = db::get_int64(r, 13);
  j.account_id = db::get_int64(r, 14);
  j.retried_by = db::get_int64(r, 15);
  j.retried_at = db::get_int64(r, 16);
  j.created_at = db::get_int64(r, 17);
  j.updated_at = db::get_int64(r, 18);
  j.finished_at = db::get_int64(r, 19);
  return j;
}

// The first row of a rowset as a Job. The rowset is read to its end, so no
// statement stays open (SQLite refuses to commit while one is).
std::optional<Job> first(db::Rows& rows) {
  std::optional<Job> out;
  for (const auto& r : rows)
    if (!out) out = from_row(r);
  return out;
}

}  // namespace

std::optional<int64_t> insert(db::Session& db, const NewJob& j, int64_t now) {
  ll id = 0, run_at = j.run_at ? j.run_at : now, t = now, max = j.max_attempts;
  ll programme = j.programme_id, account = j.account_id;
  soci::indicator programme_ind = j.programme_id ? soci::i_ok : soci::i_null;
  soci::indicator account_ind = j.account_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO job (kind, payload, idempotency_key, max_attempts, run_at, "
              "programme_id, account_id, created_at, updated_at) VALUES (:kind, :payload, :key, "
              ":max, :run_at, :programme, :account, :t, :t2) "
              "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
      use(j.kind), use(j.payload), use(j.key), use(max), use(run_at), use(programme, programme_ind),
      use(account, account_ind), use(t), use(t), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

void set_finished(db::Session& db, int64_t id, State state, int attempts, const std::string& error,
                  int64_t progress_done, int64_t progress_total, int64_t finished_at) {
  ll i = id, a = attempts, d = progress_done, n = progress_total, t = finished_at;
  std::string s(state_name(state));
  db.sql()
      << "UPDATE job SET state = :s, attempts = :a, last_error = :e, progress_done = :d, "
         "progress_total = :n, run_at = :t, updated_at = :t2, finished_at = :t3 WHERE id = :id",
      use(s), use(a), use(error), use(d), use(n), use(t), use(t), use(t), use(i);
}

bool any_due(db::Session& db, int64_t now) {
  ll t = now, one = 0;
  db.sql() << "SELECT 1 FROM job WHERE (state = 'queued' AND run_at <= :t) OR (state = 'running' "
              "AND lease_until < :t2) LIMIT 1",
      use(t), use(t), into(one);
  return db.sql().got_data();
}

std::optional<Job> claim(db::Session& db, const std::string& owner, int64_t now,
                         int64_t lease_until) {
  ll t = now, until = lease_until;
  // PostgreSQL: concurrent claims skip the row another one has locked
  // instead of waiting for it and then finding it taken. SQLite has no row
  // locks and needs none: BEGIN IMMEDIATE admits one writer at a time.
  const char* lock = db.backend() == db::Backend::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
  db::Rows rows =
      (db.sql().prepare << "UPDATE job SET state = 'running', lease_owner = :owner, lease_until = "
                           ":until, attempts = attempts + 1, updated_at = :t WHERE id = (SELECT "
                           "id FROM job WHERE (state = 'queued' AND run_at <= :t2) OR (state = "
                           "'running' AND lease_until < :t3) ORDER BY run_at, id LIMIT 1" +
                               std::string(lock) + ") RETURNING " + kColumns,
       use(owner), use(until), use(t), use(t), use(t));
  return first(rows);
}

bool complete(db::Session& db, int64_t id, const std::string& owner, int64_t now) {
  ll i = id, t = now, back = 0;
  db.sql() << "UPDATE job SET state = 'done', lease_owner = '', lease_until = 0, last_error = '', "
              "updated_at = :t, finished_at = :t2 WHERE id = :id AND state = 'running' AND "
              "lease_owner = :owner RETURNING id",
      use(t), use(t), use(i), use(owner), into(back);
  return db.sql().got_data();
}

bool reschedule(db::Session& db, int64_t id, const std::string& owner, int64_t run_at,
                const std::string& error, bool count_attempt, int64_t now) {
  ll i = id, t = now, at = run_at, given_back = count_attempt ? 0 : 1, back = 0;
  db.sql() << "UPDATE job SET state = 'queued', lease_owner = '', lease_until = 0, run_at = :at, "
              "last_error = :error, attempts = attempts - :given_back, updated_at = :t WHERE id = "
              ":id AND state = 'running' AND lease_owner = :owner RETURNING id",
      use(at), use(error), use(given_back), use(t), use(i), use(owner), into(back);
  return db.sql().got_data();
}

bool park(db::Session& db, int64_t id, const std::string& owner, const std::string& error,
          int64_t now) {
  ll i = id, t = now, back = 0;
  db.sql() << "UPDATE job SET state = 'failed', lease_owner = '', lease_until = 0, last_error = "
              ":error, updated_at = :t, finished_at = :t2 WHERE id = :id AND state = 'running' AND "
              "lease_owner = :owner RETURNING id",
      use(error), use(t), use(t), use(i), use(owner), into(back);
  return db.sql().got_data();
}

bool report_progress(db::Session& db, int64_t id, const std::string& owner, int64_t done,
                     int64_t total, int64_t lease_until, int64_t now) {
  ll i = id, d = done, n = total, until = lease_until, t = now, back = 0;
  db.sql() << "UPDATE job SET progress_done = :done, progress_total = :total, lease_until = "
              ":until, updated_at = :t WHERE id = :id AND state = 'running' AND lease_owner = "
              ":owner RETURNING id",
      use(d), use(n), use(until), use(t), use(i), use(owner), into(back);
  return db.sql().got_data();
}

bool retry(db::Session& db, int64_t id, int64_t by_account, int64_t now) {
  ll i = id, by = by_account, t = now, back = 0;
  db.sql() << "UPDATE job SET state = 'queued', run_at = :t, attempts = 0, lease_owner = '', "
              "lease_until = 0, retried_by = :by, retried_at = :t2, updated_at = :t3, finished_at "
              "= NULL WHERE id = :id AND state IN ('failed', 'queued') RETURNING id",
      use(t), use(by), use(t), use(t), use(i), into(back);
  return db.sql().got_data();
}

std::optional<Job> find(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows = (db.sql().prepare << "SELECT " + kColumns + " FROM job WHERE id = :id", use(i));
  return first(rows);
}

std::optional<Job> find_by_key(db::Session& db, const std::string& key) {
  db::Rows rows =
      (db.sql().prepare << "SELECT " + kColumns + " FROM job WHERE idempotency_key = :key",
       use(key));
  return first(rows);
}

std::optional<Job> find_newest_by_key_prefix(db::Session& db, const std::string& kind,
                                             const std::string& key_prefix) {
  // A prefix compared as text, not a LIKE: nothing in it is a wildcard.
  ll n = static_cast<ll>(key_prefix.size());
  db::Rows rows = (db.sql().prepare << "SELECT " + kColumns +
                                           " FROM job WHERE kind = :kind AND "
                                           "substr(idempotency_key, 1, :n) = :prefix "
                                           "ORDER BY id DESC LIMIT 1",
                   use(kind), use(n), use(key_prefix));
  return first(rows);
}

std::vector<Job> list(db::Session& db, std::optional<State> state, long limit, long offset) {
  ll every = state ? 0 : 1, l = limit, o = offset;
  std::string s(state ? state_name(*state) : "");
  db::Rows rows =
      (db.sql().prepare << "SELECT " + kColumns +
                               " FROM job WHERE (CAST(:every AS BIGINT) = 1 OR state = :state) "
                               "ORDER BY updated_at DESC, id DESC LIMIT :l OFFSET :o",
       use(every), use(s), use(l), use(o));
  std::vector<Job> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

JobList count_by_state(db::Session& db) {
  JobList out;
  db::Rows rows = (db.sql().prepare << "SELECT state, COUNT(*) FROM job GROUP BY state");
  for (const auto& r : rows) {
    auto state = parse_state(db::get_text(r, 0));
    long n = static_cast<long>(db::get_int64(r, 1));
    if (!state) continue;
    switch (*state) {
      case State::queued:
        out.queued = n;
        break;
      case State::running:
        out.running = n;
        break;
      case State::failed:
        out.failed = n;
        break;
      case State::done:
        out.done = n;
        break;
    }
  }
  out.total = out.queued + out.running + out.failed + out.done;
  return out;
}

long delete_done_before(db::Session& db, int64_t before) {
  ll t = before;
  db::Rows rows =
      (db.sql().prepare << "DELETE FROM job WHERE state = 'done' AND finished_at < :t RETURNING id",
       use(t));
  long n = 0;
  for (const auto& r : rows) {
    (void)r;
    ++n;
  }
  return n;
}

std::optional<auth::Actor> find_actor(db::Session& db, int64_t account_id) {
  ll i = account_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT id, role, name, email, language, time_zone FROM account WHERE "
                           "id = :id AND disabled = 0",
       use(i));
  std::optional<auth::Actor> out;
  for (const auto& r : rows) {
    auto role = auth::parse_role(db::get_text(r, 1));
    if (!role) continue;
    auth::Actor a;
    a.id = db::get_int64(r, 0);
    a.role = *role;
    a.name = db::get_text(r, 2);
    a.email = db::get_text(r, 3);
    a.language = db::get_text(r, 4);
    a.time_zone = db::get_text(r, 5);
    out = std::move(a);
  }
  return out;
}

}  // namespace crm::jobs::store
