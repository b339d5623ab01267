#include "admissions/review_store.hpp"

namespace crm::admissions::review_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

std::optional<int64_t> opt(const soci::row& r, size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return db::get_int64(r, i);
}

// The call's title in :l1, else English, else the first written.
std::string title_sql(const char* call_col, const char* bind) {
  return std::string("COALESCE((SELECT t.title FROM call_text t WHERE t.call_id = ") + call_col +
         " AND t.language = :" + bind +
         "), (SELECT t.title FROM call_text t WHERE t.call_id = " + call_col +
         " AND t.language = 'en'), (SELECT MIN(t.title) FROM call_text t WHERE " +
         "t.call_id = " + call_col + "), '')";
}

constexpr const char* kAssignmentCols =
    "ra.id, ra.application_id, ra.account_id, ra.stage, ra.assigned_at, ra.due_at, "
    "ra.submitted_at, ra.reminded_at";

Assignment assignment_of(const soci::row& r, size_t i) {
  Assignment a;
  a.id = db::get_int64(r, i);
  a.application_id = db::get_int64(r, i + 1);
  a.account_id = db::get_int64(r, i + 2);
  a.stage = static_cast<int>(db::get_int64(r, i + 3));
  a.assigned_at = db::get_int64(r, i + 4);
  a.due_at = opt(r, i + 5);
  a.submitted_at = opt(r, i + 6);
  a.reminded_at = opt(r, i + 7);
  return a;
}

}  // namespace

std::optional<CallInfo> find_call(db::Session& db, int64_t call_id, const std::string& language) {
  soci::row r;
  ll id = call_id;
  db.sql() << "SELECT c.id, c.programme_id, c.status, c.blind_fields, " + title_sql("c.id", "l") +
                  ", c.conflict_same_country, c.second_stage, c.reviewers_per_application, "
                  "c.review_due_at, c.closes_at FROM call c WHERE c.id = :id",
      use(language), use(id), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  CallInfo c;
  c.id = db::get_int64(r, 0);
  c.programme_id = db::get_int64(r, 1);
  c.status = db::get_text(r, 2);
  c.blind_fields = db::get_text(r, 3);
  c.title = db::get_text(r, 4);
  c.same_country = db::get_int64(r, 5) != 0;
  c.second_stage = db::get_int64(r, 6) != 0;
  c.per_application = static_cast<long>(db::get_int64(r, 7));
  c.review_due_at = opt(r, 8);
  c.closes_at = db::get_int64(r, 9);
  return c;
}

std::vector<ReviewerRow> reviewers(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT a.id, a.name, a.email, a.role, a.language, "
                                       "r.organisation_name, r.country, r.invited_at FROM "
                                       "call_reviewer r JOIN account a ON a.id = r.account_id "
                                       "WHERE r.call_id = :c ORDER BY a.name, a.id",
                   use(c));
  std::vector<ReviewerRow> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_text(r, 4), db::get_text(r, 5), db::get_text(r, 6),
                   db::get_int64(r, 7)});
  return out;
}

bool is_reviewer(db::Session& db, int64_t call_id, int64_t account_id) {
  ll c = call_id, a = account_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM call_reviewer WHERE call_id = :c AND account_id = :a", use(c),
      use(a), into(n);
  return n > 0;
}

std::optional<AccountRef> account_by_email(db::Session& db, const std::string& email) {
  soci::row r;
  db.sql() << "SELECT id, role, disabled FROM account WHERE LOWER(email) = LOWER(:e)", use(email),
      into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return AccountRef{db::get_int64(r, 0), db::get_text(r, 1), db::get_int64(r, 2) != 0};
}

std::vector<InvitedReviewer> invited_reviewers(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT i.email, i.organisation_name, i.country, "
                                       "i.invited_at, a.id, a.role, a.disabled FROM "
                                       "call_reviewer_invitation i LEFT JOIN account a ON "
                                       "LOWER(a.email) = i.email WHERE i.call_id = :c ORDER BY "
                                       "i.invited_at, i.email",
                   use(c));
  std::vector<InvitedReviewer> out;
  for (const auto& r : rows) {
    InvitedReviewer i{db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2),
                      db::get_int64(r, 3), std::nullopt};
    if (auto id = opt(r, 4))
      i.account = AccountRef{*id, db::get_text(r, 5), db::get_int64(r, 6) != 0};
    out.push_back(std::move(i));
  }
  return out;
}

