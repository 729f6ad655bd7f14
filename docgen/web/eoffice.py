"""The pull API for the office's e-office systems (``docgen.storage.eoffice``):
a system with its token (``Authorization: Bearer dg_…``) lists its unit's
issued documents since a time and fetches each one's metadata (Decree 30,
Appendix VI), PDF (the newest: signed when signed) and edXML package.
Secret documents are never listed nor given. Every call is audited under
the system's name. No session, no cookies: answers are JSON (errors too)
and never cached.

    GET /eoffice/v1/documents.json?since=2026-12-01T00:00:00Z
    GET /eoffice/v1/documents/<id>.json        (one document, as in the list)
    GET /eoffice/v1/documents/<id>.pdf
    GET /eoffice/v1/documents/<id>.edxml       (new document, or replacement)
    GET /eoffice/v1/documents/<id>/revocation.edxml   (a recalled one)
    GET /eoffice/v1/documents/<id>.xml         (the metadata file)
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from flask import Blueprint, Response, abort, g, jsonify, request, url_for

from ..storage import eoffice
from ..storage.errors import NotFound, StateError
from .auth import client_ip
from .database import database

bp = Blueprint("eoffice", __name__, url_prefix="/eoffice/v1")
LIMIT = 200


def _error(status: int, message: str):
    response = jsonify(error=message)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="docgen-eoffice"'
    return response


@bp.before_request
def _system():
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    system = eoffice.authenticate(database(), token)
    if system is None:
        return _error(401, "Cần mã truy cập (token) hợp lệ của hệ thống: Authorization: Bearer dg_…")
    g.eoffice_system = system
    return None


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(NotFound)
def _not_found(error):
    return _error(404, error.message)


@bp.errorhandler(StateError)
def _state(error):
    return _error(409, error.message)


def _utc(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def _metadata(entry) -> dict | None:
    from ..metadata.xmp import page_count
    from ..storage.metadata import entry_metadata
    from ..storage.models import PDF_STEPS

    stored = next((entry.pdf(step) for step in reversed(PDF_STEPS) if entry.pdf(step) is not None), None)
    if stored is None:
        return None
    fields = dataclasses.asdict(entry_metadata(entry, page_count(stored.pdf)))
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in fields.items()}


def _document(entry) -> dict:
    metadata = _metadata(entry)
    files = {"metadata": url_for(".metadata_file", entry_id=entry.id, _external=True) if metadata else None,
             "pdf": url_for(".pdf", entry_id=entry.id, _external=True) if metadata else None,
             "edxml": url_for(".edxml", entry_id=entry.id, _external=True) if metadata else None,
             "revocation": url_for(".revocation", entry_id=entry.id, _external=True) if entry.recall else None}
    return {
        "id": entry.id, "number": entry.number_text, "symbol": entry.symbol, "issued_on": entry.issued_on.isoformat(),
        "issued_at": _utc(entry.issued_at), "type": entry.type_name, "subject": entry.subject,
        "signing_state": entry.signing_state,
        "replaces": entry.replaces.number_text if entry.replaces is not None else None,
        "recall": {"reason": entry.recall.reason, "at": _utc(entry.recall.recalled_at)} if entry.recall else None,
        "metadata": metadata, "files": files,
    }


def _since(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        abort(_error(400, f"since: “{text}” không phải thời điểm ISO 8601, vd. 2026-12-01T00:00:00Z."))
    if moment.tzinfo is None:
        abort(_error(400, "since: cần múi giờ, vd. 2026-12-01T00:00:00Z hoặc 2026-12-01T07:00:00+07:00."))
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


@bp.get("/documents.json")
def documents():
    """The unit's documents issued after ``since`` and at least
    ``eoffice.SETTLE`` ago (oldest first, at most 200: ask again with
    ``next_since``)."""
    system = g.eoffice_system
    since = _since(request.args.get("since"))
    rows = eoffice.documents_since(database(), system, since, limit=LIMIT)
    eoffice.record(database(), system, f"danh sách từ {request.args.get('since') or 'đầu'}: {len(rows)} văn bản",
                   ip=client_ip())
    return jsonify(unit={"name": system.unit.name, "code": system.unit.code},
                   documents=[_document(entry) for entry in rows],
                   next_since=_utc(rows[-1].issued_at) if rows else request.args.get("since"),
                   more=len(rows) == LIMIT)


def _entry(entry_id: int, what: str):
    system = g.eoffice_system
    entry = eoffice.get_document(database(), system, entry_id)
    eoffice.record(database(), system, f"{what} {entry.number_text}", draft=entry.draft_id, ip=client_ip())
    return entry


@bp.get("/documents/<id:entry_id>.json")
def document(entry_id: int):
    return jsonify(_document(_entry(entry_id, "văn bản")))


@bp.get("/documents/<id:entry_id>.pdf")
def pdf(entry_id: int):
    from ..storage.outgoing import newest_pdf

    stored = newest_pdf(_entry(entry_id, "PDF"))
    response = Response(stored.pdf, mimetype="application/pdf")
    response.headers["X-PDF-SHA256"] = stored.sha256
    return response


def _package(entry_id: int, revoke: bool):
    from ..edxml.writer import write
    from ..storage.outgoing import envelope_of, revocation_of

    entry = _entry(entry_id, "gói edXML thu hồi" if revoke else "gói edXML")
    system = eoffice.actor(g.eoffice_system)
    built = revocation_of(entry, system) if revoke else envelope_of(entry, system)
    return Response(write(built), mimetype="application/xml")


@bp.get("/documents/<id:entry_id>.edxml")
def edxml(entry_id: int):
    return _package(entry_id, revoke=False)


@bp.get("/documents/<id:entry_id>/revocation.edxml")
def revocation(entry_id: int):
    return _package(entry_id, revoke=True)


@bp.get("/documents/<id:entry_id>.xml")
def metadata_file(entry_id: int):
    from ..metadata.xml import to_xml
    from ..metadata.xmp import page_count
    from ..storage.metadata import entry_metadata
    from ..storage.outgoing import newest_pdf

    entry = _entry(entry_id, "siêu dữ liệu")
    return Response(to_xml(entry_metadata(entry, page_count(newest_pdf(entry).pdf))), mimetype="application/xml")
