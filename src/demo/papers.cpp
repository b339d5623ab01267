// Demo final papers: for each of the demo programme's own cohorts that runs or
// has finished, the three milestones and a rubric of four criteria, and a
// paper for every participant taking part at a stage that fits the cohort:
// in a finished cohort those who hold a certificate have an accepted paper
// (a few others revisions or a rejection), in a running one every stage from
// a draft without a file to an accepted paper. Supervisors are the cohort's
// lecturers; versions are real PDFs (cairo + pango) whose pages carry the
// paper's text in its language, with the extracted text filled in as the
// search job would; supervisors comment and assess with the rubric. Reads
// what the other demo parts made from the database; idempotent (milestones,
// rubric and papers are added only where there are none).
#include <algorithm>
#include <map>
#include <set>

#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "knowledge/vocabulary.hpp"
#include "papers/pdf.hpp"
#include "papers/store.hpp"
#include "search/change_log.hpp"

namespace crm::demo {

namespace {

// The migration that made the papers tables (0010_papers_knowledge.sql).
constexpr int kPapersSchema = 10;
constexpr int64_t kDay = 86400;

// The demo's papers: real themes of return and reintegration, written in the
// language their author chose (some with a second language's title and
// abstract), with the body text their PDF carries.
struct Theme {
  const char* language;  // of the body text (the PDF)
  const char* title;
  const char* abstract;
  const char* language2;  // a second text, or nullptr
  const char* title2;
  const char* abstract2;
  const char* body[3];
  const char* countries;      // comma separated ISO codes
  const char* target_groups;  // codes of knowledge::target_groups()
  const char* dimensions;
  const char* gcm;
  const char* topics;
};

const Theme kThemes[] = {
    {"en",
     "Safe and dignified return of religious minorities from Turkey to northern Iraq",
     "The paper examines how Yazidi and Christian families who fled to Turkey decide whether to "
     "return to Sinjar and the Nineveh Plains, and which guarantees of safety, property "
     "restitution and local acceptance make a return sustainable.",
     nullptr,
     nullptr,
     nullptr,
     {"Since 2017 several thousand Yazidi families have returned from camps and cities in Turkey "
      "to Sinjar, while many more remain undecided. Interviews with returnees, local councils and "
      "humanitarian agencies show that physical security is only the first condition.",
      "Property restitution, the reconstruction of schools and clinics, and the presence of "
      "trusted local police weigh as heavily as the end of fighting. Families return in stages: a "
      "father or an elder son first, the rest of the household later.",
      "The paper recommends that return counselling in Turkey share verified information on "
      "conditions in each district and that reintegration grants be tied to community projects "
      "that bring minorities and their neighbours together."},
     "IQ,TR",
     "minorities,families",
     "social,psychosocial",
     "21,16",
     "minorities, Sinjar, property restitution"},
    {"ar",
     "إعادة إدماج الأطفال العائدين من ألمانيا في المدارس التونسية",
     "تتناول هذه الورقة التحديات التي يواجهها الأطفال العائدون مع أسرهم من ألمانيا إلى تونس في "
     "الاندماج في النظام المدرسي، وتقترح آليات للدعم اللغوي والنفسي بالتعاون مع المدارس المحلية.",
     "en",
     "Reintegrating children returning from Germany into Tunisian schools",
     "Children who return with their families from Germany to Tunisia often lose a school year. "
     "The paper proposes language bridging classes and psychosocial support in cooperation with "
     "local schools.",
     {"يعود كل عام مئات الأطفال مع أسرهم من ألمانيا إلى تونس، وكثير منهم وُلدوا في ألمانيا ولا "
      "يتقنون القراءة والكتابة باللغة العربية. تُظهر المقابلات مع المعلمين وأولياء الأمور أن "
      "الانتقال المفاجئ يؤدي إلى فقدان سنة دراسية كاملة.",
      "تقترح الورقة دروسًا انتقالية في اللغة العربية والفرنسية خلال الأشهر الأولى، ومرافقة "
      "نفسية للأطفال الذين عاشوا تجربة الترحيل، وتبادلًا منظمًا للملفات المدرسية بين البلدين.",
      "كما توصي بتدريب المرشدين التربويين في المدارس التونسية على احتياجات الأطفال العائدين، "
      "وبإشراك الأسر في خطة الإدماج منذ اليوم الأول."},
     "TN,DE",
     "children,families",
     "social,psychosocial",
     "15,21",
     "education, school, children"},
    {"de",
     "Existenzgründung nach der Rückkehr: Kleinstzuschüsse für Rückkehrende in Albanien",
     "Die Arbeit untersucht, wie sich Kleinstzuschüsse für Geschäftsgründungen auf die "
     "wirtschaftliche Reintegration von Rückkehrenden aus Deutschland in Nordalbanien auswirken, "
     "und vergleicht Betriebe mit und ohne begleitende Beratung.",
     nullptr,
     nullptr,
     nullptr,
     {"Zwischen 2019 und 2024 erhielten über 400 Rückkehrende in den Regionen Shkodër und Kukës "
      "einen Zuschuss von bis zu 3.000 Euro für die Gründung eines Kleinbetriebs. Die Arbeit "
      "wertet Befragungen von 86 Gründerinnen und Gründern aus.",
      "Betriebe, deren Gründer vor und nach der Gründung beraten wurden, bestanden nach zwei "
      "Jahren deutlich häufiger fort. Besonders erfolgreich waren Handwerk, Landwirtschaft und "
      "kleine Gästehäuser.",
      "Empfohlen wird, Zuschüsse mit einer Beratung über mindestens zwölf Monate zu verbinden und "
      "lokale Mikrofinanzinstitute früh einzubeziehen."},
     "AL,DE",
     "returnees_from_europe",
     "economic",
     "18,21",
     "Existenzgründung, Kleinstzuschüsse, Albanien"},
    {"fr",
     "L'accompagnement psychosocial des migrants de retour de Libye au Niger",
     "Ce mémoire analyse les besoins psychosociaux des migrants rentrés de Libye au Niger après "
     "des détentions prolongées, et évalue les groupes de parole mis en place à Agadez et Niamey.",
     nullptr,
     nullptr,
     nullptr,
     {"La plupart des migrants rentrés de Libye ont connu la détention, le travail forcé ou des "
      "violences. À leur arrivée à Agadez, ils reçoivent une aide d'urgence, mais le soutien "
      "psychologique reste rare.",
      "Les groupes de parole animés par des pairs formés permettent de rompre l'isolement et de "
      "parler de la honte liée à l'échec du projet migratoire. Les familles doivent elles aussi "
      "être préparées au retour.",
      "Le mémoire recommande d'intégrer le soutien psychosocial dès l'accueil et de former les "
      "agents communautaires à repérer les personnes qui ont besoin d'un suivi spécialisé."},
     "NE,LY",
     "victims_of_trafficking,youth",
     "psychosocial",
     "7,21",
     "santé mentale, détention, groupes de parole"},
    {"tr",
     "Ukrayna'dan dönen Türk vatandaşlarının yeniden uyumu",
     "Bu çalışma, 2022'den sonra Ukrayna'dan Türkiye'ye dönen Türk ve Kırım Tatarı kökenli "
     "ailelerin barınma, iş ve eğitim alanlarında karşılaştıkları güçlükleri incelemektedir.",
     "en",
     "Reintegration of Turkish citizens returning from Ukraine",
     "The study examines the housing, employment and schooling difficulties of families of "
     "Turkish and Crimean Tatar origin who returned from Ukraine to Turkey after 2022.",
     {"Savaşın başlamasıyla birlikte binlerce Türk vatandaşı Ukrayna'dan ayrılmak zorunda kaldı. "
      "Ailelerin çoğu İstanbul, Ankara ve Eskişehir'de akrabalarının yanına yerleşti.",
      "Görüşmeler, kira yardımının ve diploma denkliğinin en acil ihtiyaçlar olduğunu "
      "göstermektedir. Çocuklar okula hızla kaydedildi, ancak Türkçe okuma yazma desteğine "
      "ihtiyaç duyuyorlar.",
      "Çalışma, belediyelerin geri dönenler için tek bir danışma noktası kurmasını ve meslek "
      "belgelerinin tanınmasının hızlandırılmasını önermektedir."},
     "UA,TR",
     "returnees_from_ukraine,families",
     "economic,social",
     "18,21",
     "Ukrayna, barınma, diploma denkliği"},
    {"it",
     "Il reinserimento lavorativo dei tunisini rimpatriati dall'Italia",
     "La tesi analizza i percorsi di reinserimento lavorativo dei cittadini tunisini rimpatriati "
     "dall'Italia nelle regioni di Sfax e Monastir e il ruolo della formazione professionale.",
     nullptr,
     nullptr,
     nullptr,
     {"Ogni anno alcune migliaia di tunisini vengono rimpatriati dall'Italia, spesso dopo pochi "
      "mesi di permanenza. Molti tornano con debiti contratti per il viaggio.",
      "Le interviste mostrano che i corsi di formazione professionale brevi, collegati a "
      "imprese locali della pesca e dell'edilizia, offrono le migliori possibilità di impiego.",
      "La tesi propone di coinvolgere le camere di commercio e di riconoscere le competenze "
      "acquisite in Italia, anche informalmente."},
     "TN,IT",
     "youth",
     "economic",
     "18,21",
     "formazione professionale, lavoro, debiti"},
    {"en",
     "Women returning to Nigeria after trafficking: pathways to economic independence",
     "The paper follows forty women who returned to Edo State after being trafficked to Italy "
     "and asks which combination of shelter, training and small grants led to lasting "
     "independence.",
     nullptr,
     nullptr,
     nullptr,
     {"Edo State remains the main region of origin of Nigerian women trafficked to Europe. "
      "Returning women face stigma, debt bondage and the threat of re-trafficking.",
      "Women who received vocational training together with a start-up grant and peer mentoring "
      "ran their own business two years later far more often than those who received cash only.",
      "The paper recommends longer shelter stays, childcare during training and family mediation "
      "before the woman returns to her community."},
     "NG,IT",
     "women,victims_of_trafficking",
     "economic,psychosocial",
     "10,21",
     "trafficking, women, Edo State"},
    {"de",
     "Rückkehrberatung für unbegleitete Minderjährige: Kindeswohl als Maßstab",
     "Die Arbeit fragt, wie Beratungsstellen in Deutschland das Kindeswohl bei der freiwilligen "
     "Rückkehr unbegleiteter Minderjähriger prüfen, und entwickelt eine Checkliste für "
     "Familienabklärungen im Herkunftsland.",
     "fr",
     "Le conseil au retour des mineurs non accompagnés",
     "Le mémoire examine comment l'intérêt supérieur de l'enfant est évalué lors du retour "
     "volontaire des mineurs non accompagnés et propose une grille d'évaluation des familles.",
     {"Freiwillige Rückkehr von Minderjährigen ist selten und verlangt besondere Sorgfalt. Die "
      "Arbeit wertet Akten von 35 Beratungsfällen aus Nordrhein-Westfalen aus.",
      "Entscheidend ist eine belastbare Familienabklärung im Herkunftsland durch eine "
      "unabhängige Stelle. In mehreren Fällen fehlte eine Nachbetreuung nach der Ankunft.",
      "Die vorgeschlagene Checkliste umfasst Wohnsituation, Schulplatz, Gesundheitsversorgung "
      "und die Meinung des Kindes selbst."},
     "DE,GN",
     "children,unaccompanied_minors",
     "social,psychosocial",
     "7,21",
     "Kindeswohl, Minderjährige, Familienabklärung"},
    {"fr",
     "Le retour des étudiants sénégalais diplômés en France : fuite ou circulation des cerveaux ?",
     "Ce travail étudie les motivations et les obstacles au retour des diplômés sénégalais formés "
     "en France, et les dispositifs publics destinés à valoriser leurs compétences à Dakar.",
     nullptr,
     nullptr,
     nullptr,
     {"Chaque année, des milliers d'étudiants sénégalais achèvent leurs études en France. Une "
      "partie d'entre eux souhaite rentrer, mais craint de ne pas trouver un emploi à la hauteur "
      "de leur formation.",
      "Les programmes de mobilité circulaire, qui permettent des allers-retours, réduisent la "
      "peur d'un retour définitif et favorisent la création d'entreprises innovantes.",
      "Le travail recommande de reconnaître les diplômes plus rapidement et de créer un réseau "
      "d'anciens pour accompagner les nouveaux arrivants."},
     "SN,FR",
     "youth,diaspora",
     "economic",
     "18,19",
     "diplômés, mobilité circulaire, emploi"},
    {"ar",
     "العودة الطوعية للاجئين السوريين من لبنان: بين الضغوط والاختيار",
     "تبحث هذه الورقة في العوامل التي تدفع اللاجئين السوريين في لبنان إلى العودة أو البقاء، "
     "وفي مدى طوعية قرار العودة في ظل الأزمة الاقتصادية والقيود القانونية.",
     nullptr,
     nullptr,
     nullptr,
     {"يعيش في لبنان أكثر من مليون لاجئ سوري، ويواجه كثير منهم صعوبات في تجديد الإقامة وفي "
      "الحصول على عمل. تستند الورقة إلى مقابلات مع أربعين أسرة في البقاع وعكار.",
      "تُظهر النتائج أن الخوف من التجنيد الإجباري ومن فقدان الممتلكات يمنع كثيرين من العودة، "
      "بينما يدفع الفقر آخرين إلى العودة دون ضمانات كافية.",
      "توصي الورقة بتوفير معلومات موثوقة عن الأوضاع في مناطق العودة، وبضمان حق اللاجئين في "
      "اتخاذ قرار حر ومستنير."},
     "SY,LB",
     "refugees,families",
     "social",
     "21,4",
     "العودة الطوعية، لبنان، الوثائق"},
    {"en",
     "Community-based reintegration in The Gambia: lessons from youth-led projects",
     "The paper evaluates community projects in which returnees and young people who never "
     "migrated work together, and shows how they reduce stigma and create local jobs.",
     nullptr,
     nullptr,
     nullptr,
     {"Since 2017 more than 6,000 Gambians have returned from Libya and Niger. Many are seen in "
      "their villages as having failed, which makes reintegration harder.",
      "Projects such as community gardens, waste collection and solar repair workshops that "
      "involve returnees and non-migrants alike changed how returnees were perceived.",
      "The paper argues that community-based approaches should complement individual support "
      "and that local youth associations should lead them."},
     "GM,LY",
     "youth,returnees_from_libya",
     "economic,social",
     "21,23",
     "youth, community projects, stigma"},
    {"de",
     "Psychosoziale Unterstützung nach Abschiebung: Erfahrungen aus dem Kosovo",
     "Die Arbeit beschreibt, welche psychosozialen Angebote Menschen nach einer Abschiebung aus "
     "Deutschland in den Kosovo erreichen, und wo Lücken bestehen.",
     "en",
     "Psychosocial support after deportation: experiences from Kosovo",
     "The paper describes which psychosocial services reach people deported from Germany to "
     "Kosovo and where gaps remain.",
     {"Abschiebungen treffen Familien oft unvorbereitet. Kinder verlieren Schule und Freunde, "
      "Erwachsene ihre Arbeit und ihr soziales Umfeld.",
      "In Prishtina und Prizren bieten einige Organisationen Beratung an, doch außerhalb der "
      "Städte fehlt sie fast ganz. Viele Betroffene wissen nicht, an wen sie sich wenden können.",
      "Empfohlen werden mobile Beratungsteams und eine Information über Hilfsangebote schon vor "
      "der Abreise."},
     "XK,DE",
     "families,children",
     "psychosocial",
     "21,15",
     "Abschiebung, psychosoziale Beratung, Kosovo"},
    {"fr",
     "Les associations de la diaspora malienne et le retour des migrants",
     "Ce mémoire analyse le rôle des associations de Maliens en France dans l'accueil et la "
     "réinsertion des migrants de retour dans la région de Kayes.",
     nullptr,
     nullptr,
     nullptr,
     {"La région de Kayes entretient depuis des décennies des liens étroits avec la diaspora en "
      "France. Les associations villageoises financent écoles, puits et centres de santé.",
      "Elles jouent aussi un rôle discret mais important lors du retour : accueil, médiation "
      "familiale, aide à l'installation. Ce rôle est rarement reconnu par les programmes publics.",
      "Le mémoire propose des partenariats formels entre les programmes de réintégration et les "
      "associations de la diaspora."},
     "ML,FR",
     "diaspora",
     "social,economic",
     "19,21",
     "diaspora, associations, Kayes"},
    {"it",
     "Minori albanesi rimpatriati: scuola e famiglia dopo il ritorno",
     "La tesi esamina l'inserimento scolastico dei minori albanesi rientrati dall'Italia e "
     "propone un protocollo di collaborazione tra scuole e servizi sociali.",
     "en",
     "Albanian children returning from Italy: school and family after return",
     "The thesis examines how Albanian children returning from Italy re-enter school and "
     "proposes a protocol between schools and social services.",
     {"Molti bambini albanesi nati o cresciuti in Italia parlano meglio l'italiano che "
      "l'albanese. Al rientro faticano a seguire le lezioni e a farsi nuovi amici.",
      "Le scuole di Tirana e Durazzo hanno avviato corsi di sostegno linguistico, ma mancano "
      "risorse e insegnanti formati.",
      "La tesi propone un protocollo che preveda la valutazione delle competenze, un tutor per "
      "ogni alunno e il coinvolgimento dei genitori."},
     "AL,IT",
     "children",
     "social",
     "15,21",
     "scuola, minori, lingua"},
    {"tr",
     "Almanya'dan dönen emeklilerin sosyal uyumu",
     "Bu çalışma, Almanya'da uzun yıllar çalıştıktan sonra Türkiye'ye dönen emeklilerin sağlık "
     "hizmetlerine erişimini ve sosyal ağlarını incelemektedir.",
     nullptr,
     nullptr,
     nullptr,
     {"Birinci kuşak göçmenlerin önemli bir kısmı emeklilikte Türkiye'ye dönmeyi seçmektedir. "
      "Ancak yıllar süren ayrılık, akrabalık ve komşuluk ilişkilerini zayıflatmıştır.",
      "Görüşmeler, emekli maaşlarının transferi ve sağlık sigortası konusundaki bilgi "
      "eksikliğinin en sık karşılaşılan sorun olduğunu göstermektedir.",
      "Çalışma, iki ülkenin sosyal güvenlik kurumları arasında ortak bir danışma hattı "
      "kurulmasını önermektedir."},
     "TR,DE",
     "older_people",
     "social",
     "22,21",
     "emeklilik, sağlık, sosyal güvenlik"},
    {"en",
     "Health care for returnees with chronic illness: continuity of treatment in Ghana",
     "The paper studies how returnees with HIV, diabetes or hypertension continue their "
     "treatment after returning from Europe to Ghana, and what referral arrangements work.",
     nullptr,
     nullptr,
     nullptr,
     {"Interrupted treatment is one of the most serious risks of return for people with chronic "
      "illness. Medicines available in Europe may be costly or unavailable in Ghana.",
      "Where counsellors arranged a referral to a named clinic and a three-month supply of "
      "medicines before departure, treatment continued in almost all cases.",
      "The paper recommends enrolment in the National Health Insurance Scheme before arrival and "
      "a follow-up call after four weeks."},
     "GH",
     "people_with_health_needs,older_people",
     "social",
     "15,21",
     "health, chronic illness, referral"},
    {"ar",
     "دور البلديات في إعادة إدماج العائدين في المغرب",
     "تدرس هذه الورقة تجارب ثلاث بلديات مغربية في استقبال المهاجرين العائدين من أوروبا "
     "ومرافقتهم، وتقترح نموذجًا للتنسيق المحلي بين الفاعلين.",
     "fr",
     "Le rôle des communes dans la réintégration des migrants de retour au Maroc",
     "Le mémoire étudie l'expérience de trois communes marocaines dans l'accueil des migrants de "
     "retour et propose un modèle de coordination locale.",
     {"تلعب الجماعات الترابية دورًا متزايدًا في سياسات الهجرة بالمغرب، لكنها تفتقر غالبًا إلى "
      "الموارد والمعلومات اللازمة لمرافقة العائدين.",
      "في بني ملال والناظور وخريبكة أُنشئت شبابيك لاستقبال العائدين وتوجيههم نحو التكوين "
      "المهني والتمويل الصغير.",
      "توصي الورقة بإشراك الجمعيات المحلية وبتبادل المعطيات بين البلديات والوكالات الوطنية."},
     "MA,ES",
     "returnees_from_europe",
     "economic,social",
     "21,23",
     "البلديات، التنسيق المحلي، المغرب"},
    {"en",
     "Reintegration of returnees from Ukraine to Nigeria and Ghana: youth caught by war",
     "The paper follows African youth who had to leave Ukrainian universities in 2022 and "
     "asks how they continued their studies and careers after returning home.",
     nullptr,
     nullptr,
     nullptr,
     {"Around 16,000 African youth studied in Ukraine when the war began. Most returned home "
      "without their diplomas or transcripts.",
      "Some transferred to universities in Poland, Hungary or their home country; others had to "
      "give up medicine or engineering altogether.",
      "The paper recommends recognition of partial studies and a fund for youth whose "
      "education was interrupted by war."},
     "UA,NG,GH",
     "youth,returnees_from_ukraine",
     "economic,social",
     "18,21",
     "youth, Ukraine, recognition of studies"},
    {"de",
     "Frauen als Rückkehrerinnen in Äthiopien: Arbeitsmigration in die Golfstaaten und zurück",
     "Die Arbeit untersucht die Rückkehr äthiopischer Hausangestellter aus Saudi-Arabien und "
     "dem Libanon und die Rolle von Frauengruppen bei ihrer Wiedereingliederung.",
     nullptr,
     nullptr,
     nullptr,
     {"Zehntausende äthiopische Frauen arbeiten als Hausangestellte in den Golfstaaten. Viele "
      "kehren nach Ausbeutung, Lohnraub oder Massenabschiebungen zurück.",
      "Selbsthilfegruppen in Addis Abeba und Amhara bieten Austausch, Spargruppen und "
      "Weiterbildung an und helfen gegen Scham und Isolation.",
      "Die Arbeit empfiehlt, diese Gruppen mit Programmen der Berufsbildung zu verbinden und "
      "rückkehrende Frauen an ihrer Planung zu beteiligen."},
     "ET,SA,LB",
     "women",
     "economic,psychosocial",
     "6,21",
     "Hausangestellte, Frauengruppen, Golfstaaten"},
    {"fr",
     "Réintégration et changement climatique : le retour dans les zones rurales du Sénégal",
     "Ce mémoire examine comment la dégradation des terres et la sécheresse compliquent la "
     "réintégration agricole des migrants de retour dans le bassin arachidier.",
     nullptr,
     nullptr,
     nullptr,
     {"De nombreux migrants de retour souhaitent investir dans l'agriculture, mais les sols du "
      "bassin arachidier s'appauvrissent et les pluies deviennent irrégulières.",
      "Les projets de maraîchage irrigué et d'agroforesterie accompagnés par des techniciens "
      "agricoles montrent de meilleurs résultats que la culture traditionnelle de l'arachide.",
      "Le mémoire recommande d'intégrer l'adaptation au climat dans les plans de réintégration."},
     "SN",
     "returnees_from_libya,youth",
     "economic",
     "2,21",
     "climat, agriculture, sécheresse"},
    {"it",
     "Il ritorno dei richiedenti asilo nigeriani: informazione e consulenza in Italia",
     "La tesi valuta gli sportelli di orientamento al ritorno volontario nei centri di "
     "accoglienza italiani e la qualità delle informazioni fornite ai richiedenti asilo.",
     nullptr,
     nullptr,
     nullptr,
     {"Molti richiedenti asilo nigeriani conoscono il ritorno volontario assistito solo per "
      "sentito dire. Le informazioni arrivano tardi, spesso dopo il diniego definitivo.",
      "Gli sportelli che offrono colloqui individuali in inglese e pidgin, con mediatori "
      "culturali, raggiungono più persone e generano più fiducia.",
      "La tesi propone di offrire la consulenza fin dall'inizio della procedura e di "
      "collaborare con le associazioni della diaspora."},
     "NG,IT",
     "refugees",
     "social",
     "21,3",
     "consulenza, ritorno volontario, informazione"},
    {"tr",
     "Suriyeli mültecilerin gönüllü geri dönüşünde bilgilendirme",
     "Bu çalışma, Türkiye'deki Suriyeli mültecilerin geri dönüş kararında güvenilir bilginin "
     "rolünü ve sivil toplum kuruluşlarının danışmanlık hizmetlerini incelemektedir.",
     "ar",
     "دور المعلومات في العودة الطوعية للاجئين السوريين من تركيا",
     "تدرس هذه الورقة دور المعلومات الموثوقة في قرار العودة لدى اللاجئين السوريين في تركيا، "
     "وخدمات الإرشاد التي تقدمها منظمات المجتمع المدني.",
     {"Türkiye'de yaşayan Suriyelilerin bir kısmı kuzey Suriye'ye dönmeyi düşünmektedir. Ancak "
      "güvenlik, mülkiyet ve belge durumu hakkında güvenilir bilgiye ulaşmak zordur.",
      "Gaziantep ve Şanlıurfa'daki danışma merkezleri, dönüş öncesinde aileleri haklar ve riskler "
      "konusunda bilgilendirmektedir.",
      "Çalışma, kararın gönüllü olmasını güvence altına almak için bağımsız danışmanlığın "
      "yaygınlaştırılmasını önermektedir."},
     "SY,TR",
     "refugees,families",
     "social",
     "3,21",
     "bilgilendirme, gönüllü geri dönüş, danışmanlık"},
    {"en",
     "Mental health of deported young men in Afghanistan: a follow-up study",
     "The paper follows young men deported from Europe and Iran to Afghanistan and documents "
     "depression, anxiety and the coping strategies they use in the first year.",
     nullptr,
     nullptr,
     nullptr,
     {"Young Afghan men deported after years abroad often have no network in Kabul and face "
      "suspicion for having lived in the West.",
      "Over twelve months, symptoms of depression and anxiety remained high. Those who found "
      "work or lived with relatives fared better.",
      "The paper calls for psychosocial support to be part of every reintegration package and "
      "for safe accommodation during the first weeks."},
     "AF,IR",
     "youth",
     "psychosocial",
     "21,7",
     "mental health, deportation, coping"},
    {"de",
     "Anerkennung im Ausland erworbener Berufserfahrung bei der Rückkehr nach Bosnien und "
     "Herzegowina",
     "Die Arbeit prüft, wie Rückkehrende ihre in Deutschland und Österreich erworbene "
     "Berufserfahrung in Bosnien und Herzegowina nachweisen und verwerten können.",
     nullptr,
     nullptr,
     nullptr,
     {"Viele Rückkehrende haben im Ausland in Pflege, Bau oder Gastronomie gearbeitet, aber "
      "keine formalen Abschlüsse erworben.",
      "Verfahren zur Validierung informell erworbener Kompetenzen sind in Bosnien und "
      "Herzegowina erst im Aufbau; Arbeitgeber verlassen sich auf Empfehlungen.",
      "Empfohlen werden Kompetenzbilanzen vor der Ausreise und Partnerschaften mit "
      "Handwerkskammern."},
     "BA,DE,AT",
     "returnees_from_europe",
     "economic",
     "18,21",
     "Anerkennung, Kompetenzen, Arbeitsmarkt"},
    {"ar",
     "الدعم النفسي والاجتماعي للعائدين من ليبيا إلى السودان",
     "تتناول الورقة الاحتياجات النفسية والاجتماعية للشباب السودانيين العائدين من ليبيا بعد "
     "تجارب الاحتجاز والعمل القسري، وتقيّم برامج الدعم المجتمعي في الخرطوم.",
     "en",
     "Psychosocial support for returnees from Libya to Sudan",
     "The paper addresses the psychosocial needs of young Sudanese returning from Libya after "
     "detention and forced labour and evaluates community support programmes in Khartoum.",
     {"عاد آلاف الشباب السودانيين من ليبيا خلال السنوات الأخيرة، وكثير منهم تعرضوا للاحتجاز "
      "والعنف والعمل دون أجر.",
      "تُظهر المقابلات أن الوصمة الاجتماعية والشعور بالفشل يمنعان العائدين من طلب المساعدة، "
      "وأن مجموعات الدعم بين الأقران تخفف من العزلة.",
      "توصي الورقة بتدريب العاملين الصحيين في المراكز المحلية على الإسعافات النفسية الأولية."},
     "SD,LY",
     "youth,victims_of_trafficking",
     "psychosocial",
     "7,21",
     "الصحة النفسية، ليبيا، الوصمة"},
    {"en",
     "Remittances, savings and return: financial planning of Senegalese migrants in Spain",
     "The paper asks how migrants in Spain prepare their return financially and how savings "
     "groups and diaspora banking products help them invest at home.",
     nullptr,
     nullptr,
     nullptr,
     {"Senegalese migrants in Spain send a large share of their income home, leaving little for "
      "their own return.",
      "Members of savings groups (tontines) and users of diaspora accounts had planned their "
      "return more concretely and invested more often in a business.",
      "The paper recommends financial education before return and cheaper transfer channels."},
     "SN,ES",
     "diaspora",
     "economic",
     "20,19",
     "remittances, savings, financial planning"},
    {"fr",
     "Les femmes de retour en Côte d'Ivoire : entrepreneuriat et réseaux",
     "Ce mémoire analyse les trajectoires de femmes ivoiriennes revenues de Tunisie et du Maroc "
     "et le rôle des réseaux de femmes dans la création de petites entreprises.",
     nullptr,
     nullptr,
     nullptr,
     {"De nombreuses Ivoiriennes ont travaillé comme domestiques en Tunisie avant de rentrer, "
      "souvent après des situations d'exploitation.",
      "Les coopératives féminines d'Abidjan et de Daloa offrent formation, crédit solidaire et "
      "soutien moral.",
      "Le mémoire recommande de soutenir ces coopératives plutôt que de multiplier les aides "
      "individuelles."},
     "CI,TN,MA",
     "women",
     "economic,social",
     "6,21",
     "entrepreneuriat, coopératives, femmes"},
    {"it",
     "Ritorno e reintegrazione dei migranti gambiani: il ruolo delle famiglie",
     "La tesi indaga come le famiglie gambiane accolgono i parenti rimpatriati dalla Libia e "
     "dall'Italia e come le aspettative familiari influenzano la reintegrazione.",
     nullptr,
     nullptr,
     nullptr,
     {"Il viaggio verso l'Europa è spesso finanziato dalla famiglia, che si aspetta rimesse e "
      "successo. Il ritorno a mani vuote è vissuto come una perdita collettiva.",
      "Le mediazioni familiari condotte da operatori locali aiutano a ricostruire la fiducia e "
      "a condividere nuovi progetti.",
      "La tesi propone di includere le famiglie nei colloqui di reintegrazione fin dal ritorno."},
     "GM,IT,LY",
     "families,youth",
     "social,psychosocial",
     "21,19",
     "famiglie, aspettative, mediazione"},
};

struct Feedback {
  const char* language;
  const char* accepted;
  const char* revisions;
  const char* rejected;
  const char* comment;
  const char* reply;
};

const Feedback kFeedback[] = {
    {"en",
     "A clear research question, well-chosen interviews and recommendations that practitioners "
     "can use. The discussion of limitations is honest. Accepted.",
     "The topic is relevant and the fieldwork is promising, but the analysis does not yet answer "
     "the research question. Please separate findings from recommendations, add the interview "
     "guide as an annex and discuss what your sample cannot show.",
     "The paper does not yet meet the requirements: the sources are not documented and the main "
     "argument rests on a single interview. Please talk to me about a new plan.",
     "Thank you for the draft. Section 3 needs the numbers behind your claims; where do they come "
     "from?",
     "Thank you, I have added the sources and a table with the figures in the new version."},
    {"de",
     "Eine klare Fragestellung, gut gewählte Interviews und Empfehlungen, mit denen die Praxis "
     "arbeiten kann. Die Grenzen der Arbeit werden ehrlich benannt. Angenommen.",
     "Das Thema ist relevant und die Feldarbeit vielversprechend, doch die Analyse beantwortet "
     "die Forschungsfrage noch nicht. Bitte trennen Sie Befunde und Empfehlungen, fügen Sie den "
     "Interviewleitfaden als Anhang bei und diskutieren Sie, was Ihre Stichprobe nicht zeigen "
     "kann.",
     "Die Arbeit erfüllt die Anforderungen noch nicht: Die Quellen sind nicht belegt und die "
     "Argumentation stützt sich auf ein einziges Interview. Bitte sprechen Sie mich wegen eines "
     "neuen Plans an.",
     "Danke für den Entwurf. In Abschnitt 3 fehlen die Zahlen hinter Ihren Aussagen; woher "
     "stammen sie?",
     "Danke, ich habe die Quellen und eine Tabelle mit den Zahlen in der neuen Fassung ergänzt."},
    {"fr",
     "Une question de recherche claire, des entretiens bien choisis et des recommandations utiles "
     "aux praticiens. Les limites du travail sont présentées honnêtement. Accepté.",
     "Le sujet est pertinent et le terrain prometteur, mais l'analyse ne répond pas encore à la "
     "question de recherche. Merci de distinguer résultats et recommandations, d'ajouter le guide "
     "d'entretien en annexe et de discuter de ce que votre échantillon ne permet pas de montrer.",
     "Le mémoire ne remplit pas encore les exigences : les sources ne sont pas documentées et "
     "l'argument repose sur un seul entretien. Prenons rendez-vous pour un nouveau plan.",
     "Merci pour le brouillon. La partie 3 a besoin des chiffres qui fondent vos affirmations ; "
     "d'où viennent-ils ?",
     "Merci, j'ai ajouté les sources et un tableau des chiffres dans la nouvelle version."},
    {"ar",
     "سؤال بحثي واضح ومقابلات مختارة بعناية وتوصيات يمكن للممارسين الاستفادة منها. حدود الدراسة "
     "مذكورة بصراحة. مقبولة.",
     "الموضوع مهم والعمل الميداني واعد، لكن التحليل لا يجيب بعد عن سؤال البحث. يُرجى الفصل بين "
     "النتائج والتوصيات، وإرفاق دليل المقابلة، ومناقشة ما لا تستطيع العينة إظهاره.",
     "لا تستوفي الورقة المتطلبات بعد: المصادر غير موثقة والحجة الرئيسية تعتمد على مقابلة واحدة. "
     "لنتفق على موعد لوضع خطة جديدة.",
     "شكرًا على المسودة. يحتاج القسم الثالث إلى الأرقام التي تستند إليها، فما مصدرها؟",
     "شكرًا، أضفت المصادر وجدولًا بالأرقام في النسخة الجديدة."},
};

const Feedback& feedback_for(std::string_view language) {
  for (const auto& f : kFeedback)
    if (language == f.language) return f;
  return kFeedback[0];
}

struct CriterionSeed {
  const char* title;
  const char* description;
  long scale_max;
};
const CriterionSeed kCriteria[] = {
    {"Research question and relevance",
     "The question is clear, focused and matters for return and reintegration practice.", 10},
    {"Method and sources", "Sources and interviews are suitable, documented and used with care.",
     10},
    {"Analysis and argument", "Findings answer the question; the argument is coherent.", 10},
    {"Recommendations for practice", "Recommendations follow from the findings and can be used.",
     5},
};

struct CohortRow {
  int64_t id = 0, programme_id = 0, starts_on = 0, ends_on = 0;
  long number = 0;
  std::string status;
};

std::vector<CohortRow> demo_cohorts(db::Session& db) {
  std::vector<CohortRow> out;
  db::Rows rows = (db.sql().prepare
                   << "SELECT c.id, c.programme_id, c.starts_on, c.ends_on, c.number, c.status "
                      "FROM cohort c JOIN programme g ON g.id = c.programme_id WHERE g.slug = "
                      "'crm' AND c.number <= 4 AND c.status IN ('running', 'completed') "
                      "ORDER BY c.number");
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                   db::get_int64(r, 3), static_cast<long>(db::get_int64(r, 4)),
                   db::get_text(r, 5)});
  return out;
}

