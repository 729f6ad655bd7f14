"""Page chrome before a document: a site's name and menu, the page's own
title ("KẾ HOẠCH HÀNH ĐỘNG …" as the page names the document), view
counters; text a web page or a portal puts above the header. The document
starts at the first of its own landmarks among the first lines: the
national name or motto, the number line, the place-and-date line, the
name of a body in capitals, or the type line on its own; what comes before
is skipped, and the reader says so."""

from __future__ import annotations

from ..lines import Line
from . import pieces as p
from .issuer import cut_in_body_words
from .type_line import type_of_line
from .words import starts_body, upper

LIMIT = 15  # chrome is a few lines; a document without a header is not cut


def is_landmark(line: Line) -> bool:
    if type_of_line(line):
        return True
    for piece in p.pieces([line]):
        if piece.kind in (p.NATION, p.MOTTO, p.NUMBER, p.DATE, p.NUMBER_HEAD):
            return True
        if piece.kind == p.ISSUER and upper(piece.text) and starts_body(piece.text) and len(piece.text.split()) <= 12:
            return True
    return False


def document_start(items: list) -> int:
    """Index of the document's first line in ``items`` (0 when nothing
    before it looks like chrome, or no landmark is near the top)."""
    for index, item in enumerate(items[:LIMIT + 1]):
        if not isinstance(item, Line):
            return 0
        if is_landmark(item):
            while index and isinstance(items[index - 1], Line) and cut_in_body_words(items[index - 1].text,
                                                                                     items[index].text):
                index -= 1  # "ỦY" / "BAN NHÂN DÂN": the body's name starts on the line above
            return index
    return 0
