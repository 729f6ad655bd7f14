"""The batch run: every unit's plan rendered, streamed into one ZIP.

The Word template is compiled once per worker process (each worker of
:func:`~docgen.batch.pool.limited_map` builds the
:class:`~docgen.document.render.CompiledTemplate` and the
:class:`~docgen.batch.template.TemplatePlan` when it starts); units go out in
small chunks, finished documents (deflated, with their SHA-256) come back
one by one in order and each is written into the ZIP as it arrives: memory
stays flat however many units there are. Every
unit renders in a worker process, never in the caller's, so a unit over its
time limit is stopped by killing its worker (:mod:`docgen.batch.limits`).

Every document is checked as the editor checks a plan
(:func:`docgen.checks.check_plan` on the unit's plan and the .docx just
rendered), in the worker that rendered it; the manifest gives each unit's
count of errors and warnings and the first message.

The ZIP holds one ``.docx`` per valid unit (file names slugged, unique, in
Vietnamese alphabetical order), ``manifest.csv`` (every row: line, unit, file,
SHA-256, status, check errors, check warnings, first message) and, when rows
were invalid, ``loi.csv`` (line, column, unit, message). Invalid rows never
stop the valid ones.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO, Callable

from ..vietnamese import vn
from ..checks import Finding, check_plan
from ..checks.findings import SEVERITY_WORDS
from ..document.context import build_context
from ..pdf import docx_to_pdf
from .. import doctypes
from ..document.render import CompiledTemplate, default_template, template_for
from ..sheets.spreadsheet import escape_formula
from ..word.shared import SharedParts, sharing
from .derive import PARENT_KEYS, UNIT_FIELDS, ParentPlan, derive_plan
from .limits import RenderLimitError, RenderLimits, seconds_text
from .pool import ItemFailed, ItemTimeout, WorkerDied, Workers, limited_map
from .template import LimitExceeded, TemplatePlan, TemplatePlanError
from .units import RowError, Unit, UnitsTable

MANIFEST_NAME = "manifest.csv"
ERRORS_NAME = "loi.csv"
STATUS_OK = "đã tạo"
STATUS_FAILED = "lỗi"
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

Progress = Callable[[int, int], None]
# Units are sorted twice (to render, then the manifest): each name's key once.
_sort_key = functools.lru_cache(maxsize=32768)(vn.sort_key)


@dataclass(frozen=True)
class ManifestEntry:
    """One row of the manifest. ``errors``/``warnings``: the document's
    check findings (for a row not rendered: its row errors); ``first``: the
    first of them as the clerk reads it."""

    row: int | None
    unit: str
    file: str
    sha256: str
    status: str
    errors: int = 0
    warnings: int = 0
    first: str = ""


@dataclass(frozen=True)
class Checked:
    """What the checks said of one document."""

    errors: int = 0
    warnings: int = 0
    first: str = ""


def finding_text(finding: Finding) -> str:
    """``Lỗi – Mục IV (tiêu đề mục) «…»: số mục IV bị lặp lại …``."""
    return f"{SEVERITY_WORDS[finding.severity]} – {finding.where}: {finding.message}"


def checked(findings: list[Finding]) -> Checked:
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    first = (errors or warnings or [None])[0]
    return Checked(len(errors), len(warnings), finding_text(first) if first else "")


@dataclass
class BatchResult:
    """What a batch produced: ``entries`` is the manifest (every row),
    ``errors`` every problem (also written to ``loi.csv``)."""

    entries: list[ManifestEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def rendered(self) -> int:
        return sum(1 for e in self.entries if e.status == STATUS_OK)

    @property
    def failed(self) -> int:
        return sum(1 for e in self.entries if e.status != STATUS_OK)

    @property
    def with_errors(self) -> int:
        """Documents made whose checks found errors."""
        return sum(1 for e in self.entries if e.status == STATUS_OK and e.errors)

    @property
    def with_warnings(self) -> int:
        return sum(1 for e in self.entries if e.status == STATUS_OK and e.warnings)

    @property
    def summary(self) -> str:
        """What the batch made, said honestly: documents, those whose checks
        found errors or warnings, rows not made."""
        parts = [f"Đã tạo {self.rendered} văn bản"]
        if self.rendered:
            if self.with_errors:
                parts.append(f"{self.with_errors} văn bản có lỗi khi kiểm tra, cần sửa trước khi ban hành")
            if self.with_warnings:
                parts.append(f"{self.with_warnings} văn bản có cảnh báo")
            if not self.with_errors and not self.with_warnings:
                parts.append("không văn bản nào có lỗi hay cảnh báo khi kiểm tra")
        if self.failed:
            parts.append(f"{self.failed} dòng không tạo được (xem loi.csv trong tệp ZIP)")
        return "; ".join(parts) + "."

    @property
    def counts(self) -> dict[str, int]:
        return {"total": len(self.entries), "rendered": self.rendered, "failed": self.failed,
                "with_errors": self.with_errors, "with_warnings": self.with_warnings}


# --- before rendering -----------------------------------------------------------


def as_template(template: TemplatePlan | dict) -> TemplatePlan:
    return template if isinstance(template, TemplatePlan) else TemplatePlan(template)


def check_template(template: TemplatePlan, units: UnitsTable, parent: ParentPlan | None) -> None:
    """Raise :class:`TemplatePlanError` when a placeholder names nothing the
    units (and the parent plan) provide, or the template is not a valid plan
    apart from what each unit fills in."""
    available = units.available | (set(PARENT_KEYS) if parent else set())
    errors = template.check(available) or template.problems(ignore=UNIT_FIELDS)
    if errors:
        raise TemplatePlanError(errors)


def blank_placeholders(template: TemplatePlan, units: UnitsTable, unit: Unit) -> list[RowError]:
    """A blank cell in a column the template uses is the row's error."""
    return [
        RowError(unit.row, units.title(name), f"ô trống nhưng văn bản mẫu dùng “{{{{ {name} }}}}”", unit.name)
        for name in sorted(template.placeholders)
        if name in units.columns and unit.get(name) is None
    ]