void insert_invited_reviewer(db::Session& db, int64_t call_id, const std::string& email,
                             const std::string& organisation, const std::string& country,
                             int64_t now) {
  ll c = call_id, t = now;
  db.sql() << "INSERT INTO call_reviewer_invitation (call_id, email, organisation_name, country, "
              "invited_at) VALUES (:c, :e, :o, :co, :t) ON CONFLICT (call_id, email) DO UPDATE "
              "SET organisation_name = excluded.organisation_name, country = excluded.country, "
              "invited_at = excluded.invited_at",
      use(c), use(email), use(organisation), use(country), use(t);
}

void delete_invited_reviewer(db::Session& db, int64_t call_id, const std::string& email) {
  ll c = call_id;
  db.sql() << "DELETE FROM call_reviewer_invitation WHERE call_id = :c AND email = :e", use(c),
      use(email);
}

void insert_reviewer(db::Session& db, int64_t call_id, int64_t account_id,
                     const std::string& organisation, const std::string& country, int64_t now) {
  ll c = call_id, a = account_id, t = now;
  db.sql() << "INSERT INTO call_reviewer (call_id, account_id, organisation_name, country, "
              "invited_at) VALUES (:c, :a, :o, :co, :t)",
      use(c), use(a), use(organisation), use(country), use(t);
}

void delete_reviewer(db::Session& db, int64_t call_id, int64_t account_id) {
  ll c = call_id, a = account_id, c2 = call_id, a2 = account_id;
  db.sql() << "DELETE FROM review_assignment WHERE account_id = :a AND submitted_at IS NULL AND "
              "application_id IN (SELECT id FROM application WHERE call_id = :c)",
      use(a), use(c);
  db.sql() << "DELETE FROM call_reviewer WHERE call_id = :c AND account_id = :a", use(c2), use(a2);
}

std::vector<ApplicationRef> submitted_applications(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT ap.id, ap.organisation_name, "
                                       "ap.organisation_country, p.name FROM application ap JOIN "
                                       "person p ON p.id = ap.person_id WHERE ap.call_id = :c AND "
                                       "ap.status = 'submitted' ORDER BY ap.id",
                   use(c));
  std::vector<ApplicationRef> out;
  for (const auto& r : rows)
    out.push_back(
        {db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  return out;
}

std::vector<Assignment> call_assignments(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << std::string("SELECT ") + kAssignmentCols +
                                           " FROM review_assignment ra JOIN application ap ON "
                                           "ap.id = ra.application_id WHERE ap.call_id = :c "
                                           "ORDER BY ra.id",
                   use(c));
  std::vector<Assignment> out;
  for (const auto& r : rows) out.push_back(assignment_of(r, 0));
  return out;
}

std::vector<std::pair<int64_t, int64_t>> call_conflicts(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT rc.application_id, rc.account_id FROM "
                                       "review_conflict rc JOIN application ap ON ap.id = "
                                       "rc.application_id WHERE ap.call_id = :c",
                   use(c));
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& r : rows) out.emplace_back(db::get_int64(r, 0), db::get_int64(r, 1));
  return out;
}

