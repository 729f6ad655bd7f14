"""Verification is strict: after a signature, a PDF may receive only later
signatures, their validation data (DSS/VRI) and document timestamps.

Each attack is built here on sample 002 signed by its signer and its
organisation, as an incremental update that leaves every signed byte as it
was: the shadow field (a new, unsigned signature field whose appearance
paints a white box and other words over page 1, which pyHanko's standard
policy accepts as form filling), a FreeText annotation, a page's content
redrawn, the document's title changed, a copy of a real signature in a new
field, a signature value of a kind pyHanko's reader skips. Each is refused
with a Vietnamese reason. What is allowed stays allowed: docgen's second
signature with its visible seal, a DSS, a document timestamp."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.signing import outside_event_loop
from docgen.signing.verify import NO_TRUST, trusted_roots, verify_pdf

from .conftest import needs_office
from .test_sign_verify import change_page_after_signing

pytestmark = [needs_office, pytest.mark.slow]  # sample 002 signed, its PDF made by LibreOffice
SHADOW_BOX = (60, 560, 540, 800)  # over the top of page 1: the header and the title


def roots(secrets):
    return trusted_roots(list(secrets.trusted))


# --- attacks, each an incremental update ----------------------------------------


def incremental(pdf: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    change(writer)
    out = BytesIO()
    writer.write(out)
    result = out.getvalue()
    assert result.startswith(pdf)  # nothing signed was touched
    return result


def name(value: str):
    from pyhanko.pdf_utils.generic import NameObject

    return NameObject(value)


def numbers(values):
    from pyhanko.pdf_utils import generic

    return generic.ArrayObject(generic.FloatObject(value) for value in values)


def forged_appearance(writer, box) -> object:
    """A form XObject that paints the box white and writes new words on it."""
    from pyhanko.pdf_utils import generic

    font = writer.add_object(generic.DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/Type1"),
        name("/BaseFont"): name("/Helvetica")}))
    width, height = box[2] - box[0], box[3] - box[1]
    return writer.add_object(generic.StreamObject({
        name("/Type"): name("/XObject"), name("/Subtype"): name("/Form"),
        name("/BBox"): numbers((0, 0, width, height)),
        name("/Resources"): generic.DictionaryObject({
            name("/Font"): generic.DictionaryObject({name("/F1"): font})})},
        stream_data=(f"1 1 1 rg 0 0 {width} {height} re f "
                     f"BT /F1 30 Tf 0 0 0 rg 20 {height / 2} Td (SO 99/QD-GIA) Tj ET").encode()))


def add_annotation(writer, page_index: int, annotation, as_field: bool):
    from pyhanko.pdf_utils import generic

    page_ref, _ = writer.find_page_for_modification(page_index)
    page = page_ref.get_object()
    annotation[name("/P")] = page_ref
    ref = writer.add_object(annotation)
    if "/Annots" in page:
        raw = page.raw_get("/Annots")
        page["/Annots"].append(ref)
        if isinstance(raw, generic.IndirectObject):
            writer.mark_update(raw)
    else:
        page[name("/Annots")] = generic.ArrayObject([ref])
    writer.update_container(page)
    if as_field:
        form = writer.root["/AcroForm"]
        raw = form.raw_get("/Fields")
        form["/Fields"].append(ref)
        if isinstance(raw, generic.IndirectObject):
            writer.mark_update(raw)
        writer.update_container(form)
    return ref


def shadow_field(pdf: bytes, value=None) -> bytes:
    """A new signature field on page 1 whose appearance hides the header and
    title; ``value``, if given, makes its /V (a signature dictionary)."""
    from pyhanko.pdf_utils import generic

    def change(writer):
        field = generic.DictionaryObject({
            name("/Type"): name("/Annot"), name("/Subtype"): name("/Widget"),
            name("/FT"): name("/Sig"), name("/T"): generic.TextStringObject("Shadow"),
            name("/F"): generic.NumberObject(4), name("/Rect"): numbers(SHADOW_BOX),
            name("/AP"): generic.DictionaryObject({name("/N"): forged_appearance(writer, SHADOW_BOX)})})
        if value is not None:
            field[name("/V")] = writer.add_object(value(writer))
        add_annotation(writer, 0, field, as_field=True)

    return incremental(pdf, change)


def free_text(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    def change(writer):
        add_annotation(writer, 0, generic.DictionaryObject({
            name("/Type"): name("/Annot"), name("/Subtype"): name("/FreeText"),
            name("/Rect"): numbers(SHADOW_BOX), name("/F"): generic.NumberObject(4),
            name("/Contents"): generic.TextStringObject("Số 99/QĐ-GIA"),
            name("/DA"): generic.TextStringObject("/Helv 30 Tf 0 g"),
            name("/AP"): generic.DictionaryObject({name("/N"): forged_appearance(writer, SHADOW_BOX)})}),
            as_field=False)

    return incremental(pdf, change)


def retitled(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    def change(writer):
        info = writer.trailer["/Info"]
        info[name("/Title")] = generic.TextStringObject("Quyết định khác")
        writer.update_container(info)

    return incremental(pdf, change)


def organisation_signature_copy(pdf: bytes):
    """A copy of the organisation's real signature dictionary: intact bytes
    and a trusted certificate, for an earlier revision."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    original = PdfFileReader(BytesIO(pdf)).embedded_signatures[-1].sig_object

    def value(writer):
        return generic.DictionaryObject({
            name(key): (generic.ByteStringObject(original.raw_get(key).original_bytes)
                        if key == "/Contents" else original.raw_get(key))
            for key in original if key != "/Reference"})

    return value


