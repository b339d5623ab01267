#include "spaces/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace crm::spaces::markdown {

namespace {

// A byte that continues a word: ASCII letters and digits, "_", and every
// byte of a non-ASCII character (Arabic, accented Latin: letters there).
bool word_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) != 0 || c == '_';
}

bool dangerous_url(std::string_view url) {
  std::string lower;
  for (char c : url) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.size() > 16) break;
  }
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:", "data:"})
    if (lower.starts_with(scheme)) return true;
  return false;
}

void register_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// An image becomes a link to its address, its alternative text the link's text.
void image_to_link(cmark_node* image) {
  cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
  const char* url = cmark_node_get_url(image);
  cmark_node_set_url(link, url && !dangerous_url(url) ? url : "");
  const char* title = cmark_node_get_title(image);
  if (title) cmark_node_set_title(link, title);
  while (cmark_node* child = cmark_node_first_child(image)) {
    cmark_node_unlink(child);
    cmark_node_append_child(link, child);
  }
  cmark_node_replace(image, link);
  cmark_node_free(image);
}

cmark_node* text_node(std::string_view s) {
  cmark_node* n = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(n, std::string(s).c_str());
  return n;
}

// Splits a text node at each mention into text and <mark> nodes.
void mark_mentions(cmark_node* text, const std::vector<std::string>& names) {
  const std::string literal = cmark_node_get_literal(text) ? cmark_node_get_literal(text) : "";
  std::size_t done = 0;
  bool changed = false;
  for (std::size_t at : mention_starts(literal)) {
    if (at < done) continue;
    std::string name = name_at(literal, at, names);
    if (name.empty()) continue;
    if (at > done) cmark_node_insert_before(text, text_node(literal.substr(done, at - done)));
    cmark_node* mark = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    cmark_node_set_on_enter(mark, "<mark class=\"mention\" dir=\"auto\">");
    cmark_node_set_on_exit(mark, "</mark>");
    cmark_node_append_child(mark, text_node("@" + name));
    cmark_node_insert_before(text, mark);
    done = at + 1 + name.size();
    changed = true;
  }
  if (!changed) return;
  if (done < literal.size())
    cmark_node_set_literal(text, literal.substr(done).c_str());
  else {
    cmark_node_unlink(text);
    cmark_node_free(text);
  }
}

}  // namespace

std::vector<std::size_t> mention_starts(std::string_view text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '@' && (i == 0 || !word_byte(text[i - 1]))) out.push_back(i);
  return out;
}

std::string name_at(std::string_view text, std::size_t at, const std::vector<std::string>& names) {
  std::string_view rest = text.substr(at + 1);
  std::string best;
  for (const auto& n : names) {
    if (n.empty() || n.size() <= best.size() || !rest.starts_with(n)) continue;
    if (rest.size() > n.size() && word_byte(rest[n.size()]) && word_byte(n.back())) continue;
    best = n;
  }
  return best;
}

std::vector<std::string> mentioned(std::string_view text, const std::vector<std::string>& names) {
  std::vector<std::string> found;
  for (std::size_t at : mention_starts(text)) {
    std::string n = name_at(text, at, names);
    if (!n.empty() && std::find(found.begin(), found.end(), n) == found.end())
      found.push_back(std::move(n));
  }
  std::vector<std::string> ordered;
  for (const auto& n : names)
    if (std::find(found.begin(), found.end(), n) != found.end() &&
        std::find(ordered.begin(), ordered.end(), n) == ordered.end())
      ordered.push_back(n);
  return ordered;
}

std::string to_html(std::string_view text, const std::vector<std::string>& names) {
  register_extensions();
  // CMARK_OPT_DEFAULT is cmark-gfm's safe mode: raw HTML is left out and
  // javascript:, vbscript:, file: and most data: URLs are emptied.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(options));
  for (const char* name : {"autolink", "strikethrough", "table"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, NodeFree> doc(cmark_parser_finish(parser.get()));

  // Changed after the walk: an iterator must not see its tree change.
  std::vector<cmark_node*> images, links, texts;
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_IMAGE:
        images.push_back(n);
        break;
      case CMARK_NODE_LINK:
        links.push_back(n);
        break;
      case CMARK_NODE_TEXT:
        texts.push_back(n);
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  for (cmark_node* l : links) {
    const char* url = cmark_node_get_url(l);
    if (url && dangerous_url(url)) cmark_node_set_url(l, "");
  }
  if (!names.empty())
    for (cmark_node* t : texts) mark_mentions(t, names);
  for (cmark_node* i : images) image_to_link(i);

  char* html =
      cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  free(html);  // NOLINT: cmark allocates with malloc
  // cmark writes every link as `<a href="`; raw HTML is off, so no other
  // "<a " can be in the output (text arrives as "&lt;a").
  std::string marked;
  marked.reserve(out.size() + 64);
  std::size_t pos = 0;
  for (std::size_t f; (f = out.find("<a href=\"", pos)) != std::string::npos; pos = f + 9) {
    marked.append(out, pos, f - pos);
    marked += "<a rel=\"nofollow ugc\" href=\"";
  }
  marked.append(out, pos);
  return marked;
}

}  // namespace crm::spaces::markdown
