"""Plans as the editor holds them: the sample catalogue, a blank plan, and
plan files (JSON or YAML) read into editable data.

The editor works on the plan's JSON form (``Plan.model_dump``); a plan that
does not validate yet is kept as the clerk wrote it, so nothing typed is
lost, with its field errors beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter

from .. import doctypes
from ..plan.model import Block, Plan
from ..plan.files import FieldError, PlanFileError, load_plan, parse_plan_data, read_plan_bytes

PLAN_FILE_TYPES = (".json", ".yaml", ".yml")


@dataclass(frozen=True)
class Sample:
    """A sample document offered on the start page."""

    id: str  # "002" from the file name; a type's sample (samples/types/): its file name
    name: str  # file name without extension
    subject: str
    data: dict
    label: str = ""  # "Mẫu 002"; a type's sample: the type's name ("Công văn")

    @property
    def shown(self) -> str:
        return self.label or f"Mẫu {self.id}"


def editable_data(plan: Plan) -> dict:
    """The plan's JSON form, as the editor and the API exchange it."""
    return json.loads(plan.model_dump_json(exclude_none=True))


TYPE_SAMPLES = "types"  # the folder of the samples of each document type


def load_samples(directory: Path) -> dict[str, Sample]:
    """Every ``*.yaml`` plan of ``directory``, by the number its name starts
    with, then the samples of each document type (``types/``), by their file
    names. A sample that does not validate is a bug in the samples and
    stops the start of the app."""
    samples = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        plan = load_plan(path)
        sample_id = path.stem.split("_", 1)[0]
        samples[sample_id] = Sample(sample_id, path.stem, plan.subject, editable_data(plan))
    for path in sorted((Path(directory) / TYPE_SAMPLES).glob("*.yaml")):
        plan = load_plan(path)
        samples[path.stem] = Sample(path.stem, path.stem, plan.subject, editable_data(plan),
                                    doctypes.for_plan(plan).name)
    return samples


_BLOCK = TypeAdapter(Block)


def _expand_shorthand(data: dict) -> dict:
    """String blocks (YAML shorthand ``- text``) as the model reads them, so
    the editor gets objects even when the plan does not validate yet."""
    for section in data.get("sections") or []:
        if isinstance(section, dict) and isinstance(section.get("blocks"), list):
            section["blocks"] = [
                _BLOCK.validate_python(block).model_dump(mode="json", exclude_none=True)
                if isinstance(block, str) else block
                for block in section["blocks"]
            ]
    return data


def editable_or_raw(data) -> tuple[dict, list[FieldError]]:
    """A plan read from somewhere: its normalised form when it validates,
    else the data as written and what is wrong with it."""
    try:
        return editable_data(parse_plan_data(data, "plan")), []
    except PlanFileError as error:
        if not isinstance(data, dict):
            return {}, error.errors
        return _expand_shorthand(data), error.errors


class PlanFileUnreadable(ValueError):
    """A plan file that is not JSON/YAML text at all."""


class PlanFileTooLarge(PlanFileUnreadable):
    """A file or text holding more than docgen reads (answered 413)."""


def read_plan_file(filename: str, content: bytes) -> tuple[dict, list[FieldError]]:
    """A plan file uploaded by the clerk -> (editable data, field errors)."""
    if not filename.lower().endswith(PLAN_FILE_TYPES):
        word = " (một tệp Word .docx không mở lại được thành biểu mẫu)" if filename.lower().endswith(".docx") else ""
        raise PlanFileUnreadable(
            f"chỉ mở được tệp văn bản .json, .yaml hoặc .yml, là tệp đã lưu bằng “Xuất JSON” hoặc “Xuất YAML”{word}"
        )
    try:
        data = read_plan_bytes(content, filename)
    except PlanFileError as error:
        raise PlanFileUnreadable("; ".join(str(e) for e in error.errors)) from None
    data = json.loads(json.dumps(data, default=str))  # YAML dates -> ISO strings
    return editable_or_raw(data)
