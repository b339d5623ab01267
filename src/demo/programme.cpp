// The demo programme: "Circular and Return Migration Management" with its four
// cohorts as PRODUCT.md describes them, fictional people whose names fit their
// countries (in their own script, with a Latin form where that differs),
// organisations of every type, and enrolments with their status history.
// Deterministic (no randomness) and loaded once: a second run adds nothing.
// People, organisations, enrolments and their histories are gathered first
// and inserted many rows per statement at the end (demo/store.hpp).
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <tuple>

#include "auth/store.hpp"
#include "demo/demo.hpp"
#include "demo/store.hpp"
#include "privacy/store.hpp"
#include "programme/store.hpp"

namespace crm::demo {

namespace {

namespace ps = programme::store;

struct Name {
  const char* name;
  const char* latin;  // "" when the name is written in Latin script
  const char* gender;
};

struct OrgSeed {
  const char* name;
  const char* latin;
  const char* type;
};

struct CountrySeed {
  const char* code;
  std::vector<Name> given;   // six
  std::vector<Name> family;  // six (gender unused)
  std::vector<OrgSeed> orgs;
};

// clang-format off
const std::vector<CountrySeed>& countries() {
  static const std::vector<CountrySeed> c = {
    {"AL", {{"Arben", "", "male"}, {"Elira", "", "female"}, {"Besnik", "", "male"}, {"Drita", "", "female"}, {"Gentian", "", "male"}, {"Mirela", "", "female"}},
           {{"Hoxha", "", ""}, {"Krasniqi", "", ""}, {"Shehu", "", ""}, {"Dervishi", "", ""}, {"Leka", "", ""}, {"Basha", "", ""}},
           {{"Ministria e Brendshme", "", "ministry"}, {"Qendra për Migrim dhe Rikthim", "", "ngo"}}},
    {"BA", {{"Amra", "", "female"}, {"Emir", "", "male"}, {"Lejla", "", "female"}, {"Adnan", "", "male"}, {"Selma", "", "female"}, {"Tarik", "", "male"}},
           {{"Hadžić", "", ""}, {"Kovačević", "", ""}, {"Begović", "", ""}, {"Marić", "", ""}, {"Delić", "", ""}, {"Softić", "", ""}},
           {{"Ministarstvo za ljudska prava i izbjeglice", "", "ministry"}, {"Kanton Sarajevo – Služba za raseljena lica", "", "authority"}}},
    {"ME", {{"Milica", "", "female"}, {"Nikola", "", "male"}, {"Jovana", "", "female"}, {"Marko", "", "male"}, {"Ivana", "", "female"}, {"Luka", "", "male"}},
           {{"Vuković", "", ""}, {"Radović", "", ""}, {"Popović", "", ""}, {"Đukanović", "", ""}, {"Kaluđerović", "", ""}, {"Bulatović", "", ""}},
           {{"Ministarstvo unutrašnjih poslova", "", "ministry"}, {"Crveni krst Crne Gore", "", "ngo"}}},
    {"RS", {{"Ана", "Ana", "female"}, {"Стефан", "Stefan", "male"}, {"Марија", "Marija", "female"}, {"Милош", "Miloš", "male"}, {"Јелена", "Jelena", "female"}, {"Немања", "Nemanja", "male"}},
           {{"Јовановић", "Jovanović", ""}, {"Петровић", "Petrović", ""}, {"Николић", "Nikolić", ""}, {"Илић", "Ilić", ""}, {"Ђорђевић", "Đorđević", ""}, {"Стојановић", "Stojanović", ""}},
           {{"Комесаријат за избеглице и миграције", "Komesarijat za izbeglice i migracije", "ministry"}, {"Универзитет у Београду", "Univerzitet u Beogradu", "university"}}},
    {"TR", {{"Elif", "", "female"}, {"Mehmet", "", "male"}, {"Zeynep", "", "female"}, {"Emre", "", "male"}, {"Ayşe", "", "female"}, {"Burak", "", "male"}},
           {{"Yılmaz", "", ""}, {"Kaya", "", ""}, {"Demir", "", ""}, {"Şahin", "", ""}, {"Çelik", "", ""}, {"Aydın", "", ""}},
           {{"Göç İdaresi Başkanlığı", "", "ministry"}, {"IOM Türkiye", "", "international"}, {"Mülteci Destek Derneği", "", "ngo"}, {"İstanbul Ticaret Odası", "", "other"}}},
    {"DE", {{"Anna", "", "female"}, {"Lukas", "", "male"}, {"Sophie", "", "female"}, {"Felix", "", "male"}, {"Miriam", "", "female"}, {"Tobias", "", ""}},
           {{"Schneider", "", ""}, {"Fischer", "", ""}, {"Wagner", "", ""}, {"Becker", "", ""}, {"Hoffmann", "", ""}, {"Schäfer", "", ""}},
           {{"Bundesamt für Migration und Flüchtlinge", "", "ministry"}, {"Landeshauptstadt München – Ausländerbehörde", "", "authority"}, {"Caritasverband München", "", "ngo"}, {"Hochschule für angewandte Wissenschaften München", "", "university"}}},
    {"ET", {{"ሰላም", "Selam", "female"}, {"ዳዊት", "Dawit", "male"}, {"ሄለን", "Helen", "female"}, {"ዮሐንስ", "Yohannes", "male"}, {"ብርቱካን", "Birtukan", "female"}, {"ተስፋዬ", "Tesfaye", "male"}},
           {{"ተክሌ", "Tekle", ""}, {"ገብሬ", "Gebre", ""}, {"ኃይሉ", "Hailu", ""}, {"አበበ", "Abebe", ""}, {"ወልዴ", "Wolde", ""}, {"በቀለ", "Bekele", ""}},
           {{"Ministry of Labour and Skills", "", "ministry"}, {"Addis Reintegration Network", "", "ngo"}}},
    {"GH", {{"Akosua", "", "female"}, {"Kofi", "", "male"}, {"Ama", "", "female"}, {"Yaw", "", "male"}, {"Abena", "", "female"}, {"Kwabena", "", "male"}},
           {{"Owusu", "", ""}, {"Boateng", "", ""}, {"Asante", "", ""}, {"Osei", "", ""}, {"Agyeman", "", ""}, {"Appiah", "", ""}},
           {{"Ghana Immigration Service", "", "ministry"}, {"IOM Ghana", "", "international"}, {"University of Ghana, Centre for Migration Studies", "", "university"}}},
    {"MA", {{"فاطمة", "Fatima", "female"}, {"يوسف", "Youssef", "male"}, {"سلمى", "Salma", "female"}, {"مهدي", "Mehdi", "male"}, {"خديجة", "Khadija", "female"}, {"أنس", "Anas", "male"}},
           {{"العلوي", "El Alaoui", ""}, {"بنعلي", "Benali", ""}, {"الإدريسي", "El Idrissi", ""}, {"التازي", "Tazi", ""}, {"بناني", "Bennani", ""}, {"الفاسي", "El Fassi", ""}},
           {{"الوزارة المكلفة بالمغاربة المقيمين بالخارج", "Ministry in charge of Moroccans Living Abroad", "ministry"}, {"جمعية الأيادي المتضامنة", "Association Mains Solidaires", "ngo"}, {"المنظمة الدولية للهجرة – المغرب", "OIM Maroc", "international"}}},
    {"NG", {{"Chiamaka", "", "female"}, {"Emeka", "", "male"}, {"Ngozi", "", "female"}, {"Tunde", "", "male"}, {"Funmilayo", "", "female"}, {"Ibrahim", "", "male"}},
           {{"Okafor", "", ""}, {"Adeyemi", "", ""}, {"Eze", "", ""}, {"Bello", "", ""}, {"Okonkwo", "", ""}, {"Balogun", "", ""}},
           {{"National Commission for Refugees, Migrants and Internally Displaced Persons", "", "ministry"}, {"Edo State Task Force Against Human Trafficking", "", "authority"}, {"ILO Country Office for Nigeria", "", "international"}}},
    {"SN", {{"Awa", "", "female"}, {"Moussa", "", "male"}, {"Fatou", "", "female"}, {"Ousmane", "", "male"}, {"Aminata", "", "female"}, {"Cheikh", "", "male"}},
           {{"Ndiaye", "", ""}, {"Diop", "", ""}, {"Fall", "", ""}, {"Sow", "", ""}, {"Sarr", "", ""}, {"Faye", "", ""}},
           {{"Direction générale d'appui aux Sénégalais de l'extérieur", "", "ministry"}, {"Université Cheikh Anta Diop de Dakar", "", "university"}}},
    {"IQ", {{"زينب", "Zainab", "female"}, {"علي", "Ali", "male"}, {"نور", "Noor", "female"}, {"حسين", "Hussein", "male"}, {"مريم", "Maryam", "female"}, {"عمر", "Omar", "male"}},
           {{"الجبوري", "Al-Jubouri", ""}, {"العبيدي", "Al-Obaidi", ""}, {"الساعدي", "Al-Saadi", ""}, {"التميمي", "Al-Tamimi", ""}, {"الدليمي", "Al-Dulaimi", ""}, {"الربيعي", "Al-Rubaie", ""}},
           {{"وزارة الهجرة والمهجرين", "Ministry of Migration and Displaced", "ministry"}, {"جمعية الأمل العراقية", "Iraqi Al-Amal Association", "ngo"}}},
    {"IT", {{"Giulia", "", "female"}, {"Marco", "", "male"}, {"Chiara", "", "female"}, {"Luca", "", "male"}, {"Francesca", "", "female"}, {"Alessandro", "", "male"}},
           {{"Rossi", "", ""}, {"Russo", "", ""}, {"Ferrari", "", ""}, {"Esposito", "", ""}, {"Bianchi", "", ""}, {"Romano", "", ""}},
           {{"Ministero dell'Interno", "", "ministry"}, {"Comune di Bologna", "", "authority"}, {"Università di Bologna", "", "university"}}},
    {"JO", {{"رنا", "Rana", "female"}, {"خالد", "Khaled", "male"}, {"دينا", "Dina", "female"}, {"سامر", "Samer", "male"}, {"هبة", "Hiba", "female"}, {"طارق", "Tareq", "male"}},
           {{"العبادي", "Al-Abbadi", ""}, {"المجالي", "Al-Majali", ""}, {"الخطيب", "Al-Khatib", ""}, {"النسور", "Al-Nsour", ""}, {"الزعبي", "Al-Zoubi", ""}, {"الحياري", "Al-Hiyari", ""}},
           {{"وزارة الداخلية", "Ministry of Interior", "ministry"}, {"مركز تمكين للدعم والمساندة", "Tamkeen Centre for Legal Aid", "ngo"}}},
    {"LB", {{"ليلى", "Layla", "female"}, {"جورج", "Georges", "male"}, {"ريم", "Reem", "female"}, {"كريم", "Karim", "male"}, {"نادين", "Nadine", "female"}, {"رامي", "Rami", "male"}},
           {{"حداد", "Haddad", ""}, {"خوري", "Khoury", ""}, {"سعادة", "Saadeh", ""}, {"منصور", "Mansour", ""}, {"عون", "Aoun", ""}, {"شمعون", "Chamoun", ""}},
           {{"المديرية العامة للأمن العام", "General Directorate of General Security", "ministry"}, {"مفوضية الأمم المتحدة لشؤون اللاجئين – لبنان", "UNHCR Lebanon", "international"}, {"الجامعة اللبنانية", "Lebanese University", "university"}}},
    {"AT", {{"Lena", "", "female"}, {"David", "", "male"}, {"Katrin", "", "female"}, {"Florian", "", "male"}, {"Theresa", "", "female"}, {"Matthias", "", "male"}},
           {{"Gruber", "", ""}, {"Pichler", "", ""}, {"Steiner", "", ""}, {"Moser", "", ""}, {"Mayer", "", ""}, {"Hofer", "", ""}},
           {{"Bundesamt für Fremdenwesen und Asyl", "", "ministry"}, {"Universität für Weiterbildung Krems", "", "university"}}},
    {"GR", {{"Μαρία", "Maria", "female"}, {"Γιώργος", "Giorgos", "male"}, {"Ελένη", "Eleni", "female"}, {"Νίκος", "Nikos", "male"}, {"Κατερίνα", "Katerina", "female"}, {"Δημήτρης", "Dimitris", "male"}},
           {{"Νικολάου", "Nikolaou", ""}, {"Γεωργίου", "Georgiou", ""}, {"Δημητρίου", "Dimitriou", ""}, {"Αντωνίου", "Antoniou", ""}, {"Παπαδημητρίου", "Papadimitriou", ""}, {"Ιωάννου", "Ioannou", ""}},
           {{"Υπουργείο Μετανάστευσης και Ασύλου", "Ministry of Migration and Asylum", "ministry"}, {"Ελληνικό Συμβούλιο για τους Πρόσφυγες", "Greek Council for Refugees", "ngo"}}},
    {"UA", {{"Олена", "Olena", "female"}, {"Андрій", "Andrii", "male"}, {"Ірина", "Iryna", "female"}, {"Богдан", "Bohdan", "male"}, {"Наталія", "Nataliia", "female"}, {"Тарас", "Taras", "male"}},
           {{"Шевченко", "Shevchenko", ""}, {"Коваленко", "Kovalenko", ""}, {"Бондаренко", "Bondarenko", ""}, {"Ткаченко", "Tkachenko", ""}, {"Кравченко", "Kravchenko", ""}, {"Мельник", "Melnyk", ""}},
           {{"Міністерство соціальної політики України", "Ministry of Social Policy of Ukraine", "ministry"}, {"Львівська міська рада", "Lviv City Council", "authority"}}},
    {"MD", {{"Elena", "", "female"}, {"Ion", "", "male"}, {"Natalia", "", "female"}, {"Vasile", "", "male"}, {"Cristina", "", "female"}, {"Andrei", "", "male"}},
           {{"Rusu", "", ""}, {"Popa", "", ""}, {"Ceban", "", ""}, {"Ciobanu", "", ""}, {"Lungu", "", ""}, {"Munteanu", "", ""}},
           {{"Biroul pentru Relații cu Diaspora", "", "ministry"}, {"Primăria Municipiului Chișinău", "", "authority"}}},
    {"GE", {{"ნინო", "Nino", "female"}, {"გიორგი", "Giorgi", "male"}, {"თამარ", "Tamar", "female"}, {"ლევან", "Levan", "male"}, {"ანა", "Ana", "female"}, {"დავით", "Davit", "male"}},
           {{"ბერიძე", "Beridze", ""}, {"კაპანაძე", "Kapanadze", ""}, {"გელაშვილი", "Gelashvili", ""}, {"მაისურაძე", "Maisuradze", ""}, {"ლომიძე", "Lomidze", ""}, {"ჯავახიშვილი", "Javakhishvili", ""}},
           {{"საქართველოს შინაგან საქმეთა სამინისტრო", "Ministry of Internal Affairs of Georgia", "ministry"}, {"თბილისის სახელმწიფო უნივერსიტეტი", "Tbilisi State University", "university"}}},
    {"TN", {{"إيناس", "Ines", "female"}, {"ياسين", "Yassine", "male"}, {"مريم", "Meriem", "female"}, {"وليد", "Walid", "male"}, {"أميرة", "Amira", "female"}, {"سفيان", "Sofiane", "male"}},
           {{"بن سالم", "Ben Salem", ""}, {"الغربي", "Gharbi", ""}, {"الجلاصي", "Jelassi", ""}, {"الحمامي", "Hammami", ""}, {"الشابي", "Chebbi", ""}, {"الماجري", "Mejri", ""}},
           {{"ديوان التونسيين بالخارج", "Office des Tunisiens à l'Étranger", "ministry"}, {"المنتدى التونسي للحقوق الاقتصادية والاجتماعية", "Forum tunisien pour les droits économiques et sociaux", "ngo"}}},
    {"EG", {{"ياسمين", "Yasmin", "female"}, {"أحمد", "Ahmed", "male"}, {"منى", "Mona", "female"}, {"محمود", "Mahmoud", "male"}, {"سارة", "Sara", "female"}, {"مصطفى", "Mostafa", "male"}},
           {{"عبد الله", "Abdallah", ""}, {"حسن", "Hassan", ""}, {"السيد", "El-Sayed", ""}, {"إبراهيم", "Ibrahim", ""}, {"فؤاد", "Fouad", ""}, {"شريف", "Sherif", ""}},
           {{"وزارة الخارجية والهجرة وشؤون المصريين بالخارج", "Ministry of Foreign Affairs, Emigration and Egyptian Expatriates", "ministry"}, {"الجامعة الأمريكية بالقاهرة", "American University in Cairo", "university"}}},
    {"PK", {{"عائشہ", "Ayesha", "female"}, {"عمران", "Imran", "male"}, {"صبا", "Saba", "female"}, {"بلال", "Bilal", "male"}, {"حنا", "Hina", "female"}, {"فہد", "Fahad", "male"}},
           {{"خان", "Khan", ""}, {"ملک", "Malik", ""}, {"چوہدری", "Chaudhry", ""}, {"قریشی", "Qureshi", ""}, {"بٹ", "Butt", ""}, {"شیخ", "Sheikh", ""}},
           {{"Bureau of Emigration and Overseas Employment", "", "ministry"}, {"Lahore Chamber of Commerce and Industry", "", "other"}}},
  };
  return c;
}
// clang-format on

const CountrySeed& country(std::string_view code) {
  for (const auto& c : countries())
    if (c.code == code) return c;
  throw std::logic_error("demo: no seed for country " + std::string(code));
}

struct CohortSeed {
  long number;
  int y1, m1, d1, y2, m2, d2;
  const char* status;
  const char* focus;
  const char* location;
  long capacity;
  std::vector<std::pair<const char*, int>> people;  // country, how many participants
};

const std::vector<CohortSeed>& cohorts() {
  static const std::vector<CohortSeed> c = {
      {1,
       2024,
       11,
       4,
       2025,
       10,
       24,
       "completed",
       "Western Balkans and Turkey",
       "Munich · Krems · Sarajevo",
       24,
       {{"AL", 4}, {"BA", 3}, {"DE", 3}, {"ME", 3}, {"RS", 4}, {"TR", 3}}},
      {2,
       2025,
       5,
       5,
       2026,
       4,
       24,
       "completed",
       "West and North Africa",
       "Munich · Krems · Accra",
       24,
       {{"ET", 4}, {"GH", 4}, {"MA", 4}, {"NG", 4}, {"SN", 4}, {"DE", 4}}},
      {3,
       2025,
       11,
       3,
       2026,
       12,
       11,
       "running",
       "Middle East and the Mediterranean",
       "Munich · Krems · Amman",
       24,
       {{"DE", 4}, {"IQ", 4}, {"IT", 4}, {"JO", 4}, {"LB", 4}, {"TR", 4}}},
      {4,
       2026,
       2,
       2,
       2026,
       12,
       11,
       "running",
       "All regions of the network",
       "Munich · Krems",
       35,
       {{"DE", 3},
        {"AT", 3},
        {"IT", 3},
        {"TR", 3},
        {"UA", 3},
        {"GR", 2},
        {"MD", 2},
        {"GE", 2},
        {"TN", 2},
        {"EG", 2},
        {"MA", 2},
        {"IQ", 2},
        {"PK", 2},
        {"NG", 2},
        {"GH", 2}}},
  };
  return c;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), so the
// dates do not depend on the machine's time zone.
int64_t unix_date(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + doe - 719468) * 86400;
}

const char* const kPositions[] = {"Policy officer",
                                  "Reintegration counsellor",
                                  "Programme manager",
                                  "Researcher",
                                  "Head of unit",
                                  "Legal adviser",
                                  "Case worker",
                                  "Project coordinator",
                                  "Return and reintegration officer"};

constexpr int64_t kDay = 86400;

class Loader {
 public:
  Loader(db::Session& db, int64_t now) : db_(db), now_(now) {
    UErrorCode status = U_ZERO_ERROR;
    ascii_.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower",
                                                     UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("demo: no ICU transliterator");
    if (auto a = auth::store::find_account_by_email(db, "staff@demo.crm.example"))
      staff_account_ = a->id;
  }

