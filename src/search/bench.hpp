// For bench/search.sh: synthetic multilingual works in the database, and the
// time of searches with facets measured in-process (no HTTP).
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"
#include "search/index.hpp"

namespace crm::search::bench {

// `n` published papers (each with its own author) in a programme of its own
// ("bench-search"), with titles and abstracts in ar, de, en, fr, tr, it made
// from small word lists, countries, topics, target groups, dimensions, GCM
// objectives and SDGs. One transaction. Deterministic.
void generate_works(db::Session& db, long n, int64_t now);

// The queries the benchmark runs (several languages, phrases, wildcards,
// operators, and the empty list).
std::vector<std::string> sample_queries();

struct Timing {
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  long searches = 0;
  // Per sample query (with and without the filter): its median, so that a
  // slow p99 can be traced to the queries that make it.
  struct PerQuery {
    std::string query;
    bool filtered = false;
    double p50_ms = 0;
  };
  std::vector<PerQuery> per_query;
};
// Runs every query `rounds` times with a facet filter on every other run.
Timing measure(Index& index, const std::vector<std::string>& queries, int rounds);

}  // namespace crm::search::bench
