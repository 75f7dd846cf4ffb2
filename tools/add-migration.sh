#!/usr/bin/env bash
# Adds the same migration to both providers' migration sets, so SQLite and PostgreSQL stay in step.
# Usage: tools/add-migration.sh NAME     (a test fails when the model changed without migrations for both)
set -euo pipefail
name=${1:?usage: tools/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Sunshine.Data.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" \
    --context SunshineDbContext --output-dir Migrations
done
