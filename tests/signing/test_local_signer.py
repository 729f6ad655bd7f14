"""`docgen local-signer`'s HTTP protocol (docgen.signing.local_signer) over
a SoftHSM token: only allowed origins on 127.0.0.1, nothing before pairing,
a wrong pairing code refused (a new code after five), a wrong PIN said as
such, a signature of the digest by the token's key."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import urllib.error
import urllib.request

import pytest

from docgen.signing.algorithms import verifies
from docgen.signing.local_signer import LocalSigner, serve
from docgen.signing.token import WRONG_PIN

from ..conftest import CHAU_PIN

ORIGIN = "https://docgen.example.gov.vn"
pytestmark = pytest.mark.slow


@pytest.fixture
def tool(tokens):
    token, _ = tokens["chau"]
    said = []
    signer = LocalSigner(token.module, [ORIGIN], token.label, say=said.append)
    server = serve(signer, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", signer, said
    server.shutdown()
    server.server_close()


def call(url, path, body=None, origin=ORIGIN, token=None, method=None):
    headers = {"Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url + path, data=json.dumps(body).encode() if body is not None
                                     else None, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


def test_origins_pairing_and_signing(tool, tokens):
    url, signer, said = tool
    assert call(url, "/v1/status", origin="https://evil.example")[0] == 403
    assert call(url, "/v1/status", origin=None)[0] == 403
    status, headers, _ = call(url, "/v1/status", method="OPTIONS")
    assert status == 204 and headers["Access-Control-Allow-Origin"] == ORIGIN
    assert headers["Access-Control-Allow-Private-Network"] == "true"
    assert call(url, "/v1/certificates")[0] == 401  # not paired
    first_code = signer.code
    assert said == [f"Mã ghép nối với trang docgen: {first_code}"]
    for _ in range(5):
        assert call(url, "/v1/pair", {"code": "000000" if first_code != "000000" else "111111"})[0] == 403
    assert signer.code != first_code or len(said) == 2  # five wrong codes: a new one is shown
    status, _, paired = call(url, "/v1/pair", {"code": signer.code})
    assert status == 200
    status, _, found = call(url, "/v1/certificates", token=paired["token"])
    [certificate] = found["certificates"]
    assert "Lê Minh Châu" in certificate["subject"] and len(certificate["chain"]) == 2
    digest = hashlib.sha256(b"to be signed").digest()
    request = {"certificate": certificate["sha256"], "digest": base64.b64encode(digest).decode(),
               "algorithm": "rsa-pss", "pin": "999999", "document": "văn bản số 01/KH-UBND"}
    status, _, wrong = call(url, "/v1/sign", request, token=paired["token"])
    assert (status, wrong["error"], wrong["message"]) == (401, "pin_incorrect", WRONG_PIN)
    status, _, signed = call(url, "/v1/sign", {**request, "pin": CHAU_PIN}, token=paired["token"])
    assert status == 200
    der = base64.b64decode(certificate["chain"][0])
    assert verifies(der, b"to be signed", base64.b64decode(signed["signature"]), "rsa-pss")
    assert said[-1] == "Đã ký: văn bản số 01/KH-UBND (chứng thư chau)"
