"""A plan saved from the editor (.yaml/.json) or written in Word (.docx) as
the template of a batch.

A template with placeholders (``{{ ten_don_vi }}``) is used as written. A
plan without any is one unit's own plan: each unit's plan would repeat that
unit's name wherever the text names it ("trên địa bàn xã Lộc Hòa"). So the
unit's name in the running text becomes the unit's placeholder
(``xã Lộc Hòa`` -> ``{{ ten_don_vi_thuong }}``, ``Xã Lộc Hòa`` ->
``{{ ten_don_vi }}``, ``XÃ LỘC HÒA`` -> ``{{ ten_don_vi | upper_vn }}``),
and the clerk is told where. The header and the signer are set for each
unit anyway (:mod:`docgen.batch.derive`); appendix rows are figures, never
renamed, and a template whose appendix already has rows is said to print
them in every plan.
"""

from __future__ import annotations

import re

from ..plan.labels import field_label
from ..vietnamese.names import UBND
from ..vietnamese import vn
from .template import MARKS
from .units import split_level

SKIPPED = ("header", "signer")  # set for each unit by derive.apply_unit
SHOWN = 3  # places named in the notice


def _strings(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, path + (index,))
    elif isinstance(node, str):
        yield path, node


def has_placeholders(data) -> bool:
    return any(any(mark in text for mark in MARKS) for _, text in _strings(data))


def own_unit(data: dict) -> tuple[str, str] | None:
    """(level word, name) of the unit whose plan ``data`` is: from the
    issuer's name (``Ủy ban nhân dân xã Lộc Hòa``), else from the issuing
    body's last line and the place (``XÃ LỘC HÒA``, ``Lộc Hòa``)."""
    header = data.get("header")
    if not isinstance(header, dict):
        return None
    issuer = header.get("issuer_name")
    if isinstance(issuer, str) and issuer[: len(UBND)].casefold() == UBND.casefold():
        level, name = split_level(issuer[len(UBND):].strip())
        if level and name:
            return level, name
    lines, place = header.get("issuing_body"), header.get("place")
    if isinstance(lines, list) and lines and isinstance(lines[-1], str) and isinstance(place, str):
        level, name = split_level(lines[-1].strip())
        if level and vn.upper_vn(name) == vn.upper_vn(place.strip()):
            return level, place.strip()
    return None


def _forms(level: str, name: str) -> list[tuple[re.Pattern, str]]:
    running = f"{level} {name}"
    forms = [(running, "{{ ten_don_vi_thuong }}"), (running[0].upper() + running[1:], "{{ ten_don_vi }}"),
             (vn.upper_vn(running), "{{ ten_don_vi | upper_vn }}")]
    return [(re.compile(rf"(?<!\w){re.escape(text)}(?!\w)"), placeholder) for text, placeholder in forms]


_NAME_GOES_ON = re.compile(r"\s+(\w)")


def _renamed(text: str, forms) -> str:
    def one(placeholder):
        def replace(match):
            # "xã Lộc Hòa Bình" is another unit: a name goes on with a capitalised word
            more = _NAME_GOES_ON.match(match.string, match.end())
            return match.group(0) if more and more.group(1).isupper() else placeholder
        return replace

    for pattern, placeholder in forms:
        text = pattern.sub(one(placeholder), text)
    return text


def _appendix_rows(data: dict, source: str) -> list[str]:
    notes = []
    for index, appendix in enumerate(data.get("appendices") or [], start=1):
        if isinstance(appendix, dict) and appendix.get("rows"):
            title = appendix.get("title") or f"thứ {index}"
            notes.append(f"{source}: phụ lục “{title}” của văn bản mẫu đã có {len(appendix['rows'])} dòng số liệu: văn bản "
                         "của mọi đơn vị đều in đúng các dòng này. Để mỗi đơn vị có dòng số liệu của mình (lấy từ "
                         "các cột cùng mã trong bảng đơn vị), hãy xóa các dòng của phụ lục trong văn bản mẫu.")
    return notes


def as_template(data, source: str) -> tuple[object, list[str]]:
    """``data`` ready for :class:`~docgen.batch.template.TemplatePlan`, and
    what the clerk should know about how it was made one."""
    if not isinstance(data, dict) or has_placeholders(data):
        return data, []
    unit = own_unit(data)
    notes = _appendix_rows(data, source)
    if unit is None:
        return data, notes
    forms = _forms(*unit)
    places: list[str] = []

    def rename(node, path):
        if isinstance(node, dict):
            return {k: node[k] if not path and k in SKIPPED else rename(node[k], path + (k,)) for k in node}
        if isinstance(node, list):
            if path[-1:] == ("rows",):  # an appendix's figures
                return node
            return [rename(value, path + (i,)) for i, value in enumerate(node)]
        if isinstance(node, str) and "{#" not in node:  # "{#" would start a Jinja comment
            text = _renamed(node, forms)
            if text != node:
                places.append(".".join(str(p) for p in path))
            return text
        return node

    renamed = rename(data, ())
    if places:
        running = f"{unit[0]} {unit[1]}"
        labels = list(dict.fromkeys(field_label(path, data) for path in places))
        shown = ", ".join(labels[:SHOWN]) + (", …" if len(labels) > SHOWN else "")
        notes.insert(0, f"{source}: văn bản mẫu là văn bản của {running}, không có chỗ điền: đã thay tên "
                        f"“{running}” bằng tên của từng đơn vị ở {len(places)} chỗ ({shown}). Những chỗ khác "
                        f"nói riêng về {running} (số liệu, ngày tháng…) vẫn giữ nguyên: hãy xem lại văn bản của "
                        "một đơn vị trước khi ban hành.")
    return renamed, notes
