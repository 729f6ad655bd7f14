"""Signing time for sample 002's PDF (9 pages), each the median of N runs
in milliseconds, with a throwaway test CA (scripts/make-test-ca.py) and
its online services on 127.0.0.1 (docgen.signing.demo_services):

- per method, the signer's signature at PAdES B-B: a PKCS#12 file on the
  server, a USB token (SoftHSM2 through PKCS#11, as docgen local-signer
  signs; the HTTP round trips of the page are not counted), the CSC
  remote-signing service with an immediate confirmation (token, authorize,
  authorizeCheck, signHash over HTTP), an HSM on the server (SoftHSM2);
- the PKCS#12 signature at B-T (a timestamp from the local TSA) and B-LT
  (and the CRL and OCSP answers in the DSS), against B-B;
- the organisation's signature and verifying the twice-signed file.

The PDF is made once, beforehand, and is not timed. Timings are printed,
never asserted.

    python bench/sign_speed.py            # 10 runs each
    python bench/sign_speed.py --runs 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.document.render import render_plan  # noqa: E402
from docgen.pdf import docx_to_pdf  # noqa: E402
from docgen.plan.files import load_plan  # noqa: E402
from docgen.signing import csc  # noqa: E402
from docgen.signing.demo_ca import open_demo  # noqa: E402
from docgen.signing.demo_services import DemoCSC, DemoPKI, softhsm_tokens  # noqa: E402
from docgen.signing.identities import for_unit, for_user, load_secrets  # noqa: E402
from docgen.signing.sign import Finishing, finish_signature, prepare_signature, sign_pdf  # noqa: E402
from docgen.signing.token import certificates, sign_digest  # noqa: E402
from docgen.signing.verify import trusted_roots, verify_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
PIN = "123456"


def median_ms(step, runs: int):
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times), max(times), result


def main() -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    plan = load_plan(SAMPLE)
    pdf = docx_to_pdf(render_plan(plan), archive=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make-test-ca.py"), folder],
                       check=True, capture_output=True)
        secrets = load_secrets(Path(folder) / "signing.toml")
        signer, unit = for_user("long", secrets), for_unit("UBND tỉnh Gia Lai", secrets)
        roots = trusted_roots(list(secrets.trusted))
        pki = DemoPKI(open_demo(secrets.path))
        key, cert = pki.issue("Trương Hải Long")
        seal_key, seal_cert = pki.issue("Ủy ban nhân dân tỉnh Gia Lai", "UBND tỉnh Gia Lai")
        ca = pki.ca.cert
        der = lambda c: c.public_bytes(Encoding.DER)  # noqa: E731
        chain, seal_chain = (der(cert), der(ca)), (der(seal_cert), der(ca))
        tokens = softhsm_tokens(Path(folder) / "hsm", {
            "token": (PIN, [(b"\x01", "long", key, [cert, ca])]),
            "hsm": (PIN, [(b"\x01", "seal", seal_key, [seal_cert, ca])])})
        service = DemoCSC({"docgen": "bi-mat"}, {"long": ("long", tokens["token"], b"\x01", chain)})
        service.confirm_at_once = True
        provider = csc.Provider("bench", service.base_url, "docgen", "bi-mat")
        where = dict(authority=plan.signer.authority)

        def with_token(label: str, the_chain, role="signer", document=pdf, image=signer.image):
            token = tokens[label]
            token_key = certificates(token.module, token.label)[0]
            prepared = prepare_signature(document, role, the_chain, image,
                                         **(where if role == "signer" else {}))
            return finish_signature(prepared, sign_digest(token.module, token.label,
                                                          token_key.key_id, PIN, prepared.digest))

        def with_csc():
            the_chain = csc.chain(provider, "long")
            prepared = prepare_signature(pdf, "signer", the_chain, signer.image, **where)
            response, _ = csc.authorize(provider, "long", prepared.digest)
            sad = csc.check(provider, response)
            return finish_signature(prepared, csc.sign_hash(provider, "long", sad, prepared.digest,
                                                            prepared.algorithm))

        b_t = Finishing(tsa_url=pki.tsa_url)
        b_lt = Finishing(tsa_url=pki.tsa_url, long_term=True, trusted=tuple(roots))
        once = sign_pdf(pdf, signer, "signer", **where)
        twice = sign_pdf(once, unit, "organisation")
        steps = [
            ("signer, PKCS#12 file, B-B", lambda: sign_pdf(pdf, signer, "signer", **where)),
            ("signer, USB token (PKCS#11), B-B", lambda: with_token("token", chain)),
            ("signer, CSC at once confirmed, B-B", with_csc),
            ("organisation, HSM (PKCS#11), B-B",
             lambda: with_token("hsm", seal_chain, "organisation", once, unit.image)),
            ("signer, PKCS#12 file, B-T", lambda: sign_pdf(pdf, signer, "signer", finishing=b_t, **where)),
            ("signer, key in memory, B-B (same cert)", lambda: _with_key(pdf, chain, key, signer, where,
                                                                        Finishing())),
            ("signer, key in memory, B-LT", lambda: _with_key(pdf, chain, key, signer, where, b_lt)),
            ("organisation, PKCS#12 file, B-B", lambda: sign_pdf(once, unit, "organisation")),
            ("verify both signatures", lambda: verify_pdf(twice, roots)),
        ]
        print(f"sample 002: {len(pdf) // 1024} KiB PDF/A-2b -> {len(once) // 1024} KiB signed once, "
              f"{len(twice) // 1024} KiB twice; {args.runs} runs each")
        results = {}
        for label, step in steps:
            median, low, high, _ = median_ms(step, args.runs)
            results[label] = median
            print(f"  {label:40} median {median:6.0f} ms  (min {low:.0f}, max {high:.0f})")
        base = results["signer, PKCS#12 file, B-B"]
        online = results["signer, key in memory, B-B (same cert)"]
        print(f"  B-T over B-B:  +{results['signer, PKCS#12 file, B-T'] - base:.0f} ms; "
              f"B-LT over B-B: +{results['signer, key in memory, B-LT'] - online:.0f} ms")
        service.close()
        pki.close()
        os.environ.pop("SOFTHSM2_CONF", None)


def _with_key(pdf, chain, key, signer, where, finishing):
    """B-LT needs a certificate naming the CA's CRL and OCSP: the token's
    certificate, its key used directly (as a PKCS#12 file would)."""
    from docgen.signing.algorithms import sign_digest as sign_with_key

    prepared = prepare_signature(pdf, "signer", chain, signer.image, **where)
    return finish_signature(prepared, sign_with_key(key, prepared.digest, "rsa-pkcs1"), finishing)


if __name__ == "__main__":
    main()
