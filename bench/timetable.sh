#!/usr/bin/env bash
# Scale benchmark of the timetables and calendar feeds (issue 10, §7): the demo
# at scale 1 and at scale 100, with wrk; nginx serving a static copy of the
# cohort timetable as the reference. Prints figures only; asserts nothing.
#
#   bench/timetable.sh                 build Release, then measure
#   CRM_BIN=path bench/timetable.sh    measure an existing binary (no build)
#   BENCH_SECONDS=10                   length of each wrk run (default 10)
#   BENCH_CONNECTIONS=64               wrk connections (default 64)
#   BENCH_SCALES="1 100"               the demo scales to compare (default "1 100")
#   BENCH_SESSIONS=40                  sessions per cohort added when the demo has none
#
# Pages:
#   cohort       /cohorts/ID/timetable (cohort 3, as the demo staff)
#   mine         /timetable (the demo participant)
#   cohort-feed  /calendar/TOKEN.ics of cohort 3 (no cookie, as a calendar app)
#   own-feed     /calendar/TOKEN.ics of the demo participant
# When the demo has no sessions (the curriculum's demo not loaded), every
# cohort gets BENCH_SESSIONS of them (a third on site in weeks, the rest
# online, one cancelled in ten, two lecturers each), so scale 100 holds 100x
# the sessions around the same cohort.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BENCH_SECONDS:-10}"
conns="${BENCH_CONNECTIONS:-64}"
scales="${BENCH_SCALES:-1 100}"
per_cohort="${BENCH_SESSIONS:-40}"

source bench/lib.sh
bench_binary wrk curl sqlite3 python3
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

bench_tmp crm-bench-timetable

# feed_path BASE JAR PAGE: makes a feed address on PAGE; prints its path.
feed_path() {
  curl -s -b "$2" -c "$2" -o "$tmp/feed-form.html" "$1$3"
  curl -s -b "$2" -c "$2" --data-urlencode "csrf=$(csrf_of "$tmp/feed-form.html")" "$1$3" |
    grep -o '/calendar/[A-Za-z0-9_-]\{43\}\.ics' | head -n 1
}

