#!/usr/bin/env bash
# Set up (with the browser the web tests drive) and run the full test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
python3 -m pytest "$@"
