#!/usr/bin/env bash
# Install what docgen needs on a fresh Debian machine (run as root, or with
# sudo available): LibreOffice for PDF conversion (and python3-uno for its warm
# converter), poppler for page images,
# Liberation 2 fonts (Times-metric, with every Vietnamese letter) and the
# Python packages, in a virtual environment of its own: .venv in the checkout
# (python3-venv is installed where missing). Nothing goes into the system
# Python. `setup.sh --tests` also installs what the test suite drives:
# Debian's Chromium for the browser tests (Playwright never downloads a
# browser), Redis and PostgreSQL servers for the job-queue and storage tests,
# strace (a test watches SQLite sync its log before an issue returns),
# libfaketime (CI runs the date-bound tests with the clock a year either way),
# SoftHSM2 and NSS's certutil (the signing tests' token and pdfsig's trust store).
#
# The packages are installed again only when requirements.txt or
# pyproject.toml change (a stamp in .venv records their hash).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# The warm PDF converter drives soffice over UNO from the system Python
# (docgen/pdf/uno_bridge.py): python3-uno gives /usr/bin/python3 the `uno`
# module (a Debian package, not a pip one: the system Python's pip list stays as it is).
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need+=(python3-uno)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
# Liberation 1.07 (Debian's fonts-liberation) lacks precomposed Vietnamese
# letters, so LibreOffice would draw ế ổ ủ in another family; 2.x has them
# (docgen/fonts.conf makes LibreOffice use it for Times New Roman).
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need+=(python3-venv)
fi
if [ "${1:-}" = "--tests" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v strace >/dev/null 2>&1 || need+=(strace)
  command -v faketime >/dev/null 2>&1 || need+=(faketime)
  # The signing tests: SoftHSM2 as the officer's USB token and the server's HSM,
  # certutil for the NSS database through which poppler's pdfsig trusts the test CA.
  command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)
  command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  echo "setup: apt-get install ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

venv=.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$venv"
  echo "setup: python3 -m venv $venv" >&2
  python3 -m venv "$venv"
fi
stamp="$venv/.docgen-requirements"
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the Python packages into $venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi
