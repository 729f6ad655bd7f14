#!/usr/bin/env bash
# Set up (with the browser the web tests drive) and run the full test suite
# in the checkout's own environment (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
exec .venv/bin/python -m pytest "$@"
