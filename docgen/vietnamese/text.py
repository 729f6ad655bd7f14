"""Cleaning of user text before it reaches the plan model and the XML.

Text pasted from Word carries characters that are not allowed in XML 1.0
(vertical tab for a soft line break, form feeds, stray NULs). Every text field
of the plan goes through :func:`clean_text` (multi-line fields) or
:func:`clean_line` (single-line fields) so that every rendered XML part is
well-formed whatever the user typed.
"""

from __future__ import annotations

import re
import unicodedata

from ..base.memo import short_text_cache

# XML 1.0 allows \t \n \r and everything from U+0020, minus the surrogates and
# U+FFFE/U+FFFF. Everything else is removed.
_XML_INVALID = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)
_SPACES = re.compile(r"[ \t\u00a0]+")


@short_text_cache  # every field of every plan passes here: a batch's repeat
def clean_text(value: str) -> str:
    """Normalise a multi-line text: NFC, ``\\r\\n`` -> ``\\n``, Word's vertical
    tab -> line break, other XML-invalid control characters removed."""
    text = unicodedata.normalize("NFC", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\v", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _XML_INVALID.sub("", text)


@short_text_cache
def clean_line(value: str) -> str:
    """Like :func:`clean_text` for a one-line field: line breaks become spaces
    and runs of spaces collapse; leading and trailing spaces go."""
    text = clean_text(value).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()
