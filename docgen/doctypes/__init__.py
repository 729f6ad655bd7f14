"""Document types as data, in one place: the registry.

``get(key)`` gives a type, ``for_plan(plan)`` the type a plan says it is,
``ALL`` every registered type (a read-only live view, key -> type). A new
type is one module here (a :class:`DocumentType`), one template in
templates_docx/ and a ``register`` call below; nothing else names it.
"""

from __future__ import annotations

import types
import unicodedata

from . import decree
from .base import DocumentType
from .bao_cao import BAO_CAO
from .ke_hoach import KE_HOACH

__all__ = ["ALL", "DEFAULT", "DocumentType", "UnknownDocumentType", "for_plan", "for_symbol", "for_title", "get",
           "importable", "known_text", "of_data", "recognised_title", "register", "unregister"]

DEFAULT = KE_HOACH.key  # a plan file that names no type is a Kế hoạch

_TYPES: dict[str, DocumentType] = {}
ALL: types.MappingProxyType[str, DocumentType] = types.MappingProxyType(_TYPES)


class UnknownDocumentType(ValueError):
    pass


def register(doc_type: DocumentType) -> DocumentType:
    """Adds a type (or replaces the one with its key) and returns it."""
    _TYPES[doc_type.key] = doc_type
    return doc_type


def unregister(key: str) -> None:
    """Removes a type added by :func:`register` (tests); the built-in ones stay."""
    if key in (KE_HOACH.key, BAO_CAO.key):
        raise ValueError(f"loại văn bản '{key}' có sẵn, không bỏ được")
    _TYPES.pop(key, None)


def known_text() -> str:
    """``ke_hoach (Kế hoạch), bao_cao (Báo cáo)``: for messages."""
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
    return next((t for t in _TYPES.values() if _fold(t.title) == folded), None)


def _code_fold(code: str) -> str:
    return unicodedata.normalize("NFC", code).casefold()


def recognised_title(line: str) -> DocumentType | None:
    """The type of Decree 30 whose title line ``line`` is, registered or
    not ("QUYẾT ĐỊNH" gives an unregistered Quyết định until one is
    registered; see :func:`importable`)."""
    folded = _fold(line)
    return next((t for t in decree.decree_types(_TYPES.values()) if _fold(t.title) == folded), None)


def for_symbol(symbol: str) -> DocumentType | None:
    """The type whose code opens ``symbol`` (``BC-UBND`` -> Báo cáo,
    ``QĐ-UBND`` -> Quyết định), registered or not; None for a symbol
    without a type code (a Công văn's ``UBND-VX``)."""
    code = _code_fold(symbol.split("-", 1)[0].strip()) if "-" in symbol else ""
    return next((t for t in decree.decree_types(_TYPES.values())
                 if t.symbol_prefix and _code_fold(t.symbol_prefix) == code), None)


def importable(doc_type: DocumentType | None) -> bool:
    """Whether docgen writes documents of this type (it is registered)."""
    return doc_type is not None and _TYPES.get(doc_type.key) is doc_type


register(KE_HOACH)
register(BAO_CAO)
