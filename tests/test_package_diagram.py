"""docs/packages.svg, the developer's guide's picture of the packages, is
what scripts/package-diagram.py draws from the layer contract
(tests/test_layering.py's LAYERS) and the real imports today: a change of the
layers, or a package importing another for the first time, needs the picture
drawn again."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_diagram_matches_the_imports():
    spec = importlib.util.spec_from_file_location("package_diagram", ROOT / "scripts" / "package-diagram.py")
    diagram = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(diagram)
    drawn = (ROOT / "docs" / "packages.svg").read_text(encoding="utf-8")
    assert drawn == diagram.svg(), "docs/packages.svg is out of date: run .venv/bin/python scripts/package-diagram.py"
