#!/usr/bin/env python3
"""A throwaway test CA for docgen's digital signatures (tests and the demo):
a root certificate, a PKCS#12 file for each demo signer and each demo unit,
their signature (blue scribble with the name) and seal (red round seal with
the unit's name) as transparent PNGs, and the secrets file pointing at them.

    python scripts/make-test-ca.py instance/signing
    export DOCGEN_SIGNING_SECRETS=instance/signing/signing.toml

NOT for real documents: the passphrases are written in the secrets file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import unicodedata
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw, ImageFont

# login -> full name; unit names (the demo's and the tests' accounts, README).
USERS = {
    "chau": "Lê Minh Châu",       # signing officer, UBND xã Lộc Tấn
    "giang": "Đỗ Giang",          # signing officer, UBND xã Lộc Hòa
    "long": "Trương Hải Long",    # the signer of sample 002
}
UNITS = ["UBND xã Lộc Tấn", "UBND xã Lộc Hòa", "UBND tỉnh Gia Lai"]
UNIT_NAMES = {  # the organisation's name as its signature shows it
    "UBND xã Lộc Tấn": "Ủy ban nhân dân xã Lộc Tấn",
    "UBND xã Lộc Hòa": "Ủy ban nhân dân xã Lộc Hòa",
    "UBND tỉnh Gia Lai": "Ủy ban nhân dân tỉnh Gia Lai",
}
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
BLUE, RED = (20, 40, 160, 255), (220, 20, 30, 255)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def name(common_name: str, unit: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, unit or "docgen test CA"),
             x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    return x509.Name(parts)


def validity(valid_from: dt.date | None, valid_until: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    """The window every certificate but an expired one is valid in. The tests
    pass a fixed window around their fixed signing moments, so they pass
    whatever day they run on (and under faketime a year either way)."""
    now = dt.datetime.now(dt.timezone.utc)
    start = (dt.datetime.combine(valid_from, dt.time(), dt.timezone.utc) if valid_from
             else now - dt.timedelta(days=1))
    end = (dt.datetime.combine(valid_until, dt.time(), dt.timezone.utc) if valid_until
           else now + dt.timedelta(days=730))
    if end <= start + dt.timedelta(days=400):
        raise SystemExit("make-test-ca: --valid-until must be more than 400 days after --valid-from")
    return start, end


def make_ca(start: dt.datetime, end: dt.datetime):
    ca_key = key()
    subject = name("docgen test CA (KHÔNG DÙNG THẬT)")
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start - dt.timedelta(days=400)).not_valid_after(end + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return ca_key, cert


def make_leaf(ca_key, ca_cert, common_name: str, unit: str | None, start: dt.datetime,
              end: dt.datetime):
    leaf_key = key()
    cert = (x509.CertificateBuilder().subject_name(name(common_name, unit))
            .issuer_name(ca_cert.subject).public_key(leaf_key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    return leaf_key, cert


def write_p12(path: Path, label: str, leaf_key, cert, ca_cert, passphrase: str) -> None:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        label.encode(), leaf_key, cert, [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode())))


def signature_png(path: Path, full_name: str, seed: int) -> None:
    """A blue scribble over the signer's name, on a transparent background."""
    rng = random.Random(seed)
    width, height = 720, 360
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(140):
        t = step / 139
        x = 60 + t * (width - 120)
        y = height * 0.45 + math.sin(t * 9 + rng.random()) * 70 * (1 - t * 0.5) + rng.uniform(-12, 12)
        points.append((x, y))
    draw.line(points, fill=BLUE, width=9, joint="curve")
    draw.line([(90, height * 0.72), (width - 70, height * 0.6)], fill=BLUE, width=6)
    font = ImageFont.truetype(FONT, 54)
    text_w = draw.textlength(full_name, font=font)
    draw.text(((width - text_w) / 2, height - 88), full_name, font=font, fill=BLUE)
    image.save(path)


