#!/usr/bin/env bash
# The suite passes on any day: the tests bound to dates (signing with the test
# CA's certificates, the register's numbering by year and its dates, the
# pages that show them) run again with the clock a year ahead and a year back
# (libfaketime). CI runs this after the full suite; run it by hand after
# scripts/test.sh has set up .venv. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null 2>&1 || { echo "test-clock: faketime is not installed (scripts/setup.sh --tests)" >&2; exit 2; }
DATED=(tests/signing tests/storage/test_register.py tests/storage/test_register_cli.py
       tests/storage/test_signatures.py tests/storage/test_register_book.py tests/storage/test_numbering.py
       tests/storage/test_metadata.py tests/storage/test_edxml_export.py tests/web/test_register_pages.py
       tests/web/test_signing_pages.py)
for offset in +365d -365d; do
  echo "test-clock: the clock moved $offset ($(faketime -f "$offset" date -u +%Y-%m-%d))"
  faketime -f "$offset" .venv/bin/python -m pytest -q -p no:cacheprovider -n 2 "${DATED[@]}" "$@"
done