int64_t insert_assignment(db::Session& db, int64_t application_id, int64_t account_id, int stage,
                          std::optional<int64_t> due_at, int64_t now) {
  ll id = 0, ap = application_id, a = account_id, st = stage, t = now, due = due_at.value_or(0);
  soci::indicator due_ind = due_at ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO review_assignment (application_id, account_id, stage, assigned_at, "
              "due_at) VALUES (:ap, :a, :st, :t, :d) RETURNING id",
      use(ap), use(a), use(st), use(t), use(due, due_ind), into(id);
  return id;
}

std::optional<AssignmentFull> find_assignment(db::Session& db, int64_t id, int64_t account_id,
                                              const std::string& language) {
  soci::row r;
  ll i = id, a = account_id;
  db.sql() << std::string("SELECT ") + kAssignmentCols + ", c.id, c.programme_id, " +
                  title_sql("c.id", "l") +
                  ", c.blind_fields, c.second_stage, ap.status, ap.language, ap.route_role, "
                  "ap.organisation_name, ap.organisation_type, ap.organisation_country, "
                  "ap.position, ap.motivation, ap.experience, ap.languages, ap.birth_year, "
                  "ap.nationality, ap.submitted_at, p.name, p.email, COALESCE(p.gender, ''), "
                  "ap.person_id FROM review_assignment ra JOIN application ap ON ap.id = "
                  "ra.application_id JOIN call c ON c.id = ap.call_id JOIN person p ON p.id = "
                  "ap.person_id JOIN call_reviewer cr ON cr.call_id = c.id AND cr.account_id = "
                  "ra.account_id WHERE ra.id = :id AND ra.account_id = :a",
      use(language), use(i), use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  AssignmentFull f;
  f.a = assignment_of(r, 0);
  f.call_id = db::get_int64(r, 8);
  f.programme_id = db::get_int64(r, 9);
  f.call_title = db::get_text(r, 10);
  f.blind_fields = db::get_text(r, 11);
  f.second_stage = db::get_int64(r, 12) != 0;
  auto& ap = f.app;
  ap.id = f.a.application_id;
  ap.call_id = f.call_id;
  ap.status = db::get_text(r, 13);
  ap.language = db::get_text(r, 14);
  ap.route_role = db::get_text(r, 15);
  ap.organisation_name = db::get_text(r, 16);
  ap.organisation_type = db::get_text(r, 17);
  ap.organisation_country = db::get_text(r, 18);
  ap.position = db::get_text(r, 19);
  ap.motivation = db::get_text(r, 20);
  ap.experience = db::get_text(r, 21);
  ap.languages = db::get_text(r, 22);
  if (auto y = opt(r, 23)) ap.birth_year = static_cast<long>(*y);
  ap.nationality = db::get_text(r, 24);
  ap.submitted_at = opt(r, 25);
  f.person_name = db::get_text(r, 26);
  f.person_email = db::get_text(r, 27);
  f.person_gender = db::get_text(r, 28);
  ap.person_id = db::get_int64(r, 29);
  return f;
}

std::vector<MyAssignment> assignments_of(db::Session& db, int64_t account_id,
                                         const std::string& language) {
  ll a = account_id;
  db::Rows rows = (db.sql().prepare << std::string("SELECT ") + kAssignmentCols + ", c.id, " +
                                           title_sql("c.id", "l") +
                                           " FROM review_assignment ra JOIN application ap ON "
                                           "ap.id = ra.application_id JOIN call c ON c.id = "
                                           "ap.call_id JOIN call_reviewer cr ON cr.call_id = "
                                           "c.id AND cr.account_id = ra.account_id WHERE "
                                           "ra.account_id = :a ORDER BY ra.submitted_at IS NOT "
                                           "NULL, ra.due_at, ra.id",
                   use(language), use(a));
  std::vector<MyAssignment> out;
  for (const auto& r : rows)
    out.push_back({assignment_of(r, 0), db::get_int64(r, 8), db::get_text(r, 9)});
  return out;
}

std::vector<WrittenScore> scores_written_by(db::Session& db, int64_t account_id,
                                            const std::string& language) {
  ll a = account_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT " + title_sql("ap.call_id", "l") +
                  ", ra.application_id, ra.stage, ra.submitted_at, COALESCE(t.label, e.label, "
                  "(SELECT MIN(x.label) FROM call_criterion_text x WHERE x.criterion_id = "
                  "k.id), ''), s.score, s.comment FROM review_score s JOIN review_assignment ra "
                  "ON ra.id = s.assignment_id JOIN application ap ON ap.id = ra.application_id "
                  "JOIN call_criterion k ON k.id = s.criterion_id LEFT JOIN call_criterion_text "
                  "t ON t.criterion_id = k.id AND t.language = :l2 LEFT JOIN "
                  "call_criterion_text e ON e.criterion_id = k.id AND e.language = 'en' WHERE "
                  "ra.account_id = :a ORDER BY ra.id, k.position, k.id",
       use(language, "l"), use(language, "l2"), use(a, "a"));
  std::vector<WrittenScore> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_int64(r, 1), static_cast<int>(db::get_int64(r, 2)),
                   opt(r, 3), db::get_text(r, 4), static_cast<long>(db::get_int64(r, 5)),
                   db::get_text(r, 6)});
  return out;
}

