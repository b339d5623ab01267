#!/usr/bin/env bash
# HTTP load benchmark: crm's pages against nginx serving a static file of the same
# size, on this machine, with wrk. Prints figures only; asserts nothing.
#
#   bench/http.sh                 build Release, then measure
#   CRM_BIN=path bench/http.sh    measure an existing binary (no setup, no build)
#   BENCH_SECONDS=10              length of each wrk run (default 10)
#   BENCH_LOGIN_SECONDS=15        length of the login storm in phase 2 (default 15)
#
# Phase 1: wrk -c64 and -c512 against nginx, crm /login and crm / (logged in);
#          crm / once more at -c64 with Accept-Encoding: gzip (what browsers send).
# Phase 2: the dashboard's p99 at -c64, idle and while 50 clients keep logging in
#          (password hashing must not starve page rendering).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BENCH_SECONDS:-10}"
login_seconds="${BENCH_LOGIN_SECONDS:-15}"

if [[ -z "${CRM_BIN:-}" ]]; then
  scripts/setup --bench
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRM_TESTS=OFF >/dev/null
  cmake --build build/release
  CRM_BIN=build/release/crm
fi
command -v wrk >/dev/null || { echo "bench: wrk missing (scripts/setup --bench)" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# 512 connections need more than the usual 1024 descriptors across wrk, crm and nginx.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

source bench/lib.sh
bench_tmp crm-bench

# --- crm ------------------------------------------------------------------------
crm_port="$(free_port)"
crm="http://127.0.0.1:$crm_port"
db="sqlite:$tmp/crm.db"
"$CRM_BIN" migrate --database "$db" >/dev/null
"$CRM_BIN" demo --database "$db" >"$tmp/demo.txt"
"$CRM_BIN" serve --listen "127.0.0.1:$crm_port" --database "$db" --base-url "$crm" \
  >"$tmp/crm.log" 2>&1 &
crm_pid=$!
pids+=("$crm_pid")
if ! wait_http "$crm/healthz" "$crm_pid"; then
  echo "bench: crm did not start:" >&2
  tail -n 20 "$tmp/crm.log" >&2
  exit 1
fi

# --- nginx with a static copy of crm's /login ------------------------------------
curl -sf -o "$tmp/login.html" "$crm/login"
page_bytes="$(stat -c %s "$tmp/login.html")"
start_nginx "$tmp/login.html"

# --- log in (an account without 2FA: participant first) --------------------------
account=""
for role in participant $(awk '$1 == "demo-account" && NF == 4 {print $2}' "$tmp/demo.txt"); do
  account="$(awk -v r="$role" '$1 == "demo-account" && $2 == r && NF == 4 {print $3, $4; exit}' "$tmp/demo.txt")"
  [[ -n "$account" ]] && break
done


# login EMAIL PASSWORD JAR: GET /login (crm_csrf cookie + token), POST /login.
# Prints the HTTP status of the POST.
login() {
  local email="$1" password="$2" jar="$3" page="$3.html"
  curl -s -c "$jar" -o "$page" "$crm/login" || { printf 000; return; }
  curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "email=$email" --data-urlencode "password=$password" \
    --data-urlencode "csrf=$(csrf_of "$page")" "$crm/login" || true # curl prints 000 itself
}

cookie=""
if [[ -n "$account" ]]; then
  read -r email password <<<"$account"
  status="$(login "$email" "$password" "$tmp/jar")"
  # "name=value; ..." from the cookie jar (HttpOnly cookies are prefixed #HttpOnly_).
  cookie="$(sed -n 's/^#HttpOnly_//; /^#/d; /^$/d; p' "$tmp/jar" | awk -F'\t' '{printf "%s%s=%s", sep, $6, $7; sep="; "}')"
  home="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$crm/")"
  if [[ "$home" != 200 ]]; then
    echo "bench: login as $email answered $status, then / answered $home: no dashboard figures" >&2
    cookie=""
  fi
else
  echo "bench: no demo account without 2FA: no dashboard figures" >&2
fi

# --- measuring ---------------------------------------------------------------------
# run_wrk NAME CONNECTIONS URL [wrk options]: sets rps, p99 (ms) and bad = errors
# (non-2xx/3xx responses + socket errors, timeouts included).
run_wrk() {
  local conns="$2" url="$3" out="$tmp/wrk-$1-$2.txt"
  shift 3
  wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@" "$url" >"$out" 2>&1 || true
  read -r rps p99 bad < <(awk '
    function ms(v) {
      if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0
      if (v ~ /m$/) return v * 60000;  if (v ~ /s$/) return v * 1000; return v
    }
    /^ *99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad += $NF }
    /Socket errors:/ { for (i = 4; i <= NF; i += 2) bad += $i }
    END { printf "%s %s %d\n", (rps == "" ? 0 : rps), (p99 == "" ? "nan" : p99), bad }' "$out")
}

