#!/usr/bin/env bash
# The installed product, not the checkout: builds docgen's wheel, installs it
# into a fresh virtual environment in a temporary folder (its dependencies at
# the exact pins of requirements.txt), and from that folder
#   - renders a sample plan with `docgen render` and opens the .docx with
#     python-docx (the subject must be in it);
#   - migrates a temporary SQLite database with `docgen db upgrade`;
#   - starts `docgen serve` on a free loopback port and asks for the start
#     page (200, listing the packaged samples), a static file, and
#     POST /api/render of a sample fetched from GET /api/samples/002 (a .docx)
#     and POST /api/preview of it (the preview's HTML template).
# Any file the package reads beside a checkout instead of from itself fails
# here. Needs python3 with venv (scripts/setup.sh installs it) and PyPI or a
# pip cache for the packages. Exit status 0 when all is well.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"
# The checkout's environment builds the wheel (Debian's python3 may lack pip);
# python3 makes the fresh environment it is installed into.
builder="${BUILD_PYTHON:-$checkout/.venv/bin/python}"
[ -x "$builder" ] || builder=python3
python=python3
work="$(mktemp -d /tmp/docgen-wheel-smoke.XXXXXX)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "wheel-smoke: $*" >&2; }

# Build from a copy, so no build/ or *.egg-info of an earlier build leaks in
# and the checkout stays clean (tar keeps the package's links to samples/ and
# templates_docx/, which the wheel stores as files).
mkdir -p "$work/src" "$work/dist"
tar -C "$checkout" --exclude=./.git --exclude=./.venv --exclude=./instance --exclude=./build \
  --exclude=./dist --exclude=./out --exclude='*.egg-info' --exclude=__pycache__ -cf - . \
  | tar -C "$work/src" -xf -
say "building the wheel"
"$builder" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" "$work/src"
wheel="$(ls "$work"/dist/docgen-*.whl)"
say "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KB)"

say "installing it into a fresh virtual environment"
"$python" -m venv "$work/venv"
# pip takes no extras in constraints: psycopg[binary]==X is given as psycopg==X
sed 's/\[[^]]*\]//' requirements.txt > "$work/constraints.txt"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check -c "$work/constraints.txt" "$wheel"
docgen="$work/venv/bin/docgen"

cd "$work"  # nothing of the checkout below this line
cp "$checkout/samples/002_gia_lai_50_ngay_dem.yaml" plan.yaml
"$docgen" render plan.yaml -o plan.docx
"$work/venv/bin/python" - <<'PY'
import docx
import yaml

import docgen

assert "/venv/" in docgen.__file__, f"docgen imported from {docgen.__file__}, not the wheel"
text = " ".join(" ".join(p.text for p in docx.Document("plan.docx").paragraphs).split())
subject = " ".join(yaml.safe_load(open("plan.yaml", encoding="utf-8"))["subject"].split())
assert subject in text, f"the rendered plan lacks its subject {subject!r}: {text[:300]!r}"
print("wheel-smoke: docgen render: plan.docx opens and holds the subject")
PY

export DATABASE_URL="sqlite:///$work/docgen.sqlite3"
export DOCGEN_JOBS_DIR="$work/jobs"
export DOCGEN_INSECURE_COOKIES=1
DOCGEN_SECRET_KEY="$("$work/venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))')"
export DOCGEN_SECRET_KEY
"$docgen" db upgrade
port="$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$docgen" serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
if ! "$work/venv/bin/python" - "$port" "$server_pid" <<'PY'
import io
import json
import os
import socket
import sys
import time
import urllib.request

import docx

port, pid = int(sys.argv[1]), int(sys.argv[2])
base = f"http://127.0.0.1:{port}"
deadline = time.monotonic() + 60
while True:  # until the server accepts connections, or it died, or 60 s passed
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit("wheel-smoke: docgen serve exited before it listened")
        if time.monotonic() > deadline:
            sys.exit("wheel-smoke: docgen serve did not listen within 60 s")
        time.sleep(0.2)

with urllib.request.urlopen(base + "/", timeout=30) as response:
    page = response.read().decode("utf-8")
    assert response.status == 200, response.status
assert "tỉnh Gia Lai từ ngày 01/9/2023" in " ".join(page.split()), "the start page does not list the packaged samples"
with urllib.request.urlopen(base + "/static/style.css", timeout=30) as response:
    assert response.status == 200 and response.read(), "static files missing"
with urllib.request.urlopen(base + "/api/samples/002", timeout=30) as response:
    sample = json.load(response)
plan = sample
request = urllib.request.Request(base + "/api/render", data=json.dumps(plan).encode("utf-8"),
                                 headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(request, timeout=60) as response:
    body = response.read()
    assert response.status == 200, response.status
    assert ".docx" in response.headers["Content-Disposition"], response.headers
text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
assert " ".join(plan["subject"].split()) in " ".join(text.split()), "the rendered document lacks the subject"
request = urllib.request.Request(base + "/api/preview", data=json.dumps(plan).encode("utf-8"),
                                 headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(request, timeout=60) as response:
    preview = response.read().decode("utf-8")
assert 'class="doc"' in preview and "Gia Lai" in preview, "the preview's template is missing"
print(f"wheel-smoke: docgen serve: start page 200, POST /api/render gave a {len(body)}-byte .docx, "
      "POST /api/preview the document's HTML")
PY
then
  say "docgen serve failed; its output:"
  cat "$work/serve.log" >&2
  exit 1
fi
say "passed"
