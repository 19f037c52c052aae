#!/usr/bin/env bash
# Installs what the run and test commands need when it is missing, and nothing when it is there (safe to run twice).
# Sourced by deploy/run.sh and deploy/test.sh.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "Need root to run: $*  (run as root, or install it yourself)" >&2; return 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    echo "Installing $* (Debian packages)..." >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null
}

has_postgres_server() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

ensure_prerequisites() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK (dotnet) is required; see global.json for the version." >&2
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
  if ! has_postgres_server; then apt_install postgresql; fi
  # Chromium prints the PDFs and drives the browser tests; poppler-utils (pdfinfo, pdftotext) checks the PDFs.
  if ! command -v chromium >/dev/null 2>&1; then apt_install chromium; fi
  if ! command -v pdfinfo >/dev/null 2>&1; then apt_install poppler-utils; fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}
