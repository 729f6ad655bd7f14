"""Names of bodies as Vietnamese documents write them: the level words of
administrative units (tỉnh, xã, phường, đặc khu …) and a unit's name split
into its level and its own name."""

from __future__ import annotations

from . import vn

# Level words, longest first so that "thị xã" wins over "xã" (also as a
# regular expression's alternatives).
LEVELS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def split_level(name: str) -> tuple[str | None, str]:
    """``Xã Ia Kha`` -> (``xã``, ``Ia Kha``); no level word -> (None, name)."""
    for level in LEVELS:
        head = name[: len(level)]
        rest = name[len(level):]
        if vn.same_text(head, level, casefold=True) and (not rest or rest[0] == " "):
            return level, rest.strip() or name
    return None, name
