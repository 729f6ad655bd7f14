"""Source -> Plan: what an existing plan's paragraphs and tables are, as parts
of the plan model, and a warning for everything that could not be placed.

A plan reads top to bottom (nd30.md): header (ô 1-4), document type line
("KẾ HOẠCH"), subject, opening paragraphs, sections I., II., the recipients
(Nơi nhận) beside the signer, appendices. The parser finds those landmarks
by what the text says (``Số: …/KH-UBND``, ``…, ngày … tháng … năm …``,
``I. MỤC ĐÍCH``, ``Nơi nhận:``, ``TM.``/``KT.``, ``PHỤ LỤC``); formatting
(bold, a Markdown ``#``, a "DG …" style) only tells a heading from a
numbered paragraph. What is missing from the source (a header lost when a
web page was copied) is inferred where the text states it elsewhere (the
issuing sentence, the appendix's "Kèm theo Kế hoạch số …" line) and said in a
warning. Text that fits nowhere becomes an ordinary paragraph in the nearest
section, with a warning citing its paragraph number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from ..vietnamese import dates, vn
from .. import doctypes
from ..vietnamese.authority import PREFIX_PATTERN
from ..plan import marks
from ..plan.model import Plan
from ..plan.files import PlanFileError, parse_plan_data
from ..sheets.table_reading import looks_numeric, plain
from ..vietnamese.text import clean_line
from ..vietnamese.typed_labels import leading_label
from . import type_parts
from .appendix_table import appendix_from_table
from .header import LEVEL_RE, complete_body, issuer_name, split_issuer, starts_with_level
from .lines import Line, cut_spans, is_rule, letters_upper, markup, source_lines, split_spans, tab_pieces
from .source import Source, SourceTable, Span


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer could not place or had to infer: the source's
    paragraph number, a message for the clerk (Vietnamese) and the plan field
    it concerns (a path as docgen.plan.labels names them), when there is one."""

    paragraph: int
    message: str
    path: str | None = None

    def __str__(self) -> str:
        return f"đoạn {self.paragraph}: {self.message}" if self.paragraph else self.message


@dataclass
class ImportResult:
    plan: Plan
    data: dict                      # the plan as data (what the YAML file holds)
    warnings: list[ImportWarning] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)  # figures left out (1,240: two readings), by cell path


class ImportRefused(ValueError):
    """The input holds no plan that can be read; the message (Vietnamese)
    says why."""


class ImportTooLarge(ImportRefused):
    """The input holds more than docgen reads (``docgen.word.ContentLimits``)."""


# --- vocabularies --------------------------------------------------------------------

_NUMBER = re.compile(r"Số\s*:?\s*(?P<number>\d+)?\s*/\s*(?P<symbol>[A-ZĐ0-9]+(?:\s*-\s*[A-ZĐ0-9]+)+)\s*\.?",
                     re.IGNORECASE)
_DATE_LINE = re.compile(
    r"(?:(?P<place>[^,]{1,60}),\s*)?ngày\s*(?P<day>\d{1,2})?\s*(?:tháng|/)\s*(?P<month>\d{1,2})\s*"
    r"(?:năm|/)\s*(?P<year>\d{4})\s*\.?", re.IGNORECASE)
_SHORT_DATE = re.compile(dates.SHORT_DATE_PATTERN)
_UBND = r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|ỦY BAN NHÂN DÂN)"
_NAME_WORDS = r"(?:\s+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*|\d+))*"
_ISSUING_SENTENCE = re.compile(
    rf"(?i:{_UBND})\s+(?P<level>(?i:{LEVEL_RE}))(?P<name>{_NAME_WORDS})\s+(?i:ban hành|xây dựng|tổ chức|triển khai|"
    r"thực hiện|lập)\b")
_PLACE_OF = re.compile(rf"\b(?P<level>{LEVEL_RE})(?P<name>(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*)+)")
_AREA = re.compile(rf"(?i:địa bàn)\s+(?P<area>(?i:{LEVEL_RE})(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ'-]*)*)")
_PERIOD = re.compile(
    rf"[Tt]ừ\s+ngày\s+(?P<start>{dates.SHORT_DATE_PATTERN})\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?"
    rf"(?P<end>{dates.SHORT_DATE_PATTERN})")
_UNTIL = re.compile(rf"(?:đến|tới)\s+(?:hết\s+)?ngày\s+(?P<end>{dates.SHORT_DATE_PATTERN})")
_DAYS_NIGHTS = re.compile(r"(?P<days>\d{1,3})\s+ngày,?\s+đêm")
_QUOTED = re.compile(r"[“\"](?P<name>[^”\"]{3,200})[”\"]")


