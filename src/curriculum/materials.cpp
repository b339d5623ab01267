// Materials of a session: files kept in the database (size-limited, their
// content sniffed against their name) and links.
#include <algorithm>
#include <cctype>

#include "auth/service.hpp"
#include "core/file_type.hpp"
#include "curriculum/access.hpp"
#include "curriculum/material_check.hpp"
#include "curriculum/policy.hpp"
#include "curriculum/service.hpp"
#include "curriculum/store.hpp"
#include "programme/store.hpp"

namespace crm::curriculum {

namespace {

constexpr size_t kMaxTitle = 200, kMaxFilename = 200;

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string extension(std::string_view filename) {
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string e(filename.substr(dot + 1));
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

}  // namespace

std::vector<std::string_view> types_for_extension(std::string_view filename) {
  static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> kTypes = {
      {"pdf", {"application/pdf"}},
      {"png", {"image/png"}},
      {"jpg", {"image/jpeg"}},
      {"jpeg", {"image/jpeg"}},
      {"webp", {"image/webp"}},
      {"txt", {"text/plain"}},
      {"md", {"text/plain", "text/markdown"}},
      {"csv", {"text/plain", "text/csv"}},
      {"docx",
       {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip"}},
      {"xlsx",
       {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}},
      {"pptx",
       {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/zip"}},
      {"odt", {"application/vnd.oasis.opendocument.text"}},
      {"ods", {"application/vnd.oasis.opendocument.spreadsheet"}},
      {"odp", {"application/vnd.oasis.opendocument.presentation"}},
      {"zip", {"application/zip"}},
      {"mp3", {"audio/mpeg"}},
      {"mp4", {"video/mp4"}},
  };
  auto e = extension(filename);
  for (const auto& [ext, types] : kTypes)
    if (ext == e) return types;
  return {};
}

Result<std::string> check_material_file(const std::optional<std::string>& filename,
                                        std::string_view data) {
  if (!filename || data.empty()) return invalid("file", N_("Choose a file to upload."));
  if (static_cast<int64_t>(data.size()) > kMaxMaterialBytes)
    return invalid("file", N_("The file is larger than {max} MB."),
                   {{"max", kMaxMaterialBytes / (1024 * 1024)}});
  auto allowed = types_for_extension(filename->substr(0, kMaxFilename));
  if (allowed.empty())
    return invalid("file", N_("crm takes PDF, office documents, text, images, audio, video "
                              "and ZIP files, named with their usual ending (.pdf, .docx …)."));
  std::string type = sniff_mime(data);
  if (std::find(allowed.begin(), allowed.end(), type) == allowed.end())
    return invalid("file", N_("The content of this file is not what its name says. Upload "
                              "the file itself, with its own ending."));
  return type;
}

Result<int64_t> add_material(web::Ctx& ctx, int64_t session_id, const MaterialForm& form) {
  auto s = store::find_session(ctx.db, session_id);
  if (!s) return not_found();
  auto found = programme::store::find_cohort_access(ctx.db, s->cohort_id,
                                                    ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found) return not_found();
  const bool lecturer = ctx.actor.role == auth::Role::lecturer &&
                        store::is_session_lecturer(ctx.db, session_id, ctx.actor.id);
  if (!policy::can_add_materials(ctx.actor.role, found->in_programme, lecturer)) return not_found();
  Material m;
  m.session_id = session_id;
  m.title = trim(form.title);
  if (m.title.empty() && form.filename) m.title = trim(*form.filename);
  if (m.title.empty()) return invalid("title", N_("Enter a title."));
  if (m.title.size() > kMaxTitle)
    return invalid("title", plural("At most {n} character.", "At most {n} characters.", kMaxTitle));
  if (form.kind == "link") {
    m.kind = "link";
    m.url = trim(form.url);
    if (!web_link(m.url))
      return invalid("url", N_("Enter a web address starting with https:// or http://."));
  } else if (form.kind == "file") {
    m.kind = "file";
    auto type = check_material_file(form.filename, form.data);
    if (!type) return type.error();
    m.filename = form.filename->substr(0, kMaxFilename);
    m.content_type = std::move(*type);
    m.size = static_cast<int64_t>(form.data.size());
  } else {
    return invalid("kind", N_("Choose a file or a link."));
  }
  const auto existing = store::list_materials(ctx.db, session_id);
  if (!trim(form.replaces).empty()) {
    auto r = parse_whole_number(trim(form.replaces));
    auto it = std::find_if(existing.begin(), existing.end(),
                           [&](const Material& x) { return r && x.id == *r; });
    if (it == existing.end()) return invalid("replaces", N_("Choose a material of this session."));
    m.replaces_id = it->id;
  }
  db::Transaction tx(ctx.db);
  int64_t id = store::insert_material(ctx.db, m, m.kind == "file" ? form.data : std::string(),
                                      ctx.actor.id, ctx.now);
  auth::audit(ctx, "material.add", "session_material", std::to_string(id),
              "session=" + std::to_string(session_id) + " kind=" + m.kind +
                  " size=" + std::to_string(m.size) +
                  (m.replaces_id ? " replaces=" + std::to_string(m.replaces_id) : ""));
  tx.commit();
  return id;
}

Result<store::MaterialFile> material_file(web::Ctx& ctx, int64_t material_id) {
  auto f = store::find_material(ctx.db, material_id);
  if (!f || f->material.kind != "file") return not_found();
  if (!detail::cohort_access(ctx, f->cohort_id)) return not_found();
  return std::move(*f);
}

}  // namespace crm::curriculum
