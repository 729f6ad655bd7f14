"""A document LibreOffice could not print within the PDF time-out is a field
error before it is saved, with the limit named: the recipients, the rows,
columns and cells of the appendices, one paragraph (or line, or table cell),
the whole text.
Exactly at each limit the document is valid (bench/print_limits.py measures
that it prints in time)."""

from __future__ import annotations

import copy

import pytest

from docgen.plan.model import (
    MAX_APPENDIX_CELLS, MAX_APPENDIX_COLUMNS, MAX_APPENDIX_ROWS, MAX_DOCUMENT_CHARS, MAX_FIELD_CHARS,
    MAX_RECIPIENTS,
)
from docgen.plan.files import PlanFileError, parse_plan_data
from docgen.web.plans import editable_data


@pytest.fixture(scope="module")
def sample(plans) -> dict:
    return editable_data(plans["002"])


def errors_of(data: dict) -> list[tuple[str, str, str]]:
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data)
    return [(e.path, e.label, e.message) for e in refused.value.errors]


def with_recipients(sample: dict, count: int) -> dict:
    data = copy.deepcopy(sample)
    data["recipients"] = [{"name": f"UBND xã số {n}", "purpose": "thực hiện"} for n in range(count)]
    return data


def with_rows(sample: dict, *counts: int, extra_columns: int = 0) -> dict:
    """Appendices of ``counts`` rows each, sample 002's six columns and
    ``extra_columns`` more."""
    data = copy.deepcopy(sample)
    appendix = data["appendices"][0]
    first = appendix["rows"][0]
    columns = appendix["columns"] + [{"key": f"x{n}", "title": f"Cột {n}", "type": "number"}
                                     for n in range(extra_columns)]
    data["appendices"] = [{**copy.deepcopy(appendix), "columns": columns,
                           "rows": [{**first, "unit": f"Xã {n}"} for n in range(count)]} for count in counts]
    return data


