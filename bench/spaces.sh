#!/usr/bin/env bash
# The learning and exchange spaces at scale (issue 14): the demo at scale 100
# (`crm demo --scale 100`), then `crm spaces-bench --generate`: an account for
# every participant of the programme, three threads of four posts in every
# cohort space, and in the demo participant's own cohort space
# BENCH_THREADS more threads and one thread of BENCH_REPLIES replies — every
# post through the notification recording a real post goes through. Waits
# until the server's job runners have sent the mails due at once, then,
# signed in as the demo participant, measures:
#   - the long thread's first and last page (50 posts a page), the space's
#     thread list and the list of spaces: time of one request (mean and max
#     of BENCH_REQUESTS sequential curls), then wrk (req/s, p99), the page's
#     weight as sent (gzip) and raw;
#   - the price of the header's unread count, which every page pays: the
#     account page with thousands of unread notifications, then the same page
#     once they are read;
#   - a Monday's 24 hourly digest runs for everyone (`--digest`), in-process;
#   - the server's RSS afterwards, and the thread page against nginx serving
#     a static copy of it (ratio).
# Prints figures only; asserts nothing.
#
#   bench/spaces.sh                 build Release, then measure
#   CRM_BIN=path bench/spaces.sh    measure an existing binary (no build)
#   BENCH_SCALE=100 BENCH_REPLIES=500 BENCH_THREADS=300 BENCH_REQUESTS=10
#   BENCH_SECONDS=5 BENCH_CONNS=4
set -euo pipefail
cd "$(dirname "$0")/.."

scale="${BENCH_SCALE:-100}"
replies="${BENCH_REPLIES:-500}"
threads="${BENCH_THREADS:-300}"
requests="${BENCH_REQUESTS:-10}"
seconds="${BENCH_SECONDS:-5}"
conns="${BENCH_CONNS:-4}"

source bench/lib.sh
bench_binary curl wrk sqlite3 python3 bc
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

bench_tmp crm-bench-spaces

db="$tmp/crm.db"
start=$(date +%s.%N)
"$CRM_BIN" demo --database "sqlite:$db" --scale "$scale" >"$tmp/demo.txt"
reader="$(awk '$1 == "demo-account" && $2 == "participant" {print $3; exit}' "$tmp/demo.txt")"
read -r _ accounts _ spaces _ posts _ notifications _ space _ thread < <(
  "$CRM_BIN" spaces-bench --database "sqlite:$db" --generate "$reader" --replies "$replies" \
    --threads "$threads")
end=$(date +%s.%N)
printf 'data: %s people, %s cohort spaces with talk, %s accounts made, %s posts, %s notifications (generated in %.1f s)\n' \
  "$(sqlite3 "$db" 'SELECT COUNT(*) FROM person')" "$spaces" "$accounts" "$posts" "$notifications" \
  "$(echo "$end - $start" | bc -l)"

start_crm "sqlite:$db" "$tmp/crm.log"
# Every generated post queued its "spaces.notify" job, as real posting does:
# the server's job runners send that day's mentions and replies first, and
# the pages are measured once they are done (the time it took is a figure too).
start=$(date +%s.%N)
jobs=$(sqlite3 "$db" "SELECT COUNT(*) FROM job WHERE kind = 'spaces.notify'")
for ((i = 0; i < 3000; i++)); do
  left=$(sqlite3 "$db" "SELECT COUNT(*) FROM job WHERE kind = 'spaces.notify' AND state IN ('queued', 'running')" 2>/dev/null || echo busy)
  [[ "$left" == 0 ]] && break
  sleep 0.2
done
end=$(date +%s.%N)
printf 'mail jobs: %s "spaces.notify" jobs (one per post) done by the server in %.1f s, %s left; %s mails queued\n' \
  "$jobs" "$(echo "$end - $start" | bc -l)" "$left" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM mail_outbox')"
cookie="$(sign_in "$base" participant "$tmp/jar" "$tmp/demo.txt")"
unread=$(sqlite3 "$db" "SELECT COUNT(*) FROM notification n JOIN account a ON a.id = n.account_id WHERE a.email = '$reader' AND n.read_at IS NULL")

# timed NAME PATH: sequential requests, then wrk; one line of figures.
timed() {
  time_requests "$1" "$base$2"
  run_wrk "$1" "$base$2" "$cookie"
  printf '%-10s %-28s HTTP %s, %6d B raw, %5d B gzip: %6.1f ms per request (max %.1f of %d); wrk -c%d: %7.1f req/s, p99 %s ms, %d bad\n' \
    "$1" "$2" "$code" "$bytes" "$gz_bytes" "$mean_ms" "$max_ms" "$requests" "$conns" "$rps" "$p99" "$bad"
}

last_page=$(( (replies + 1 + 49) / 50 ))
timed thread "/threads/$thread"
cp "$tmp/thread.out" "$tmp/thread.html"
thread_rps="$rps"
timed last "/threads/$thread?page=$last_page"
timed space "/spaces/$space"
timed spaces "/spaces"

# The header's count: the same page with the reader's notifications unread,
# then read.
timed unread "/account"
grep -o 'Notifications ([0-9+]*)' "$tmp/unread.out" | head -n 1 | sed "s/^/  header says: /; s/$/ of $unread unread/"
unread_rps="$rps"
curl -s -H "Cookie: $cookie" -o "$tmp/notifications.html" "$base/notifications"
curl -s -H "Cookie: $cookie" -o /dev/null --data-urlencode "csrf=$(csrf_of "$tmp/notifications.html")" \
  "$base/notifications/read"
timed read "/account"
awk -v u="$unread_rps" -v r="$rps" 'BEGIN {
  printf "header count: the account page with the notifications unread runs at %.3f of its speed once they are read\n", (r > 0 ? u / r : 0) }'

echo "RSS of crm after the runs: $(awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$crm_pid/status") (peak $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$crm_pid/status"))"

# A Monday's digests, every hour's run in turn (the server is idle meanwhile).
read -r _ mails _ total_ms _ slowest_ms _ digest_rss < <("$CRM_BIN" spaces-bench --database "sqlite:$db" --digest)
echo "digests: $mails mails for $(sqlite3 "$db" "SELECT COUNT(DISTINCT account_id) FROM notification") accounts with notifications in 24 hourly runs: $total_ms ms in all, slowest hour $slowest_ms ms, peak RSS $digest_rss MB"

start_nginx "$tmp/thread.html"
run_wrk nginx "http://127.0.0.1:$nginx_port/" ""
awk -v c="${thread_rps:-0}" -v n="$rps" -v np="$p99" 'BEGIN {
  printf "nginx, the thread page static: %.0f req/s (p99 %s ms); crm/nginx ratio %.4f\n", n, np, (n > 0 ? c / n : 0) }'
