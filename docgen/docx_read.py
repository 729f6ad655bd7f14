"""Kept only so that code written before the reader of Word content still
imports: everything here is :mod:`docgen.word`'s. New code imports
``docgen.word``."""

from .word import document_text, malformed_parts, paragraphs, xml_parts  # noqa: F401
