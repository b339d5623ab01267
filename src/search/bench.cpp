#include "search/bench.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "search/change_log.hpp"

namespace crm::search::bench {

namespace {

struct Lang {
  const char* code;
  std::vector<const char*> words;
};

const std::vector<Lang>& languages() {
  static const std::vector<Lang> l = {
      {"ar", {"المهاجرين", "العودة",  "إعادة", "الإدماج", "الاقتصادي", "الأطفال", "النساء",
              "التدريب",   "المهني",  "الصحة", "النفسية", "المجتمع",   "العمل",   "التعليم",
              "الأسر",     "الطوعية", "الدعم", "المحلي",  "الشباب",    "مشروع"}},
      {"de", {"Rückkehr",   "Reintegration", "Kinder",        "Frauen",        "Ausbildung",
              "berufliche", "Beratung",      "Gemeinden",     "Rückführungen", "Familien",
              "Arbeit",     "Gesundheit",    "psychosoziale", "Unterstützung", "Jugendliche",
              "Migration",  "Projekte",      "Bildung",       "Netzwerke",     "Kleinunternehmen"}},
      {"en", {"return",     "reintegration", "children",    "women",      "training",
              "vocational", "counselling",   "communities", "families",   "livelihoods",
              "health",     "psychosocial",  "support",     "youth",      "migration",
              "projects",   "education",     "networks",    "enterprise", "returnees"}},
      {"fr", {"retour",    "réintégration",   "l'intégration",  "enfants",     "femmes",
              "formation", "professionnelle", "accompagnement", "communautés", "familles",
              "emploi",    "santé",           "psychosociale",  "soutien",     "jeunes",
              "migrants",  "projets",         "éducation",      "réseaux",     "entreprises"}},
      {"tr", {"göçmenlerin", "göçmen",   "dönüş",    "yeniden",  "entegrasyon",
              "çocuklar",    "kadınlar", "eğitim",   "mesleki",  "danışmanlık",
              "topluluklar", "aileler",  "istihdam", "sağlık",   "psikososyal",
              "destek",      "gençler",  "göç",      "projeler", "girişim"}},
      {"it", {"rimpatrio",  "reintegrazione", "dell'integrazione", "bambini",  "donne",
              "formazione", "professionale",  "accoglienza",       "comunità", "famiglie",
              "lavoro",     "salute",         "psicosociale",      "sostegno", "giovani",
              "migranti",   "progetti",       "istruzione",        "reti",     "imprese"}},
  };
  return l;
}

const char* kCountries[] = {"IQ", "SY", "AF", "NG", "SN", "GM", "TR", "DE",
                            "IT", "FR", "TN", "MA", "ER", "ET", "GH", "ML"};
const char* kGroups[] = {"children", "women", "minorities", "youth"};
const char* kDims[] = {"economic", "social", "psychosocial"};

std::string words(std::mt19937& rng, const Lang& l, int n) {
  std::string s;
  std::uniform_int_distribution<size_t> pick(0, l.words.size() - 1);
  for (int i = 0; i < n; ++i) s += (i ? " " : "") + std::string(l.words[pick(rng)]);
  return s;
}

}  // namespace

void generate_works(db::Session& db, long n, int64_t now) {
  using soci::into;
  using soci::use;
  std::mt19937 rng(20261130);
  db::Transaction tx(db);
  long long programme = 0, cohort = 0, t = now;
  std::string slug = "bench-search";
  db.sql() << "INSERT INTO programme (slug, anonymity_threshold, created_at) VALUES (:s, 5, :t) "
              "RETURNING id",
      use(slug), use(t), into(programme);
  db.sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status) VALUES "
              "(:p, 1, 'Bench cohort', :t, :t2, 'completed') RETURNING id",
      use(programme), use(t), use(t), into(cohort);
  const auto& langs = languages();
  for (long i = 0; i < n; ++i) {
    long long person = 0, paper = 0, pub = 0, when = now - (n - i) * 60;
    std::string name = fmt::format("Author{} Bench", i),
                email = fmt::format("bench{}@example.org", i);
    db.sql() << "INSERT INTO person (name, email, country, created_at) VALUES (:n, :e, 'DE', :t) "
                "RETURNING id",
        use(name), use(email), use(t), into(person);
    db.sql() << "INSERT INTO paper (cohort_id, person_id, status, created_at, updated_at) VALUES "
                "(:c, :p, 'accepted', :t, :t2) RETURNING id",
        use(cohort), use(person), use(when), use(when), into(paper);
    const Lang& a = langs[static_cast<size_t>(i) % langs.size()];
    std::string lang = a.code, title = words(rng, a, 6), abstract = words(rng, a, 60);
    db.sql() << "INSERT INTO paper_text (paper_id, language, title, abstract) VALUES (:p, :l, :t, "
                ":a)",
        use(paper), use(lang), use(title), use(abstract);
    if (i % 3 == 0) {  // a second language: an English abstract under the title
      const Lang& en = langs[2];
      std::string l2 = en.code, t2 = words(rng, en, 6), a2 = words(rng, en, 40);
      if (l2 != lang)
        db.sql() << "INSERT INTO paper_text (paper_id, language, title, abstract) VALUES (:p, :l, "
                    ":t, :a)",
            use(paper), use(l2), use(t2), use(a2);
    }
    std::vector<std::pair<std::string, std::string>> tags = {
        {"country", kCountries[rng() % std::size(kCountries)]},
        {"country", kCountries[rng() % std::size(kCountries)]},
        {"target_group", kGroups[rng() % std::size(kGroups)]},
        {"dimension", kDims[rng() % std::size(kDims)]},
        {"gcm", std::to_string(1 + rng() % 23)},
        {"sdg", std::to_string(1 + rng() % 17)},
        {"topic", a.words[rng() % a.words.size()]}};
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    for (auto& [k, v] : tags)
      db.sql() << "INSERT INTO paper_tag (paper_id, kind, value) VALUES (:p, :k, :v)", use(paper),
          use(k), use(v);
    db.sql() << "INSERT INTO publication (work_kind, work_id, consent_at, published_at) VALUES "
                "('paper', :w, :t, :t2) RETURNING id",
        use(paper), use(when), use(when), into(pub);
    record_change(db, WorkKind::paper, paper, now);
  }
  tx.commit();
}

