#include "spaces/search_service.hpp"

#include <map>
#include <set>

#include "spaces/access_store.hpp"
#include "spaces/name_store.hpp"
#include "spaces/policy.hpp"
#include "spaces/search_store.hpp"

namespace crm::spaces {

namespace {

// Titles and authors of the page's hits, two statements whatever their number.
void fill_rows(web::Ctx& ctx, SearchPage& p,
               const std::map<int64_t, std::pair<std::string, SpaceAccess>>& spaces) {
  std::vector<int64_t> threads, authors;
  for (const auto& h : p.result.hits) {
    threads.push_back(h.thread_id);
    if (h.author_account_id) authors.push_back(h.author_account_id);
  }
  const auto titles = search_store::thread_titles(ctx.db, threads);
  const auto names = search_store::account_names(ctx.db, authors);
  for (const auto& h : p.result.hits) {
    auto space = spaces.find(h.space_id);
    if (space == spaces.end()) continue;  // moved out of the searched spaces since indexing
    SearchRow row;
    row.hit = h;
    if (auto t = titles.find(h.thread_id); t != titles.end()) row.title = t->second;
    row.space_name = space->second.first;
    const bool own = h.author_account_id == ctx.actor.id;
    if (policy::sees_author(space->second.second, own))
      if (auto n = names.find(h.author_account_id); n != names.end()) row.author = n->second;
    p.rows.push_back(std::move(row));
  }
}

bool has_words(const std::string& q) {
  return q.find_first_not_of(" \t\r\n") != std::string::npos;
}

}  // namespace

SearchPage search_all(web::Ctx& ctx, SearchIndex& index, const std::string& q, int page) {
  SearchPage p;
  p.q = q;
  p.searched = has_words(q);
  const auto mine =
      name_store::names_of_readers_spaces(ctx.db, ctx.actor.id, std::string(ctx.tr.language()));
  std::map<int64_t, std::pair<std::string, SpaceAccess>> spaces;
  SpaceSearchRequest r;
  r.q = q;
  r.page = page;
  r.per_page = kSearchPerPage;
  for (const auto& [id, name] : mine) {
    SpaceAccess a;
    a.space_id = id;
    a.member = true;
    a.is_protected = name.is_protected;
    // What is said in a protected space is searched only inside it.
    if (!policy::leaves_space(a)) {
      ++p.protected_left_out;
      continue;
    }
    r.spaces.push_back(id);
    spaces[id] = {name_store::display_name(name, ctx.tr), a};
  }
  if (!p.searched) return p;
  p.result = index.search(ctx.db, r);
  fill_rows(ctx, p, spaces);
  return p;
}

std::optional<SearchPage> search_space(web::Ctx& ctx, SearchIndex& index, int64_t space_id,
                                       const std::string& q, int page) {
  auto access = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!access || !policy::can_read(*access)) return std::nullopt;
  auto name = name_store::space_name(ctx.db, space_id, std::string(ctx.tr.language()));
  if (!name) return std::nullopt;
  SearchPage p;
  p.q = q;
  p.space_id = space_id;
  p.space_name = name_store::display_name(*name, ctx.tr);
  p.space_protected = access->is_protected;
  p.searched = has_words(q);
  if (!p.searched) return p;
  SpaceSearchRequest r;
  r.q = q;
  r.page = page;
  r.per_page = kSearchPerPage;
  r.spaces = {space_id};
  p.result = index.search(ctx.db, r);
  fill_rows(ctx, p, {{space_id, {p.space_name, *access}}});
  return p;
}

}  // namespace crm::spaces