std::vector<Criterion> criteria(db::Session& db, int64_t call_id, const std::string& language) {
  ll c = call_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT k.id, k.position, k.weight, k.scale_min, k.scale_max, "
              "COALESCE(t.label, e.label, (SELECT MIN(x.label) FROM call_criterion_text x WHERE "
              "x.criterion_id = k.id), ''), COALESCE(t.guidance, e.guidance, '') FROM "
              "call_criterion k LEFT JOIN call_criterion_text t ON t.criterion_id = k.id AND "
              "t.language = :l LEFT JOIN call_criterion_text e ON e.criterion_id = k.id AND "
              "e.language = 'en' WHERE k.call_id = :c ORDER BY k.position, k.id",
       use(language), use(c));
  std::vector<Criterion> out;
  for (const auto& r : rows) {
    Criterion k;
    k.id = db::get_int64(r, 0);
    k.position = static_cast<long>(db::get_int64(r, 1));
    k.weight = db::get_optional_double(r, 2).value_or(1);
    k.scale_min = static_cast<long>(db::get_int64(r, 3));
    k.scale_max = static_cast<long>(db::get_int64(r, 4));
    k.texts[language] = {db::get_text(r, 5), db::get_text(r, 6)};
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<AnswerRow> answers(db::Session& db, int64_t application_id,
                               const std::string& language) {
  ll a = application_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT COALESCE(t.label, e.label, ''), an.value FROM "
                           "application_answer an JOIN call_question q ON q.id = an.question_id "
                           "LEFT JOIN call_question_text t ON t.question_id = q.id AND "
                           "t.language = :l LEFT JOIN call_question_text e ON e.question_id = "
                           "q.id AND e.language = 'en' WHERE an.application_id = :a ORDER BY "
                           "q.position, q.id",
       use(language), use(a));
  std::vector<AnswerRow> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

std::vector<Document> documents(db::Session& db, int64_t application_id) {
  ll a = application_id;
  db::Rows rows = (db.sql().prepare << "SELECT id, kind, filename, content_type, size, "
                                       "uploaded_at, deleted_at FROM application_document WHERE "
                                       "application_id = :a ORDER BY kind",
                   use(a));
  std::vector<Document> out;
  for (const auto& r : rows) {
    Document d;
    d.id = db::get_int64(r, 0);
    d.application_id = application_id;
    d.kind = db::get_text(r, 1);
    d.filename = db::get_text(r, 2);
    d.content_type = db::get_text(r, 3);
    d.size = db::get_int64(r, 4);
    d.uploaded_at = db::get_int64(r, 5);
    d.deleted_at = opt(r, 6);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::pair<int64_t, Score>> scores_of_application(db::Session& db,
                                                             int64_t application_id, int stage) {
  ll a = application_id, st = stage;
  db::Rows rows = (db.sql().prepare << "SELECT s.assignment_id, s.criterion_id, s.score, "
                                       "s.comment FROM review_score s JOIN review_assignment ra "
                                       "ON ra.id = s.assignment_id WHERE ra.application_id = :a "
                                       "AND ra.stage = :st AND ra.submitted_at IS NOT NULL "
                                       "ORDER BY ra.submitted_at, ra.id, s.criterion_id",
                   use(a), use(st));
  std::vector<std::pair<int64_t, Score>> out;
  for (const auto& r : rows)
    out.emplace_back(
        db::get_int64(r, 0),
        Score{db::get_int64(r, 1), static_cast<long>(db::get_int64(r, 2)), db::get_text(r, 3)});
  return out;
}

std::vector<Score> scores_of(db::Session& db, int64_t assignment_id) {
  ll a = assignment_id;
  db::Rows rows = (db.sql().prepare << "SELECT criterion_id, score, comment FROM review_score "
                                       "WHERE assignment_id = :a ORDER BY criterion_id",
                   use(a));
  std::vector<Score> out;
  for (const auto& r : rows)
    out.push_back(
        {db::get_int64(r, 0), static_cast<long>(db::get_int64(r, 1)), db::get_text(r, 2)});
  return out;
}

void save_scores(db::Session& db, int64_t assignment_id, const std::vector<Score>& scores,
                 int64_t now) {
  ll a = assignment_id, t = now;
  db.sql() << "DELETE FROM review_score WHERE assignment_id = :a", use(a);
  for (const auto& s : scores) {
    ll c = s.criterion_id, v = s.score;
    db.sql() << "INSERT INTO review_score (assignment_id, criterion_id, score, comment) VALUES "
                "(:a, :c, :s, :m)",
        use(a), use(c), use(v), use(s.comment);
  }
  db.sql() << "UPDATE review_assignment SET submitted_at = :t WHERE id = :a", use(t), use(a);
}

void insert_conflict(db::Session& db, int64_t application_id, int64_t account_id,
                     const std::string& reason, int64_t now) {
  ll ap = application_id, a = account_id, t = now;
  db.sql() << "INSERT INTO review_conflict (application_id, account_id, reason, declared_at) "
              "VALUES (:ap, :a, :r, :t)",
      use(ap), use(a), use(reason), use(t);
}

void delete_assignment(db::Session& db, int64_t assignment_id) {
  ll a = assignment_id;
  db.sql() << "DELETE FROM review_assignment WHERE id = :a", use(a);
}

std::vector<ProgressRow> progress(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << std::string("SELECT ") + kAssignmentCols +
                                           ", a.name, p.name FROM review_assignment ra JOIN "
                                           "application ap ON ap.id = ra.application_id JOIN "
                                           "account a ON a.id = ra.account_id JOIN person p ON "
                                           "p.id = ap.person_id WHERE ap.call_id = :c ORDER BY "
                                           "ap.id, ra.stage, ra.id",
                   use(c));
  std::vector<ProgressRow> out;
  for (const auto& r : rows)
    out.push_back({assignment_of(r, 0), db::get_text(r, 8), db::get_text(r, 9)});
  return out;
}

std::vector<ReviewMean> review_means(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare
                       << "SELECT ra.id, ra.application_id, ra.stage, SUM(cc.weight * rs.score) / "
                          "SUM(cc.weight) FROM review_assignment ra JOIN application a ON a.id = "
                          "ra.application_id JOIN review_score rs ON rs.assignment_id = ra.id "
                          "JOIN call_criterion cc ON cc.id = rs.criterion_id AND cc.call_id = "
                          "a.call_id WHERE a.call_id = :c AND ra.submitted_at IS NOT NULL GROUP "
                          "BY ra.id, ra.application_id, ra.stage ORDER BY ra.application_id, ra.id",
                   use(c));
  std::vector<ReviewMean> out;
  for (const auto& r : rows) {
    ReviewMean m;
    m.assignment_id = db::get_int64(r, 0);
    m.application_id = db::get_int64(r, 1);
    m.stage = static_cast<int>(db::get_int64(r, 2));
    m.weighted = db::get_optional_double(r, 3).value_or(0);
    out.push_back(m);
  }
  return out;
}

std::vector<Overdue> overdue(db::Session& db, int64_t call_id, int64_t now,
                             int64_t reminded_before) {
  ll c = call_id, t = now, rb = reminded_before;
  db::Rows rows = (db.sql().prepare << "SELECT ra.id, a.id, a.email, a.name, a.language, "
                                       "a.time_zone FROM review_assignment ra JOIN application "
                                       "ap ON ap.id = ra.application_id JOIN account a ON a.id = "
                                       "ra.account_id WHERE ap.call_id = :c AND ra.submitted_at "
                                       "IS NULL AND ra.due_at IS NOT NULL AND ra.due_at < :t AND "
                                       "(ra.reminded_at IS NULL OR ra.reminded_at <= :rb) AND "
                                       "a.disabled = 0 ORDER BY a.id, ra.id",
                   use(c), use(t), use(rb));
  std::vector<Overdue> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_text(r, 4), db::get_text(r, 5)});
  return out;
}

