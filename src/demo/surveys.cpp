// Demo surveys: the built-in instruments copied into the demo programme (as
// staff start them from /surveys/new) and a custom survey on peer mentoring
// with two sections and a question shown only to those who work with
// returnees, in English, German, French and Arabic.
#include "demo/surveys.hpp"

#include <stdexcept>

#include "db/migrate.hpp"
#include "surveys/definition.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"

namespace crm::demo {

namespace {

using soci::into;
using soci::use;
using ll = long long;

// 0011_surveys.sql made the tables.
constexpr int kSurveySchema = 11;

surveys::Definition mentoring() {
  using surveys::Choice;
  using surveys::Question;
  surveys::Definition d;
  d.languages = {"en", "de", "fr", "ar"};
  d.default_language = "en";
  d.title = {{"en", "Peer mentoring for the next cohort"},
             {"de", "Peer-Mentoring für den nächsten Jahrgang"},
             {"fr", "Mentorat entre pairs pour la prochaine promotion"},
             {"ar", "الإرشاد بين الأقران للدفعة القادمة"}};
  d.intro = {{"en", "Would you mentor a participant of the next cohort? Five minutes."},
             {"de", "Würden Sie jemanden aus dem nächsten Jahrgang begleiten? Fünf Minuten."},
             {"fr", "Accompagneriez-vous un participant de la prochaine promotion ? Cinq minutes."},
             {"ar", "هل ترغب في إرشاد مشارك من الدفعة القادمة؟ خمس دقائق."}};
  Question about;
  about.name = "about";
  about.type = "section";
  about.label = {
      {"en", "Your work"}, {"de", "Ihre Arbeit"}, {"fr", "Votre travail"}, {"ar", "عملك"}};
  Question works;
  works.name = "works";
  works.type = "single";
  works.required = true;
  works.label = {
      {"en", "Do you advise returnees in your work at present?"},
      {"de", "Beraten Sie derzeit Rückkehrende in Ihrer Arbeit?"},
      {"fr", "Conseillez-vous actuellement des personnes de retour dans votre travail ?"},
      {"ar", "هل تقدّم حالياً الاستشارة للعائدين في عملك؟"}};
  works.choices = {
      Choice{"yes", {{"en", "Yes"}, {"de", "Ja"}, {"fr", "Oui"}, {"ar", "نعم"}}, false},
      Choice{"no", {{"en", "No"}, {"de", "Nein"}, {"fr", "Non"}, {"ar", "لا"}}, false}};
  Question caseload;
  caseload.name = "caseload";
  caseload.type = "integer";
  caseload.relevant = "${works} = 'yes'";
  caseload.min_value = 0;
  caseload.max_value = 500;
  caseload.label = {{"en", "How many people do you advise in a month?"},
                    {"de", "Wie viele Menschen beraten Sie im Monat?"},
                    {"fr", "Combien de personnes conseillez-vous par mois ?"},
                    {"ar", "كم شخصاً تقدّم لهم الاستشارة في الشهر؟"}};
  Question mentoring_section;
  mentoring_section.name = "mentoring";
  mentoring_section.type = "section";
  mentoring_section.label = {
      {"en", "Mentoring"}, {"de", "Mentoring"}, {"fr", "Mentorat"}, {"ar", "الإرشاد"}};
  Question topics;
  topics.name = "topics";
  topics.type = "multiple";
  topics.label = {{"en", "On which topics would you mentor?"},
                  {"de", "Zu welchen Themen würden Sie begleiten?"},
                  {"fr", "Sur quels thèmes accompagneriez-vous ?"},
                  {"ar", "في أي المواضيع ستقدّم الإرشاد؟"}};
  topics.choices = {
      Choice{"law",
             {{"en", "Residence law"},
              {"de", "Aufenthaltsrecht"},
              {"fr", "Droit au séjour"},
              {"ar", "قانون الإقامة"}},
             false},
      Choice{"housing",
             {{"en", "Housing"}, {"de", "Wohnen"}, {"fr", "Logement"}, {"ar", "السكن"}},
             false},
      Choice{"work",
             {{"en", "Finding work"},
              {"de", "Arbeitssuche"},
              {"fr", "Recherche d'emploi"},
              {"ar", "البحث عن عمل"}},
             false},
      Choice{"health",
             {{"en", "Health"}, {"de", "Gesundheit"}, {"fr", "Santé"}, {"ar", "الصحة"}},
             false}};
  Question comments;
  comments.name = "comments";
  comments.type = "text";
  comments.label = {{"en", "Anything else we should know?"},
                    {"de", "Sollten wir noch etwas wissen?"},
                    {"fr", "Autre chose que nous devrions savoir ?"},
                    {"ar", "هل هناك شيء آخر يجب أن نعرفه؟"}};
  d.questions = {about, works, caseload, mentoring_section, topics, comments};
  return d;
}

}  // namespace

void load_surveys(db::Session& db, int64_t now) {
  if (db::schema_version(db) < kSurveySchema) return;
  ll programme = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM programme WHERE slug = 'crm'", into(programme);
  if (!programme) return;
  auto has = [&](const std::string& kind, const std::string& title) {
    ll n = 0;
    db.sql() << "SELECT COUNT(*) FROM survey WHERE programme_id = :p AND kind = :k AND "
                "(CAST(:t AS TEXT) = '' OR title = :t2)",
        use(programme), use(kind), use(title), use(title), into(n);
    return n > 0;
  };
  db::Transaction tx(db);
  for (const char* kind : surveys::kKinds) {
    if (std::string_view(kind) == "custom" || has(kind, "")) continue;
    auto d = surveys::instrument(kind);
    if (!d) continue;
    surveys::Survey s;
    s.programme_id = programme;
    s.kind = kind;
    s.title = surveys::text_in(d->title, "en", d->default_language);
    s.anonymous = surveys::instrument_is_anonymous(kind);
    s.created_at = now;
    const int64_t id = surveys::store::insert_survey(db, s);
    surveys::store::insert_version(db, id, 1, "instrument", *d, now);
  }
  const auto d = mentoring();
  const std::string title = d.title.at("en");
  if (!has("custom", title)) {
    if (!surveys::validate(d).empty()) throw std::logic_error("demo survey is not valid");
    surveys::Survey s;
    s.programme_id = programme;
    s.title = title;
    s.created_at = now;
    const int64_t id = surveys::store::insert_survey(db, s);
    surveys::store::insert_version(db, id, 1, "builder", d, now);
  }
  tx.commit();
}

}  // namespace crm::demo
