"""The demo CA's online services and devices, for the tests, the bench and
a demo without real certificates, all on 127.0.0.1 (NOT for real documents):

- :class:`DemoPKI`: the CA's time-stamping authority (RFC 3161, ``/tsa``),
  its CRL (``/crl``) and its OCSP responder (``/ocsp``), and certificates
  naming them (:meth:`DemoPKI.issue`) that it can revoke;
- :func:`softhsm_tokens`: SoftHSM2 tokens (Debian ``softhsm2``) holding keys
  and certificates of the CA, as an officer's USB token or the server's HSM;
- :class:`DemoCSC`: a remote-signing service speaking the Cloud Signature
  Consortium API v2 (OAuth2 client credentials, ``credentials/list``,
  ``credentials/info``, ``credentials/authorize`` in asynchronous mode with
  ``credentials/authorizeCheck`` polled until the officer confirms on the
  phone, ``signatures/signHash``), its keys on a SoftHSM token; the test
  confirms or refuses for the phone (:meth:`DemoCSC.confirm`).
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import os
import secrets as random_tokens
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .algorithms import OIDS
from .demo_ca import DemoCA

SOFTHSM_MODULES = ("/usr/lib/softhsm/libsofthsm2.so",
                   "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class _Service:
    """A threaded HTTP server on 127.0.0.1 (a free port unless given)
    answering through ``self.handle(method, path, headers, body)`` ->
    (status, content type, body)."""

    def __init__(self, port: int = 0):
        service = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method: str):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                try:
                    status, kind, data = service.handle(method, self.path, self.headers, body)
                except Exception as error:  # a test service: say what broke
                    status, kind, data = 500, "text/plain", repr(error).encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._answer("GET")

            def do_POST(self):
                self._answer("POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, method, path, headers, body):  # pragma: no cover - overridden
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class DemoPKI(_Service):
    """The CA of ``ca`` online: TSA, CRL and OCSP on one port."""

    def __init__(self, ca: DemoCA, port: int = 0):
        super().__init__(port)
        self.ca = ca
        self.issued: dict[int, object] = {}  # serial -> certificate (cryptography)
        self.revoked: dict[int, dt.datetime] = {}  # serial -> when
        self.tsa_answers = True
        self.tsa_key, self.tsa_cert = ca.issue("docgen test TSA (KHÔNG DÙNG THẬT)",
                                               timestamping=True)

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/tsa"

    def issue(self, common_name: str, unit: str | None = None, subject_serial: str | None = None):
        """A key and certificate naming this CRL and OCSP responder."""
        key, cert = self.ca.issue(common_name, unit, online=self.url, subject_serial=subject_serial)
        self.issued[cert.serial_number] = cert
        return key, cert

    def revoke(self, cert, when: dt.datetime | None = None) -> None:
        self.revoked[cert.serial_number] = when or _now()

    def handle(self, method, path, headers, body):
        if path == "/tsa" and method == "POST":
            if not self.tsa_answers:
                return 503, "text/plain", b"TSA out of service"
            return 200, "application/timestamp-reply", self._timestamp(body)
        if path == "/crl":
            return 200, "application/pkix-crl", self._crl()
        if path == "/ocsp" and method == "POST":
            return 200, "application/ocsp-response", self._ocsp(body)
        return 404, "text/plain", b"not found"

    def _timestamp(self, body: bytes) -> bytes:
        from asn1crypto import tsp
        from pyhanko.keys.internal import (translate_pyca_cryptography_cert_to_asn1,
                                           translate_pyca_cryptography_key_to_asn1)
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        stamper = DummyTimeStamper(
            tsa_cert=translate_pyca_cryptography_cert_to_asn1(self.tsa_cert),
            tsa_key=translate_pyca_cryptography_key_to_asn1(self.tsa_key),
            certs_to_embed=[translate_pyca_cryptography_cert_to_asn1(self.ca.cert)])
        return asyncio.run(stamper.async_request_tsa_response(tsp.TimeStampReq.load(body))).dump()

    def _crl(self) -> bytes:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization

        now = _now()
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.ca.cert.subject)
                   .last_update(now - dt.timedelta(minutes=5)).next_update(now + dt.timedelta(days=1))
                   .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                       self.ca.key.public_key()), critical=False))
        for serial, when in self.revoked.items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build())
        return builder.sign(self.ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def _ocsp(self, body: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509 import ocsp

        request = ocsp.load_der_ocsp_request(body)
        cert = self.issued.get(request.serial_number)
        if cert is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED).public_bytes(serialization.Encoding.DER)
        now = _now()
        revoked = self.revoked.get(request.serial_number)
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=cert, issuer=self.ca.cert, algorithm=request.hash_algorithm,
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            this_update=now - dt.timedelta(minutes=1), next_update=now + dt.timedelta(hours=12),
            revocation_time=revoked, revocation_reason=None,
        ).responder_id(ocsp.OCSPResponderEncoding.HASH, self.ca.cert)
        return builder.sign(self.ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


# --- SoftHSM2 tokens -----------------------------------------------------------------


@dataclass(frozen=True)
class SoftToken:
    module: str
    label: str
    pin: str


def softhsm_module() -> str:
    for path in SOFTHSM_MODULES:
        if Path(path).exists():
            return path
    raise FileNotFoundError("SoftHSM2 is not installed (apt-get install softhsm2)")


def softhsm_tokens(folder: Path, tokens: dict[str, tuple[str, list]]) -> dict[str, SoftToken]:
    """SoftHSM2 tokens in ``folder``: label -> (user PIN, [(key id, label,
    private key, [certificate, CA certificate…])]). Sets ``SOFTHSM2_CONF``
    for this process and the processes it starts: SoftHSM reads it once, so
    every token a process uses must be made by one call."""
    from .token import import_key

    store = folder / "tokens"
    store.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {store}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", encoding="utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    module = softhsm_module()
    for label, (pin, _) in tokens.items():
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                        "--so-pin", "so-" + pin], check=True, capture_output=True,
                       env={**os.environ, "SOFTHSM2_CONF": str(conf)})
    made = {}
    for label, (pin, items) in tokens.items():
        for key_id, key_label, key, chain in items:
            import_key(module, label, pin, key_id, key_label, key, chain)
        made[label] = SoftToken(module, label, pin)
    return made


# --- the remote-signing service (CSC API v2) ------------------------------------------


@dataclass
class _Authorization:
    credential: str
    hashes: list[str]
    expires: float
    state: str = "pending"  # pending, confirmed, refused
    sad: str = ""
    seen: threading.Event = field(default_factory=threading.Event)


class DemoCSC(_Service):
    """A CSC API v2 service on 127.0.0.1 (base URL ``url + "/csc/v2"``).
    ``clients``: client id -> secret; ``credentials``: credential id ->
    (user id, SoftToken, key id, certificate chain DER). An authorisation
    waits for :meth:`confirm` or :meth:`refuse` (the officer's phone), or
    is confirmed at once when ``confirm_at_once``; it expires after
    ``expires_in`` seconds."""

    def __init__(self, clients: dict[str, str], credentials: dict[str, tuple], *,
                 expires_in: int = 120, port: int = 0):
        super().__init__(port)
        self.clients = clients
        self.credentials = credentials
        self.expires_in = expires_in
        self.confirm_at_once = False
        self.tokens: set[str] = set()
        self.authorizations: dict[str, _Authorization] = {}
        self.asked = threading.Event()

    @property
    def base_url(self) -> str:
        return f"{self.url}/csc/v2"

    def pending(self, timeout: float = 10.0) -> str:
        """The id of the newest authorisation waiting for the phone (waits for one)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            waiting = [rid for rid, auth in self.authorizations.items() if auth.state == "pending"]
            if waiting:
                return waiting[-1]
            time.sleep(0.05)
        raise TimeoutError("no CSC authorisation is waiting")

    def confirm(self, response_id: str) -> None:
        auth = self.authorizations[response_id]
        auth.state, auth.sad = "confirmed", random_tokens.token_urlsafe(16)

    def refuse(self, response_id: str) -> None:
        self.authorizations[response_id].state = "refused"

    def handle(self, method, path, headers, body):
        if method != "POST" or not path.startswith("/csc/v2/"):
            return 404, "application/json", b'{"error": "not_found"}'
        call = path.removeprefix("/csc/v2/")
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return self._error(400, "invalid_request", "body is not JSON")
        if call == "oauth2/token":
            if self.clients.get(request.get("client_id")) != request.get("client_secret") \
                    or request.get("grant_type") != "client_credentials":
                return self._error(401, "invalid_client", "unknown client or wrong secret")
            token = random_tokens.token_urlsafe(16)
            self.tokens.add(token)
            return self._json({"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        if headers.get("Authorization", "").removeprefix("Bearer ") not in self.tokens:
            return self._error(401, "invalid_token", "missing or unknown access token")
        handler = {"credentials/list": self._list, "credentials/info": self._info,
                   "credentials/authorize": self._authorize,
                   "credentials/authorizeCheck": self._check,
                   "signatures/signHash": self._sign_hash}.get(call)
        if handler is None:
            return self._error(404, "invalid_request", f"no method {call}")
        return handler(request)

    def _json(self, value, status: int = 200):
        return status, "application/json", json.dumps(value).encode()

    def _error(self, status: int, error: str, description: str):
        return self._json({"error": error, "error_description": description}, status)

    def _list(self, request):
        user = request.get("userID")
        return self._json({"credentialIDs": [cid for cid, (owner, *_) in self.credentials.items()
                                             if owner == user]})

    def _info(self, request):
        entry = self.credentials.get(request.get("credentialID"))
        if entry is None:
            return self._error(400, "invalid_request", "unknown credentialID")
        chain = entry[3]
        return self._json({"key": {"status": "enabled", "algo": list(OIDS.values()), "len": 2048},
                           "cert": {"status": "valid",
                                    "certificates": [base64.b64encode(c).decode() for c in chain]},
                           "authMode": "oauth2code", "SCAL": "2", "multisign": 1})

    def _authorize(self, request):
        if request.get("credentialID") not in self.credentials:
            return self._error(400, "invalid_request", "unknown credentialID")
        response_id = random_tokens.token_urlsafe(12)
        auth = _Authorization(request["credentialID"], list(request.get("hashes", [])),
                              time.monotonic() + self.expires_in)
        self.authorizations[response_id] = auth
        if self.confirm_at_once:
            self.confirm(response_id)
        self.asked.set()
        return self._json({"responseID": response_id, "expiresIn": self.expires_in}, 202)

    def _check(self, request):
        auth = self.authorizations.get(request.get("responseID"))
        if auth is None:
            return self._error(400, "invalid_request", "unknown responseID")
        if auth.state == "refused":
            return self._error(400, "access_denied", "the user refused the signature")
        if auth.state == "confirmed":
            return self._json({"SAD": auth.sad, "expiresIn": 300})
        if time.monotonic() > auth.expires:
            return self._error(400, "expired_token", "the authorisation request expired")
        return self._json({"status": "pending"}, 202)

    def _sign_hash(self, request):
        from .token import sign_digest

        auth = next((a for a in self.authorizations.values()
                     if a.sad and a.sad == request.get("SAD")), None)
        if auth is None or auth.credential != request.get("credentialID"):
            return self._error(400, "invalid_request", "invalid SAD")
        hashes = request.get("hashes", [])
        if any(value not in auth.hashes for value in hashes):
            return self._error(400, "invalid_request", "hash not authorised")
        algorithm = {oid: name for name, oid in OIDS.items()}.get(request.get("signAlgo"))
        if algorithm is None:
            return self._error(400, "invalid_request", "unsupported signAlgo")
        _, token, key_id, _ = self.credentials[auth.credential]
        signatures = [base64.b64encode(sign_digest(token.module, token.label, key_id, token.pin,
                                                   base64.b64decode(value), algorithm)).decode()
                      for value in hashes]
        auth.sad = ""  # one use
        return self._json({"signatures": signatures})
