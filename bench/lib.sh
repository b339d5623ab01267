# Shared by the bench/ scripts (sourced, not run): the crm binary to measure,
# a private temporary directory with the processes to stop on exit, free
# ports, waiting for a server, the csrf value of a form, signing in as a demo
# account (with its second factor), timed requests and wrk runs read into
# figures, and nginx
# serving one static file as the reference. REQUIRES: set -euo pipefail in the
# caller; nginx_bin set before start_nginx; conns and seconds before run_wrk.

# bench_binary TOOL...: sets CRM_BIN (a Release build unless CRM_BIN was given)
# and stops when one of the tools the script needs is missing.
bench_binary() {
  if [[ -z "${CRM_BIN:-}" ]]; then
    scripts/setup --bench
    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRM_TESTS=OFF >/dev/null
    cmake --build build/release
    CRM_BIN=build/release/crm
  fi
  CRM_BIN="$(realpath "$CRM_BIN")"
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/setup --bench)" >&2; exit 1; }
  done
}

# bench_tmp PREFIX: sets tmp (removed on exit) and pids (killed on exit).
bench_tmp() {
  tmp="$(mktemp -d "/tmp/$1.XXXXXX")"
  chmod 755 "$tmp" # nginx workers run as an unprivileged user and must read www/
  pids=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL PID: until URL answers (any status), or PID dies, or 30 s pass.
wait_http() {
  local url="$1" pid="$2" i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -s -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.1
  done
  return 1
}

# start_crm DB LOG [serve options]: `crm serve` on DB (sqlite:PATH or a URL)
# at a free local port, waits until it answers; sets base, crm_pid and adds
# it to pids. Stops the script with the log's tail when it does not start.
start_crm() {
  local db="$1" log="$2" port
  shift 2
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  "$CRM_BIN" serve --listen "127.0.0.1:$port" --database "$db" --base-url "$base" "$@" >"$log" 2>&1 &
  crm_pid=$!
  pids+=("$crm_pid")
  wait_http "$base/healthz" "$crm_pid" || { echo "bench: crm did not start" >&2; tail "$log" >&2; exit 1; }
}

# csrf_of FILE: the value of the hidden csrf input, whatever the attribute order.
csrf_of() {
  grep -o '<input[^>]*name="csrf"[^>]*>' "$1" | head -n 1 | grep -o 'value="[^"]*"' | cut -d'"' -f2
}

# start_nginx FILE: nginx (2 workers, like crm's 2 I/O threads) answering every
# request with a copy of FILE; sets nginx_port and adds nginx to pids.
start_nginx() {
  mkdir -p "$tmp/www" "$tmp/nginx"
  chmod 755 "$tmp/www"
  cp "$1" "$tmp/www/page.html"
  chmod 644 "$tmp/www/page.html"
  nginx_port="$(free_port)"
  local temp_paths nginx_v
  temp_paths="client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;"
  # Only flavours built with these modules accept their temp path directives.
  nginx_v="$("$nginx_bin" -V 2>&1)"
  [[ "$nginx_v" == *without-http_uwsgi_module* ]] || temp_paths+=" uwsgi_temp_path $tmp/nginx/uwsgi;"
  [[ "$nginx_v" == *without-http_scgi_module* ]] || temp_paths+=" scgi_temp_path $tmp/nginx/scgi;"
  cat >"$tmp/nginx.conf" <<CONF
daemon off;
worker_processes 2;
worker_rlimit_nofile 65536;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  $temp_paths
  default_type text/html;
  server { listen 127.0.0.1:$nginx_port; root $tmp/www; location / { try_files /page.html =404; } }
}
CONF
  "$nginx_bin" -p "$tmp/nginx" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
  pids+=($!)
  if ! wait_http "http://127.0.0.1:$nginx_port/" "${pids[-1]}"; then
    echo "bench: nginx did not start:" >&2
    cat "$tmp/nginx-error.log" >&2 || true
    exit 1
  fi
}

totp() { # SECRET: the current RFC 6238 code
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]
key = base64.b32decode(s + "=" * (-len(s) % 8))
h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

# cookie_of JAR: curl's cookie jar as a Cookie header value.
cookie_of() { sed -n 's/^#HttpOnly_//; /^#/d; /^$/d; p' "$1" | awk -F'\t' '{printf "%s%s=%s", sep, $6, $7; sep="; "}'; }

# sign_in BASE ROLE JAR DEMO_OUTPUT: signs in as the demo account of ROLE
# (password, then the second factor when it has one) and switches it to
# English, so the figures read the same whatever its language; prints its cookie.
sign_in() {
  local base="$1" role="$2" jar="$3" email password secret
  read -r email password secret < <(awk -v r="$role" '$1 == "demo-account" && $2 == r {print $3, $4, $5}' "$4")
  curl -s -c "$jar" -o "$tmp/login.html" "$base/login"
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$email" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$(csrf_of "$tmp/login.html")" "$base/login"
  if [[ -n "$secret" ]]; then
    curl -s -b "$jar" -c "$jar" -o "$tmp/2fa.html" "$base/login/2fa"
    curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "code=$(totp "$secret")" \
      --data-urlencode "csrf=$(csrf_of "$tmp/2fa.html")" "$base/login/2fa"
  fi
  curl -s -b "$jar" -c "$jar" -o "$tmp/home.html" "$base/"
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "language=en" --data-urlencode "next=/" \
    --data-urlencode "csrf=$(csrf_of "$tmp/home.html")" "$base/language"
  cookie_of "$jar"
}

# time_requests NAME URL: the first answer is kept in $tmp/NAME.out, then
# $requests requests one after another. Sets code, bytes, gz_bytes (the
# answer as a browser asking for gzip gets it), mean_ms and max_ms. Sends
# $cookie when it is set.
time_requests() {
  local name="$1" url="$2" i t total=0 max=0 header=()
  [[ -n "${cookie:-}" ]] && header=(-H "Cookie: $cookie")
  code=$(curl -s -o "$tmp/$name.out" -w '%{http_code}' "${header[@]}" "$url")
  bytes=$(stat -c %s "$tmp/$name.out")
  gz_bytes=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "${header[@]}" "$url")
  for ((i = 0; i < requests; i++)); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "${header[@]}" "$url")
    total=$(echo "$total + $t" | bc -l)
    max=$(echo "if ($t > $max) $t else $max" | bc -l)
  done
  mean_ms=$(echo "1000 * $total / $requests" | bc -l)
  max_ms=$(echo "1000 * $max" | bc -l)
}

# run_wrk NAME URL COOKIE: sets rps, p99 (ms), bad (non-2xx/3xx + socket
# errors); no Cookie header when COOKIE is empty.
run_wrk() {
  local out="$tmp/wrk-$1.txt" header=()
  [[ -n "$3" ]] && header=(-H "Cookie: $3")
  wrk -t2 -c"$conns" -d"${seconds}s" --latency "${header[@]}" "$2" >"$out" 2>&1 || true
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
