"""Draw docs/packages.svg: docgen's packages in the order of the layer
contract (``LAYERS`` of tests/test_layering.py, lowest at the bottom), each
with its job (the comment beside it there), and a matrix of which package imports which, from the real import graph (the same
``ast`` reading the contract test uses). A filled cell: the row's package
imports the column's. Imports only go down the layers, so every filled cell
lies left of the diagonal. Only packages and their edges are drawn (no
module counts), so a new module changes the picture only when it makes a
package import another for the first time.

    .venv/bin/python scripts/package-diagram.py     # after a change of the packages or their imports

tests/test_package_diagram.py fails while the file does not match the code."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "packages.svg"
sys.path.insert(0, str(ROOT))

from tests.test_layering import EDGES, LAYERS, layer  # noqa: E402

CELL, MARGIN, NAME_WIDTH, ROLE_WIDTH, HEADER = 24, 16, 96, 600, 92
FONT = "DejaVu Sans, Arial, sans-serif"


def roles() -> dict[str, str]:
    """Each layer's job, as the comment beside it in LAYERS says."""
    source = (ROOT / "tests" / "test_layering.py").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"(\w+)",\s*#\s*(.+?)\s*$', source, flags=re.MULTILINE))


def package_edges() -> set[tuple[str, str]]:
    """(importer, imported) packages: some module of the one imports the other."""
    return {(layer(name), layer(target)) for name, targets in EDGES.items() for target in targets
            if name != "docgen" and target != "docgen" and layer(name) != layer(target)}


def svg() -> str:
    jobs, edges = roles(), package_edges()
    rows = list(reversed(LAYERS))  # highest first: the deliveries at the top
    left = MARGIN + NAME_WIDTH + ROLE_WIDTH
    top = MARGIN + 28 + HEADER
    width = left + CELL * len(LAYERS) + MARGIN
    height = top + CELL * len(rows) + 52
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{MARGIN}" y="{MARGIN + 14}" font-size="15" font-weight="bold">docgen: one package per '
           f'step, each importing only the steps below it</text>']
    for column, name in enumerate(LAYERS):  # column titles, turned
        x = left + column * CELL + CELL / 2 + 4
        out.append(f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})">{escape(name)}</text>')
    for row, name in enumerate(rows):
        y = top + row * CELL
        fill = "#eef3fb" if name in ("web", "cli") else ("#f6f6f6" if row % 2 else "#ffffff")
        out.append(f'<rect x="{MARGIN}" y="{y}" width="{width - 2 * MARGIN}" height="{CELL}" fill="{fill}"/>')
        out.append(f'<text x="{MARGIN + 6}" y="{y + 16}" font-weight="bold" font-family="DejaVu Sans Mono, '
                   f'monospace">{escape(name)}/</text>')
        out.append(f'<text x="{MARGIN + NAME_WIDTH}" y="{y + 16}" fill="#333333">{escape(jobs.get(name, ""))}</text>')
        for column, target in enumerate(LAYERS):
            x = left + column * CELL
            box = f'x="{x + 3}" y="{y + 3}" width="{CELL - 6}" height="{CELL - 6}"'
            if target == name:
                out.append(f'<rect {box} fill="none" stroke="#999999" stroke-dasharray="2,2"/>')
            elif (name, target) in edges:
                out.append(f'<rect {box} fill="#2a5caa"><title>{escape(name)} imports {escape(target)}</title></rect>')
    bottom = top + CELL * len(rows)
    out.append(f'<line x1="{MARGIN}" y1="{bottom}" x2="{width - MARGIN}" y2="{bottom}" stroke="#cccccc"/>')
    out.append(f'<text x="{MARGIN}" y="{bottom + 20}" fill="#333333"><tspan fill="#2a5caa">■</tspan> the row\'s '
               f'package imports the column\'s · ┆ the package itself · lowest layer at the bottom, '
               f'the deliveries (web, cli) at the top</text>')
    out.append(f'<text x="{MARGIN}" y="{bottom + 38}" fill="#888888">Drawn by scripts/package-diagram.py from '
               f'LAYERS in tests/test_layering.py and the imports of every module.</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(svg(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