def file_names(names: list[str]) -> list[str]:
    """``Xã Ia Kha`` -> ``Xa-Ia-Kha.docx``; unique without regard to case."""
    taken: set[str] = set()
    out = []
    for index, name in enumerate(names, start=1):
        stem = vn.slug(name) or f"don-vi-{index}"
        candidate, suffix = stem, 1
        while candidate.casefold() in taken:
            suffix += 1
            candidate = f"{stem}-{suffix}"
        taken.add(candidate.casefold())
        out.append(candidate + ".docx")
    return out


# --- rendering one unit (in a worker) --------------------------------------------


class _Renderer:
    """Renders units of one template, each the way ``render_plan`` renders
    it (so a unit's document is byte for byte the one the CLI makes), and
    checks it as the editor does.

    Returns ``(docx, sha256, row errors, Checked)``; a unit over a limit
    returns ``(None, "", reason, None)`` with the reason as text, which stops
    the batch."""

    def __init__(self, template: TemplatePlan, word: CompiledTemplate, parent: ParentPlan | None,
                 docx_bytes: int):
        self.template = template
        self.word = word
        self.parent = parent
        self.docx_bytes = docx_bytes
        self.shared = SharedParts()  # every unit's .docx shares the Word template's parts but its body

    def __call__(self, unit: Unit) -> tuple[bytes | None, str, list[RowError] | str, Checked | None]:
        try:
            derived = derive_plan(self.template, unit, self.parent)
        except LimitExceeded as error:
            return None, "", str(error), None
        except MemoryError:
            return None, "", "cần quá nhiều bộ nhớ", None
        if derived.plan is None:
            errors = [RowError(unit.row, None, f"văn bản của đơn vị không hợp lệ: {e}", unit.name)
                      for e in derived.errors]
            return None, "", errors, None
        docx = self.word.render(build_context(derived.plan))
        if len(docx) > self.docx_bytes:
            return None, "", (f"tệp .docx lớn {vn.format_number(len(docx) / 2**20, 1)} MB, quá giới hạn "
                              f"{vn.format_number(self.docx_bytes / 2**20, 1)} MB"), None
        with sharing(self.shared):
            findings = check_plan(derived.plan, docx=docx)
        return docx, hashlib.sha256(docx).hexdigest(), [], checked(findings)


