"""Source -> Plan: the structure reader (:mod:`docgen.importing.structure`)
finds the landmarks of the Decree-30 document; this module makes them the
plan's fields, and says in a warning everything it inferred or could not
place.

What the source lacks is taken from where the text states it
(:mod:`.inferred`: the issuing sentence, the appendix's "Kèm theo … số …"
line, the signer's "TM. …", the opening's dates) and said in a warning; what
nothing states is left empty ("…", no date), never filled with this month
or a word from elsewhere. Text that fits nowhere becomes an ordinary
paragraph in the nearest section, with a warning citing its paragraph.

The parts that depend on the type (Kính gửi, a meeting, a decision's
bases and articles, a Quy chế's chapters, the citation an opening starts
with) are made by :mod:`.type_parts` from the landmarks the reader found
for that type. A decision that issues a plan (or a Quy chế) is imported as
the decision with the text it issues attached, as docgen writes it; a text
issued by a document docgen does not write (or without its decision)
is imported alone, with the issuing document as its reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import doctypes
from . import type_parts
from ..plan.files import PlanFileError, parse_plan_data
from ..plan.model import Plan
from ..vietnamese import dates, vn
from .appendix_table import appendix_from_table
from .blocks import section_blocks
from .campaign import campaign
from .header_facts import HeaderFacts
from .lines import Line, is_rule, letters_upper
from .source import Source, SourceTable, Span
from .structure import Structure, read_structure
from .structure.footer import PLACEHOLDER, name_in_capitals, person_name


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


class ImportTooLarge(ImportRefused):
    """The input holds more than docgen reads (``docgen.word.ContentLimits``)."""


def _titles() -> str:
    return ", ".join(f"“{t.title}”" for t in doctypes.ALL.values() if t.title)


class _Builder(HeaderFacts):
    def __init__(self, structure: Structure, source: Source, issued_by: Structure | None = None) -> None:
        self.s = structure
        self.issued_by = issued_by  # the document that issues this one, when docgen does not write it
        self.source = source
        self.warnings: list[ImportWarning] = []
        self.held: dict[str, str] = {}
        self.data: dict = {"opening": [], "sections": []}
        self.opening_texts: list[tuple[str, int]] = []
        self.reference: tuple | None = None  # an appendix's "(Kèm theo …)" line: (type, number, symbol, date, issuer)
        self.doc_type = doctypes.get(None)
        self.cited: Line | None = None  # the opening's citation read as the reference
        # its text: not the plan's own (no campaign read from it) but what the header may be inferred from
        self.cited_texts: list[tuple[str, int]] = []
        self.cites = True  # whether the opening's citation may be the reference (not in an attached text)

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
        self._addressees()
        self._body()
        self._attached()
        issuer = self.issued_by
        self._footer(s.footer if s.footer.label or s.footer.authority or not issuer else issuer.footer)
        self._appendices()
        self._header()
        found = campaign(self.data["subject"], [t for t, _ in self.opening_texts], self.data["sections"])
        if found and self.doc_type.campaign:
            self.data["campaign"] = found
        self._appendix_columns(found)
        return self.data

    def _body(self) -> None:
        """The body's parts the type has (the structure reader found them by the same data)."""
        s = self.s
        if self.doc_type.has("meeting"):
            self.data["meeting"] = type_parts.meeting(s.meeting)
        if self.doc_type.has("articles"):
            self._decision()
        else:
            self._opening()
        self._sections()
        self._closing()

    def _type(self) -> None:
        s = self.s
        if s.type is not None and doctypes.importable(s.type):
            self.doc_type = s.type
        if self.doc_type.key != doctypes.DEFAULT:
            self.data["type"] = self.doc_type.key
        if s.type_line is not None:
            return
        if s.doc_type is not None:
            if s.doc_type.note:
                self.warn(s.doc_type.paragraph, s.doc_type.note, "type")
        else:
            self.warn(s.subject_at, f"không thấy dòng tên loại văn bản ({_titles()}) hay ký hiệu nói loại văn bản; "
                      f"đọc như {self.doc_type.noun}, phần trước đoạn này là phần đầu văn bản", "type")

    def _subject(self) -> None:
        subject = self.s.subject
        if subject is not None:
            self.data["subject"] = subject.value or "…"
            return
        self.data["subject"] = "…"
        where = f"sau dòng “{self.doc_type.title}”" if self.doc_type.title else "ở phần đầu"
        self.warn(self.s.subject_at, f"không tìm thấy trích yếu (tên {self.doc_type.noun}) {where}: cần điền",
                  "subject")

    def _addressees(self) -> None:
        found = self.s.addressees
        if found is not None:
            self.data["addressees"] = found.value

    def _citation(self, items: list) -> None:
        """The opening's first paragraph, when it is the printed citation of
        a document: the plan's reference."""
        first = type_parts.first_text(items)
        reference = type_parts.citation(first.text) if first is not None else None
        if reference is not None and self.cites and "reference" not in self.data:
            self.data["reference"] = reference
            self.cited = first
            self.cited_texts.append((first.text, first.number))

    def _opening(self) -> None:
        self._citation(self.s.opening)
        for item in self.s.opening:
            if isinstance(item, SourceTable):
                self.table_as_paragraphs(item)
            elif not is_rule(item.text) and item is not self.cited:
                self.data["opening"].append(item.markup())
                self.opening_texts.append((item.text, item.number))

    def _decision(self) -> None:
        """A decision's authority line, bases (its opening) and articles."""
        s = self.s
        if s.decider is not None:
            self.data["decider"] = vn.upper_vn(s.decider.text)
        self._citation(s.opening)
        for item in s.opening:
            if isinstance(item, SourceTable):
                self.table_as_paragraphs(item)
            elif item is not self.cited and item.text.strip() and not is_rule(item.text):
                self.opening_texts.append((item.text, item.number))
        self.data["opening"] = type_parts.bases(s.opening, self.cited)
        self.data["articles"] = type_parts.articles(s.articles)

    def _attached(self) -> None:
        """The text a decision issues, read as the decision's attached text."""
        issued = self.s.attached
        if issued is None or self.issued_by is not None:
            return
        inner = _Builder(issued, self.source)
        inner.doc_type = issued.type
        inner.cites = False
        inner._subject()
        inner._opening()
        inner._sections()
        sections = inner.data["sections"]  # the text issued has no closing of its own: its last section keeps it
        inner._closing(sections[-1]["blocks"] if sections else None)
        inner.data["opening"] += inner.data.pop("closing", [])
        attached = {"type": issued.type.key, "subject": inner.data["subject"], "opening": inner.data["opening"],
                    "sections": inner.data["sections"]}
        self.data["attached"] = {key: value for key, value in attached.items() if value != []}
        for note in issued.notes:
            self.warn(note.paragraph, note.message, note.path and f"attached.{note.path}")
        for warning in inner.warnings:
            self.warn(warning.paragraph, warning.message, warning.path and f"attached.{warning.path}")
        self.opening_texts += inner.opening_texts
        for item in issued.after:
            self.stray(item, "không rõ thuộc phần nào") if isinstance(item, Line) else self.table_as_paragraphs(item)

    def _sections(self) -> None:
        s = self.s
        if self.doc_type.section_style == "chapter":
            self.data["sections"] = [{"title": type_parts.chapter_title(division),
                                      "blocks": type_parts.chapter_blocks(division)} for division in s.divisions]
            return
        for index, division in enumerate(s.divisions):
            title = division.title.text
            section = {"title": vn.upper_vn(title) if letters_upper(title, 0.6) else title,
                       "blocks": section_blocks(division, self.table_as_paragraphs)}
            expected = vn.roman(index + 1)
            at = division.title.paragraph
            if division.scheme == "roman":
                if division.mark != expected:
                    section["number"] = division.mark
            elif division.scheme in self.doc_type.division_marks:
                section["number"] = division.mark
            elif division.scheme == "heading":
                self.warn(at, f"đề mục “{division.title.text}” không đánh số: đọc là mục {expected}.",
                          f"sections.{index}")
            else:
                self.warn(at, f"mục “{division.mark}” ({division.title.text}) được đánh số lại thành {expected}.",
                          f"sections.{index}")
            self.data["sections"].append(section)
        body = s.opening
        if not s.divisions and self.doc_type.has("sections") \
                and any(isinstance(item, Line) and not is_rule(item.text) for item in body):
            self.warn(body[0].number, "không thấy mục lớn nào (I., II., Phần thứ nhất, A., …): toàn bộ nội dung "
                      "được để ở phần mở đầu", "sections")

    def _closing(self, blocks: list | None = None) -> None:
        """The closing after the last section ("Trên đây là …"), paragraphs
        as typed; ``blocks``: the last section's, where a text without a
        closing of its own (the plan a decision issues) keeps it."""
        for item in self.s.closing:
            if isinstance(item, SourceTable):
                self.table_as_paragraphs(item, blocks)
            elif item.text.strip() and not is_rule(item.text):
                if blocks is not None:
                    blocks.append({"kind": "paragraph", "text": item.markup()})
                else:
                    self.data.setdefault("closing", []).append(item.markup())

    # -- recipients and signer --

    def _footer(self, footer) -> None:
        s = self.s
        first = footer.label.number if footer.label else (
            footer.authority[0].number if footer.authority else _last_number(s.items))
        if footer is not s.footer and self.issued_by is not None:
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
        elif not (person_name(footer.name.text) or name_in_capitals(footer.name.text)
                  or PLACEHOLDER.fullmatch(footer.name.text)):
            self.warn(footer.name.number, f"“{_short(footer.name.text)}” ở chỗ họ tên người ký nhưng không giống "
                      "họ tên: cần kiểm tra", "signer.name")
        self.data["signer"] = signer

    # -- appendices --

    def _appendices(self) -> None:
        s = self.s
        if s.attached is not None and self.issued_by is None and not s.appendices:
            s.appendices = s.attached.appendices  # printed after the text the decision issues
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

