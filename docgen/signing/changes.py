"""What a signed PDF may receive after a signature, and nothing more.

A signature covers the bytes of the revision it was made on. What is
appended afterwards (an incremental update) is not covered, yet a viewer
shows it as part of the page. pyHanko's standard policy lets through all it
classes as form filling, which includes a new, unsigned signature field
whose appearance paints a white box and other words over the page (the
"shadow field" attack). :data:`POLICY` allows after a signature only:

- later signatures: a new signature field signed in the same update, its
  widget (with the signature's own appearance) on a page's /Annots and the
  form's /Fields listing it; document timestamps are signatures too;
- the document security store (DSS and its VRI entries), which long-term
  validation adds;
- /ModDate and /Producer of the document information, which pyHanko
  updates with every signature;
- the file's structure (xref and object streams, the catalog's /Version
  and /Extensions).

Anything else is refused: a new field or annotation, an appearance stream,
a page's content or resources, the XMP metadata, the form's default
resources. The refusal is a :class:`RefusedChange` whose ``reason`` says in
Vietnamese what was changed and where (:func:`describe`).
"""

from __future__ import annotations

from pyhanko.pdf_utils import generic
from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification
from pyhanko.sign.diff_analysis.form_rules_api import FormUpdatingRule
from pyhanko.sign.diff_analysis.policies import StandardDiffPolicy
from pyhanko.sign.diff_analysis.rules.file_structure_rules import (
    CatalogModificationRule, ObjectStreamRule, XrefStreamRule,
)
from pyhanko.sign.diff_analysis.rules.form_field_rules import (
    DSSCompareRule, SigFieldCreationRule, SigFieldModificationRule,
)
from pyhanko.sign.diff_analysis.rules.metadata_rules import DocInfoRule

# The /SubFilter values pyHanko reads as signatures or document timestamps;
# a signature dictionary with another one is skipped by its reader, so it
# would never be verified.
SIGNATURE_FORMATS = {"/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161"}
INFO_KEYS_UPDATED_BY_SIGNING = {"/ModDate", "/Producer"}
UNEXPLAINED = "có thay đổi không phải chữ ký số, dữ liệu xác thực (DSS) hay dấu thời gian"


class RefusedChange(SuspiciousModification):
    """A change after a signature that docgen does not accept: ``reason``
    in Vietnamese; ``str()`` pyHanko's own finding, for the debug log."""

    def __init__(self, reason: str, finding: str = ""):
        super().__init__(finding or reason)
        self.reason = reason


class SignedFieldsOnly(SigFieldCreationRule):
    """A field added after a signature must be a signature field that is
    signed in the same update: pyHanko's rule alone also accepts an empty
    signature field with any appearance."""

    def apply(self, context):
        for name, spec in context.field_specs.items():
            if spec.old_field_ref is not None or spec.new_field_ref is None:
                continue
            field = spec.new_field
            if spec.field_type != "/Sig" or "/V" not in field:
                raise RefusedChange(describe(context.old, context.new))
            value = field["/V"]
            if not isinstance(value, generic.DictionaryObject) \
                    or _value(value, "/SubFilter") not in SIGNATURE_FORMATS:
                raise RefusedChange(f"trường chữ ký “{name}” được thêm sau khi ký chứa một "
                                    "chữ ký số không đọc được")
            if not _signs_own_revision(context.new.reader, field, name):
                raise RefusedChange(f"trường chữ ký “{name}” được thêm sau khi ký chứa một "
                                    "chữ ký số không ký chính lần cập nhật đã thêm nó")
        yield from super().apply(context)


def _signs_own_revision(reader, field, name: str) -> bool:
    """The signature in ``field`` covers the whole revision that added it,
    not an earlier one (a real signature copied into a new field would)."""
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        coverage = EmbeddedPdfSignature(reader, field, name).evaluate_signature_coverage()
    except Exception:
        return False
    return coverage >= SignatureCoverageLevel.ENTIRE_REVISION


class SigningDatesOnly(DocInfoRule):
    """The document information may change only where pyHanko writes it
    when it signs (the modification date, the producer)."""

    def apply(self, old, new):
        changed = sorted(key for key in _info(old).keys() | _info(new).keys()
                         if key not in INFO_KEYS_UPDATED_BY_SIGNING
                         and not _same(_info(old).get(key), _info(new).get(key)))
        if changed:
            raise RefusedChange("thông tin tài liệu (" + ", ".join(key[1:] for key in changed)
                                + ") bị sửa sau khi ký")
        yield from super().apply(old, new)


class StrictPolicy(StandardDiffPolicy):
    """pyHanko's policy with docgen's rules; every refusal becomes a
    :class:`RefusedChange` that says what changed."""

    def apply(self, old, new, field_mdp_spec=None, doc_mdp=None):
        try:
            return super().apply(old, new, field_mdp_spec, doc_mdp)
        except RefusedChange:
            raise
        except Exception as error:  # SuspiciousModification, or a structure it cannot read
            raise RefusedChange(describe(old, new), str(error)) from error


POLICY = StrictPolicy(
    global_rules=[
        CatalogModificationRule(ignored_keys=frozenset({"/AcroForm", "/DSS", "/Extensions",
                                                        "/Version"})),
        SigningDatesOnly().as_qualified(ModificationLevel.LTA_UPDATES),
        XrefStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        ObjectStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        DSSCompareRule().as_qualified(ModificationLevel.LTA_UPDATES),
    ],
    form_rule=FormUpdatingRule(field_rules=[SignedFieldsOnly(), SigFieldModificationRule()],
                               ignored_acroform_keys=frozenset({"/Fields"})),
)


# --- saying what changed --------------------------------------------------------