  void run(long scale) {
    int64_t p = ps::insert_programme(db_, "crm", 5, now_);
    programme_texts(p);
    long position = 0;
    for (const char* funder : {"Asylum, Migration and Integration Fund (AMIF), European Union",
                               "Federal Office for Migration and Refugees (BAMF), Germany"})
      ps::insert_programme_funder(db_, p, position++, funder);
    if (staff_account_) ps::insert_programme_staff(db_, p, staff_account_);
    for (auto [code, roles] : std::initializer_list<std::pair<const char*, const char*>>{
             {"AL", "o"},  {"BA", "ot"}, {"ME", "o"},   {"RS", "ot"}, {"TR", "otd"}, {"DE", "d"},
             {"ET", "o"},  {"GH", "o"},  {"MA", "otd"}, {"NG", "o"},  {"SN", "o"},   {"IQ", "o"},
             {"IT", "td"}, {"JO", "td"}, {"LB", "otd"}, {"AT", "d"},  {"GR", "td"},  {"UA", "o"},
             {"MD", "o"},  {"GE", "o"},  {"TN", "ot"},  {"EG", "ot"}, {"PK", "o"}}) {
      for (char r : std::string_view(roles))
        ps::insert_programme_country(db_, p,
                                     {code, r == 'o'   ? "origin"
                                            : r == 't' ? "transit"
                                                       : "destination"});
    }
    std::vector<int64_t> cohort_ids;
    for (const auto& c : cohorts()) cohort_ids.push_back(cohort(p, c));
    team(cohort_ids);
    // Benchmarks: more rounds of the same four cohorts, with new people and
    // new branches of the organisations.
    for (round_ = 1; round_ < scale; ++round_)
      for (auto c : cohorts()) {
        c.number += 4 * round_;
        cohort(p, c);
      }
    insert_gathered();
  }

