// Spaces for the demo (issue 14): in every cohort's space of the demo
// programme (the first four cohorts: a larger scale does not multiply them)
// a pinned welcome from the team and discussions in English, German, French
// and Arabic with replies and mentions; the alumni space with a few threads;
// a theme space "Reintegration of children", a region space "West Africa"
// and a protected space "Casework exchange" (authors shown to moderators
// only), their members added by hand across cohorts; and some posts the
// demo participant has not read yet. Deterministic; idempotent (nothing is
// added when the theme space is there).
#include <algorithm>
#include <string>
#include <vector>

#include "demo/demo.hpp"

namespace crm::demo {

namespace {

using ll = long long;
using soci::into;
using soci::use;
constexpr ll kHour = 3600, kDay = 86400;

struct Member {
  ll id = 0;
  std::string name;
};

struct Reply {
  int author;  // index into the space's authors
  std::string body;
  int mention = -1;  // index of an author mentioned ("@Name" is put before the body)
};

struct ThreadSeed {
  std::string title, body;
  std::vector<Reply> replies;
};

std::vector<Member> members_of(db::Session& db, ll space, bool moderators, ll limit) {
  ll m = moderators ? 1 : 0;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT a.id, a.name FROM space_membership sm JOIN "
                                       "account a ON a.id = sm.account_id WHERE sm.space_id = :s "
                                       "AND sm.moderator = :m ORDER BY a.id LIMIT :l",
                   use(space), use(m), use(limit));
  std::vector<Member> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

ll account(db::Session& db, const std::string& email) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM account WHERE email = :e", use(email), into(id);
  return id;
}

ll post(db::Session& db, ll thread, ll author, ll reply_to, const std::string& body, ll at) {
  ll id = 0;
  soci::indicator ind = reply_to ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO post (thread_id, author_account_id, reply_to_post_id, body, created_at) "
              "VALUES (:t, :a, :r, :b, :c) RETURNING id",
      use(thread), use(author), use(reply_to, ind), use(body), use(at), into(id);
  return id;
}

// The thread, its posts an hour apart from `at`, and the read marks of the
// authors (each has read up to their own last post).
ll write_thread(db::Session& db, ll space, const ThreadSeed& s, const std::vector<Member>& authors,
                ll at, bool pinned = false) {
  if (authors.empty()) return 0;
  ll id = 0, pin = pinned ? 1 : 0, count = static_cast<ll>(s.replies.size()) + 1,
     last = at + static_cast<ll>(s.replies.size()) * kHour;
  db.sql() << "INSERT INTO thread (space_id, title, author_account_id, pinned, created_at, "
              "last_post_at, post_count) VALUES (:s, :t, :a, :p, :c, :l, :n) RETURNING id",
      use(space), use(s.title), use(authors[0].id), use(pin), use(at), use(last), use(count),
      into(id);
  ll first = post(db, id, authors[0].id, 0, s.body, at);
  ll when = at;
  for (const auto& r : s.replies) {
    when += kHour;
    const Member& who = authors[static_cast<size_t>(r.author) % authors.size()];
    std::string body = r.body;
    const Member* mentioned = nullptr;
    if (r.mention >= 0) {
      mentioned = &authors[static_cast<size_t>(r.mention) % authors.size()];
      body = "@" + mentioned->name + " " + body;
    }
    ll p = post(db, id, who.id, first, body, when);
    if (mentioned && mentioned->id != who.id)
      db.sql() << "INSERT INTO post_mention (post_id, account_id) VALUES (:p, :a)", use(p),
          use(mentioned->id);
  }
  return id;
}

void name_space(db::Session& db, ll space, const std::vector<std::vector<std::string>>& texts) {
  for (const auto& t : texts)
    db.sql() << "INSERT INTO space_text (space_id, language, name, description) VALUES (:s, :l, "
                ":n, :d)",
        use(space), use(t[0]), use(t[1]), use(t[2]);
}

ll new_space(db::Session& db, ll programme, const std::string& kind, bool is_protected, ll at) {
  ll id = 0, p = is_protected ? 1 : 0, hidden = p;
  db.sql() << "INSERT INTO space (programme_id, kind, protected, authors_hidden, created_at) "
              "VALUES (:p, :k, :pr, :h, :c) RETURNING id",
      use(programme), use(kind), use(p), use(hidden), use(at), into(id);
  return id;
}

void add_member(db::Session& db, ll space, ll account_id, const std::string& role, ll at) {
  if (!account_id) return;
  ll n = 0;
  db.sql() << "SELECT COUNT(*) FROM space_member WHERE space_id = :s AND account_id = :a",
      use(space), use(account_id), into(n);
  if (n == 0)
    db.sql() << "INSERT INTO space_member (space_id, account_id, role, added_at) VALUES (:s, :a, "
                ":r, :t)",
        use(space), use(account_id), use(role), use(at);
}

const std::vector<ThreadSeed>& cohort_threads() {
  static const std::vector<ThreadSeed> seeds = {
      {"Logistics of the on-site week in Berlin",
       "Who arrives on Sunday evening? The guesthouse is booked from Sunday, and the first "
       "session starts on Monday at **9:00**.",
       {{1, "I land at BER at 18:40 on Sunday, happy to share a taxi."},
        {2, "I arrive at the same time: let's meet at the exit of terminal 1.", 1},
        {3, "Please bring your laptop: Tuesday's case study needs the spreadsheet."}}},
      {"Fallstudie: Rückkehr und Arbeitsmarkt",
       "Für die Fallstudie am Dienstag: Welche Erfahrungen habt ihr mit Programmen zur "
       "Arbeitsvermittlung nach der Rückkehr?",
       {{2, "Bei uns wirken kurze Qualifizierungen besser als Zuschüsse für Gründungen."},
        {1, "Interessant. Habt ihr Zahlen dazu, wie viele nach zwölf Monaten noch arbeiten?", 2}}},
      {"Réintégration : accompagnement psychosocial",
       "Comment vos services organisent-ils le suivi psychosocial des personnes de retour ?",
       {{3, "Chez nous, une ONG partenaire assure trois entretiens la première année."},
        {1,
         "Nous manquons de psychologues hors de la capitale ; la téléconsultation aide un "
         "peu."}}},
      {"العودة الطوعية: تجارب من الوزارات",
       "ما هي أهم الصعوبات التي تواجهونها في تنظيم العودة الطوعية؟",
       {{1, "التنسيق بين الوزارات هو التحدي الأكبر عندنا."},
        {2, "نعمل على قاعدة بيانات مشتركة مع البلديات لتسهيل المتابعة.", 1},
        {3, "Merci — could you share the form you use with the municipalities?"}}},
  };
  return seeds;
}

}  // namespace

