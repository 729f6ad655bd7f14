"""Signing in two steps, wherever the key is.

1. :func:`prepare`: the server lays out the signature (field, image, the
   byte range with room for the signature), hashes the document and builds
   the signed attributes (PAdES: content type, the document's digest, the
   signer's certificate); what is to be signed is their DER encoding, and
   its SHA-256 (:attr:`Prepared.digest`) is what a token, a remote-signing
   service or an HSM signs.
2. :func:`finish`: the signature comes back, either raw (with the
   certificate chain known from step 1) or as a CMS SignedData whose signed
   attributes are the prepared ones; it is checked against the
   certificate's key, timestamped by the configured TSA (PAdES B-T), put
   into the reserved place, and the revocation data of its certificates is
   added when asked for (PAdES B-LT, :mod:`.long_term`).

A :class:`Prepared` is plain data (:meth:`Prepared.dumps`): the two steps
may run in different requests, processes or days.

pyHanko writes the incremental updates; it is never let touch the
document's metadata (:class:`MetadataKeepingWriter`): a PDF/A file keeps
its XMP identification and the document information stays as signed, which
the strict change rules (:mod:`.changes`) require.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from io import BytesIO

from . import SigningError
from .algorithms import check, mechanism, of_mechanism, verifies

NOT_A_PDF = "Tệp không phải PDF đọc được."
TIMESTAMP_ROOM = 12_000  # bytes for a timestamp token with its TSA's certificates
NOT_MATCHING = ("Chữ ký số trả về không khớp với văn bản đã chuẩn bị hoặc với chứng thư số "
                "đã chọn nên không được ghi vào văn bản; hãy ký lại.")


def metadata_keeping_writer(pdf: bytes):
    """pyHanko's incremental writer over ``pdf`` that leaves the document
    information and the XMP metadata as they are."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class MetadataKeepingWriter(IncrementalPdfFileWriter):
        def _update_meta(self):
            pass

    try:
        return MetadataKeepingWriter(BytesIO(pdf), strict=False)
    except Exception as error:  # pyHanko's reader raises several kinds
        raise SigningError(NOT_A_PDF, f"{NOT_A_PDF} ({error})") from None


@dataclass(frozen=True)
class Prepared:
    """A PDF ready for its signature: ``pdf`` with the reserved place
    (``start``..``end``), the digest of the byte range, the signed
    attributes (DER), the certificate chain (DER, the signer's first) and
    the algorithm (:mod:`.algorithms`)."""

    field: str
    pdf: bytes
    start: int
    end: int
    document_digest: bytes
    signed_attrs: bytes
    chain: tuple[bytes, ...]
    algorithm: str
    when: dt.datetime

    @property
    def digest(self) -> bytes:
        """The SHA-256 of the signed attributes: what the key signs."""
        return hashlib.sha256(self.signed_attrs).digest()

    def dumps(self) -> bytes:
        b64 = lambda data: base64.b64encode(data).decode()  # noqa: E731
        return json.dumps({"field": self.field, "pdf": b64(self.pdf), "start": self.start,
                           "end": self.end, "document_digest": b64(self.document_digest),
                           "signed_attrs": b64(self.signed_attrs),
                           "chain": [b64(cert) for cert in self.chain],
                           "algorithm": self.algorithm, "when": self.when.isoformat()}).encode()

    @classmethod
    def loads(cls, data: bytes) -> Prepared:
        value = json.loads(data)
        raw = base64.b64decode
        return cls(field=value["field"], pdf=raw(value["pdf"]), start=value["start"],
                   end=value["end"], document_digest=raw(value["document_digest"]),
                   signed_attrs=raw(value["signed_attrs"]),
                   chain=tuple(raw(cert) for cert in value["chain"]),
                   algorithm=value["algorithm"], when=dt.datetime.fromisoformat(value["when"]))


def _certificates(chain: tuple[bytes, ...]):
    from asn1crypto import x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        certificates = [x509.Certificate.load(der) for der in chain]
        for certificate in certificates:
            certificate.subject.native
    except (ValueError, TypeError):
        raise SigningError("Chứng thư số gửi lên không đọc được.") from None
    store = SimpleCertificateStore()
    store.register_multiple(certificates[1:])
    return certificates[0], store