@functools.lru_cache(maxsize=8)
def _reference_pattern(types: tuple[doctypes.DocumentType, ...]) -> re.Pattern:
    """An appendix's "(Kèm theo Kế hoạch số …)" line, for every registered
    type, by its name or its symbol code."""
    names = "|".join(re.escape(word) for t in types for word in (t.name, t.symbol_prefix) if word)
    return re.compile(
        rf"\(?\s*Kèm theo\s+(?:{names})\s+số\s*:?\s*(?P<number>\d+)?\s*/\s*(?P<symbol>[A-ZĐ0-9-]+)\s*"
        r"(?P<date>.*?)\s+của\s+(?P<issuer>.+?)\s*\)?\s*$", re.IGNORECASE)


def _title_type(text: str) -> doctypes.DocumentType | None:
    """The type whose title line (ô 5a) ``text`` is, diacritics optional."""
    return next((t for t in doctypes.ALL.values() if plain(text) == plain(t.title)), None)


def _titles() -> str:
    return ", ".join(f"“{t.title}”" for t in doctypes.ALL.values())


_PURPOSE = re.compile(
    r"(?P<name>.*?)\s*\((?P<purpose>(?:để|đề)\s[^()]*|b/c|t/h|p/h|báo cáo|chỉ đạo|thực hiện|theo dõi|"
    r"phối hợp|biết|thi hành|chỉ đạo thực hiện|phối hợp thực hiện|t/d|th)\)\s*$", re.IGNORECASE)
_SIGNED = re.compile(r"\(?\s*(?:đã ký|ký|ký tên|ký,? ghi rõ họ tên|ký,? đóng dấu|ký tên,? đóng dấu)[^)]*\)?",
                     re.IGNORECASE)
_ORGANISATION = re.compile(
    r"(?:Đề nghị\s+)?(?:Công an|Sở|Ban|Báo|Đài|Ủy ban|Uỷ ban|UBND|Phòng|Bộ|Trung tâm|Văn phòng|Hội|Đoàn|"
    r"Liên đoàn|Mặt trận|Ủy ban Mặt trận|Cục|Chi cục|Tòa án|Viện|Trường|Bảo hiểm|Ngân hàng|Bưu điện|"
    r"Viettel|VNPT|MobiFone|Các|Tổ công tác|Tổ|Hạt|Đội|Thanh tra|Kho bạc|Chi nhánh|Điện lực|Quân sự|"
    r"BCH|Ban Chỉ huy|Bộ Chỉ huy|Huyện đoàn|Tỉnh đoàn|Thành đoàn|Đảng ủy|Đảng uỷ|Hội đồng|Công ty|"
    r"Doanh nghiệp|Giám đốc|Thủ trưởng|Chủ tịch|Cơ quan|Đơn vị|Lực lượng|Trạm|Bệnh viện|Ngành|Thường trực|"
    r"Bộ phận|BĐH|BÐH|Ban điều hành|Tài chính|Công chức|Cán bộ|Trưởng)\b")
_LOCALITY_END = re.compile(rf"(?i:\b(?:{LEVEL_RE}|khu dân cư|cấp xã|cấp huyện|cấp tỉnh|địa bàn))\s*$")
_APPENDIX = re.compile(r"PHỤ\s+LỤC(?:\s+(?:SỐ\s+)?[0-9IVXLC]+)?\s*\.?\s*$|Phụ\s+lục(?:\s+(?:số\s+)?[0-9IVXLC]+)\s*\.?\s*$")


def _authority_line(text: str) -> bool:
    if re.match(PREFIX_PATTERN + r"\s*\S", text):
        return letters_upper(text, 0.7)
    return letters_upper(text, 0.9) and len(text) <= 60 and not text.startswith(("-", "+"))


# --- the parser ----------------------------------------------------------------------


