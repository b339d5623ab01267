#include "spaces/attachment_views.hpp"

#include "core/file_type.hpp"
#include "web/forms.hpp"

namespace crm::spaces::attachment_views {

namespace {

std::string path_of(const attachment_store::Attachment& a) {
  return "/attachments/" + std::to_string(a.id);
}

// What kind of file it is, by its format's own name (not translated).
std::string_view format_name(std::string_view type) {
  if (type == "image/jpeg") return "JPEG";
  if (type == "image/png") return "PNG";
  if (type == "image/webp") return "WebP";
  if (type == "application/pdf") return "PDF";
  if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return "DOCX";
  if (type == "application/vnd.oasis.opendocument.text") return "ODT";
  if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "XLSX";
  return "";
}

// Kilobytes below a megabyte, megabytes above, rounded up, in the reader's digits.
std::string size_text(const Tr& t, int64_t bytes) {
  constexpr int64_t kKb = 1024, kMb = 1024 * 1024;
  if (bytes < kMb) return t("{size} KB", {{"size", t.number((bytes + kKb - 1) / kKb)}});
  return t("{size} MB", {{"size", t.number((bytes + kMb - 1) / kMb)}});
}

}  // namespace

std::string list(const std::vector<attachment_store::Attachment>& files, const Tr& t) {
  if (files.empty()) return {};
  web::Html h;
  h.open("ul", {{"class", "attachments"}, {"aria-label", t("Attached files")}});
  for (const auto& a : files) {
    h.open("li");
    if (a.has_small) {
      const std::string w = std::to_string(a.width), hh = std::to_string(a.height);
      const std::string alt = t("Photo: {name}", {{"name", a.filename}});
      h.open("a", {{"href", path_of(a)}, {"class", "attachment-photo"}})
          .empty("img", {{"src", path_of(a) + "/small"},
                         {"width", w},
                         {"height", hh},
                         {"alt", alt},
                         {"loading", "lazy"},
                         {"decoding", "async"}})
          .close("a");
    } else {
      h.open("a", {{"href", path_of(a)}, {"class", "attachment-file"}})
          .open("bdi")
          .text(a.filename)
          .close("bdi")
          .close("a")
          .text(" ")
          .open("span", {{"class", "hint"}})
          .text(t("({type}, {size})", {{"type", std::string(format_name(a.content_type))},
                                       {"size", size_text(t, a.size)}}))
          .close("span");
    }
    h.close("li");
  }
  return std::move(h.close("ul")).str();
}

void input(web::Html& h, const web::Ctx& ctx, const Error* error) {
  const auto& t = ctx.tr;
  const std::string id = "f-attachments";
  const auto message = web::error_for(ctx, error, attachments::kField);
  h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, t("Files and photos"));
  h.el("p", {{"class", "hint"}, {"id", id + "-hint"}},
       t("Optional: up to {n} photos (JPEG, PNG, WebP) or documents (PDF, DOCX, ODT, XLSX), "
         "each at most {max} MB.",
         {{"n", t.number(static_cast<long long>(attachments::kMaxFiles))},
          {"max", t.number(attachments::kMaxFileBytes / (1024 * 1024))}}));
  h.empty("input", {{"type", "file"},
                    {"id", id},
                    {"name", attachments::kField},
                    {"multiple", "multiple"},
                    {"accept", ".jpg,.jpeg,.png,.webp,.pdf,.docx,.odt,.xlsx"},
                    {"aria-describedby", message.empty() ? id + "-hint" : id + "-error"},
                    {"?aria-invalid", message.empty() ? "" : "true"}});
  if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
  h.close("div");
}

std::string post_files_page(const web::Ctx& ctx, const attachments::PostFiles& p,
                            const Error* error) {
  const auto& t = ctx.tr;
  const std::string post = "/posts/" + std::to_string(p.post_id);
  web::Html h;
  h.el("h1", t("Add files to your post"));
  h.open("p").open("a", {{"href", post}}).text(t("Back to the post")).close("a").close("p");
  if (p.files.empty())
    h.el("p", {{"class", "muted"}}, t("No files are attached to this post yet."));
  else
    h.raw_trusted(list(p.files, t));
  if (p.files.size() >= attachments::kMaxFiles) {
    h.el("p", t.plural("This post has {n} file, the most a post can have.",
                       "This post has {n} files, the most a post can have.",
                       static_cast<long>(attachments::kMaxFiles)));
    return std::move(h).str();
  }
  h.open("form", {{"method", "post"},
                  {"action", post + "/attachments"},
                  {"enctype", "multipart/form-data"},
                  {"class", "stack"},
                  {"novalidate", "novalidate"}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  input(h, ctx, error);
  web::submit(h, t("Attach"));
  return std::move(h.close("form")).str();
}

}  // namespace crm::spaces::attachment_views
