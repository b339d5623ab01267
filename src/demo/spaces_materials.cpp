// Demo libraries of the spaces (issue 14 §3): in the spaces of the demo
// programme's own cohorts (numbers 1 to 4, not the copies --scale adds, so
// a larger demo costs no more), its alumni space and any theme or region
// space, a few real small PDFs (drawn by papers::render_pdf) and links in
// English, German, French and Arabic, some tied to the cohort's first
// module, one with two versions. Added by a moderator of the space and by a
// participant, so the authors and the "new" marks show. Idempotent: a
// database with any space material is left as it is.
#include "db/blob.hpp"
#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "papers/pdf.hpp"

namespace crm::demo {

namespace {

using soci::into;
using soci::use;
using ll = long long;

constexpr int kSpacesSchema = 21;

struct SpaceRow {
  ll id = 0, cohort_id = 0, module_id = 0, moderator = 0, participant = 0;
  std::string kind;
};

struct Item {
  const char* title;
  const char* description;
  const char* language;
  bool file;
  const char* target;  // file name or URL
  bool of_module;
  bool by_participant;
  int days_ago;
};

ll insert(db::Session& db, const SpaceRow& s, const Item& it, const std::string& pdf, ll replaces,
          ll at) {
  ll space = s.id, module = s.module_id,
     by = it.by_participant && s.participant ? s.participant : s.moderator,
     size = it.file ? static_cast<ll>(pdf.size()) : 0, id = 0;
  soci::indicator mi = it.of_module && module ? soci::i_ok : soci::i_null;
  soci::indicator ri = replaces ? soci::i_ok : soci::i_null;
  soci::indicator bi = by ? soci::i_ok : soci::i_null;
  soci::indicator di = it.file ? soci::i_ok : soci::i_null;
  std::string title = it.title, description = it.description, language = it.language,
              kind = it.file ? "file" : "link", url = it.file ? "" : it.target,
              filename = it.file ? it.target : "", type = it.file ? "application/pdf" : "",
              bytes = db::blob_param(db, it.file ? pdf : std::string());
  db.sql() << "INSERT INTO space_material (space_id, title, description, language, module_id, "
              "kind, url, filename, content_type, size, data, replaces_id, added_by_account_id, "
              "created_at) VALUES (:s, :t, :d, :l, :m, :k, :u, :f, :c, :z, :b, :r, :a, :at) "
              "RETURNING id",
      use(space), use(title), use(description), use(language), use(module, mi), use(kind), use(url),
      use(filename), use(type), use(size), use(bytes, di), use(replaces, ri), use(by, bi), use(at),
      into(id);
  return id;
}

std::string pdf(const char* title, const char* language, std::vector<std::string> paragraphs) {
  papers::PdfDocument d;
  d.title = title;
  d.author = "crm demo";
  d.language = language;
  d.paragraphs = std::move(paragraphs);
  return papers::render_pdf(d);
}

}  // namespace

void load_spaces_materials(db::Session& db, int64_t now) {
  if (db::schema_version(db) < kSpacesSchema) return;
  ll existing = 0;
  db.sql() << "SELECT COUNT(*) FROM space_material", into(existing);
  if (existing > 0) return;
  std::vector<SpaceRow> spaces;
  {
    db::Rows rows = (db.sql().prepare
                     << "SELECT s.id, s.kind, COALESCE(s.cohort_id, 0), COALESCE((SELECT MIN(m.id) "
                        "FROM module m WHERE m.cohort_id = s.cohort_id), 0), COALESCE((SELECT "
                        "MIN(sm.account_id) FROM space_membership sm WHERE sm.space_id = s.id AND "
                        "sm.moderator = 1), 0), COALESCE((SELECT MIN(sm.account_id) FROM "
                        "space_membership sm WHERE sm.space_id = s.id AND sm.moderator = 0), 0) "
                        "FROM space s LEFT JOIN cohort c ON c.id = s.cohort_id WHERE (s.kind = "
                        "'cohort' AND c.number <= 4) OR s.kind <> 'cohort' ORDER BY s.id LIMIT 12");
    for (const auto& r : rows)
      spaces.push_back(SpaceRow{db::get_int64(r, 0), db::get_int64(r, 2), db::get_int64(r, 3),
                                db::get_int64(r, 4), db::get_int64(r, 5), db::get_text(r, 1)});
  }
  if (spaces.empty()) return;
  const std::string reading_v1 =
      pdf("Reading list: return counselling", "en",
          {"Core texts for the module on counselling people before and after their return.",
           "1. Voluntary return and reintegration: a framework for practitioners.",
           "2. Case management in the country of origin: first steps."});
  const std::string reading_v2 =
      pdf("Reading list: return counselling (revised)", "en",
          {"Core texts for the module on counselling people before and after their return.",
           "1. Voluntary return and reintegration: a framework for practitioners.",
           "2. Case management in the country of origin: first steps.",
           "3. Added after the on-site week: children and families returning."});
  const std::string guide_de =
      pdf("Leitfaden Reintegrationsberatung", "de",
          {"Dieser Leitfaden fasst die Schritte der Beratung vor der Ausreise zusammen.",
           "Er wurde in der zweiten Präsenzwoche gemeinsam erarbeitet."});
  const std::string guide_ar = pdf("دليل إعادة الإدماج", "ar",
                                   {"يلخص هذا الدليل خطوات المرافقة بعد العودة في بلد الأصل.",
                                    "أُعدّ بالتعاون بين المشاركين في الأسبوع الحضوري الثاني."});
  const std::string alumni_pdf =
      pdf("Alumni network: who works where", "en",
          {"A short overview of where graduates of the programme work today, by region.",
           "Update it when your position changes."});

  const Item reading{"Reading list: return counselling",
                     "The texts to read before the first module's online sessions.",
                     "en",
                     true,
                     "reading-list.pdf",
                     true,
                     false,
                     30};
  const Item reading_new{"Reading list: return counselling",
                         "Revised after the on-site week: a third text on children and families.",
                         "en",
                         true,
                         "reading-list-revised.pdf",
                         true,
                         false,
                         3};
  const Item cohort_items[] = {
      {"Leitfaden Reintegrationsberatung", "Die Schritte der Beratung vor der Ausreise.", "de",
       true, "Leitfaden Reintegrationsberatung.pdf", true, false, 20},
      {"دليل إعادة الإدماج", "خطوات المرافقة بعد العودة، كما ناقشناها في الأسبوع الحضوري.", "ar",
       true, "دليل إعادة الإدماج.pdf", false, true, 2},
      {"IOM: Return and reintegration",
       "The International Organization for Migration's pages "
       "on assisted voluntary return.",
       "en", false, "https://www.iom.int/assisted-voluntary-return-and-reintegration", false, false,
       12},
      {"OFII : aide au retour", "Le dispositif français d'aide au retour et à la réinsertion.",
       "fr", false, "https://www.ofii.fr/aide-au-retour-et-a-la-reinsertion/", true, true, 1},
  };
  const Item alumni_items[] = {
      {"Alumni network: who works where", "Where graduates work today, by region.", "en", true,
       "alumni-network.pdf", false, false, 40},
      {"Réseau européen de réintégration (ERRIN)", "Ressources partagées par les anciens.", "fr",
       false, "https://returnnetwork.eu/", false, true, 5},
  };
  const Item theme_item{"UNICEF: children on the move",
                        "Guidance on the return and reintegration of children.",
                        "en",
                        false,
                        "https://www.unicef.org/children-on-the-move",
                        false,
                        false,
                        4};
  db::Transaction tx(db);
  bool versioned = false;
  for (const auto& s : spaces) {
    if (!s.moderator) continue;
    if (s.kind == "cohort") {
      ll first = insert(db, s, reading, reading_v1, 0, now - reading.days_ago * 86400LL);
      if (!versioned) {
        insert(db, s, reading_new, reading_v2, first, now - reading_new.days_ago * 86400LL);
        versioned = true;
      }
      for (const auto& it : cohort_items) {
        const std::string& bytes = std::string_view(it.language) == "de" ? guide_de : guide_ar;
        insert(db, s, it, it.file ? bytes : std::string(), 0, now - it.days_ago * 86400LL);
      }
    } else if (s.kind == "alumni") {
      for (const auto& it : alumni_items)
        insert(db, s, it, it.file ? alumni_pdf : std::string(), 0, now - it.days_ago * 86400LL);
    } else {
      insert(db, s, theme_item, std::string(), 0, now - theme_item.days_ago * 86400LL);
    }
  }
  tx.commit();
}

}  // namespace crm::demo
