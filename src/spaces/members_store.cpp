#include "spaces/members_store.hpp"

#include "db/like.hpp"

namespace crm::spaces::members_store {

namespace {
using soci::into;
using soci::use;
using ll = long long;
}  // namespace

std::vector<MemberRow> members(db::Session& db, int64_t space_id) {
  ll s = space_id, s2 = space_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT m.account_id, a.name, MAX(m.moderator), "
              "CASE WHEN EXISTS (SELECT 1 FROM space_member h WHERE h.space_id = :s AND "
              "h.account_id = m.account_id) THEN 'hand' WHEN EXISTS (SELECT 1 FROM "
              "programme_staff ps JOIN space sp ON sp.programme_id = ps.programme_id WHERE "
              "sp.id = :s2 AND ps.account_id = m.account_id) THEN 'team' WHEN MAX(sp2.kind) = "
              "'alumni' THEN 'alumni' ELSE 'cohort' END "
              "FROM space_membership m JOIN account a ON a.id = m.account_id JOIN space sp2 ON "
              "sp2.id = m.space_id WHERE m.space_id = :s3 GROUP BY m.account_id, a.name "
              "ORDER BY a.name, m.account_id",
       use(s), use(s2), use(s));
  std::vector<MemberRow> out;
  for (const auto& r : rows)
    out.push_back(
        {db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 3), db::get_int64(r, 2) != 0});
  return out;
}

bool on_team(db::Session& db, int64_t programme_id, int64_t account_id) {
  ll p = programme_id, a = account_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM programme_staff WHERE programme_id = :p AND account_id = :a",
      use(p), use(a), into(n);
  return n > 0;
}

namespace {

// The accounts of programme :p (enrolled in a cohort, or on the team) not
// added to space :s by hand.
constexpr const char* kCandidates =
    "SELECT a.id, a.name FROM account a WHERE (EXISTS (SELECT 1 FROM person pe JOIN "
    "enrolment e ON e.person_id = pe.id JOIN cohort c ON c.id = e.cohort_id WHERE "
    "pe.account_id = a.id AND pe.merged_into IS NULL AND c.programme_id = :p) OR "
    "EXISTS (SELECT 1 FROM programme_staff ps WHERE ps.account_id = a.id AND "
    "ps.programme_id = :p2)) AND NOT EXISTS (SELECT 1 FROM space_member h WHERE "
    "h.space_id = :s AND h.account_id = a.id) ";

std::vector<Candidate> candidates_of(db::Rows& rows) {
  std::vector<Candidate> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

}  // namespace

std::vector<Candidate> candidates(db::Session& db, int64_t programme_id, int64_t space_id,
                                  std::optional<int64_t> only_account) {
  ll p = programme_id, p2 = programme_id, s = space_id, only = only_account.value_or(0);
  db::Rows rows = (db.sql().prepare << std::string(kCandidates) +
                                           "AND (:o = 0 OR a.id = :o2) ORDER BY a.name, a.id",
                   use(p), use(p2), use(s), use(only), use(only));
  return candidates_of(rows);
}

std::vector<Candidate> candidates_named(db::Session& db, int64_t programme_id, int64_t space_id,
                                        const std::string& name, size_t limit) {
  ll p = programme_id, p2 = programme_id, s = space_id, n = static_cast<ll>(limit);
  std::string pattern = db::like_contains(name);
  db::Rows rows =
      (db.sql().prepare << std::string(kCandidates) + "AND LOWER(a.name) LIKE LOWER(:q)" +
                               db::kLikeEscape + " ORDER BY a.name, a.id LIMIT :n",
       use(p), use(p2), use(s), use(pattern), use(n));
  return candidates_of(rows);
}

void add(db::Session& db, int64_t space_id, int64_t account_id, const std::string& role,
         int64_t now) {
  ll s = space_id, a = account_id, n = now;
  db.sql() << "INSERT INTO space_member (space_id, account_id, role, added_at) VALUES (:s, :a, "
              ":r, :n)",
      use(s), use(a), use(role), use(n);
}

bool remove(db::Session& db, int64_t space_id, int64_t account_id) {
  ll s = space_id, a = account_id;
  db.sql() << "DELETE FROM space_member WHERE space_id = :s AND account_id = :a", use(s), use(a);
  return db.sql().affected_rows() > 0;
}

}  // namespace crm::spaces::members_store
