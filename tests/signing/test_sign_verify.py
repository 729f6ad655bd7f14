"""Sign -> verify round trip (the signer, then the organisation), where the
images land on the page, and tamper detection (bytes changed inside the
signed range; an incremental update that changes a page after signing)."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from io import BytesIO

from click.testing import CliRunner

from docgen.cli import main
from docgen.signing.appearance import POINTS_PER_MM, SEAL_MM, iso_time
from docgen.signing.identities import for_user
from docgen.signing.placement import find_signer_block
from docgen.signing.sign import FIELDS, sign_pdf
from docgen.signing.verify import trusted_roots, verify_pdf

from ..conftest import SAMPLES
from .conftest import WHEN, needs_office

pytestmark = needs_office
GIA_LAI = "UBND tỉnh Gia Lai"


def roots(secrets):
    return trusted_roots(list(secrets.trusted))


def widget_rects(pdf: bytes) -> dict[str, tuple[float, ...]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return {signature.field_name: tuple(float(v) for v in signature.sig_field["/Rect"])
            for signature in PdfFileReader(BytesIO(pdf)).embedded_signatures}


def test_round_trip_signer_then_organisation(signed, secrets):
    first, second = signed
    assert second.startswith(first)  # an incremental update: the first signature's bytes stay
    assert second.count(b"/ETSI.CAdES.detached") == 2  # PAdES, not adbe.pkcs7
    reports = verify_pdf(second, roots(secrets))
    assert [(r.field, r.signer) for r in reports] == [
        (FIELDS["signer"], "Trương Hải Long"),
        (FIELDS["organisation"], "Ủy ban nhân dân tỉnh Gia Lai")]
    signer, organisation = reports
    assert signer.intact and organisation.intact
    assert signer.trusted and organisation.trusted
    assert not signer.whole_file and signer.changes_allowed  # only a signature added after it
    assert organisation.whole_file
    assert signer.when == WHEN and organisation.when == WHEN + dt.timedelta(minutes=5)
    assert all(report.ok for report in reports)


def test_signing_and_verifying_inside_a_running_event_loop(signed, sample_pdfs, secrets, signers):
    """pyHanko's synchronous API starts a loop of its own; called from a
    thread that runs one (an async server, Playwright's sync API), it used
    to fail, and verification then read a good signature as broken."""
    import asyncio

    async def inside_a_loop():
        first = sign_pdf(sample_pdfs["002"], for_user("long", secrets), "signer", WHEN,
                         authority=signers["002"].authority)
        return first, verify_pdf(signed[1], roots(secrets))

    # A thread of its own: this test's thread may run a loop already (after a
    # browser test, Playwright's), where asyncio.run itself would refuse.
    results = []
    runner = threading.Thread(target=lambda: results.append(asyncio.run(inside_a_loop())))
    runner.start()
    runner.join(120)
    first, reports = results[0]
    assert first.count(b"/ETSI.CAdES.detached") == 1
    assert [(r.intact, r.trusted) for r in reports] == [(True, True), (True, True)]


def test_untrusted_ca_is_reported(signed, foreign_ca):
    """Checked against another throwaway CA, the signatures stay intact but
    are not trusted, and verification fails."""
    reports = verify_pdf(signed[1], trusted_roots([foreign_ca.parent / "ca.pem"]))
    assert all(r.intact and r.trusted is False and not r.ok for r in reports)


def test_images_stand_where_decree_30_puts_them(signed, sample_pdfs, signers, tmp_path):
    signer = signers["002"]
    block = find_signer_block(sample_pdfs["002"], signer.name, signer.authority)
    rects = widget_rects(signed[1])
    x0, y0, x1, y1 = rects[FIELDS["signer"]]
    # The signer's image: between the last authority line and the name, centred on the name.
    assert block.name[3] <= y0 < y1 <= block.authority[1]
    assert abs((x0 + x1) / 2 - block.centre) < 1
    # The seal: real size, its right edge a third of the way into the signer's image.
    sx0, sy0, sx1, sy1 = rects[FIELDS["organisation"]]
    seal_pt = SEAL_MM * POINTS_PER_MM
    assert abs(sx0 + seal_pt - (x0 + (x1 - x0) / 3)) < 1
    assert abs(sy1 - ((y0 + y1) / 2 + seal_pt / 2)) < 1
    # On the page as printed (pdftoppm): blue ink in the signer's image right of
    # the seal, red ink in the seal, black text (name and time) under the name.
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed[1])
    page = block.page + 1
    dpi = 72
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png",
                    str(path), str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    height = block.page_height

    def pixels(box):
        left, bottom, right, top = box
        crop = image.crop((round(left), round(height - top), round(right), round(height - bottom)))
        return list(crop.get_flattened_data())

    blue = [p for p in pixels((x0 + (x1 - x0) / 3, y0, x1, y1)) if p[2] > 120 and p[0] < 100]
    red = [p for p in pixels((sx0, sy1 - seal_pt, sx0 + seal_pt, sy1)) if p[0] > 150 and p[1] < 90]
    assert len(blue) > 50 and len(red) > 200
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True).stdout
    assert "Trương Hải Long" in text  # the plan's own text is untouched


def test_signing_time_is_written_in_vietnam_time():
    assert iso_time(WHEN + dt.timedelta(minutes=5)) == "2026-12-03T09:35:15+07:00"
    utc = dt.datetime(2026, 12, 3, 2, 35, 15, 123456, tzinfo=dt.timezone.utc)
    assert iso_time(utc) == "2026-12-03T09:35:15+07:00"


def test_signer_block_found_with_two_and_three_line_authorities(sample_pdfs, signers):
    for number in ("000", "002"):
        signer = signers[number]
        block = find_signer_block(sample_pdfs[number], signer.name, signer.authority)
        bottom, top = block.gap
        assert top - bottom > 40  # the space for signature and seal (about 3 lines of 14 pt)


def flip_inside_first_signed_range(pdf: bytes) -> bytes:
    at = pdf.index(b"stream", 200) + 40  # inside the first content stream, same length
    return pdf[:at] + bytes([pdf[at] ^ 0x55]) + pdf[at + 1:]


def test_flipped_byte_is_detected(signed, secrets):
    reports = verify_pdf(flip_inside_first_signed_range(signed[1]), roots(secrets))
    assert not any(report.intact for report in reports)
    assert not any(report.ok for report in reports)


def change_page_after_signing(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    stream = generic.StreamObject(stream_data=b"0 0 1 rg 100 100 200 50 re f")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_page_changed_in_a_later_update_is_detected(signed, secrets):
    changed = change_page_after_signing(signed[1])
    reports = verify_pdf(changed, roots(secrets))
    assert all(report.intact for report in reports)  # the signed bytes themselves are untouched
    assert not any(report.whole_file for report in reports)
    assert not any(report.changes_allowed or report.ok for report in reports)


def test_cli_sign_and_verify(sample_pdfs, secrets_env, tmp_path):
    plan = SAMPLES[2]
    source = tmp_path / "002.pdf"
    source.write_bytes(sample_pdfs["002"])
    runner = CliRunner()
    first = runner.invoke(main, ["sign", str(source), "--as", "signer", "--user", "long",
                                 "--plan", str(plan), "-o", str(tmp_path / "a.pdf")])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["sign", str(tmp_path / "a.pdf"), "--as", "organisation",
                                  "--unit", GIA_LAI, "-o", str(tmp_path / "b.pdf")])
    assert second.exit_code == 0, second.output
    result = runner.invoke(main, ["verify", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    assert "1. Trương Hải Long" in result.output and "2. Ủy ban nhân dân tỉnh Gia Lai" in result.output
    assert "2 chữ ký hợp lệ" in result.output
    (tmp_path / "c.pdf").write_bytes(change_page_after_signing((tmp_path / "b.pdf").read_bytes()))
    tampered = runner.invoke(main, ["verify", str(tmp_path / "c.pdf")])
    assert tampered.exit_code == 1
    assert "đã bị thay đổi sau khi ký" in tampered.output
    (tmp_path / "d.pdf").write_bytes(flip_inside_first_signed_range((tmp_path / "b.pdf").read_bytes()))
    assert runner.invoke(main, ["verify", str(tmp_path / "d.pdf")]).exit_code == 1
    unsigned = runner.invoke(main, ["verify", str(source)])
    assert unsigned.exit_code == 1 and "không có chữ ký số" in unsigned.output


def test_cli_refuses_what_it_cannot_sign_or_read(secrets_env, tmp_path):
    runner = CliRunner()
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot really a pdf")
    result = runner.invoke(main, ["verify", str(junk)])
    assert result.exit_code == 1 and "junk.pdf: " in result.output
    usage = runner.invoke(main, ["sign", str(junk), "--as", "signer", "--unit", GIA_LAI,
                                 "-o", str(tmp_path / "x.pdf")])
    assert usage.exit_code == 2 and "--as signer needs --user LOGIN" in usage.output
    bad = runner.invoke(main, ["sign", str(junk), "--as", "signer", "--user", "long",
                               "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code == 1 and "không phải PDF đọc được" in bad.output
    assert not (tmp_path / "x.pdf").exists()