class _Parser:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.warnings: list[ImportWarning] = []
        self.held: dict[str, str] = {}
        self.data: dict = {}
        self.items: list = []  # Line | SourceTable (appendix tables)
        self.doc_type = doctypes.get(None)  # until the title line says otherwise

    def warn(self, paragraph: int, message: str, path: str | None = None) -> None:
        self.warnings.append(ImportWarning(paragraph, message, path))

    # -- flattening: tables outside appendices are read as their paragraphs --

    def flatten(self) -> None:
        in_appendix = False
        for block in self.source.blocks:
            if isinstance(block, SourceTable):
                if in_appendix or self._data_table(block):
                    self.items.append(block)
                    continue
                for row in block.rows:
                    for cell in row:
                        if not cell.merged_above:
                            self.items.extend(source_lines(cell.paragraphs))
                continue
            for line in source_lines([block]):
                if _APPENDIX.match(line.text) and (line.emphasised or letters_upper(line.text)):
                    in_appendix = True
                self.items.append(line)

    @staticmethod
    def _data_table(table: SourceTable) -> bool:
        """A table of figures (an appendix's), not a layout table (header, signature)."""
        cells = [cell.text for row in table.rows for cell in row]
        return len(table.rows) >= 3 and sum(looks_numeric(c) for c in cells) >= len(table.rows)

    # -- the whole document --

    def parse(self) -> dict:
        self.flatten()
        lines = self.items
        doc_type = next((i for i, item in enumerate(lines)
                         if isinstance(item, Line) and len(item.text) < 20 and _title_type(item.text)), None)
        letter = type_parts.letter_header(lines) if doc_type is None else None
        doc_type_missing = doc_type is None and letter is None
        if doc_type is not None:
            self.doc_type = _title_type(lines[doc_type].text)
        elif letter is not None:
            self.doc_type = letter.doc_type
        if self.doc_type.key != doctypes.DEFAULT:
            self.data["type"] = self.doc_type.key
        if letter is not None:
            header_lines = [line for line in lines[:letter.end] if line is not letter.subject_line]
            rest = lines[letter.end:]
        elif doc_type is None:
            doc_type = self._header_end(lines)
            label = next((i for i, item in enumerate(lines) if isinstance(item, Line) and _APPENDIX.match(item.text)),
                         None)
            doc_type = min(doc_type, label) if label is not None else doc_type
            self.warn(_number(lines, doc_type), f"không thấy dòng tên loại văn bản ({_titles()}); "
                      "phần trước đoạn này được đọc là phần đầu văn bản")
            header_lines, rest = lines[:doc_type], lines[doc_type:]
        else:
            header_lines, rest = lines[:doc_type], lines[doc_type + 1:]
        self.header_lines = [line for line in header_lines if isinstance(line, Line)]
        if letter is not None:
            self.subject_at = letter.subject_line.number
            self.data["subject"] = letter.subject or "…"
        else:
            rest = rest[self._subject(rest):]
        rest = type_parts.take_addressees(self, rest)
        rest, attached = type_parts.split_attached(self, rest)
        appendix_at = next((i for i, item in enumerate(rest) if isinstance(item, Line)
                            and _APPENDIX.match(item.text) and (item.emphasised or letters_upper(item.text))),
                           len(rest))
        body, appendices = rest[:appendix_at], rest[appendix_at:]
        footer_at = self._footer_start(body)
        self._body(type_parts.take_body_parts(self, body[:footer_at]))
        type_parts.drop_cited(self)
        self._footer(body[footer_at:])
        type_parts.read_attached(self, attached)
        self._appendices(appendices)
        self.no_landmarks = doc_type_missing and not self.sections and footer_at == len(body) and not appendices
        self._header(self.header_lines)
        self._campaign()
        self._appendix_columns()
        return self.data

    def _header_end(self, lines) -> int:
        for i, item in enumerate(lines):
            if not isinstance(item, Line):
                return i
            text = item.text
            if not (letters_upper(text) or _NUMBER.match(text) or _DATE_LINE.fullmatch(text) or is_rule(text)
                    or plain(text) == "doc lap tu do hanh phuc"):
                return i
        return len(lines)

    # -- header (ô 1-4) --

    def _header(self, lines: list[Line]) -> None:
        header: dict = {}
        issuers: list[Line] = []
        motto = False
        for line in [piece for line in lines for piece in tab_pieces(line)]:
            text = line.text
            key = plain(text)
            if is_rule(text) or not key:
                continue
            if key.startswith("cong hoa xa hoi chu nghia viet nam"):
                motto = True
                continue
            if key == "doc lap tu do hanh phuc":
                motto = True
                continue
            match = _NUMBER.fullmatch(text)
            if match:
                if match.group("number"):
                    header["number"] = int(match.group("number"))
                header["symbol"] = type_parts.symbol_case(re.sub(r"\s+", "", match.group("symbol")))
                continue
            match = _DATE_LINE.fullmatch(text)
            if match and match.group("place"):
                self._date_line(header, match, line.number)
                continue
            stamp = marks.read_stamp(text)
            if stamp and letters_upper(text):  # ô 10a, 10b: the secrecy and urgency stamps
                self.data[stamp[0]] = stamp[1]
                continue
            if letters_upper(text):
                issuers.append(line)
                continue
            self.stray(line, "nằm ở phần đầu văn bản nhưng không phải tên cơ quan, số, ký hiệu hay ngày tháng",
                       to_opening=True)
        self.motto = motto
        if issuers:
            self._issuers(header, issuers)
        self._infer_header(header, lines)
        self.data["header"] = {key: header[key] for key in
                               ("parent_body", "issuing_body", "issuer_name", "number", "symbol", "place", "date")
                               if header.get(key) is not None}

    def _date_line(self, header: dict, match: re.Match, number: int) -> None:
        header["place"] = clean_line(match.group("place"))
        day = int(match.group("day")) if match.group("day") else None
        header["date"] = {"year": int(match.group("year")), "month": int(match.group("month"))}
        if day:
            header["date"]["day"] = day
        try:
            dt.date(int(match.group("year")), int(match.group("month")), day or 1)
        except ValueError:
            self.warn(number, f"ngày ban hành “{match.group(0).strip()}” không có trong lịch", "header.date")

    def _issuers(self, header: dict, issuers: list[Line]) -> None:
        texts = [line.text for line in issuers]
        parent = None
        styles = [(line.style or "").lower() for line in issuers]
        if "dg parent" in styles[0]:
            parent = texts.pop(0)
        elif len(texts) >= 2 and complete_body(texts[0]) and (
                not starts_with_level(texts[1]) or (not issuers[0].bold and all(x.bold for x in issuers[1:]))):
            parent = texts.pop(0)
        lines: list[str] = []
        for text in texts:
            lines.extend(split_issuer(text))
        header["parent_body"] = parent
        header["issuing_body"] = lines

    def _infer_header(self, header: dict, lines: list[Line]) -> None:
        """What the source leaves out, from where the text states it."""
        first = lines[0].number if lines else 1
        reference = getattr(self, "reference", None)
        if reference:
            number, symbol, date, issuer, at = reference
            if "number" not in header and number:
                header["number"] = number
                self.warn(at, f"số văn bản {number} lấy từ dòng “{self.doc_type.attached_words} …” của phụ lục",
                          "header.number")
            elif number and header.get("number") not in (None, number):
                self.warn(at, f"phụ lục ghi số {number}, phần đầu ghi số {header['number']}", "header.number")
            if "symbol" not in header and symbol:
                header["symbol"] = symbol
            if "date" not in header and date:
                header["date"] = date
                self.warn(at, f"ngày ban hành lấy từ dòng “{self.doc_type.attached_words} …” của phụ lục",
                          "header.date")
            if issuer and len(issuer.split()) > 3 and not issuer.lower().startswith("ubnd"):
                header.setdefault("issuer_name", issuer)
        level, name, at = self._issuing_sentence()
        if not header.get("place"):
            place = name or self._named_place(level) or (level[0].upper() + level[1:] if level else None)
            if place:
                header["place"] = place
                self.warn(at or first, f"văn bản không có dòng địa danh, ngày tháng; địa danh “{place}” "
                          "suy ra từ nội dung, cần kiểm tra", "header.place")
            else:
                header["place"] = "…"
                self.warn(first, "không tìm thấy địa danh (dòng “…, ngày … tháng … năm …”): cần điền", "header.place")
        if not header.get("issuing_body"):
            body = self._body_of_signer() or "ỦY BAN NHÂN DÂN"
            if level:
                place = header["place"]
                second = vn.upper_vn(level if not name and vn.same_text(place, level, casefold=True)
                                     else f"{level} {place if name is None or vn.same_text(place, name, casefold=True) else name}")
                header["issuing_body"] = [body, second]
            else:
                header["issuing_body"] = [body]
            self.warn(at or first, "văn bản không có tên cơ quan ban hành ở phần đầu; đã suy ra “"
                      + " / ".join(header["issuing_body"]) + "” từ nội dung, cần kiểm tra", "header.issuing_body")
        if "date" not in header:
            date, at_date = self._latest_date()
            if date:
                header["date"] = {"year": date.year, "month": date.month}
                self.warn(at_date, f"văn bản không có ngày ban hành; lấy tháng {date.month}/{date.year} theo ngày "
                          "gần nhất nêu trong phần mở đầu, cần kiểm tra", "header.date")
            else:
                today = dates.vietnam_today()
                header["date"] = {"year": today.year, "month": today.month}
                self.warn(first, "không tìm thấy ngày ban hành; tạm ghi tháng hiện tại, cần sửa", "header.date")
        if not header.get("issuer_name"):
            header["issuer_name"] = issuer_name(header["issuing_body"], header["place"])
        if not self.motto and self.source.kind == "docx":
            self.warn(first, "văn bản gốc thiếu quốc hiệu, tiêu ngữ; bản mới in đủ theo Nghị định 30")

    def _issuing_sentence(self) -> tuple[str | None, str | None, int | None]:
        texts = [(text, at) for text, at in reversed(self.opening_texts)]
        texts += [(self.data.get("subject", ""), self.subject_at)]
        for text, at in texts:
            match = _ISSUING_SENTENCE.search(text)
            if match:
                name = match.group("name").strip() or None
                level = match.group("level")
                return level, name, at
        reference = getattr(self, "reference", None)
        if reference:
            match = re.match(rf"(?i:{_UBND})\s+(?P<level>(?i:{LEVEL_RE}))(?P<name>{_NAME_WORDS})\s*$", reference[3])
            if match:
                return match.group("level"), match.group("name").strip() or None, reference[4]
        return None, None, None

    def _named_place(self, level: str | None) -> str | None:
        if not level:
            return None
        for text in [self.data.get("subject", "")] + [t for t, _ in self.opening_texts]:
            for match in _PLACE_OF.finditer(text):
                if match.group("level").lower() == level.lower():
                    return match.group("name").strip()
        return None

    def _body_of_signer(self) -> str | None:
        authority = self.data.get("signer", {}).get("authority") or []
        if authority and authority[0].startswith("TM."):
            return authority[0][3:].strip()
        return None

    def _latest_date(self) -> tuple[dt.date | None, int]:
        latest, at = None, 0
        for text, number in self.opening_texts:
            for match in _SHORT_DATE.finditer(text):
                try:
                    date = dates.read_date(match.group())
                except ValueError:
                    continue
                if latest is None or date > latest:
                    latest, at = date, number
        return latest, at

    # -- subject (trích yếu) --

    def _subject(self, rest: list) -> int:
        """Index in ``rest`` after the subject lines."""
        self.subject_at = rest[0].number if rest and isinstance(rest[0], Line) else 0
        if not rest or not isinstance(rest[0], Line) or _APPENDIX.match(rest[0].text):
            self.data["subject"] = "…"
            self.warn(self.subject_at, f"không tìm thấy trích yếu (tên {self.doc_type.noun}) sau dòng "
                      f"“{self.doc_type.title}”: cần điền", "subject")
            return 0
        first = rest[0]
        parts = [first]
        end = 1
        set_off = first.emphasised or (first.align == "center") or "subject" in (first.style or "").lower()
        while set_off and end < len(rest):
            item = rest[end]
            if not isinstance(item, Line) or is_rule(item.text):
                break
            same = (item.emphasised == first.emphasised and item.align == first.align
                    and (item.style or "") == (first.style or ""))
            if not same or _opening_start(item.text) or _section_title(item):
                break
            parts.append(item)
            end += 1
        while end < len(rest) and isinstance(rest[end], Line) and is_rule(rest[end].text):
            end += 1
        self.data["subject"] = " ".join(p.markup() for p in parts)
        return end

    # -- body: opening and sections --

    def _body(self, items: list) -> None:
        self.opening_texts: list[tuple[str, int]] = []
        opening: list[str] = []
        sections: list[dict] = []
        self.sections = sections
        state = _SectionState()
        for item in items:
            if isinstance(item, SourceTable):
                self._table_as_paragraphs(item)
                continue
            text = item.text
            if is_rule(text):
                continue
            if _section_title(item):
                label = leading_label(text)
                numeral = label[1].rstrip(".")
                title = text[label[2]:].strip()
                section = {"title": vn.upper_vn(title) if letters_upper(title, 0.6) else title, "blocks": []}
                expected = vn.roman(len(sections) + 1)
                if numeral != expected:
                    section["number"] = numeral
                state.end_unit()
                sections.append(section)
                state = _SectionState()
                continue
            if not sections:
                opening.append(item.markup())
                self.opening_texts.append((item.text, item.number))
                continue
            self._block(sections[-1], item, state, len(sections) - 1)
        state.end_unit()
        if items or "opening" not in self.data:  # a decision's bases are read apart (type_parts)
            self.data["opening"] = opening
        self.data["sections"] = sections
        if not sections and items and self.doc_type.has("sections"):
            self.warn(items[0].number if isinstance(items[0], Line) else items[0].number,
                      "không thấy mục nào đánh số La Mã (I., II., …): toàn bộ nội dung được để ở phần mở đầu", "sections")

    def _block(self, section: dict, line: Line, state: "_SectionState", index: int) -> None:
        blocks = section["blocks"]
        text = line.text
        label = leading_label(text)
        shape, mark, end = label if label else (None, None, 0)
        rest_spans = cut_spans(line.spans, len(line.spans[0].text) - len(line.spans[0].text.lstrip()) + end) if label else line.spans
        unit = state.unit
        if shape == "number" and mark.count(".") >= 2:
            state.end_unit()
            title = markup(rest_spans, drop_bold=line.emphasised)
            block = {"kind": "subheading", "title": title}
            run_on = re.match(r"([^:*]{3,80}:)\s+(\S.*)", title)
            if run_on:  # "3.1. Đối với …: text" prints a sub-heading's title and its text as one line
                block = {"kind": "subheading", "title": run_on.group(1), "text": run_on.group(2)}
            expected = f"{state.top}.{state.sub + 1}."
            state.sub += 1
            if mark != expected:
                block["number"] = mark
            blocks.append(block)
            return
        if shape == "number" or shape == "roman":
            state.end_unit()
            number = mark
            block = self._numbered(line, rest_spans, index)
            expected = f"{state.top + 1}."
            match = re.match(r"(\d+)\.$", number)
            if number != expected:
                block["number"] = number
            state.top = int(match.group(1)) if match else state.top + 1
            state.sub = 0
            blocks.append(block)
            if block["kind"] == "unit":
                state.unit = block
                state.unit_bulleted = None
            return
        if shape == "dash":
            body = markup(rest_spans)
            if unit is not None and mark in "-–—•" and (state.unit_bulleted is not False):
                unit["tasks"].append(body)
                state.unit_bulleted = True
                return
            state.end_unit()
            blocks.append({"kind": "subbullet" if mark == "+" else "bullet", "text": body})
            return
        if shape in ("letter", "bracket"):
            state.end_unit()
            blocks.append({"kind": "item", "label": mark, "text": markup(rest_spans)})
            return
        if unit is not None and not unit.get("run_in") and state.unit_bulleted is None and not unit["tasks"]:
            unit["tasks"].append(line.markup())
            state.unit_bulleted = False
            return
        if unit is not None and state.unit_bulleted is False and not unit.get("run_in"):
            unit["tasks"].append(line.markup())
            return
        state.end_unit()
        blocks.append({"kind": "paragraph", "text": line.markup()})

    def _numbered(self, line: Line, spans: list[Span], index: int) -> dict:
        """``1. …``: a heading (set off), a heading with run-on text (its
        title set off, ``2. Thời gian thực hiện:`` Từ ngày …), a unit
        (an organisation's name as the heading), or a numbered paragraph."""
        # a short line without a sentence's end is a title even when the
        # source did not set it off (plain text; a file formatted by hand)
        whole = line.emphasised or (not any(s.bold for s in spans) and _title_shape(markup(spans)))
        if whole:
            title = markup(spans, drop_bold=True)
            if _organisation(title) and not title.rstrip().endswith(":") and self._assignments(index):
                return _unit(title)
            return {"kind": "heading", "title": title}
        # a bold lead (the title) then plain text
        bold_chars = 0
        for span in spans:
            if span.bold or not span.text.strip():
                bold_chars += len(span.text)
                continue
            break
        head, tail = split_spans(spans, bold_chars)
        head_text = "".join(s.text for s in head).strip()
        if line.spans and line.spans[0].bold and head_text and tail:
            title = markup(head, drop_bold=True)
            text = markup(tail)
            if _organisation(title) and self._assignments(index):
                unit = _unit(title.rstrip().rstrip(":").rstrip())
                unit["run_in"] = True
                unit["tasks"].append(text)
                return unit
            return {"kind": "heading", "title": title, "text": text}
        return {"kind": "numbered", "text": markup(spans)}

    def _assignments(self, index: int) -> bool:
        """Whether section ``index`` assigns tasks (NHIỆM VỤ, TỔ CHỨC THỰC HIỆN, PHÂN CÔNG)."""
        title = plain(self.sections[index]["title"])
        return any(word in title for word in ("nhiem vu", "to chuc thuc hien", "phan cong", "trach nhiem"))

    def _table_as_paragraphs(self, table: SourceTable) -> None:
        self.warn(table.number, "bảng trong thân văn bản được chuyển thành các đoạn văn")
        for row in table.rows:
            text = " | ".join(cell.text.replace("\n", " ") for cell in row)
            self.stray(Line(table.number, [Span(text)]), None)

    def stray(self, line: Line, why: str | None, to_opening: bool = False) -> None:
        """Text that fits no part: an ordinary paragraph in the nearest section."""
        sections = self.data.get("sections") or getattr(self, "sections", None)
        if sections and not to_opening:
            blocks = sections[-1]["blocks"]
            path = f"sections.{len(sections) - 1}.blocks.{len(blocks)}"
            blocks.append({"kind": "paragraph", "text": line.markup()})
        else:
            self.data.setdefault("opening", [])
            path = f"opening.{len(self.data['opening'])}"
            self.data["opening"].append(line.markup())
            self.opening_texts = getattr(self, "opening_texts", [])
        if why:
            self.warn(line.number, f"“{_short(line.text)}” {why}; đã để thành đoạn văn thường", path)

    # -- recipients and signer --

    def _footer_start(self, body: list) -> int:
        for i, item in enumerate(body):
            if isinstance(item, Line) and _recipients_label(item.text):
                return i
        # no "Nơi nhận": the signer's authority lines near the end
        for i in range(len(body) - 1, max(-1, len(body) - 8), -1):
            item = body[i]
            if isinstance(item, Line) and re.match(PREFIX_PATTERN + r"\s", item.text) and _authority_line(item.text):
                start = i
                while start > 0 and isinstance(body[start - 1], Line) and _authority_line(body[start - 1].text) \
                        and not _section_title(body[start - 1]):
                    start -= 1
                return start
        return len(body)

    def _footer(self, items: list) -> None:
        recipients: list[dict] = []
        authority: list[str] = []
        name = None
        archive = None
        first = items[0].number if items else (self.items[-1].number if self.items else 0)
        for item in items:
            if isinstance(item, SourceTable):
                self._table_as_paragraphs(item)
                continue
            text = item.text
            if _recipients_label(text) or is_rule(text):
                rest = re.sub(r"^\W*Nơi nhận\s*:?\s*", "", text, flags=re.IGNORECASE)
                if rest and rest != text and not is_rule(text):
                    text = rest
                else:
                    continue
            bare = re.sub(r"^[-+•–]\s*", "", text)
            if re.match(r"Lưu\b", bare, re.IGNORECASE):
                archive = re.sub(r"^Lưu\s*:?\s*", "", bare, flags=re.IGNORECASE).rstrip(".").strip()
                continue
            if text.startswith(("-", "+", "•", "–")):
                recipients.append(_recipient(bare))
                continue
            if _SIGNED.fullmatch(text):
                self.warn(item.number, f"bỏ dòng “{text}” (chữ ký, con dấu do người ký thêm)", "signer")
                continue
            if _authority_line(text) and name is None:
                authority.append(vn.upper_vn(text))
                continue
            if authority and name is None and _person_name(text):
                name = text
                continue
            if not authority and not recipients and _person_name(text) and name is None:
                self.stray(item, "không rõ thuộc phần nào")
                continue
            self.stray(item, "nằm ở phần nơi nhận, chữ ký nhưng không phải nơi nhận, thẩm quyền ký hay họ tên")
        self.data["recipients"] = recipients
        if archive:
            self.data["archive"] = archive
        else:
            self.warn(first, "không thấy dòng “Lưu: …”; ghi tạm “VT”", "archive")
        signer: dict = {}
        if authority:
            signer["authority"] = authority
        else:
            signer["authority"] = ["CHỦ TỊCH"]
            self.warn(first, "không thấy thẩm quyền ký (TM., KT., chức vụ); ghi tạm “CHỦ TỊCH”, cần sửa",
                      "signer.authority")
        if name:
            signer["name"] = name
        else:
            signer["name"] = "…"
            self.warn(first, "không thấy họ tên người ký: cần điền", "signer.name")
        self.data["signer"] = signer

    # -- appendices --

    def _appendices(self, items: list) -> None:
        appendices: list[dict] = []
        current: dict | None = None
        for item in items:
            if isinstance(item, SourceTable):
                if current is None or "grid" in current:
                    self._table_as_paragraphs(item)
                    continue
                current["grid"] = item
                continue
            text = item.text
            if _APPENDIX.match(text) and (item.emphasised or letters_upper(text)):
                current = {"at": item.number, "title": [], "notes": []}
                appendices.append(current)
                continue
            if current is None:
                self.stray(item, "không rõ thuộc phần nào")
                continue
            reference = _reference_pattern(tuple(doctypes.ALL.values())).fullmatch(text)
            if reference:
                self._reference(reference, item.number)
                continue
            if "grid" in current:
                current["notes"].append(item)
                continue
            if text.startswith("(") and text.endswith(")") or item.italic:
                if "subtitle" in current:
                    current["notes"].append(item)
                else:
                    current["subtitle"] = text
                continue
            current["title"].append(item)
        self.data["appendices"] = []
        self.pending_appendices = appendices

    def _reference(self, match: re.Match, number: int) -> None:
        date = None
        when = match.group("date")
        dated = _DATE_LINE.search(when) or None
        short = _SHORT_DATE.search(when)
        if dated:
            date = {"year": int(dated.group("year")), "month": int(dated.group("month"))}
            if dated.group("day"):
                date["day"] = int(dated.group("day"))
        elif short:
            try:
                day = dates.read_date(short.group())
                date = {"year": day.year, "month": day.month, "day": day.day}
            except ValueError:
                pass
        number_value = int(match.group("number")) if match.group("number") else None
        issuer = clean_line(match.group("issuer")).rstrip(")").strip()
        self.reference = (number_value, match.group("symbol").upper(), date, issuer, number)

    def _appendix_columns(self) -> None:
        days = None
        campaign = self.data.get("campaign") or {}
        if campaign.get("days"):
            days = campaign["days"]
        elif campaign.get("start") and campaign.get("end"):
            days = dates.campaign_days(dates.read_date(campaign["start"]), dates.read_date(campaign["end"]))
        for index, pending in enumerate(self.pending_appendices):
            path = f"appendices.{len(self.data['appendices'])}"
            title = " ".join(line.text for line in pending["title"]).strip()
            table = pending.get("grid")
            for note in pending["notes"]:
                self.stray(note, "nằm trong phụ lục nhưng không phải tên, dòng dưới tên hay bảng")
            if table is None:
                self.warn(pending["at"], "phụ lục không có bảng số liệu: nội dung được để thành đoạn văn", path)
                for line in pending["title"]:
                    self.stray(line, None)
                continue
            appendix = appendix_from_table(table, days, self.warn, path, self.held.__setitem__)
            appendix = {"title": title or "…", **({"subtitle": pending["subtitle"]} if pending.get("subtitle") else {}),
                        **appendix}
            if not title:
                self.warn(pending["at"], "phụ lục không có tên: cần điền", f"{path}.title")
            self.data["appendices"].append(appendix)

    # -- campaign --

    def _campaign(self) -> None:
        subject = self.data.get("subject", "")
        texts = [subject] + [t for t, _ in self.opening_texts] + list(_section_texts(self.data.get("sections", [])))
        campaign: dict = {}
        for text in texts[:1 + len(self.opening_texts)]:  # the campaign's own length, not another's
            match = _DAYS_NIGHTS.search(text)
            if match:
                campaign["name"] = f"{match.group('days')} ngày, đêm"
                campaign["days"] = int(match.group("days"))
                break
        if "name" not in campaign:
            for match in _QUOTED.finditer(subject):
                name = match.group("name").strip()
                if plain(name).startswith(("chien dich", "dot cao diem", "cao diem")):
                    campaign["name"] = name
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
                    campaign["start"], campaign["end"] = dates.short_date(start), dates.short_date(end)
                    break
        if "end" not in campaign and campaign:
            for text in texts:
                if "thời gian" not in text.lower() and "từ ngày ban hành" not in text.lower():
                    continue
                match = _UNTIL.search(text)
                if match:
                    try:
                        campaign["end"] = dates.short_date(dates.read_date(match.group("end")))
                    except ValueError:
                        pass
                    break
        area = _AREA.search(subject)
        if area and campaign:
            campaign["area"] = area.group("area")
        if campaign and self.doc_type.campaign:
            self.data["campaign"] = campaign


