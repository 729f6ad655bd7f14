"""``docgen import FILE -o plan.yaml``: a plan ``docgen validate`` accepts,
warnings with paragraph numbers on stderr, a clear message for input that
cannot be read."""

from __future__ import annotations

import io
import zipfile

from click.testing import CliRunner

from docgen.cli import main
from docgen.plan.files import load_plan

from ..conftest import seed_text
from .pasted import HOA_BINH


def _run(args, input_bytes=None):
    return CliRunner().invoke(main, args, input=input_bytes)


def test_a_seed_text_becomes_a_valid_plan(tmp_path):
    source = tmp_path / "kh.txt"
    source.write_text(seed_text("002"), encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = _run(["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _run(["validate", str(out)]).exit_code == 0
    plan = load_plan(out)
    assert (plan.header.number, plan.signer.name) == (2314, "Trương Hải Long")
    # warnings name the paragraph and the field as the form labels it
    assert f"{source}: đoạn 93: số văn bản 2314 lấy từ dòng" in result.stderr
    assert "[Số]" in result.stderr


def test_stdin_with_windows_line_ends(tmp_path):
    out = tmp_path / "plan.yaml"
    result = _run(["import", "-", "-o", str(out)], HOA_BINH.replace("\n", "\r\n").encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert load_plan(out).header.issuing_body == ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"]


def _refused(tmp_path, name, data, message):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "plan.yaml"
    result = _run(["import", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "không nhập được" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_unreadable_inputs_get_a_clear_message(tmp_path):
    _refused(tmp_path, "cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word cũ (.doc)")
    _refused(tmp_path, "anh.txt", b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00", "không phải văn bản UTF-8")
    _refused(tmp_path, "trong.txt", b"  \n\n", "tệp trống")
    _refused(tmp_path, "thu.txt", "Chào anh, em gửi bản tin.\n".encode(), "không nhận ra kế hoạch")


def test_a_broken_docx_is_refused(tmp_path):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    source = tmp_path / "hong.docx"
    source.write_bytes(data.getvalue())
    result = _run(["import", str(source), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 2 and "không nhập được" in result.stderr


def test_a_missing_file(tmp_path):
    result = _run(["import", str(tmp_path / "khong-co.txt"), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 2 and "không tìm thấy tệp" in result.stderr


def test_a_plan_without_a_date_is_written_with_the_date_left_to_fill(tmp_path):
    """Nothing in the text states the date: the file is written without it
    (never this month), and stderr says what to fill."""
    source = tmp_path / "kh.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 3/KH-UBND\n\nKẾ HOẠCH\nVề một việc\n\nI. MỤC ĐÍCH\n\nNội dung.\n"
                      "\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn An\n", encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = _run(["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "date:" not in out.read_text(encoding="utf-8") and "number: 3" in out.read_text(encoding="utf-8")
    assert "không tìm thấy ngày ban hành" in result.stderr and "chưa đủ để dùng" in result.stderr
    assert _run(["validate", str(out)]).exit_code != 0
