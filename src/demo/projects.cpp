// Demo practice projects and curated resources: projects of the demo
// programme at every status with teams across its cohorts (the demo
// participant leads one), partner organisations, dated updates and tags,
// linked to demo papers when the papers' demo made some; and curated
// resources on return and reintegration in six languages, of every kind,
// most published, several with a PDF of a few paragraphs in its language
// (cairo and pango, as the certificates). Fictional but realistic.
//
// Idempotent: a project or resource whose title the programme already has is
// skipped. Reads what other parts' demo code made from the database. The
// PDFs' text is stored with them (extracted_text), so the demo queues no
// extraction job.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "knowledge/resource_store.hpp"
#include "papers/project_store.hpp"
#include "search/change_log.hpp"

namespace crm::demo {

namespace {

using soci::into;
using soci::use;
using ll = long long;

// 0010_papers_knowledge.sql made the tables: an older schema has none.
constexpr int kKnowledgeSchema = 10;
constexpr int64_t kDay = 86400;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// An A4 page (or more) of a title and paragraphs, laid out by pango in the
// text's own direction.
std::string text_pdf(const std::string& title, const std::vector<std::string>& paragraphs) {
  constexpr double kWidth = 595, kHeight = 842, kMargin = 64;
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw std::runtime_error("cairo: cannot create a PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_t* cr = cairo_create(surface);
  double y = kMargin;
  auto draw = [&](const std::string& s, const char* font) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_auto_dir(layout, TRUE);
    pango_layout_set_width(layout, static_cast<int>((kWidth - 2 * kMargin) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, s.data(), static_cast<int>(s.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    const double height = static_cast<double>(h) / PANGO_SCALE;
    if (y + height > kHeight - kMargin) {
      cairo_show_page(cr);
      y = kMargin;
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
    cairo_move_to(cr, kMargin, y);
    pango_cairo_show_layout(cr, layout);
    y += height + 12;
    pango_font_description_free(desc);
    g_object_unref(layout);
  };
  draw(title, "Noto Sans Bold 16");
  for (const auto& p : paragraphs) draw(p, "Noto Serif 11");
  cairo_show_page(cr);
  const auto status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  return out;
}

struct DemoResource {
  const char* kind;
  const char* language;
  const char* title;
  const char* authors;
  const char* publisher;
  int year;
  const char* summary;
  const char* url;
  bool published;
  std::vector<knowledge::Tag> tags;
  std::vector<std::string> pdf;  // paragraphs of its PDF; empty: no file
};

std::vector<DemoResource> resources() {
  using T = knowledge::Tag;
  return {
      {"report",
       "en",
       "Coming Back, Moving Forward: Reintegration Outcomes in West Africa 2019–2024",
       "Mariama Sow; Daniel Okafor",
       "Centre for Return and Reintegration Studies",
       2025,
       "A five-year follow-up of 1,200 returnees in Senegal, Guinea and Côte d'Ivoire: income, "
       "housing, health and social ties one, three and five years after return.",
       "https://example.org/crrs/coming-back-moving-forward",
       true,
       {T{"country", "SN"}, T{"country", "GN"}, T{"country", "CI"}, T{"dimension", "economic"},
        T{"gcm", "21"}, T{"sdg", "8"}},
       {"This report follows 1,200 people who returned to Senegal, Guinea and Côte d'Ivoire "
        "between 2019 and 2021. We met them one, three and five years after their return and "
        "asked about work, income, housing, health and the people they can rely on.",
        "Five years after return, two in three respondents had a regular income, but only one "
        "in four earned more than before they left. Those who received counselling before "
        "departure and a business grant after arrival fared markedly better than those who "
        "received cash alone.",
        "Social ties matter as much as money: returnees who were welcomed by their families "
        "and joined a local association reported better mental health and were half as likely "
        "to plan another irregular journey.",
        "We recommend that reintegration support start before departure, last at least "
        "eighteen months and combine economic, social and psychosocial help."}},
      {"manual",
       "en",
       "Counselling Returnees: A Practitioner's Manual",
       "Helen Achterberg",
       "European Network of Return Counsellors",
       2023,
       "Step-by-step guidance for counsellors: first meeting, needs assessment, a reintegration "
       "plan and follow-up after arrival.",
       "https://example.org/enrc/counselling-manual",
       true,
       {T{"target_group", "professionals"}, T{"dimension", "psychosocial"},
        T{"topic", "counselling"}},
       {"Good counselling begins with listening. The first meeting is not the place to present "
        "programmes, but to understand why the person left, what they hoped for and what they "
        "fear about going back.",
        "A reintegration plan is written together with the returnee. It names concrete steps, "
        "who supports each of them and when the counsellor will check in again.",
        "Follow-up after arrival is where most programmes fall short. Agree on a contact person "
        "in the country of return and a date for the first call before the journey."}},
      {"guideline",
       "en",
       "Minimum Standards for Child-Sensitive Return",
       "",
       "Inter-Agency Working Group on Children on the Move",
       2022,
       "Standards for the return of children and unaccompanied minors: best-interest "
       "determination, family tracing, schooling and follow-up.",
       "https://example.org/iawg/child-sensitive-return",
       true,
       {T{"target_group", "children"}, T{"target_group", "unaccompanied_minors"}, T{"gcm", "7"},
        T{"sdg", "4"}},
       {}},
      {"study",
       "en",
       "Remittances and Return: Household Strategies in Kosovo and Albania",
       "Arta Krasniqi; Paul Lindqvist",
       "Balkan Migration Research Institute",
       2021,
       "How households combine remittances, savings and return migration; survey of 800 "
       "households.",
       "https://example.org/bmri/remittances-and-return",
       true,
       {T{"country", "XK"}, T{"country", "AL"}, T{"gcm", "20"}, T{"dimension", "economic"}},
       {}},
      {"policy",
       "en",
       "National Strategy on Sustainable Reintegration 2024–2030",
       "Ministry of Labour and Social Affairs",
       "Government of the Republic of Ghana (draft)",
       2024,
       "A draft national strategy linking reintegration to employment and social "
       "protection programmes.",
       "https://example.org/gh/reintegration-strategy",
       false,
       {T{"country", "GH"}, T{"gcm", "21"}, T{"sdg", "10"}},
       {}},
      {"report",
       "de",
       "Rückkehr und Reintegration in Westafrika: Bilanz eines Förderprogramms",
       "Katrin Vogel; Samuel Mensah",
       "Institut für Entwicklung und Migration, Bonn",
       2024,
       "Auswertung eines dreijährigen Förderprogramms in Ghana und Nigeria: was wirkte, was "
       "nicht, und was Geldgeber daraus lernen können.",
       "https://example.org/iem/bilanz-westafrika",
       true,
       {T{"country", "GH"}, T{"country", "NG"}, T{"dimension", "economic"}, T{"sdg", "8"}},
       {"Der vorliegende Bericht wertet ein dreijähriges Programm zur Unterstützung von "
        "Rückkehrerinnen und Rückkehrern in Ghana und Nigeria aus. Grundlage sind Interviews mit "
        "340 Teilnehmenden, Beraterinnen und Partnerorganisationen.",
        "Am wirksamsten waren Angebote, die berufliche Qualifizierung mit einer Begleitung über "
        "mindestens ein Jahr verbanden. Einmalige Starthilfen ohne Beratung führten dagegen "
        "selten zu einem dauerhaften Einkommen.",
        "Wir empfehlen, lokale Organisationen früher einzubinden und die psychosoziale "
        "Unterstützung als festen Bestandteil jeder Reintegrationshilfe zu planen."}},
      {"manual",
       "de",
       "Handbuch Rückkehrberatung: Grundlagen, Methoden, Fallbeispiele",
       "Bundesnetzwerk Rückkehrberatung",
       "Bundesnetzwerk Rückkehrberatung e. V.",
       2022,
       "Ein Handbuch für Beratungsstellen mit Gesprächsleitfäden und zwölf Fallbeispielen.",
       "https://example.org/bnrb/handbuch",
       true,
       {T{"country", "DE"}, T{"target_group", "professionals"}, T{"topic", "Beratung"}},
       {}},
      {"guideline",
       "de",
       "Leitlinien für eine gendersensible Reintegrationsberatung",
       "",
       "Deutsches Forum Migration und Entwicklung",
       2023,
       "Leitlinien, wie Beratung die Lage von Frauen und Mädchen vor und nach der Rückkehr "
       "berücksichtigt.",
       "https://example.org/dfme/gender-leitlinien",
       true,
       {T{"target_group", "women"}, T{"sdg", "5"}, T{"gcm", "7"}},
       {"Frauen kehren oft unter anderen Bedingungen zurück als Männer: mit Kindern, nach "
        "Gewalterfahrungen oder ohne Zugang zu Land und Krediten. Eine Beratung, die das nicht "
        "erfragt, übersieht entscheidende Hindernisse.",
        "Diese Leitlinien geben Beratungsstellen konkrete Fragen, Gesprächsregeln und Hinweise "
        "auf spezialisierte Angebote im Herkunftsland an die Hand."}},
      {"study",
       "de",
       "Psychosoziale Folgen erzwungener Rückkehr: Eine qualitative Studie",
       "Lena Hartmann",
       "Universität Osnabrück, Institut für Migrationsforschung",
       2020,
       "Interviews mit 45 Menschen ein Jahr nach ihrer Abschiebung nach Afghanistan und in den "
       "Irak.",
       "https://example.org/imis/psychosoziale-folgen",
       true,
       {T{"dimension", "psychosocial"}, T{"country", "AF"}, T{"country", "IQ"}},
       {}},
      {"policy",
       "de",
       "Eckpunkte einer kommunalen Rückkehr- und Reintegrationsstrategie",
       "",
       "Deutscher Städtetag (Entwurf)",
       2025,
       "Eckpunkte, wie Kommunen Rückkehrberatung, Ausländerbehörden und Zivilgesellschaft "
       "besser verzahnen.",
       "https://example.org/dst/eckpunkte",
       false,
       {T{"country", "DE"}, T{"gcm", "23"}},
       {}},
      {"report",
       "fr",
       "Retour et réinsertion au Sénégal : bilan de dix ans d'accompagnement",
       "Aminata Ndiaye; Jean-Luc Moreau",
       "Observatoire des migrations de retour, Dakar",
       2023,
       "Dix ans de programmes d'aide au retour au Sénégal : résultats, limites et pistes pour "
       "l'avenir.",
       "https://example.org/omr/bilan-dix-ans",
       true,
       {T{"country", "SN"}, T{"dimension", "social"}, T{"gcm", "21"}},
       {"Ce rapport dresse le bilan de dix années d'accompagnement au retour au Sénégal. Il "
        "s'appuie sur les données de quatre programmes et sur 120 entretiens avec des personnes "
        "revenues entre 2013 et 2022.",
        "Les projets les plus durables sont ceux qui ont associé la famille et la communauté "
        "dès le départ. L'appui financier seul, sans suivi, a rarement suffi.",
        "Nous recommandons de renforcer les services publics de l'emploi et de mieux "
        "coordonner les acteurs locaux autour de chaque personne accompagnée."}},
      {"manual",
       "fr",
       "Guide pratique de l'accompagnement psychosocial des personnes de retour",
       "Claire Dubois",
       "Réseau francophone Migration et Santé",
       2021,
       "Un guide pour les intervenants : repérer la détresse, orienter et accompagner.",
       "https://example.org/rfms/guide-psychosocial",
       true,
       {T{"dimension", "psychosocial"}, T{"target_group", "professionals"}, T{"sdg", "3"}},
       {}},
      {"guideline",
       "fr",
       "Lignes directrices pour la réintégration des jeunes de retour",
       "",
       "Organisation ouest-africaine pour la jeunesse et l'emploi",
       2024,
       "Principes pour l'insertion professionnelle des jeunes de retour : formation, stages et "
       "microcrédit.",
       "https://example.org/oajee/jeunes",
       true,
       {T{"target_group", "youth"}, T{"sdg", "8"}, T{"dimension", "economic"}},
       {}},
      {"study",
       "fr",
       "Migrations de retour et développement local au Maroc",
       "Youssef El Amrani",
       "Institut d'études méditerranéennes, Rabat",
       2019,
       "Étude de cas dans trois provinces : investissements des personnes revenues et effets "
       "sur l'emploi local.",
       "https://example.org/iem/maroc",
       true,
       {T{"country", "MA"}, T{"gcm", "19"}, T{"dimension", "economic"}},
       {}},
      {"policy",
       "fr",
       "Politique nationale de migration du Mali : volet retour et réinsertion",
       "",
       "Ministère des Maliens établis à l'extérieur",
       2022,
       "Le volet retour et réinsertion de la politique nationale de migration.",
       "https://example.org/ml/politique-nationale",
       true,
       {T{"country", "ML"}, T{"gcm", "21"}},
       {}},
      {"report",
       "ar",
       "العودة وإعادة الإدماج في شمال أفريقيا: تقرير إقليمي",
       "سارة بن علي؛ كريم منصور",
       "مركز دراسات الهجرة والعودة، تونس",
       2024,
       "تقرير إقليمي عن برامج إعادة الإدماج في تونس والمغرب ومصر: النتائج والتحديات والتوصيات.",
       "https://example.org/cmrs/regional-report",
       true,
       {T{"country", "TN"}, T{"country", "MA"}, T{"country", "EG"}, T{"dimension", "social"}},
       {"يتناول هذا التقرير تجارب العائدين إلى تونس والمغرب ومصر خلال السنوات الخمس الماضية، "
        "ويستند إلى مقابلات مع مئتين وخمسين شخصاً ومع المنظمات التي رافقتهم.",
        "تبيّن النتائج أن الدعم الاقتصادي وحده لا يكفي، وأن الأسرة والمجتمع المحلي يؤديان دوراً "
        "حاسماً في نجاح العودة واستقرار العائدين.",
        "نوصي بأن تبدأ برامج إعادة الإدماج قبل السفر، وأن تستمر سنة ونصف على الأقل، وأن تجمع "
        "بين الدعم الاقتصادي والاجتماعي والنفسي."}},
      {"manual",
       "ar",
       "دليل المرشد في الدعم النفسي والاجتماعي للعائدين",
       "ليلى الخطيب",
       "الشبكة العربية للصحة النفسية والهجرة",
       2022,
       "دليل عملي للمرشدين: التعرف على الضيق النفسي، والإحالة، والمتابعة بعد العودة.",
       "https://example.org/anmh/guide",
       true,
       {T{"dimension", "psychosocial"}, T{"sdg", "3"}},
       {"يبدأ الدعم النفسي والاجتماعي بالإصغاء. على المرشد أن يفهم أسباب الهجرة وآمال الشخص "
        "ومخاوفه من العودة قبل أن يقترح أي برنامج.",
        "يقدّم هذا الدليل أسئلة مقترحة وخطوات واضحة للإحالة إلى الخدمات المتخصصة عند الحاجة."}},
      {"guideline",
       "ar",
       "مبادئ توجيهية لعودة الأطفال غير المصحوبين",
       "",
       "المجلس العربي للطفولة والتنمية",
       2023,
       "مبادئ لحماية الأطفال غير المصحوبين قبل العودة وأثناءها وبعدها.",
       "https://example.org/accd/children",
       true,
       {T{"target_group", "unaccompanied_minors"}, T{"gcm", "7"}},
       {}},
      {"study",
       "ar",
       "أثر العودة على الأسر في صعيد مصر: دراسة ميدانية",
       "محمود عبد الرحمن",
       "الجامعة الأمريكية بالقاهرة، مركز دراسات الهجرة",
       2021,
       "دراسة ميدانية عن أوضاع ثلاثمئة أسرة بعد عودة أحد أفرادها.",
       "https://example.org/auc/families",
       true,
       {T{"country", "EG"}, T{"target_group", "families"}},
       {}},
      {"policy",
       "ar",
       "الاستراتيجية الوطنية للهجرة في الأردن: محور العودة",
       "",
       "وزارة العمل الأردنية",
       2023,
       "محور العودة وإعادة الإدماج في الاستراتيجية الوطنية.",
       "https://example.org/jo/strategy",
       false,
       {T{"country", "JO"}, T{"gcm", "21"}},
       {}},
      {"report",
       "tr",
       "Geri Dönüş ve Yeniden Uyum: Türkiye'den Dönenlerin Deneyimleri",
       "Elif Yıldırım; Murat Demirci",
       "Geri Dönüş ve Uyum Araştırmaları Merkezi, Ankara",
       2024,
       "Almanya'dan Türkiye'ye dönen 500 kişinin iş, konut ve sosyal uyum deneyimleri.",
       "https://example.org/gduam/deneyimler",
       true,
       {T{"country", "TR"}, T{"country", "DE"}, T{"dimension", "social"}},
       {"Bu rapor, son beş yılda Almanya'dan Türkiye'ye dönen beş yüz kişinin deneyimlerini "
        "inceliyor. Görüşmeler iş bulma, konut ve çocukların okula uyumu üzerine yoğunlaşıyor.",
        "Dönüşten önce danışmanlık alanlar, iş piyasasına çok daha hızlı uyum sağladı. "
        "Çocukların okul uyumu ise ailelerin en büyük endişesi olmaya devam ediyor."}},
      {"manual",
       "tr",
       "Geri Dönen Göçmenlere Danışmanlık El Kitabı",
       "Ayşe Kaya",
       "Göç ve Kalkınma Derneği, İstanbul",
       2022,
       "Danışmanlar için görüşme rehberleri ve örnek vakalar.",
       "https://example.org/gkd/el-kitabi",
       true,
       {T{"target_group", "professionals"}, T{"topic", "danışmanlık"}},
       {}},
      {"study",
       "tr",
       "Kadın Göçmenlerin Geri Dönüş Sonrası İstihdamı",
       "Zeynep Arslan",
       "Hacettepe Üniversitesi Nüfus Etütleri Enstitüsü",
       2021,
       "Dönüş sonrası kadın istihdamının önündeki engeller üzerine nitel bir çalışma.",
       "https://example.org/hu/kadin-istihdami",
       true,
       {T{"target_group", "women"}, T{"sdg", "5"}, T{"dimension", "economic"}},
       {}},
      {"policy",
       "tr",
       "Gönüllü Geri Dönüş ve Yeniden Entegrasyon Eylem Planı",
       "",
       "Göç İdaresi Başkanlığı (taslak)",
       2025,
       "Gönüllü geri dönüş için ulusal eylem planı taslağı.",
       "https://example.org/tr/eylem-plani",
       false,
       {T{"country", "TR"}, T{"gcm", "21"}},
       {}},
      {"report",
       "it",
       "Rimpatrio e reintegrazione: rapporto annuale 2024",
       "Giulia Bellini; Marco Ferraresi",
       "Osservatorio sul rimpatrio e la reintegrazione, Roma",
       2024,
       "Dati e analisi sui programmi di rimpatrio volontario assistito dall'Italia.",
       "https://example.org/orr/rapporto-2024",
       true,
       {T{"country", "IT"}, T{"country", "NG"}, T{"gcm", "21"}},
       {"Questo rapporto raccoglie i dati dei programmi di rimpatrio volontario assistito "
        "realizzati dall'Italia nel 2024 e li confronta con quelli degli anni precedenti.",
        "Le persone che hanno ricevuto un sostegno per più di dodici mesi dichiarano più spesso "
        "di avere un reddito stabile e di non voler ripartire.",
        "Raccomandiamo di rafforzare il coordinamento con le organizzazioni locali nei paesi di "
        "ritorno e di includere sempre il sostegno psicosociale."}},
      {"manual",
       "it",
       "Manuale per operatori del rimpatrio volontario assistito",
       "Francesca Greco",
       "Rete italiana per il rimpatrio volontario",
       2021,
       "Procedure, colloqui e piani di reintegrazione per gli operatori.",
       "https://example.org/rirva/manuale",
       true,
       {T{"target_group", "professionals"}},
       {}},
      {"guideline",
       "it",
       "Linee guida per il rimpatrio delle persone vulnerabili",
       "",
       "Consiglio italiano per i rifugiati",
       2022,
       "Linee guida per il rimpatrio di persone con disabilità, anziani e vittime di tratta.",
       "https://example.org/cir/linee-guida",
       true,
       {T{"target_group", "people_with_disabilities"}, T{"target_group", "older_people"},
        T{"gcm", "10"}},
       {}},
      {"study",
       "it",
       "Ritorno e sviluppo locale in Tunisia: uno studio di caso",
       "Luca Ferrari",
       "Università di Palermo, Dipartimento di Scienze Politiche",
       2020,
       "Come i rimpatriati contribuiscono all'economia locale in due governatorati.",
       "https://example.org/unipa/tunisia",
       true,
       {T{"country", "TN"}, T{"dimension", "economic"}, T{"gcm", "19"}},
       {}},
      {"policy",
       "en",
       "Framework for Cooperation on Dignified Return and Sustainable Reintegration",
       "",
       "Joint Africa–Europe Migration Dialogue",
       2021,
       "A framework agreed by partner states for cooperation on return and reintegration.",
       "https://example.org/jaemd/framework",
       true,
       {T{"gcm", "21"}, T{"gcm", "23"}},
       {}},
      {"study",
       "en",
       "Digital Tools in Reintegration Counselling: A Comparative Study",
       "Tomás Herrera; Ngozi Eze",
       "Institute for Migration and Technology",
       2025,
       "How counsellors in six countries use messaging, video calls and online case files with "
       "returnees.",
       "https://example.org/imt/digital-tools",
       true,
       {T{"topic", "digital counselling"}, T{"sdg", "17"}},
       {}},
  };
}

struct DemoProject {
  const char* title;
  const char* language;
  const char* status;
  const char* problem;
  const char* summary;
  std::vector<knowledge::Tag> tags;
  std::vector<std::string> partners;
  std::vector<std::pair<int, const char*>> updates;  // days ago, text
};

std::vector<DemoProject> projects() {
  using T = knowledge::Tag;
  return {
      {"شبكة دعم الأقران للعائدين في تونس",
       "ar",
       "running",
       "يشعر كثير من العائدين بالعزلة في الأشهر الأولى بعد العودة، ولا يعرفون أين يجدون الدعم.",
       "ننشئ مجموعات دعم من الأقران يقودها عائدون سابقون في ثلاث مدن تونسية، بالتعاون مع "
       "جمعيات محلية.",
       {T{"country", "TN"}, T{"dimension", "psychosocial"}, T{"target_group", "professionals"},
        T{"sdg", "3"}},
       {"جمعية الأمل للتنمية"},
       {{60, "عقدنا الاجتماع الأول مع الجمعيات الشريكة في صفاقس."},
        {20, "بدأت أول مجموعة دعم بعشرة مشاركين."}}},
      {"Micro-grants and mentoring for returning young people in Senegal",
       "en",
       "preparation",
       "Young returnees often receive a one-off grant but no advice, and many businesses close "
       "within a year.",
       "We pair each grant with a mentor from the local business community for twelve months.",
       {T{"country", "SN"}, T{"target_group", "youth"}, T{"dimension", "economic"}, T{"sdg", "8"}},
       {"Chambre de commerce de Thiès"},
       {{30, "Agreed the mentoring guide with the chamber of commerce."}}},
      {"Rückkehrberatung im Landkreis: ein Lotsenmodell",
       "de",
       "idea",
       "Beratungsstellen auf dem Land sind schwer erreichbar; viele erfahren zu spät von "
       "Rückkehrhilfen.",
       "Ehrenamtliche Lotsinnen und Lotsen begleiten Ratsuchende zur Beratung und halten "
       "Kontakt nach der Rückkehr.",
       {T{"country", "DE"}, T{"topic", "Ehrenamt"}, T{"gcm", "21"}},
       {},
       {}},
      {"Accompagnement psychosocial des femmes de retour à Bamako",
       "fr",
       "completed",
       "Les femmes de retour font face à la stigmatisation et à des traumatismes rarement pris "
       "en charge.",
       "Des groupes de parole animés par des psychologues et des pairs, pendant un an, pour 60 "
       "femmes.",
       {T{"country", "ML"}, T{"target_group", "women"}, T{"dimension", "psychosocial"},
        T{"sdg", "5"}},
       {"Association malienne des femmes rapatriées"},
       {{300, "Lancement des premiers groupes de parole."},
        {120, "Évaluation à mi-parcours : forte participation."},
        {10, "Rapport final remis aux partenaires."}}},
      {"Geri dönen ailelerin çocukları için okul uyum programı",
       "tr",
       "running",
       "Almanya'dan dönen ailelerin çocukları Türk okullarına uyum sağlamakta zorlanıyor.",
       "Öğretmenler ve gönüllü ağabey-ablalarla haftalık destek saatleri.",
       {T{"country", "TR"}, T{"target_group", "children"}, T{"sdg", "4"}},
       {},
       {{45, "İlk iki okulla protokol imzalandı."}}},
  };
}

int64_t demo_programme(db::Session& db) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM programme WHERE slug = 'crm'", into(id);
  return id;
}

bool has_project(db::Session& db, int64_t programme, const std::string& title) {
  ll p = programme, n = 0;
  db.sql() << "SELECT COUNT(*) FROM project WHERE programme_id = :p AND title = :t", use(p),
      use(title), into(n);
  return n > 0;
}

bool has_resource(db::Session& db, int64_t programme, const std::string& title) {
  ll p = programme, n = 0;
  db.sql() << "SELECT COUNT(*) FROM resource WHERE programme_id = :p AND title = :t", use(p),
      use(title), into(n);
  return n > 0;
}

// The first participants of each of the demo's own cohorts (numbers 1–4),
// the demo participant first: teams across cohorts.
std::vector<std::vector<int64_t>> people_by_cohort(db::Session& db, int64_t programme) {
  std::vector<std::vector<int64_t>> out(4);
  ll p = programme;
  db::Rows rows = (db.sql().prepare
                       << "SELECT c.number, pe.id FROM enrolment e JOIN cohort c ON c.id = "
                          "e.cohort_id JOIN person pe ON pe.id = e.person_id LEFT JOIN account a "
                          "ON a.id = pe.account_id WHERE c.programme_id = :p AND c.number <= 4 AND "
                          "e.role = 'participant' AND e.status IN ('participant', 'graduate') "
                          "ORDER BY CASE WHEN a.email = 'participant@demo.crm.example' THEN 0 "
                          "ELSE 1 END, pe.id",
                   use(p));
  for (const auto& r : rows) {
    auto n = db::get_int64(r, 0);
    if (n >= 1 && n <= 4 && out[n - 1].size() < 8) out[n - 1].push_back(db::get_int64(r, 1));
  }
  return out;
}

// Papers of the demo (helper "papers"): a person → one of their papers.
std::vector<std::pair<int64_t, int64_t>> papers(db::Session& db, int64_t programme) {
  std::vector<std::pair<int64_t, int64_t>> out;
  ll p = programme;
  db::Rows rows = (db.sql().prepare << "SELECT pa.person_id, MIN(pa.id) FROM paper pa JOIN cohort "
                                       "c ON c.id = pa.cohort_id WHERE c.programme_id = :p GROUP "
                                       "BY pa.person_id ORDER BY pa.person_id",
                   use(p));
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_int64(r, 1)});
  return out;
}

std::vector<int64_t> organisations(db::Session& db, int64_t programme) {
  std::vector<int64_t> out;
  ll p = programme;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT pe.organisation_id FROM person pe JOIN "
                                       "enrolment e ON e.person_id = pe.id JOIN cohort c ON c.id "
                                       "= e.cohort_id WHERE c.programme_id = :p AND "
                                       "pe.organisation_id IS NOT NULL ORDER BY 1 LIMIT 5",
                   use(p));
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

int64_t demo_participant(db::Session& db) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MIN(p.id), 0) FROM person p JOIN account a ON a.id = p.account_id "
              "WHERE a.email = 'participant@demo.crm.example'",
      into(id);
  return id;
}

std::string organisation_name(db::Session& db, int64_t id) {
  ll i = id;
  std::string name;
  db.sql() << "SELECT name FROM organisation WHERE id = :id", use(i), into(name);
  return name;
}

void load_demo_projects(db::Session& db, int64_t programme, int64_t now) {
  const auto people = people_by_cohort(db, programme);
  const auto paper_of = papers(db, programme);
  const auto orgs = organisations(db, programme);
  const int64_t participant = demo_participant(db);
  const auto list = projects();
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& d = list[i];
    if (has_project(db, programme, d.title)) continue;
    // A team: a lead from one cohort, members from two others.
    std::vector<std::pair<int64_t, std::string>> team;
    // The demo participant leads the first one (their start page and the
    // publish block show it).
    if (i == 0 && participant) team.push_back({participant, "lead"});
    for (size_t k = 0; k < 3; ++k) {
      const auto& cohort = people[(i + k) % 4];
      const size_t at = k == 0 ? (i == 0 ? 0 : 1 + i % 3) : 2 + i + k;
      if (cohort.empty()) continue;
      const int64_t person = cohort[std::min(at, cohort.size() - 1)];
      if (std::none_of(team.begin(), team.end(), [&](const auto& m) { return m.first == person; }))
        team.push_back({person, team.empty() ? "lead" : "member"});
    }
    papers::Project p;
    p.programme_id = programme;
    p.title = d.title;
    p.problem = d.problem;
    p.summary = d.summary;
    p.language = d.language;
    p.status = d.status;
    p.created_at = now - static_cast<int64_t>(120 + 30 * i) * kDay;
    p.updated_at = now - static_cast<int64_t>(i) * kDay;
    // Grown from its lead's paper, when the papers' demo gave them one.
    if (!team.empty())
      for (const auto& [person, paper] : paper_of)
        if (person == team.front().first) p.paper_id = paper;
    std::vector<papers::ProjectPartner> partners;
    for (const auto& name : d.partners) partners.push_back({0, name});
    if (!orgs.empty()) {
      const int64_t org = orgs[i % orgs.size()];
      partners.push_back({org, organisation_name(db, org)});
    }
    db::Transaction tx(db);
    const int64_t id = papers::project_store::insert_project(db, p);
    papers::project_store::replace_tags(db, id, d.tags);
    papers::project_store::replace_partners(db, id, partners);
    for (const auto& [person, role] : team)
      papers::project_store::insert_member(db, id, person, role, p.created_at);
    for (const auto& [days, text] : d.updates)
      papers::project_store::insert_update(db, id, (now / kDay - days) * kDay, text, 0,
                                           now - days * kDay);
    search::record_change(db, search::WorkKind::project, id, now);
    tx.commit();
  }
}

