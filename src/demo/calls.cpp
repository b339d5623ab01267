// Demo calls for applications: a closed call for each of the demo
// programme's cohorts 1–4 (in the past, texts in English, German, French and
// Arabic, eligibility questions, the documents, a rubric, and bounds from the
// cohort's parity targets) and one open call for the next cohort (cohort 5,
// made when the programme has none, with the newest cohort's parity
// targets) that a visitor can apply to: opened two
// weeks ago, closing six weeks from now at 23:59 Berlin time.
//
// Idempotent: a cohort that has a call is left alone. Reads the cohorts and
// their targets from the database.
#include <chrono>

#include "admissions/blinding.hpp"
#include "admissions/call_store.hpp"
#include "curriculum/service.hpp"
#include "demo/demo.hpp"
#include "programme/store.hpp"

namespace crm::demo {

namespace {

namespace cs = admissions::call_store;
constexpr int64_t kDay = 86400;
constexpr const char* kZone = "Europe/Berlin";

// A number in Arabic-Indic digits, as Arabic text writes it.
std::string arabic_digits(long number) {
  static const char* const kDigits[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  std::string out;
  for (char c : std::to_string(number)) out += kDigits[c - '0'];
  return out;
}

std::map<std::string, admissions::CallText> texts_for(long number, bool open) {
  const std::string n = std::to_string(number);
  std::map<std::string, admissions::CallText> t;
  t["en"] = {"Call for applications: cohort " + n,
             "Professionals who work on return, readmission and reintegration in a ministry, a "
             "public authority, an international organisation, an NGO or a university, in a "
             "country of origin, transit or destination. Three years of experience; working "
             "English or French.",
             "Two semesters of continuing education (30 ECTS): online modules, two on-site "
             "weeks, a final paper with a supervisor, and a network of colleagues across the "
             "route.",
             "No fees. Travel and accommodation for the on-site weeks are paid by the programme.",
             open ? "Online from March; on-site weeks in May and October."
                  : "Online modules through both semesters; two on-site weeks.",
             "We keep your application only to select the cohort."};
  t["de"] = {"Ausschreibung: Jahrgang " + n,
             "Fachleute, die in einem Ministerium, einer Behörde, einer internationalen "
             "Organisation, einer NGO oder einer Hochschule zu Rückkehr, Rückübernahme und "
             "Reintegration arbeiten – in einem Herkunfts-, Transit- oder Zielland. Drei Jahre "
             "Berufserfahrung; Arbeitssprache Englisch oder Französisch.",
             "Zwei Semester Weiterbildung (30 ECTS): Online-Module, zwei Präsenzwochen, eine "
             "betreute Abschlussarbeit und ein Netzwerk entlang der Route.",
             "Keine Gebühren. Reise und Unterkunft der Präsenzwochen trägt das Programm.",
             open ? "Online ab März; Präsenzwochen im Mai und Oktober."
                  : "Online-Module in beiden Semestern; zwei Präsenzwochen.",
             "Wir verwenden Ihre Bewerbung nur für die Auswahl des Jahrgangs."};
  t["fr"] = {"Appel à candidatures : promotion " + n,
             "Des professionnels du retour, de la réadmission et de la réintégration dans un "
             "ministère, une administration, une organisation internationale, une ONG ou une "
             "université, dans un pays d'origine, de transit ou de destination. Trois ans "
             "d'expérience ; anglais ou français de travail.",
             "Deux semestres de formation continue (30 ECTS) : modules en ligne, deux semaines "
             "en présentiel, un mémoire encadré et un réseau de collègues tout au long de la "
             "route.",
             "Aucun frais. Le voyage et l'hébergement des semaines en présentiel sont pris en "
             "charge par le programme.",
             open ? "En ligne dès mars ; semaines en présentiel en mai et en octobre."
                  : "Modules en ligne pendant les deux semestres ; deux semaines en présentiel.",
             "Nous utilisons votre candidature uniquement pour la sélection de la promotion."};
  t["ar"] = {"دعوة لتقديم الطلبات: الدفعة " + arabic_digits(number),
             "مهنيون يعملون في مجال العودة وإعادة القبول وإعادة الإدماج في وزارة أو هيئة عامة أو "
             "منظمة دولية أو منظمة غير حكومية أو جامعة، في بلد منشأ أو عبور أو مقصد. خبرة ثلاث "
             "سنوات؛ إلمام بالإنجليزية أو الفرنسية للعمل.",
             "فصلان دراسيان من التعليم المستمر (٣٠ ECTS): وحدات عبر الإنترنت، وأسبوعان حضوريان، "
             "وبحث ختامي بإشراف، وشبكة من الزملاء على طول المسار.",
             "لا رسوم. يتحمل البرنامج تكاليف السفر والإقامة في الأسبوعين الحضوريين.",
             open ? "عبر الإنترنت ابتداءً من مارس؛ الأسبوعان الحضوريان في مايو وأكتوبر."
                  : "وحدات عبر الإنترنت طوال الفصلين؛ أسبوعان حضوريان.",
             "نستخدم طلبك لاختيار الدفعة فقط."};
  return t;
}

using Labels = std::map<std::string, std::pair<std::string, std::string>>;

void add_rubric(db::Session& db, int64_t call) {
  struct Seed {
    double weight;
    Labels texts;
  };
  const Seed seeds[] = {
      {2,
       {{"en", {"Motivation", "How clearly the applicant links the programme to their work."}},
        {"de", {"Motivation", "Wie klar die Person das Programm mit ihrer Arbeit verbindet."}},
        {"fr", {"Motivation", "Le lien que la personne fait entre le programme et son travail."}},
        {"ar", {"الدافع", "مدى وضوح ربط المتقدم بين البرنامج وعمله."}}}},
      {1.5,
       {{"en", {"Experience", "Years and depth of work on return and reintegration."}},
        {"de", {"Erfahrung", "Dauer und Tiefe der Arbeit zu Rückkehr und Reintegration."}},
        {"fr", {"Expérience", "Durée et profondeur du travail sur le retour et la réintégration."}},
        {"ar", {"الخبرة", "مدة وعمق العمل في مجال العودة وإعادة الإدماج."}}}},
      {1,
       {{"en", {"Reach", "How far what they learn can spread in their institution."}},
        {"de", {"Wirkung", "Wie weit das Gelernte in der eigenen Institution wirken kann."}},
        {"fr", {"Portée", "Dans quelle mesure les acquis peuvent se diffuser dans l'institution."}},
        {"ar", {"الأثر", "مدى انتشار ما يتعلمه داخل مؤسسته."}}}}};
  for (const auto& s : seeds) {
    admissions::Criterion k;
    k.weight = s.weight;
    k.texts = s.texts;
    cs::insert_criterion(db, call, k);
  }
}

void add_questions(db::Session& db, int64_t call) {
  admissions::Question work;
  work.kind = "yes_no";
  work.eligible_answer = "yes";
  work.texts = {
      {"en", {"Do you work on return, readmission or reintegration?", "In your current position."}},
      {"de",
       {"Arbeiten Sie zu Rückkehr, Rückübernahme oder Reintegration?",
        "In Ihrer jetzigen "
        "Stelle."}},
      {"fr",
       {"Travaillez-vous sur le retour, la réadmission ou la réintégration ?",
        "Dans votre poste actuel."}},
      {"ar", {"هل تعمل في مجال العودة أو إعادة القبول أو إعادة الإدماج؟", "في منصبك الحالي."}}};
  cs::insert_question(db, call, work);
  admissions::Question release;
  release.kind = "yes_no";
  release.eligible_answer = "yes";
  release.texts = {
      {"en", {"Will your employer release you for the two on-site weeks?", ""}},
      {"de", {"Stellt Ihr Arbeitgeber Sie für die zwei Präsenzwochen frei?", ""}},
      {"fr", {"Votre employeur vous libère-t-il pour les deux semaines en présentiel ?", ""}},
      {"ar", {"هل سيسمح لك صاحب العمل بحضور الأسبوعين الحضوريين؟", ""}}};
  cs::insert_question(db, call, release);
  admissions::Question topic;
  topic.kind = "text";
  topic.required = false;
  topic.texts = {{"en", {"Which topic would your final paper be about?", "A sentence is enough."}},
                 {"de", {"Worüber würden Sie Ihre Abschlussarbeit schreiben?", "Ein Satz genügt."}},
                 {"fr", {"Quel serait le sujet de votre mémoire ?", "Une phrase suffit."}},
                 {"ar", {"ما موضوع بحثك الختامي المقترح؟", "تكفي جملة واحدة."}}};
  cs::insert_question(db, call, topic);
}

// The cohort's parity targets as minimums on the places, and at most a
// quarter of the places per country.
void add_bounds(db::Session& db, int64_t call, int64_t cohort, long places) {
  for (const auto& target : programme::store::list_cohort_targets(db, cohort)) {
    if (target.dimension == "country") continue;
    admissions::Bound b;
    b.dimension = target.dimension;
    b.value = target.value;
    b.min_count = places * target.share_percent / 100;
    cs::insert_bound(db, call, b);
  }
  admissions::Bound each;
  each.dimension = "country";
  each.value = "*";
  each.max_count = std::max(2L, places / 4);
  cs::insert_bound(db, call, each);
}

int64_t local(std::string_view date, std::string_view time) {
  auto at = curriculum::local_instant(date, time, kZone, "demo");
  if (!at) throw std::runtime_error("demo call date rejected: " + std::string(date));
  return at->at;
}

void add_call(db::Session& db, const programme::Cohort& cohort, bool open, int64_t now) {
  admissions::Call c;
  c.programme_id = cohort.programme_id;
  c.cohort_id = cohort.id;
  c.time_zone = kZone;
  c.places = cohort.capacity > 0 ? cohort.capacity : 24;
  c.blind_fields = admissions::blinding::default_blind_fields();
  c.created_at = c.updated_at = now;
  if (open) {
    // Opened two weeks ago; closes at 23:59 Berlin time six weeks from now.
    const auto opens = curriculum::local_parts(now - 14 * kDay, kZone);
    const auto closes = curriculum::local_parts(now + 42 * kDay, kZone);
    c.opens_at = local(opens.date, "09:00");
    c.closes_at = local(closes.date, "23:59") + 60;
    c.status = "published";
  } else {
    // Closed some months before the cohort started (or before now).
    const int64_t before = std::min(cohort.starts_on - 90 * kDay, now - 60 * kDay);
    const auto closes = curriculum::local_parts(before, kZone);
    const auto opens = curriculum::local_parts(before - 56 * kDay, kZone);
    c.opens_at = local(opens.date, "09:00");
    c.closes_at = local(closes.date, "23:59") + 60;
    c.status = "closed";
  }
  const int64_t id = cs::insert_call(db, c);
  cs::replace_texts(db, id, texts_for(cohort.number, open));
  cs::replace_documents(
      db, id, {{"cv", true, 5 * 1024 * 1024}, {"support_letter", false, 5 * 1024 * 1024}});
  add_questions(db, id);
  add_rubric(db, id);
  add_bounds(db, id, cohort.id, c.places);
}

}  // namespace

void load_calls(db::Session& db, int64_t now) {
  auto programme_id = programme::store::find_programme_id(db, "crm");
  if (!programme_id) return;
  db::Transaction tx(db);
  auto cohorts = programme::store::list_cohorts(db, *programme_id);
  const programme::Cohort* fifth = nullptr;
  for (const auto& c : cohorts)
    if (c.number == 5) fifth = &c;
  std::optional<programme::Cohort> made;
  if (!fifth) {
    programme::Cohort c;
    c.programme_id = *programme_id;
    c.number = 5;
    c.name = "Cohort 5";
    const auto start = curriculum::local_parts(now + 120 * kDay, kZone);
    c.starts_on = local(start.date, "00:00");
    c.ends_on = c.starts_on + 365 * kDay;
    c.status = "planned";
    c.regional_focus = "West Africa and the Maghreb";
    c.capacity = 28;
    c.location = "Tunis";
    c.id = programme::store::insert_cohort(db, c);
    // The same parity targets as the newest cohort.
    const programme::Cohort* newest = nullptr;
    for (const auto& x : cohorts)
      if (!newest || x.number > newest->number) newest = &x;
    if (newest)
      for (const auto& target : programme::store::list_cohort_targets(db, newest->id))
        programme::store::insert_cohort_target(db, c.id, target);
    made = c;
    fifth = &*made;
  }
  std::vector<int64_t> with_call;
  for (const auto& row : cs::list_programme_calls(db, 0, true, "en"))
    with_call.push_back(row.call.cohort_id);
  auto has_call = [&](int64_t cohort) {
    return std::find(with_call.begin(), with_call.end(), cohort) != with_call.end();
  };
  for (const auto& c : cohorts)
    if (c.number >= 1 && c.number <= 4 && !has_call(c.id)) add_call(db, c, false, now);
  if (!has_call(fifth->id)) add_call(db, *fifth, true, now);
  tx.commit();
}

}  // namespace crm::demo
