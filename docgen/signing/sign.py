"""``sign_pdf``: one PAdES signature (B-B level, SHA-256) added to a PDF in
an incremental update, so every signature made before stays intact.

The signer signs first, where the plan's signer block is; the organisation
(the văn thư, with the unit's certificate) signs second, its seal over the
left third of the signer's image (:mod:`.appearance`)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from . import SigningError, outside_event_loop
from .appearance import VIETNAM, Appearance, organisation_appearance, signer_appearance
from .identities import Identity, open_key
from .placement import bottom_of_line_under, find_signer_block, same_words

ROLES = ("signer", "organisation")
FIELDS = {"signer": "ChuKyNguoiKy", "organisation": "ChuKyCoQuan"}  # signature field names
NOT_A_PDF = "Tệp không phải PDF đọc được."


@outside_event_loop
def sign_pdf(pdf: bytes, identity: Identity, role: str = "signer",
             when: dt.datetime | None = None, *, signer_name: str | None = None,
             authority: list[str] | None = None) -> bytes:
    """``pdf`` with ``identity``'s signature added as ``role``.

    ``role="signer"``: the image goes between the authority lines and the
    name ``signer_name`` (default: the identity's configured name, else its
    certificate's common name), found in the PDF's text; ``authority``, the
    plan's authority lines, narrows the search. ``role="organisation"``:
    the seal goes over the signer's signature, which must be there already.
    ``when`` (default now) is the signing time, shown in Vietnam's time."""
    if role not in ROLES:
        raise SigningError(f"Vai trò ký “{role}” không có; dùng “signer” (người ký) hoặc "
                           "“organisation” (cơ quan).")
    if identity.kind != ("user" if role == "signer" else "unit"):
        raise SigningError(f"Chứng thư số của {identity.label} không dùng để ký với vai trò "
                           + ("người ký." if role == "signer" else "cơ quan."))
    when = (when or dt.datetime.now(VIETNAM)).astimezone(VIETNAM)
    key = open_key(identity, when)
    fields = _signature_fields(pdf)
    if FIELDS[role] in fields:
        raise SigningError("Văn bản đã có chữ ký số của "
                           + ("người ký." if role == "signer" else "cơ quan."))
    if role == "signer":
        if FIELDS["organisation"] in fields:
            raise SigningError("Văn bản đã có chữ ký số của cơ quan: người ký phải ký trước.")
        name = signer_name or identity.name or key.common_name
        if not same_words(name, key.common_name):
            raise SigningError(f"Chứng thư số của {identity.label} cấp cho “{key.common_name}”, "
                               f"không phải người ký “{name}” của văn bản: mỗi người chỉ ký "
                               "bằng chứng thư số của mình.")
        block = find_signer_block(pdf, name, authority)
        page, look = block.page, signer_appearance(block, identity.image)
    else:
        if FIELDS["signer"] not in fields:
            raise SigningError("Văn bản chưa có chữ ký số của người ký: cơ quan ký sau "
                               "người ký (Nghị định 30/2020).")
        page, signature_box = fields[FIELDS["signer"]]
        look = organisation_appearance(signature_box, identity.image,
                                       identity.name or key.common_name, when,
                                       text_top=bottom_of_line_under(pdf, page, signature_box))
    return _sign(pdf, key, FIELDS[role], page, look, when)


def _sign(pdf: bytes, key, field_name: str, page: int, look: Appearance,
          when: dt.datetime) -> bytes:
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    class TimedSigner(signers.PdfSigner):
        # pyHanko takes the clock's time; the signature says ``when``.
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = when
            return session

    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as error:  # pyHanko's reader raises several kinds
        raise SigningError(NOT_A_PDF, f"{NOT_A_PDF} ({error})") from None
    style = StaticStampStyle(background=PdfImage(look.image), border_width=0,
                             background_opacity=1.0)
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page,
                               box=tuple(round(value, 2) for value in look.box))
    meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES,
                                        name=key.common_name)
    output = BytesIO()
    TimedSigner(meta, signer=key.signer, stamp_style=style,
                new_field_spec=spec).sign_pdf(writer, output=output)
    return output.getvalue()


def _signature_fields(pdf: bytes) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Signature field name -> (page index, rectangle) of the PDF's signed fields."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
    except Exception as error:
        raise SigningError(NOT_A_PDF, f"{NOT_A_PDF} ({error})") from None
    pages = [reader.find_page_for_modification(index)[0].get_object()
             for index in range(int(reader.root["/Pages"]["/Count"]))]
    found = {}
    for signature in reader.embedded_signatures:
        rect = tuple(float(value) for value in signature.sig_field.get("/Rect", (0, 0, 0, 0)))
        page = next((index for index, page in enumerate(pages)
                     if any(annot.get_object().get("/T") == signature.field_name
                            for annot in page.get("/Annots", ()))), len(pages) - 1)
        found[signature.field_name] = (page, rect)
    return found
