#include "curriculum/material_form.hpp"

#include "curriculum/service.hpp"
#include "web/forms.hpp"

namespace crm::curriculum {

void material_kind_and_file(web::Html& h, const web::Ctx& ctx, const std::string& kind,
                            const Error* e) {
  const auto& t = ctx.tr;
  {
    const auto message = web::error_for(ctx, e, "kind");
    h.open("fieldset", {{"class", message.empty() ? "stack" : "stack invalid"}, {"id", "f-kind"}});
    h.el("legend", t("Kind"));
    web::check(h, web::Check{.name = "kind",
                             .value = "file",
                             .label = t("A file"),
                             .id = "f-kind-file",
                             .checked = kind != "link",
                             .type = "radio"});
    web::check(h, web::Check{.name = "kind",
                             .value = "link",
                             .label = t("A link"),
                             .id = "f-kind-link",
                             .checked = kind == "link",
                             .type = "radio"});
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset");
  }
  const auto message = web::error_for(ctx, e, "file");
  h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", "f-file"}}, t("File"));
  h.empty("input", {{"id", "f-file"},
                    {"name", "file"},
                    {"type", "file"},
                    {"?aria-invalid", message.empty() ? "" : "true"},
                    {"aria-describedby", message.empty() ? "f-file-hint" : "f-file-error"}});
  h.el("p", {{"class", "hint"}, {"id", "f-file-hint"}},
       t("PDF, office documents, text, images, audio, video or ZIP; at most {max} MB.",
         {{"max", t.number(kMaxMaterialBytes / (1024 * 1024))}}));
  if (!message.empty()) h.el("p", {{"class", "error"}, {"id", "f-file-error"}}, message);
  h.close("div");
}

}  // namespace crm::curriculum
