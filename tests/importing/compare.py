"""Plans compared as data, the way the round trip is judged: whitespace
normalised, defaults resolved (a unit's ``bullets``), an appendix's columns
and cells named by their titles (keys are made from titles on import), rows
in the order the document prints them. The campaign is left out: the
document does not print it as such (the importer infers it from the text,
checked on its own)."""

from __future__ import annotations

import json
import re

from docgen.plan.appendix import computed_rows, sorted_rows
from docgen.plan.model import Plan


def _normalised(value):
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    return value


def comparable(plan: Plan) -> dict:
    data = json.loads(plan.model_dump_json(exclude_none=True))
    data.pop("campaign", None)
    for section, model_section in zip(data["sections"], plan.sections):
        for block, model_block in zip(section["blocks"], model_section.blocks):
            if block["kind"] == "unit":
                block["bullets"] = (model_block.bullets if model_block.bullets is not None
                                    else len(model_block.printed_tasks) > 1)
    days = plan.campaign.quota_days if plan.campaign else None
    for appendix, model_appendix in zip(data["appendices"], plan.appendices):
        titles = {c["key"]: c["title"] for c in appendix["columns"]}
        entered = [c["key"] for c in appendix["columns"] if not c.get("compute")]
        printed = sorted_rows(model_appendix, computed_rows(model_appendix, days))
        appendix["rows"] = [{titles[k]: row.get(k) for k in entered if row.get(k) not in (None, "")}
                            for row in printed]
        for column in appendix["columns"]:
            column["key"] = column["title"]
            column["of"] = [titles[k] for k in column["of"]]
        if appendix.get("sort"):
            appendix["sort"]["by"] = titles[appendix["sort"]["by"]]
    return _normalised(data)


def differences(expected, actual, path: str = "") -> list[str]:
    """Where two comparable plans differ, as ``path: expected != actual``."""
    if type(expected) is not type(actual):
        return [f"{path}: {expected!r} != {actual!r}"]
    if isinstance(expected, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            if key not in expected or key not in actual:
                out.append(f"{path}.{key}: {expected.get(key)!r} != {actual.get(key)!r}")
            else:
                out += differences(expected[key], actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list):
        out = [f"{path}: {len(expected)} items != {len(actual)}"] if len(expected) != len(actual) else []
        for index, (a, b) in enumerate(zip(expected, actual)):
            out += differences(a, b, f"{path}.{index}")
        return out
    return [] if expected == actual else [f"{path}: {expected!r} != {actual!r}"]
