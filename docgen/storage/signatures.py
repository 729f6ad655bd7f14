"""The PDFs of an issued document and its two digital signatures (ký số).

The order is Decree 30's for electronic documents, number and date first:
the văn thư issues the approved draft (``register.issue``: number, date,
final .docx), then the signer named on the document signs the PDF of that
.docx with their own certificate, then the unit's văn thư adds the
organisation's signature over the signer's. Each step's PDF is stored for
good with its SHA-256 (``IssuedPdf``, one per step); the document counts as
sent (đã phát hành) only once both signatures are on it.

Whose certificate signs is decided here, from the logged-in user, never
from what a form sends: the signer's is ``identities.for_user(username)``,
the organisation's ``identities.for_unit(unit name)`` (docgen.signing).

Like ``register``, every function takes the session and the acting user
first, commits with its audit row, and raises a StorageError in Vietnamese;
another unit's document is NotFound. A certificate that is missing or
cannot be used tells the user to ask the administrator (no server path) and
logs the details for the administrator at WARNING.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from secrets import token_hex as secrets_token
from typing import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..metadata.xmp import page_count, with_metadata
from ..vietnamese.dates import vietnam_time
from ..vietnamese.vn import same_text
from .audit import audit
from .errors import Forbidden, NotFound, StateError, StorageError
from .models import (
    ISSUED_PDF,
    PDF_STEPS,
    REGISTRAR,
    SEALED_PDF,
    SIGNED_PDF,
    SIGNER,
    IssuedDocument,
    IssuedPdf,
    SigningRequest,
    User,
    utcnow,
)
from .models import CSC, HSM, P12, TOKEN
from .metadata import entry_metadata
from .signing_methods import matches, setting_of
from .register import get_entry

log = logging.getLogger(__name__)

STEP_NAMES = {ISSUED_PDF: "bản PDF", SIGNED_PDF: "bản PDF có chữ ký số của người ký",
              SEALED_PDF: "bản PDF có chữ ký số của cơ quan"}


class SigningUnavailable(StorageError):
    """No certificate for this user or unit, or one that cannot be opened
    (a wrong passphrase in the configuration): what to ask the admin for."""


# --- the steps -------------------------------------------------------------------


def issued_pdf(session: Session, user: User, entry_id: int, *,
               convert: Callable[..., bytes] | None = None) -> IssuedPdf:
    """The PDF of the issued .docx, made once by ``convert`` (default
    ``docgen.pdf.docx_to_pdf``; the web passes its gated conversion) and
    kept, with the Appendix VI metadata in its XMP; a PdfError (Vietnamese)
    when LibreOffice cannot make it."""
    entry = get_entry(session, user, entry_id)
    stored = entry.pdf(ISSUED_PDF)
    if stored is not None:
        return stored
    if convert is None:
        from ..pdf import docx_to_pdf as convert

    document = convert(entry.docx, archive=True)  # PDF/A-2b: the original an archive keeps
    # Decree 30's metadata (Appendix VI) in its XMP, now: the signatures come
    # after and nothing may change the bytes they cover.
    document = with_metadata(document, entry_metadata(entry, page_count(document)))
    return _store(session, user, entry, ISSUED_PDF, document, action=None)


def may_sign(user: User, entry: IssuedDocument) -> bool:
    """The signing officer whose name the document carries (ô 7b)."""
    return user.role == SIGNER and same_text(" ".join(user.full_name.split()),
                                             " ".join(entry.signer.split()), casefold=True)


REQUEST_SECONDS = 300  # a prepared signature waits this long for a token's signature
NO_REQUEST = "Yêu cầu ký số này không còn (đã xong, đã hủy hoặc hết hạn): hãy tải lại trang."


@dataclass(frozen=True)
class Started:
    """A signature begun (:func:`start`): done already (``stored``), or
    waiting in request ``request_id`` for the token's signature of
    ``digest`` (method "token") or for the officer's confirmation on the
    phone (method "csc"), for ``seconds``."""

    method: str
    stored: IssuedPdf | None = None
    request_id: str | None = None
    digest: bytes | None = None
    algorithm: str | None = None
    seconds: int = 0
    certificate: str | None = None  # SHA-256 of the certificate the token is to sign with


def sign(session: Session, user: User, entry_id: int, *, ip: str | None = None,
         convert: Callable[..., bytes] | None = None) -> IssuedPdf:
    """Ký số: the signer named on the document signs its PDF (made by
    ``convert`` when not made yet: ``issued_pdf``) with a key the server
    holds (PKCS#12, HSM)."""
    return _server_side(start(session, user, entry_id, SIGNED_PDF, ip=ip, convert=convert))


def seal(session: Session, user: User, entry_id: int, *, ip: str | None = None) -> IssuedPdf:
    """Ký số cơ quan và phát hành with a key the server holds; the
    document is sent from then on."""
    return _server_side(start(session, user, entry_id, SEALED_PDF, ip=ip))


def _server_side(started: Started) -> IssuedPdf:
    if started.stored is None:
        raise StateError("Cách ký số của bạn cần trang web mở trong trình duyệt có bật JavaScript "
                         "(thiết bị ký số hoặc xác nhận trên điện thoại): hãy bấm nút ký trên trang.")
    return started.stored


def start(session: Session, user: User, entry_id: int, step: str, *,
          chains: list[tuple[bytes, ...]] | None = None, ip: str | None = None,
          convert: Callable[..., bytes] | None = None) -> Started:
    """Begins the signature of ``step`` (SIGNED_PDF: the signer's;
    SEALED_PDF: the organisation's) by ``user`` with their method;
    ``chains``: the certificate chains the officer's token offers;
    ``convert``: how the issued PDF is made when it is not made yet (the
    web's PDF gate)."""
    entry = get_entry(session, user, entry_id)
    _require_may(user, entry, step)
    from ..signing import SigningError, identities
    from ..signing.sign import Finishing, prepare_signature

    kind_unit = step == SEALED_PDF
    setting = setting_of(session, unit=user.unit) if kind_unit else setting_of(session, user=user)
    identity = _identity(user, (lambda: identities.for_unit(user.unit.name)) if kind_unit
                         else (lambda: identities.for_user(user.username)))
    method = setting.method if setting else P12
    if setting is None and identity.p12 is None:
        owner = f"đơn vị “{user.unit.name}”" if kind_unit else f"tài khoản “{user.username}”"
        raise SigningUnavailable(f"Chưa có cách ký số cho {owner}: hãy đề nghị quản trị hệ thống "
                                 "cấu hình cách ký số.")
    unsigned = issued_pdf(session, user, entry_id, convert=convert).pdf if step == SIGNED_PDF \
        else entry.pdf(SIGNED_PDF).pdf
    role = "organisation" if kind_unit else "signer"
    where = dict(organisation=identity.name) if kind_unit else dict(
        signer_name=entry.signer, authority=entry.plan["signer"]["authority"])
    try:
        secrets = identities.load_secrets()
        finishing = Finishing.of(secrets)
        if method == P12:
            return Started(method, stored=_store_verified(
                session, user, entry, step, _p12_signed(unsigned, identity, role, where, finishing),
                ip=ip))
        chain = _chain(setting, secrets, chains, user, kind_unit)
        prepared = prepare_signature(unsigned, role, chain, identity.image,
                                     algorithm=identity.algorithm, **where)
        if method == HSM:
            from ..signing import token

            hsm = _hsm(secrets, setting)
            key = _hsm_key(hsm, setting)
            signature = token.sign_digest(hsm["module"], hsm["token"], key.key_id, hsm["pin"],
                                          prepared.digest, prepared.algorithm)
            return Started(method, stored=_finish(session, user, entry, step, prepared, signature,
                                                  finishing, ip=ip))
        if method == CSC:
            from ..signing import csc

            response, seconds = csc.authorize(csc.provider(secrets, setting.provider),
                                              setting.credential, prepared.digest)
        else:
            response, seconds = None, REQUEST_SECONDS
    except SigningError as error:
        raise _unavailable(user, error) from error
    request = SigningRequest(id=secrets_token(16), document_id=entry.id, step=step, user_id=user.id,
                             method=method, prepared=prepared.dumps(), reference=response,
                             state="waiting", expires_at=utcnow() + timedelta(seconds=seconds))
    session.add(request)
    session.commit()
    return Started(method, request_id=request.id, digest=prepared.digest,
                   algorithm=prepared.algorithm, seconds=seconds,
                   certificate=hashlib.sha256(prepared.chain[0]).hexdigest())


def finish_with(session: Session, user: User, request_id: str, signature: bytes, *,
                ip: str | None = None) -> IssuedPdf:
    """The token's signature (raw or CMS) for the waiting request: checked,
    timestamped, verified, stored."""
    request = _waiting(session, user, request_id)
    if request.method != TOKEN:
        raise StateError(NO_REQUEST)
    return _complete(session, user, request, signature, ip=ip)


@dataclass(frozen=True)
class Progress:
    state: str  # waiting, done, refused, expired, cancelled, failed
    seconds: int = 0
    message: str = ""
    stored: IssuedPdf | None = None


def poll(session: Session, user: User, request_id: str, *, ip: str | None = None) -> Progress:
    """Where a remote signature is: still waiting for the phone (seconds
    left), done (stored), or refused, expired, failed, cancelled (why)."""
    from ..signing import SigningError, csc, identities

    request = session.get(SigningRequest, request_id)
    if request is None or request.user_id != user.id:
        raise NotFound(NO_REQUEST)
    if request.state != "waiting":
        return Progress(request.state, message=request.message or "")
    left = int((request.expires_at - utcnow()).total_seconds())
    if request.method != CSC:
        return Progress("waiting", max(left, 0)) if left > 0 else _end(session, request, "expired",
                                                                        csc.EXPIRED)
    setting = setting_of(session, unit=user.unit) if request.step == SEALED_PDF \
        else setting_of(session, user=user)
    try:
        provider = csc.provider(identities.load_secrets(), setting.provider)
        sad = csc.check(provider, request.reference)
    except SigningError as error:
        state = {csc.REFUSED: "refused", csc.EXPIRED: "expired"}.get(error.message, "failed")
        log.warning("remote signature %s of %s: %s", request.id, user.username, error.detail)
        return _end(session, request, state, error.message)
    if sad is None:
        if left <= 0:
            return _end(session, request, "expired", csc.EXPIRED)
        return Progress("waiting", left)
    from ..signing.two_step import Prepared

    try:
        prepared = Prepared.loads(request.prepared)
        signature = csc.sign_hash(provider, setting.credential, sad, prepared.digest,
                                  prepared.algorithm)
        stored = _complete(session, user, request, signature, ip=ip)
    except (SigningError, SigningUnavailable, StateError) as error:
        return _end(session, request, "failed", getattr(error, "message", str(error)))
    return Progress("done", stored=stored)


def cancel(session: Session, user: User, request_id: str) -> None:
    request = session.get(SigningRequest, request_id)
    if request is None or request.user_id != user.id:
        raise NotFound(NO_REQUEST)
    if request.state == "waiting":
        _end(session, request, "cancelled", "Đã hủy yêu cầu ký số; văn bản chưa được ký.")


def download_pdf(session: Session, user: User, entry_id: int, step: str, *,
                 ip: str | None = None, convert: Callable[..., bytes] | None = None) -> IssuedPdf:
    """A stored PDF of the document (``step``: issued, signer,
    organisation), recorded in the audit log; the PDF of the issued .docx
    is made on first use (by ``convert``: ``issued_pdf``)."""
    entry = get_entry(session, user, entry_id)
    if step not in PDF_STEPS:
        raise NotFound(f"Văn bản số {entry.number_text} không có tệp PDF “{step}”.")
    stored = issued_pdf(session, user, entry_id, convert=convert) if step == ISSUED_PDF else entry.pdf(step)
    if stored is None:
        raise StateError(f"Văn bản số {entry.number_text} chưa có {STEP_NAMES[step]}.")
    audit(session, user, "download", draft=entry.draft_id, version=entry.version.number, ip=ip,
          detail=f"{STEP_NAMES[step]} {entry.number_text}, SHA-256 {stored.sha256}")
    session.commit()
    return stored


# --- inside ----------------------------------------------------------------------


def _require_open(entry: IssuedDocument) -> None:
    if entry.recall is not None:
        raise StateError(f"Văn bản số {entry.number_text} đã bị thu hồi nên không ký số được nữa.")


def _require_may(user: User, entry: IssuedDocument, step: str) -> None:
    """Only the signer named on the document signs it, only the unit's văn
    thư adds the organisation's signature, each once, in that order."""
    _require_open(entry)
    if step == SIGNED_PDF:
        if not may_sign(user, entry):
            raise Forbidden(f"Văn bản số {entry.number_text} do {entry.signer} ký; chỉ người ký có "
                            "tên trên văn bản mới ký số được, bằng chứng thư số của chính mình.")
        done = entry.pdf(SIGNED_PDF)
        if done is not None:
            raise StateError(f"Văn bản số {entry.number_text} đã được ký số lúc "
                             f"{vietnam_time(done.made_at)}.")
        return
    if step != SEALED_PDF:
        raise NotFound(f"Văn bản số {entry.number_text} không có bước ký “{step}”.")
    if user.role != REGISTRAR:
        raise Forbidden("Chỉ văn thư của đơn vị mới được ký số của cơ quan và phát hành văn bản.")
    done = entry.pdf(SEALED_PDF)
    if done is not None:
        raise StateError(f"Văn bản số {entry.number_text} đã được ký số của cơ quan và phát hành lúc "
                         f"{vietnam_time(done.made_at)}.")
    if entry.pdf(SIGNED_PDF) is None:
        raise StateError(f"Văn bản số {entry.number_text} chưa có chữ ký số của người ký "
                         f"({entry.signer}); chữ ký số của cơ quan đặt sau chữ ký đó.")


def _chain(setting, secrets, chains, user: User, unit: bool) -> tuple[bytes, ...]:
    """The certificate chain to sign with, the certificate checked to be
    the one stored for the account or unit (fingerprint or subject serial)."""
    from ..signing import SigningError, csc

    owner = f"đơn vị {user.unit.name}" if unit else user.full_name
    if setting.method == TOKEN:
        found = [chain for chain in chains or () if chain and matches(setting, chain[0])]
        if not found:
            raise SigningError(
                (f"Chứng thư số trên thiết bị ký số không phải của {owner}: hãy cắm đúng thiết "
                 "bị ký số của mình; nếu đúng là thiết bị của bạn, hãy đề nghị quản trị hệ thống "
                 "cập nhật chứng thư số.") if chains else
                "Không thấy chứng thư số nào trên thiết bị ký số: hãy cắm thiết bị vào máy tính.",
                f"no certificate of the token matches the setting of {owner}")
        return found[0]
    if setting.method == CSC:
        chain = csc.chain(csc.provider(secrets, setting.provider), setting.credential)
    else:
        chain = _hsm_key(_hsm(secrets, setting), setting).chain
    if (setting.cert_sha256 or setting.cert_serial) and not matches(setting, chain[0]):
        raise SigningError(f"Chứng thư số được cấu hình không phải của {owner}: hãy báo quản trị "
                           "hệ thống.", f"the certificate of {setting.method} {setting.provider} "
                           f"does not match the fingerprint or serial stored for {owner}")
    return chain


def _hsm(secrets, setting) -> dict:
    import os

    from ..signing import SigningError
    from ..signing.identities import MISCONFIGURED

    entry = secrets.data.get("hsm", {}).get(setting.provider)
    if not isinstance(entry, dict) or not entry.get("module") or not entry.get("token"):
        raise SigningError(MISCONFIGURED, f"{secrets.path}: thiếu mục [hsm.\"{setting.provider}\"] "
                           "với module, token và pin (hoặc pin_env).")
    pin = entry.get("pin")
    if pin is None and entry.get("pin_env"):
        pin = os.environ.get(entry["pin_env"])
    if pin is None:
        raise SigningError(MISCONFIGURED, f"{secrets.path}: [hsm.\"{setting.provider}\"]: chưa có "
                           "mã PIN (pin hoặc biến môi trường pin_env).")
    return {"module": entry["module"], "token": entry["token"], "pin": pin}


def _hsm_key(hsm: dict, setting):
    from ..signing import SigningError, token
    from ..signing.identities import MISCONFIGURED

    keys = [key for key in token.certificates(hsm["module"], hsm["token"])
            if not setting.credential or key.label == setting.credential]
    if not keys:
        raise SigningError(MISCONFIGURED, f"HSM {setting.provider}: không có chứng thư "
                           f"“{setting.credential or ''}” trên token {hsm['token']}.")
    return keys[0]


def _p12_signed(unsigned: bytes, identity, role: str, where: dict, finishing) -> bytes:
    from ..signing import sign

    where = {key: value for key, value in where.items() if key != "organisation"}
    return sign.sign_pdf(unsigned, identity, role=role, finishing=finishing, **where)


def _waiting(session: Session, user: User, request_id: str) -> SigningRequest:
    request = session.get(SigningRequest, request_id)
    if request is None or request.user_id != user.id or request.state != "waiting":
        raise StateError(NO_REQUEST)
    if request.expires_at < utcnow():
        from ..signing.csc import EXPIRED

        _end(session, request, "expired", EXPIRED)
        raise StateError(EXPIRED)
    return request


def _complete(session: Session, user: User, request: SigningRequest, signature: bytes, *,
              ip: str | None) -> IssuedPdf:
    from ..signing import SigningError, identities
    from ..signing.sign import Finishing
    from ..signing.two_step import Prepared

    entry = get_entry(session, user, request.document_id)
    _require_may(user, entry, request.step)
    try:
        finishing = Finishing.of(identities.load_secrets())
    except SigningError as error:
        raise _unavailable(user, error) from error
    stored = _finish(session, user, entry, request.step, Prepared.loads(request.prepared),
                     signature, finishing, ip=ip)
    request = session.get(SigningRequest, request.id)
    _end(session, request, "done", "")
    return stored


def _finish(session: Session, user: User, entry: IssuedDocument, step: str, prepared, signature,
            finishing, *, ip: str | None) -> IssuedPdf:
    from ..signing import SigningError
    from ..signing.sign import finish_signature

    try:
        signed = finish_signature(prepared, signature, finishing)
    except SigningError as error:
        raise _unavailable(user, error) from error
    return _store_verified(session, user, entry, step, signed, ip=ip)


def _store_verified(session: Session, user: User, entry: IssuedDocument, step: str,
                    signed: bytes, *, ip: str | None) -> IssuedPdf:
    """Stores ``signed`` once its new signature verifies (intact, and from a
    trusted CA when CAs are configured)."""
    from ..signing import SigningError
    from ..signing.verify import trusted_roots, verify_pdf

    try:
        roots = trusted_roots()
        reports = [report for report in verify_pdf(signed, roots) if not report.timestamp]
        last = reports[-1]
        if not last.intact or (roots and not last.ok):
            raise SigningError("Chữ ký số vừa tạo không kiểm tra được là hợp lệ nên văn bản chưa "
                               "được ký: hãy báo quản trị hệ thống.",
                               f"the new signature does not verify: {last.problems}")
    except SigningError as error:
        raise _unavailable(user, error) from error
    return _store(session, user, entry, step, signed,
                  action="sign" if step == SIGNED_PDF else "org_sign", ip=ip)


def _end(session: Session, request: SigningRequest, state: str, message: str) -> Progress:
    request.state, request.message = state, message or None
    session.commit()
    return Progress(state, message=message)


def _identity(user: User, load):
    """The signing identity ``load()`` gives, or SigningUnavailable saying
    what is missing (docgen.signing's message)."""
    from ..signing import SigningError

    try:
        return load()
    except SigningError as error:
        raise _unavailable(user, error) from error


def _unavailable(user: User, error) -> SigningUnavailable:
    """The user's message; the administrator's details (paths, settings) go
    to the log."""
    log.warning("signing refused for %s (%s, %s): %s", user.username, user.role,
                user.unit.name, error.detail)
    return SigningUnavailable(error.message)


def _store(session: Session, user: User, entry: IssuedDocument, step: str, document: bytes, *,
           action: str | None, ip: str | None = None) -> IssuedPdf:
    stored = IssuedPdf(document_id=entry.id, step=step, pdf=document,
                       sha256=hashlib.sha256(document).hexdigest(), made_by_id=user.id,
                       made_at=utcnow())
    session.add(stored)
    if action is not None:
        audit(session, user, action, draft=entry.draft_id, version=entry.version.number, ip=ip,
              detail=f"{entry.number_text}, SHA-256 {stored.sha256}")
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        entry = get_entry(session, user, entry.id)
        if step == ISSUED_PDF and entry.pdf(step) is not None:
            return entry.pdf(step)  # made meanwhile by another request: the same document
        raise StateError(f"Văn bản số {entry.number_text} vừa được ký số bởi người khác; "
                         "hãy tải lại trang.") from None
    session.refresh(entry)
    return stored
