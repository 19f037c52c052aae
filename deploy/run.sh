#!/usr/bin/env bash
# Runs Commissioning with the demo partnership on an embedded PostgreSQL (kept in ./.data), and prints the address.
# Installs what is missing first; safe to run again: the data is kept, and the demo is only seeded into an empty database.
# Set ConnectionStrings__Commissioning to use your own PostgreSQL instead; COMMISSIONING_URL to choose the address.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/prerequisites.sh
ensure_prerequisites

dotnet build src/Commissioning.Host/Commissioning.Host.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
host=src/Commissioning.Host/bin/Release/net10.0/Commissioning.Host.dll
export Commissioning__LogFormat="${COMMISSIONING_LOG_FORMAT:-text}"
dotnet "$host" seed-demo
exec dotnet "$host" run --urls "${COMMISSIONING_URL:-http://127.0.0.1:5080}"