def seal_png(path: Path, unit: str) -> None:
    """A red round seal with the unit's name around it and a star in the middle."""
    size = 900  # 38 mm at 600 dpi
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    draw.ellipse((12, 12, size - 12, size - 12), outline=RED, width=22)
    draw.ellipse((150, 150, size - 150, size - 150), outline=RED, width=10)
    star = [(centre + r * math.sin(a), centre - r * math.cos(a))
            for k in range(10) for a, r in [(k * math.pi / 5, 110 if k % 2 == 0 else 44)]]
    draw.polygon(star, fill=RED)
    font = ImageFont.truetype(BOLD, 74)
    text = unit.upper()
    # Letters around the ring, each drawn upright on its own and rotated into place.
    sweep = min(1.9 * math.pi, len(text) * 0.2)
    for index, letter in enumerate(text):
        angle = -sweep / 2 + sweep * (index + 0.5) / len(text)
        box = font.getbbox(letter)
        tile = Image.new("RGBA", (120, 120), (255, 255, 255, 0))
        ImageDraw.Draw(tile).text((60 - (box[2] - box[0]) / 2 - box[0], 60 - 50), letter,
                                  font=font, fill=RED)
        tile = tile.rotate(-math.degrees(angle), resample=Image.BICUBIC)
        radius = centre - 85
        x = centre + radius * math.sin(angle) - 60
        y = centre - radius * math.cos(angle) - 60
        image.alpha_composite(tile, (round(x), round(y)))
    image.save(path)


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write (created)")
    parser.add_argument("--expired", action="append", default=[], metavar="LOGIN",
                        help="also make an account LOGIN whose certificate has expired (tests)")
    parser.add_argument("--valid-from", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="certificates valid from this day (default: yesterday)")
    parser.add_argument("--valid-until", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="certificates valid until this day (default: in two years)")
    args = parser.parse_args()
    folder: Path = args.folder
    (folder / "users").mkdir(parents=True, exist_ok=True)
    (folder / "units").mkdir(parents=True, exist_ok=True)
    start, end = validity(args.valid_from, args.valid_until)
    ca_key, ca_cert = make_ca(start, end)
    (folder / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    lines = ["# docgen test CA: throwaway certificates, NOT for real documents.",
             'trusted = ["ca.pem"]', ""]
    people = dict(USERS) | {login: f"Hết Hạn {login}" for login in args.expired}
    for seed, (login, full_name) in enumerate(people.items()):
        expired = login in args.expired
        # An expired certificate ended before the window opened.
        leaf_start = start - dt.timedelta(days=400) if expired else start
        leaf_end = start - dt.timedelta(days=30) if expired else end
        leaf_key, cert = make_leaf(ca_key, ca_cert, full_name, None, leaf_start, leaf_end)
        passphrase = f"mk-{login}-{seed}"
        write_p12(folder / "users" / f"{login}.p12", login, leaf_key, cert, ca_cert, passphrase)
        signature_png(folder / "users" / f"{login}-chu-ky.png", full_name, seed)
        lines += [f"[users.{toml_string(login)}]", f'name = {toml_string(full_name)}',
                  f'p12 = "users/{login}.p12"', f'passphrase = "{passphrase}"',
                  f'image = "users/{login}-chu-ky.png"', ""]
    for unit in UNITS:
        stem = slug(unit)
        full = UNIT_NAMES[unit]
        leaf_key, cert = make_leaf(ca_key, ca_cert, full, full, start, end)
        passphrase = f"mk-{stem}"
        write_p12(folder / "units" / f"{stem}.p12", stem, leaf_key, cert, ca_cert, passphrase)
        seal_png(folder / "units" / f"{stem}-dau.png", full.replace("Ủy ban nhân dân", "UBND"))
        lines += [f"[units.{toml_string(unit)}]", f"name = {toml_string(full)}",
                  f'p12 = "units/{stem}.p12"', f'passphrase = "{passphrase}"',
                  f'image = "units/{stem}-dau.png"', ""]
    (folder / "signing.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"export DOCGEN_SIGNING_SECRETS={(folder / 'signing.toml').resolve()}")


if __name__ == "__main__":
    main()