def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _last_number(items: list) -> int:
    return items[-1].number if items else 0


def _document(structure: Structure) -> tuple[Structure, Structure | None]:
    """The document to import and the one that issues it, when that one is
    not imported: a decision of a type docgen writes is imported with the
    text it issues (``structure.attached``) when its type may issue that
    text; otherwise the issued text is imported alone."""
    issued = structure.attached
    if issued is None:
        return structure, None
    outer = structure.type
    if doctypes.importable(outer) and issued.type is not None and issued.type.key in outer.attached:
        return structure, None
    return issued, structure


def _refusal(structure: Structure, issued_by: Structure | None) -> str | None:
    """Why the source holds no document docgen can import, or None."""
    s = structure
    doc_type = s.type
    if issued_by is None and doc_type is not None and not doctypes.importable(doc_type):
        known = ", ".join(t.name for t in doctypes.ALL.values())
        return (f"văn bản là {doc_type.name} (“{doc_type.title}”"
                + (f", ký hiệu {s.header.number.value[1]}" if s.header.number else "")
                + f"): docgen chưa nhập được loại văn bản này; các loại nhập được: {known}")
    landmarks = (s.type_line, s.header.number, s.divisions, s.footer.label, s.footer.authority, s.appendices)
    if not any(landmarks):
        return (f"không nhận ra {doctypes.get(None).noun} hay văn bản nào: không có dòng tên loại văn bản "
                f"({_titles()}), số, ký hiệu, mục lớn (I., II.) hay phần nơi nhận, chữ ký")
    return None


_ORDER = ("type", "header", "secrecy", "urgency", "subject", "addressees", "reference", "decider", "meeting", "opening", "sections",
          "articles", "closing", "attached", "campaign", "recipients", "archive", "signer", "appendices")


def parse_source(source: Source, *, incomplete: bool = False) -> ImportResult:
    """The plan a Source holds, with warnings; raises :class:`ImportRefused`
    when there is nothing to read. A plan lacking a field nothing in the
    source states (its date) is refused too, unless ``incomplete``: then the
    result has no plan, its data without that field and ``errors`` saying
    what to fill (the editor shows them; ``docgen import`` writes the file)."""
    if not any(isinstance(b, SourceTable) or b.text.strip() for b in source.blocks):
        raise ImportRefused("văn bản trống: không có đoạn văn nào để đọc")
    structure, issued_by = _document(read_structure(source))
    refusal = _refusal(structure, issued_by)
    if refusal:
        raise ImportRefused(refusal)
    builder = _Builder(structure, source, issued_by)
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
