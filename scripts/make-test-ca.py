#!/usr/bin/env python3
"""A throwaway test CA for docgen's digital signatures (tests and the demo):
a root certificate and its key, a PKCS#12 file for each demo signer and
each demo unit, their signature and seal images, and the secrets file
pointing at them (docgen.signing.demo_ca). Accounts and units made later
get theirs from `docgen signing demo-identity` (or `docgen users add`).

    python scripts/make-test-ca.py instance/signing
    export DOCGEN_SIGNING_SECRETS=instance/signing/signing.toml

NOT for real documents: the CA's key and the passphrases lie in the folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from docgen.signing import SigningError
from docgen.signing.demo_ca import make


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
    try:
        secrets = make(args.folder, valid_from=args.valid_from, valid_until=args.valid_until,
                       expired=tuple(args.expired))
    except SigningError as error:
        sys.exit(f"make-test-ca: {error}")
    print(f"export DOCGEN_SIGNING_SECRETS={secrets.resolve()}")


if __name__ == "__main__":
    main()
