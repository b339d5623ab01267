#include "knowledge/work_views.hpp"

#include <algorithm>

#include "knowledge/vocabulary.hpp"
#include "people/views.hpp"
#include "programme/countries.hpp"

namespace crm::knowledge::views {

namespace {

using web::Html;

struct TagKind {
  std::string_view kind;
  const char* heading;
};
constexpr TagKind kTagHeadings[] = {
    {"topic", N_("Topics")},
    {"country", N_("Countries")},
    {"target_group", N_("Target groups")},
    {"dimension", N_("Reintegration dimensions")},
    {"gcm", N_("Global Compact for Migration objectives")},
    {"sdg", N_("Sustainable Development Goals")},
};

std::string tag_label(const web::Ctx& ctx, const store::TagRow& tag) {
  if (tag.kind == "topic") return tag.value;
  if (tag.kind == "country")
    return programme::country_name(tag.value, std::string(ctx.tr.language()));
  const Term* term = find_term(terms_of_kind(tag.kind), tag.value);
  if (!term) return tag.value;
  std::string label = ctx.tr(term->label.data());
  if (tag.kind == "gcm" || tag.kind == "sdg") {
    long long n = 0;
    for (char c : tag.value) n = n * 10 + (c - '0');
    return ctx.tr.number(n) + ". " + label;
  }
  return label;
}

std::string language_name(const web::Ctx& ctx, const std::string& code) {
  return people::views::language_names(code, ctx.tr);
}

// A block of user text in its own language and direction; paragraphs are
// separated by blank lines.
void paragraphs(Html& h, std::string_view text, std::string_view language) {
  h.open("div", {{"dir", "auto"}, {"lang", language}, {"class", "abstract"}});
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find("\n\n", i);
    if (j == std::string_view::npos) j = text.size();
    auto para = text.substr(i, j - i);
    while (!para.empty() && (para.front() == '\n' || para.front() == ' ')) para.remove_prefix(1);
    if (!para.empty()) h.el("p", para);
    i = j + 2;
  }
  h.close("div");
}

std::string person_name(const web::Ctx& ctx, const store::NameRow& p) {
  return p.name.empty() ? ctx.tr("Erased person") : p.name;
}

void tags(Html& h, const web::Ctx& ctx, const std::vector<store::TagRow>& all) {
  if (all.empty()) return;
  h.open("dl", {{"class", "facts tags"}});
  for (const auto& k : kTagHeadings) {
    std::vector<std::string> labels;
    for (const auto& t : all)
      if (t.kind == k.kind) labels.push_back(tag_label(ctx, t));
    if (labels.empty()) continue;
    h.el("dt", ctx.tr(k.heading));
    h.open("dd");
    if (k.kind == "gcm" || k.kind == "sdg") {
      h.open("ul", {{"class", "plain"}});
      for (const auto& l : labels) h.open("li").bdi(l).close("li");
      h.close("ul");
    } else {
      h.list(ctx.tr, labels);
    }
    h.close("dd");
  }
  h.close("dl");
}

// One title per language: the reader's (or English, or the first) as the
// heading, the others beneath it, each marked with its language.
void titles(Html& h, const web::Ctx& ctx, const Work& w, bool heading) {
  const auto first = main_text(w.texts, ctx.tr.language());
  h.open(heading ? "h1" : "h2", {{"lang", first.language}})
      .bdi(first.title)
      .close(heading ? "h1" : "h2");
  for (const auto& t : w.texts) {
    if (t.language == first.language) continue;
    h.open("p", {{"class", "muted"}, {"lang", t.language}}).bdi(t.title).close("p");
  }
}

void abstracts(Html& h, const web::Ctx& ctx, const Work& w) {
  const auto first = main_text(w.texts, ctx.tr.language());
  std::vector<store::TextRow> ordered;
  for (const auto& t : w.texts)
    if (t.language == first.language) ordered.push_back(t);
  for (const auto& t : w.texts)
    if (t.language != first.language) ordered.push_back(t);
  if (w.kind == search::WorkKind::project && !w.problem.empty()) {
    h.el("h2", ctx.tr("The problem it addresses"));
    paragraphs(h, w.problem, first.language);
  }
  for (const auto& t : ordered) {
    if (t.abstract.empty()) continue;
    h.open("h2")
        .text(w.kind == search::WorkKind::paper ? ctx.tr("Abstract") : ctx.tr("Summary"))
        .text(" · ")
        .text(language_name(ctx, t.language))
        .close("h2");
    paragraphs(h, t.abstract, t.language);
  }
}

void file_link(Html& h, const web::Ctx& ctx, const std::string& href, const std::string& name,
               int64_t size, const char* label) {
  h.open("p")
      .open("a", {{"href", href}, {"class", "button"}})
      .text(ctx.tr(label))
      .close("a")
      .text(" ")
      .open("span", {{"class", "muted"}})
      .message(ctx.tr("({name}, {size} KB)",
                      {{"size", ctx.tr.number(std::max<int64_t>(1, size / 1024))}}),
               {{"name", name}})
      .close("span")
      .close("p");
}

// `citation_html`: crm's own markup (the citation with its parts isolated).
void citation_block(Html& h, const web::Ctx& ctx, const std::string& citation_html,
                    const std::string& base) {
  h.open("section", {{"class", "card"}, {"aria-labelledby", "cite"}});
  h.el("h2", {{"id", "cite"}}, ctx.tr("Cite this work"));
  h.open("p", {{"class", "citation"}}).raw_trusted(citation_html).close("p");
  h.open("p", {{"class", "exports"}})
      .open("a", {{"href", base + ".bib"}, {"type", "application/x-bibtex"}})
      .text(ctx.tr("BibTeX"))
      .close("a")
      .open("a", {{"href", base + ".ris"}, {"type", "application/x-research-info-systems"}})
      .text(ctx.tr("RIS (Zotero, EndNote, Mendeley)"))
      .close("a")
      .close("p");
  h.close("section");
}

void breadcrumb(Html& h, const web::Ctx& ctx) {
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/knowledge"}})
      .text(ctx.tr("Knowledge base"))
      .close("a")
      .close("p");
}

}  // namespace

