#!/usr/bin/env bash
# The pages an applicant meets (issue 13): the list of open calls, the public
# page of the demo's open call (both without an account) and the first page
# of the application form (as the demo applicant, whose draft it is), each
# with wrk against nginx serving a static copy of the same page, and the
# weight of each page as it is and as a browser receives it (gzip, which
# crm compresses with libdeflate).
# Prints figures only; asserts nothing.
#
#   bench/admissions.sh                 build Release, then measure
#   CRM_BIN=path bench/admissions.sh    measure an existing binary (no build)
#   BENCH_SECONDS=10 BENCH_CONNECTIONS=64
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BENCH_SECONDS:-10}"
conns="${BENCH_CONNECTIONS:-64}"

source bench/lib.sh
bench_binary curl sqlite3 wrk
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

bench_tmp crm-bench-admissions

db="$tmp/crm.db"
"$CRM_BIN" demo --database "sqlite:$db" >"$tmp/demo.txt"
call=$(sqlite3 "$db" "SELECT id FROM call WHERE status = 'published' ORDER BY closes_at DESC LIMIT 1")
[[ -n "$call" ]] || { echo "bench: the demo has no open call" >&2; exit 1; }
application=$(sqlite3 "$db" "SELECT a.id FROM application a JOIN person p ON p.id = a.person_id
  JOIN account ac ON ac.id = p.account_id WHERE ac.email = 'applicant@demo.crm.example' AND a.call_id = $call")

start_crm "sqlite:$db" "$tmp/crm.log"
cookie="$(sign_in "$base" applicant "$tmp/jar" "$tmp/demo.txt")"

pages=("/calls" "/calls/$call")
[[ -n "$application" ]] && pages+=("/applications/$application/page/1")

printf '%-34s %6s %9s %9s %10s %8s %9s\n' page status bytes gzip req/s "p99 ms" "vs nginx"
for path in "${pages[@]}"; do
  cookie_for=""
  [[ "$path" == /applications/* ]] && cookie_for="$cookie"
  header=()
  [[ -n "$cookie_for" ]] && header=(-H "Cookie: $cookie_for")
  status=$(curl -s -o "$tmp/page.html" -w '%{http_code}' "${header[@]}" "$base$path")
  plain=$(stat -c %s "$tmp/page.html")
  gz=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "${header[@]}" "$base$path")
  start_nginx "$tmp/page.html"
  run_wrk nginx "http://127.0.0.1:$nginx_port/" ""
  nginx_rps="$rps"
  kill "${pids[-1]}" 2>/dev/null || true
  wait "${pids[-1]}" 2>/dev/null || true
  unset 'pids[-1]'
  run_wrk crm "$base$path" "$cookie_for"
  printf '%-34s %6s %9s %9s %10.0f %8.2f %8.0f%% %s\n' "$path" "$status" "$plain" "$gz" "$rps" "$p99" \
    "$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { print (b > 0 ? 100 * a / b : 0) }')" \
    "$( ((bad > 0)) && echo "($bad errors)" || true)"
done
printf 'crm RSS: %.1f MB\n' "$(awk '/^VmRSS:/ {print $2 / 1024}' "/proc/$crm_pid/status")"
cat <<'NOTE'

reference: nginx serving the same bytes as a static file, same connections, same machine.
target: a page < 50 KB compressed on first load (DESIGN.md).
NOTE
