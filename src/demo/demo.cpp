#include "demo/demo.hpp"

#include "auth/service.hpp"
#include "auth/store.hpp"
#include "auth/totp.hpp"
#include "demo/curriculum.hpp"
#include "demo/decisions.hpp"
#include "demo/reviews.hpp"
#include "demo/shortlists.hpp"
#include "demo/surveys.hpp"

namespace crm::demo {

std::vector<DemoAccount> load(db::Session& db, int64_t now, long scale) {
  struct Seed {
    auth::Role role;
    const char* email;
    const char* name;
    const char* language;
  };
  static const Seed seeds[] = {
      {auth::Role::admin, "admin@demo.crm.example", "Katharina Huber", "de"},
      {auth::Role::staff, "staff@demo.crm.example", "Jonas Weber", "de"},
      {auth::Role::lecturer, "lecturer@demo.crm.example", "Amina Diallo", "fr"},
      {auth::Role::participant, "participant@demo.crm.example", "ليلى حداد", "ar"},
      {auth::Role::alumnus, "alumnus@demo.crm.example", "Arben Hoxha", "en"},
      {auth::Role::stakeholder, "stakeholder@demo.crm.example", "Kwame Mensah", "en"},
  };
  std::vector<DemoAccount> out;
  for (const auto& s : seeds) {
    DemoAccount d;
    d.role = std::string(auth::role_name(s.role));
    d.email = s.email;
    d.password = "demo-" + d.role + "-2026";
    auto existing = auth::store::find_account_by_email(db, d.email);
    int64_t id = 0;
    if (existing) {
      id = existing->id;
      d.totp_secret = existing->totp_enabled ? existing->totp_secret : "";
    } else {
      auto created = auth::create_account(db, d.email, s.name, s.role, d.password, s.language, now);
      if (!created) throw std::runtime_error("demo account rejected: " + created.error().key);
      id = *created;
      if (auth::policy::needs_second_factor(s.role)) {
        d.totp_secret = auth::new_totp_secret();
        db::Transaction tx(db);
        auth::store::set_totp(db, id, d.totp_secret, true, now);
        tx.commit();
      }
    }
    out.push_back(std::move(d));
  }
  load_programme(db, now, scale);
  load_curriculum(db, now);
  load_attendance(db, now);
  load_certificates(db, now);
  load_papers(db, now);
  load_projects(db, now);
  load_publications(db, now);
  load_surveys(db, now);
  load_survey_responses(db, now);
  load_survey_invitations(db, now);
  // The spaces: threads first (the spaces across cohorts are theirs), then
  // what the other parts hang on them; notifications last, about all of it.
  load_spaces_threads(db, now);
  load_spaces_moderation(db, now);
  load_spaces_attachments(db, now);
  load_spaces_materials(db, now);
  load_spaces_notifications(db, now);
  return out;
}

std::vector<DemoAccount> load_admissions(db::Session& db, int64_t now) {
  load_calls(db, now);
  auto accounts = load_applications(db, now);
  load_reviews(db, now);
  load_shortlists(db, now);
  load_decisions(db, now);
  return accounts;
}

}  // namespace crm::demo
