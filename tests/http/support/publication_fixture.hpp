// Papers, projects and resources written straight into the database for the
// publishing tests (the pages that make them are other capabilities'): a
// paper with its texts, tags, versions and an assessment, a project with its
// team, a curated resource. A paper the person already has in that cohort
// (the demo's) is replaced, so the tests know exactly what is there.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "db/blob.hpp"
#include "db/database.hpp"

namespace crm::test {

struct PaperSpec {
  std::string status = "accepted";  // with "accepted", an accepting assessment of the final version
  // (language, title, abstract)
  std::vector<std::tuple<std::string, std::string, std::string>> texts = {
      {"en", "Return and dignity", "How returnees rebuild their lives."},
      {"ar", "العودة والكرامة", "كيف يعيد العائدون بناء حياتهم."}};
  std::vector<std::pair<std::string, std::string>> tags = {
      {"country", "SN"}, {"topic", "housing"}, {"gcm", "21"}, {"target_group", "women"}};
  std::string filename = "final-paper.pdf", content_type = "application/pdf";
  std::string data = "%PDF-1.4\n% the final paper\n%%EOF\n";
  std::string feedback = "Private feedback of the supervisor: SECRET-FEEDBACK-TEXT";
  int64_t supervisor_person = 0;  // 0: none
};

struct PaperIds {
  int64_t paper = 0, draft_version = 0, final_version = 0;
};

inline int64_t person_of_account(db::Session& db, const std::string& email) {
  long long id = 0;
  db.sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = :e",
      soci::use(email), soci::into(id);
  if (!id) throw std::runtime_error("no person for " + email);
  return id;
}

inline int64_t cohort_of_person(db::Session& db, int64_t person) {
  long long id = 0, p = person;
  db.sql() << "SELECT COALESCE(MIN(cohort_id), 0) FROM enrolment WHERE person_id = :p AND role = "
              "'participant'",
      soci::use(p), soci::into(id);
  if (!id) throw std::runtime_error("the person takes part in no cohort");
  return id;
}

inline PaperIds insert_paper(db::Session& db, int64_t cohort, int64_t person, const PaperSpec& s,
                             int64_t now = 1767225600) {
  using soci::into;
  using soci::use;
  long long c = cohort, pe = person, t = now, id = 0;
  PaperIds out;
  db::Transaction tx(db);
  long long old = 0;
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM paper WHERE cohort_id = :c AND person_id = :p",
      use(c), use(pe), into(old);
  if (old) {
    db.sql() << "DELETE FROM publication WHERE work_kind = 'paper' AND work_id = :id", use(old);
    db.sql() << "DELETE FROM paper WHERE id = :id", use(old);
  }
  long long sup = s.supervisor_person;
  soci::indicator sup_ind = sup ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO paper (cohort_id, person_id, supervisor_id, status, created_at, "
              "updated_at) VALUES (:c, :p, :s, :st, :t, :t2) RETURNING id",
      use(c), use(pe), use(sup, sup_ind), use(s.status), use(t), use(t), into(id);
  out.paper = id;
  for (const auto& [lang, title, abstract] : s.texts)
    db.sql() << "INSERT INTO paper_text (paper_id, language, title, abstract) VALUES (:p, :l, :t, "
                ":a)",
        use(id), use(lang), use(title), use(abstract);
  for (const auto& [kind, value] : s.tags)
    db.sql() << "INSERT INTO paper_tag (paper_id, kind, value) VALUES (:p, :k, :v)", use(id),
        use(kind), use(value);
  auto version = [&](long long number, const std::string& milestone, const std::string& data) {
    long long v = 0, size = static_cast<long long>(data.size());
    const std::string bytes = db::blob_param(db, data);
    db.sql() << "INSERT INTO paper_version (paper_id, number, milestone, filename, content_type, "
                "size, data, uploaded_at) VALUES (:p, :n, :m, :f, :ct, :s, :d, :t) RETURNING id",
        use(id), use(number), use(milestone), use(s.filename), use(s.content_type), use(size),
        use(bytes), use(t), into(v);
    return v;
  };
  out.draft_version = version(1, "draft", "%PDF-1.4\n% the draft\n%%EOF\n");
  out.final_version = version(2, "final", s.data);
  long long a = 0, dv = out.draft_version, fv = out.final_version, t1 = now + 1;
  const std::string comment = "SECRET-COMMENT-TEXT";
  db.sql() << "INSERT INTO paper_comment (version_id, body, created_at) VALUES (:v, :b, :t)",
      use(dv), use(comment), use(t);
  db.sql() << "INSERT INTO paper_assessment (paper_id, version_id, decision, feedback, "
              "assessed_at) VALUES (:p, :v, 'revisions', :f, :t) RETURNING id",
      use(id), use(dv), use(s.feedback), use(t), into(a);
  if (s.status == "accepted")
    db.sql() << "INSERT INTO paper_assessment (paper_id, version_id, decision, feedback, "
                "assessed_at) VALUES (:p, :v, 'accepted', :f, :t) RETURNING id",
        use(id), use(fv), use(s.feedback), use(t1), into(a);
  tx.commit();
  return out;
}

// A project of the programme with `lead` leading and `members` in its team.
inline int64_t insert_project(db::Session& db, int64_t programme, int64_t lead,
                              const std::vector<int64_t>& members, const std::string& title,
                              int64_t now = 1767225600) {
  using soci::into;
  using soci::use;
  long long p = programme, t = now, id = 0, l = lead;
  const std::string problem = "Returnees lack housing.",
                    summary = "A housing cooperative for returnees.";
  db::Transaction tx(db);
  db.sql() << "INSERT INTO project (programme_id, title, problem, summary, language, status, "
              "created_at, updated_at) VALUES (:p, :ti, :pr, :su, 'en', 'running', :t, :t2) "
              "RETURNING id",
      use(p), use(title), use(problem), use(summary), use(t), use(t), into(id);
  db.sql() << "INSERT INTO project_member (project_id, person_id, role, joined_at) VALUES (:p, "
              ":pe, 'lead', :t)",
      use(id), use(l), use(t);
  for (long long m : members)
    db.sql() << "INSERT INTO project_member (project_id, person_id, role, joined_at) VALUES (:p, "
                ":pe, 'member', :t)",
        use(id), use(m), use(t);
  db.sql() << "INSERT INTO project_tag (project_id, kind, value) VALUES (:p, 'dimension', "
              "'economic')",
      use(id);
  tx.commit();
  return id;
}

// A curated resource; `published`: published_at set.
inline int64_t insert_resource(db::Session& db, int64_t programme, bool published,
                               const std::string& title, const std::string& data,
                               int64_t now = 1767225600) {
  using soci::into;
  using soci::use;
  long long p = programme, t = now, id = 0, size = static_cast<long long>(data.size());
  long long pub = now;
  soci::indicator pub_ind = published ? soci::i_ok : soci::i_null;
  const std::string bytes = db::blob_param(db, data);
  db::Transaction tx(db);
  db.sql() << "INSERT INTO resource (programme_id, kind, title, authors, publisher, year, "
              "language, summary, url, filename, content_type, size, data, published_at, "
              "created_at, updated_at) VALUES (:p, 'report', :ti, 'IOM; UNHCR', 'IOM', 2024, "
              "'en', 'A study of return.', 'https://example.org/report', 'report.pdf', "
              "'application/pdf', :s, :d, :pub, :t, :t2) RETURNING id",
      use(p), use(title), use(size), use(bytes), use(pub, pub_ind), use(t), use(t), into(id);
  db.sql() << "INSERT INTO resource_tag (resource_id, kind, value) VALUES (:r, 'sdg', '10')",
      use(id);
  tx.commit();
  return id;
}

}  // namespace crm::test