 private:
  void programme_texts(int64_t p) {
    ps::insert_programme_text(
        db_, p, "en", "Circular and Return Migration Management",
        "A transnational, part-time continuing-education programme for professionals who work on "
        "circular migration, voluntary return and reintegration in countries of origin, transit "
        "and destination. Two blended semesters: online modules, on-site weeks, case studies and "
        "practice projects. Run by a non-profit dialogue forum in Munich with the University for "
        "Continuing Education Krems.");
    ps::insert_programme_text(
        db_, p, "de", "Zirkuläre Migration und Rückkehrmanagement",
        "Ein transnationaler, berufsbegleitender Weiterbildungslehrgang für Fachleute, die in "
        "Herkunfts-, Transit- und Zielländern zu zirkulärer Migration, freiwilliger Rückkehr und "
        "Reintegration arbeiten. Zwei Semester im Blended Learning: Online-Module, "
        "Präsenzwochen, Fallstudien und Praxisprojekte. Getragen von einem gemeinnützigen "
        "Dialogforum in München gemeinsam mit der Universität für Weiterbildung Krems.");
    ps::insert_programme_text(
        db_, p, "fr", "Gestion de la migration circulaire et du retour",
        "Une formation continue transnationale, à temps partiel, pour les professionnels de la "
        "migration circulaire, du retour volontaire et de la réintégration dans les pays "
        "d'origine, de transit et de destination. Deux semestres hybrides : modules en ligne, "
        "semaines sur place, études de cas et projets pratiques. Organisée par un forum de "
        "dialogue à but non lucratif de Munich avec l'Université pour la formation continue de "
        "Krems.");
    ps::insert_programme_text(
        db_, p, "ar", "إدارة الهجرة الدائرية والعودة",
        "برنامج تعليم مستمر عابر للحدود وبدوام جزئي للمهنيين العاملين في مجالات الهجرة الدائرية "
        "والعودة الطوعية وإعادة الإدماج في بلدان المنشأ والعبور والمقصد. فصلان دراسيان بنظام "
        "التعلم المدمج: وحدات عبر الإنترنت وأسابيع حضورية ودراسات حالة ومشاريع تطبيقية. ينظّمه "
        "منتدى حوار غير ربحي في ميونخ بالتعاون مع جامعة التعليم المستمر في كريمس.");
  }

