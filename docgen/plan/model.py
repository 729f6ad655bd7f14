"""The plan model: one source of truth for the form, the API, the CLI and batch.

A plan (Kế hoạch) reads top to bottom as: header (ô 1-4), document type and
subject line (trích yếu, ô 5a), opening paragraphs (legal bases, context, the
issuing sentence), sections with Roman numerals, the closing paragraphs
("Trên đây là Kế hoạch …", Đoạn kết), the recipients (Nơi nhận, ô 9b) beside
the signer (ô 7), and appendices (Phụ lục). Every text field is
cleaned (NFC, control characters) on the way in; validation messages are in
Vietnamese because they are shown to clerks.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ValidationError,
    BeforeValidator,
    ConfigDict,
    Field,
    Discriminator,
    Tag,
    field_validator,
    model_validator,
)

from pydantic_core import InitErrorDetails, PydanticCustomError

from ..vietnamese import dates, vn
from .. import doctypes
from ..vietnamese.authority import SIGNER_TITLES, authority_problems
from ..vietnamese.typed_labels import split_labels
from ..vietnamese.names import issuer_name as lines_issuer_name
from ..vietnamese.text import clean_line, clean_text
from . import marks


# --- What can be printed -------------------------------------------------------
# LibreOffice lays out a long recipient list (one table cell), a long appendix
# (a table) and a long paragraph in a time that grows faster than their length
# (bench/print_limits.py measures it). A document past these limits could
# never be made into a PDF within the converter's time-out (60 s), so never be
# printed or signed: it is a field error before it is saved, not a 503 later.
MAX_RECIPIENTS = 1_000
MAX_APPENDIX_ROWS = 1_500  # all appendices of a document together
MAX_APPENDIX_COLUMNS = 30  # one appendix (Word allows 63: 190 rows of them took 79 s)
MAX_APPENDIX_CELLS = 12_000  # rows x columns, all appendices together
MAX_FIELD_CHARS = 20_000  # one paragraph, line or table cell (about six pages)
MAX_DOCUMENT_CHARS = 1_000_000  # all the text of a document
_UNPRINTABLE = "bản PDF của văn bản dài hơn không tạo kịp trong thời hạn để in và ký số"


_n = vn.format_number  # 10.000


def _cleaned(fn):
    return lambda v: fn(v) if isinstance(v, str) else v


def _printable_length(value: str) -> str:
    if len(value) > MAX_FIELD_CHARS:
        raise ValueError(f"dài {_n(len(value))} ký tự, quá giới hạn {_n(MAX_FIELD_CHARS)} ký tự của một đoạn "
                         f"({_UNPRINTABLE}); hãy tách thành nhiều đoạn")
    return value


Line = Annotated[str, BeforeValidator(_cleaned(clean_line)), AfterValidator(_printable_length)]
Text = Annotated[str, BeforeValidator(_cleaned(clean_text)), AfterValidator(_printable_length)]


def _read_date(value):
    """A plan's date: ``01/9/2023`` (``/ . -``, zeros optional), ISO or a
    YAML date, read by :func:`docgen.vietnamese.dates.read_date`."""
    if value is None:
        return value
    if isinstance(value, (int, float)):
        # a JSON number is not a date here (pydantic would read seconds since 1970; the schema says text)
        raise ValueError(f"cần ngày dạng ngày/tháng/năm, vd. {dates.EXAMPLE}")
    return dates.read_date(value)


Date = Annotated[dt.date, BeforeValidator(_read_date)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


# --- Header (ô 1-4) ---------------------------------------------------------


class IssueDate(Model):
    """Ngày ban hành: the day may stay blank in a draft."""

    year: int = Field(ge=1945, le=2200)
    month: int = Field(ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _real_day(self):
        if self.day is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(
                    f"ngày {self.day} không có trong tháng {self.month}/{self.year}"
                ) from None
        return self

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.day else None


# Groups of capitals and digits joined by "-"; a type code may mix cases (TTr, QyĐ, CTr).
_SYMBOL = re.compile(r"[A-ZĐ0-9][A-ZĐa-zđ0-9]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)+")


class Header(Model):
    parent_body: Line | None = Field(
        default=None, description="Cơ quan chủ quản (ô 2, dòng trên), vd. UBND TỈNH GIA LAI"
    )
    issuing_body: list[Line] = Field(
        description="Cơ quan ban hành, mỗi dòng một phần tử: ỦY BAN NHÂN DÂN / TỈNH GIA LAI"
    )
    issuer_name: Line | None = Field(
        default=None,
        description="Tên cơ quan ban hành viết thường, cho dòng tham chiếu của phụ lục ('Kèm theo … số …'): "
        "Ủy ban nhân dân tỉnh Gia Lai",
    )
    number: int | None = Field(default=None, ge=1, description="Số văn bản; để trống khi là dự thảo")
    symbol: Line = Field(default=doctypes.get(None).default_symbol,
                         description=f"Ký hiệu, vd. {doctypes.get(None).default_symbol}")
    place: Line = Field(description="Địa danh, vd. Gia Lai")
    date: IssueDate

    def full_issuer_name(self) -> str:
        """The issuer in sentences: ``issuer_name`` as written, else built from
        the lines (:func:`docgen.vietnamese.names.issuer_name`)."""
        return self.issuer_name or lines_issuer_name(self.issuing_body, self.place)

    @field_validator("issuing_body")
    @classmethod
    def _issuer_present(cls, lines: list[str]) -> list[str]:
        lines = [line for line in lines if line]
        if not lines:
            raise ValueError("cần tên cơ quan ban hành (ít nhất một dòng)")
        return lines

    @field_validator("parent_body", "issuer_name")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("symbol")
    @classmethod
    def _symbol_shape(cls, value: str) -> str:
        if not _SYMBOL.fullmatch(value):
            raise ValueError(
                f"ký hiệu '{value}' không đúng dạng: chữ in hoa nối bằng dấu gạch ngang, "
                f"vd. {doctypes.get(None).default_symbol}"
            )
        return value

    @field_validator("place")
    @classmethod
    def _place_present(cls, value: str) -> str:
        if not value:
            raise ValueError("cần địa danh (vd. Gia Lai)")
        return value


# --- Body --------------------------------------------------------------------
# Inline emphasis in any body text: **đậm**, *nghiêng*; a backslash keeps a
# literal asterisk (\*).
#
# The document prints the labels (I., 1., 1.1., a), -, +) itself: a label the
# clerk types at the start of a title or an item is taken off, so that
# nothing prints twice. Inside collecting_typed_labels() every label taken off
# is also noted, for the editor to say so (plan_io.label_notices).

_TYPED_LABELS: ContextVar[list | None] = ContextVar("typed_labels", default=None)


@contextmanager
def collecting_typed_labels():
    """The labels taken off while validating inside the ``with`` block, as
    ``(field, labels, where, kept)``: ``("title", "1.", "heading", "Mục
    đích")``; a unit's task is ``tasks.2``. A context variable rather than
    state on each model: validating a plan stays as fast as before."""
    token = _TYPED_LABELS.set([])
    try:
        yield _TYPED_LABELS.get()
    finally:
        _TYPED_LABELS.reset(token)


def _note_typed_label(field: str, labels: str, where: str, kept: str) -> None:
    noted = _TYPED_LABELS.get()
    if noted is not None:
        noted.append((field, labels, where, kept))


class Labelled(Model):
    """A part of the body whose text the document prints after a label."""

    def _take_label(self, field: str, place: str, own_label: str | None = None) -> None:
        labels, rest = split_labels(getattr(self, field), place, own_label)
        if labels:
            setattr(self, field, rest)
            _note_typed_label(field, labels, place, rest)

    @property
    def blank(self) -> bool:
        """Nothing to print: a blank block is left out of the document."""
        return _blank(self.text)


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


class Paragraph(Model):
    kind: Literal["paragraph"] = "paragraph"
    text: Text

    @property
    def blank(self) -> bool:
        """Nothing to print: a blank block is left out of the document."""
        return _blank(self.text)


class _Titled(Labelled):
    """A numbered title (``title``), with ``text`` that may run on after it."""

    @model_validator(mode="after")
    def _typed_number(self):
        self._take_label("title", "heading")
        return self

    @property
    def blank(self) -> bool:
        return _blank(self.title) and _blank(self.text)


class Heading(_Titled):
    """Numbered sub-heading, bold: ``1. Mục đích``; ``text`` runs on after it
    (``**2. Thời gian thực hiện:** Từ ngày…``)."""

    kind: Literal["heading"] = "heading"
    title: Line
    number: Line | None = None
    text: Text | None = None


class SubHeading(_Titled):
    """Second-level heading ``3.1. …``, numbered under the last heading."""

    kind: Literal["subheading"] = "subheading"
    title: Text
    number: Line | None = None
    text: Text | None = None


class Numbered(Labelled):
    """A numbered paragraph that is not a heading: ``1. Đẩy mạnh…``."""

    kind: Literal["numbered"] = "numbered"
    text: Text
    number: Line | None = None

    @model_validator(mode="after")
    def _typed_number(self):
        self._take_label("text", "heading")
        return self


class Item(Labelled):
    """A lettered or bracketed item: ``a)``, ``(1)``."""

    kind: Literal["item"] = "item"
    label: Line
    text: Text

    @model_validator(mode="after")
    def _typed_label(self):
        self._take_label("text", "item", self.label or None)
        return self


class Bullet(Labelled):
    kind: Literal["bullet"] = "bullet"
    text: Text

    @model_validator(mode="after")
    def _typed_dash(self):
        self._take_label("text", "bullet")
        return self


class SubBullet(Labelled):
    kind: Literal["subbullet"] = "subbullet"
    text: Text

    @model_validator(mode="after")
    def _typed_dash(self):
        self._take_label("text", "bullet")
        return self


class Unit(Labelled):
    """An assignment (phân công): a unit and its tasks. A unit outside the
    issuer's chain of command is asked, not ordered: ``requested`` puts
    "Đề nghị" before its name."""

    kind: Literal["unit"] = "unit"
    name: Line
    requested: bool = False
    number: Line | None = None
    tasks: list[Text] = Field(default_factory=list)
    bullets: bool | None = Field(
        default=None, description="Nhiệm vụ có gạch đầu dòng; mặc định: có khi nhiều hơn một"
    )
    run_in: bool = Field(
        default=False, description="Nhiệm vụ viết tiếp ngay sau tên đơn vị, sau dấu hai chấm"
    )

    @field_validator("name")
    @classmethod
    def _name_present(cls, value: str) -> str:
        name = split_labels(value, "heading")[1]
        if not name:
            raise ValueError("cần tên đơn vị" + (f" (“{value}” là số thứ tự, văn bản tự đánh số)" if value else ""))
        if name.lower().startswith("đề nghị "):
            raise ValueError("không ghi 'Đề nghị' trong tên: chọn ô 'Đề nghị'")
        return value

    @model_validator(mode="after")
    def _typed_labels_off(self):
        self._take_label("name", "heading")
        tasks = []
        for index, task in enumerate(self.tasks):
            labels, rest = split_labels(task, "bullet")
            if labels:
                _note_typed_label(f"tasks.{index}", labels, "bullet", rest)
            tasks.append(rest)
        self.tasks = tasks
        return self

    @property
    def printed_tasks(self) -> list[str]:
        """The tasks with text; a blank task is not printed."""
        return [task for task in self.tasks if not _blank(task)]

    @property
    def blank(self) -> bool:
        return False


class Article(Labelled):
    """An article, ``Điều 1.``: of a decision (its operative ``text`` on the
    same line as the bold "Điều 1.") or of a Quy chế (its bold ``title``,
    "Điều 1. Phạm vi điều chỉnh"); the clauses under it are the blocks that
    follow (``1.``, ``a)``). Articles are numbered through the document."""

    kind: Literal["article"] = "article"
    title: Line | None = None
    text: Text | None = None
    number: Line | None = None

    @model_validator(mode="after")
    def _typed_article(self):
        for name in ("title", "text"):
            value = getattr(self, name)
            if value:
                typed = _TYPED_ARTICLE.match(value)
                if typed:
                    setattr(self, name, value[typed.end():])
                    _note_typed_label(name, typed.group(0).strip(), "article", value[typed.end():])
        return self

    @property
    def blank(self) -> bool:
        return _blank(self.title) and _blank(self.text)


# "Điều 3." typed before an article's words: the document prints it itself.
_TYPED_ARTICLE = re.compile(r"^\s*Điều\s+\d+\s*[.:]\s*")


def _block_tag(value) -> str:
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, dict):
        return value.get("kind", "paragraph")
    return getattr(value, "kind", "paragraph")


def _block_shorthand(value):
    """In YAML a block may be a plain string: ``- text`` is a bullet,
    ``+ text`` a sub-bullet, anything else a paragraph."""
    if isinstance(value, str):
        if value.startswith("- ") or value.strip() == "-":
            return {"kind": "bullet", "text": value[2:]}
        if value.startswith("+ ") or value.strip() == "+":
            return {"kind": "subbullet", "text": value[2:]}
        return {"kind": "paragraph", "text": value}
    return value


@dataclass(frozen=True)
class BlockKind:
    """A kind of body block, as the one list :data:`BLOCK_KINDS` gives it
    to the validation, the template context and the editor: its model (whose
    ``kind`` is the key), the name the editor's menus show, the fields a new
    block starts with, and the kind the editor offers first after it (by
    default the same kind)."""

    model: type[Model]
    name: str
    start: dict
    then: str | None = None

    @property
    def key(self) -> str:
        return self.model.model_fields["kind"].default

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for name in self.model.model_fields if name != "kind")


BLOCK_KINDS = (
    BlockKind(Paragraph, "Đoạn văn", {"text": ""}),
    BlockKind(Heading, "Tiêu đề (1., 2.)", {"title": ""}, then="bullet"),
    BlockKind(SubHeading, "Tiêu đề con (1.1.)", {"title": ""}, then="bullet"),
    BlockKind(Numbered, "Đoạn đánh số (1.)", {"text": ""}),
    BlockKind(Item, "Điểm a), (1)", {"label": "a)", "text": ""}),
    BlockKind(Bullet, "Gạch đầu dòng (-)", {"text": ""}),
    BlockKind(SubBullet, "Gạch đầu dòng (+)", {"text": ""}),
    BlockKind(Unit, "Đơn vị và nhiệm vụ", {"name": "", "requested": False, "tasks": [""]}),
    BlockKind(Article, "Điều (Điều 1., Điều 2.)", {"text": ""}, then="numbered"),
)
BLOCK_BY_KEY = {kind.key: kind for kind in BLOCK_KINDS}

Block = Annotated[
    Union[tuple(Annotated[kind.model, Tag(kind.key)] for kind in BLOCK_KINDS)],
    Discriminator(_block_tag),
    BeforeValidator(_block_shorthand),
]


class Section(Labelled):
    """A Roman-numbered section: ``I. MỤC ĐÍCH, YÊU CẦU``. ``number`` overrides
    the automatic numeral (a plan as issued may number wrongly)."""

    title: Line
    number: Line | None = None
    blocks: list[Block] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _title_present(cls, value: str) -> str:
        if not split_labels(value, "section")[1]:
            raise ValueError("cần tên mục" + (
                f" (“{value}” là số mục, văn bản tự đánh số), vd. MỤC ĐÍCH, YÊU CẦU" if value else ""))
        return value

    @model_validator(mode="after")
    def _typed_numeral(self):
        self._take_label("title", "section")
        return self


# --- Campaign ----------------------------------------------------------------


class Campaign(Model):
    """Đợt cao điểm / chiến dịch: used by the text and by the appendix."""

    name: Line | None = None
    start: Date | None = None
    end: Date | None = None
    days: int | None = Field(
        default=None, ge=1, description="Số ngày, đêm của đợt (vd. 50); mặc định tính từ ngày bắt đầu đến ngày kết thúc"
    )
    area: Line | None = None

    @model_validator(mode="after")
    def _order(self):
        if self.start and self.end:
            dates.campaign_days(self.start, self.end)  # refuses an end before the start
        return self

    @property
    def length(self) -> int | None:
        """Days from start to end, both included."""
        return dates.campaign_days(self.start, self.end) if self.start and self.end else None

    @property
    def quota_days(self) -> int | None:
        """The days a daily quota is spread over: the declared length, else
        the dates' span."""
        return self.days or self.length