// person id -> account id of the cohort's lecturers, by name.
std::vector<std::pair<int64_t, int64_t>> lecturers(db::Session& db, int64_t cohort) {
  long long c = cohort;
  std::vector<std::pair<int64_t, int64_t>> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT p.id, COALESCE(p.account_id, 0) FROM person p JOIN enrolment "
                           "e ON e.person_id = p.id WHERE e.cohort_id = :c AND e.role = "
                           "'lecturer' AND p.erased_at IS NULL ORDER BY p.name, p.id",
       soci::use(c));
  for (const auto& r : rows) out.emplace_back(db::get_int64(r, 0), db::get_int64(r, 1));
  return out;
}

// Who holds a certificate of the cohort (a revoked one too: revoking does
// not undo the completion the demo's certificates were issued for).
std::set<int64_t> certified(db::Session& db, int64_t cohort) {
  long long c = cohort;
  std::set<int64_t> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT person_id FROM certificate WHERE cohort_id = :c", soci::use(c));
  for (const auto& r : rows) out.insert(db::get_int64(r, 0));
  return out;
}

// person id -> account id for every participant with an account (the demo participant).
std::map<int64_t, int64_t> participant_accounts(db::Session& db) {
  std::map<int64_t, int64_t> out;
  db::Rows rows = (db.sql().prepare << "SELECT p.id, p.account_id FROM person p JOIN account a "
                                       "ON a.id = p.account_id");
  for (const auto& r : rows) out[db::get_int64(r, 0)] = db::get_int64(r, 1);
  return out;
}

