#!/usr/bin/env bash
# Set up (with the browser the web tests drive) and run the full test suite
# in the checkout's own environment (.venv), on every core (pytest-xdist;
# DOCGEN_TEST_WORKERS=N to choose, 0 for one process). Extra arguments go to
# pytest, e.g. `./scripts/test.sh -m "not slow"` for the fast subset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
exec .venv/bin/python -m pytest -n "${DOCGEN_TEST_WORKERS:-auto}" --dist loadscope "$@"
