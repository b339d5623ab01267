// Works for the search tests, written with SQL and search::record_change the
// way the papers, projects, resources and publishing services write them
// (each in one transaction with its change-log row).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "programme/store.hpp"
#include "search/change_log.hpp"

namespace crm::test {

struct SearchWorld {
  int64_t programme = 0, cohort = 0, person = 0, supervisor = 0;
};

inline int64_t search_insert_person(db::Session& db, const std::string& name,
                                    const std::string& email) {
  programme::Person p;
  p.name = name;
  p.email = email;
  p.country = "DE";
  p.created_at = 1767225600;
  return programme::store::insert_person(db, p);
}

// A programme (`slug`) with one cohort and an author and a supervisor.
inline SearchWorld search_world(db::Session& db, const std::string& slug) {
  namespace ps = programme::store;
  const int64_t now = 1767225600;
  SearchWorld w;
  db::Transaction tx(db);
  w.programme = ps::insert_programme(db, slug, 5, now);
  ps::insert_programme_text(db, w.programme, "en", "Programme " + slug, "");
  programme::Cohort c;
  c.programme_id = w.programme;
  c.number = 1;
  c.name = "Round " + slug;
  c.starts_on = now;
  c.ends_on = now + 86400;
  c.status = "running";
  w.cohort = ps::insert_cohort(db, c);
  w.person = search_insert_person(db, "Amal Haddad " + slug, "amal." + slug + "@example.org");
  w.supervisor = search_insert_person(db, "Jonas Becker " + slug, "jonas." + slug + "@example.org");
  tx.commit();
  return w;
}

// The demo programme's first cohort, with an author and a supervisor of
// their own (`tag` keeps their e-mail addresses apart).
inline SearchWorld search_world_in(db::Session& db, int64_t programme, const std::string& tag) {
  using soci::into;
  using soci::use;
  SearchWorld w;
  w.programme = programme;
  long long p = programme, c = 0;
  db.sql() << "SELECT MIN(id) FROM cohort WHERE programme_id = :p", use(p), into(c);
  w.cohort = c;
  db::Transaction tx(db);
  w.person = search_insert_person(db, "Amal Haddad " + tag, "amal." + tag + "@example.org");
  w.supervisor = search_insert_person(db, "Jonas Becker " + tag, "jonas." + tag + "@example.org");
  tx.commit();
  return w;
}

struct PaperText {
  std::string language, title, abstract;
};

// A paper of `person` in the cohort with its texts and tags; published (a
// publication row) when `publish`. Returns the paper id.
inline int64_t search_add_paper(db::Session& db, const SearchWorld& w, int64_t person,
                                const std::vector<PaperText>& texts,
                                const std::vector<std::pair<std::string, std::string>>& tags,
                                bool publish, int64_t now, int64_t* publication = nullptr) {
  using soci::into;
  using soci::use;
  long long id = 0, cohort = w.cohort, p = person, sup = w.supervisor, t = now;
  db::Transaction tx(db);
  db.sql() << "INSERT INTO paper (cohort_id, person_id, supervisor_id, status, created_at, "
              "updated_at) VALUES (:c, :p, :s, 'accepted', :t, :t2) RETURNING id",
      use(cohort), use(p), use(sup), use(t), use(t), into(id);
  for (const auto& x : texts)
    db.sql() << "INSERT INTO paper_text (paper_id, language, title, abstract) VALUES (:p, :l, "
                ":t, :a)",
        use(id), use(x.language), use(x.title), use(x.abstract);
  for (const auto& [kind, value] : tags)
    db.sql() << "INSERT INTO paper_tag (paper_id, kind, value) VALUES (:p, :k, :v)", use(id),
        use(kind), use(value);
  if (publish) {
    long long pub = 0;
    db.sql() << "INSERT INTO publication (work_kind, work_id, consent_at, published_at) VALUES "
                "('paper', :w, :t, :t2) RETURNING id",
        use(id), use(t), use(t), into(pub);
    if (publication) *publication = pub;
  }
  search::record_change(db, search::WorkKind::paper, id, now);
  tx.commit();
  return id;
}

// Consent withdrawn (as the publishing service does it).
inline void search_withdraw(db::Session& db, int64_t paper, int64_t now) {
  using soci::use;
  long long id = paper, t = now;
  db::Transaction tx(db);
  db.sql() << "UPDATE publication SET withdrawn_at = :t WHERE work_kind = 'paper' AND work_id = :w",
      use(t), use(id);
  search::record_change(db, search::WorkKind::paper, paper, now);
  tx.commit();
}

// A curated resource; published when `publish`.
inline int64_t search_add_resource(db::Session& db, const SearchWorld& w, const std::string& kind,
                                   const std::string& language, const std::string& title,
                                   const std::string& summary, bool publish, int64_t now) {
  using soci::into;
  using soci::use;
  long long id = 0, prog = w.programme, t = now;
  soci::indicator pub_ind = publish ? soci::i_ok : soci::i_null;
  db::Transaction tx(db);
  db.sql() << "INSERT INTO resource (programme_id, kind, title, authors, language, summary, "
              "published_at, created_at, updated_at) VALUES (:p, :k, :t, 'IOM', :l, :s, :pub, "
              ":c, :u) RETURNING id",
      use(prog), use(kind), use(title), use(language), use(summary), use(t, pub_ind), use(t),
      use(t), into(id);
  search::record_change(db, search::WorkKind::resource, id, now);
  tx.commit();
  return id;
}

}  // namespace crm::test
