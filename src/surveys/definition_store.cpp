#include "surveys/definition_store.hpp"

#include <array>
#include <map>

namespace crm::surveys::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr const char* kSurveyColumns =
    "SELECT id, programme_id, kind, title, anonymous, created_at, COALESCE(archived_at, 0) FROM "
    "survey ";

Survey survey_of(const soci::row& r) {
  Survey s;
  s.id = db::get_int64(r, 0);
  s.programme_id = db::get_int64(r, 1);
  s.kind = db::get_text(r, 2);
  s.title = db::get_text(r, 3);
  s.anonymous = db::get_int64(r, 4) != 0;
  s.created_at = db::get_int64(r, 5);
  s.archived_at = db::get_int64(r, 6);
  return s;
}

std::optional<Survey> first_survey(db::Rows& rows) {
  for (const auto& r : rows) return survey_of(r);
  return std::nullopt;
}

void insert_choice(db::Session& db, ll question, const std::string& role, long position,
                   const Choice& c) {
  ll id = 0;
  int positive = c.positive ? 1 : 0;
  ll pos = position;
  db.sql() << "INSERT INTO survey_choice (question_id, role, position, name, positive) VALUES "
              "(:q, :r, :p, :n, :pos) RETURNING id",
      use(question), use(role), use(pos), use(c.name), use(positive), into(id);
  for (const auto& [lang, label] : c.label)
    db.sql() << "INSERT INTO survey_choice_text (choice_id, language, label) VALUES (:c, :l, :t)",
        use(id), use(lang), use(label);
}

}  // namespace

int64_t insert_survey(db::Session& db, const Survey& s) {
  ll id = 0, programme = s.programme_id, created = s.created_at;
  int anonymous = s.anonymous ? 1 : 0;
  db.sql() << "INSERT INTO survey (programme_id, kind, title, anonymous, created_at) VALUES (:p, "
              ":k, :t, :a, :c) RETURNING id",
      use(programme), use(s.kind), use(s.title), use(anonymous), use(created), into(id);
  return id;
}

std::optional<Survey> find_survey(db::Session& db, int64_t programme, int64_t survey) {
  ll p = programme, s = survey;
  db::Rows rows =
      (db.sql().prepare << std::string(kSurveyColumns) + "WHERE id = :s AND programme_id = :p",
       use(s), use(p));
  return first_survey(rows);
}

std::optional<Survey> find_survey_any(db::Session& db, int64_t survey) {
  ll s = survey;
  db::Rows rows = (db.sql().prepare << std::string(kSurveyColumns) + "WHERE id = :s", use(s));
  return first_survey(rows);
}

int64_t insert_version(db::Session& db, int64_t survey, long number, const std::string& source,
                       const Definition& d, int64_t now) {
  ll id = 0, s = survey, n = number, at = now;
  const std::string languages = join(d.languages);
  db.sql() << "INSERT INTO survey_version (survey_id, number, languages, default_language, "
              "created_at, source) VALUES (:s, :n, :l, :d, :c, :src) RETURNING id",
      use(s), use(n), use(languages), use(d.default_language), use(at), use(source), into(id);
  insert_definition(db, id, d);
  return id;
}

void insert_definition(db::Session& db, int64_t version, const Definition& d) {
  ll id = version;
  std::map<std::string, std::pair<std::string, std::string>> texts;
  for (const auto& [lang, title] : d.title) texts[lang].first = title;
  for (const auto& [lang, intro] : d.intro) texts[lang].second = intro;
  for (const auto& [lang, t] : texts)
    db.sql() << "INSERT INTO survey_version_text (version_id, language, title, intro) VALUES (:v, "
                ":l, :t, :i)",
        use(id), use(lang), use(t.first), use(t.second);
  ll position = 0;
  for (const auto& q : d.questions) {
    ll qid = 0;
    int required = q.required ? 1 : 0;
    double min = q.min_value.value_or(0), max = q.max_value.value_or(0);
    soci::indicator min_ind = q.min_value ? soci::i_ok : soci::i_null;
    soci::indicator max_ind = q.max_value ? soci::i_ok : soci::i_null;
    std::string indicator = q.indicator;
    soci::indicator indicator_ind = q.indicator.empty() ? soci::i_null : soci::i_ok;
    db.sql() << "INSERT INTO survey_question (version_id, position, name, type, required, "
                "relevant, constraint_expr, min_value, max_value, indicator) VALUES (:v, :p, :n, "
                ":t, :r, :rel, :con, :mn, :mx, :ind) RETURNING id",
        use(id), use(position), use(q.name), use(q.type), use(required), use(q.relevant),
        use(q.constraint_expr), use(min, min_ind), use(max, max_ind), use(indicator, indicator_ind),
        into(qid);
    ++position;
    std::map<std::string, std::array<std::string, 3>> qt;
    for (const auto& [lang, v] : q.label) qt[lang][0] = v;
    for (const auto& [lang, v] : q.hint) qt[lang][1] = v;
    for (const auto& [lang, v] : q.constraint_message) qt[lang][2] = v;
    for (const auto& [lang, t] : qt)
      db.sql() << "INSERT INTO survey_question_text (question_id, language, label, hint, "
                  "constraint_message) VALUES (:q, :l, :label, :hint, :m)",
          use(qid), use(lang), use(t[0]), use(t[1]), use(t[2]);
    for (size_t i = 0; i < q.choices.size(); ++i)
      insert_choice(db, qid, "choice", static_cast<long>(i), q.choices[i]);
    for (size_t i = 0; i < q.rows.size(); ++i)
      insert_choice(db, qid, "row", static_cast<long>(i), q.rows[i]);
  }
}

