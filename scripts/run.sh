#!/usr/bin/env bash
# Set up, then start the web application for clerks with the sample plans
# loaded, on http://127.0.0.1:${PORT:-8000}/ (waitress, a production server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec docgen serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