std::string kind_label(const web::Ctx& ctx, const Work& w) {
  return w.kind == search::WorkKind::paper ? ctx.tr("Final paper") : ctx.tr("Practice project");
}

void work_body(Html& h, const web::Ctx& ctx, const Work& w, bool heading) {
  h.el("p", {{"class", "muted"}}, kind_label(ctx, w));
  titles(h, ctx, w, heading);
  std::vector<std::string> names;
  for (const auto& p : w.people) names.push_back(person_name(ctx, p));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", w.kind == search::WorkKind::paper ? ctx.tr("Author") : ctx.tr("Team"));
  h.open("dd").list(ctx.tr, names).close("dd");
  if (!w.cohorts.empty()) {
    h.el("dt", ctx.tr("Cohort"));
    h.open("dd").list(ctx.tr, w.cohorts).close("dd");
  }
  if (!w.programme.empty()) h.el("dt", ctx.tr("Programme")).open("dd").bdi(w.programme).close("dd");
  std::vector<std::string> langs;
  for (const auto& t : w.texts) langs.push_back(language_name(ctx, t.language));
  h.el("dt", ctx.tr("Languages")).el("dd", ctx.tr.list(langs));
  h.close("dl");
  abstracts(h, ctx, w);
  tags(h, ctx, w.tags);
}

