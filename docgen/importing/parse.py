"""Source -> Plan: the structure reader (:mod:`docgen.importing.structure`)
finds the landmarks of the Decree-30 document; this module makes them the
plan's fields, and says in a warning everything it inferred or could not
place.

What the source lacks is taken from where the text states it
(:mod:`.inferred`: the issuing sentence, the appendix's "Kèm theo … số …"
line, the signer's "TM. …", the opening's dates) and said in a warning; what
nothing states is left empty ("…", no date), never filled with this month
or a word from elsewhere. Text that fits nowhere becomes an ordinary
paragraph in the nearest section, with a warning citing its paragraph. A
plan a decision issues is imported with the decision as its reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import doctypes
from ..plan.files import PlanFileError, parse_plan_data
from ..plan.model import Plan
from ..vietnamese import dates, vn
from . import inferred
from .appendix_table import appendix_from_table
from .blocks import section_blocks
from .campaign import campaign
from .header import issuer_name
from .lines import Line, is_rule, letters_upper
from .source import Source, SourceTable, Span
from .structure import Structure, read_structure
from .structure.footer import person_name


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
    plan: Plan | None               # None when a field it needs was not found (``errors``; see parse_source)
    data: dict                      # the plan as data (what the YAML file holds)
    warnings: list[ImportWarning] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)  # figures left out (1,240: two readings), by cell path
    errors: list = field(default_factory=list)  # FieldError: what the plan lacks when ``plan`` is None


class ImportRefused(ValueError):
    """The input holds no plan that can be read; the message (Vietnamese)
    says why."""


def _titles() -> str:
    return ", ".join(f"“{t.title}”" for t in doctypes.ALL.values())


class _Builder:
    def __init__(self, structure: Structure, source: Source) -> None:
        self.s = structure
        self.source = source
        self.warnings: list[ImportWarning] = []
        self.held: dict[str, str] = {}
        self.data: dict = {"opening": [], "sections": []}
        self.opening_texts: list[tuple[str, int]] = []
        self.reference: tuple | None = None  # an appendix's "(Kèm theo …)" line: (type, number, symbol, date, issuer)
        self.doc_type = doctypes.get(None)

    def warn(self, paragraph: int, message: str, path: str | None = None) -> None:
        self.warnings.append(ImportWarning(paragraph, message, path))

    def stray(self, line: Line, why: str | None, to_opening: bool = False) -> None:
        """Text that fits no part: an ordinary paragraph in the nearest section."""
        sections = self.data["sections"]
        if sections and not to_opening:
            blocks = sections[-1]["blocks"]
            path = f"sections.{len(sections) - 1}.blocks.{len(blocks)}"
            blocks.append({"kind": "paragraph", "text": line.markup()})
        else:
            path = f"opening.{len(self.data['opening'])}"
            self.data["opening"].append(line.markup())
        if why:
            self.warn(line.number, f"“{_short(line.text)}” {why}; đã để thành đoạn văn thường", path)

    def table_as_paragraphs(self, table: SourceTable, blocks: list | None = None) -> None:
        self.warn(table.number, "bảng trong thân văn bản được chuyển thành các đoạn văn")
        for row in table.rows:
            text = " | ".join(cell.text.replace("\n", " ") for cell in row)
            line = Line(table.number, [Span(text)])
            if blocks is not None:
                blocks.append({"kind": "paragraph", "text": line.markup()})
            else:
                self.stray(line, None)

    # -- the whole document --

    def build(self) -> dict:
        s = self.s
        for note in s.notes:
            self.warn(note.paragraph, note.message, note.path)
        self._type()
        self._subject()
        self._opening()
        self._sections()
        self._footer(s.footer if s.footer.label or s.footer.authority or not s.issued_by else s.issued_by.footer)
        self._appendices()
        self._header()
        found = campaign(self.data["subject"], [t for t, _ in self.opening_texts], self.data["sections"])
        if found:
            self.data["campaign"] = found
        self._appendix_columns(found)
        return self.data

    def _type(self) -> None:
        s = self.s
        if s.type is not None and doctypes.importable(s.type):
            self.doc_type = s.type
        if self.doc_type.key != doctypes.DEFAULT:
            self.data["type"] = self.doc_type.key
        if s.type_line is not None:
            return
        if s.doc_type is not None:
            self.warn(s.doc_type.paragraph, s.doc_type.note, "type")
        else:
            self.warn(s.subject_at, f"không thấy dòng tên loại văn bản ({_titles()}) hay ký hiệu nói loại văn bản; "
                      f"đọc như {self.doc_type.noun}, phần trước đoạn này là phần đầu văn bản", "type")

    def _subject(self) -> None:
        subject = self.s.subject
        if subject is not None:
            self.data["subject"] = subject.text
            return
        self.data["subject"] = "…"
        self.warn(self.s.subject_at, f"không tìm thấy trích yếu (tên {self.doc_type.noun}) sau dòng "
                  f"“{self.doc_type.title}”: cần điền", "subject")

    def _opening(self) -> None:
        for item in self.s.opening:
            if isinstance(item, SourceTable):
                self.table_as_paragraphs(item)
            elif not is_rule(item.text):
                self.data["opening"].append(item.markup())
                self.opening_texts.append((item.text, item.number))

    def _sections(self) -> None:
        s = self.s
        for index, division in enumerate(s.divisions):
            title = division.title.text
            section = {"title": vn.upper_vn(title) if letters_upper(title, 0.6) else title,
                       "blocks": section_blocks(division.items, title, self.table_as_paragraphs)}
            expected = vn.roman(index + 1)
            at = division.title.paragraph
            if division.scheme == "roman":
                if division.mark != expected:
                    section["number"] = division.mark
            elif division.scheme in self.doc_type.division_marks:
                section["number"] = division.mark
            else:
                self.warn(at, f"mục “{division.mark}” ({division.title.text}) được đánh số lại thành {expected}.",
                          f"sections.{index}")
            self.data["sections"].append(section)
        body = s.opening
        if not s.divisions and any(isinstance(item, Line) and not is_rule(item.text) for item in body):
            self.warn(body[0].number, "không thấy mục lớn nào (I., II., Phần thứ nhất, A., …): toàn bộ nội dung "
                      "được để ở phần mở đầu", "sections")

    # -- recipients and signer --

    def _footer(self, footer) -> None:
        s = self.s
        first = footer.label.number if footer.label else (
            footer.authority[0].number if footer.authority else _last_number(s.items))
        if footer is not s.footer:
            self.warn(first, "nơi nhận và người ký lấy từ văn bản ban hành (văn bản kèm theo không có phần này)",
                      "signer")
        for table in footer.tables:
            self.table_as_paragraphs(table)
        for line in footer.signed:
            self.warn(line.number, f"bỏ dòng “{line.text}” (chữ ký, con dấu do người ký thêm)", "signer")
        for line in footer.strays:
            why = "không rõ thuộc phần nào" if person_name(line.text) and not footer.authority \
                else "nằm ở phần nơi nhận, chữ ký nhưng không phải nơi nhận, thẩm quyền ký hay họ tên"
            self.stray(line, why)
        recipients = []
        for found in footer.recipients:
            name, purpose = found.value
            recipients.append({"name": name, **({"purpose": purpose} if purpose else {})})
        self.data["recipients"] = recipients
        if footer.archive is not None and footer.archive.value:
            self.data["archive"] = footer.archive.value
        else:
            self.warn(first, "không thấy dòng “Lưu: …”; ghi tạm “VT”", "archive")
        signer: dict = {"authority": [vn.upper_vn(line.text) for line in footer.authority] or ["…"]}
        if not footer.authority:
            self.warn(first, "không thấy thẩm quyền ký (TM., KT., chức vụ): cần điền", "signer.authority")
        signer["name"] = footer.name.text if footer.name else "…"
        if footer.name is None:
            self.warn(first, "không thấy họ tên người ký: cần điền", "signer.name")
        self.data["signer"] = signer

    # -- appendices --

    def _appendices(self) -> None:
        s = self.s
        for item in s.after:
            if isinstance(item, SourceTable):
                self.table_as_paragraphs(item)
            else:
                self.stray(item, "không rõ thuộc phần nào")
        for appendix in s.appendices:
            if appendix.reference is not None:
                self.reference = appendix.reference.value + (appendix.reference.paragraph,)

    def _appendix_columns(self, found_campaign: dict) -> None:
        days = found_campaign.get("days")
        if not days and found_campaign.get("start") and found_campaign.get("end"):
            days = dates.campaign_days(dates.read_date(found_campaign["start"]), dates.read_date(found_campaign["end"]))
        self.data["appendices"] = []
        for pending in self.s.appendices:
            path = f"appendices.{len(self.data['appendices'])}"
            title = " ".join(line.text for line in pending.title).strip()
            for note in pending.notes:
                if isinstance(note, SourceTable):
                    self.table_as_paragraphs(note)
                else:
                    self.stray(note, "nằm trong phụ lục nhưng không phải tên, dòng dưới tên hay bảng")
            if pending.table is None:
                self.warn(pending.label.number, "phụ lục không có bảng số liệu: nội dung được để thành đoạn văn", path)
                for line in pending.title:
                    self.stray(line, None)
                continue
            appendix = appendix_from_table(pending.table, days, self.warn, path, self.held.__setitem__)
            subtitle = {"subtitle": pending.subtitle.text} if pending.subtitle is not None else {}
            self.data["appendices"].append({"title": title or "…", **subtitle, **appendix})
            if not title:
                self.warn(pending.label.number, "phụ lục không có tên: cần điền", f"{path}.title")

    # -- header (ô 1-4) --

    def _header(self) -> None:
        s = self.s
        h = s.header
        header: dict = {}
        if h.parent is not None:
            header["parent_body"] = h.parent.value
        if h.issuing is not None:
            header["issuing_body"] = list(h.issuing.value)
        if h.number is not None:
            number, symbol = h.number.value
            if number is not None:
                header["number"] = number
            header["symbol"] = symbol
        if h.date is not None:
            self._date_line(header, h.date.value)
        for line in h.others:
            self.stray(line, "nằm ở phần đầu văn bản nhưng không phải tên cơ quan, số, ký hiệu hay ngày tháng",
                       to_opening=True)
        if s.issued_by is not None:
            self._issued_by(header)
        self._infer(header)
        self.data["header"] = {key: header[key] for key in
                               ("parent_body", "issuing_body", "issuer_name", "number", "symbol", "place", "date")
                               if header.get(key) is not None}

    @staticmethod
    def _date_line(header: dict, found) -> None:
        if found.place:
            header["place"] = found.place
        header["date"] = {"year": found.year, "month": found.month, **({"day": found.day} if found.day else {})}

    def _issued_by(self, header: dict) -> None:
        """The plan a decision issues: the decision's number and date become
        its reference; its issuer, place and date those the plan lacks."""
        outer = self.s.issued_by
        oh = outer.header
        if "issuing_body" not in header and oh.issuing is not None:
            header["issuing_body"] = list(oh.issuing.value)
            if oh.parent is not None:
                header.setdefault("parent_body", oh.parent.value)
        cited = self.s.reference.value if self.s.reference is not None else (None,) * 5
        number, symbol = oh.number.value if oh.number is not None else (cited[1], cited[2])
        if oh.date is not None:
            place_date = oh.date.value
            date = {"year": place_date.year, "month": place_date.month,
                    **({"day": place_date.day} if place_date.day else {})}
            if place_date.place and "place" not in header:
                header["place"] = place_date.place
        else:
            date = cited[3]
        outer_type = outer.type or cited[0]
        at = outer.items[0].number if outer.items and isinstance(outer.items[0], Line) else 0
        name = outer_type.name if outer_type else "văn bản"
        if "date" not in header and date:
            header["date"] = date
        if symbol and date:
            issuer = issuer_name(list(oh.issuing.value), header.get("place") or "") if oh.issuing else (
                cited[4] or "…")
            subject = re.sub(r"^\s*Về việc\s+", "", outer.subject.text if outer.subject else "", flags=re.IGNORECASE)
            self.data["reference"] = {"type_name": name, "symbol": symbol, "date": date, "issuer_name": issuer,
                                      **({"number": number} if number else {}), **({"subject": subject} if subject else {})}
        shown = f"{name} số {number or '…'}/{symbol}" if symbol else name
        self.warn(at, f"văn bản là {shown} ban hành kèm theo {self.doc_type.noun}: đã nhập {self.doc_type.noun} "
                  f"kèm theo; số, ngày của {name.lower()} ghi ở văn bản tham chiếu, nội dung của {name.lower()} "
                  "không nhập", "reference")

    def _infer(self, header: dict) -> None:
        """What the source leaves out, from where the text states it."""
        s = self.s
        first = s.items[0].number if s.items and isinstance(s.items[0], Line) else 1
        if self.reference:
            _, number, symbol, date, issuer, at = self.reference
            if "number" not in header and number and s.issued_by is None:
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
        texts = [(text, at) for text, at in reversed(self.opening_texts)]
        texts.append((self.data["subject"], s.subject_at))
        level, name, at = inferred.issuing_sentence(texts)
        if level is None and self.reference:
            level, name = inferred.issuer_in(self.reference[4])
            at = self.reference[5]
        if not header.get("place"):
            place = name or inferred.named_place(level, [self.data["subject"]] + [t for t, _ in self.opening_texts]) \
                or (level[0].upper() + level[1:] if level else None)
            if place:
                header["place"] = place
                self.warn(at or first, f"văn bản không có dòng địa danh, ngày tháng; địa danh “{place}” "
                          "suy ra từ nội dung, cần kiểm tra", "header.place")
            else:
                header["place"] = "…"
                self.warn(first, "không tìm thấy địa danh (dòng “…, ngày … tháng … năm …”): cần điền", "header.place")
        self._infer_issuer(header, level, name, at or first)
        if "date" not in header:
            date, at_date = inferred.latest_date(self.opening_texts)
            if date:
                header["date"] = {"year": date.year, "month": date.month}
                self.warn(at_date, f"văn bản không có ngày ban hành; lấy tháng {date.month}/{date.year} theo ngày "
                          "gần nhất nêu trong phần mở đầu, cần kiểm tra", "header.date")
            else:
                self.warn(first, "không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”): cần điền",
                          "header.date")
        if not header.get("issuer_name"):
            header["issuer_name"] = issuer_name(header["issuing_body"], header["place"])
        if s.header.nation is None and s.header.motto is None and self.source.kind == "docx":
            self.warn(first, "văn bản gốc thiếu quốc hiệu, tiêu ngữ; bản mới in đủ theo Nghị định 30")

    def _infer_issuer(self, header: dict, level: str | None, name: str | None, at: int) -> None:
        body = header.get("issuing_body")
        if body and not (len(body) == 1 and vn.same_text(body[0], "ỦY BAN NHÂN DÂN", casefold=True) and level):
            return
        signer = self.data.get("signer", {}).get("authority") or []
        head = body[0] if body else (signer[0][3:].strip() if signer and signer[0].startswith("TM.") else None)
        if level and head is None:
            head = "ỦY BAN NHÂN DÂN"
        if level and head:
            header["issuing_body"] = [head, inferred.body_line(level, header["place"], name)]
        elif head:
            header["issuing_body"] = [head]
        else:
            header["issuing_body"] = ["…"]
            self.warn(at, "không tìm thấy tên cơ quan ban hành: cần điền", "header.issuing_body")
            return
        self.warn(at, "văn bản không có tên cơ quan ban hành ở phần đầu; đã suy ra “"
                  + " / ".join(header["issuing_body"]) + "” từ nội dung, cần kiểm tra", "header.issuing_body")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _last_number(items: list) -> int:
    return items[-1].number if items else 0


def _refusal(structure: Structure) -> str | None:
    """Why the source holds no document docgen can import, or None."""
    s = structure
    doc_type = s.type
    if s.issued_by is None and doc_type is not None and not doctypes.importable(doc_type):
        known = ", ".join(t.name for t in doctypes.ALL.values())
        return (f"văn bản là {doc_type.name} (“{doc_type.title}”"
                + (f", ký hiệu {s.header.number.value[1]}" if s.header.number else "")
                + f"): docgen chưa nhập được loại văn bản này; các loại nhập được: {known}")
    landmarks = (s.type_line, s.header.number, s.divisions, s.footer.label, s.footer.authority, s.appendices)
    if not any(landmarks):
        return (f"không nhận ra {doctypes.get(None).noun} hay văn bản nào: không có dòng tên loại văn bản "
                f"({_titles()}), số, ký hiệu, mục lớn (I., II.) hay phần nơi nhận, chữ ký")
    return None


_ORDER = ("type", "header", "subject", "opening", "sections", "campaign", "recipients", "archive", "signer",
          "appendices", "reference")


def parse_source(source: Source, *, incomplete: bool = False) -> ImportResult:
    """The plan a Source holds, with warnings; raises :class:`ImportRefused`
    when there is nothing to read. A plan lacking a field nothing in the
    source states (its date) is refused too, unless ``incomplete``: then the
    result has no plan, its data without that field and ``errors`` saying
    what to fill (the editor shows them; ``docgen import`` writes the file)."""
    if not any(isinstance(b, SourceTable) or b.text.strip() for b in source.blocks):
        raise ImportRefused("văn bản trống: không có đoạn văn nào để đọc")
    structure = read_structure(source)
    refusal = _refusal(structure)
    if refusal:
        raise ImportRefused(refusal)
    builder = _Builder(structure, source)
    built = builder.build()
    data = {key: built[key] for key in _ORDER if key in built}
    warnings = sorted(builder.warnings, key=lambda w: w.paragraph)
    try:
        plan = parse_plan_data(data, "import")
    except PlanFileError as error:
        if incomplete:
            return ImportResult(None, data, warnings, builder.held, error.errors)
        missing = [w for w in warnings if w.message.endswith("cần điền") and w.path == "header.date"]
        raise ImportRefused("; ".join([str(w) for w in missing] or [str(e) for e in error.errors])) from None
    return ImportResult(plan, data, warnings, builder.held)
