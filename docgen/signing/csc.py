"""Remote signing over the Cloud Signature Consortium API v2, the shape of
the Vietnamese remote-signing services (the key stays in the provider's
HSM; the officer confirms each signature in the provider's phone app).

A provider is configured in the secrets file (``[csc."NAME"]``: ``url``, the
API's base URL ending in ``/csc/v2``; ``client_id``; ``client_secret`` or
``client_secret_env``), an account by its credential ID there (``docgen
signing method``). The calls, each a JSON POST with the OAuth2 access
token of the client credentials:

- ``credentials/info``: the credential's certificate chain;
- ``credentials/authorize`` (``operationMode: "A"``, the hash to sign):
  the provider asks the officer on the phone and answers a ``responseID``;
- ``credentials/authorizeCheck``, polled by the page through docgen: 202
  while waiting, the signature activation data (SAD) once confirmed, an
  ``access_denied`` or ``expired_token`` error when refused or expired;
- ``signatures/signHash`` with the SAD: the raw signature.

pyHanko's own CSC signer authorises and signs in one call that waits; here
the wait spans the page's requests (a countdown, a cancel button), so each
call is its own. Plain ``urllib``: no HTTP library beyond the standard one.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from . import SigningError
from .algorithms import OIDS, SHA256_OID
from .identities import ASK_ADMIN

log = logging.getLogger(__name__)

TIMEOUT = 15
UNREACHABLE = (f"Không kết nối được dịch vụ ký số từ xa: hãy thử lại sau ít phút; nếu vẫn lỗi, "
               f"{ASK_ADMIN}.")
REFUSED = "Yêu cầu ký đã bị từ chối trên ứng dụng điện thoại: văn bản chưa được ký."
EXPIRED = ("Hết thời gian chờ xác nhận trên điện thoại: văn bản chưa được ký; hãy bấm ký lại "
           "và xác nhận trên ứng dụng trong thời gian cho phép.")


@dataclass(frozen=True)
class Provider:
    name: str
    url: str
    client_id: str
    client_secret: str = field(repr=False)


def provider(secrets, name: str) -> Provider:
    """The provider ``name`` of the secrets file (docgen.signing.identities.Secrets)."""
    entry = secrets.data.get("csc", {}).get(name)
    missing = f"Dịch vụ ký số từ xa “{name}” chưa được cấu hình: {ASK_ADMIN}."
    if not isinstance(entry, dict) or not entry.get("url") or not entry.get("client_id"):
        raise SigningError(missing, f"{secrets.path}: thiếu mục [csc.\"{name}\"] với url, client_id "
                           "và client_secret (hoặc client_secret_env).")
    secret = entry.get("client_secret")
    if secret is None and entry.get("client_secret_env"):
        secret = os.environ.get(entry["client_secret_env"])
    if secret is None:
        raise SigningError(missing, f"{secrets.path}: [csc.\"{name}\"]: chưa có client_secret "
                           f"(biến môi trường {entry.get('client_secret_env', '?')} chưa đặt).")
    return Provider(name, str(entry["url"]).rstrip("/"), str(entry["client_id"]), str(secret))


def _call(where: Provider, method: str, body: dict, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{where.url}/{method}", data=json.dumps(body).encode(),
                                     headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status, data = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, data = error.code, error.read()
    except OSError as error:
        log.warning("CSC provider %s unreachable (%s): %r", where.name, method, error)
        raise SigningError(UNREACHABLE, f"{UNREACHABLE} ({where.url}/{method}: {error!r})") from None
    try:
        return status, json.loads(data or b"{}")
    except ValueError:
        raise SigningError(UNREACHABLE, f"{where.url}/{method}: trả lời không phải JSON "
                           f"(HTTP {status})") from None


def _ok(where: Provider, method: str, status: int, answer: dict) -> dict:
    if status >= 300:
        detail = f"{where.url}/{method}: HTTP {status} {answer.get('error')}: " \
                 f"{answer.get('error_description', '')}"
        log.warning("CSC provider %s: %s", where.name, detail)
        raise SigningError(f"Dịch vụ ký số từ xa từ chối yêu cầu: {ASK_ADMIN}.", detail)
    return answer


def access_token(where: Provider) -> str:
    status, answer = _call(where, "oauth2/token", {"grant_type": "client_credentials",
                                                   "client_id": where.client_id,
                                                   "client_secret": where.client_secret})
    return _ok(where, "oauth2/token", status, answer)["access_token"]


def chain(where: Provider, credential: str) -> tuple[bytes, ...]:
    """The certificate chain (DER, the credential's first) of ``credential``."""
    token = access_token(where)
    answer = _ok(where, "credentials/info", *_call(
        where, "credentials/info", {"credentialID": credential, "certificates": "chain"}, token))
    try:
        return tuple(base64.b64decode(cert) for cert in answer["cert"]["certificates"])
    except (KeyError, TypeError, ValueError):
        raise SigningError(f"Dịch vụ ký số từ xa không trả về chứng thư số: {ASK_ADMIN}.") from None


def authorize(where: Provider, credential: str, digest: bytes) -> tuple[str, int]:
    """Asks the officer to confirm the signature of ``digest``: the
    response ID to poll and the seconds the request stays open."""
    token = access_token(where)
    answer = _ok(where, "credentials/authorize", *_call(where, "credentials/authorize", {
        "credentialID": credential, "numSignatures": 1, "operationMode": "A",
        "hashes": [base64.b64encode(digest).decode()], "hashAlgorithmOID": SHA256_OID}, token))
    return answer["responseID"], int(answer.get("expiresIn", 120))


def check(where: Provider, response_id: str) -> str | None:
    """The SAD once the officer confirmed, None while waiting; a
    SigningError (:data:`REFUSED`, :data:`EXPIRED`) otherwise."""
    token = access_token(where)
    status, answer = _call(where, "credentials/authorizeCheck", {"responseID": response_id}, token)
    if status == 202:
        return None
    if answer.get("error") == "access_denied":
        raise SigningError(REFUSED)
    if answer.get("error") == "expired_token":
        raise SigningError(EXPIRED)
    return _ok(where, "credentials/authorizeCheck", status, answer)["SAD"]


def sign_hash(where: Provider, credential: str, sad: str, digest: bytes, algorithm: str) -> bytes:
    token = access_token(where)
    answer = _ok(where, "signatures/signHash", *_call(where, "signatures/signHash", {
        "credentialID": credential, "SAD": sad, "hashes": [base64.b64encode(digest).decode()],
        "hashAlgorithmOID": SHA256_OID, "signAlgo": OIDS[algorithm]}, token))
    return base64.b64decode(answer["signatures"][0])
