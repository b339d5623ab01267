# Shared by the bench/ scripts (sourced, not run): a private temporary
# directory with the processes to stop on exit, free ports, waiting for a
# server, the csrf value of a form, and nginx serving one static file as the
# reference. REQUIRES: set -euo pipefail in the caller; nginx_bin set before
# start_nginx.

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