void load_spaces_threads(db::Session& db, int64_t now) {
  db::Transaction tx(db);
  ll done = 0;
  db.sql() << "SELECT COUNT(*) FROM space_text WHERE name = 'Reintegration of children'",
      into(done);
  if (done) return;
  const ll participant = account(db, "participant@demo.crm.example"),
           alumnus = account(db, "alumnus@demo.crm.example"),
           lecturer = account(db, "lecturer@demo.crm.example"),
           staff = account(db, "staff@demo.crm.example");
  ll programme = 0;
  db.sql() << "SELECT COALESCE(MIN(c.programme_id), 0) FROM enrolment e JOIN person p ON p.id = "
              "e.person_id JOIN cohort c ON c.id = e.cohort_id WHERE p.account_id = :a",
      use(participant), into(programme);
  if (!programme) return;
  const ll start = now - 20 * kDay;

  // The cohorts' spaces (the first four: scale does not multiply the demo's talk).
  std::vector<std::pair<ll, ll>> cohort_spaces;  // space, participant's cohort space flag
  {
    db::Rows rows = (db.sql().prepare << "SELECT s.id FROM space s JOIN cohort c ON c.id = "
                                         "s.cohort_id WHERE s.programme_id = :p AND s.kind = "
                                         "'cohort' ORDER BY c.number LIMIT 4",
                     use(programme));
    for (const auto& r : rows) cohort_spaces.push_back({db::get_int64(r, 0), 0});
  }
  std::vector<ll> cross_members;  // two participants of each cohort, for the spaces across
  ll offset = 0;
  for (auto& [space, unused] : cohort_spaces) {
    auto authors = members_of(db, space, false, 4);
    auto moderators = members_of(db, space, true, 3);
    for (size_t i = 0; i < authors.size() && i < 2; ++i) cross_members.push_back(authors[i].id);
    // Few participants have accounts in the demo: the cohort's lecturers and
    // team talk too, so every cohort's space has its discussions.
    for (const auto& m : moderators)
      if (authors.size() < 4 && std::none_of(authors.begin(), authors.end(),
                                             [&](const Member& a) { return a.id == m.id; }))
        authors.push_back(m);
    std::vector<Member> team;
    for (const auto& m : moderators)
      if (m.id == staff) team.push_back(m);
    if (team.empty() && !moderators.empty()) team.push_back(moderators[0]);
    write_thread(db, space,
                 {"Welcome to your cohort's space",
                  "This is where the cohort talks between the on-site weeks. Please read the "
                  "timetable and introduce yourself in a thread of your own.",
                  {}},
                 team, start + offset, true);
    ll at = start + offset + kDay;
    for (const auto& seed : cohort_threads()) {
      write_thread(db, space, seed, authors, at);
      at += 2 * kDay;
    }
    offset += kHour;
  }

  // The alumni space.
  ll alumni = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM space WHERE programme_id = :p AND kind = 'alumni'",
      use(programme), into(alumni);
  if (alumni) {
    auto authors = members_of(db, alumni, false, 4);
    write_thread(
        db, alumni,
        {"Where are you now? News from alumni",
         "Two years after the programme I lead the returns unit of my ministry. What "
         "about you?",
         {{1, "Je coordonne maintenant un projet de réintégration à Dakar."},
          {2, "Ich arbeite weiter im Bundesamt, jetzt im Referat für Rückkehrberatung.", 0}}},
        authors, start + 3 * kDay);
    write_thread(db, alumni,
                 {"Offres de postes et missions",
                  "Une organisation partenaire cherche des consultants pour une évaluation au "
                  "Sénégal. Intéressés ?",
                  {{1, "Yes! Could you send the terms of reference?"}}},
                 authors, start + 6 * kDay);
  }

  // Spaces across cohorts, members added by hand.
  struct Across {
    std::string kind;
    bool is_protected;
    std::vector<std::vector<std::string>> texts;
    std::vector<ThreadSeed> threads;
  };
  const std::vector<Across> across = {
      {"theme",
       false,
       {{"en", "Reintegration of children",
         "Schooling, health and family support for children who return."},
        {"de", "Reintegration von Kindern",
         "Schule, Gesundheit und Unterstützung der Familien von Kindern, die zurückkehren."},
        {"fr", "Réintégration des enfants",
         "Scolarité, santé et soutien aux familles des enfants qui rentrent."},
        {"ar", "إعادة إدماج الأطفال", "التعليم والصحة ودعم أسر الأطفال العائدين."}},
       {{"School certificates after return",
         "How do your ministries recognise school years completed abroad?",
         {{1, "Wir brauchen beglaubigte Zeugnisse; das dauert oft Monate."},
          {2, "Au Maroc, un test de niveau permet l'inscription immédiate.", 1}}},
        {"دعم نفسي للأطفال العائدين",
         "هل لديكم برامج خاصة للدعم النفسي للأطفال بعد العودة؟",
         {{2, "نعم، بالتعاون مع منظمة اليونيسف في ثلاث محافظات."}}}}},
      {"region",
       false,
       {{"en", "West Africa",
         "Returns and reintegration in West Africa: Senegal, Mali, Ghana, "
         "Nigeria and their neighbours."},
        {"de", "Westafrika", "Rückkehr und Reintegration in Westafrika."},
        {"fr", "Afrique de l'Ouest", "Retours et réintégration en Afrique de l'Ouest."},
        {"ar", "غرب أفريقيا", "العودة وإعادة الإدماج في غرب أفريقيا."}},
       {{"Réunion régionale à Dakar en mars",
         "La réunion régionale aura lieu à Dakar du 10 au 12 mars. Qui vient ?",
         {{1, "I will come with two colleagues from Accra."},
          {2, "Ich bin dabei und bringe die Auswertung aus Mali mit.", 1}}}}},
      {"theme",
       true,
       {{"en", "Casework exchange",
         "Difficult cases, discussed in confidence. Chatham House rule: use what is said, do "
         "not say who said it."},
        {"de", "Fallaustausch", "Schwierige Fälle, vertraulich besprochen."},
        {"fr", "Échange de cas", "Des cas difficiles, discutés en confidence."},
        {"ar", "تبادل الحالات", "حالات صعبة تناقش بسرية."}},
       {{"A family returned without school records",
         "A family of five was returned last month; the children have no school records. Our "
         "education office refuses enrolment. What worked for you?",
         {{1, "We asked the school abroad directly, through the embassy. It took six weeks."},
          {2, "Chez nous, une attestation sur l'honneur des parents suffit provisoirement."}}},
        {"Un mineur non accompagné à la frontière",
         "Comment gérez-vous l'identification de la famille quand le mineur ne parle pas ?",
         {{2, "Wir arbeiten mit dem Suchdienst des Roten Kreuzes."}}}}},
  };
  ll at = start + 2 * kDay;
  for (const auto& a : across) {
    ll space = new_space(db, programme, a.kind, a.is_protected, start);
    name_space(db, space, a.texts);
    add_member(db, space, participant, "member", start);
    add_member(db, space, alumnus, "member", start);
    add_member(db, space, lecturer, "moderator", start);
    for (ll m : cross_members) add_member(db, space, m, "member", start);
    // The demo participant writes first here, so the others' answers are new to them.
    std::vector<Member> authors;
    for (ll id : {participant, alumnus, cross_members.empty() ? lecturer : cross_members[0]}) {
      std::string name;
      db.sql() << "SELECT name FROM account WHERE id = :a", use(id), into(name);
      authors.push_back({id, name});
    }
    for (const auto& t : a.threads) {
      write_thread(db, space, t, authors, at);
      at += kDay;
    }
  }

  // What the demo participant has read: the opening post of every thread of
  // their spaces, so the replies show as new; their own posts count as read.
  db.sql() << "INSERT INTO thread_read (thread_id, account_id, last_read_post_id) SELECT t.id, "
              "CAST(:a AS BIGINT), (SELECT MIN(p.id) FROM post p WHERE p.thread_id = t.id) FROM "
              "thread t WHERE "
              "t.space_id IN (SELECT space_id FROM space_membership WHERE account_id = :a2)",
      use(participant), use(participant);
  tx.commit();
}

}  // namespace crm::demo