def describe(old, new) -> str:
    """What revision ``new`` changed since ``old`` that is not a signature,
    in Vietnamese ("thêm trường chữ ký “X” không có chữ ký số, trên trang
    1; sửa nội dung trang 2"); pyHanko's historical resolvers."""
    try:
        reasons = _reasons(old, new)
    except Exception:  # a structure too broken to walk: the refusal stands, unexplained
        reasons = []
    return "; ".join(reasons) or UNEXPLAINED


def _reasons(old, new) -> list[str]:
    reasons = []
    old_pages, new_pages = _pages(old), _pages(new)
    page_of = {ref: number for number, page in enumerate(new_pages, 1)
               for ref in _annot_refs(page)}
    old_fields = _fields(old)
    widgets = set()  # of every field: a new field's own reason names its page
    for name, (ref, field) in _fields(new).items():
        own = _widget_refs(ref, field)
        widgets |= own
        if name in old_fields:
            continue
        where = sorted({page_of[widget] for widget in own if widget in page_of})
        on = f", trên trang {', '.join(map(str, where))}" if where else ""
        if field.get("/FT") != "/Sig":
            reasons.append(f"thêm trường biểu mẫu “{name}”{on}")
        elif "/V" not in field:
            reasons.append(f"thêm trường chữ ký “{name}” không có chữ ký số{on}")
    if len(old_pages) != len(new_pages):
        reasons.append(f"số trang đổi từ {len(old_pages)} thành {len(new_pages)}")
    for number, (before, after) in enumerate(zip(old_pages, new_pages), 1):
        if _content(before) != _content(after):
            reasons.append(f"sửa nội dung trang {number}")
        if not _same(before.get("/Resources"), after.get("/Resources")):
            reasons.append(f"sửa tài nguyên (phông chữ, hình) của trang {number}")
        if _annot_refs(after) - _annot_refs(before) - widgets:
            reasons.append(f"thêm chú thích (annotation) trên trang {number}")
        others = (before.keys() | after.keys()) - {"/Annots", "/Contents", "/Resources", "/Parent"}
        if any(not _same(before.get(key), after.get(key)) for key in others):
            reasons.append(f"sửa thuộc tính trang {number}")
    return reasons


def _value(dictionary, key: str, default=None):
    """``dictionary[key]`` followed if it is a reference (pyHanko's ``get``
    does not follow one)."""
    value = dictionary.get(key, default)
    return value.get_object() if isinstance(value, generic.IndirectObject) else value


def _info(resolver) -> generic.DictionaryObject:
    info = resolver.trailer_view.get("/Info")
    if isinstance(info, generic.IndirectObject):
        info = resolver(info.reference)  # the trailer's references follow the newest revision
    return info if isinstance(info, generic.DictionaryObject) else generic.DictionaryObject()


def _pages(resolver) -> list[generic.DictionaryObject]:
    pages, stack, seen = [], [resolver.root["/Pages"]], 0
    while stack and seen < 100_000:
        node, seen = stack.pop(), seen + 1
        if node.get("/Type") == "/Pages":
            stack.extend(reversed([kid.get_object() for kid in _value(node, "/Kids", ())]))
        else:
            pages.append(node)
    return pages


def _annot_refs(page) -> set:
    return {annot.reference for annot in _value(page, "/Annots", ())
            if isinstance(annot, generic.IndirectObject)}


def _fields(resolver) -> dict:
    """Fully qualified field name -> (reference, field dictionary)."""
    form = _value(resolver.root, "/AcroForm")
    found = {}

    def walk(refs, prefix, depth):
        for item in refs:
            if not isinstance(item, generic.IndirectObject) or depth > 20:
                continue
            field = item.get_object()
            if "/T" not in field:
                continue
            name = f"{prefix}.{field['/T']}" if prefix else str(field["/T"])
            found[name] = (item.reference, field)
            walk(_value(field, "/Kids", ()), name, depth + 1)

    if isinstance(form, generic.DictionaryObject):
        walk(_value(form, "/Fields", ()), "", 0)
    return found


def _widget_refs(ref, field) -> set:
    kids = [kid for kid in _value(field, "/Kids", ()) if isinstance(kid, generic.IndirectObject)]
    if not kids:
        return {ref}
    return {kid.reference for kid in kids if "/T" not in kid.get_object()}


def _content(page) -> bytes:
    contents = _value(page, "/Contents")
    streams = contents if isinstance(contents, generic.ArrayObject) else [contents]
    data = []
    for stream in streams:
        if isinstance(stream, generic.IndirectObject):
            stream = stream.get_object()
        if isinstance(stream, generic.StreamObject):
            data.append(stream.data)
    return b"\n".join(data)


def _same(one, other, depth: int = 0) -> bool:
    """The same PDF value, following references (streams by their bytes)."""
    if depth > 12:
        return True  # deep enough for a description: the policy has refused already
    if isinstance(one, generic.IndirectObject):
        one = one.get_object()
    if isinstance(other, generic.IndirectObject):
        other = other.get_object()
    if isinstance(one, generic.StreamObject) != isinstance(other, generic.StreamObject):
        return False
    if isinstance(one, generic.StreamObject) and one.encoded_data != other.encoded_data:
        return False
    if isinstance(one, generic.DictionaryObject) and isinstance(other, generic.DictionaryObject):
        return one.keys() == other.keys() and all(
            _same(one.raw_get(key), other.raw_get(key), depth + 1) for key in one)
    if isinstance(one, generic.ArrayObject) and isinstance(other, generic.ArrayObject):
        return len(one) == len(other) and all(_same(a, b, depth + 1) for a, b in zip(one, other))
    return one == other