def unreadable_signature(writer):
    from pyhanko.pdf_utils import generic

    return generic.DictionaryObject({
        name("/Type"): name("/Sig"), name("/Filter"): name("/Adobe.PPKLite"),
        name("/SubFilter"): name("/x.unknown"),
        name("/ByteRange"): generic.ArrayObject(generic.NumberObject(0) for _ in range(4)),
        name("/Contents"): generic.ByteStringObject(b"\0" * 16)})


# --- the checks -----------------------------------------------------------------


def top_of_page_one(pdf: bytes, folder: Path, label: str):
    """Page 1 as printed (pdftoppm, 72 dpi), cropped to SHADOW_BOX: RGB pixels."""
    from PIL import Image

    path = folder / f"{label}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "72", "-png", str(path),
                    str(folder / label)], check=True)
    image = Image.open(next(folder.glob(f"{label}*.png"))).convert("RGB")
    left, bottom, right, top = SHADOW_BOX
    return list(image.crop((left, image.height - top, right, image.height - bottom)).get_flattened_data())


def test_the_shadow_field_is_refused(signed, secrets, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel

    forged = shadow_field(signed[1])
    # The attack is real: the header and title are painted over on the page,
    # and pyHanko's standard policy calls it form filling.
    dark = lambda pixels: sum(1 for pixel in pixels if max(pixel) < 100)  # noqa: E731
    header_and_title = dark(top_of_page_one(signed[1], tmp_path, "signed"))
    new_words_only = dark(top_of_page_one(forged, tmp_path, "forged"))
    assert header_and_title > 5000 and 500 < new_words_only < header_and_title / 4
    reader = PdfFileReader(BytesIO(forged))
    standard = DEFAULT_DIFF_POLICY.review_file(reader, reader.embedded_signatures[0].signed_revision)
    assert standard.modification_level == ModificationLevel.FORM_FILLING

    reports = verify_pdf(forged, roots(secrets))
    assert [(r.intact, r.trusted, r.whole_file) for r in reports] == [(True, True, False)] * 2
    assert not any(report.ok or report.changes_allowed for report in reports)
    assert all(report.changes == "thêm trường chữ ký “Shadow” không có chữ ký số, trên trang 1"
               for report in reports)
    assert reports[0].problems == ["tệp đã bị thay đổi sau khi ký: thêm trường chữ ký “Shadow” "
                                   "không có chữ ký số, trên trang 1"]


def test_cli_refuses_the_shadow_field(signed, secrets_env, tmp_path):
    path = tmp_path / "forged.pdf"
    path.write_bytes(shadow_field(signed[1]))
    result = CliRunner().invoke(main, ["verify", str(path)])
    assert result.exit_code == 1
    assert f"{path}: bị từ chối:" in result.output
    assert ("Trương Hải Long (ChuKyNguoiKy): tệp đã bị thay đổi sau khi ký: thêm trường chữ ký "
            "“Shadow” không có chữ ký số, trên trang 1.") in result.output
    assert "hợp lệ" not in result.output


@pytest.mark.parametrize("attack, reason", [
    (free_text, "thêm chú thích (annotation) trên trang 1"),
    (change_page_after_signing, "sửa nội dung trang 1"),
    (retitled, "thông tin tài liệu (Title) bị sửa sau khi ký"),
    (lambda pdf: shadow_field(pdf, unreadable_signature),
     "trường chữ ký “Shadow” được thêm sau khi ký chứa một chữ ký số không đọc được"),
], ids=["free-text annotation", "page content", "document title", "unreadable signature value"])
def test_other_changes_after_signing_are_refused(signed, secrets, attack, reason):
    reports = verify_pdf(attack(signed[1]), roots(secrets))
    assert [report.field for report in reports][:2] == ["ChuKyNguoiKy", "ChuKyCoQuan"]
    assert all(report.intact for report in reports[:2])
    assert not any(report.ok for report in reports)
    assert [report.changes for report in reports[:2]] == [reason, reason]


def test_an_unreadable_signature_is_counted_as_a_broken_one(signed, secrets):
    reports = verify_pdf(shadow_field(signed[1], unreadable_signature), roots(secrets))
    assert [(r.field, r.ok, r.problems[0]) for r in reports[2:]] == [
        ("Shadow", False, "chữ ký số không đọc được")]


def test_a_copy_of_a_real_signature_in_a_new_field_is_refused(signed, secrets):
    """Intact bytes and a trusted certificate, but it signs an earlier
    revision than the one that added it."""
    reports = verify_pdf(shadow_field(signed[1], organisation_signature_copy(signed[1])),
                         roots(secrets))
    assert len(reports) == 3 and not any(report.ok for report in reports)
    reason = ("trường chữ ký “Shadow” được thêm sau khi ký chứa một chữ ký số không ký chính "
              "lần cập nhật đã thêm nó")
    assert [report.changes for report in reports[:2]] == [reason, reason]
    copy = next(report for report in reports if report.field == "Shadow")
    assert copy.signer == "Ủy ban nhân dân tỉnh Gia Lai" and copy.intact and copy.trusted
    assert copy.changes == "chữ ký không phủ trọn phiên bản tệp mà nó ký"


def test_the_organisations_signature_and_a_dss_are_allowed(signed, secrets):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    for report in verify_pdf(signed[1], roots(secrets)):  # the seal is a visible signature
        assert report.ok and report.changes == "" and report.problems == []
    out = BytesIO(signed[1])
    DocumentSecurityStore.add_dss(out, sig_contents=None, certs=roots(secrets), force_write=True)
    with_dss = out.getvalue()
    assert len(with_dss) > len(signed[1]) and "/DSS" in PdfFileReader(BytesIO(with_dss)).root
    reports = verify_pdf(with_dss, roots(secrets))
    assert [(r.ok, r.whole_file, r.changes_allowed) for r in reports] == [(True, False, True)] * 2


def test_a_document_timestamp_is_allowed(signed, secrets):
    """A timestamp from a TSA the verifier trusts; from one it does not,
    the timestamp itself is refused."""
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "docgen test TSA")])
    cert = (cx509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(dt.datetime(2020, 1, 1)).not_valid_after(dt.datetime(2045, 1, 1))
            .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    tsa_cert = x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tsa_key = keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    out = BytesIO()
    stamp = outside_event_loop(signers.PdfTimeStamper(DummyTimeStamper(tsa_cert, tsa_key)).timestamp_pdf)
    stamp(IncrementalPdfFileWriter(BytesIO(signed[1])), "sha256", output=out)
    stamped = out.getvalue()
    reports = verify_pdf(stamped, roots(secrets) + [tsa_cert])
    assert [(r.timestamp, r.ok) for r in reports] == [(False, True), (False, True), (True, True)]
    assert reports[2].signer == "docgen test TSA" and reports[2].when is not None
    untrusted_tsa = verify_pdf(stamped, roots(secrets))
    assert [r.ok for r in untrusted_tsa] == [True, True, False]
    assert untrusted_tsa[2].problems[0].startswith(NO_TRUST)


# --- trust ------------------------------------------------------------------------


def test_no_configured_ca_is_refused(signed):
    reports = verify_pdf(signed[1], trusted=[])
    assert all(report.intact and report.trusted is None and not report.ok for report in reports)
    assert reports[0].problems == [
        "chưa xác định được CA tin cậy: chưa cấu hình CA (mục “trusted” của tệp khai báo chứng "
        "thư số, biến môi trường DOCGEN_SIGNING_SECRETS, hoặc --ca)"]


def test_cli_without_a_trusted_ca_says_so_without_a_traceback(signed, ca_folder, foreign_ca, tmp_path):
    """As docs/operator.md shows it: no DOCGEN_SIGNING_SECRETS; then with a CA of
    the same name that did not issue the certificates (--ca, and in the
    secrets file); then with the right one."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed[1])
    env = {key: value for key, value in os.environ.items() if key != "DOCGEN_SIGNING_SECRETS"}

    def verify(*options: str, secrets: Path | None = None):
        extra = {"DOCGEN_SIGNING_SECRETS": str(secrets)} if secrets else {}
        return subprocess.run([sys.executable, "-m", "docgen.cli", "verify", str(path), *options],
                              capture_output=True, text=True, env=env | extra, timeout=120)

    unconfigured, foreign_option, foreign_secrets = (
        verify(), verify("--ca", str(foreign_ca.parent / "ca.pem")), verify(secrets=foreign_ca))
    for result in (unconfigured, foreign_option, foreign_secrets):
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "Failed to build path" not in result.stderr
        assert "hợp lệ" not in result.stdout + result.stderr
        assert result.stderr.count(NO_TRUST) == 2, result.stderr
    assert "chưa cấu hình CA" in unconfigured.stderr
    assert "không do CA nào được cấu hình tin cậy cấp" in foreign_secrets.stderr
    trusted = verify("--ca", str(ca_folder / "ca.pem"))
    assert trusted.returncode == 0 and trusted.stdout.endswith("2 chữ ký hợp lệ.\n")
    assert trusted.stderr == ""