# --- Recipients and signer (ô 9b, ô 7) ----------------------------------------


# Mã định danh of an agency (QCVN 102 OrganId; Decree 30, Appendix VI: String 13),
# e.g. ``000.00.31.H41``.
_AGENCY_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,12}")
AGENCY_CODE_LENGTH = 13


def agency_code(value: str | None) -> str | None:
    """A mã định danh as typed, trimmed; blank is None; ValueError for
    one longer than 13 characters or with other characters than letters,
    digits, ``.`` and ``-``."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    if len(value) > AGENCY_CODE_LENGTH:
        raise ValueError(f"mã định danh “{value}” dài {len(value)} ký tự, tối đa {AGENCY_CODE_LENGTH}")
    if not _AGENCY_CODE.fullmatch(value):
        raise ValueError(f"mã định danh “{value}” chỉ gồm chữ, số, dấu chấm, vd. 000.00.31.H41")
    return value


AgencyCode = Annotated[str, AfterValidator(agency_code)]


class Recipient(Model):
    name: Line
    purpose: Line | None = Field(default=None, description="vd. để báo cáo, để theo dõi")
    code: AgencyCode | None = Field(default=None, description="Mã định danh của cơ quan nhận (gửi điện tử), "
                                    "vd. 000.00.31.H41")

    @field_validator("name")
    @classmethod
    def _name_present(cls, value: str) -> str:
        value = value.lstrip("-").strip().rstrip(";.").strip()
        if not value:
            raise ValueError("cần tên nơi nhận")
        return value

    @field_validator("purpose")
    @classmethod
    def _bare_purpose(cls, value: str | None) -> str | None:
        return value.strip("()").strip() or None if value else None


class Signer(Model):
    """Thẩm quyền ký (ô 7a) and the signer's name (ô 7b)."""

    authority: list[Line] = Field(
        description="Các dòng thẩm quyền, vd. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    )
    name: Line

    @field_validator("authority")
    @classmethod
    def _authority(cls, lines: list[str]) -> list[str]:
        lines = [line for line in lines if line]
        if not lines:
            raise ValueError("cần thẩm quyền ký, vd. TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")
        problems = authority_problems(lines)
        if problems:  # the first, as the layout checks name each
            first = problems[0]
            raise ValueError(f"dòng {first.line} “{first.text}”: {first.message}; {first.hint}")
        return lines

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if not value:
            raise ValueError("cần họ tên người ký")
        if SIGNER_TITLES.match(value):
            raise ValueError(f"'{value}': chỉ ghi họ tên, không ghi học hàm, học vị, danh xưng")
        return value


# --- Appendix ----------------------------------------------------------------


def parse_amount(value, where: str, convention: str | None = None) -> int | float | None:
    """A figure typed into a table, read by the one reader of figures
    (:func:`docgen.vietnamese.vn.read_figure`): ``16283``, ``16.283`` (Vietnamese
    thousands), ``76,62`` (decimal comma), ``12.5``; ``1,240`` reads two ways
    and is refused with both readings, unless the block it came in gives its
    ``convention`` (``"vi"``/``"en"``). Negative figures are refused."""
    if value is None or value == "":
        return None
    prefix = f"{where}: " if where else ""
    if isinstance(value, bool):
        raise ValueError(f"{prefix}'{value}' không phải là số")
    if isinstance(value, (int, float)):
        number = value
    else:
        text = clean_line(str(value)).strip()
        suffix = "%" if text.endswith("%") else ""
        try:
            exact = vn.read_figure(text.removesuffix("%"), convention)
        except vn.AmbiguousFigure as error:
            error = vn.AmbiguousFigure(error.text, error.grouped, error.decimal, suffix)
            raise ValueError(f"{prefix}{error}") from None
        except vn.NotAFigure:
            raise ValueError(f"{prefix}'{value}' không phải là số") from None
        number = int(exact) if exact == exact.to_integral_value() else float(exact)
    if number < 0:
        raise ValueError(f"{prefix}số liệu không được âm ({value})")
    if isinstance(number, float) and not math.isfinite(number):  # NaN, or 1e309 read as infinity
        raise ValueError(f"{prefix}'{value}' không phải là số")
    return number


def parse_percent(value, where: str, convention: str | None = None) -> int | float | None:
    """A figure in a percent column, as the fraction it stands for:
    ``71,43%`` and ``71,43 %`` are percentage points (0.7143); a figure
    without ``%`` typed or pasted as text is a fraction when at most 1
    (``0,7143``), else points (``71,43``); a number from a plan file or a
    spreadsheet cell is the fraction itself, as Excel stores 71,43%."""
    number = parse_amount(value, where, convention)
    if number is None:
        return None
    if isinstance(value, str) and (value.strip().endswith("%") or number > 1):
        return float(Decimal(repr(number)) / 100)
    return number


def read_cell(column, value, convention: str | None = None, where: str = ""):
    """A cell of an appendix as its ``column`` types it: text cleaned, a
    figure read (a percent as its fraction); ``ValueError`` for the clerk."""
    if column.type == "text":
        return "" if value is None else _printable_length(clean_line(str(value)))
    reader = parse_percent if column.type == "percent" else parse_amount
    return reader(value, where, convention)


@dataclass(frozen=True)
class ColumnKind:
    """A type of appendix column: its key and its name in the editor."""

    key: str
    name: str


COLUMN_TYPES = (ColumnKind("text", "Chữ"), ColumnKind("number", "Số"), ColumnKind("percent", "Tỷ lệ %"))


@dataclass(frozen=True)
class FormulaKind:
    """A formula of a computed column (docgen.plan.appendix computes it): its
    key, its name in the editor, the names of the columns it is computed
    ``of`` (as many as it needs), how the editor writes it ({0}, {1}: those
    columns' titles; ``shown_percent`` in a percent column) and the column
    type it gives."""

    key: str
    name: str
    operands: tuple[str, ...]
    shown: str
    result: str
    shown_percent: str | None = None


FORMULAS = (
    FormulaKind("ratio", "Tỷ lệ (chia)", ("Tử số (số đã đạt)", "Mẫu số (chỉ tiêu)"), "{0} / {1}", "percent",
                shown_percent="{0} / {1} × 100"),
    FormulaKind("difference", "Hiệu (trừ)", ("Số bị trừ", "Số trừ"), "{0} − {1}", "number"),
    FormulaKind("per_day", "Chia đều theo ngày của đợt", ("Cột cần chia",), "{0} / số ngày của đợt", "number"),
)
FORMULA_BY_KEY = {formula.key: formula for formula in FORMULAS}

ColumnType = Literal[tuple(kind.key for kind in COLUMN_TYPES)]
Formula = Literal[tuple(formula.key for formula in FORMULAS)]
_KEY = re.compile(r"[a-z][a-z0-9_]*")


class Column(Model):
    """A column of an appendix table. A computed column gives ``compute`` and
    the keys it is computed ``of``: ratio = a / b, difference = a - b,
    per_day = a / campaign days (rounded half up)."""

    key: str
    title: Line
    type: ColumnType = "text"
    compute: Formula | None = None
    of: list[str] = Field(default_factory=list)
    decimals: int = Field(default=2, ge=0, le=6, description="Số chữ số thập phân của tỷ lệ")
    target: str | None = Field(
        default=None, description="Cột kết quả: mã cột chỉ tiêu mà kết quả này so với (báo cáo)"
    )

    @field_validator("key")
    @classmethod
    def _key_shape(cls, value: str) -> str:
        if not _KEY.fullmatch(value):
            raise ValueError(f"mã cột '{value}': chỉ dùng chữ thường không dấu, số và '_'")
        return value

    @model_validator(mode="after")
    def _formula(self):
        if self.compute:
            arity = len(FORMULA_BY_KEY[self.compute].operands)
            if len(self.of) != arity:
                raise ValueError(f"cách tính này cần {arity} cột ở “Tính từ cột”")
            if self.type == "text":
                raise ValueError("cột tính tự động phải là kiểu số hoặc tỷ lệ")
        return self


class SortOrder(Model):
    by: str
    descending: bool = False


Cell = Union[int, float, str, None]


class Appendix(Model):
    title: Line
    subtitle: Line | None = Field(default=None, description="Dòng nghiêng dưới tên phụ lục, vd. (Từ ngày … đến …)")
    columns: list[Column]
    rows: list[dict[str, Cell]] = Field(default_factory=list)
    numbered: bool = Field(default=True, description="Có cột STT")
    total: bool = Field(default=True, description="Có dòng tổng")
    total_label: Line = "TỔNG"
    sort: SortOrder | None = None
    orientation: Literal["auto", "portrait", "landscape"] = "auto"

    @model_validator(mode="after")
    def _consistent(self):
        keys = [column.key for column in self.columns]
        if not keys:
            raise ValueError("phụ lục cần ít nhất một cột")
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"mã cột trùng nhau: {', '.join(duplicates)}")
        for column in self.columns:
            for source in column.of:
                if source not in keys:
                    raise ValueError(
                        f"cột “{column.title}” tính từ một cột không có trong phụ lục (mã cột “{source}”)"
                    )
        _check_targets(self.columns)
        if self.sort and self.sort.by not in keys:
            raise ValueError(f"sắp xếp theo một cột không có trong phụ lục (mã cột “{self.sort.by}”)")
        return self

    @field_validator("rows")
    @classmethod
    def _typed_cells(cls, rows: list[dict], info) -> list[dict]:
        """Cells are cleaned and typed by their column: numbers may be typed
        the Vietnamese way (``16.283``); computed columns are not entered.
        Every cell that cannot be read is an error of that cell (its path
        names the row and the column key)."""
        if "columns" not in info.data:
            return rows  # the columns are wrong: their errors come first
        columns = {c.key: c for c in info.data["columns"]}
        typed, errors = [], []
        for index, row in enumerate(rows):
            cells = {}
            for key, value in row.items():
                column = columns.get(key)
                try:
                    if column is None:
                        raise ValueError(f"có số liệu cho một cột không có trong phụ lục (mã “{key}”)")
                    if column.compute:
                        raise ValueError("cột tính tự động, không nhập số liệu")
                    cells[key] = read_cell(column, value)
                except ValueError as error:
                    errors.append(_cell_error((index, key), str(error), value))
            typed.append(cells)
        if errors:
            raise ValidationError.from_exception_data("Appendix", errors)
        return typed


