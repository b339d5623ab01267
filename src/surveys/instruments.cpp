#include "surveys/instruments.hpp"

#include <vector>

namespace crm::surveys {

namespace {

// A text in the four languages of the interface.
Texts T(const char* en, const char* de, const char* fr, const char* ar) {
  return {{"en", en}, {"de", de}, {"fr", fr}, {"ar", ar}};
}

Definition base(Texts title, Texts intro) {
  Definition d;
  d.languages = {"en", "de", "fr", "ar"};
  d.default_language = "en";
  d.title = std::move(title);
  d.intro = std::move(intro);
  return d;
}

Question question(const char* name, const char* type, Texts label, bool required = false) {
  Question q;
  q.name = name;
  q.type = type;
  q.label = std::move(label);
  q.required = required;
  return q;
}

// Strongly disagree … strongly agree; `positive`: agree and strongly agree
// count as yes (indicator questions).
std::vector<Choice> agreement(bool positive = false) {
  return {
      {"1",
       T("Strongly disagree", "Stimme gar nicht zu", "Pas du tout d’accord", "لا أوافق إطلاقًا"),
       false},
      {"2", T("Disagree", "Stimme nicht zu", "Pas d’accord", "لا أوافق"), false},
      {"3", T("Neither agree nor disagree", "Weder noch", "Ni d’accord ni pas d’accord", "محايد"),
       false},
      {"4", T("Agree", "Stimme zu", "D’accord", "أوافق"), positive},
      {"5", T("Strongly agree", "Stimme voll zu", "Tout à fait d’accord", "أوافق بشدة"), positive},
  };
}

Question comments(const char* name, Texts label) {
  return question(name, "text", std::move(label));
}

Definition session_feedback() {
  Definition d =
      base(T("Session feedback", "Rückmeldung zur Sitzung", "Retour sur la séance", "تقييم الجلسة"),
           T("Your answers help the lecturers and the programme team improve the sessions.",
             "Ihre Antworten helfen den Lehrenden und dem Programmteam, die Sitzungen zu "
             "verbessern.",
             "Vos réponses aident les intervenants et l’équipe du programme à améliorer les "
             "séances.",
             "تساعد إجاباتك المحاضرين وفريق البرنامج على تحسين الجلسات."));
  for (auto [name, label] : {
           std::pair{"aims", T("The session met its aims.", "Die Sitzung hat ihre Ziele erreicht.",
                               "La séance a atteint ses objectifs.", "حققت الجلسة أهدافها.")},
           std::pair{"clear",
                     T("The lecturer explained clearly.", "Die Lehrperson hat klar erklärt.",
                       "L’intervenant a expliqué clairement.", "شرح المحاضر بوضوح.")},
           std::pair{"relevant", T("What I learned is relevant to my work.",
                                   "Das Gelernte ist für meine Arbeit relevant.",
                                   "Ce que j’ai appris est utile à mon travail.",
                                   "ما تعلمته وثيق الصلة بعملي.")},
       }) {
    Question q = question(name, "likert", label, true);
    q.choices = agreement();
    d.questions.push_back(std::move(q));
  }
  Question overall = question(
      "overall", "single",
      T("Overall, how would you rate the session?", "Wie bewerten Sie die Sitzung insgesamt?",
        "Dans l’ensemble, comment évaluez-vous la séance ?", "كيف تقيّم الجلسة بشكل عام؟"),
      true);
  overall.choices = {
      {"poor", T("Poor", "Schwach", "Faible", "ضعيفة"), false},
      {"fair", T("Fair", "Ausreichend", "Passable", "مقبولة"), false},
      {"good", T("Good", "Gut", "Bonne", "جيدة"), false},
      {"excellent", T("Excellent", "Ausgezeichnet", "Excellente", "ممتازة"), false},
  };
  d.questions.push_back(std::move(overall));
  d.questions.push_back(
      comments("improve", T("What should be improved?", "Was sollte verbessert werden?",
                            "Que faudrait-il améliorer ?", "ما الذي ينبغي تحسينه؟")));
  return d;
}

Definition useful() {
  Definition d =
      base(T("End of the programme: was it useful?", "Programmende: War es nützlich?",
             "Fin du programme : était-ce utile ?", "نهاية البرنامج: هل كان مفيدًا؟"),
           T("Looking back on the whole programme, please tell us what it brings to your work.",
             "Bitte sagen Sie uns im Rückblick auf das ganze Programm, was es Ihrer Arbeit bringt.",
             "En repensant à l’ensemble du programme, dites-nous ce qu’il apporte à votre travail.",
             "بالنظر إلى البرنامج كله، أخبرنا بما يضيفه إلى عملك."));
  Question q = question(
      "useful", "likert",
      T("The training is useful for my work.", "Die Weiterbildung ist für meine Arbeit nützlich.",
        "La formation est utile pour mon travail.", "التدريب مفيد لعملي."),
      true);
  q.choices = agreement(true);
  q.indicator = "useful";
  d.questions.push_back(std::move(q));
  Question parts =
      question("parts", "multiple",
               T("Which parts were most useful?", "Welche Teile waren am nützlichsten?",
                 "Quelles parties ont été les plus utiles ?", "ما الأجزاء الأكثر فائدة؟"));
  parts.choices = {
      {"online", T("Online modules", "Online-Module", "Modules en ligne", "الوحدات عبر الإنترنت"),
       false},
      {"onsite", T("On-site weeks", "Präsenzwochen", "Semaines en présentiel", "الأسابيع الحضورية"),
       false},
      {"cases", T("Case studies", "Fallstudien", "Études de cas", "دراسات الحالة"), false},
      {"project", T("Practice project", "Praxisprojekt", "Projet pratique", "المشروع التطبيقي"),
       false},
      {"peers",
       T("Exchange with other participants", "Austausch mit anderen Teilnehmenden",
         "Échanges avec les autres participants", "تبادل الخبرات مع المشاركين الآخرين"),
       false},
  };
  d.questions.push_back(std::move(parts));
  d.questions.push_back(comments(
      "comments",
      T("Anything else you would like to tell us?", "Möchten Sie uns noch etwas mitteilen?",
        "Souhaitez-vous nous dire autre chose ?", "هل هناك شيء آخر تود إخبارنا به؟")));
  return d;
}

Definition self_assessment() {
  Definition d = base(
      T("Self-assessment of competences", "Selbsteinschätzung der Kompetenzen",
        "Auto-évaluation des compétences", "التقييم الذاتي للكفاءات"),
      T("Rate your competences today. You answer the same questions before and after the "
        "programme, so that you and we can see what changed.",
        "Schätzen Sie Ihre Kompetenzen heute ein. Sie beantworten dieselben Fragen vor und nach "
        "dem Programm, damit Sie und wir sehen, was sich verändert hat.",
        "Évaluez vos compétences aujourd’hui. Vous répondez aux mêmes questions avant et après "
        "le programme, pour que vous et nous voyions ce qui a changé.",
        "قيّم كفاءاتك اليوم. ستجيب عن الأسئلة نفسها قبل البرنامج وبعده، لنرى معًا ما الذي "
        "تغيّر."));
  Question m = question("competences", "matrix",
                        T("How would you rate your competence in …",
                          "Wie schätzen Sie Ihre "
                          "Kompetenz ein in …",
                          "Comment évaluez-vous votre compétence en …", "كيف تقيّم كفاءتك في …"),
                        true);
  m.choices = {
      {"1", T("Very low", "Sehr gering", "Très faible", "منخفضة جدًا"), false},
      {"2", T("Low", "Gering", "Faible", "منخفضة"), false},
      {"3", T("Medium", "Mittel", "Moyenne", "متوسطة"), false},
      {"4", T("High", "Hoch", "Élevée", "عالية"), false},
      {"5", T("Very high", "Sehr hoch", "Très élevée", "عالية جدًا"), false},
  };
  m.rows = {
      {"law",
       T("Legal frameworks of return and readmission",
         "Rechtliche Rahmen von Rückkehr und Rückübernahme",
         "Cadres juridiques du retour et de la réadmission",
         "الأطر القانونية للعودة وإعادة القبول"),
       false},
      {"reintegration",
       T("Reintegration support (economic, social, psychosocial)",
         "Reintegrationsunterstützung (wirtschaftlich, sozial, psychosozial)",
         "Soutien à la réintégration (économique, social, psychosocial)",
         "دعم إعادة الإدماج (الاقتصادي والاجتماعي والنفسي)"),
       false},
      {"counselling",
       T("Counselling returnees", "Beratung von Rückkehrenden", "Conseil aux personnes de retour",
         "إرشاد العائدين"),
       false},
      {"cooperation",
       T("Cooperation between countries of origin, transit and destination",
         "Zusammenarbeit zwischen Herkunfts-, Transit- und Zielländern",
         "Coopération entre pays d’origine, de transit et de destination",
         "التعاون بين بلدان المنشأ والعبور والمقصد"),
       false},
      {"projects",
       T("Designing and managing projects", "Projekte planen und steuern",
         "Concevoir et gérer des projets", "تصميم المشاريع وإدارتها"),
       false},
      {"ethics",
       T("Data protection and ethics in migration work",
         "Datenschutz und Ethik in der Migrationsarbeit",
         "Protection des données et éthique dans le travail migratoire",
         "حماية البيانات والأخلاقيات في العمل مع المهاجرين"),
       false},
  };
  d.questions.push_back(std::move(m));
  return d;
}

Definition follow_up() {
  Definition d = base(
      T("Three months later: are you using what you learned?",
        "Drei Monate später: Nutzen Sie, was Sie gelernt haben?",
        "Trois mois plus tard : utilisez-vous ce que vous avez appris ?",
        "بعد ثلاثة أشهر: هل تستخدم ما تعلمته؟"),
      T("Three months have passed since the training. Please tell us how it shows in your work.",
        "Seit der Weiterbildung sind drei Monate vergangen. Bitte sagen Sie uns, wie sie sich in "
        "Ihrer Arbeit zeigt.",
        "Trois mois se sont écoulés depuis la formation. Dites-nous comment elle se traduit dans "
        "votre travail.",
        "مرت ثلاثة أشهر على التدريب. أخبرنا كيف يظهر أثره في عملك."));
  Question q = question("using_skills", "single",
                        T("Are you using the skills and competences you acquired in the training?",
                          "Nutzen Sie die in der Weiterbildung erworbenen Fähigkeiten und "
                          "Kompetenzen?",
                          "Utilisez-vous les savoir-faire et compétences acquis pendant la "
                          "formation ?",
                          "هل تستخدم المهارات والكفاءات التي اكتسبتها في التدريب؟"),
                        true);
  q.choices = {
      {"regularly", T("Yes, regularly", "Ja, regelmäßig", "Oui, régulièrement", "نعم، بانتظام"),
       true},
      {"sometimes", T("Yes, sometimes", "Ja, manchmal", "Oui, parfois", "نعم، أحيانًا"), true},
      {"no", T("No", "Nein", "Non", "لا"), false},
  };
  q.indicator = "using_skills";
  d.questions.push_back(std::move(q));
  Question where = question(
      "areas", "multiple",
      T("Where do you use them?", "Wo nutzen Sie sie?", "Où les utilisez-vous ?", "أين تستخدمها؟"));
  // Asked of those who use them (kept here: `where` is moved into the list below).
  const std::string using_them = "${using_skills} = 'regularly' or ${using_skills} = 'sometimes'";
  where.relevant = using_them;
  where.choices = {
      {"cases",
       T("Working on individual cases", "In der Einzelfallarbeit",
         "Dans le suivi de cas individuels", "في العمل على الحالات الفردية"),
       false},
      {"policy",
       T("Policy and strategy", "In Politik und Strategie", "Politique et stratégie",
         "في السياسات والاستراتيجيات"),
       false},
      {"cooperation",
       T("Cooperation with other countries",
         "In der Zusammenarbeit mit anderen "
         "Ländern",
         "Coopération avec d’autres pays", "في التعاون مع بلدان أخرى"),
       false},
      {"training",
       T("Training colleagues", "In der Schulung von Kolleginnen und Kollegen",
         "Formation de collègues", "في تدريب الزملاء"),
       false},
  };
  d.questions.push_back(std::move(where));
  Question example =
      comments("example", T("Please give an example.",
                            "Bitte nennen Sie ein "
                            "Beispiel.",
                            "Donnez un exemple, s’il vous plaît.", "يرجى ذكر مثال."));
  example.relevant = using_them;
  d.questions.push_back(std::move(example));
  Question barrier = comments(
      "barriers", T("What keeps you from using them?", "Was hindert Sie daran, sie zu nutzen?",
                    "Qu’est-ce qui vous empêche de les utiliser ?", "ما الذي يمنعك من استخدامها؟"));
  barrier.relevant = "${using_skills} = 'no'";
  d.questions.push_back(std::move(barrier));
  return d;
}

}  // namespace

std::optional<Definition> instrument(std::string_view kind) {
  if (kind == "session_feedback") return session_feedback();
  if (kind == "useful") return useful();
  if (kind == "self_assessment") return self_assessment();
  if (kind == "follow_up") return follow_up();
  return std::nullopt;
}

bool instrument_is_anonymous(std::string_view kind) {
  return kind != "self_assessment";
}

}  // namespace crm::surveys
