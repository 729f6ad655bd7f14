"""The campaign (đợt cao điểm) a plan's text states: "N ngày, đêm", a
quoted "Chiến dịch …" name, "từ ngày … đến (hết) ngày …", the area ("trên
địa bàn tỉnh …"). Read from the subject, the opening and the sections."""

from __future__ import annotations

import re

from ..sheets.table_reading import plain
from ..vietnamese import dates
from .header import LEVEL_RE

_PERIOD = re.compile(
    rf"[Tt]ừ\s+ngày\s+(?P<start>{dates.SHORT_DATE_PATTERN})\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?"
    rf"(?P<end>{dates.SHORT_DATE_PATTERN})")
_UNTIL = re.compile(rf"(?:đến|tới)\s+(?:hết\s+)?ngày\s+(?P<end>{dates.SHORT_DATE_PATTERN})")
_DAYS_NIGHTS = re.compile(r"(?P<days>\d{1,3})\s+ngày,?\s+đêm")
_QUOTED = re.compile(r"[“\"](?P<name>[^”\"]{3,200})[”\"]")
_AREA = re.compile(rf"(?i:địa bàn)\s+(?P<area>(?i:{LEVEL_RE})(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*)*)")


def section_texts(sections: list[dict]):
    for section in sections:
        for block in section["blocks"]:
            for key in ("title", "text"):
                if block.get(key):
                    yield f"{block.get('title', '')} {block.get('text', '')}"
                    break
            for task in block.get("tasks", []):
                yield task


def campaign(subject: str, opening: list[str], sections: list[dict]) -> dict:
    texts = [subject] + opening + list(section_texts(sections))
    found: dict = {}
    for text in texts[:1 + len(opening)]:  # the campaign's own length, not another's
        match = _DAYS_NIGHTS.search(text)
        if match:
            found["name"] = f"{match.group('days')} ngày, đêm"
            found["days"] = int(match.group("days"))
            break
    if "name" not in found:
        for match in _QUOTED.finditer(subject):
            name = match.group("name").strip()
            if plain(name).startswith(("chien dich", "dot cao diem", "cao diem")):
                found["name"] = name
                break
    for text in texts:
        match = _PERIOD.search(text)
        if match:
            try:
                start = dates.read_date(match.group("start"))
                end = dates.read_date(match.group("end"))
            except ValueError:
                continue
            if end >= start:
                found["start"], found["end"] = dates.short_date(start), dates.short_date(end)
                break
    if "end" not in found and found:
        for text in texts:
            if "thời gian" not in text.lower() and "từ ngày ban hành" not in text.lower():
                continue
            match = _UNTIL.search(text)
            if match:
                try:
                    found["end"] = dates.short_date(dates.read_date(match.group("end")))
                except ValueError:
                    pass
                break
    area = _AREA.search(subject)
    if area and found:
        found["area"] = area.group("area")
    return found