std::vector<std::string> split(const char* list) {
  std::vector<std::string> out;
  std::string s(list ? list : "");
  size_t a = 0;
  while (a <= s.size()) {
    auto b = s.find(',', a);
    if (b == std::string::npos) b = s.size();
    auto v = s.substr(a, b - a);
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    if (!v.empty()) out.push_back(v);
    a = b + 1;
  }
  return out;
}

std::vector<papers::Tag> tags_of(const Theme& t) {
  std::vector<papers::Tag> out;
  for (const auto& v : split(t.topics)) out.push_back({"topic", v});
  for (const auto& v : split(t.countries)) out.push_back({"country", v});
  const std::pair<const char*, const char*> kinds[] = {
      {"target_group", t.target_groups}, {"dimension", t.dimensions}, {"gcm", t.gcm}};
  for (const auto& [kind, list] : kinds)
    for (const auto& v : split(list))
      if (knowledge::find_term(knowledge::terms_of_kind(kind), v)) out.push_back({kind, v});
  return out;
}

std::string body_text(const Theme& t) {
  std::string s = std::string(t.title) + "\n\n" + t.abstract;
  for (const auto* p : t.body) s += std::string("\n\n") + p;
  return s;
}

// The PDF of a theme's paper, rendered once per theme and author.
const std::string& pdf_of(std::map<std::pair<size_t, std::string>, std::string>& cache,
                          size_t theme, const std::string& author) {
  auto key = std::make_pair(theme, author);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const auto& t = kThemes[theme];
  papers::PdfDocument d;
  d.title = t.title;
  d.author = author;
  d.language = t.language;
  d.paragraphs.push_back(t.abstract);
  for (const auto* p : t.body) d.paragraphs.push_back(p);
  return cache[key] = papers::render_pdf(d);
}

