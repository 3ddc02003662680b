#!/usr/bin/env bash
# Checks docs/deploy/nginx.conf for real: nginx -t, then two instances (npm start) on one fresh PostgreSQL database
# behind it; health, sign-in and a filed report through nginx, the same-origin check with the proxy's Host, and an
# SSE client on one instance seeing a report filed through the other. Needs nginx (apt-get install nginx-light) and
# PostgreSQL (DATABASE_BASE, default postgres://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${DATABASE_BASE:-postgres://postgres@127.0.0.1:5432}"
DB=anjian_nginx_check
CONF="$(pwd)/docs/deploy/nginx.conf"
pids=()
cleanup() {
  nginx -c "$CONF" -s stop 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

nginx -t -c "$CONF"
psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export DATABASE_URL="$BASE/$DB" LOG_LEVEL=warn
# The first instance migrates and seeds; the second starts on the ready database.
PORT=3101 npm start >/tmp/anjian-nginx-1.log 2>&1 & pids+=($!)
for _ in $(seq 1 180); do curl -sf localhost:3101/api/health >/dev/null && break; sleep 1; done
PORT=3102 npm start >/tmp/anjian-nginx-2.log 2>&1 & pids+=($!)
for _ in $(seq 1 120); do curl -sf localhost:3102/api/health >/dev/null && break; sleep 1; done
nginx -c "$CONF"

curl -sf localhost:8080/api/health | grep -q '"status":"ok"'
cookie=$(curl -sf -D - -o /dev/null -H 'content-type: application/json' -H 'origin: http://localhost:8080' \
  -d '{"username":"duty.370303","password":"Anjian@2026"}' localhost:8080/api/auth/login |
  sed -n 's/^set-cookie: \(anjian_sid=[^;]*\).*/\1/ip')
test -n "$cookie"
city=$(curl -sf -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"username":"duty.370300","password":"Anjian@2026"}' localhost:3102/api/auth/login |
  sed -n 's/^set-cookie: \(anjian_sid=[^;]*\).*/\1/ip')
# The city's live stream on instance 2; the county files through nginx.
curl -sN -H "cookie: $city" localhost:3102/api/events >/tmp/anjian-nginx-sse.txt & sse=$!
sleep 1
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
curl -sf -H "cookie: $cookie" -H 'content-type: application/json' -H 'origin: http://localhost:8080' \
  -d "{\"occurredAt\":\"$now\",\"regionCode\":\"370303\",\"address\":\"淄博市张店区华光路168号\",\"unitName\":\"nginx检查$(date +%s)\",\"industryCode\":\"C26\",\"accidentType\":\"19\",\"domain\":\"industrial\",\"deaths\":0,\"missing\":0,\"seriousInjuries\":0,\"minorInjuries\":1,\"directLossYuan\":1000,\"summary\":\"检查\",\"measuresTaken\":\"检查\",\"reporterName\":\"张三\",\"reporterPhone\":\"13800000000\"}" \
  localhost:8080/api/accidents >/dev/null
sleep 1
kill "$sse" 2>/dev/null || true
grep -q 'event: accident.created' /tmp/anjian-nginx-sse.txt
# A write from another site through the proxy is refused.
code=$(curl -s -o /dev/null -w '%{http_code}' -H "cookie: $cookie" -H 'content-type: application/json' \
  -H 'origin: http://evil.example' -d '{}' localhost:8080/api/duty/log)
test "$code" = 403
echo "nginx check OK: two instances behind nginx, sign-in, filing, live event across instances, cross-site refused"
