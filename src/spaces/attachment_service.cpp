#include "spaces/attachment_service.hpp"

#include <cctype>

#include "auth/service.hpp"
#include "core/file_type.hpp"
#include "core/i18n.hpp"
#include "core/image.hpp"
#include "core/photo_metadata.hpp"
#include "http/server.hpp"
#include "spaces/access_store.hpp"
#include "spaces/policy.hpp"

namespace crm::spaces::attachments {

// A post with its full number of files must reach the service (which can
// answer in the writer's language and keep their text), not be cut off by the
// server's 413.
static_assert(kMaxFiles * kMaxFileBytes + 1024 * 1024 <= http::Limits{}.upload_bytes);

namespace {

namespace store_ = attachment_store;

constexpr std::string_view kDocx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
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

// A zip archive (local file header first) naming `entry` among its files.
bool zip_with(std::string_view bytes, std::string_view entry) {
  return starts_with(bytes, std::string_view("PK\x03\x04", 4)) &&
         bytes.find(entry) != std::string_view::npos;
}

// The type a file's ending promises, if crm takes it at all.
std::string_view type_for(std::string_view ext) {
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "png") return "image/png";
  if (ext == "webp") return "image/webp";
  if (ext == "pdf") return "application/pdf";
  if (ext == "docx") return kDocx;
  if (ext == "odt") return kOdt;
  if (ext == "xlsx") return kXlsx;
  return {};
}

// Whether the bytes are what `type` says: libmagic's verdict and, for the
// zip-based formats (which libmagic may call plain zip), the part that makes
// the archive that kind of document.
bool bytes_are(std::string_view type, std::string_view bytes) {
  const auto sniffed = sniff_mime(bytes);
  if (type == "application/pdf") return sniffed == type && starts_with(bytes, "%PDF-");
  if (type == kDocx)
    return (sniffed == kDocx || sniffed == "application/zip") &&
           zip_with(bytes, "word/document.xml") && zip_with(bytes, "[Content_Types].xml");
  if (type == kXlsx)
    return (sniffed == kXlsx || sniffed == "application/zip") &&
           zip_with(bytes, "xl/workbook.xml") && zip_with(bytes, "[Content_Types].xml");
  if (type == kOdt) return sniffed == kOdt && zip_with(bytes, kOdt);
  return sniffed == type;
}

// The name as shown and stored: at most kMaxFilename bytes, never cut inside
// a UTF-8 character.
std::string shortened(const std::string& name) {
  if (name.size() <= kMaxFilename) return name;
  std::size_t end = kMaxFilename;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  return name.substr(0, end);
}

Error too_many(const Tr& t) {
  return invalid(std::string(kField),
                 t.plural("A post can have at most {n} file.", "A post can have at most {n} files.",
                          static_cast<long>(kMaxFiles)));
}

// The file's name as it goes into a sentence: isolated (U+2068 … U+2069), so
// a Latin name keeps its order in an Arabic sentence and an Arabic one in a
// Latin sentence.
std::string isolated(const std::string& name) {
  return "\u2068" + name + "\u2069";
}

// A file may be read by whoever reads its post: a member of the space; a
// hidden post's only by its author and moderators; a deleted post's by nobody.
bool may_fetch(web::Ctx& ctx, const store_::Owner& o) {
  if (o.deleted || !ctx.actor.signed_in()) return false;
  auto s = access_store::post_access(ctx.db, ctx.actor.id, o.post_id);
  if (!s || !policy::can_read(*s)) return false;
  return !o.hidden || o.author_account_id == ctx.actor.id || policy::can_moderate(*s);
}

// The author may add files while they may still change the post and post in
// the space, and the post is neither deleted nor hidden by a moderator.
bool may_add(web::Ctx& ctx, const store_::Owner& o) {
  if (o.deleted || o.hidden || !ctx.actor.signed_in()) return false;
  auto s = access_store::post_access(ctx.db, ctx.actor.id, o.post_id);
  const bool author = o.author_account_id == ctx.actor.id;
  return s && policy::can_change_post(*s, author) && policy::can_post(*s);
}

Result<store_::File> fetch(web::Ctx& ctx, int64_t id, bool small_copy) {
  auto o = store_::owner(ctx.db, id);
  if (!o || !may_fetch(ctx, *o)) return not_found();
  auto f = small_copy ? store_::small(ctx.db, id) : store_::original(ctx.db, id);
  if (!f) return not_found();
  return std::move(*f);
}

}  // namespace