void set_extracted(db::Session& db, int64_t version, const std::string& text) {
  long long v = version;
  db.sql() << "UPDATE paper_version SET extracted_text = :t WHERE id = :v", soci::use(text),
      soci::use(v);
}

// What a participant's paper gets, by its place among the cohort's papers.
std::string stage_of(const CohortRow& c, size_t i, bool holds_certificate, bool demo_account) {
  if (c.status == "completed") {
    if (holds_certificate) return "accepted";
    return i % 7 == 0 ? "rejected" : "revisions";
  }
  // The demo participant's paper waits for a new version after feedback.
  if (demo_account) return "revisions";
  if (i % 19 == 18) return "rejected";
  static const char* kRunning[] = {"accepted", "submitted", "revisions", "accepted",
                                   "draft",    "accepted",  "submitted"};
  return kRunning[i % 7];
}

}  // namespace

void load_papers(db::Session& db, int64_t now) {
  if (db::schema_version(db) < kPapersSchema) return;
  const auto cohorts = demo_cohorts(db);
  if (cohorts.empty()) return;
  const auto accounts = participant_accounts(db);
  std::map<std::pair<size_t, std::string>, std::string> pdfs;
  const size_t themes = std::size(kThemes);
  db::Transaction tx(db);
  for (const auto& c : cohorts) {
    // Milestones over the cohort's year, the final one before its end.
    auto milestones = papers::store::list_milestones(db, c.id);
    if (milestones.empty()) {
      const int64_t length = std::max<int64_t>(c.ends_on - c.starts_on, 120 * kDay);
      papers::store::save_milestone(db, c.id, "proposal", c.starts_on + length / 4);
      papers::store::save_milestone(db, c.id, "draft", c.starts_on + length * 3 / 5);
      papers::store::save_milestone(db, c.id, "final", c.ends_on - 14 * kDay);
      milestones = papers::store::list_milestones(db, c.id);
    }
    auto criteria = papers::store::list_criteria(db, c.id);
    if (criteria.empty()) {
      long position = 1;
      for (const auto& s : kCriteria) {
        papers::Criterion x;
        x.cohort_id = c.id;
        x.position = position++;
        x.title = s.title;
        x.description = s.description;
        x.scale_max = s.scale_max;
        papers::store::insert_criterion(db, x, now);
      }
      criteria = papers::store::list_criteria(db, c.id);
    }
    std::map<std::string, int64_t> due;
    for (const auto& m : milestones) due[m.kind] = m.due_at;
    const auto supervisors = lecturers(db, c.id);
    const auto holders = certified(db, c.id);
    const auto participants = papers::store::cohort_participants(db, c.id);
    for (size_t i = 0; i < participants.size(); ++i) {
      const auto& person = participants[i];
      if (person.has_paper) continue;
      const auto account = accounts.find(person.id);
      const bool demo_account = account != accounts.end();
      const auto stage = stage_of(c, i, holders.count(person.id) > 0, demo_account);
      const size_t theme_index = (static_cast<size_t>(c.number) * 7 + i) % themes;
      const auto& theme = kThemes[theme_index];
      const auto supervisor = supervisors.empty() ? std::pair<int64_t, int64_t>{0, 0}
                                                  : supervisors[i % supervisors.size()];
      auto id = papers::store::insert_paper(db, c.id, person.id, supervisor.first,
                                            c.starts_on + 30 * kDay);
      if (!id) continue;
      std::vector<papers::PaperText> texts{{theme.language, theme.title, theme.abstract}};
      if (theme.language2) texts.push_back({theme.language2, theme.title2, theme.abstract2});
      std::sort(texts.begin(), texts.end(),
                [](const auto& a, const auto& b) { return a.language < b.language; });
      papers::store::replace_texts(db, *id, texts, c.starts_on + 30 * kDay);
      papers::store::replace_tags(db, *id, tags_of(theme));
      const int64_t author_account = demo_account ? account->second : 0;
      // An upload a few days before its milestone, never in the future.
      auto at = [&](const char* kind, int64_t days_before) {
        auto it = due.find(kind);
        int64_t t = (it == due.end() ? now : it->second) - days_before * kDay;
        return std::min(t, now - (3 + static_cast<int64_t>(i % 5)) * kDay);
      };
      std::vector<std::pair<int64_t, papers::Version>> versions;
      auto upload = [&](const char* milestone, int64_t when) {
        papers::Version v;
        v.paper_id = *id;
        v.milestone = milestone;
        v.filename = std::string(milestone) + "-" + std::to_string(versions.size() + 1) + ".pdf";
        v.content_type = "application/pdf";
        const auto& bytes = pdf_of(pdfs, theme_index, person.name);
        v.size = static_cast<int64_t>(bytes.size());
        const int64_t vid = papers::store::insert_version(db, v, bytes, author_account, when);
        set_extracted(db, vid, body_text(theme));
        v.number = static_cast<long>(versions.size() + 1);
        versions.emplace_back(vid, v);
      };
      const auto& fb = feedback_for(theme.language);
      auto assess = [&](const std::string& decision, int64_t when) {
        papers::Assessment a;
        a.paper_id = *id;
        a.version_id = versions.back().first;
        a.decision = decision;
        a.feedback = decision == "accepted"    ? fb.accepted
                     : decision == "revisions" ? fb.revisions
                                               : fb.rejected;
        const int64_t aid = papers::store::insert_assessment(db, a, supervisor.second, when);
        for (size_t k = 0; k < criteria.size(); ++k) {
          const long max = criteria[k].scale_max;
          const long score = decision == "accepted"    ? max - static_cast<long>((i + k) % 3)
                             : decision == "revisions" ? max / 2 + static_cast<long>((i + k) % 2)
                                                       : max / 4;
          papers::store::insert_score(db, aid, criteria[k].id, std::clamp(score, 0L, max));
        }
      };
      if (stage != "draft") {
        upload("proposal", at("proposal", 2));
        papers::store::insert_comment(db, versions.back().first, supervisor.second, fb.comment,
                                      at("proposal", 0));
      }
      if (stage == "submitted" || stage == "revisions" || stage == "accepted") {
        upload("draft", at("draft", 3));
        if (stage != "submitted") {
          assess("revisions", at("draft", 1));
          if (author_account)
            papers::store::insert_comment(db, versions.back().first, author_account, fb.reply,
                                          at("draft", 0));
        }
      }
      if (stage == "accepted") {
        upload("final", at("final", 4));
        assess("accepted", at("final", 1));
      }
      if (stage == "rejected") {
        upload("final", at("final", 4));
        assess("rejected", at("final", 1));
      }
      papers::store::set_status(db, *id, stage, versions.empty() ? c.starts_on + 30 * kDay : now);
      search::record_change(db, search::WorkKind::paper, *id, now);
    }
  }
  tx.commit();
}

}  // namespace crm::demo
