"""``docgen local-signer``: the small signing tool on the officer's own
computer, between the docgen page in the browser and the officer's USB
token (PKCS#11). It listens on 127.0.0.1 only, answers only the web
origins it is told to (``--allow-origin``), and only a page that was paired
with it by the code it shows on start. The PIN goes from the page's PIN
box to this tool and the token, never to the server.

Protocol (version 1, JSON over HTTP; an adapter for the Ban Cơ yếu's or a
CA's own signing tool answers the same; docs/developer.md, "Signatures"):

``OPTIONS *``
    CORS preflight: 204 with ``Access-Control-Allow-Origin`` (the allowed
    origin only), ``-Methods: GET, POST``, ``-Headers: Content-Type,
    Authorization``, ``-Private-Network: true``.
``GET /v1/status``
    ``{"name": "docgen local-signer", "version": 1}``.
``POST /v1/pair`` ``{"code": "123456"}``
    ``{"token": "…"}`` for ``Authorization: Bearer …`` on the calls below;
    403 ``wrong_code`` (after 5 wrong codes a new code is shown).
``GET /v1/certificates``
    ``{"certificates": [{"sha256", "subject", "label", "chain": [base64 DER…]}]}``:
    the certificates on the token(s), each with its CA certificates.
``POST /v1/sign`` ``{"certificate": sha256, "digest": base64 (32 bytes),
"algorithm": "rsa-pkcs1"|"rsa-pss", "pin": "…", "document": "…"}``
    ``{"signature": base64}``: the raw signature of the SHA-256 digest; or
    an error ``{"error", "message"}`` (Vietnamese): 401 ``pin_incorrect``,
    423 ``pin_locked``, 404 ``no_certificate``, 503 ``no_device``.

Every request must come from an allowed ``Origin`` (403 ``origin_not_allowed``)
to ``Host`` 127.0.0.1 or localhost (no DNS rebinding). Plain HTTP on the
loopback: a page served over HTTPS may call http://127.0.0.1 (a
"potentially trustworthy" origin); no WebSocket is needed for one request
and its answer, so the tool needs nothing beyond the standard library and
python-pkcs11.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import SigningError
from .algorithms import ALGORITHMS
from .token import LOCKED, NO_DEVICE, WRONG_PIN, certificates, sign_digest

DEFAULT_PORT = 8911
MAX_WRONG_CODES = 5
ERRORS = {WRONG_PIN: (401, "pin_incorrect"), LOCKED: (423, "pin_locked"),
          NO_DEVICE: (503, "no_device")}


class LocalSigner:
    """The tool's state: the token library, the allowed origins, the
    pairing code and the tokens of the pages paired with it."""

    def __init__(self, module: str, origins: list[str], token_label: str | None = None,
                 say=print):
        self.module, self.token_label, self.say = module, token_label, say
        self.origins = {origin.rstrip("/") for origin in origins}
        self.paired: set[str] = set()
        self.wrong = 0
        self.lock = threading.Lock()
        self.new_code()

    def new_code(self) -> None:
        self.code = f"{secrets.randbelow(10**6):06d}"
        self.wrong = 0
        self.say(f"Mã ghép nối với trang docgen: {self.code}")

    def certificates(self) -> list[dict]:
        from asn1crypto import x509

        return [{"sha256": cert.sha256, "label": cert.label,
                 "subject": x509.Certificate.load(cert.der).subject.human_friendly,
                 "chain": [base64.b64encode(der).decode() for der in cert.chain]}
                for cert in certificates(self.module, self.token_label)]

    def sign(self, request: dict) -> bytes:
        algorithm = request.get("algorithm", "rsa-pkcs1")
        digest = base64.b64decode(request.get("digest", ""), validate=True)
        if algorithm not in ALGORITHMS or len(digest) != 32 or not request.get("pin"):
            raise ValueError("bad request")
        wanted = [cert for cert in certificates(self.module, self.token_label)
                  if cert.sha256 == request.get("certificate")]
        if not wanted:
            raise LookupError("no such certificate")
        cert = wanted[0]
        with self.lock:  # one PIN entry at a time on the token
            signature = sign_digest(self.module, cert.token, cert.key_id, str(request["pin"]),
                                    digest, algorithm)
        self.say(f"Đã ký: {request.get('document', 'văn bản')} (chứng thư {cert.label})")
        return signature


def serve(signer: LocalSigner, port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """The HTTP server of ``signer`` on 127.0.0.1:``port`` (0: a free one), not started."""

    class Handler(BaseHTTPRequestHandler):
        def _origin(self) -> str | None:
            origin = (self.headers.get("Origin") or "").rstrip("/")
            return origin if origin in signer.origins else None

        def _host_ok(self) -> bool:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            return host in ("127.0.0.1", "localhost")

        def _send(self, status: int, value: dict | None = None) -> None:
            body = json.dumps(value).encode() if value is not None else b""
            self.send_response(status)
            origin = self._origin()
            if origin:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
            if value is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _refused(self) -> bool:
            if not self._host_ok() or self._origin() is None:
                self._send(403, {"error": "origin_not_allowed",
                                 "message": "Trang này không được phép dùng công cụ ký số."})
                return True
            return False

        def _authorised(self) -> bool:
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
            if token not in signer.paired:
                self._send(401, {"error": "not_paired", "message": "Hãy nhập mã ghép nối hiển thị "
                                 "trên cửa sổ công cụ ký số."})
                return False
            return True

        def _body(self) -> dict:
            length = min(int(self.headers.get("Content-Length") or 0), 65536)
            try:
                value = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                value = None
            return value if isinstance(value, dict) else {}

        def do_OPTIONS(self):
            if self._refused():
                return
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", self._origin())
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Authorization")
            self.send_header("Access-Control-Allow-Private-Network", "true")
            self.send_header("Access-Control-Max-Age", "600")
            self.send_header("Vary", "Origin")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            if self._refused():
                return
            if self.path == "/v1/status":
                return self._send(200, {"name": "docgen local-signer", "version": 1})
            if self.path == "/v1/certificates":
                if not self._authorised():
                    return
                try:
                    return self._send(200, {"certificates": signer.certificates()})
                except SigningError as error:
                    return self._error(error)
            self._send(404, {"error": "not_found"})

        def do_POST(self):
            if self._refused():
                return
            request = self._body()
            if self.path == "/v1/pair":
                with signer.lock:
                    if secrets.compare_digest(str(request.get("code", "")), signer.code):
                        token = secrets.token_urlsafe(24)
                        signer.paired.add(token)
                        return self._send(200, {"token": token})
                    signer.wrong += 1
                    if signer.wrong >= MAX_WRONG_CODES:
                        signer.new_code()
                return self._send(403, {"error": "wrong_code",
                                        "message": "Mã ghép nối không đúng: hãy nhập mã hiển thị "
                                                   "trên cửa sổ công cụ ký số."})
            if self.path == "/v1/sign":
                if not self._authorised():
                    return
                try:
                    signature = signer.sign(request)
                except ValueError:
                    return self._send(400, {"error": "bad_request",
                                            "message": "Yêu cầu ký không hợp lệ."})
                except LookupError:
                    return self._send(404, {"error": "no_certificate",
                                            "message": "Không thấy chứng thư số đã chọn trên "
                                                       "thiết bị ký số."})
                except SigningError as error:
                    return self._error(error)
                return self._send(200, {"signature": base64.b64encode(signature).decode()})
            self._send(404, {"error": "not_found"})

        def _error(self, error: SigningError) -> None:
            status, code = ERRORS.get(error.message, (500, "signing_failed"))
            self._send(status, {"error": code, "message": error.message})

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server
