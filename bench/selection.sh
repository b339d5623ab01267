#!/usr/bin/env bash
# The proposed shortlist at scale (issue 13 §4): BENCH_APPLICANTS (default
# 2,000) applicants, BENCH_PLACES (default 35) places and five kinds of bounds
# (gender, route role, '*' per country, one country, organisation type),
# solved exactly with GLPK in-process (`crm selection-bench --measure`, best,
# median and worst of BENCH_ROUNDS); then the same number of reviewed
# applications in a closed call of the demo programme (`crm selection-bench
# --generate`) and the time of its ranking page, which ranks, solves and
# renders them (mean and max of BENCH_REQUESTS sequential curls), as staff.
# Target: the shortlist under 1 s. Prints figures only; asserts nothing.
#
#   bench/selection.sh                 build Release, then measure
#   CRM_BIN=path bench/selection.sh    measure an existing binary (no build)
#   BENCH_APPLICANTS=2000 BENCH_PLACES=35 BENCH_ROUNDS=5 BENCH_REQUESTS=5
set -euo pipefail
cd "$(dirname "$0")/.."

applicants="${BENCH_APPLICANTS:-2000}"
places="${BENCH_PLACES:-35}"
rounds="${BENCH_ROUNDS:-5}"
requests="${BENCH_REQUESTS:-5}"

source bench/lib.sh
bench_binary curl sqlite3 bc

bench_tmp crm-bench-selection

echo "shortlist, in-process (reference: target < 1000 ms):"
"$CRM_BIN" selection-bench --measure "$applicants" --places "$places" --rounds "$rounds"

db="$tmp/crm.db"
"$CRM_BIN" demo --database "sqlite:$db" >"$tmp/demo.txt"
call=$("$CRM_BIN" selection-bench --database "sqlite:$db" --generate "$applicants" --places "$places" | awk '/^call/ {print $2}')
printf 'data: call %s with %s submitted applications and %s submitted reviews\n' "$call" \
  "$(sqlite3 "$db" "SELECT COUNT(*) FROM application WHERE call_id = $call")" \
  "$(sqlite3 "$db" "SELECT COUNT(*) FROM review_assignment r JOIN application a ON a.id = r.application_id WHERE a.call_id = $call AND r.submitted_at IS NOT NULL")"

start_crm "sqlite:$db" "$tmp/crm.log"
cookie="$(sign_in "$base" staff "$tmp/jar" "$tmp/demo.txt")"

# timed NAME PATH: one request after another; prints status, size, mean and max ms.
timed() {
  time_requests "$1" "$base$2"
  printf '%-8s %s (HTTP %s, %d bytes): %.0f ms per request (max %.0f ms of %d)\n' \
    "$1" "$2" "$code" "$bytes" "$mean_ms" "$max_ms" "$requests"
}

timed ranking "/calls/$call/ranking"
timed csv "/calls/$call/ranking.csv"
grep -o '[0-9,]* on the shortlist' "$tmp/ranking.out" | head -1 || true
