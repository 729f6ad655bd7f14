"""A document that issues another (Mẫu 1.3): a Quyết định "ban hành kèm
theo" a Kế hoạch, the plan following the decision's signature, under its
own header (often without a number) and type line, with the line
"(Ban hành kèm theo Quyết định số … ngày … của …)" under its subject.

:func:`start` finds where the issued document starts: a type line of a
type docgen writes, after the first type line, that either cites the
document above it ("Kèm theo <type> số …" in the next lines) or follows the
signature of a document whose type issues others ("QĐ")."""

from __future__ import annotations

from ... import doctypes
from ..lines import Line
from . import pieces as p
from .appendices import reference
from .footer import is_label as recipients_label
from .type_line import type_of_line
from .words import starts_body, starts_level

LOOK_AHEAD = 5


def start(items: list, first_type: doctypes.DocumentType | None, after: int) -> int | None:
    """Index in ``items`` of the first line of the issued document (its
    header when it has one), or None."""
    issuing = first_type is not None and (bool(first_type.attached)
                                          or first_type.symbol_prefix in doctypes.decree.ISSUING_TYPES)
    signed = False
    for index in range(after, len(items)):
        item = items[index]
        if not isinstance(item, Line):
            continue
        if recipients_label(item.text):
            signed = True
        doc_type = type_of_line(item)
        if doc_type is not None and doctypes.importable(doc_type):
            cites = any(isinstance(line, Line) and reference(line) is not None
                        for line in items[index + 1:index + 1 + LOOK_AHEAD])
            if cites or (issuing and signed):
                return _header_start(items, index, after)
        elif issuing and signed and reference(item) is not None:
            # no type line (a web page dropped it): the issued text starts with its subject above this line
            at = index
            while at - 1 > after and isinstance(items[at - 1], Line) and at > index - 3 \
                    and not {piece.kind for piece in p.pieces([items[at - 1]])} & (p.HEADER_KINDS | {p.ISSUER}):
                at -= 1
            return _header_start(items, at, after)
    return None


def _header_start(items: list, index: int, floor: int) -> int:
    """Walk back from the type line over the issued document's own header."""
    at = index
    while at - 1 >= floor:
        previous = items[at - 1]
        if not isinstance(previous, Line):
            break
        kinds = {piece.kind for piece in p.pieces([previous])}
        if not kinds or not kinds <= (p.HEADER_KINDS | {p.ISSUER}):
            break
        if kinds == {p.ISSUER} and not (starts_body(previous.text) or starts_level(previous.text)):
            break  # the signer's position ("CHỦ TỊCH") above, not a header
        at -= 1
    return at