std::string work_page(const web::Ctx& ctx, const PublicWork& pw) {
  const Work& w = pw.work;
  const std::string base = public_work_path(pw.number);
  Html h;
  breadcrumb(h, ctx);
  h.open("article", {{"class", "work"}});
  work_body(h, ctx, w, true);
  h.open("p", {{"class", "muted"}})
      .text(ctx.tr("Published {date}", {{"date", ctx.tr.date(pw.published_at)}}))
      .close("p");
  if (w.kind == search::WorkKind::paper && !w.file_name.empty())
    file_link(h, ctx, base + "/file", w.file_name, w.file_size, N_("Download the paper"));
  // The citation in the reader's language around the work's own words.
  const auto first = main_text(w.texts, "en");
  std::vector<std::string> names;
  for (const auto& p : w.people)
    if (!p.name.empty()) names.push_back(p.name);
  std::string cohorts;
  for (const auto& c : w.cohorts) cohorts += (cohorts.empty() ? "" : ", ") + c;
  const std::string year = std::to_string(year_of(pw.published_at)),
                    url = ctx.config.base_url + base, authors = ctx.tr.list(names);
  // The reader's sentence around the work's own words, each isolated.
  Html cite;
  cite.message(
      w.kind == search::WorkKind::paper
          ? ctx.tr("{authors} ({year}). {title}. Final paper, {programme}, {cohort}. {url}")
          : ctx.tr("{authors} ({year}). {title}. Practice project, {programme}, {cohort}. "
                   "{url}"),
      {{"authors", authors},
       {"year", year},
       {"title", first.title},
       {"programme", w.programme},
       {"cohort", cohorts},
       {"url", url}});
  citation_block(h, ctx, std::move(cite).str(), base);
  h.close("article");
  return std::move(h).str();
}

std::string resource_page(const web::Ctx& ctx, const PublicResource& pr) {
  const auto& r = pr.resource;
  const std::string base = public_resource_path(r.id);
  Html h;
  breadcrumb(h, ctx);
  h.open("article", {{"class", "work"}});
  const Term* kind = find_term(resource_kinds(), r.kind);
  h.el("p", {{"class", "muted"}}, kind ? ctx.tr(kind->label.data()) : r.kind);
  h.open("h1", {{"lang", r.language}}).bdi(r.title).close("h1");
  h.open("dl", {{"class", "facts"}});
  if (!r.authors.empty()) h.el("dt", ctx.tr("Authors")).open("dd").bdi(r.authors).close("dd");
  if (!r.publisher.empty()) h.el("dt", ctx.tr("Publisher")).open("dd").bdi(r.publisher).close("dd");
  if (r.year > 0) h.el("dt", ctx.tr("Year")).open("dd").bdi(ctx.tr.year(r.year)).close("dd");
  h.el("dt", ctx.tr("Language")).el("dd", language_name(ctx, r.language));
  // Only a web address becomes a link (never javascript: or data:).
  if (r.url.starts_with("https://") || r.url.starts_with("http://"))
    h.el("dt", ctx.tr("Link"))
        .open("dd")
        .open("a", {{"href", r.url}, {"dir", "ltr"}, {"rel", "noopener noreferrer"}})
        .text(r.url)
        .close("a")
        .close("dd");
  if (!pr.programme.empty())
    h.el("dt", ctx.tr("Curated by")).open("dd").bdi(pr.programme).close("dd");
  h.close("dl");
  if (!r.summary.empty()) {
    h.el("h2", ctx.tr("Summary"));
    paragraphs(h, r.summary, r.language);
  }
  tags(h, ctx, pr.tags);
  if (r.size > 0 && !r.filename.empty())
    file_link(h, ctx, base + "/file", r.filename, r.size, N_("Download the file"));
  const auto c = cite(pr, ctx.config.base_url);
  std::string citation;
  for (const auto& a : c.authors) citation += (citation.empty() ? "" : "; ") + a;
  if (c.year > 0) citation += " (" + std::to_string(c.year) + ")";
  citation += (citation.empty() ? "" : ". ") + c.title + ".";
  if (!c.publisher.empty()) citation += " " + c.publisher + ".";
  if (!c.url.empty()) citation += " " + c.url;
  Html cite;
  cite.bdi(citation);
  citation_block(h, ctx, std::move(cite).str(), base);
  h.close("article");
  return std::move(h).str();
}

}  // namespace crm::knowledge::views
