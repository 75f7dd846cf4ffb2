#!/usr/bin/env bash
# Runs every test: domain, integration on SQLite and PostgreSQL, and browser tests in Chromium.
# Installs what is missing (Debian packages, .NET tools, npm test data), starts a throwaway PostgreSQL on
# 127.0.0.1, stops it at the end, and prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -n "$(fc-list 2>/dev/null | grep -i "Noto Sans CJK")" ] || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; exit 1; }
(cd tests/Sunshine.Domain.Tests && npm ci --no-audit --no-fund --silent) || { echo "npm ci failed"; exit 1; }

# A throwaway PostgreSQL 15 (root may not run initdb: the postgres user owns a fresh temporary folder).
pgdir=$(mktemp -d)
chown postgres:postgres "$pgdir"
pgport=$(( 20000 + RANDOM % 20000 ))
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pgdir/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
  || { echo "initdb failed"; exit 1; }
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/db" -l "$pgdir/log" -w \
  -o "-p $pgport -c listen_addresses=127.0.0.1 -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { echo "PostgreSQL did not start"; cat "$pgdir/log"; exit 1; }
stop_pg() { runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/db" -m fast stop >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_pg EXIT
export SUNSHINE_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Include Error Detail=true"

results="$root/TestResults"
rm -rf "$results"
dotnet build Sunshine.slnx -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
# -m:1: one test project after another. Run side by side on a 2-core host, the integration tests starve the browser
# tests' server and its pages become interactive only after the browser has stopped waiting.
dotnet test Sunshine.slnx -c Release --no-build --nologo -m:1 \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); nx=$(get notExecuted)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0})); skipped=$((skipped + ${nx:-0}))
  [ -n "$total" ] || failed=$((failed + 1))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$failed" -gt 0 ]; then
  # PostgreSQL's own account, for a failure that came from the server (a backend that died, a refused connection). The
  # connections that DROP DATABASE … WITH (FORCE) ends after each test class are left out.
  echo "PostgreSQL's log, serious lines:"
  grep -E "FATAL|PANIC|terminated by signal|server process" "$pgdir/log" | grep -v "terminating connection due to administrator command" | tail -n 20
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
