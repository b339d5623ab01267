#include "surveys/store.hpp"

#include "programme/scope.hpp"
#include "surveys/definition_store.hpp"

namespace crm::surveys::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

std::vector<SurveyRow> list_surveys(db::Session& db, int64_t account_id, bool all,
                                    const std::string& language) {
  static const std::string sql =
      "SELECT s.id, s.programme_id, s.kind, s.anonymous, s.created_at, "
      "COALESCE(s.archived_at, 0), COALESCE(t.name, en.name, g.slug), "
      "COALESCE(lv.number, 0), COALESCE(lv.languages, ''), "
      "(SELECT COUNT(*) FROM survey_round r WHERE r.survey_id = s.id), "
      "(SELECT COUNT(*) FROM survey_response x JOIN survey_round r2 ON r2.id = x.round_id "
      "WHERE r2.survey_id = s.id AND x.submitted_on IS NOT NULL), " +
      std::string(kStaffTitleColumns) +
      " FROM survey s JOIN programme g ON g.id = s.programme_id "
      "LEFT JOIN programme_text t ON t.programme_id = g.id AND t.language = :lang "
      "LEFT JOIN programme_text en ON en.programme_id = g.id AND en.language = 'en'" +
      kStaffTitleJoins + "WHERE (CAST(:all AS BIGINT) = 1 OR s.programme_id IN " +
      programme::programmes_of_account_sql() +
      ") ORDER BY CASE WHEN s.archived_at IS NULL THEN 0 ELSE 1 END, s.created_at DESC, s.id DESC";
  ll every = all ? 1 : 0, a = account_id;
  std::vector<SurveyRow> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(language), use(language), use(every),
                   use(a), use(a));
  for (const auto& r : rows) {
    SurveyRow row;
    row.survey.id = db::get_int64(r, 0);
    row.survey.programme_id = db::get_int64(r, 1);
    row.survey.kind = db::get_text(r, 2);
    row.survey.anonymous = db::get_int64(r, 3) != 0;
    row.survey.created_at = db::get_int64(r, 4);
    row.survey.archived_at = db::get_int64(r, 5);
    row.programme = db::get_text(r, 6);
    row.newest_version = static_cast<long>(db::get_int64(r, 7));
    row.languages = split(db::get_text(r, 8));
    row.rounds = static_cast<long>(db::get_int64(r, 9));
    row.responses = static_cast<long>(db::get_int64(r, 10));
    row.title = staff_title_at(r, 11);
    row.survey.title = row.title.working;
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<VersionRow> list_versions(db::Session& db, int64_t programme, int64_t survey) {
  ll p = programme, s = survey;
  std::vector<VersionRow> out;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT v.id, v.number, v.created_at, COALESCE(v.frozen_at, 0), v.source, "
              "(SELECT COUNT(*) FROM survey_question q WHERE q.version_id = v.id AND q.type NOT IN "
              "('section', 'note')), (SELECT COUNT(*) FROM survey_response x WHERE x.version_id = "
              "v.id AND x.submitted_on IS NOT NULL) FROM survey_version v JOIN survey s ON s.id = "
              "v.survey_id WHERE v.survey_id = :s AND s.programme_id = :p ORDER BY v.number DESC",
       use(s), use(p));
  for (const auto& r : rows) {
    VersionRow v;
    v.id = db::get_int64(r, 0);
    v.number = static_cast<long>(db::get_int64(r, 1));
    v.created_at = db::get_int64(r, 2);
    v.frozen_at = db::get_int64(r, 3);
    v.source = db::get_text(r, 4);
    v.questions = static_cast<long>(db::get_int64(r, 5));
    v.responses = static_cast<long>(db::get_int64(r, 6));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Round> list_rounds(db::Session& db, int64_t programme, int64_t survey) {
  ll p = programme, s = survey;
  std::vector<Round> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT r.id, r.audience, r.cohort_id, COALESCE(r.session_id, 0), "
                           "COALESCE(r.months_after, 0), r.phase, r.opens_at, r.closes_at, "
                           "r.created_at, COALESCE(r.cancelled_at, 0) FROM survey_round r JOIN "
                           "survey s ON s.id = r.survey_id WHERE r.survey_id = :s AND "
                           "s.programme_id = :p ORDER BY r.opens_at DESC, r.id DESC",
       use(s), use(p));
  for (const auto& r : rows) {
    Round x;
    x.id = db::get_int64(r, 0);
    x.survey_id = survey;
    x.audience = db::get_text(r, 1);
    x.cohort_id = db::get_int64(r, 2);
    x.session_id = db::get_int64(r, 3);
    x.months_after = static_cast<long>(db::get_int64(r, 4));
    x.phase = db::get_text(r, 5);
    x.opens_at = db::get_int64(r, 6);
    x.closes_at = db::get_int64(r, 7);
    x.created_at = db::get_int64(r, 8);
    x.cancelled_at = db::get_int64(r, 9);
    out.push_back(std::move(x));
  }
  return out;
}

long count_rounds(db::Session& db, int64_t survey) {
  ll s = survey, n = 0;
  db.sql() << "SELECT COUNT(*) FROM survey_round WHERE survey_id = :s", use(s), into(n);
  return static_cast<long>(n);
}

void update_survey(db::Session& db, int64_t programme, const Survey& s) {
  ll p = programme, id = s.id;
  int anonymous = s.anonymous ? 1 : 0;
  db.sql() << "UPDATE survey SET title = :t, anonymous = :a WHERE id = :id AND programme_id = :p",
      use(s.title), use(anonymous), use(id), use(p);
}

void archive_survey(db::Session& db, int64_t programme, int64_t survey, int64_t now) {
  ll p = programme, id = survey, at = now;
  db.sql() << "UPDATE survey SET archived_at = :t WHERE id = :id AND programme_id = :p AND "
              "archived_at IS NULL",
      use(at), use(id), use(p);
}

StaffTitle staff_title_at(const soci::row& r, std::size_t first) {
  return staff_title(db::get_text(r, first), db::get_text(r, first + 1),
                     db::get_text(r, first + 2));
}

StaffTitle find_staff_title(db::Session& db, int64_t programme, int64_t survey,
                            const std::string& language) {
  static const std::string sql = "SELECT " + std::string(kStaffTitleColumns) + " FROM survey s" +
                                 kStaffTitleJoins + "WHERE s.id = :s AND s.programme_id = :p";
  ll s = survey, p = programme;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(language), use(s), use(p));
  for (const auto& r : rows) return staff_title_at(r, 0);
  return {};
}

int64_t lock_newest_version(db::Session& db, int64_t survey) {
  ll s = survey, id = 0;
  db.sql() << "UPDATE survey SET anonymous = anonymous WHERE id = :s", use(s);
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM survey_version WHERE survey_id = :s", use(s),
      into(id);
  return id;
}

bool replace_unfrozen_version(db::Session& db, int64_t version, const Definition& d) {
  ll v = version;
  const std::string languages = join(d.languages);
  db.sql() << "UPDATE survey_version SET languages = :l, default_language = :d WHERE id = :v AND "
              "frozen_at IS NULL",
      use(languages), use(d.default_language), use(v);
  if (db.sql().affected_rows() != 1) return false;
  db.sql() << "DELETE FROM survey_question WHERE version_id = :v", use(v);
  db.sql() << "DELETE FROM survey_version_text WHERE version_id = :v", use(v);
  insert_definition(db, version, d);
  return true;
}

}  // namespace crm::surveys::store