class _SectionState:
    def __init__(self) -> None:
        self.top = 0
        self.sub = 0
        self.unit: dict | None = None
        self.unit_bulleted: bool | None = None

    def end_unit(self) -> None:
        unit = self.unit
        if unit is not None:
            tasks = len(unit["tasks"])
            bulleted = self.unit_bulleted
            if bulleted and tasks == 1:
                unit["bullets"] = True
            elif bulleted is False and tasks > 1:
                unit["bullets"] = False
        self.unit = None
        self.unit_bulleted = None


def _title_shape(text: str) -> bool:
    """``Chỉ tiêu thực hiện``, ``Công an tỉnh``: short, no sentence ending."""
    return len(text) <= 90 and not re.search(r"[.;,]\s*$", text) and ": " not in text


def _unit(title: str) -> dict:
    name = title.strip()
    unit: dict = {"kind": "unit", "name": name, "tasks": []}
    match = re.match(r"Đề nghị\s+", name)
    if match:
        unit["name"] = name[match.end():]
        unit["requested"] = True
    return unit


def _organisation(title: str) -> bool:
    """Whether a heading names a unit (an assignment) rather than a topic."""
    name = re.sub(r"[*\\]", "", title).strip()
    return bool(_ORGANISATION.match(name) or _LOCALITY_END.search(name))