Result<Checked> check(const std::vector<http::UploadedFile>& files, const Tr& t, int64_t already) {
  std::vector<const http::UploadedFile*> given;
  for (const auto& f : files)
    if (!f.filename.empty() || !f.data.empty()) given.push_back(&f);
  if (given.size() + static_cast<std::size_t>(already) > kMaxFiles) return too_many(t);
  const std::string field(kField);
  Checked out;
  for (const auto* f : given) {
    const std::string name = shortened(f->filename.empty() ? "?" : f->filename);
    const std::string shown = isolated(name);
    if (f->data.empty()) return invalid(field, t("“{file}” is empty.", {{"file", shown}}));
    if (static_cast<int64_t>(f->data.size()) > kMaxFileBytes)
      return invalid(field, t("“{file}” is larger than {max} MB.",
                              {{"file", shown}, {"max", t.number(kMaxFileBytes / (1024 * 1024))}}));
    const auto type = type_for(extension(name));
    if (type.empty())
      return invalid(field, t("“{file}” cannot be attached: attach photos (JPEG, PNG, WebP), PDF, "
                              "Word (.docx), OpenDocument (.odt) or Excel (.xlsx) files.",
                              {{"file", shown}}));
    if (!bytes_are(type, f->data))
      return invalid(field, t("The content of “{file}” is not what its name says. Attach the file "
                              "itself, with its own ending.",
                              {{"file", shown}}));
    if (!is_photo_type(type)) {
      out.push_back(CheckedFile{name, std::string(type), f->data, {}, {}, 0, 0});
      continue;
    }
    auto photo = checked_photo(name, std::string(type), f->data);
    if (!photo)
      return invalid(field, t("“{file}” cannot be read as a photo, or it has more than {max} "
                              "million pixels.",
                              {{"file", shown}, {"max", t.number(image::kMaxPixels / 1'000'000)}}));
    out.push_back(std::move(*photo));
  }
  return out;
}

std::optional<CheckedFile> checked_photo(std::string filename, std::string type,
                                         std::string_view data) {
  auto small = image::small_copy(data, type);
  // The original is kept too, but without where and when it was taken.
  auto clean = small ? photo::without_metadata(data, type, small->orientation) : std::nullopt;
  if (!clean) return std::nullopt;
  return CheckedFile{std::move(filename),
                     std::move(type),
                     std::move(*clean),
                     std::move(small->bytes),
                     std::move(small->content_type),
                     small->width,
                     small->height};
}

std::vector<int64_t> store(db::Session& db, int64_t post_id, const Checked& files, int64_t now) {
  std::vector<int64_t> ids;
  for (const auto& f : files) {
    store_::NewAttachment a{f.filename,           f.content_type, f.data,  f.small_data,
                            f.small_content_type, f.width,        f.height};
    ids.push_back(store_::insert(db, post_id, a, now));
  }
  return ids;
}

std::map<int64_t, std::vector<store_::Attachment>> for_posts(db::Session& db,
                                                             const std::vector<int64_t>& post_ids) {
  std::map<int64_t, std::vector<store_::Attachment>> out;
  for (auto& a : store_::for_posts(db, post_ids)) out[a.post_id].push_back(std::move(a));
  return out;
}

Result<store_::File> original(web::Ctx& ctx, int64_t attachment_id) {
  return fetch(ctx, attachment_id, false);
}

Result<store_::File> small(web::Ctx& ctx, int64_t attachment_id) {
  return fetch(ctx, attachment_id, true);
}

Result<std::vector<int64_t>> add_to_post(web::Ctx& ctx, int64_t post_id,
                                         const std::vector<http::UploadedFile>& files) {
  auto o = store_::post_owner(ctx.db, post_id);
  if (!o || !may_add(ctx, *o)) return not_found();
  auto checked = check(files, ctx.tr, store_::count_for_post(ctx.db, post_id));
  if (!checked) return checked.error();
  if (checked->empty()) return invalid(std::string(kField), N_("Choose a file to attach."));
  db::Transaction tx(ctx.db);
  // Counted again inside the transaction: two uploads at once must not pass four together.
  if (store_::count_for_post(ctx.db, post_id) + static_cast<int64_t>(checked->size()) >
      static_cast<int64_t>(kMaxFiles))
    return too_many(ctx.tr);
  auto ids = store(ctx.db, post_id, *checked, ctx.now);
  auth::audit(ctx, "post.attach", "post", std::to_string(post_id),
              auth::changes_json({{"attachments", {"", std::to_string(ids.size())}}}));
  tx.commit();
  return ids;
}

Result<PostFiles> post_files(web::Ctx& ctx, int64_t post_id) {
  auto o = store_::post_owner(ctx.db, post_id);
  if (!o || !may_add(ctx, *o)) return not_found();
  PostFiles p;
  p.post_id = post_id;
  p.files = store_::for_posts(ctx.db, {post_id});
  return p;
}

}  // namespace crm::spaces::attachments
