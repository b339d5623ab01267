#include "surveys/import_service.hpp"

#include <algorithm>

#include "auth/service.hpp"
#include "core/i18n.hpp"
#include "http/parse.hpp"
#include "programme/programmes.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/policy.hpp"

namespace crm::surveys::importing {

namespace {

std::vector<programme::store::ProgrammeSummary> team_programmes(web::Ctx& ctx) {
  const std::string l(ctx.tr.language());
  if (ctx.actor.role == auth::Role::admin) return programme::store::list_programmes(ctx.db, l);
  if (ctx.actor.role == auth::Role::staff)
    return programme::store::list_team_programmes(ctx.db, ctx.actor.id, l);
  return {};
}

// The survey when the actor may import into it (404 otherwise).
std::optional<Survey> manageable_survey(web::Ctx& ctx, int64_t survey_id) {
  if (!ctx.actor.signed_in() || !policy::can_manage_surveys(ctx.actor.role, true))
    return std::nullopt;
  auto s = store::find_survey_any(ctx.db, survey_id);
  if (!s) return std::nullopt;
  const auto m = programme::store::membership(ctx.db, s->programme_id, ctx.actor.id);
  if (!policy::can_manage_surveys(ctx.actor.role, m.in_programme)) return std::nullopt;
  return s;
}

// The file's name as a title: without its extension and control
// characters, at most 120 bytes of whole characters; "" when not UTF-8.
std::string title_from(const std::string& filename) {
  if (!http::valid_utf8(filename)) return {};
  std::string name = filename.substr(filename.find_last_of("/\\") + 1);
  if (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (out.size() >= 120 && (c & 0xC0) != 0x80) break;
    out += c < 0x20 || c == 0x7F ? ' ' : name[i];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

// Checks before parsing, then the form itself: the definition, or the
// problems in `page`.
std::optional<Definition> read_file(const Upload& u, ImportPage& page,
                                    std::vector<xlsform::FormProblem>& notices, Error& error) {
  page.filename = u.filename;
  if (u.content.empty()) {
    error = invalid("file", N_("Choose an XLSForm file (.xlsx)."));
    return std::nullopt;
  }
  // Refused before anything is unpacked.
  if (u.content.size() > kMaxFileBytes) {
    error = invalid("file", xlsx::kTooLarge,
                    {{"max", static_cast<long long>(kMaxFileBytes / (1024 * 1024))}});
    return std::nullopt;
  }
  if (!xlsx::looks_like_zip(u.content)) {
    error = invalid("file", xlsx::kNotXlsx);
    return std::nullopt;
  }
  std::string fallback = title_from(u.filename);
  if (fallback.empty()) fallback = "XLSForm";
  auto r = xlsform::import_xlsx(u.content, fallback);
  if (!r.definition) {
    page.problems = std::move(r.problems);
    error = invalid("file", N_("The file has problems; nothing was imported. Fix them in the "
                               "spreadsheet and upload it again."));
    return std::nullopt;
  }
  notices = std::move(r.notices);
  return std::move(*r.definition);
}

std::string audit_changes(const Definition& d, long version) {
  std::string languages;
  for (const auto& l : d.languages) languages += (languages.empty() ? "" : ",") + l;
  return "source=xlsform version=" + std::to_string(version) +
         " questions=" + std::to_string(d.questions.size()) + " languages=" + languages;
}

}  // namespace

Result<ImportPage> new_survey_form(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_manage_surveys(ctx.actor.role, true))
    return not_found();
  ImportPage p;
  p.programmes = team_programmes(ctx);
  if (p.programmes.empty()) return not_found();
  if (p.programmes.size() == 1) p.programme = std::to_string(p.programmes.front().id);
  return p;
}

Result<ImportPage> new_version_form(web::Ctx& ctx, int64_t survey_id) {
  auto s = manageable_survey(ctx, survey_id);
  if (!s) return not_found();
  ImportPage p;
  auto latest = store::latest_version(ctx.db, s->programme_id, s->id);
  p.next_version = latest ? latest->number + 1 : 1;
  p.survey = std::move(*s);
  return p;
}

Result<int64_t> import_survey(web::Ctx& ctx, const Upload& u, ImportPage& page,
                              std::vector<xlsform::FormProblem>& notices) {
  auto form = new_survey_form(ctx);
  if (!form) return form.error();
  page = std::move(*form);
  page.programme = u.programme;
  page.anonymous = u.anonymous;
  auto programme_id = parse_whole_number(programme::trimmed(u.programme));
  if (!programme_id || std::none_of(page.programmes.begin(), page.programmes.end(),
                                    [&](const auto& p) { return p.id == *programme_id; }))
    return invalid("programme", N_("Choose a programme."));
  Error error;
  auto d = read_file(u, page, notices, error);
  if (!d) return error;
  Survey s;
  s.programme_id = *programme_id;
  s.kind = "custom";
  s.title = d->title.at(d->default_language);
  s.anonymous = u.anonymous;
  s.created_at = ctx.now;
  db::Transaction tx(ctx.db);
  s.id = store::insert_survey(ctx.db, s);
  store::insert_version(ctx.db, s.id, 1, "xlsform", *d, ctx.now);
  auth::audit(ctx, "survey.import", "survey", std::to_string(s.id),
              "programme=" + std::to_string(s.programme_id) + " " + audit_changes(*d, 1) +
                  (s.anonymous ? " anonymous=1" : " anonymous=0"));
  tx.commit();
  return s.id;
}

Result<int64_t> import_version(web::Ctx& ctx, int64_t survey_id, const Upload& u, ImportPage& page,
                               std::vector<xlsform::FormProblem>& notices) {
  auto form = new_version_form(ctx, survey_id);
  if (!form) return form.error();
  page = std::move(*form);
  if (page.survey->archived_at)
    return invalid("file", N_("This survey is archived; it takes no new versions."));
  Error error;
  auto d = read_file(u, page, notices, error);
  if (!d) return error;
  db::Transaction tx(ctx.db);
  // Read again inside the transaction: the number follows the newest version.
  auto latest = store::latest_version(ctx.db, page.survey->programme_id, survey_id);
  const long number = latest ? latest->number + 1 : 1;
  store::insert_version(ctx.db, survey_id, number, "xlsform", *d, ctx.now);
  auth::audit(ctx, "survey.import_version", "survey", std::to_string(survey_id),
              audit_changes(*d, number));
  tx.commit();
  page.next_version = number;
  return survey_id;
}

}  // namespace crm::surveys::importing
