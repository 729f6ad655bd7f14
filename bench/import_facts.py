"""How right `docgen import` is on documents shaped like the ones offices
really send: the test corpus of tests/importing/corpus (made-up texts as web
pages and PDFs flatten them, Word files typed as offices type them), each
with the facts it must give: issuer, number, symbol, place, date, type,
subject, sections (their titles), signer, recipients.

Prints one line per document and the totals: the share of facts right,
the documents refused, and the facts that came out wrong without a warning
on their field (the ones a clerk would trust). A fact left empty ("…") is
not right but not wrong either. With ``--checks``, also the `docgen check`
findings on the corpus's Word files and tests/importing/foreign.py's that
are not among the deviations each file lists (false alarms).

    python bench/import_facts.py                 # this checkout
    python bench/import_facts.py --code /work/main   # another checkout's docgen, same corpus
    python bench/import_facts.py --no-libreoffice --checks -v
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The field paths of the warnings that speak of each fact.
FACT_PATHS = {
    "issuer": ("header.issuing_body", "header.parent_body", "header.issuer_name"),
    "number": ("header.number", "reference"),
    "symbol": ("header.symbol", "reference", "type"),
    "place": ("header.place",),
    "date": ("header.date", "reference"),
    "type": ("type",),
    "subject": ("subject",),
    "sections": ("sections",),
    "signer": ("signer",),
    "recipients": ("recipients", "archive"),
}
EMPTY = {None, "", "…", "...", "…/…"}


def _text(value) -> str:
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"\*+", "", text).replace("\\", "")
    return " ".join(text.split()).strip().rstrip(".").strip()


def same(expected, found) -> bool:
    from docgen.vietnamese import vn

    if isinstance(expected, dict):
        return isinstance(found, dict) and all(same(v, found.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(found, list) and len(expected) == len(found) and all(
            same(a, b) for a, b in zip(expected, found))
    if expected is None or isinstance(expected, int):
        return expected == found
    if isinstance(found, (list, dict)):
        return False
    return found is not None and vn.same_text(_text(expected), _text(found), casefold=True)


def found_facts(result, expected: dict) -> dict:
    """The facts an import gave: from its plan, or from its data when a
    field was left to fill (no plan)."""
    data = result.data if result.plan is None else result.plan.model_dump(mode="json", exclude_none=True)
    header = data.get("header", {})
    date = header.get("date") or {}
    facts = {
        "issuer": {"parent": header.get("parent_body"), "body": " ".join(header.get("issuing_body") or [])},
        "number": header.get("number"), "symbol": header.get("symbol"), "place": header.get("place"),
        "date": [date.get("year"), date.get("month"), date.get("day")] if date else None,
        "type": data.get("type", "ke_hoach"), "subject": data.get("subject"),
        "sections": [section.get("title") for section in data.get("sections", [])],
        "signer": data.get("signer", {}),
        "recipients": [r["name"] + (f" ({r['purpose']})" if r.get("purpose") else "") for r in data.get("recipients", [])],
    }
    attached = data.get("attached")
    if expected.get("issued_by_decision") and attached:
        # the decision imported with the text it issues attached (a type docgen writes): the plan's facts are
        # that text's, the header's, signer's and recipients' the decision's
        facts.update(type=attached.get("type"), subject=attached.get("subject"),
                     sections=[section.get("title") for section in attached.get("sections", [])])
    reference = data.get("reference")
    if expected.get("issued_by_decision") and reference and header.get("number") is None:
        ref_date = reference.get("date", {})
        facts.update(number=reference.get("number"), symbol=reference.get("symbol"),
                     date=[ref_date.get("year"), ref_date.get("month"), ref_date.get("day")])
    return facts


def empty(value) -> bool:
    if isinstance(value, dict):
        return all(empty(v) for v in value.values())
    if isinstance(value, list):
        return not value or all(empty(v) for v in value)
    return value in EMPTY


def score(document, import_bytes, refused_type, incomplete: bool = True) -> dict:
    """One document's facts: right, wrong (with a warning on the field, or
    silent), left empty; or its refusal. ``incomplete``: as `docgen import`
    reads it (a field nothing states is left to fill, the file is written);
    False for an importer without that option (an older checkout)."""
    expected = {k: v for k, v in document.facts.items() if k in FACT_PATHS}
    try:
        result = import_bytes(document.data(), document.filename, **({"incomplete": True} if incomplete else {}))
    except refused_type as error:
        return {"refused": str(error), "right": 0, "total": len(expected), "wrong": [], "silent": [], "empty": []}
    found = found_facts(result, document.facts)
    paths = [w.path or "" for w in result.warnings]
    paths += [path.removeprefix("attached.") for path in paths if path.startswith("attached.")]
    right, wrong, silent, missing = 0, [], [], []
    for fact, value in expected.items():
        if same(value, found[fact]):
            right += 1
        elif empty(found[fact]):
            missing.append(fact)
        else:
            warned = any(p.startswith(FACT_PATHS[fact]) for p in paths)
            (wrong if warned else silent).append((fact, value, found[fact]))
    return {"refused": None, "right": right, "total": len(expected), "wrong": wrong, "silent": silent,
            "empty": missing}


def false_findings(documents, deviations_of) -> list[tuple[str, str]]:
    from docgen.checks import check_docx

    out = []
    for name, data in documents:
        allowed = deviations_of(name)
        for finding in check_docx(data):
            if finding.code not in allowed:
                out.append((name, f"{finding.code}: {finding.message}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, help="the checkout whose docgen to score (default: this one)")
    parser.add_argument("--no-libreoffice", action="store_true", help="leave out the files LibreOffice makes")
    parser.add_argument("--checks", action="store_true", help="also count docgen check's false alarms")
    parser.add_argument("-v", action="store_true", help="show every wrong or missing fact")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import tests.importing  # noqa: F401  (this checkout's corpus, whichever docgen is scored)

    if options.code:
        sys.path.insert(0, str(options.code.resolve()))
    import docgen
    from docgen.importing.importer import import_bytes
    from docgen.importing.parse import ImportRefused

    from tests.importing import foreign
    from tests.importing.corpus import DOCUMENTS, FOREIGN_DEVIATIONS

    print(f"docgen from {Path(docgen.__file__).resolve().parent}")
    documents = [d for d in DOCUMENTS if not (d.needs_libreoffice and (options.no_libreoffice
                                                                       or not foreign.libreoffice_available()))]
    right = total = refused = silent = wrong = missing = 0
    for document in documents:
        outcome = score(document, import_bytes, ImportRefused, "incomplete" in import_bytes.__code__.co_varnames)
        right += outcome["right"]
        total += outcome["total"]
        refused += bool(outcome["refused"])
        silent += len(outcome["silent"])
        wrong += len(outcome["wrong"])
        missing += len(outcome["empty"])
        state = f"REFUSED {outcome['refused'][:70]}" if outcome["refused"] else (
            f"{outcome['right']}/{outcome['total']}" + (f"  wrong: {', '.join(f for f, *_ in outcome['wrong'])}"
                                                        if outcome["wrong"] else "")
            + (f"  SILENT: {', '.join(f for f, *_ in outcome['silent'])}" if outcome["silent"] else "")
            + (f"  empty: {', '.join(outcome['empty'])}" if outcome["empty"] else ""))
        print(f"{document.name:42} {document.kind:5} {state}")
        if options.v:
            for fact, value, found in outcome["wrong"] + outcome["silent"]:
                print(f"    {fact}: expected {value!r}\n    {' ' * len(fact)}  found    {found!r}")
    print(f"\n{len(documents)} documents ({sum(d.kind == 'text' for d in documents)} texts, "
          f"{sum(d.kind == 'docx' for d in documents)} Word files), {total} facts")
    print(f"facts right: {right}/{total} = {100 * right / total:.1f} %")
    print(f"refused: {refused}; wrong with a warning: {wrong}; wrong without a warning: {silent}; "
          f"left empty: {missing}")
    if options.checks:
        word = [(d.name, d.data()) for d in documents if d.kind == "docx"]
        word += [(f"foreign.{name}", build()) for name, build in foreign.BUILDERS.items()
                 if name not in foreign.NEEDS_LIBREOFFICE or (foreign.libreoffice_available()
                                                              and not options.no_libreoffice)]
        deviations = {d.name: d.deviations for d in documents} | {
            f"foreign.{k}": v for k, v in FOREIGN_DEVIATIONS.items()}
        found = false_findings(word, lambda name: deviations.get(name, frozenset()))
        print(f"\ndocgen check on {len(word)} Word files: {len(found)} findings that are not real deviations")
        for name, line in found:
            print(f"    {name}: {line[:110]}")


if __name__ == "__main__":
    main()
