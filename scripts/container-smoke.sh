#!/usr/bin/env bash
# What the Dockerfile does, without Docker (these machines cannot build images): production
# dependencies only (`npm prune --omit=dev`, after `npm ci` built everything), then the image's
# start command twice, as compose.yaml runs it: ROLE=web and ROLE=worker on a fresh PostgreSQL
# database. Passes when /readyz answers 200 (database, migrations, a live worker) and the API
# answers. Restores the dev dependencies afterwards unless KEEP_PRUNED=1.
#
#   scripts/container-smoke.sh            (PostgreSQL at TEST_POSTGRES_URL, default the local one)
set -euo pipefail
cd "$(dirname "$0")/.."

admin_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
db="textback_smoke_$(date +%s)_$$"
base_url="${admin_url%/*}"
# A port below the kernel's ephemeral range (scripts/free-port.mjs: CI once drew one an outgoing
# connection held, EADDRINUSE).
port="$(node scripts/free-port.mjs)"
data_dir="$(mktemp -d)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$data_dir"
  if [ "${KEEP_PRUNED:-}" != "1" ]; then
    echo "== restoring dev dependencies"
    # (NODE_ENV=production is exported above: name the dev dependencies explicitly.)
    NODE_ENV=development npm install --include=dev --no-audit --no-fund --ignore-scripts >/dev/null 2>&1
  fi
}
trap cleanup EXIT

# CI's npm ci has just built; locally, bring a stale build up to date first.
node scripts/build-if-stale.mjs

echo "== npm prune --omit=dev (as the image)"
npm prune --omit=dev --no-audit --no-fund >/dev/null 2>&1
test -f dist/src/main.js && test -f dist/web/index.html

psql "$admin_url" -qc "CREATE DATABASE $db" >/dev/null
export NODE_ENV=production HOST=127.0.0.1 PORT="$port" DATA_DIR="$data_dir" LOG_LEVEL=warn \
  DATABASE_URL="$base_url/$db" PUBLIC_URL="http://127.0.0.1:$port" \
  ADMIN_TOKEN="smoke-admin-token-$RANDOM$RANDOM" \
  SECRET_KEY="$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')"

echo "== node dist/src/main.js: ROLE=web and ROLE=worker on PostgreSQL"
ROLE=web node dist/src/main.js >"$data_dir/web.log" 2>&1 & pids+=($!)
ROLE=worker node dist/src/main.js >"$data_dir/worker.log" 2>&1 & pids+=($!)

status=""
for _ in $(seq 1 60); do
  status="$(curl -s -o "$data_dir/readyz.json" -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)"
  [ "$status" = "200" ] && break
  sleep 0.5
done
if [ "$status" != "200" ]; then
  echo "/readyz answered ${status:-nothing}: $(cat "$data_dir/readyz.json" 2>/dev/null)"
  echo "--- web log"; cat "$data_dir/web.log"; echo "--- worker log"; cat "$data_dir/worker.log"
  exit 1
fi
echo "/readyz: $(cat "$data_dir/readyz.json")"
curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/openapi.json"
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$port/metrics"
curl -sf -o /dev/null "http://127.0.0.1:$port/"
echo "== container commands: ok"
