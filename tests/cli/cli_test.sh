#!/usr/bin/env bash
# The crm command line as an administrator uses it: help, settings from the
# command line, the environment and a config file, migrate, demo,
# create-admin (good and bad input), backup and restore, and serve stopping
# cleanly on SIGTERM. Usage: tests/cli/cli_test.sh PATH-TO-crm
set -uo pipefail
crm="$(realpath "$1")"
dir="$(mktemp -d /tmp/crm-cli-test.XXXXXX)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir" || exit 1

passed=0
failed=0
check() {  # check NAME COMMAND…: the command must succeed
  local name="$1"
  shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name"
  fi
}
refuse() {  # refuse NAME COMMAND…: the command must fail
  local name="$1"
  shift
  if "$@" >/dev/null 2>&1; then
    failed=$((failed + 1))
    echo "FAIL $name (should have failed)"
  else
    passed=$((passed + 1))
  fi
}
count() { sqlite3 "$1" "$2"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

db="$dir/crm.db"
check "help" "$crm" --help
check "serve --help lists the settings" bash -c "'$crm' serve --help | grep -q -- '--listen'"
check "serve --help lists --server-timing" bash -c "'$crm' serve --help | grep -q -- '--server-timing'"
refuse "no command" "$crm"
refuse "unknown command" "$crm" frobnicate
refuse "unknown setting" "$crm" migrate --database "sqlite:$db" --no-such-setting 1
refuse "bad value" "$crm" serve --database "sqlite:$db" --workers lots

check "migrate" "$crm" migrate --database "sqlite:$db"
check "migrate is idempotent" bash -c "'$crm' migrate --database 'sqlite:$db' | grep -q 'applied 0'"
"$crm" demo --database "sqlite:$db" >demo.txt 2>&1
check "demo prints one line per account" bash -c "[[ \$(grep -c '^demo-account ' demo.txt) == 7 ]]"
check "demo admin has a TOTP secret" grep -qE '^demo-account admin [^ ]+ [^ ]+ [A-Z2-7]{32}$' demo.txt
check "demo participant has none" grep -qE '^demo-account participant [^ ]+ [^ ]+$' demo.txt
check "demo twice keeps seven accounts" bash -c "'$crm' demo --database 'sqlite:$db' >/dev/null && [[ \$(sqlite3 '$db' 'SELECT COUNT(*) FROM account') == 7 ]]"
scaled="$dir/scaled.db"
check "demo --scale 2" "$crm" demo --database "sqlite:$scaled" --scale 2
check "scale 2 has 8 cohorts" bash -c "[[ \$(sqlite3 '$scaled' 'SELECT COUNT(*) FROM cohort') == 8 ]]"
check "scale 2 has twice the participants" bash -c "[[ \$(sqlite3 '$scaled' \"SELECT COUNT(*) FROM enrolment WHERE role = 'participant'\") == \$((2 * \$(sqlite3 '$db' \"SELECT COUNT(*) FROM enrolment WHERE role = 'participant'\"))) ]]"
# Applicants to the calls are people too; the scale counts the programme's
# own (those enrolled applied as well).
check "scale 2 has about 220 people besides the other applicants" bash -c "n=\$(sqlite3 '$scaled' 'SELECT COUNT(*) FROM person WHERE id IN (SELECT person_id FROM enrolment) OR id NOT IN (SELECT person_id FROM application)'); (( n > 200 && n < 240 ))"
check "scale 2 keeps the demo accounts linked" bash -c "[[ \$(sqlite3 '$scaled' 'SELECT COUNT(*) FROM person WHERE account_id IS NOT NULL') == 5 ]]"
check "demo --help documents --scale" bash -c "'$crm' demo --help | grep -q -- '--scale N'"
for bad in 0 x -3 1001 ''; do
  "$crm" demo --database "sqlite:$dir/bad-scale.db" --scale "$bad" >/dev/null 2>"$dir/bad-scale.err"
  code=$?
  check "demo --scale '$bad' exits with 2" test "$code" = 2
  check "demo --scale '$bad' says why" grep -q -- '--scale must be a whole number from 1 to 1000' "$dir/bad-scale.err"
  check "demo --scale '$bad' writes nothing" test ! -e "$dir/bad-scale.db"
done
"$crm" demo --database "sqlite:$dir/bad-scale.db" --scale >/dev/null 2>&1
check "demo --scale without a value exits with 2" test $? = 2

check "create-admin" env CRM_ADMIN_PASSWORD='a long enough password' \
  "$crm" create-admin --database "sqlite:$db" --email Root@Example.org --name "Root Admin"
check "admin stored lower-cased with role admin" \
  bash -c "[[ \$(sqlite3 '$db' \"SELECT role FROM account WHERE email = 'root@example.org'\") == admin ]]"
check "create-admin is audited" \
  bash -c "[[ \$(sqlite3 '$db' \"SELECT COUNT(*) FROM audit_log WHERE action = 'account.create'\") -ge 7 ]]"
before=$(count "$db" "SELECT COUNT(*) FROM account")
refuse "create-admin twice" env CRM_ADMIN_PASSWORD='a long enough password' \
  "$crm" create-admin --database "sqlite:$db" --email root@example.org --name "Again"
refuse "create-admin short password" env CRM_ADMIN_PASSWORD='short' \
  "$crm" create-admin --database "sqlite:$db" --email other@example.org --name "Other"
refuse "create-admin bad email" env CRM_ADMIN_PASSWORD='a long enough password' \
  "$crm" create-admin --database "sqlite:$db" --email not-an-address --name "Other"
check "refused admins changed nothing" bash -c "[[ \$(sqlite3 '$db' 'SELECT COUNT(*) FROM account') == $before ]]"
check "create-admin reads the password from standard input" \
  bash -c "echo 'another long password' | '$crm' create-admin --database 'sqlite:$db' --email stdin@example.org --name Stdin"

check "backup" "$crm" backup "$dir/copy.db" --database "sqlite:$db"
check "backup holds the same accounts" \
  bash -c "[[ \$(sqlite3 '$dir/copy.db' 'SELECT group_concat(email) FROM (SELECT email FROM account ORDER BY id)') == \$(sqlite3 '$db' 'SELECT group_concat(email) FROM (SELECT email FROM account ORDER BY id)') ]]"
check "backup passes the integrity check" bash -c "[[ \$(sqlite3 '$dir/copy.db' 'PRAGMA integrity_check') == ok ]]"
refuse "backup of PostgreSQL points to pg_dump" "$crm" backup "$dir/x.db" --database postgresql://nobody@127.0.0.1:1/none
check "the pg_dump hint is shown" bash -c "'$crm' backup '$dir/x.db' --database postgresql://nobody@127.0.0.1:1/none 2>&1 | grep -q pg_dump"

# serve from the restored copy, with settings from a config file and the environment
port="$(free_port)"
printf '# crm settings\ndatabase = sqlite:%s\nlisten = 127.0.0.1:1\nlog = quiet\n' "$dir/copy.db" >crm.conf
CRM_LISTEN="127.0.0.1:$port" "$crm" serve --config crm.conf >serve.out 2>serve.err &
server_pid=$!
up=0
for _ in $(seq 100); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.1
done
check "serve uses the environment over the config file" test "$up" = 1
check "serve prints its address" grep -q "http://127.0.0.1:$port" serve.out
check "the restored copy serves the login page" bash -c "curl -fs http://127.0.0.1:$port/login | grep -q 'name=\"csrf\"'"
kill -TERM "$server_pid"
wait "$server_pid"
rc=$?
server_pid=""
check "serve exits 0 on SIGTERM" test "$rc" = 0

# Fewer open files allowed than --max-connections needs: crm lowers its
# connection limit (and says so) rather than leave clients waiting unanswered.
port="$(free_port)"
(ulimit -n 256 && exec "$crm" serve --database "sqlite:$dir/copy.db" --listen "127.0.0.1:$port" \
   --max-connections 10000) >fd.out 2>fd.err &
server_pid=$!
up=0
for _ in $(seq 100); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.1
done
check "serve runs with a small open-files limit" test "$up" = 1
check "serve lowers --max-connections below the open-files limit" \
  grep -qE 'event=max_connections_lowered from=10000 to=[0-9]+ open_files_limit=256' fd.out fd.err
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=""

echo "$passed passed, $failed failed"
((failed == 0))