def _make_renderer(template_data: dict, source: str, parent: ParentPlan | None,
                   docx_bytes: int) -> _Renderer:
    """In each worker process, once: compile the templates (the Word
    template may be compiled already: :func:`warm_worker`)."""
    return _Renderer(TemplatePlan(template_data, source), _word_template(template_data), parent, docx_bytes)


def _word_template(template_data: dict) -> CompiledTemplate:
    """The Word template of the template plan's document type; an unknown
    type is reported by each unit's validation, rendered by none."""
    try:
        return template_for(doctypes.get(template_data.get("type")))
    except (doctypes.UnknownDocumentType, TypeError):
        return default_template()


def warm_worker() -> None:
    """What a worker started before the inputs are read can do meanwhile."""
    default_template()


# --- the run ---------------------------------------------------------------------


def _csv_bytes(header: list[str], rows) -> bytes:
    """A CSV whose text cells never run as formulas (``escape_formula``)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([escape_formula(value) for value in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")  # Excel reads UTF-8 with a BOM


def _write(archive: zipfile.ZipFile, name: str, data: bytes, compress: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    archive.writestr(info, data)


@dataclass(frozen=True)
class Prepared:
    """A batch checked and laid out before rendering: the units to render,
    sorted in Vietnamese order, with their unique file names, and the rows
    already refused."""

    template: TemplatePlan
    parent: ParentPlan | None
    ready: list[tuple[Unit, str]]
    errors: list[RowError]


def prepare(template: TemplatePlan | dict, units: UnitsTable, parent: ParentPlan | None = None) -> Prepared:
    """Check the template against the table (raises
    :class:`TemplatePlanError`), refuse rows with blank cells the template
    needs, sort and name the rest."""
    template = as_template(template)
    check_template(template, units, parent)
    errors = list(units.errors)
    ready: list[Unit] = []
    for unit in units.units:
        blanks = blank_placeholders(template, units, unit)
        if blanks:
            errors.extend(blanks)
        else:
            ready.append(unit)
    ready.sort(key=lambda u: _sort_key(u.name))
    return Prepared(template, parent, list(zip(ready, file_names([u.name for u in ready]))), errors)


def render_into(
    archive: zipfile.ZipFile,
    prepared: Prepared,
    ready: list[tuple[Unit, str]] | None = None,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    limits: RenderLimits | None = None,
    pool: Workers | None = None,
    pdf: bool = False,
) -> BatchResult:
    """Render ``ready`` (default: all of ``prepared.ready``) into ``archive``,
    each document written as it arrives (with ``pdf``, its PDF beside it).
    The result holds the manifest entries of these units and their errors
    only. Raises :class:`RenderLimitError` when a unit goes over ``limits``
    (default: from the environment), :class:`PdfError` when a PDF cannot
    be made. ``pool``: worker processes started beforehand."""
    ready = prepared.ready if ready is None else ready
    workers = workers or os.cpu_count() or 1
    limits = limits or RenderLimits.from_env()
    units = [unit for unit, _ in ready]
    result = BatchResult()
    total = len(ready)
    for done, ((unit, name), (docx, digest, errors, checks)) in enumerate(
        zip(ready, _results(prepared.template, prepared.parent, units, workers, limits, pool)), start=1
    ):
        if docx is None:
            result.errors.extend(errors)
            result.entries.append(_failed_entry(unit.row, unit.name, errors))
        else:
            _write(archive, name, docx, compress=False)
            if pdf:
                _write(archive, name.removesuffix(".docx") + ".pdf", docx_to_pdf(docx), compress=False)
            result.entries.append(ManifestEntry(unit.row, unit.name, name, digest, STATUS_OK,
                                                checks.errors, checks.warnings, checks.first))
        if progress:
            progress(done, total)
    return result


def _failed_entry(row: int | None, unit: str, errors: list[RowError]) -> ManifestEntry:
    """The manifest row of a unit not rendered: its row errors, the first one."""
    first = errors[0] if errors else None
    message = (f"{SEVERITY_WORDS['error']} – " + (f"cột “{first.column}”: " if first.column else "")
               + first.message) if first else ""
    return ManifestEntry(row, unit, "", "", STATUS_FAILED, len(errors), 0, message)


MANIFEST_HEADER = ["Dòng", "Đơn vị", "Tệp", "SHA-256", "Trạng thái", "Số lỗi", "Số cảnh báo",
                   "Lỗi hoặc cảnh báo đầu tiên"]


def finish(archive: zipfile.ZipFile, result: BatchResult) -> BatchResult:
    """Write the manifest (every row, in Vietnamese order of units) and, when
    rows were refused, the error report into ``archive``."""
    known = {e.row for e in result.entries}
    refused: dict[int | None, list[RowError]] = {}
    for error in result.errors:
        if error.row not in known:
            refused.setdefault(error.row, []).append(error)
    for row, errors in refused.items():
        result.entries.append(_failed_entry(row, errors[0].unit or "", errors))
    result.entries.sort(key=lambda e: (e.unit == "", _sort_key(e.unit), e.row or 0))
    _write(archive, MANIFEST_NAME, _csv_bytes(
        MANIFEST_HEADER,
        ([e.row or "", e.unit, e.file, e.sha256, e.status, e.errors, e.warnings, e.first]
         for e in result.entries),
    ), compress=True)
    if result.errors:
        result.errors.sort(key=lambda e: (e.row or 0, e.column or ""))
        _write(archive, ERRORS_NAME, _csv_bytes(
            ["Dòng", "Cột", "Đơn vị", "Lỗi"],
            ([e.row or "", e.column or "", e.unit or "", e.message] for e in result.errors),
        ), compress=True)
    return result


def run_batch(
    template: TemplatePlan | dict,
    units: UnitsTable,
    out: BinaryIO,
    *,
    parent: ParentPlan | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    limits: RenderLimits | None = None,
    pool: Workers | None = None,
    pdf: bool = False,
) -> BatchResult:
    """Render every valid unit of ``units`` from ``template`` into a ZIP
    written to ``out`` (a binary stream, seekable or not); with ``pdf``,
    each document's PDF beside its .docx (``Xa-Ia-Kha.pdf``; raises
    :class:`~docgen.pdf.PdfError` when LibreOffice cannot make one).

    ``template`` is a :class:`TemplatePlan` or plan data as loaded from
    YAML/JSON; ``parent`` the plan the units implement; ``progress(done,
    total)`` is called after each unit; ``workers`` (processes) defaults to
    the number of CPUs; ``pool`` gives worker processes started before the
    inputs were read (:class:`~docgen.batch.pool.Workers`: they start
    smaller). Raises :class:`TemplatePlanError` before anything is written
    when the template cannot be used, :class:`RenderLimitError` when a unit
    goes over ``limits`` (the ZIP is then incomplete).
    """
    prepared = prepare(template, units, parent)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        result = render_into(archive, prepared, progress=progress, workers=workers, limits=limits,
                             pool=pool, pdf=pdf)
        result.errors = prepared.errors + result.errors
        return finish(archive, result)


def _results(template: TemplatePlan, parent: ParentPlan | None, units: list[Unit], workers: int,
             limits: RenderLimits, pool: Workers | None = None):
    """Each unit's (docx, sha256, row errors, checks), in the order of
    ``units``, rendered and checked in worker processes under ``limits``."""
    outcomes = limited_map(_make_renderer, (template.data, template.source, parent, limits.docx_bytes),
                           units, processes=workers, seconds=limits.seconds,
                           memory_bytes=limits.memory_bytes, workers=pool)
    try:
        for unit, (docx, digest, errors, checks) in zip(units, outcomes):
            if isinstance(errors, str):
                raise RenderLimitError(unit.name, unit.row, errors)
            yield docx, digest, errors, checks
    except ItemTimeout as timeout:
        unit = units[timeout.index]
        raise RenderLimitError(unit.name, unit.row, f"tạo văn bản quá {seconds_text(limits.seconds)} giây "
                                                    "nên đã bị dừng") from None
    except ItemFailed as failed:
        unit = units[failed.index]
        raise RenderLimitError(unit.name, unit.row, f"lỗi khi tạo văn bản ({failed.detail})") from None
    except WorkerDied as died:
        unit = units[died.index] if died.index is not None else None
        raise RenderLimitError(unit and unit.name, unit and unit.row,
                               "tiến trình tạo văn bản bị dừng đột ngột (có thể do dùng quá nhiều "
                               "bộ nhớ)") from None
    finally:
        outcomes.close()
