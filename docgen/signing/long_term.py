"""Long-term validation data (PAdES B-LT): after a timestamped signature,
the certificates of its chain and of its TSA with their revocation data
(CRLs, OCSP responses, fetched from the addresses the certificates name)
go into the document security store (DSS, with a VRI entry), in an
incremental update of their own. A certificate found revoked, or whose
revocation status cannot be fetched, is a :class:`SigningError`: the
signature is not kept."""

from __future__ import annotations

import asyncio
import logging
from io import BytesIO

from . import SigningError
from .identities import ASK_ADMIN
from .two_step import metadata_keeping_writer

log = logging.getLogger(__name__)

REVOKED = ("Chứng thư số đã bị thu hồi (theo dữ liệu của tổ chức cấp chứng thư) nên không ký "
           f"được: {ASK_ADMIN}.")
NO_REVOCATION_DATA = ("Không lấy được dữ liệu thu hồi chứng thư số (CRL/OCSP) để lưu kèm chữ ký: "
                      f"hãy thử lại sau ít phút; nếu vẫn lỗi, {ASK_ADMIN}.")


def add_revocation_data(pdf: bytes, field: str, trusted: list) -> bytes:
    """``pdf`` with the DSS entries of the signature in ``field``."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore, collect_validation_info
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.errors import RevokedError

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    signature = next(sig for sig in reader.embedded_signatures if sig.field_name == field)
    context = ValidationContext(trust_roots=trusted, allow_fetching=True,
                                revocation_mode="hard-fail")

    try:
        from pyhanko.sign._session_scope import run_and_release

        paths = asyncio.run(run_and_release(collect_validation_info(signature, context), context))
    except RevokedError as error:
        log.warning("certificate revoked: %s", error)
        raise SigningError(REVOKED, f"{REVOKED} ({error})") from None
    except Exception as error:  # unreachable CRL/OCSP address, path not built
        log.warning("revocation data not collected for %s: %r", field, error)
        text = str(error)
        if "revoked" in text.lower():
            raise SigningError(REVOKED, f"{REVOKED} ({error})") from None
        raise SigningError(NO_REVOCATION_DATA, f"{NO_REVOCATION_DATA} ({error!r})") from None
    writer = metadata_keeping_writer(pdf)
    DocumentSecurityStore.supply_dss_in_writer(
        writer, signature.pkcs7_content.hex().encode("ascii"), validation_context=context,
        paths=paths)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