void load_demo_resources(db::Session& db, int64_t programme, int64_t now) {
  const auto list = resources();
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& d = list[i];
    if (has_resource(db, programme, d.title)) continue;
    knowledge::Resource r;
    r.programme_id = programme;
    r.kind = d.kind;
    r.title = d.title;
    r.authors = d.authors;
    r.publisher = d.publisher;
    r.year = d.year;
    r.language = d.language;
    r.summary = d.summary;
    r.url = d.url;
    r.created_at = r.updated_at = now - static_cast<int64_t>(40 - i) * kDay;
    r.published_at = d.published ? r.created_at + kDay : 0;
    std::string data;
    if (!d.pdf.empty()) {
      data = text_pdf(d.title, d.pdf);
      r.filename = std::string(d.kind) + "-" + d.language + "-" + std::to_string(d.year) + ".pdf";
      r.content_type = "application/pdf";
      r.size = static_cast<int64_t>(data.size());
    }
    db::Transaction tx(db);
    const int64_t id = knowledge::resource_store::insert_resource(db, r, data);
    knowledge::resource_store::replace_tags(db, id, d.tags);
    search::record_change(db, search::WorkKind::resource, id, now);
    // The demo wrote the file from its text: no extraction job to wait for.
    if (!r.filename.empty()) {
      std::string text = d.title;
      for (const auto& p : d.pdf) text += "\n\n" + p;
      knowledge::resource_store::set_extracted_text(db, id, text);
    }
    tx.commit();
  }
}

}  // namespace

void load_projects(db::Session& db, int64_t now) {
  if (db::schema_version(db) < kKnowledgeSchema) return;
  const int64_t programme = demo_programme(db);
  if (!programme) return;
  load_demo_projects(db, programme, now);
  load_demo_resources(db, programme, now);
}

}  // namespace crm::demo
