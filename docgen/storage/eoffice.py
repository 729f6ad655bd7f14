"""The office's e-office systems (VNPT iOffice, Viettel VOffice, a
province's own) as clients of docgen: each system is registered for one
unit with a token (shown once, kept as its SHA-256) and, optionally, a
webhook address with its own signing secret.

- **Pull**: a system asks for the unit's issued documents since a time
  (``documents_since``) and fetches each one's metadata, PDF and edXML
  (``get_document``); secret documents are never handed out. Every call is
  in the audit log under the system's id and name (``system:<id>:<name>``,
  ``audit_name``), with no user: its unit's administrator reads it.
- **Push**: issuing, recalling and replacing a document queue one delivery
  per system with a webhook (``enqueue``, in the same transaction as the
  event: a delivery exists exactly when the event happened), which
  ``docgen.jobs.webhooks`` sends, signed with HMAC-SHA256, retrying with
  growing waits (``RETRY_MINUTES``) until the system answers 2xx or the
  attempts run out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import os
import secrets
import urllib.parse
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit import audit, audit_name
from .errors import NotFound, UserError
from .models import ApiSystem, IssuedDocument, Unit, WebhookDelivery, utcnow

TOKEN_PREFIX = "dg_"
# Minutes to wait before each retry; after the last the delivery is given up.
RETRY_MINUTES = (1, 5, 15, 60, 180, 720)
# The pull list gives documents issued this long ago or more: longer than an
# issue takes from its time stamp to its commit (lock waits included).
SETTLE = dt.timedelta(seconds=60)
WEBHOOK_URL_LENGTH = 500  # ApiSystem.webhook_url
EVENTS = {"issue": "ban hành", "recall": "thu hồi", "replace": "thay thế"}


@dataclass(frozen=True)
class SystemActor:
    """What the register's functions need of whoever acts: a system of a
    unit, which never sees secret documents (``role`` is no user's)."""

    full_name: str
    unit_id: int
    role: str = "system"
    active: bool = True


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_system(session: Session, unit_name: str, name: str, *, webhook_url: str | None = None) -> tuple[ApiSystem, str]:
    """Register the system ``name`` for the unit; returns it and its token
    (and, with a webhook, its secret is ``system.webhook_secret``): the token
    is shown this once."""
    unit = session.scalar(select(Unit).where(Unit.name == " ".join(unit_name.split())))
    if unit is None:
        raise NotFound(f"Không có đơn vị “{unit_name}”.")
    name = " ".join((name or "").split())
    if not name or len(name) > 64:
        raise UserError("Tên hệ thống: cần một tên, tối đa 64 ký tự, vd. iOffice.")
    if session.scalar(select(ApiSystem).where(ApiSystem.unit_id == unit.id, ApiSystem.name == name)):
        raise UserError(f"{unit.name} đã có hệ thống “{name}”.")
    if webhook_url:
        check_webhook_url(webhook_url)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    system = ApiSystem(unit_id=unit.id, name=name, token_sha256=_digest(token), webhook_url=webhook_url or None,
                       webhook_secret=secrets.token_hex(32) if webhook_url else None, active=True)
    session.add(system)
    session.commit()
    return system, token


def local_allowed() -> bool:
    """Whether the operator lets webhooks go to this machine's own or
    link-local addresses (``DOCGEN_WEBHOOK_ALLOW_LOCAL=1``)."""
    return os.environ.get("DOCGEN_WEBHOOK_ALLOW_LOCAL", "").strip().lower() in ("1", "true", "yes")


def local_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, link-local (the cloud's metadata service at 169.254.169.254),
    unspecified, multicast or reserved: where a webhook must not reach a
    service of the server itself (also written as an IPv4-mapped IPv6)."""
    mapped = getattr(address, "ipv4_mapped", None)
    address = mapped or address
    return (address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast
            or address.is_reserved)


def check_webhook_url(url: str) -> None:
    """UserError unless ``url`` is http(s) with a host that is not named or
    written as a local address (``local_address``; ``localhost``) — unless
    ``local_allowed``. The address a name resolves to is checked again on
    every delivery (``docgen.jobs.webhooks``)."""
    try:
        parts = urllib.parse.urlsplit(url)
        scheme, host = parts.scheme, parts.hostname
        parts.port  # noqa: B018  (a port that is not a number is refused here)
    except ValueError:
        scheme = host = None
    if scheme not in ("https", "http") or not host:
        raise UserError("Địa chỉ webhook phải bắt đầu bằng https:// (hoặc http:// trong mạng nội bộ).")
    if len(url) > WEBHOOK_URL_LENGTH:
        raise UserError(f"Địa chỉ webhook dài {len(url)} ký tự, tối đa {WEBHOOK_URL_LENGTH}.")
    if local_allowed():
        return
    try:
        local = local_address(ipaddress.ip_address(host))
    except ValueError:
        local = host.rstrip(".").lower() == "localhost" or host.rstrip(".").lower().endswith(".localhost")
    if local:
        raise UserError(f"Địa chỉ webhook “{host}” là địa chỉ của chính máy chủ hoặc dịch vụ metadata: không "
                        "dùng được, trừ khi người vận hành đặt DOCGEN_WEBHOOK_ALLOW_LOCAL=1.")


def systems(session: Session) -> list[ApiSystem]:
    return list(session.scalars(select(ApiSystem).order_by(ApiSystem.unit_id, ApiSystem.name)))


def set_active(session: Session, system_id: int, active: bool) -> ApiSystem:
    system = session.get(ApiSystem, system_id)
    if system is None:
        raise NotFound(f"Không có hệ thống số {system_id}.")
    system.active = active
    session.commit()
    return system


def authenticate(session: Session, token: str | None) -> ApiSystem | None:
    """The active system whose token this is, else None."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    system = session.scalar(select(ApiSystem).where(ApiSystem.token_sha256 == _digest(token)))
    return system if system is not None and system.active else None


def actor(system: ApiSystem) -> SystemActor:
    return SystemActor(full_name=system.name, unit_id=system.unit_id)


def record(session: Session, system: ApiSystem, what: str, *, draft: int | None = None,
           ip: str | None = None) -> None:
    """The system's own audit entry (no user; the name ``audit_name``)."""
    audit(session, None, "api_pull", draft=draft, ip=ip, detail=what, username=audit_name(system))
    session.commit()


def documents_since(session: Session, system: ApiSystem, since: dt.datetime | None, *,
                    limit: int = 200, now: dt.datetime | None = None) -> list[IssuedDocument]:
    """The unit's issued documents issued after ``since`` (UTC, naive) and
    ``SETTLE`` or more before ``now``, oldest first, secret ones left out; at
    most ``limit`` (ask again from the last). The wait: on PostgreSQL, issues
    of different series run at once and commit in any order, so one stamped
    earlier may commit after a later one was listed; asked again from that
    later time, it would never be listed."""
    settled = (now or utcnow()) - SETTLE
    query = select(IssuedDocument).where(IssuedDocument.unit_id == system.unit_id,
                                         IssuedDocument.secret.is_(False),
                                         IssuedDocument.issued_at <= settled)
    if since is not None:
        query = query.where(IssuedDocument.issued_at > since)
    return list(session.scalars(query.order_by(IssuedDocument.issued_at, IssuedDocument.id).limit(limit)))


def get_document(session: Session, system: ApiSystem, entry_id: int) -> IssuedDocument:
    entry = session.get(IssuedDocument, entry_id) if 1 <= entry_id <= 2**31 - 1 else None
    if entry is None or entry.unit_id != system.unit_id or entry.secret:
        raise NotFound(f"Không có văn bản số {entry_id} của đơn vị.")
    return entry


# --- webhooks ------------------------------------------------------------------------


def event_payload(event: str, entry: IssuedDocument) -> dict:
    """What a webhook says: the event and the document in short (the system
    pulls the rest)."""
    payload = {"event": event, "document": {
        "id": entry.id, "number": entry.number_text, "issued_on": entry.issued_on.isoformat(),
        "subject": entry.subject, "type": entry.type_name, "unit_code": entry.unit.code if entry.unit else None}}
    if entry.replaces is not None:
        payload["document"]["replaces"] = {"id": entry.replaces.id, "number": entry.replaces.number_text}
    if entry.recall is not None:
        payload["document"]["recall"] = {"reason": entry.recall.reason,
                                         "at": entry.recall.recalled_at.replace(tzinfo=dt.UTC).isoformat()}
    return payload


def enqueue(session: Session, entry: IssuedDocument, event: str) -> list[WebhookDelivery]:
    """One delivery of ``event`` per active system of the unit with a
    webhook; added to the session (committed with the event). Secret
    documents are announced to nobody."""
    if entry.secret:
        return []
    queued = []
    for system in session.scalars(select(ApiSystem).where(ApiSystem.unit_id == entry.unit_id,
                                                          ApiSystem.active.is_(True),
                                                          ApiSystem.webhook_url.is_not(None))):
        delivery = WebhookDelivery(system_id=system.id, document_id=entry.id, event=event,
                                   payload=json.dumps(event_payload(event, entry), ensure_ascii=False),
                                   attempts=0, next_attempt_at=utcnow())
        session.add(delivery)
        queued.append(delivery)
    return queued


def due(session: Session, now: dt.datetime | None = None, limit: int = 50) -> list[WebhookDelivery]:
    """Deliveries to try now: not delivered, not given up, their time come."""
    now = now or utcnow()
    return list(session.scalars(select(WebhookDelivery).where(
        WebhookDelivery.delivered_at.is_(None), WebhookDelivery.next_attempt_at.is_not(None),
        WebhookDelivery.next_attempt_at <= now).order_by(WebhookDelivery.id).limit(limit)))


def attempted(session: Session, delivery: WebhookDelivery, error: str | None, now: dt.datetime | None = None) -> None:
    """Record one attempt: delivered (``error`` None), or the next try's
    time, or given up (``next_attempt_at`` None) after the last wait."""
    now = now or utcnow()
    delivery.attempts += 1
    if error is None:
        delivery.delivered_at, delivery.last_error, delivery.next_attempt_at = now, None, None
    else:
        delivery.last_error = error[:500]
        waits = RETRY_MINUTES
        delivery.next_attempt_at = (now + dt.timedelta(minutes=waits[delivery.attempts - 1])
                                    if delivery.attempts <= len(waits) else None)
    session.commit()
