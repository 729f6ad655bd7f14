"""Document types as data, in one place: the registry.

``get(key)`` gives a type, ``for_plan(plan)`` the type a plan says it is,
``ALL`` every registered type (a read-only live view, key -> type, in their
``rank``), ``standalone()`` those a clerk starts a new document of. A
.docx's type is recognised from its title line (``for_title``), else from its
symbol (``for_symbol``: ``QĐ-…`` a decision, ``UBND-VX`` a Công văn, which
has no type code). Every module of this package that defines a
:class:`DocumentType` is registered when the package is imported: a new type
of an existing layout family is one module here, and nothing else names it.
"""

from __future__ import annotations

import importlib
import pkgutil
import types
import unicodedata

from . import decree
from .base import ARTICLE_BLOCKS, ARTICLE_ONLY, LAYOUTS, PARTS, DocumentType

__all__ = ["ALL", "ARTICLE_BLOCKS", "ARTICLE_ONLY", "DEFAULT", "REPORT", "DocumentType", "LAYOUTS", "PARTS",
           "UnknownDocumentType", "for_plan", "for_symbol", "for_title", "get", "importable", "known_text", "of_data",
           "recognise", "recognised_title", "register", "standalone", "unregister"]

DEFAULT = "ke_hoach"  # a plan file that names no type is a Kế hoạch
REPORT = "bao_cao"  # the type of the report that follows a plan (docgen.reports)

_TYPES: dict[str, DocumentType] = {}
ALL: types.MappingProxyType[str, DocumentType] = types.MappingProxyType(_TYPES)
_BUILT_IN: set[str] = set()


class UnknownDocumentType(ValueError):
    pass


def register(doc_type: DocumentType) -> DocumentType:
    """Adds a type (or replaces the one with its key) and returns it."""
    _TYPES[doc_type.key] = doc_type
    return doc_type


def unregister(key: str) -> None:
    """Removes a type added by :func:`register` (tests); the built-in ones stay."""
    if key in _BUILT_IN:
        raise ValueError(f"loại văn bản '{key}' có sẵn, không bỏ được")
    _TYPES.pop(key, None)


def standalone() -> list[DocumentType]:
    """The types a clerk starts a new document of ("Văn bản mới"), in the
    registry's order; a Quy chế comes only with the decision issuing it."""
    return [t for t in _TYPES.values() if t.standalone]


def known_text() -> str:
    """``ke_hoach (Kế hoạch), bao_cao (Báo cáo), …``: for messages."""
    return ", ".join(f"{t.key} ({t.name})" for t in _TYPES.values())


def get(key: str | None) -> DocumentType:
    """The type registered under ``key``; None gives the default (Kế hoạch)."""
    try:
        return _TYPES[key or DEFAULT]
    except KeyError:
        raise UnknownDocumentType(
            f"không có loại văn bản '{key}'; các loại đã có: {known_text()}"
        ) from None


def for_plan(plan) -> DocumentType:
    """The type of a plan model (or anything with a ``type`` attribute)."""
    return get(getattr(plan, "type", None))


def of_data(data) -> DocumentType:
    """The type a plan's data says it is, valid or not (the editor's draft,
    a file not yet validated): the default when it names none or an unknown
    one, whose error the validation reports."""
    key = data.get("type") if isinstance(data, dict) else None
    return _TYPES.get(key if isinstance(key, str) and key else DEFAULT, _TYPES[DEFAULT])


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def for_title(line: str) -> DocumentType | None:
    """The type whose title line (ô 5a) ``line`` is: "BÁO CÁO" -> Báo cáo;
    None when the line is no type's title."""
    folded = _fold(line)
    return next((t for t in _TYPES.values() if t.title is not None and _fold(t.title) == folded), None)


def _code_fold(code: str) -> str:
    return unicodedata.normalize("NFC", code).strip().casefold()


def for_symbol(symbol: str) -> DocumentType | None:
    """The type a symbol names by its code: ``QĐ-UBND`` -> Quyết định,
    ``NQ-HĐND`` -> an unregistered Nghị quyết (:mod:`.decree`: see
    :func:`importable`); a symbol whose first group is no type's code
    (``UBND-VX``) is a registered type without a code's (a Công văn); None
    for an empty symbol or one without a dash."""
    if not symbol or "-" not in symbol:
        return None
    first = _code_fold(symbol.split("-", 1)[0])
    if not first:
        return None
    coded = next((t for t in decree.decree_types(_TYPES.values())
                  if t.symbol_prefix and _code_fold(t.symbol_prefix) == first), None)
    if coded is not None:
        return coded
    return next((t for t in _TYPES.values() if t.symbol_prefix is None), None)


def recognise(title_line: str | None, symbol: str | None) -> DocumentType | None:
    """The registered type of a document from what it prints: its title
    line when it has one, else its symbol when that names a type without a
    title line (a Công văn: no title, ``UBND-VX``)."""
    if title_line:
        found = for_title(title_line)
        if found is not None:
            return found
    by_symbol = for_symbol(symbol or "")
    return by_symbol if by_symbol is not None and by_symbol.title is None and importable(by_symbol) else None


def recognised_title(line: str) -> DocumentType | None:
    """The type of Decree 30 whose title line ``line`` is, registered or
    not ("NGHỊ QUYẾT" gives an unregistered Nghị quyết; see
    :func:`importable`)."""
    folded = _fold(line)
    return next((t for t in decree.decree_types(_TYPES.values()) if t.title is not None and _fold(t.title) == folded),
                None)


def importable(doc_type: DocumentType | None) -> bool:
    """Whether docgen writes documents of this type (it is registered)."""
    return doc_type is not None and _TYPES.get(doc_type.key) is doc_type


def _built_in() -> list[DocumentType]:
    """The types the modules of this package define, by rank."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.name not in ("base", "decree"):
            defined = vars(importlib.import_module(f"{__name__}.{module.name}")).values()
            found += [value for value in defined if isinstance(value, DocumentType)]
    return sorted(found, key=lambda doc_type: (doc_type.rank, doc_type.key))


for _type in _built_in():
    register(_type)
    _BUILT_IN.add(_type.key)
