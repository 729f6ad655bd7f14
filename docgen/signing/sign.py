"""Where a signature goes and how it is made: PAdES, SHA-256, each in an
incremental update, so every signature made before stays intact.

The signer signs first, where the plan's signer block is; the organisation
(the văn thư, with the unit's certificate) signs second, its seal over the
left third of the signer's image (:mod:`.appearance`). A separate attached
file (an appendix issued as its own PDF) gets only the organisation's
signature, a text block in the top right corner of its first page.

:func:`prepare_signature` is the first of the two steps (:mod:`.two_step`)
for a key anywhere; :func:`sign_pdf` makes the whole signature with a key
the server holds (a PKCS#12 file of the demo and the tests, an HSM)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from . import SigningError, outside_event_loop
from .appearance import (VIETNAM, attachment_appearance, load_image, organisation_appearance,
                         signer_appearance)
from .identities import Identity, open_key
from .placement import bottom_of_line_under, find_signer_block, same_words
from .two_step import NOT_A_PDF, Prepared, finish, prepare

ROLES = ("signer", "organisation", "attachment")
FIELDS = {"signer": "ChuKyNguoiKy", "organisation": "ChuKyCoQuan",
          "attachment": "ChuKyCoQuan"}  # signature field names
WHO = {"signer": "người ký.", "organisation": "cơ quan.", "attachment": "cơ quan."}


@dataclass(frozen=True)
class Finishing:
    """What is done after the signature value is in: a timestamp from the
    TSA at ``tsa_url`` (PAdES B-T), the revocation data of the certificates
    (``long_term``: PAdES B-LT, needs ``trusted``)."""

    tsa_url: str = ""
    long_term: bool = False
    trusted: tuple = ()

    @classmethod
    def of(cls, secrets) -> Finishing:
        from .verify import trusted_roots

        return cls(tsa_url=secrets.tsa_url, long_term=secrets.long_term,
                   trusted=tuple(trusted_roots(list(secrets.trusted))) if secrets.long_term else ())


def check_role(role: str, kind: str | None = None, label: str = "") -> None:
    if role not in ROLES:
        raise SigningError(f"Vai trò ký “{role}” không có; dùng “signer” (người ký), "
                           "“organisation” (cơ quan) hoặc “attachment” (tệp đính kèm).")
    if kind is not None and kind != ("user" if role == "signer" else "unit"):
        raise SigningError(f"Chứng thư số của {label} không dùng để ký với vai trò {WHO[role]}")


@outside_event_loop
def prepare_signature(pdf: bytes, role: str, chain: tuple[bytes, ...], image=None,
                      when: dt.datetime | None = None, *, signer_name: str | None = None,
                      authority: list[str] | None = None, organisation: str | None = None,
                      number: str | None = None, algorithm: str = "rsa-pkcs1") -> Prepared:
    """Step one for ``role`` with the certificate ``chain`` (DER, the
    signer's first): ``image`` the signature or seal (none for an
    attachment); ``signer_name`` the name on the document (default: the
    certificate's CN), ``authority`` its authority lines; ``organisation``
    the name written under the seal (default: the certificate's CN);
    ``number`` the number and symbol written on an attachment."""
    from asn1crypto import x509

    check_role(role)
    when = (when or dt.datetime.now(VIETNAM)).astimezone(VIETNAM)
    common_name = x509.Certificate.load(chain[0]).subject.native.get("common_name", "")
    fields = signature_fields(pdf)
    if FIELDS[role] in fields:
        raise SigningError("Văn bản đã có chữ ký số của " + WHO[role])
    if role == "signer":
        if FIELDS["organisation"] in fields:
            raise SigningError("Văn bản đã có chữ ký số của cơ quan: người ký phải ký trước.")
        block = find_signer_block(pdf, signer_name or common_name, authority)
        page, look = block.page, signer_appearance(block, image)
    elif role == "organisation":
        if FIELDS["signer"] not in fields:
            raise SigningError("Văn bản chưa có chữ ký số của người ký: cơ quan ký sau "
                               "người ký (Nghị định 30/2020).")
        page, signature_box = fields[FIELDS["signer"]]
        look = organisation_appearance(signature_box, image, organisation or common_name, when,
                                       text_top=bottom_of_line_under(pdf, page, signature_box))
    else:
        page, look = 0, attachment_appearance(first_page_box(pdf), organisation or common_name,
                                              number or "", when)
    return prepare(pdf, chain, FIELDS[role], page, look, when, algorithm)


@outside_event_loop
def finish_signature(prepared: Prepared, signature: bytes, finishing: Finishing = Finishing()) -> bytes:
    """Step two: the signed PDF, timestamped and with revocation data as
    ``finishing`` says."""
    from .timestamps import timestamper

    signed = finish(prepared, signature,
                    timestamper(finishing.tsa_url) if finishing.tsa_url else None,
                    tsa_url=finishing.tsa_url)
    if finishing.long_term:
        from .long_term import add_revocation_data

        signed = add_revocation_data(signed, prepared.field, list(finishing.trusted))
    return signed


@outside_event_loop
def sign_pdf(pdf: bytes, identity: Identity, role: str = "signer",
             when: dt.datetime | None = None, *, signer_name: str | None = None,
             authority: list[str] | None = None, number: str | None = None,
             finishing: Finishing = Finishing(), algorithm: str | None = None) -> bytes:
    """``pdf`` with ``identity``'s signature (a PKCS#12 file) added as ``role``.

    ``role="signer"``: the image goes between the authority lines and the
    name ``signer_name`` (default: the identity's configured name, else its
    certificate's common name), found in the PDF's text; ``authority``, the
    plan's authority lines, narrows the search. ``role="organisation"``:
    the seal goes over the signer's signature, which must be there already.
    ``role="attachment"``: the organisation's text block on a separate
    attached file, with ``number``. ``when`` (default now) is the signing
    time, shown in Vietnam's time."""
    from .algorithms import sign_digest

    check_role(role, identity.kind, identity.label)
    when = (when or dt.datetime.now(VIETNAM)).astimezone(VIETNAM)
    key = open_key(identity, when)
    if role == "signer":
        name = signer_name or identity.name or key.common_name
        if not same_words(name, key.common_name):
            raise SigningError(f"Chứng thư số của {identity.label} cấp cho “{key.common_name}”, "
                               f"không phải người ký “{name}” của văn bản: mỗi người chỉ ký "
                               "bằng chứng thư số của mình.")
    else:
        name = None
    image = None if role == "attachment" else load_image(
        identity.image, "hình ảnh chữ ký" if role == "signer" else "hình ảnh con dấu")
    prepared = prepare_signature(pdf, role, key.chain, image, when, signer_name=name,
                                 authority=authority, organisation=identity.name, number=number,
                                 algorithm=algorithm or identity.algorithm)
    return finish_signature(prepared, sign_digest(key.private_key, prepared.digest,
                                                  prepared.algorithm), finishing)


def signature_fields(pdf: bytes) -> dict[str, tuple[int, tuple[float, ...]]]:
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


def first_page_box(pdf: bytes) -> tuple[float, float, float, float]:
    """The first page's crop box (media box when none), in points."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        page = reader.find_page_for_modification(0)[0].get_object()
        box = page.get("/CropBox") or page["/MediaBox"]
        return tuple(float(value) for value in box)
    except Exception as error:
        raise SigningError(NOT_A_PDF, f"{NOT_A_PDF} ({error})") from None