std::optional<Version> load_version(db::Session& db, int64_t programme, int64_t version) {
  ll p = programme, v = version;
  Version out;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT v.id, v.survey_id, v.number, v.created_at, "
                             "COALESCE(v.frozen_at, 0), v.source, v.languages, v.default_language "
                             "FROM survey_version v JOIN survey s ON s.id = v.survey_id "
                             "WHERE v.id = :v AND s.programme_id = :p",
         use(v), use(p));
    bool found = false;
    for (const auto& r : rows) {
      found = true;
      out.id = db::get_int64(r, 0);
      out.survey_id = db::get_int64(r, 1);
      out.number = static_cast<long>(db::get_int64(r, 2));
      out.created_at = db::get_int64(r, 3);
      out.frozen_at = db::get_int64(r, 4);
      out.source = db::get_text(r, 5);
      out.definition.languages = split(db::get_text(r, 6));
      out.definition.default_language = db::get_text(r, 7);
    }
    if (!found) return std::nullopt;
  }
  Definition& d = out.definition;
  {
    db::Rows rows = (db.sql().prepare << "SELECT language, title, intro FROM survey_version_text "
                                         "WHERE version_id = :v",
                     use(v));
    for (const auto& r : rows) {
      d.title[db::get_text(r, 0)] = db::get_text(r, 1);
      if (auto intro = db::get_text(r, 2); !intro.empty()) d.intro[db::get_text(r, 0)] = intro;
    }
  }
  std::map<int64_t, size_t> index;  // question id → position in d.questions
  {
    db::Rows rows = (db.sql().prepare << "SELECT id, name, type, required, relevant, "
                                         "constraint_expr, min_value, max_value, "
                                         "COALESCE(indicator, '') FROM survey_question "
                                         "WHERE version_id = :v ORDER BY position",
                     use(v));
    for (const auto& r : rows) {
      Question q;
      q.id = db::get_int64(r, 0);
      q.name = db::get_text(r, 1);
      q.type = db::get_text(r, 2);
      q.required = db::get_int64(r, 3) != 0;
      q.relevant = db::get_text(r, 4);
      q.constraint_expr = db::get_text(r, 5);
      q.min_value = db::get_optional_double(r, 6);
      q.max_value = db::get_optional_double(r, 7);
      q.indicator = db::get_text(r, 8);
      index[q.id] = d.questions.size();
      d.questions.push_back(std::move(q));
    }
  }
  {
    db::Rows rows = (db.sql().prepare << "SELECT t.question_id, t.language, t.label, t.hint, "
                                         "t.constraint_message FROM survey_question_text t JOIN "
                                         "survey_question q ON q.id = t.question_id WHERE "
                                         "q.version_id = :v",
                     use(v));
    for (const auto& r : rows) {
      Question& q = d.questions[index.at(db::get_int64(r, 0))];
      const std::string lang = db::get_text(r, 1);
      q.label[lang] = db::get_text(r, 2);
      if (auto h = db::get_text(r, 3); !h.empty()) q.hint[lang] = h;
      if (auto m = db::get_text(r, 4); !m.empty()) q.constraint_message[lang] = m;
    }
  }
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT c.id, c.question_id, c.role, c.name, c.positive, "
                             "COALESCE(t.language, ''), COALESCE(t.label, '') FROM survey_choice c "
                             "JOIN survey_question q ON q.id = c.question_id LEFT JOIN "
                             "survey_choice_text t ON t.choice_id = c.id WHERE q.version_id = :v "
                             "ORDER BY c.question_id, c.role, c.position, t.language",
         use(v));
    int64_t last_choice = 0;
    for (const auto& r : rows) {
      Question& q = d.questions[index.at(db::get_int64(r, 1))];
      auto& list = db::get_text(r, 2) == "row" ? q.rows : q.choices;
      const int64_t choice = db::get_int64(r, 0);
      if (choice != last_choice) {
        Choice c;
        c.name = db::get_text(r, 3);
        c.positive = db::get_int64(r, 4) != 0;
        list.push_back(std::move(c));
        last_choice = choice;
      }
      if (auto lang = db::get_text(r, 5); !lang.empty())
        list.back().label[lang] = db::get_text(r, 6);
    }
  }
  return out;
}

std::optional<Version> latest_version(db::Session& db, int64_t programme, int64_t survey) {
  ll p = programme, s = survey, id = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT MAX(v.id) FROM survey_version v JOIN survey s ON s.id = v.survey_id "
              "WHERE v.survey_id = :s AND s.programme_id = :p",
      use(s), use(p), into(id, ind);
  if (ind == soci::i_null || id == 0) return std::nullopt;
  return load_version(db, programme, id);
}

void freeze_version(db::Session& db, int64_t version, int64_t now) {
  ll v = version, at = now;
  db.sql() << "UPDATE survey_version SET frozen_at = :t WHERE id = :v AND frozen_at IS NULL",
      use(at), use(v);
}

}  // namespace crm::surveys::store
