#include "surveys/import_views.hpp"

#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::surveys::import_views {

namespace {

using web::Html;

// Problems listed on the page; a file with more is fixed in the spreadsheet first.
constexpr std::size_t kShownProblems = 300;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

// The message with its numbers written in the reader's digits (as every
// error message: Tr::error); {value} left for the caller to isolate. A
// message without {at} gets the place in an expression appended.
std::string with_numbers(const Tr& t, const xlsform::FormProblem& p) {
  std::string text = t.error(invalid("", p.key, p.numbers));
  for (const auto& [name, n] : p.numbers)
    if (name == "at" && t.key(p.key).find("{at}") == std::string::npos)
      text += " " + t("(at character {at})", {{"at", t.number(n)}});
  return text;
}

void problem_table(Html& h, const Tr& t, const std::vector<xlsform::FormProblem>& problems,
                   const char* labelled_by, const char* id) {
  h.open("div", {{"class", "table-wrap"}})
      .open("table", {{"id", id}, {"aria-labelledby", labelled_by}})
      .open("thead")
      .open("tr")
      .el("th", {{"scope", "col"}}, t("Sheet"))
      .el("th", {{"scope", "col"}}, t("Row"))
      .el("th", {{"scope", "col"}}, t("Column"))
      .el("th", {{"scope", "col"}}, t("Problem"))
      .close("tr")
      .close("thead")
      .open("tbody");
  std::size_t shown = 0;
  for (const auto& p : problems) {
    if (++shown > kShownProblems) break;
    h.open("tr", {{"data-sheet", p.sheet}, {"data-cell", p.column + std::to_string(p.row)}});
    if (p.sheet.empty())
      h.el("td", t("The file"));
    else
      h.open("td").open("bdi").el("code", p.sheet).close("bdi").close("td");
    h.el("td", p.row > 0 ? t.number(p.row) : std::string("—"));
    if (p.column.empty())
      h.el("td", "—");
    else
      h.open("td").open("bdi").el("code", p.column).close("bdi").close("td");
    h.open("td")
        .message(with_numbers(t, p), {{"value", shown_value(p.value)}})
        .close("td")
        .close("tr");
  }
  h.close("tbody").close("table").close("div");
  if (problems.size() > kShownProblems)
    h.el("p", {{"class", "hint"}},
         t("The first {n} are listed; fix them and upload the file again to see the rest.",
           {{"n", t.number(static_cast<long long>(kShownProblems))}}));
}

}  // namespace

std::string shown_value(std::string_view v) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if ((c & 0xC0) != 0x80 && ++chars > 80) {
      out += "…";
      break;
    }
    out += (c < 0x20 || c == 0x7F) ? ' ' : v[i];
  }
  return out;
}

std::string message(const Tr& t, const xlsform::FormProblem& p) {
  return replace_all(with_numbers(t, p), "{value}", shown_value(p.value));
}

std::string place(const Tr& t, const xlsform::FormProblem& p) {
  if (p.sheet.empty()) return t("The file");
  if (p.row <= 0) return t("Sheet “{sheet}”", {{"sheet", p.sheet}});
  if (p.column.empty())
    return t("Sheet “{sheet}”, row {row}", {{"sheet", p.sheet}, {"row", t.number(p.row)}});
  return t("Sheet “{sheet}”, row {row}, column {column}",
           {{"sheet", p.sheet}, {"row", t.number(p.row)}, {"column", p.column}});
}

std::string import_form(const web::Ctx& ctx, const importing::ImportPage& p, const Error* error) {
  const auto& t = ctx.tr;
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/surveys"}})
      .text(t("Surveys"))
      .close("a");
  std::string action = "/surveys/import";
  if (p.survey) {
    action = "/surveys/" + std::to_string(p.survey->id) + "/import";
    h.text(" › ")
        .open("a", {{"href", "/surveys/" + std::to_string(p.survey->id)}})
        .bdi(p.survey->title)
        .close("a");
  }
  h.close("nav");
  if (p.survey) {
    h.open("h1")
        .message(t("New version of “{title}” from an XLSForm"), {{"title", p.survey->title}})
        .close("h1");
    h.el("p", t("The file becomes version {n} of the survey. Earlier versions and the responses "
                "to them stay as they are.",
                {{"n", t.number(p.next_version)}}));
  } else {
    h.el("h1", t("Import a survey from an XLSForm"));
    h.el("p", t("An XLSForm is the spreadsheet form of KoboToolbox and ODK. crm reads its "
                "“survey”, “choices” and “settings” sheets; with any problem in the file nothing "
                "is imported and the problems are listed by sheet, row and column."));
  }
  if (error && !p.problems.empty()) {
    h.open("section", {{"aria-labelledby", "file-problems"}, {"class", "card attention"}});
    h.el("h2", {{"id", "file-problems"}}, t("Problems in the file"));
    h.el("p", t.plural("{n} problem; nothing was imported. Fix it in the spreadsheet and "
                       "upload the file again.",
                       "{n} problems; nothing was imported. Fix them in the spreadsheet and "
                       "upload the file again.",
                       static_cast<long>(p.problems.size())));
    problem_table(h, t, p.problems, "file-problems", "problems");
    h.close("section");
  }
  const std::string file_error = web::error_for(ctx, error, "file");
  h.open("form", {{"method", "post"},
                  {"action", action},
                  {"enctype", "multipart/form-data"},
                  {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  if (!p.survey) {
    std::vector<web::Option> programmes;
    if (p.programmes.size() != 1) programmes.push_back({"", t("Choose a programme")});
    for (const auto& g : p.programmes) programmes.push_back({std::to_string(g.id), g.name});
    web::select(h, "programme", t("Programme"), programmes, p.programme,
                web::error_for(ctx, error, "programme"));
  }
  h.open("div", {{"class", file_error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", "f-file"}}, t("XLSForm file (.xlsx)"));
  h.empty("input",
          {{"id", "f-file"},
           {"name", "file"},
           {"type", "file"},
           {"accept", ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
           {"required", "required"},
           {"?aria-invalid", file_error.empty() ? "" : "true"},
           {"aria-describedby", file_error.empty() ? "f-file-hint" : "f-file-hint f-file-error"}});
  h.el("p", {{"class", "hint"}, {"id", "f-file-hint"}},
       t("Up to {n} MB. Question types: select_one, select_multiple, integer, decimal, text, "
         "date, note, groups; with required, relevant, constraint and texts per language "
         "(label::ar or label::Arabic (ar)).",
         {{"n", t.number(static_cast<long long>(importing::kMaxFileBytes / (1024 * 1024)))}}));
  if (!file_error.empty())
    h.el("p", {{"class", "error"}, {"id", "f-file-error"}, {"role", "alert"}}, file_error);
  h.close("div");
  if (!p.survey)
    web::check(h, web::Check{.name = "anonymous",
                             .label = t("Anonymous: answers are stored without the person"),
                             .checked = p.anonymous});
  web::submit(h, p.survey ? t("Import as a new version") : t("Import the survey"));
  h.close("form");
  return std::move(h).str();
}

}  // namespace crm::surveys::import_views