std::vector<std::string> sample_queries() {
  return {"",
          "المهاجرين",
          "والمهاجرون العودة",
          "Rückkehr",
          "Kinder Ausbildung",
          "Rückkehr*",
          "reintegration",
          "\"vocational training\"",
          "return NOT children",
          "l'intégration",
          "formation professionnelle",
          "göçmenlerin",
          "dell'integrazione",
          "health OR santé"};
}

Timing measure(Index& index, const std::vector<std::string>& queries, int rounds) {
  std::vector<double> ms;
  std::vector<std::vector<double>> each(queries.size() * 2);
  for (int r = 0; r < rounds; ++r) {
    for (size_t i = 0; i < queries.size(); ++i) {
      SearchRequest req;
      req.q = queries[i];
      req.cached = false;  // the search itself, not the result cache
      if ((r + i) % 2) req.filters["country"] = {"IQ"};
      auto start = std::chrono::steady_clock::now();
      auto res = index.search_only(req);
      const double took =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      ms.push_back(took);
      each[i * 2 + (r + i) % 2].push_back(took);
      (void)res;
    }
  }
  std::sort(ms.begin(), ms.end());
  Timing t;
  t.searches = static_cast<long>(ms.size());
  if (ms.empty()) return t;
  t.p50_ms = ms[ms.size() / 2];
  t.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  t.max_ms = ms.back();
  for (size_t i = 0; i < each.size(); ++i) {
    auto& v = each[i];
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    t.per_query.push_back({queries[i / 2], i % 2 == 1, v[v.size() / 2]});
  }
  return t;
}

}  // namespace crm::search::bench