declare -A nginx_rps
rows=()
add_row() { # NAME CONNECTIONS
  local ratio="-"
  if [[ -n "${nginx_rps[$2]:-}" ]]; then
    ratio="$(awk -v a="$rps" -v b="${nginx_rps[$2]}" 'BEGIN { printf (b > 0 ? "%.0f %%" : "-"), 100 * a / b }')"
  fi
  rows+=("$(printf '%-22s %6s %12.0f %10.2f %9s %9s' "$1" "$2" "$rps" "$p99" "$ratio" "$bad")")
}

echo "crm $crm (pid $crm_pid), nginx http://127.0.0.1:$nginx_port, page $page_bytes bytes, ${seconds}s per run"
for conns in 64 512; do
  echo "wrk -c$conns: nginx static"
  run_wrk nginx "$conns" "http://127.0.0.1:$nginx_port/login"
  nginx_rps[$conns]="$rps"
  add_row "nginx static file" "$conns"
  echo "wrk -c$conns: crm /login"
  run_wrk login "$conns" "$crm/login"
  add_row "crm /login" "$conns"
  if [[ -n "$cookie" ]]; then
    echo "wrk -c$conns: crm / (logged in)"
    run_wrk dashboard "$conns" "$crm/" -H "Cookie: $cookie"
    add_row "crm / (logged in)" "$conns"
  fi
done
# What compression costs under load: the dashboard as browsers ask for it.
if [[ -n "$cookie" ]]; then
  echo "wrk -c64: crm / (logged in, gzip)"
  run_wrk dashboard-gzip 64 "$crm/" -H "Cookie: $cookie" -H "Accept-Encoding: gzip, deflate, br"
  add_row "crm / (gzip)" 64
fi
rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$crm_pid/status" 2>/dev/null || echo 0)"

# Phase 2: dashboard idle, then under a storm of 50 concurrent logins.
idle_p99="" load_p99="" logins=0 login_statuses=""
if [[ -n "$cookie" ]]; then
  echo "wrk -c64: crm / idle"
  run_wrk idle 64 "$crm/" -H "Cookie: $cookie"
  idle_p99="$p99" idle_rps="$rps"

  echo "wrk -c64: crm / while 50 clients log in for ${login_seconds}s"
  mkdir -p "$tmp/storm"
  storm_end=$((SECONDS + login_seconds))
  storm_pids=()
  for ((i = 0; i < 50; i++)); do
    (
      # A fresh jar per attempt: a successful login may rotate the CSRF token.
      while ((SECONDS < storm_end)); do
        login "$email" "$password" "$tmp/storm/jar$i" >>"$tmp/storm/status$i"
        echo >>"$tmp/storm/status$i"
      done
    ) &
    storm_pids+=($!)
    pids+=($!)
  done
  sleep 2 # let the storm build up before measuring
  run_wrk load 64 "$crm/" -H "Cookie: $cookie"
  load_p99="$p99" load_rps="$rps" load_bad="$bad"
  for pid in "${storm_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  logins="$(cat "$tmp"/storm/status* | grep -c . || true)"
  login_statuses="$(cat "$tmp"/storm/status* | grep . | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}' || true)"
fi

# --- report --------------------------------------------------------------------------
echo
printf '%-22s %6s %12s %10s %9s %9s\n' target conns req/s "p99 ms" "vs nginx" "errors"
printf '%s\n' "${rows[@]}"
echo
printf 'crm RSS after phase 1: %.1f MB\n' "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')"
if [[ -n "$idle_p99" ]]; then
  printf 'dashboard -c64 p99: idle %.2f ms (%.0f req/s), under login load %.2f ms (%.0f req/s, %s errors) = %sx idle\n' \
    "$idle_p99" "$idle_rps" "$load_p99" "$load_rps" "$load_bad" \
    "$(awk -v a="$load_p99" -v b="$idle_p99" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }')"
  printf 'login storm: %d attempts in %ds (%.1f/s); statuses: %s\n' "$logins" "$login_seconds" \
    "$(awk -v n="$logins" -v s="$login_seconds" 'BEGIN { print n / s }')" "${login_statuses:-none}"
fi
cat <<'EOF'

targets: /login >= 70 % of nginx req/s, p99 < 5 ms at 64 connections;
         dashboard >= 60 % (>= 50 % at 512 connections, p99 < 20 ms), p99 < 5 ms at 64;
         RSS < 60 MB; dashboard p99 under login load < 2x idle
EOF
