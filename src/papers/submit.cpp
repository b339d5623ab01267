// Versions of a paper: files kept in the database (size-limited, their
// content checked against their name), numbered, never replaced.
#include <algorithm>
#include <cctype>

#include "auth/service.hpp"
#include "core/file_type.hpp"
#include "papers/access.hpp"
#include "papers/policy.hpp"
#include "papers/service.hpp"
#include "search/change_log.hpp"

namespace crm::papers {

namespace {

constexpr size_t kMaxFilename = 200, kMaxNote = 2000;

constexpr std::string_view kPdf = "application/pdf";
constexpr std::string_view kDocx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kOdt = "application/vnd.oasis.opendocument.text";

std::string extension(std::string_view filename) {
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string e(filename.substr(dot + 1));
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A zip archive (local file header first) that names `entry` among its
// files: the central directory and the local headers hold names in the clear.
bool zip_with(std::string_view bytes, std::string_view entry) {
  return starts_with(bytes, std::string_view("PK\x03\x04", 4)) &&
         bytes.find(entry) != std::string_view::npos;
}

}  // namespace

Result<std::string> paper_file_type(std::string_view filename, std::string_view bytes) {
  if (bytes.empty())
    return invalid("file", N_("The file is empty. Choose the file of your paper."));
  if (static_cast<int64_t>(bytes.size()) > kMaxVersionBytes)
    return invalid("file", N_("The file is larger than {max} MB."),
                   {{"max", kMaxVersionBytes / (1024 * 1024)}});
  const auto ext = extension(filename);
  if (ext != "pdf" && ext != "docx" && ext != "odt")
    return invalid("file", N_("Upload your paper as a PDF, Word (.docx) or OpenDocument (.odt) "
                              "file."));
  const auto sniffed = sniff_mime(bytes);
  const bool ok =
      (ext == "pdf" && sniffed == kPdf && starts_with(bytes, "%PDF-")) ||
      (ext == "docx" && (sniffed == kDocx || sniffed == "application/zip") &&
       zip_with(bytes, "word/document.xml") && zip_with(bytes, "[Content_Types].xml")) ||
      (ext == "odt" && sniffed == kOdt && zip_with(bytes, kOdt));
  if (!ok)
    return invalid("file", N_("The content of this file is not what its name says. Upload the "
                              "file itself, with its own ending."));
  if (ext == "pdf") return std::string(kPdf);
  if (ext == "docx") return std::string(kDocx);
  return std::string(kOdt);
}

Result<int64_t> upload_version(web::Ctx& ctx, int64_t paper_id, const UploadForm& form) {
  auto a = detail::paper_access(ctx, paper_id);
  if (!a || !policy::can_edit_paper(ctx.actor.role, a->in_programme, a->is_author))
    return not_found();
  const auto& paper = a->paper;
  if (paper.status == "accepted" || paper.status == "rejected")
    return invalid("", N_("The paper has been decided; no new version can be uploaded."));
  Version v;
  v.paper_id = paper_id;
  v.milestone = form.milestone;
  if (std::none_of(std::begin(kMilestones), std::end(kMilestones),
                   [&](const char* m) { return v.milestone == m; }))
    return invalid("milestone", N_("Choose the milestone this version is for."));
  v.note = detail::trim(form.note);
  if (detail::length(v.note) > kMaxNote)
    return invalid("note", plural("At most {n} character.", "At most {n} characters.", kMaxNote));
  if (!form.filename || form.filename->empty())
    return invalid("file", N_("Choose the file of your paper."));
  auto type = paper_file_type(*form.filename, form.data);
  if (!type) return type.error();
  v.content_type = std::move(*type);
  v.filename = form.filename->substr(0, kMaxFilename);
  // Never cut a character in two: the name must stay valid UTF-8. When the
  // cut fell inside or after a multi-byte character, drop that character.
  if (form.filename->size() > kMaxFilename &&
      (static_cast<unsigned char>((*form.filename)[kMaxFilename]) & 0xC0) == 0x80) {
    while (!v.filename.empty() && (static_cast<unsigned char>(v.filename.back()) & 0xC0) == 0x80)
      v.filename.pop_back();
    if (!v.filename.empty()) v.filename.pop_back();  // the character's first byte
  }
  v.size = static_cast<int64_t>(form.data.size());
  const std::string status = paper.status == "submitted" ? paper.status : "submitted";
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_version(ctx.db, v, form.data, ctx.actor.id, ctx.now);
  store::set_status(ctx.db, paper_id, status, ctx.now);
  auth::audit(ctx, "paper.version", "paper_version", std::to_string(id),
              "paper=" + std::to_string(paper_id) + " milestone=" + v.milestone +
                  " size=" + std::to_string(v.size) + " status=" + paper.status + "->" + status);
  search::record_change(ctx.db, search::WorkKind::paper, paper_id, ctx.now);
  search::enqueue_extraction(ctx.db, search::FileOwner::paper_version, id, ctx.now);
  ctx.jobs_enqueued = true;
  if (paper.supervisor_id && paper.supervisor_id != a->person) {
    const std::string author = paper.author_name, milestone = v.milestone;
    detail::mail_person(
        ctx, paper.supervisor_id, "/papers/" + std::to_string(paper_id), [&](const Tr& t) {
          return detail::MailText{
              t("New version of a paper you supervise: {author}", {{"author", author}}),
              {t("{author} has uploaded a new version of their paper ({milestone}).",
                 {{"author", author}, {"milestone", t(detail::milestone_label(milestone))}}),
               t("Please read it and comment or assess it.")}};
        });
  }
  tx.commit();
  return id;
}

Result<store::VersionFile> version_file(web::Ctx& ctx, int64_t version_id) {
  auto v = store::find_version(ctx.db, version_id, false);
  if (!v) return not_found();
  if (!detail::paper_access(ctx, v->version.paper_id)) return not_found();
  auto f = store::find_version(ctx.db, version_id, true);
  if (!f) return not_found();
  return std::move(*f);
}

}  // namespace crm::papers