# Sessions for every cohort when the demo has none (see above).
add_sessions() {
  python3 - "$1" "$per_cohort" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
if db.execute("SELECT COUNT(*) FROM course_session").fetchone()[0]: sys.exit(0)
zones = ["Europe/Berlin", "Asia/Amman", "Asia/Baghdad", "Africa/Dakar", "Europe/Rome"]
places = ["Amman", "Berlin", "Dakar", "Tunis"]
now = int(time.time()) // 86400 * 86400
rows, lect = [], []
for (cohort,) in db.execute("SELECT id FROM cohort").fetchall():
    people = [p for (p,) in db.execute(
        "SELECT person_id FROM enrolment WHERE cohort_id = ? AND role = 'lecturer' LIMIT 2", (cohort,))]
    for i in range(n):
        day = now + (i - n // 3) * 3 * 86400
        on_site = i % 3 == 0
        start = day + 7 * 3600 + (i % 4) * 3600
        rows.append((cohort, f"Session {i + 1}", "on_site" if on_site else "online", start, start + 3 * 3600,
                     zones[(cohort + i) % len(zones)], places[cohort % len(places)] if on_site else "",
                     "Hall 1" if on_site else "", "" if on_site else "https://meet.example.org/s",
                     "cancelled" if i % 10 == 9 else "scheduled", "Holiday" if i % 10 == 9 else "",
                     f"bench-{cohort}-{i}@crm", i % 3, now, now, people))
for r in rows:
    cur = db.execute("INSERT INTO course_session (cohort_id, title, kind, starts_at, ends_at, time_zone, place, "
                     "room, meeting_url, status, cancel_reason, uid, sequence, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r[:-1])
    for p in r[-1]:
        lect.append((cur.lastrowid, p))
db.executemany("INSERT INTO session_lecturer (session_id, person_id) VALUES (?, ?)", lect)
db.commit()
PY
}

declare -A RPS P99 BAD STATUS BYTES
pages=(cohort mine cohort-feed own-feed)

for scale in $scales; do
  db="$tmp/scale$scale.db"
  "$CRM_BIN" demo --database "sqlite:$db" --scale "$scale" >"$tmp/demo$scale.txt"
  add_sessions "$db"
  echo "scale $scale: $(sqlite3 "$db" 'SELECT COUNT(*) FROM cohort') cohorts," \
    "$(sqlite3 "$db" 'SELECT COUNT(*) FROM course_session') sessions, $(sqlite3 "$db" 'SELECT COUNT(*) FROM person') people"

  start_crm "sqlite:$db" "$tmp/crm$scale.log"
  pid="$crm_pid"

  staff="$(sign_in "$base" staff "$tmp/staff$scale" "$tmp/demo$scale.txt")"
  participant="$(sign_in "$base" participant "$tmp/part$scale" "$tmp/demo$scale.txt")"
  cohort=$(sqlite3 "$db" 'SELECT id FROM cohort WHERE number = 3')
  cohort_feed="$(feed_path "$base" "$tmp/staff$scale" "/cohorts/$cohort/calendar")"
  own_feed="$(feed_path "$base" "$tmp/part$scale" "/calendar")"
  declare -A urls=([cohort]="$base/cohorts/$cohort/timetable" [mine]="$base/timetable"
    [cohort-feed]="$base$cohort_feed" [own-feed]="$base$own_feed")
  declare -A cookies=([cohort]="$staff" [mine]="$participant" [cohort-feed]="" [own-feed]="")
  for page in "${pages[@]}"; do
    header=()
    [[ -n "${cookies[$page]}" ]] && header=(-H "Cookie: ${cookies[$page]}")
    read -r code bytes < <(curl -s "${header[@]}" -o "$tmp/$page$scale.out" -w '%{http_code} %{size_download}\n' "${urls[$page]}")
    STATUS[$page,$scale]=$code BYTES[$page,$scale]=$bytes
    echo "  wrk -c$conns ${urls[$page]#$base} (HTTP $code, $bytes bytes)"
    run_wrk "$page$scale" "${urls[$page]}" "${cookies[$page]}"
    RPS[$page,$scale]=$rps P99[$page,$scale]=$p99 BAD[$page,$scale]=$bad
  done
  cp "$tmp/cohort$scale.out" "$tmp/reference.html"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done

# --- nginx reference -----------------------------------------------------------------
start_nginx "$tmp/reference.html"
echo "  wrk -c$conns nginx static copy of the cohort timetable ($(stat -c %s "$tmp/www/page.html") bytes)"
run_wrk nginx "http://127.0.0.1:$nginx_port/" ""
nginx_rps=$rps nginx_p99=$p99

# --- report ----------------------------------------------------------------------------
first="${scales%% *}" last="${scales##* }"
echo
printf '%-12s %6s' page status
for s in $scales; do printf ' %14s %11s' "req/s x$s" "p99 ms x$s"; done
printf ' %14s %9s %7s\n' "cost x$last/x$first" "vs nginx" errors
for page in "${pages[@]}"; do
  printf '%-12s %6s' "$page" "${STATUS[$page,$last]}"
  errors=0
  for s in $scales; do
    printf ' %14.0f %11.2f' "${RPS[$page,$s]}" "${P99[$page,$s]}"
    errors=$((errors + BAD[$page,$s]))
  done
  printf ' %14s %9s %7s\n' \
    "$(awk -v a="${RPS[$page,$first]}" -v b="${RPS[$page,$last]}" 'BEGIN { printf (b > 0 ? "%.2fx" : "-"), a / b }')" \
    "$(awk -v a="${RPS[$page,$last]}" -v b="$nginx_rps" 'BEGIN { printf (b > 0 ? "%.0f %%" : "-"), 100 * a / b }')" \
    "$errors"
done
printf '%-12s %6s %14.0f %11.2f\n' nginx 200 "$nginx_rps" "$nginx_p99"
