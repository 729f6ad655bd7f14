"""Reading many documents that docgen rendered from one Word template (a
batch's, each checked in the worker that rendered it).

Every part but ``word/document.xml`` is the same in all of them (the styles
alone are 365 KB of XML): those parts are opened and their style sheet
resolved once. And the bodies of two units' documents usually differ only
in the text inside ``<w:t>`` elements (names, figures, dates): a body whose
bytes, text aside, are those of a body read before (its *skeleton*), and
whose texts are blank or not at the same places, reads as that body with
the new texts put into its runs (:func:`docgen.word.content.read_word`
does it; anything else is read in full).

Only for docgen's own output, inside :func:`sharing`: the other parts are
told to be the same by their names, sizes and CRC-32s, which the renderer
copies unchanged from the template.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

BODY = "word/document.xml"
SKELETONS = 8  # bodies kept per package (a signer with three lines has another skeleton)
_TEXT = re.compile(rb"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
_ELEMENT = re.compile(rb"<w:t(?:\s[^>]*)?(?:/>|(?<!/)>([^<]*)</w:t>)")  # <w:t/> too: the parser counts it
_ENTITY = re.compile(r"&(?:#(\d+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def skeleton(body: bytes) -> bytes:
    """The body's bytes with the text of every ``<w:t>`` taken out."""
    return _TEXT.sub(rb"\1\3", body)


def _character(match: re.Match) -> str:
    decimal, hexadecimal, name = match.groups()
    return _NAMED[name] if name else chr(int(decimal) if decimal else int(hexadecimal, 16))


def raw_texts(body: bytes) -> list[str] | None:
    """The text of every ``<w:t>…</w:t>`` as an XML parser gives it, read
    from the bytes; None when the bytes hold what only a parser reads
    right (carriage returns, which XML turns into line feeds; an entity
    other than XML's own)."""
    if b"\r" in body:
        return None
    texts = []
    for match in _ELEMENT.finditer(body):
        text = (match.group(1) or b"").decode("utf-8")
        if "&" in text:
            if "&" in _ENTITY.sub("", text):
                return None
            text = _ENTITY.sub(_character, text)
        texts.append(text)
    return texts


@dataclass
class ReadBody:
    """A body read in full: the document, its ``<w:t>`` texts, and for each
    run made from them how its text is made (``recipes``: by the run's id,
    a tuple of text indexes and constant pieces). A body read later with
    the same skeleton shares every paragraph whose texts are the same (the
    reader's objects are never changed once read)."""

    document: object  # WordDocument
    recipes: dict[int, tuple]
    texts: list[str]
    raw: bool  # raw_texts() gives the parser's texts for it: so it will for any body of its skeleton

    @functools.cached_property
    def blank(self) -> tuple[bool, ...]:
        return tuple(not text.strip() for text in self.texts)

    @functools.cached_property
    def runs_of_text(self) -> dict[int, set[int]]:
        """Text index -> the ids of the runs made from it."""
        runs: dict[int, set[int]] = {}
        for run, recipe in self.recipes.items():
            for item in recipe:
                if isinstance(item, int):
                    runs.setdefault(item, set()).add(run)
        return runs

    @functools.cached_property
    def paragraph_of_run(self) -> dict[int, int]:
        """Run id -> the id of its paragraph (body and table cells)."""
        return {id(run): id(paragraph) for paragraph in self.document.paragraphs() for run in paragraph.runs}


class SharedParts:
    """What the documents read so far share: the package's other parts
    (python-docx's DocumentPart, the style sheet) and the bodies read."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.part = None  # python-docx's DocumentPart (its rels, styles, numbering, headers)
        self.styles = None
        self.bodies: OrderedDict[bytes, ReadBody] = OrderedDict()

    def body_if_same_package(self, data: bytes) -> bytes | None:
        """``data``'s body when its other parts are those of the package
        opened before, else None (and the package is forgotten)."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            key = tuple((i.filename, i.file_size, i.CRC) for i in infos if i.filename != BODY)
            if key == self.key and self.part is not None and any(i.filename == BODY for i in infos):
                return archive.read(BODY)
        self.key, self.part, self.styles = key, None, None
        self.bodies.clear()
        return None

    def remember(self, shape: bytes, read: ReadBody) -> None:
        self.bodies[shape] = read
        while len(self.bodies) > SKELETONS:
            self.bodies.popitem(last=False)


_current: ContextVar[SharedParts | None] = ContextVar("docgen_shared_parts", default=None)


@contextmanager
def sharing(parts: SharedParts) -> Iterator[None]:
    """Within the block, :func:`~docgen.word.read_word` reuses ``parts``."""
    token = _current.set(parts)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> SharedParts | None:
    return _current.get()
