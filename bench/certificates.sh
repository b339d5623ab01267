#!/usr/bin/env bash
# Issuing 100 certificates (issue 10, §7): the demo at scale 4 with 100
# participants taking part in cohort 1 and its completion rules switched off
# (so all of them have completed), crm serve with one job runner, the demo
# staff (password + TOTP) asking for "issue for everyone complete"; the time
# from that request until the job is done (each certificate: its PDF made
# with cairo + pango, a QR code, one transaction with its audit entry).
# Prints figures only; asserts nothing. Target: < 10 s.
#
#   bench/certificates.sh                 build Release, then measure
#   CRM_BIN=path bench/certificates.sh    measure an existing binary (no build)
#   BENCH_CERTIFICATES=100                how many to issue (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."

want="${BENCH_CERTIFICATES:-100}"

source bench/lib.sh
bench_binary curl sqlite3 python3

bench_tmp crm-bench-certificates

db="$tmp/crm.db"
"$CRM_BIN" demo --database "sqlite:$db" --scale 4 >"$tmp/demo.txt"
cohort=$(sqlite3 "$db" 'SELECT id FROM cohort WHERE number = 1')
# Cohort 1 gets participants of the other cohorts until `want` take part;
# every completion rule off, and no certificate yet.
sqlite3 "$db" <<SQL
INSERT INTO enrolment (person_id, cohort_id, role, status, created_at)
  SELECT p.id, $cohort, 'participant', 'participant', 0 FROM person p
  WHERE p.id NOT IN (SELECT person_id FROM enrolment WHERE cohort_id = $cohort)
  ORDER BY p.id
  LIMIT MAX(0, $want - (SELECT COUNT(DISTINCT person_id) FROM enrolment WHERE cohort_id = $cohort
                        AND role = 'participant' AND status IN ('admitted', 'participant', 'graduate')));
INSERT INTO completion_rule (cohort_id, attendance_enabled, modules_enabled, paper_enabled, updated_at)
  VALUES ($cohort, 0, 0, 0, 0)
  ON CONFLICT (cohort_id) DO UPDATE SET attendance_enabled = 0, modules_enabled = 0, paper_enabled = 0;
DELETE FROM certificate WHERE cohort_id = $cohort;
SQL
taking_part=$(sqlite3 "$db" "SELECT COUNT(DISTINCT person_id) FROM enrolment WHERE cohort_id = $cohort AND role = 'participant' AND status IN ('admitted', 'participant', 'graduate')")

start_crm "sqlite:$db" "$tmp/crm.log" --job-workers 1

jar="$tmp/jar"
sign_in "$base" staff "$jar" "$tmp/demo.txt" >/dev/null
curl -s -b "$jar" -c "$jar" -o "$tmp/page.html" "$base/cohorts/$cohort/certificates"
grep -q 'name="all"' "$tmp/page.html" || { echo "bench: the certificates page offers no bulk issue" >&2; exit 1; }

start=$(date +%s.%N)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "all=yes" \
  --data-urlencode "csrf=$(csrf_of "$tmp/page.html")" "$base/cohorts/$cohort/certificates"
state=""
for ((i = 0; i < 6000; i++)); do
  state=$(sqlite3 "$db" "SELECT state FROM job WHERE kind = 'certificates.issue' ORDER BY id DESC LIMIT 1" 2>/dev/null || true)
  [[ "$state" == done || "$state" == failed ]] && break
  sleep 0.05
done
end=$(date +%s.%N)
issued=$(sqlite3 "$db" "SELECT COUNT(*) FROM certificate WHERE cohort_id = $cohort AND revoked_at IS NULL")
bytes=$(sqlite3 "$db" "SELECT COALESCE(AVG(LENGTH(CAST(pdf AS BLOB))), 0) FROM certificate WHERE cohort_id = $cohort")
awk -v a="$start" -v b="$end" -v n="$issued" -v t="$taking_part" -v s="$state" -v kb="$bytes" 'BEGIN {
  d = b - a
  printf "certificates: %d of %d issued by the job (%s) in %.2f s: %.0f ms each, PDF %.1f KB on average (target: 100 in < 10 s)\n",
    n, t, s, d, (n > 0 ? 1000 * d / n : 0), kb / 1024
}'
