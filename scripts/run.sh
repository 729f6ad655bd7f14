#!/usr/bin/env bash
# Set up, then start the web application for clerks with the sample plans
# loaded, on http://127.0.0.1:${PORT:-8000}/ (waitress, a production server).
# The session key is kept in instance/secret-key (made on the first run)
# unless DOCGEN_SECRET_KEY is set; the SQLite database is instance/docgen.sqlite3
# unless DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p instance
if [ -z "${DOCGEN_SECRET_KEY:-}" ]; then
  if [ ! -s instance/secret-key ]; then
    (umask 077; python3 -c 'import secrets; print(secrets.token_hex(32))' > instance/secret-key)
  fi
  DOCGEN_SECRET_KEY="$(cat instance/secret-key)"
  export DOCGEN_SECRET_KEY
fi
host="${HOST:-127.0.0.1}"
# Plain HTTP on this machine only: the session cookie cannot be "Secure".
# Anywhere else, serve through HTTPS (README, "Production").
if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
  export DOCGEN_INSECURE_COOKIES="${DOCGEN_INSECURE_COOKIES:-1}"
fi
docgen db upgrade
exec docgen serve --host "$host" --port "${PORT:-8000}"