def _recipients_label(text: str) -> bool:
    """``Nơi nhận:`` (any case, with or without diacritics)."""
    return plain(text[:12]).startswith("noi nhan")


def _section_title(line) -> bool:
    if not isinstance(line, Line):
        return False
    label = leading_label(line.text)
    if not label or label[0] != "roman":
        return False
    title = line.text[label[2]:].strip()
    return bool(title) and (letters_upper(title, 0.6) or line.emphasised)


def _opening_start(text: str) -> bool:
    return bool(re.match(r"(Căn cứ|Thực hiện|Theo|Nhằm|Để|Trong|Hiện nay|Ngày)\b", text))


def _section_texts(sections: list[dict]):
    for section in sections:
        for block in section["blocks"]:
            for key in ("title", "text"):
                if block.get(key):
                    yield f"{block.get('title', '')} {block.get('text', '')}"
                    break
            for task in block.get("tasks", []):
                yield task


def _recipient(text: str) -> dict:
    text = text.strip().rstrip(";.,").strip()
    match = _PURPOSE.fullmatch(text)
    if match and match.group("name").strip():
        return {"name": match.group("name").strip(), "purpose": match.group("purpose").strip()}
    return {"name": text}


def _person_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in text) \
        and not letters_upper(text, 0.9)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _number(lines: list, index: int) -> int:
    if index < len(lines):
        return lines[index].number
    return lines[-1].number if lines else 0


# --- entry point ---------------------------------------------------------------------


def parse_source(source: Source) -> ImportResult:
    """The plan a Source holds, with warnings; raises :class:`ImportRefused`
    when there is nothing to read."""
    if not any(isinstance(b, SourceTable) or b.text.strip() for b in source.blocks):
        raise ImportRefused("văn bản trống: không có đoạn văn nào để đọc")
    parser = _Parser(source)
    data = parser.parse()
    if parser.no_landmarks:
        raise ImportRefused(f"không nhận ra {doctypes.get(None).noun} hay văn bản nào: không có dòng tên loại "
                            f"văn bản ({_titles()}), mục đánh số La Mã (I., II.) hay phần nơi nhận, chữ ký")
    data = {key: data[key] for key in ("type", "header", "secrecy", "urgency", "subject", "addressees", "reference", "decider", "meeting",
                                       "opening", "sections", "articles", "attached", "campaign", "recipients",
                                       "archive", "signer", "appendices") if key in data}
    try:
        plan = parse_plan_data(data, "import")
    except PlanFileError as error:
        raise ImportRefused("; ".join(str(e) for e in error.errors)) from None
    return ImportResult(plan, data, sorted(parser.warnings, key=lambda w: w.paragraph), parser.held)
