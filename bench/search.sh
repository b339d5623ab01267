#!/usr/bin/env bash
# The knowledge base's search (issue 11, §6): BENCH_WORKS (default 100,000)
# synthetic multilingual published works generated into a fresh SQLite
# database (`crm search-bench --generate`), `crm reindex` (documents/s),
# searches with facet counts over queries in Arabic, German, English, French,
# Turkish and Italian measured in-process (`crm search-bench --measure`: p50,
# p99 of the search itself, result cache off; target p99 < 10 ms),
# /knowledge?q=… under wrk against nginx serving a static copy of the same
# page (ratio; one URL, so after the first request the index's result cache
# answers until the index changes), and the page's weight (gzip).
# Prints figures only; asserts nothing.
#
#   bench/search.sh                 build Release, then measure
#   CRM_BIN=path bench/search.sh    measure an existing binary (no build)
set -euo pipefail
cd "$(dirname "$0")/.."

works="${BENCH_WORKS:-100000}"
conns="${BENCH_CONNS:-64}"
seconds="${BENCH_SECONDS:-5}"

source bench/lib.sh
bench_binary curl wrk gzip
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

bench_tmp crm-bench-search

db="sqlite:$tmp/crm.db"
index="$tmp/search"
"$CRM_BIN" migrate --database "$db" >/dev/null
start=$(date +%s.%N)
"$CRM_BIN" search-bench --database "$db" --generate "$works" >/dev/null
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" -v n="$works" 'BEGIN { printf "generate: %d works in %.1f s\n", n, b - a }'

"$CRM_BIN" reindex --database "$db" --search-index "$index" 2>/dev/null | sed 's/^/reindex: /'
"$CRM_BIN" search-bench --database "$db" --search-index "$index" --measure 20 | sed 's/^/search in-process: /'

port="$(free_port)"
base="http://127.0.0.1:$port"
"$CRM_BIN" serve --listen "127.0.0.1:$port" --database "$db" --search-index "$index" \
  --log quiet >"$tmp/crm.log" 2>&1 &
pids+=($!)
wait_http "$base/healthz" "${pids[-1]}" || { echo "bench: crm did not start" >&2; tail "$tmp/crm.log" >&2; exit 1; }

url="$base/knowledge?q=reintegration&country=IQ"
curl -s -o "$tmp/page.html" "$url"
plain=$(wc -c <"$tmp/page.html")
gz=$(curl -s -H 'Accept-Encoding: gzip' "$url" | wc -c)
printf 'page weight: /knowledge?q=reintegration&country=IQ %.1f KB, %.1f KB gzip\n' \
  "$(echo "$plain / 1024" | bc -l)" "$(echo "$gz / 1024" | bc -l)"

run_wrk crm "$url" ""
crm_rps="$rps" crm_p99="$p99" crm_bad="$bad"
start_nginx "$tmp/page.html"
run_wrk nginx "http://127.0.0.1:$nginx_port/" ""
awk -v c="$crm_rps" -v cp="$crm_p99" -v cb="$crm_bad" -v n="$rps" -v np="$p99" 'BEGIN {
  printf "wrk /knowledge?q=…: %.0f req/s (p99 %s ms, %d bad); nginx same page static: %.0f req/s (p99 %s ms); ratio %.2f\n",
    c, cp, cb, n, np, (n > 0 ? c / n : 0)
}'