  int64_t organisation(const std::string& code, const OrgSeed& o) {
    std::string name = o.name, latin = o.latin;
    if (round_) {  // a branch per round: "IOM Ghana · 2"
      name += " · " + std::to_string(round_ + 1);
      if (!latin.empty()) latin += " · " + std::to_string(round_ + 1);
    }
    std::string key = code + "|" + name;
    if (auto it = orgs_.find(key); it != orgs_.end()) return it->second;
    organisations_.push_back({0, name, latin, code, o.type});
    int64_t id = static_cast<int64_t>(organisations_.size());  // see insert_gathered
    orgs_.emplace(key, id);
    return id;
  }

  std::string email_for(const std::string& latin_name) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(latin_name);
    ascii_->transliterate(u);
    std::string s, local;
    u.toUTF8String(s);
    for (char ch : s) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
        local += ch;
      else if ((ch == ' ' || ch == '-') && !local.empty() && local.back() != '.')
        local += '.';
    }
    std::string email = local + "@example.org";
    for (int n = 2; !emails_.insert(email).second; ++n)
      email = local + "." + std::to_string(n) + "@example.org";
    return email;
  }

  // The next person of a country: names combine so that no two repeat.
  int64_t next_person(const CountrySeed& c) {
    int n = counters_[c.code]++;
    const Name& g = c.given[n % c.given.size()];
    const Name& f = c.family[(n + n / c.given.size()) % c.family.size()];
    programme::Person p;
    p.name = std::string(g.name) + " " + f.name;
    if (*g.latin) p.name_latin = std::string(g.latin) + " " + f.latin;
    p.country = c.code;
    p.organisation_id = organisation(c.code, c.orgs[n % c.orgs.size()]);
    p.position = kPositions[n % std::size(kPositions)];
    p.gender = g.gender;
    p.created_at = now_;
    // The demo participant and alumnus sign in as the first person of their country.
    if (p.name == "ليلى حداد") link(p, "participant@demo.crm.example");
    if (p.name == "Arben Hoxha") link(p, "alumnus@demo.crm.example");
    if (p.email.empty()) p.email = email_for(p.name_latin.empty() ? p.name : p.name_latin);
    return gather(std::move(p));
  }

  // The rows are inserted at the end; until then a row is known by its
  // place in its list (1, 2, …), which insert_gathered turns into its id.
  int64_t gather(programme::Person p) {
    people_.push_back(std::move(p));
    return static_cast<int64_t>(people_.size());
  }

  void change(int64_t enrolment, const char* status, int64_t at, int64_t by) {
    changes_.push_back({enrolment, status, at, by});
  }

  void insert_gathered() {
    auto org_ids = store::reserve_ids(db_, store::Table::organisation, organisations_.size());
    auto person_ids = store::reserve_ids(db_, store::Table::person, people_.size());
    auto enrolment_ids = store::reserve_ids(db_, store::Table::enrolment, enrolments_.size());
    auto id_of = [](const std::vector<int64_t>& ids, int64_t place) {
      return place ? ids.at(static_cast<size_t>(place - 1)) : 0;
    };
    for (size_t i = 0; i < organisations_.size(); ++i) organisations_[i].id = org_ids[i];
    for (size_t i = 0; i < people_.size(); ++i) {
      people_[i].id = person_ids[i];
      people_[i].organisation_id = id_of(org_ids, people_[i].organisation_id);
    }
    for (size_t i = 0; i < enrolments_.size(); ++i) {
      enrolments_[i].id = enrolment_ids[i];
      enrolments_[i].person_id = id_of(person_ids, enrolments_[i].person_id);
    }
    for (auto& c : changes_) c.enrolment_id = id_of(enrolment_ids, c.enrolment_id);
    store::insert_organisations(db_, organisations_);
    store::insert_people(db_, people_);
    store::insert_enrolments(db_, enrolments_);
    store::insert_status_changes(db_, changes_);
    store::insert_cohort_targets(db_, targets_);
  }

  void link(programme::Person& p, const std::string& email) {
    if (emails_.count(email)) return;  // names come round again at larger scales
    auto a = auth::store::find_account_by_email(db_, email);
    if (!a) return;
    p.account_id = a->id;
    p.email = email;
    emails_.insert(email);
  }

  void enrol(int64_t person, int64_t cohort, const std::string& role, int64_t starts, int64_t ends,
             const std::string& final_status) {
    programme::Enrolment e;
    e.person_id = person;
    e.cohort_id = cohort;
    e.role = role;
    e.status = final_status;
    e.created_at = starts - 90 * kDay;
    enrolments_.push_back(e);
    const auto id = static_cast<int64_t>(enrolments_.size());
    if (role != "participant") {
      change(id, final_status.c_str(), e.created_at, staff_account_);
      return;
    }
    change(id, "applicant", starts - 90 * kDay, 0);
    change(id, "admitted", starts - 45 * kDay, staff_account_);
    if (final_status == "not_admitted") return;
    change(id, "participant", starts, staff_account_);
    if (final_status == "graduate") change(id, "graduate", ends, staff_account_);
    if (final_status == "withdrawn") change(id, "withdrawn", starts + 120 * kDay, staff_account_);
  }

  int64_t cohort(int64_t programme_id, const CohortSeed& s) {
    programme::Cohort c;
    c.programme_id = programme_id;
    c.number = s.number;
    c.name = "Cohort " + std::to_string(s.number);
    c.starts_on = unix_date(s.y1, s.m1, s.d1);
    c.ends_on = unix_date(s.y2, s.m2, s.d2);
    c.status = s.status;
    c.regional_focus = s.focus;
    c.capacity = s.capacity;
    c.location = s.location;
    int64_t id = ps::insert_cohort(db_, c);
    // Parity targets: the programme selects across the three route roles, and
    // aims for as many women as men.
    for (auto [dimension, value, share] :
         std::initializer_list<std::tuple<const char*, const char*, long>>{
             {"route_role", "origin", 40},
             {"route_role", "transit", 30},
             {"route_role", "destination", 30},
             {"gender", "female", 50}})
      targets_.push_back({id, {dimension, value, share}});
    bool completed = c.status == "completed";
    const long base = (s.number - 1) % 4 + 1;  // copies of --scale behave like their original
    int i = 0;
    for (const auto& [code, n] : s.people)
      for (int k = 0; k < n; ++k, ++i) {
        int64_t person = next_person(country(code));
        // A few leave before the end: the 5th and 14th of every cohort.
        bool left = (i == 4 || i == 13) && (completed || base == 4);
        enrol(person, id, "participant", c.starts_on, c.ends_on,
              left        ? "withdrawn"
              : completed ? "graduate"
                          : "participant");
      }
    // The last round also had applicants who were not admitted.
    if (base == 4)
      for (const char* code : {"UA", "EG"})
        enrol(next_person(country(code)), id, "participant", c.starts_on, c.ends_on,
              "not_admitted");
    return id;
  }

  // Lecturers, a supervisor and the programme staff, assigned per cohort.
  void team(const std::vector<int64_t>& cohort_ids) {
    struct Member {
      const char* name;
      const char* email;
      const char* country;
      OrgSeed org;
      const char* position;
      const char* role;
      std::vector<int> cohorts;  // numbers
    };
    static const std::vector<Member> members = {
        {"Amina Diallo",
         "lecturer@demo.crm.example",
         "SN",
         {"Université Cheikh Anta Diop de Dakar", "", "university"},
         "Lecturer in migration law",
         "lecturer",
         {2, 3, 4}},
        {"Markus Brandl",
         "markus.brandl@example.org",
         "AT",
         {"Universität für Weiterbildung Krems", "", "university"},
         "Professor of migration studies",
         "lecturer",
         {1, 2, 3, 4}},
        {"Sabine Krüger",
         "sabine.krueger@example.org",
         "DE",
         {"Universität für Weiterbildung Krems", "", "university"},
         "Senior researcher",
         "supervisor",
         {1, 2, 3, 4}},
        {"Jonas Weber",
         "staff@demo.crm.example",
         "DE",
         {"Dialogforum Migration München", "", "ngo"},
         "Programme coordinator",
         "staff",
         {1, 2, 3, 4}},
    };
    for (const auto& m : members) {
      programme::Person p;
      p.name = m.name;
      p.email = m.email;
      p.country = m.country;
      p.organisation_id = organisation(m.country, m.org);
      p.position = m.position;
      p.created_at = now_;
      if (auto a = auth::store::find_account_by_email(db_, m.email)) p.account_id = a->id;
      emails_.insert(p.email);
      int64_t person = gather(std::move(p));
      for (int n : m.cohorts) {
        const auto& s = cohorts()[n - 1];
        enrol(person, cohort_ids[n - 1], m.role, unix_date(s.y1, s.m1, s.d1),
              unix_date(s.y2, s.m2, s.d2), "participant");
      }
    }
  }

  db::Session& db_;
  int64_t now_;
  int64_t staff_account_ = 0;
  long round_ = 0;  // 0: the programme itself; 1…: the copies of --scale
  std::unique_ptr<icu::Transliterator> ascii_;
  std::map<std::string, int64_t> orgs_;
  std::map<std::string, int> counters_;
  std::set<std::string> emails_;
  // Gathered rows (see gather), inserted by insert_gathered.
  std::vector<programme::Organisation> organisations_;
  std::vector<programme::Person> people_;
  std::vector<programme::Enrolment> enrolments_;
  std::vector<store::StatusChange> changes_;
  std::vector<store::Target> targets_;
};

// Everyone enrolled agreed to take part and to be listed in the directory
// when they first enrolled; nobody has agreed to photos and interviews yet.
void consents(db::Session& db) {
  for (const char* purpose : {"participation", "directory"})
    privacy::store::insert_consents_at_first_enrolment(db, purpose);
}

}  // namespace

void load_programme(db::Session& db, int64_t now, long scale) {
  if (scale < 1 || scale > kMaxScale) throw std::invalid_argument("demo: scale out of range");
  if (ps::find_programme_id(db, "crm")) return;
  db::Transaction tx(db);
  Loader(db, now).run(scale);
  consents(db);
  tx.commit();
}

}  // namespace crm::demo
