"""The signature algorithms docgen signs with: RSA with SHA-256, padded by
PKCS#1 v1.5 (``rsa-pkcs1``, what most tokens and CAs use) or RSASSA-PSS
(``rsa-pss``: MGF1 with SHA-256, a 32-byte salt). One name per algorithm,
the same in the secrets file, the local signer's protocol and the CSC
requests; the digest is always SHA-256."""

from __future__ import annotations

import hashlib

from . import SigningError

RSA_PKCS1, RSA_PSS = "rsa-pkcs1", "rsa-pss"
ALGORITHMS = (RSA_PKCS1, RSA_PSS)
DEFAULT = RSA_PKCS1
SALT_LENGTH = 32
# OIDs the CSC API names its algorithms by.
OIDS = {RSA_PKCS1: "1.2.840.113549.1.1.11", RSA_PSS: "1.2.840.113549.1.1.10"}
SHA256_OID = "2.16.840.1.101.3.4.2.1"
# DER prefix of a SHA-256 DigestInfo: what PKCS#1 v1.5 pads around the digest.
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def check(name: str) -> str:
    if name not in ALGORITHMS:
        raise SigningError(f"Thuật toán ký “{name}” không có; dùng {' hoặc '.join(ALGORITHMS)}.")
    return name


def mechanism(name: str):
    """pyHanko's (asn1crypto's) SignedDigestAlgorithm of ``name``."""
    from asn1crypto import algos

    if check(name) == RSA_PKCS1:
        return algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"})
    return algos.SignedDigestAlgorithm({"algorithm": "rsassa_pss", "parameters": algos.RSASSAPSSParams({
        "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
        "mask_gen_algorithm": algos.MaskGenAlgorithm({
            "algorithm": "mgf1", "parameters": algos.DigestAlgorithm({"algorithm": "sha256"})}),
        "salt_length": SALT_LENGTH, "trailer_field": "trailer_field_bc"})})


def of_mechanism(signature_algorithm) -> str | None:
    """The name of an asn1crypto SignedDigestAlgorithm, None when docgen does not sign with it."""
    name = signature_algorithm["algorithm"].native
    if name in ("sha256_rsa",):
        return RSA_PKCS1
    if name == "rsassa_pss":
        return RSA_PSS
    if name == "rsassa_pkcs1v15":
        return RSA_PKCS1
    return None


def _padding(name: str):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    if name == RSA_PKCS1:
        return padding.PKCS1v15()
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=SALT_LENGTH)


def sign_digest(private_key, digest: bytes, name: str) -> bytes:
    """A raw signature of the SHA-256 ``digest`` with ``private_key`` (cryptography's)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

    return private_key.sign(digest, _padding(check(name)), Prehashed(hashes.SHA256()))


def verifies(certificate_der: bytes, data: bytes, signature: bytes, name: str) -> bool:
    """Whether ``signature`` is ``name``'s signature of ``data`` by the
    certificate's key."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

    key = x509.load_der_x509_certificate(certificate_der).public_key()
    try:
        key.verify(signature, hashlib.sha256(data).digest(), _padding(check(name)),
                   Prehashed(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
