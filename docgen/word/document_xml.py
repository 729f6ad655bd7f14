"""The rendered Word body written as lxml writes it, without parsing it.

:class:`~docgen.document.render.CompiledTemplate` renders the body with Jinja, then
lxml parsed and wrote it again, to move the last section's properties into
the body (:func:`docgen.document.render._fold_final_section`). For a 46 KB plan that
round trip was a fifth of a batch unit's time, and what it changes is known:
the template's source was itself written by lxml, Jinja only puts in text
escaped by markupsafe (or runs made by ``context.runs``, escaped the same
way) and numbers in attributes. So the round trip only

- writes an element left empty, ``<w:t xml:space="preserve"></w:t>``, as
  ``<w:t xml:space="preserve"/>`` (only elements whose start tag the source
  follows with a Jinja tag can be left empty);
- writes the quotes markupsafe escaped in text (``&#34;``, ``&#39;``) as
  plain ``"`` and ``'``;
- folds the final section: the last paragraph, without text and with
  ``<w:pPr>…<w:sectPr>…</w:sectPr></w:pPr>``, gives its ``w:sectPr`` to the
  body in place of the body's own.

:class:`BodyWriter` does that with byte operations and answers None for
anything else (a character reference, a comment, a carriage return, a
control character, a final section laid out otherwise…), where the caller
takes the lxml round trip: the same bytes either way
(``tests/test_document_xml.py`` compares both on every sample and seed, both
batch examples, drafts and random text).
"""

from __future__ import annotations

import re

_CONTROLS = bytes([*range(0, 9), 11, 12, *range(14, 32), 13])
_ESCAPES = (b"&amp;", b"&lt;", b"&gt;", b"&#34;", b"&#39;")
_QUOTES = re.compile(rb"&#3([49]);")
_TEXT = re.compile(rb"<w:t[\s/>]")
_BODY_END = re.compile(rb"<w:sectPr[\s>](?:(?!</w:body>).)*</w:sectPr></w:body>\Z", re.S)
_PARAGRAPH_SECTION = re.compile(
    rb"<w:p(?:\s[^<>]*)?><w:pPr(?:\s[^<>]*)?>(?:(?!<w:sectPr|</w:pPr>).)*"
    rb"(?P<sect><w:sectPr[\s>](?:(?!<w:sectPr|</w:sectPr>).)*</w:sectPr>)</w:pPr>(?:(?!<w:p[\s>]).)*</w:p>\Z",
    re.S,
)
# In the template's source: a start tag followed by a Jinja tag (its element
# may be left empty), or an element already empty. No other element can end
# up empty: what Jinja puts in (``context.runs``) never holds one.
_MAY_BE_EMPTY = re.compile(r"(<([A-Za-z_][\w.\-:]*)(?:\s[^<>]*)?>)(?:\{|</\2>)")


class BodyWriter:
    """Writes bodies rendered from one template's ``source`` (the Jinja
    source of ``<w:body>``)."""

    def __init__(self, source: str) -> None:
        # A comment, CDATA or processing instruction can only come from the
        # source (Jinja's text is escaped): then every body takes lxml.
        self._usable = "<!" not in source and "<?" not in source
        starts = sorted(set(_MAY_BE_EMPTY.findall(source)))
        self._empty = [((start + f"</{name}>").encode(), (start[:-1] + "/>").encode())
                       for start, name in starts]

    def write(self, rendered: str) -> bytes | None:
        """``rendered`` as ``etree.tostring(…, encoding="unicode")`` writes
        it after the final section is folded, UTF-8 encoded; None when it
        holds something this does not handle."""
        if not self._usable or "\ufffe" in rendered or "\uffff" in rendered:
            return None
        try:
            body = rendered.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: lxml refuses it too
            return None
        if (len(body.translate(None, _CONTROLS)) != len(body)
                or (b"&" in body and body.count(b"&") != sum(body.count(escape) for escape in _ESCAPES))):
            return None
        body = self._fold(body)
        if body is None:
            return None
        for empty, closed in self._empty:
            body = body.replace(empty, closed)
        if b"&#3" in body:
            body = _QUOTES.sub(lambda m: b'"' if m[1] == b"4" else b"'", body)
        return body

    @staticmethod
    def _fold(body: bytes) -> bytes | None:
        """The final section folded as ``render._fold_final_section`` does;
        None when unsure."""
        final = body.rfind(b"<w:sectPr")
        end = _BODY_END.match(body, final) if final >= 0 else None
        if end is None:
            return None
        if not body.endswith(b"</w:p>", 0, final):
            return body if body.endswith(b">", 0, final) else None  # a table last: nothing to fold
        start = max(body.rfind(b"<w:p>", 0, final), body.rfind(b"<w:p ", 0, final))
        if start < 0 or body.count(b"</w:p>", start, final) != 1:
            return None
        if body.find(b"<w:sectPr", start, final) < 0:
            return body  # the last paragraph ends no section
        last = _PARAGRAPH_SECTION.match(body, start, final)
        if last is None:
            return None
        if _TEXT.search(body, start, final):
            return body  # a paragraph with text keeps its section
        return body[:start] + last["sect"] + body[end.end() - len(b"</w:body>"):]
