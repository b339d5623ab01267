#include "knowledge/search_views.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <ctime>

#include "http/parse.hpp"
#include "knowledge/vocabulary.hpp"
#include "programme/countries.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::knowledge::views {

namespace {

using web::Html;

// Values shown per facet (the checked ones always).
constexpr size_t kFacetValuesShown = 12;

std::string facet_legend(const Tr& t, std::string_view facet) {
  if (facet == "country") return t("Country");
  if (facet == "topic") return t("Topic");
  if (facet == "target_group") return t("Target group");
  if (facet == "dimension") return t("Reintegration dimension");
  if (facet == "gcm") return t("Global Compact objective");
  if (facet == "sdg") return t("Sustainable Development Goal");
  if (facet == "cohort") return t("Cohort");
  if (facet == "year") return t("Year");
  if (facet == "language") return t("Language");
  return t("Kind of work");
}

std::string language_name(std::string_view code, std::string_view reader) {
  icu::UnicodeString name;
  icu::Locale(std::string(code).c_str())
      .getDisplayLanguage(icu::Locale(std::string(reader).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(code) : out;
}

std::string kind_label(const Tr& t, std::string_view kind) {
  if (kind == "paper") return t("Final paper");
  if (kind == "project") return t("Practice project");
  if (const auto* term = find_term(resource_kinds(), kind))
    return t(std::string(term->label).c_str());
  return std::string(kind);
}

std::string value_label(const web::Ctx& ctx, const KnowledgePage& p, std::string_view facet,
                        const std::string& value) {
  const auto& t = ctx.tr;
  if (facet == "country") return programme::country_name(value, t.language());
  if (facet == "topic") return value;
  if (facet == "year") return t.year(std::atoll(value.c_str()));
  if (facet == "language") return language_name(value, t.language());
  if (facet == "kind") return kind_label(t, value);
  if (facet == "cohort") {
    auto it = p.cohort_names.find(std::atoll(value.c_str()));
    return it == p.cohort_names.end() ? value : it->second;
  }
  if (const auto* term = find_term(terms_of_kind(facet), value))
    return t(std::string(term->label).c_str());
  return value;
}

bool is_checked(const KnowledgePage& p, std::string_view facet, const std::string& value) {
  auto it = p.filters.find(std::string(facet));
  return it != p.filters.end() &&
         std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

// The page's address with its query and filters (for the pages' links).
std::string self_path(const KnowledgePage& p) {
  http::Fields f;
  if (!p.q.empty()) f.items.emplace_back("q", p.q);
  for (const char* facet : search::kFacets) {
    auto it = p.filters.find(facet);
    if (it == p.filters.end()) continue;
    for (const auto& v : it->second) f.items.emplace_back(facet, v);
  }
  auto q = http::encode_query(f);
  return q.empty() ? "/knowledge" : "/knowledge?" + q;
}

void facets(Html& h, const web::Ctx& ctx, const KnowledgePage& p) {
  const auto& t = ctx.tr;
  h.open("div", {{"class", "kb-facets"}});
  h.el("h2", t("Filter"));
  bool any = false;
  for (const char* facet : search::kFacets) {
    std::vector<search::FacetValue> values;
    auto it = p.result.facets.find(facet);
    if (it != p.result.facets.end()) values = it->second;
    // Checked values stay visible (with 0 when nothing matches them now).
    auto f = p.filters.find(facet);
    if (f != p.filters.end())
      for (const auto& v : f->second)
        if (std::none_of(values.begin(), values.end(), [&](const auto& x) { return x.value == v; }))
          values.push_back({v, 0});
    if (values.empty()) continue;
    any = true;
    h.open("fieldset", {{"class", "kb-facet"}});
    h.el("legend", facet_legend(t, facet));
    size_t shown = 0;
    for (const auto& v : values) {
      const bool checked = is_checked(p, facet, v.value);
      if (!checked && shown >= kFacetValuesShown) continue;
      ++shown;
      const std::string id = fmt::format("f-{}-{}", facet, shown);
      h.open("div", {{"class", "field check"}});
      h.empty("input", {{"type", "checkbox"},
                        {"id", id},
                        {"name", facet},
                        {"value", v.value},
                        {"?checked", checked ? "checked" : ""}});
      h.open("label", {{"for", id}})
          .bdi(value_label(ctx, p, facet, v.value))
          .text(" ")
          .el("span", {{"class", "muted"}}, "(" + t.number(v.count) + ")")
          .close("label");
      h.close("div");
    }
    h.close("fieldset");
  }
  if (any)
    h.open("button", {{"type", "submit"}, {"class", "button"}})
        .text(t("Apply filters"))
        .close("button");
  else
    h.el("p", {{"class", "muted"}}, t("Nothing to filter by."));
  h.close("div");
}

void result_list(Html& h, const web::Ctx& ctx, const KnowledgePage& p) {
  const auto& t = ctx.tr;
  h.open("div", {{"class", "kb-results"}, {"id", "results"}});
  const auto& r = p.result;
  if (r.notice == search::QueryNotice::shortened)
    h.el("p", {{"class", "flash error"}, {"role", "status"}},
         t("Your search was long: only its first {n} words were searched.",
           {{"n", t.number(static_cast<long>(search::kMaxQueryWords))}}));
  if (r.notice == search::QueryNotice::syntax_error)
    h.el("p", {{"class", "flash error"}, {"role", "status"}},
         t("Your search could not be read as a query (an unclosed quote or bracket, or an "
           "operator without words), so its words were searched as they are."));
  h.el("h2", {{"role", "status"}},
       r.total == 0 ? t("Nothing found.") : t.plural("{n} work found", "{n} works found", r.total));
  if (r.total == 0) {
    h.el("p", {{"class", "muted"}}, t("Try fewer or other words, or fewer filters."));
  }
  if (!r.hits.empty()) {
    h.open("ol", {{"class", "plain kb-list"}});
    for (const auto& hit : r.hits) {
      h.open("li").open("article", {{"class", "kb-hit"}});
      h.open("h3")
          .open("a", {{"href", hit_href(hit)}})
          .open("bdi", {{"lang", hit.title_language}})
          .text(hit.title.empty() ? t("Untitled") : hit.title)
          .close("bdi")
          .close("a")
          .close("h3");
      h.open("p", {{"class", "muted kb-meta"}});
      h.text(kind_label(t, hit.kind == search::WorkKind::resource
                               ? std::string_view(hit.resource_kind)
                               : search::to_string(hit.kind)));
      if (!hit.authors.empty()) h.text(" · ").bdi(hit.authors);
      if (hit.year) h.text(" · ").text(ctx.tr.year(hit.year));
      if (!hit.published) h.text(" · ").el("strong", {{"class", "badge"}}, t("Unpublished"));
      h.close("p");
      // Escaped by the highlighter; only its own <mark> elements are markup.
      if (!hit.snippet_html.empty())
        h.open("p", {{"class", "kb-snippet"}, {"dir", "auto"}})
            .raw_trusted(hit.snippet_html)
            .close("p");
      h.close("article").close("li");
    }
    h.close("ol");
  }
  web::Pagination pg;
  pg.page = r.page;
  pg.per_page = kResultsPerPage;
  pg.total = r.total;
  web::pagination(h, ctx, pg, self_path(p));
  h.close("div");
}

std::string xml_text(std::string_view s) {
  std::string clean;
  clean.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // not allowed in XML 1.0
    clean += c;
  }
  return web::escape(clean);
}

std::string rfc3339(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The snippet's text without markup (the feed's summary).
std::string strip_marks(std::string s) {
  for (const char* tag : {"<mark>", "</mark>"}) {
    size_t pos;
    while ((pos = s.find(tag)) != std::string::npos) s.erase(pos, std::strlen(tag));
  }
  return s;
}

}  // namespace

std::string hit_href(const search::Hit& h) {
  switch (h.kind) {
    case search::WorkKind::paper:
      return h.published ? fmt::format("/knowledge/works/{}", h.publication_id)
                         : fmt::format("/papers/{}", h.id);
    case search::WorkKind::project:
      return h.published ? fmt::format("/knowledge/works/{}", h.publication_id)
                         : fmt::format("/projects/{}", h.id);
    case search::WorkKind::resource:
      return h.published ? fmt::format("/knowledge/resources/{}", h.id)
                         : fmt::format("/resources/{}", h.id);
  }
  return "/knowledge";
}

std::string knowledge_page(const web::Ctx& ctx, const KnowledgePage& p) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Knowledge base"));
  h.el("p", {{"class", "lead"}},
       t("Final papers, practice projects and curated publications on return and "
         "reintegration, in Arabic, German, English, French, Turkish and Italian."));
  if (p.sees_unpublished)
    h.el("p", {{"class", "hint"}},
         t("You also see the unpublished works of your programmes; the public does not."));
  if (!p.bad_filters.empty())
    h.el("p", {{"class", "flash error"}, {"role", "alert"}},
         t("A filter of this address is not known and was left out."));
  h.open("form", {{"method", "get"}, {"action", "/knowledge"}, {"class", "knowledge"}});
  h.open("div", {{"class", "kb-query"}, {"role", "search"}});
  h.el("label", {{"for", "q"}}, t("Search the knowledge base"));
  h.open("div", {{"class", "pair"}});
  h.empty("input", {{"type", "search"},
                    {"id", "q"},
                    {"name", "q"},
                    {"value", p.q},
                    {"dir", "auto"},
                    {"maxlength", "1024"},
                    {"aria-describedby", "q-hint"}});
  h.open("button", {{"type", "submit"}, {"class", "button primary"}})
      .text(t("Search"))
      .close("button");
  h.close("div");
  h.el("p", {{"class", "hint"}, {"id", "q-hint"}},
       t("In any of the six languages. \"Quotes\" for a phrase, an asterisk for the start of a "
         "word (Rückkehr*), and AND, OR, NOT."));
  h.close("div");
  result_list(h, ctx, p);
  facets(h, ctx, p);
  h.close("form");
  h.open("p")
      .open("a", {{"href", "/knowledge/feed.atom"}, {"type", "application/atom+xml"}})
      .text(t("New publications as an Atom feed"))
      .close("a")
      .close("p");
  return std::move(h).str();
}

std::string atom_feed(const web::Ctx& ctx, const search::SearchResult& newest,
                      const std::string& base_url) {
  const auto& t = ctx.tr;
  const std::string base = xml_text(base_url);
  int64_t updated = 0;
  for (const auto& h : newest.hits) updated = std::max(updated, h.date);
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  x += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml_text(t.language()) + "\">\n";
  x += "<title>" + xml_text(t("Knowledge base")) + " · " +
       xml_text(ctx.site_name.empty() ? "crm" : ctx.site_name) + "</title>\n";
  x += "<id>" + base + "/knowledge</id>\n";
  x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + base +
       "/knowledge/feed.atom\"/>\n";
  x += "<link rel=\"alternate\" type=\"text/html\" href=\"" + base + "/knowledge\"/>\n";
  x += "<updated>" + rfc3339(updated) + "</updated>\n";
  x += "<author><name>" + xml_text(ctx.site_name.empty() ? "crm" : ctx.site_name) +
       "</name></author>\n";
  for (const auto& h : newest.hits) {
    const std::string href = base + xml_text(hit_href(h));
    x += "<entry>\n";
    x += "<title>" + xml_text(h.title.empty() ? t("Untitled") : h.title) + "</title>\n";
    x += "<id>" + href + "</id>\n";
    x += "<link rel=\"alternate\" type=\"text/html\" href=\"" + href + "\"/>\n";
    x += "<updated>" + rfc3339(h.date) + "</updated>\n";
    if (!h.authors.empty()) x += "<author><name>" + xml_text(h.authors) + "</name></author>\n";
    x += "<category term=\"" +
         xml_text(h.kind == search::WorkKind::resource ? h.resource_kind
                                                       : std::string(search::to_string(h.kind))) +
         "\"/>\n";
    // The snippet is HTML-escaped text already: only the marks go.
    if (!h.snippet_html.empty()) {
      std::string summary = strip_marks(h.snippet_html);
      std::string clean;
      for (char c : summary)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r')
          clean += c;
      x += "<summary>" + clean + "</summary>\n";
    }
    x += "</entry>\n";
  }
  x += "</feed>\n";
  return x;
}

}  // namespace crm::knowledge::views
