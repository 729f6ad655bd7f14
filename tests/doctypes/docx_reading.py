"""What a rendered .docx says, read with python-docx (not with docgen's own reader)."""

from __future__ import annotations

import io

import docx


def word_document(data: bytes):
    return docx.Document(io.BytesIO(data))


def all_paragraphs(data: bytes) -> list:
    """Body paragraphs, then the paragraphs of every table cell."""
    document = word_document(data)
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def texts(data: bytes) -> list[str]:
    return [p.text.strip() for p in all_paragraphs(data) if p.text.strip()]


def paragraph(data: bytes, text: str):
    return next(p for p in all_paragraphs(data) if p.text.strip() == text)