def with_paragraph(sample: dict, length: int) -> dict:
    data = copy.deepcopy(sample)
    text = ("Tuyên truyền cài đặt ứng dụng VNeID. " * (length // 30 + 1))[:length]
    data["sections"][0]["blocks"].append({"kind": "paragraph", "text": text})
    return data


def test_the_limits_are_what_the_messages_say():
    assert (MAX_RECIPIENTS, MAX_APPENDIX_ROWS, MAX_APPENDIX_COLUMNS, MAX_APPENDIX_CELLS, MAX_FIELD_CHARS,
            MAX_DOCUMENT_CHARS) == (1_000, 1_500, 30, 12_000, 20_000, 1_000_000)


def test_recipients_up_to_the_limit_and_one_more(sample):
    assert len(parse_plan_data(with_recipients(sample, MAX_RECIPIENTS)).recipients) == MAX_RECIPIENTS
    [(path, label, message)] = errors_of(with_recipients(sample, 10_000))
    assert (path, label) == ("recipients", "Nơi nhận")
    assert message.startswith("có 10.000 nơi nhận, quá giới hạn 1.000 nơi nhận của một văn bản (bản PDF")
    assert errors_of(with_recipients(sample, MAX_RECIPIENTS + 1))[0][2].startswith("có 1.001 nơi nhận")


def test_appendix_rows_in_one_appendix_and_in_all_together(sample):
    assert len(parse_plan_data(with_rows(sample, MAX_APPENDIX_ROWS)).appendices[0].rows) == MAX_APPENDIX_ROWS
    [(path, label, message)] = errors_of(with_rows(sample, MAX_APPENDIX_ROWS + 1))
    assert (path, label) == ("appendices.0.rows", "Phụ lục 1 – Bảng số liệu")
    assert message.startswith("phụ lục có 1.501 dòng, quá giới hạn 1.500 dòng số liệu của một văn bản")
    [(path, label, message)] = errors_of(with_rows(sample, 1000, 600))
    assert (path, label) == ("appendices.1.rows", "Phụ lục 2 – Bảng số liệu")
    assert message.startswith("các phụ lục có tổng cộng 1.600 dòng, quá giới hạn 1.500 dòng")


def test_appendix_columns_and_cells(sample):
    """Wide tables print slower per cell: at most 30 columns, and 12,000
    cells (rows x columns) in all: 1,500 rows of 8 columns, 400 of 30."""
    parse_plan_data(with_rows(sample, 400, extra_columns=MAX_APPENDIX_COLUMNS - 6))
    parse_plan_data(with_rows(sample, 1500, extra_columns=2))
    [(path, label, message)] = errors_of(with_rows(sample, 10, extra_columns=MAX_APPENDIX_COLUMNS - 5))
    assert (path, label) == ("appendices.0.columns", "Phụ lục 1 – Cột")
    assert message.startswith("phụ lục có 31 cột, quá giới hạn 30 cột của một phụ lục")
    [(path, _, message)] = errors_of(with_rows(sample, 401, extra_columns=MAX_APPENDIX_COLUMNS - 6))
    assert path == "appendices.0.rows"
    assert message.startswith("phụ lục có 12.030 ô (dòng × cột), quá giới hạn 12.000 ô số liệu của một văn bản")
    [(path, _, message)] = errors_of(with_rows(sample, 700, 700, extra_columns=4))
    assert path == "appendices.1.rows"
    assert message.startswith("các phụ lục có tổng cộng 14.000 ô (dòng × cột), quá giới hạn 12.000 ô")


def test_one_paragraph_a_line_and_a_cell(sample):
    parse_plan_data(with_paragraph(sample, MAX_FIELD_CHARS))
    blocks = len(sample["sections"][0]["blocks"])
    [(path, label, message)] = errors_of(with_paragraph(sample, MAX_FIELD_CHARS + 1))
    assert (path, label) == (f"sections.0.blocks.{blocks}.text", f"Mục I, khối {blocks + 1} – Nội dung")
    assert message.startswith("dài 20.001 ký tự, quá giới hạn 20.000 ký tự của một đoạn")
    assert message.endswith("hãy tách thành nhiều đoạn")

    data = copy.deepcopy(sample)
    data["recipients"][0]["name"] = "Sở " + "x" * MAX_FIELD_CHARS
    assert errors_of(data)[0][:2] == ("recipients.0.name", "Nơi nhận 1 – Tên nơi nhận")

    data = copy.deepcopy(sample)
    data["appendices"][0]["rows"][0]["unit"] = "y" * (MAX_FIELD_CHARS + 5)
    [(path, label, message)] = errors_of(data)
    assert path.startswith("appendices.0.rows.0") and label.startswith("Phụ lục 1, dòng 1")
    assert message.startswith("dài 20.005 ký tự, quá giới hạn 20.000 ký tự")


def test_the_whole_text(sample):
    data = copy.deepcopy(sample)
    paragraph = "Tuyên truyền cài đặt ứng dụng VNeID cho người dân. " * 380  # ~19,000 characters
    data["sections"][0]["blocks"] += [{"kind": "paragraph", "text": paragraph}] * 60
    [(path, _, message)] = errors_of(data)
    assert path == ""
    assert message.startswith("văn bản dài 1.") and "quá giới hạn 1.000.000 ký tự" in message


def test_a_document_at_the_limits_is_read_back_by_the_word_reader(sample):
    """What docgen writes within its limits never trips the Word reader's
    own (docgen.word.ContentLimits): the recipients, an appendix of 1,500
    rows of 8 columns and the longest paragraph at once."""
    from docgen.document.render import render_plan
    from docgen.word.package import check_package

    data = with_rows(with_paragraph(with_recipients(sample, MAX_RECIPIENTS), MAX_FIELD_CHARS),
                     MAX_APPENDIX_ROWS, extra_columns=2)
    check_package(render_plan(parse_plan_data(data)))
