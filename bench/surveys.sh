#!/usr/bin/env bash
# The funder's indicator report at scale (issue 12, §7): the demo at scale
# 100 (~11,000 people, 400 cohorts; `crm demo --scale 100`), then
# BENCH_RESPONSES (default 200,000) submitted survey responses with their
# rounds and invitations (`crm survey-bench --generate`), signed in as the
# demo staff. Measures /reports/indicators, its XLSX and, when the results
# pages exist, a results cross-tab (/surveys/{id}/results?by=country): time of
# one request (mean and max of BENCH_REQUESTS sequential curls), then wrk
# (req/s, p99), the server's RSS afterwards, and the report page against
# nginx serving a static copy of it (ratio). Target: the report under 1 s.
# Prints figures only; asserts nothing.
#
#   bench/surveys.sh                 build Release, then measure
#   CRM_BIN=path bench/surveys.sh    measure an existing binary (no build)
#   BENCH_SCALE=100 BENCH_RESPONSES=200000 BENCH_REQUESTS=10
#   BENCH_SECONDS=5 BENCH_CONNS=4
set -euo pipefail
cd "$(dirname "$0")/.."

scale="${BENCH_SCALE:-100}"
responses="${BENCH_RESPONSES:-200000}"
requests="${BENCH_REQUESTS:-10}"
seconds="${BENCH_SECONDS:-5}"
conns="${BENCH_CONNS:-4}"

source bench/lib.sh
bench_binary curl wrk sqlite3 python3
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

bench_tmp crm-bench-surveys

db="$tmp/crm.db"
start=$(date +%s.%N)
"$CRM_BIN" demo --database "sqlite:$db" --scale "$scale" >"$tmp/demo.txt"
"$CRM_BIN" survey-bench --database "sqlite:$db" --generate "$responses" >/dev/null
end=$(date +%s.%N)
printf 'data: %s people, %s cohorts, %s submitted responses, %s attendance rows (generated in %.1f s)\n' \
  "$(sqlite3 "$db" 'SELECT COUNT(*) FROM person')" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM cohort')" \
  "$(sqlite3 "$db" 'SELECT COUNT(*) FROM survey_response WHERE submitted_on IS NOT NULL')" \
  "$(sqlite3 "$db" 'SELECT COUNT(*) FROM attendance')" "$(echo "$end - $start" | bc -l)"

start_crm "sqlite:$db" "$tmp/crm.log"
cookie="$(sign_in "$base" staff "$tmp/jar" "$tmp/demo.txt")"

# timed NAME PATH: one request after another; prints status, mean and max
# ms, then wrk's figures.
timed() {
  time_requests "$1" "$base$2"
  run_wrk "$1" "$base$2" "$cookie"
  printf '%-12s %s (HTTP %s): %.0f ms per request (max %.0f ms of %d); wrk -c%d: %.1f req/s, p99 %s ms, %d bad\n' \
    "$1" "$2" "$code" "$mean_ms" "$max_ms" "$requests" "$conns" "$rps" "$p99" "$bad"
}

timed report "/reports/indicators"
cp "$tmp/report.out" "$tmp/report.html"
timed xlsx "/reports/indicators.xlsx"
echo "xlsx size: $(stat -c %s "$tmp/xlsx.out") bytes; page size: $(stat -c %s "$tmp/report.html") bytes"
survey=$(sqlite3 "$db" "SELECT id FROM survey WHERE kind = 'useful' ORDER BY id LIMIT 1")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/surveys/$survey/results?by=country")
if [[ "$code" == 200 ]]; then
  timed crosstab "/surveys/$survey/results?by=country"
else
  echo "crosstab     /surveys/$survey/results?by=country: HTTP $code (results pages not in this build)"
fi
echo "RSS of crm after the runs: $(awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$crm_pid/status") (peak $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$crm_pid/status"))"

report_rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk-report.txt")
start_nginx "$tmp/report.html"
run_wrk nginx "http://127.0.0.1:$nginx_port/" ""
awk -v c="${report_rps:-0}" -v n="$rps" -v np="$p99" 'BEGIN {
  printf "nginx, the report page static: %.0f req/s (p99 %s ms); crm/nginx ratio %.4f\n", n, np, (n > 0 ? c / n : 0) }'
