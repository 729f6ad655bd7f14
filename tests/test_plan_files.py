"""One reader of plan files (docgen.plan.files.read_plan_text): the command
line, the web's "Mở tệp…" and the batch's template read a plan file the same
way: UTF-8 with or without a BOM, JSON or YAML, ``1.240`` as the figure 1240,
aliases refused, the same Vietnamese message with the place."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from docgen.batch.inputs import BatchInputError, read_template
from docgen.cli import main
from docgen.plan.files import PlanFileError, read_plan_bytes
from docgen.web.plans import PlanFileUnreadable, read_plan_file

BROKEN = [
    ("hong.yaml", "subject: [chưa đóng\n  - x: :".encode(), "dòng 2, cột 6: không đọc được YAML/JSON: sai cú pháp"),
    ("hong.json", b'{"subject": {', "dòng 1, cột 14: không đọc được JSON: sai cú pháp"),
    ("bi-danh.yaml", b"a: &x [1, 2]\nsubject: Ten\nb: *x\n",
     "dòng 3, cột 4: không đọc được YAML/JSON: không dùng được bí danh YAML “*x”"),
    ("latin.yaml", b"subject: K\xea\xec ho\xb5ch", "tệp không phải văn bản UTF-8"),
    ("sau.json", b"[" * 100_000 + b"]" * 100_000, "dữ liệu lồng nhau quá sâu"),
]


@pytest.mark.parametrize("name, content, message", BROKEN)
def test_cli_web_and_batch_say_the_same(tmp_path, name, content, message):
    with pytest.raises(PlanFileError) as core:
        read_plan_bytes(content, name)
    assert message in str(core.value)

    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and message in result.output

    with pytest.raises(PlanFileUnreadable, match=message.split(": ", 1)[0]) as web:
        read_plan_file(name, content)
    assert message in str(web.value)

    with pytest.raises(BatchInputError) as batch:
        read_template(name, content)
    assert message in str(batch.value)


@pytest.mark.parametrize("content", [
    b"subject: Ke hoach\nfigure: 1.240\n",
    b"\xef\xbb\xbfsubject: Ke hoach\nfigure: 1.240\n",   # a BOM, as Notepad writes
    b'{"subject": "Ke hoach", "figure": "1.240"}',
])
def test_yaml_json_and_a_bom_read_alike(content):
    assert read_plan_bytes(content, "ke-hoach.yaml") == {"subject": "Ke hoach", "figure": "1.240"}


def test_an_asterisk_in_text_is_no_alias():
    assert read_plan_bytes("subject: '**Kế hoạch** *một*'\n".encode(), "a.yaml") == {
        "subject": "**Kế hoạch** *một*"}