void mark_reminded(db::Session& db, int64_t assignment_id, int64_t now) {
  ll a = assignment_id, t = now;
  db.sql() << "UPDATE review_assignment SET reminded_at = :t WHERE id = :a", use(t), use(a);
}

long open_assignments(db::Session& db, int64_t call_id) {
  ll c = call_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM review_assignment ra JOIN application ap ON ap.id = "
              "ra.application_id WHERE ap.call_id = :c AND ra.submitted_at IS NULL",
      use(c), into(n);
  return static_cast<long>(n);
}

std::vector<int64_t> calls_with_applications(db::Session& db, const std::string& status) {
  db::Rows rows = (db.sql().prepare << "SELECT c.id FROM call c WHERE c.status = :s AND EXISTS "
                                       "(SELECT 1 FROM application ap WHERE ap.call_id = c.id "
                                       "AND ap.status = 'submitted') ORDER BY c.id",
                   use(status));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

}  // namespace crm::admissions::review_store

namespace crm::admissions::review_store {

std::vector<int64_t> review_candidates(db::Session& db, long limit) {
  ll n = limit;
  db::Rows rows = (db.sql().prepare << "SELECT id FROM account WHERE role IN ('lecturer', "
                                       "'staff', 'stakeholder') AND disabled = 0 ORDER BY id "
                                       "LIMIT :n",
                   use(n));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

}  // namespace crm::admissions::review_store