# --- Report (Báo cáo) ---------------------------------------------------------
# A report (Báo cáo) follows a plan: it names the document it reports on
# (``reference``), the period it covers (``period``), and its appendix puts a
# results column beside each target column (``Column.target``).


def _check_targets(columns: list[Column]) -> None:
    """A results column names an entered number column of the same table and
    is itself an entered number column."""
    by_key = {column.key: column for column in columns}
    for column in columns:
        if column.target is None:
            continue
        target = by_key.get(column.target)
        if target is None:
            raise ValueError(
                f"cột “{column.title}” so với một cột chỉ tiêu không có trong phụ lục (mã cột “{column.target}”)"
            )
        if target is column:
            raise ValueError(f"cột “{column.title}” không thể so với chính nó")
        if column.type != "number" or column.compute:
            raise ValueError(f"cột kết quả “{column.title}” phải là cột số, nhập số liệu (không tính tự động)")
        if target.type != "number":
            raise ValueError(f"cột “{column.title}” so với cột “{target.title}”, cột đó phải là cột số")


class DocumentReference(Model):
    """The document a report reports on: "Thực hiện Kế hoạch số 2314/KH-UBND
    ngày 29/8/2023 của Ủy ban nhân dân tỉnh Gia Lai". The number and the day
    may stay blank when the plan was a draft."""

    type_name: Line = Field(description=f"Tên loại văn bản được báo cáo, vd. {doctypes.get(None).name}")
    number: int | None = Field(default=None, ge=1, description="Số văn bản; trống khi chưa biết")
    symbol: Line = Field(description=f"Ký hiệu, vd. {doctypes.get(None).default_symbol}")
    date: IssueDate
    issuer_name: Line = Field(description="Cơ quan ban hành, vd. Ủy ban nhân dân tỉnh Gia Lai")
    subject: Text | None = Field(default=None, description="Trích yếu của văn bản được báo cáo")
    organ_id: AgencyCode | None = Field(default=None, description="Mã định danh của cơ quan ban hành (văn bản "
                                        "nhận qua trục liên thông)")
    document_id: Line | None = Field(default=None, description="Mã văn bản trên trục liên thông (edXML "
                                     "DocumentId), vd. 000.00.31.H41,2026/12/03,15/UBND-VP")

    @classmethod
    def of(cls, plan: "Plan") -> "DocumentReference":
        """A document cited by its own header: the type's name, number,
        symbol, date, issuer and subject (what a report on it, a decision's
        attached text or a derived document prints). Not validated: a draft
        has no number, an issuer's name may be missing until it is needed."""
        header = plan.header
        return cls.model_construct(
            type_name=doctypes.for_plan(plan).name, number=header.number, symbol=header.symbol,
            date=header.date, issuer_name=header.issuer_name or "", subject=plan.subject)

    @field_validator("type_name", "issuer_name")
    @classmethod
    def _present(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("không được để trống")
        return value

    @field_validator("symbol")
    @classmethod
    def _symbol_shape(cls, value: str) -> str:
        if not _SYMBOL.fullmatch(value):
            raise ValueError(f"ký hiệu '{value}' không đúng dạng: chữ in hoa nối bằng dấu gạch ngang")
        return value


class Period(Model):
    """Kỳ báo cáo: the days a report covers, both included."""

    start: Date
    end: Date

    @model_validator(mode="after")
    def _order(self):
        if self.end < self.start:
            raise ValueError(
                f"kỳ báo cáo: ngày kết thúc ({self.end:%d/%m/%Y}) trước ngày bắt đầu ({self.start:%d/%m/%Y})"
            )
        return self


# --- Giấy mời: the meeting ----------------------------------------------------


# "07 giờ 30 phút", "7h30", "07:30": the time of day a meeting starts.
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*(?:giờ|h|:)\s*(\d{1,2})?\s*(?:phút)?\s*$", re.IGNORECASE)


def _read_clock(value):
    """``07:30``, ``7 giờ 30``, ``7h30`` -> ``07:30``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("cần giờ dạng giờ:phút, vd. 07:30")
    match = _CLOCK.match(value)
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise ValueError(f"giờ “{value}” không đọc được: cần giờ:phút, vd. 07:30")
    return f"{int(match.group(1)):02d}:{int(match.group(2) or 0):02d}"


Clock = Annotated[str, BeforeValidator(_read_clock)]


class Meeting(Model):
    """What a Giấy mời invites to (Mẫu 1.7): who is invited ("trân trọng kính
    mời: …"), to what ("Tới dự: …"), who chairs, when and where, who takes
    part, and the points to note. Time and place may stay blank in a draft:
    the checks ask for them."""

    invitees: Text = Field(description="Kính mời: cơ quan hoặc họ tên, chức vụ, nơi công tác người được mời")
    event: Text = Field(description="Tới dự: tên hoặc nội dung cuộc họp, hội nghị")
    chair: Line | None = Field(default=None, description="Chủ trì")
    time: Clock | None = Field(default=None, description="Giờ bắt đầu, vd. 07:30")
    date: Date | None = Field(default=None, description="Ngày họp, vd. 15/3/2025")
    place: Line | None = Field(default=None, description="Địa điểm")
    participants: Text | None = Field(default=None, description="Thành phần")
    notes: list[Text] = Field(default_factory=list, description="Đề nghị, lưu ý; đoạn cuối kết thúc bằng ./.")

    @field_validator("invitees", "event")
    @classmethod
    def _present(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("không được để trống")
        return value

    @field_validator("chair", "place", "participants")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


# --- Quyết định: the text it issues (Mẫu 1.3) -----------------------------------


class AttachedText(Model):
    """The text a decision issues or approves (a Kế hoạch, Quy chế, Quy
    định), printed after the decision in the same file with its own title,
    its subject and "(Kèm theo Quyết định số … ngày … của …)"; it has no
    number, date or signer of its own. ``sections`` are a plan's sections
    or a Quy chế's chapters (whose blocks are articles)."""

    type: str = Field(description="Loại văn bản được ban hành kèm theo (docgen.doctypes)")
    subject: Text = Field(description="Trích yếu của văn bản kèm theo")
    opening: list[Text] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)

    @field_validator("type")
    @classmethod
    def _attachable(cls, value: str) -> str:
        kind = doctypes.get(value)
        if not kind.attachable:
            raise ValueError(f"{kind.name} không ban hành kèm theo quyết định được")
        return kind.key

    @field_validator("subject")
    @classmethod
    def _subject_present(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cần trích yếu của văn bản kèm theo")
        return value


# --- The plan ----------------------------------------------------------------


class Plan(Model):
    """A Decree-30 document: a Kế hoạch by default, or another registered
    type (docgen.doctypes) laid out the same way."""

    type: str = Field(default=doctypes.DEFAULT,
                      description=f"Loại văn bản (docgen.doctypes): {doctypes.known_text()}; "
                      f"bỏ trống: {doctypes.DEFAULT}")
    header: Header
    subject: Text = Field(description="Trích yếu: một câu, viết hoa chữ đầu (văn bản không có tên loại: sau “V/v”)")
    addressees: list[Line] = Field(
        default_factory=list, description="Kính gửi (ô 9a): mỗi cơ quan, người nhận phải xử lý một dòng"
    )
    decider: Line | None = Field(
        default=None, description="Thẩm quyền ban hành của quyết định, vd. CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LỘC HÒA"
    )
    meeting: Meeting | None = Field(default=None, description="Cuộc họp được mời: kính mời, tới dự, thời gian, địa điểm")
    opening: list[Text] = Field(
        default_factory=list, description="Căn cứ/Thực hiện…, bối cảnh, câu ban hành"
    )
    sections: list[Section] = Field(default_factory=list)
    articles: list[Block] = Field(default_factory=list, description="Các điều của quyết định: Điều 1., Điều 2. …")
    closing: list[Text] = Field(
        default_factory=list,
        description="Đoạn kết, sau mục cuối và trước nơi nhận: “Trên đây là … của …; đề nghị …./.”",
    )
    attached: AttachedText | None = Field(
        default=None, description="Văn bản được ban hành kèm theo (các loại có ở docgen.doctypes)"
    )
    campaign: Campaign | None = None
    recipients: list[Recipient] = Field(default_factory=list)
    archive: Line = Field(default="VT", description="Dòng 'Lưu': VT và đơn vị soạn thảo, vd. VT, NC")
    signer: Signer
    appendices: list[Appendix] = Field(default_factory=list)
    # --- Report (Báo cáo) ---
    reference: DocumentReference | None = Field(
        default=None, description="Văn bản được báo cáo: “Thực hiện … số … ngày … của …”"
    )
    period: Period | None = Field(default=None, description="Kỳ báo cáo: từ ngày … đến ngày …")
    # --- Marks and what only a person knows (Decree 30, ô 10a/10b; Appendix VI) ---
    urgency: Literal[tuple(m.key for m in marks.URGENCY)] | None = Field(
        default=None, description="Độ khẩn (ô 10b): " + ", ".join(f"{m.key} ({m.name})" for m in marks.URGENCY))
    secrecy: Literal[tuple(m.key for m in marks.SECRECY)] | None = Field(
        default=None, description="Độ mật (ô 10a): " + ", ".join(f"{m.key} ({m.name})" for m in marks.SECRECY))
    reply_by: Date | None = Field(default=None, description="Hạn trả lời văn bản (Phụ lục VI, DueDate)")

    @model_validator(mode="before")
    @classmethod
    def _printable(cls, data):
        """A document LibreOffice could not print within the PDF time-out is
        refused before its parts are read one by one (see MAX_RECIPIENTS)."""
        if not isinstance(data, dict):
            return data
        recipients = data.get("recipients")
        if isinstance(recipients, list) and len(recipients) > MAX_RECIPIENTS:
            raise ValidationError.from_exception_data("Plan", [_field_error(
                ("recipients",),
                f"có {_n(len(recipients))} nơi nhận, quá giới hạn {_n(MAX_RECIPIENTS)} nơi nhận của một văn bản "
                f"({_UNPRINTABLE}); hãy gộp các nơi nhận cùng loại, vd. “UBND các xã, phường”",
            )])
        appendices = data.get("appendices")
        total = cells = 0
        for index, appendix in enumerate(appendices if isinstance(appendices, list) else []):
            if not isinstance(appendix, dict):
                continue
            rows = appendix.get("rows") if isinstance(appendix.get("rows"), list) else []
            columns = appendix.get("columns") if isinstance(appendix.get("columns"), list) else []
            total += len(rows)
            cells += len(rows) * len(columns)
            problem = None
            if len(columns) > MAX_APPENDIX_COLUMNS:
                problem = ("columns", f"phụ lục có {_n(len(columns))} cột, quá giới hạn "
                           f"{_n(MAX_APPENDIX_COLUMNS)} cột của một phụ lục ({_UNPRINTABLE}); hãy bớt cột "
                           "hoặc tách thành nhiều phụ lục")
            elif total > MAX_APPENDIX_ROWS:
                counted = (f"phụ lục có {_n(total)} dòng" if total == len(rows)
                           else f"các phụ lục có tổng cộng {_n(total)} dòng")
                problem = ("rows", f"{counted}, quá giới hạn {_n(MAX_APPENDIX_ROWS)} dòng số liệu của một "
                           f"văn bản ({_UNPRINTABLE}); hãy chia thành nhiều văn bản hoặc gửi kèm bảng tính")
            elif cells > MAX_APPENDIX_CELLS:
                counted = (f"phụ lục có {_n(cells)} ô" if cells == len(rows) * len(columns)
                           else f"các phụ lục có tổng cộng {_n(cells)} ô")
                problem = ("rows", f"{counted} (dòng × cột), quá giới hạn {_n(MAX_APPENDIX_CELLS)} ô số liệu "
                           f"của một văn bản ({_UNPRINTABLE}); hãy bớt cột hoặc dòng, hoặc chia thành nhiều "
                           "văn bản")
            if problem is not None:
                raise ValidationError.from_exception_data("Plan", [_field_error(
                    ("appendices", index, problem[0]), problem[1])])
        characters = _text_length(data)
        if characters > MAX_DOCUMENT_CHARS:
            raise ValueError(f"văn bản dài {_n(characters)} ký tự, quá giới hạn {_n(MAX_DOCUMENT_CHARS)} ký tự "
                             f"({_UNPRINTABLE}); hãy chia thành nhiều văn bản hoặc rút gọn")
        return data

    @field_validator("subject")
    @classmethod
    def _subject_present(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cần trích yếu (tên văn bản)")
        return value

    @field_validator("type")
    @classmethod
    def _type_known(cls, value: str) -> str:
        return doctypes.get(value).key  # UnknownDocumentType (a ValueError) lists the known types

    @model_validator(mode="before")
    @classmethod
    def _type_symbol(cls, data):
        """A header without a symbol gets its type's (BC-UBND for a Báo cáo)."""
        if isinstance(data, dict) and isinstance(data.get("header"), dict) and "symbol" not in data["header"]:
            try:
                symbol = doctypes.get(data.get("type")).default_symbol
            except (doctypes.UnknownDocumentType, TypeError):
                return data  # the type's own validator says what is wrong
            data = {**data, "header": {**data["header"], "symbol": symbol}}
        return data

    @field_validator("addressees")
    @classmethod
    def _addressee_names(cls, lines: list[str]) -> list[str]:
        """A name as typed, without the dash and the end mark the document prints."""
        return [line.lstrip("-–").strip().rstrip(";.,").strip() for line in lines]

    @field_validator("archive")
    @classmethod
    def _archive(cls, value: str) -> str:
        value = re.sub(r"^-?\s*Lưu\s*:?\s*", "", value).rstrip(".").strip()
        if not value:
            raise ValueError("cần dòng Lưu, vd. VT, NC")
        return value

    @model_validator(mode="after")
    def _citations_follow_reference(self):
        """A text that copies the citation of ``reference`` as plain words (a
        report saved before the citation was a tag) gets the tag instead, so
        it prints the reference's fields as they are now
        (:func:`docgen.plan.references.tagged_fields`)."""
        if self.reference is not None:
            from .references import tagged_fields

            for name, value in tagged_fields(self).items():
                setattr(self, name, value)
        return self

    @model_validator(mode="after")
    def _type_parts(self):
        """Each part the document has is one its type has; its blocks are of
        the kinds the part holds; a decision's bases are stored without the
        end mark the document prints (";" and ".")."""
        doc_type = doctypes.for_plan(self)
        errors = [_field_error((name,), f"{doc_type.name} không có phần “{what}”: hãy bỏ phần này")
                  for name, what, present, allowed in (
                      ("addressees", "Kính gửi", [a for a in self.addressees if a], doc_type.addressees != "none"),
                      ("decider", "thẩm quyền ban hành", self.decider, doc_type.decider),
                      ("meeting", "thời gian, địa điểm", self.meeting, doc_type.has("meeting")),
                      ("sections", "các mục I, II", self.sections, doc_type.has("sections")),
                      ("articles", "các điều", self.articles, doc_type.has("articles")),
                      ("attached", "văn bản kèm theo", self.attached, bool(doc_type.attached)),
                      ("period", "kỳ báo cáo", self.period, doc_type.period),
                      ("closing", "đoạn kết", [text for text in self.closing if text.strip()],
                       doc_type.has("closing")),
                  ) if present and not allowed]
        if self.attached is not None and doc_type.attached and self.attached.type not in doc_type.attached:
            names = ", ".join(doctypes.get(key).name for key in doc_type.attached)
            errors.append(_field_error(("attached", "type"), f"{doc_type.name} chỉ ban hành kèm theo: {names}"))
        errors += _kinds_errors(("articles",), self.articles, doctypes.ARTICLE_BLOCKS, doc_type.noun)
        for index, section in enumerate(self.sections):
            errors += _kinds_errors(("sections", index, "blocks"), section.blocks, doc_type.block_kinds,
                                    doc_type.noun)
        if self.attached is not None:
            attached_type = doctypes.get(self.attached.type)
            for index, section in enumerate(self.attached.sections):
                errors += _kinds_errors(("attached", "sections", index, "blocks"), section.blocks,
                                        attached_type.block_kinds, attached_type.noun)
            if not self.header.issuer_name:
                errors.append(_field_error(("header", "issuer_name"), "có văn bản kèm theo nên cần tên này "
                                           f"(vd. Ủy ban nhân dân xã Lộc Hòa) cho dòng “{doc_type.attached_words} …”"))
        if errors:
            raise ValidationError.from_exception_data("Plan", errors)
        if doc_type.bases:
            self.opening = [text.rstrip().rstrip(";.,").rstrip() if text.strip() else text for text in self.opening]
        return self

    @model_validator(mode="after")
    def _appendix_needs(self):
        """What appendices need from other parts. A missing issuer's name is
        reported at its field; the campaign's days stay a plan-wide error (a
        batch template may leave them to each unit's dates)."""
        doc_type = doctypes.for_plan(self)
        if self.appendices and not doc_type.appendices:
            raise ValidationError.from_exception_data("Plan", [_field_error(
                ("appendices",), f"{doc_type.name} không có phụ lục: hãy bỏ các phụ lục",
            )])
        if self.campaign is not None and not doc_type.campaign:
            raise ValidationError.from_exception_data("Plan", [_field_error(
                ("campaign",), f"{doc_type.name} không có đợt cao điểm, chiến dịch: hãy bỏ phần này",
            )])
        for index, appendix in enumerate(self.appendices):
            uses_days = any(c.compute == "per_day" for c in appendix.columns)
            if uses_days and not (self.campaign and self.campaign.quota_days):
                raise ValueError(
                    f"phụ lục {index + 1} có cột chỉ tiêu theo ngày nên cần số ngày của đợt (ô “Số ngày”, "
                    "hoặc “Từ ngày” và “Đến ngày” ở phần Đợt cao điểm, chiến dịch)"
                )
        if self.appendices and not self.header.issuer_name:
            raise ValidationError.from_exception_data("Plan", [_field_error(
                ("header", "issuer_name"),
                "có phụ lục nên cần tên này (vd. Ủy ban nhân dân tỉnh Gia Lai) cho dòng "
                f"'{doc_type.attached_words} …'",
            )])
        return self


def part_kinds(allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    """The kinds a part holds: ``allowed`` (a type's), or every kind of
    :data:`BLOCK_KINDS` but those of articles alone (a plan's sections)."""
    if allowed is not None:
        return allowed
    return tuple(kind.key for kind in BLOCK_KINDS if kind.key not in doctypes.ARTICLE_ONLY)


def _kinds_errors(loc: tuple, blocks: list, allowed: tuple[str, ...] | None, type_name: str
                  ) -> list[InitErrorDetails]:
    """An error for each block of a kind its part does not hold (an article
    among a plan's sections, a heading among a decision's articles)."""
    allowed = part_kinds(allowed)
    names = ", ".join(BLOCK_BY_KEY[key].name for key in allowed if key in BLOCK_BY_KEY)
    return [_field_error((*loc, index), f"{BLOCK_BY_KEY[block.kind].name} không dùng ở phần này của "
                         f"{type_name}; dùng: {names}")
            for index, block in enumerate(blocks) if block.kind not in allowed]


def _text_length(data) -> int:
    """Characters of the text in ``data`` (a plan as sent: dicts, lists):
    every string but a block's kind."""
    total, pending = 0, [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            pending.extend(item for key, item in value.items() if key != "kind")
        elif isinstance(value, list):
            pending.extend(value)
    return total


def _cell_error(loc: tuple, message: str, value) -> InitErrorDetails:
    """An error of one cell of the field validated (``loc`` under it)."""
    return InitErrorDetails(type=PydanticCustomError("value_error", "{error}", {"error": message}),
                            loc=loc, input=value)


def _field_error(loc: tuple, message: str) -> InitErrorDetails:
    """An error of another field than the one validated (pydantic puts the
    validated model's own location in front)."""
    return InitErrorDetails(type=PydanticCustomError("value_error", message), loc=loc, input=None)