def prepare(pdf: bytes, chain: tuple[bytes, ...], field: str, page: int, look,
            when: dt.datetime, algorithm: str = "rsa-pkcs1") -> Prepared:
    """``pdf`` with a signature field ``field`` on ``page`` showing ``look``
    (:class:`~.appearance.Appearance`), ready to be signed by the key of
    ``chain[0]`` at ``when``."""
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
    from pyhanko.stamp import StaticStampStyle

    check(algorithm)
    if not chain:
        raise SigningError("Thiếu chứng thư số của người ký.")
    certificate, store = _certificates(chain)
    key_bytes = certificate.public_key.bit_size // 8 + 1

    class TimedSigner(signers.PdfSigner):
        # pyHanko takes the clock's time; the signature says ``when``.
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = when
            return session

    signer = signers.ExternalSigner(certificate, store, signature_value=key_bytes,
                                    signature_mechanism=mechanism(algorithm))
    writer = metadata_keeping_writer(pdf)
    style = StaticStampStyle(background=PdfImage(look.image), border_width=0, background_opacity=1.0)
    spec = fields.SigFieldSpec(sig_field_name=field, on_page=page,
                               box=tuple(round(value, 2) for value in look.box))
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES,
                                        name=certificate.subject.native.get("common_name"))
    reserve = 2 * (sum(len(der) for der in chain) + key_bytes + TIMESTAMP_ROOM + 2000)

    async def run():
        digest, _, output = await TimedSigner(
            meta, signer=signer, stamp_style=style, new_field_spec=spec,
        ).async_digest_doc_for_signing(writer, bytes_reserved=reserve)
        attrs = await signer.signed_attrs(digest.document_digest, "sha256",
                                          attr_settings=PdfCMSSignedAttributes(signing_time=when),
                                          use_pades=True)
        return digest, output.getvalue(), attrs

    digest, prepared, attrs = asyncio.run(run())
    return Prepared(field=field, pdf=prepared, start=digest.reserved_region_start,
                    end=digest.reserved_region_end, document_digest=digest.document_digest,
                    signed_attrs=attrs.dump(), chain=tuple(chain), algorithm=algorithm, when=when)


def signature_from_cms(prepared: Prepared, data: bytes) -> bytes:
    """The raw signature in a CMS SignedData a signer returned, checked to
    sign the prepared attributes with the prepared certificate."""
    from asn1crypto import cms

    try:
        content = cms.ContentInfo.load(data)
        signer_info = content["content"]["signer_infos"][0]
        signed_attrs = signer_info["signed_attrs"].untag().dump()
        signature = signer_info["signature"].native
        algorithm = of_mechanism(signer_info["signature_algorithm"])
        serial = signer_info["sid"].chosen["serial_number"].native
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        raise SigningError("Chữ ký số trả về không phải CMS đọc được.") from None
    certificate, _ = _certificates(prepared.chain)
    if signed_attrs != prepared.signed_attrs or algorithm != prepared.algorithm \
            or serial != certificate.serial_number:
        raise SigningError(NOT_MATCHING, "the CMS returned signs other attributes, with another "
                           "algorithm or another certificate than those prepared")
    return signature


def _looks_like_cms(data: bytes) -> bool:
    return data[:1] == b"\x30" and b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" in data[:40]


def finish(prepared: Prepared, signature: bytes, timestamper=None, tsa_url: str = "") -> bytes:
    """The signed PDF: ``signature`` (raw, or a CMS SignedData) checked and
    embedded, with a timestamp token from ``timestamper`` when given; a
    SigningError when it does not verify or the TSA fails."""
    from pyhanko.sign import signers
    from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    from asn1crypto import cms

    if _looks_like_cms(signature):
        signature = signature_from_cms(prepared, signature)
    if not verifies(prepared.chain[0], prepared.signed_attrs, signature, prepared.algorithm):
        raise SigningError(NOT_MATCHING, "the signature returned does not verify with the "
                           "certificate's key over the prepared signed attributes")
    certificate, store = _certificates(prepared.chain)
    signer = signers.ExternalSigner(certificate, store, signature_value=signature,
                                    signature_mechanism=mechanism(prepared.algorithm))
    try:
        content = asyncio.run(signer.async_sign_prescribed_attributes(
            "sha256", cms.CMSAttributes.load(prepared.signed_attrs), timestamper=timestamper))
    except TimestampRequestError as error:
        from .timestamps import tsa_error

        raise tsa_error(error, tsa_url) from None
    except Exception as error:  # a timestamp response that is not granted, say
        if timestamper is None:
            raise
        from .timestamps import tsa_error

        raise tsa_error(error, tsa_url) from None
    output = BytesIO(prepared.pdf)
    try:
        PreparedByteRangeDigest(prepared.document_digest, prepared.start,
                                prepared.end).fill_with_cms(output, content)
    except Exception as error:
        raise SigningError("Chữ ký số quá lớn so với chỗ dành cho nó trong văn bản.",
                           f"CMS does not fit the reserved region: {error}") from None
    return output.getvalue()
