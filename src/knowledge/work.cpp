#include "knowledge/work.hpp"

#include "knowledge/vocabulary.hpp"
#include "programme/countries.hpp"

namespace crm::knowledge {

namespace {

// Tags as keywords a reference manager shows: topics as written, countries
// by their English name, the fixed lists by their English label (GCM and SDG
// by their short codes, "GCM 21", "SDG 5").
std::vector<std::string> keywords_of(const std::vector<store::TagRow>& tags) {
  std::vector<std::string> out;
  for (const auto& t : tags) {
    if (t.kind == "topic") {
      out.push_back(t.value);
    } else if (t.kind == "country") {
      out.push_back(programme::country_name(t.value, "en"));
    } else if (t.kind == "gcm") {
      out.push_back("GCM " + t.value);
    } else if (t.kind == "sdg") {
      out.push_back("SDG " + t.value);
    } else if (const Term* term = find_term(terms_of_kind(t.kind), t.value)) {
      out.emplace_back(term->label);
    }
  }
  return out;
}

std::string display_name(const store::NameRow& p) {
  if (p.name.empty()) return {};  // erased: not named in a citation
  return p.name;
}

}  // namespace

std::string public_work_path(int64_t number) {
  return "/knowledge/works/" + std::to_string(number);
}

std::string public_resource_path(int64_t id) {
  return "/knowledge/resources/" + std::to_string(id);
}

store::TextRow main_text(const std::vector<store::TextRow>& texts, std::string_view language) {
  for (const auto& t : texts)
    if (t.language == language) return t;
  for (const auto& t : texts)
    if (t.language == "en") return t;
  return texts.empty() ? store::TextRow{} : texts.front();
}

Result<PublicWork> public_work(web::Ctx& ctx, int64_t number) {
  db::ReadSnapshot snapshot(ctx.db);
  auto pub = store::find_public(ctx.db, number);
  if (!pub) return not_found();
  search::WorkKind kind;
  if (!search::parse_work_kind(pub->work_kind, kind)) return not_found();
  auto w = load_work(ctx.db, kind, pub->work_id, std::string(ctx.tr.language()));
  if (!w) return not_found();
  // A paper whose acceptance was taken back is not public any more.
  if (kind == search::WorkKind::paper && w->status != "accepted") return not_found();
  if (kind == search::WorkKind::paper) {
    // The public file is the version consent was given for.
    if (w->version_id != pub->version_id) {
      w->version_id = pub->version_id;
      w->file_name.clear();
      w->file_size = 0;
    }
  }
  // A project names in public only the lead who gave consent; the other
  // members never agreed to be named.
  if (kind == search::WorkKind::project)
    std::erase_if(w->people, [&](const store::NameRow& p) {
      return p.account_id == 0 || p.account_id != pub->consent_by;
    });
  return PublicWork{pub->id, pub->published_at, std::move(*w)};
}

Result<store::FileRow> public_work_file(web::Ctx& ctx, int64_t number) {
  auto f = store::public_paper_file(ctx.db, number);
  if (!f) return not_found();
  return std::move(*f);
}

Result<PublicResource> public_resource(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto r = store::find_public_resource(ctx.db, id);
  if (!r) return not_found();
  PublicResource out;
  out.tags = store::resource_tags(ctx.db, id);
  out.programme = store::programme_name(ctx.db, r->programme_id, std::string(ctx.tr.language()));
  out.resource = std::move(*r);
  return out;
}

Result<store::FileRow> public_resource_file(web::Ctx& ctx, int64_t id) {
  auto f = store::public_resource_file(ctx.db, id);
  if (!f) return not_found();
  return std::move(*f);
}

CiteData cite(const PublicWork& pw, const std::string& base_url) {
  const Work& w = pw.work;
  CiteData c;
  c.key = "crm-work-" + std::to_string(pw.number);
  const bool paper = w.kind == search::WorkKind::paper;
  c.bibtex_type = "misc";
  c.ris_type = paper ? "RPRT" : "GEN";
  for (const auto& p : w.people)
    if (auto n = display_name(p); !n.empty()) c.authors.push_back(n);
  const auto text = main_text(w.texts, "en");
  c.title = text.title;
  c.abstract = text.abstract;
  c.language = text.language;
  c.year = year_of(pw.published_at);
  std::string how = paper ? "Final paper" : "Practice project";
  if (!w.programme.empty()) how += ", " + w.programme;
  for (const auto& cohort : w.cohorts) how += ", " + cohort;
  c.howpublished = how;
  c.publisher = w.programme;
  c.url = base_url + public_work_path(pw.number);
  c.keywords = keywords_of(w.tags);
  return c;
}

CiteData cite(const PublicResource& pr, const std::string& base_url) {
  const auto& r = pr.resource;
  CiteData c;
  c.key = "crm-resource-" + std::to_string(r.id);
  if (r.kind == "manual") {
    c.bibtex_type = "manual";
    c.ris_type = "BOOK";
  } else if (r.kind == "report" || r.kind == "study") {
    c.bibtex_type = "misc";
    c.ris_type = "RPRT";
  } else if (r.kind == "policy") {
    c.ris_type = "GOVDOC";
  }
  // Authors are one text as the curator wrote them: "A; B" or "A and B".
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.front() == ' ') cur.erase(cur.begin());
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    if (!cur.empty()) c.authors.push_back(cur);
    cur.clear();
  };
  for (char ch : r.authors) {
    if (ch == ';' || ch == '\n') {
      flush();
    } else {
      cur += ch;
    }
  }
  flush();
  c.title = r.title;
  c.abstract = r.summary;
  c.language = r.language;
  c.year = r.year;
  c.publisher = r.publisher;
  if (const Term* kind = find_term(resource_kinds(), r.kind)) c.howpublished = kind->label;
  c.url = r.url.empty() ? base_url + public_resource_path(r.id) : r.url;
  c.keywords = keywords_of(pr.tags);
  return c;
}

}  // namespace crm::knowledge
