#!/usr/bin/env bash
# Set up, then render every sample plan to out/ (the product's main job until
# the web app lands).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
for plan in samples/*.yaml; do
  docgen render "$plan" -o "out/$(basename "${plan%.yaml}").docx"
done
