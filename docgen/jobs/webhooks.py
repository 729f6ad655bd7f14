"""Sending the e-office webhooks queued by ``docgen.storage.eoffice``:
``send_due`` posts each delivery whose time has come and records the
attempt (``docgen webhooks send``, from cron or a systemd timer every
minute; ``--loop`` keeps running).

The request: ``POST`` the delivery's JSON body to the system's address with
``Content-Type: application/json``, ``X-Docgen-Event`` (issue, recall,
replace), ``X-Docgen-Delivery`` (its id: the same on every retry, so the
receiver can ignore a repeat), ``X-Docgen-Timestamp`` (Unix seconds) and
``X-Docgen-Signature: sha256=<hex>``, the HMAC-SHA256 of
``<timestamp>.<body>`` under the system's webhook secret. A 2xx answer is
delivered; anything else, a time-out (``TIMEOUT`` seconds) or a refused
connection is tried again after 1, 5, 15, 60, 180 and 720 minutes, then
given up (``docgen webhooks list`` shows it)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import time
import urllib.error
import urllib.request
from typing import Callable

from sqlalchemy.orm import Session

from ..storage import eoffice
from ..storage.models import WebhookDelivery

TIMEOUT = 10.0


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex>``: what the receiver recomputes to trust the body."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST ``body``; the HTTP status (an error status too)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the admin's address)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def send_one(delivery: WebhookDelivery, *, sender: Callable[[str, bytes, dict], int] = post,
             now: float | None = None) -> str | None:
    """Post one delivery; None when delivered, else what went wrong."""
    system = delivery.system
    body = delivery.payload.encode("utf-8")
    timestamp = int(now if now is not None else time.time())
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "docgen-webhooks",
               "X-Docgen-Event": delivery.event, "X-Docgen-Delivery": str(delivery.id),
               "X-Docgen-Timestamp": str(timestamp),
               "X-Docgen-Signature": signature(system.webhook_secret or "", timestamp, body)}
    if not system.active or not system.webhook_url:
        return "hệ thống đã bị tắt hoặc không còn địa chỉ webhook"
    try:
        status = sender(system.webhook_url, body, headers)
    except (OSError, ValueError, http.client.HTTPException) as error:
        # refused, unreachable, timed out, a bad address, an answer that is not HTTP
        return f"không gửi được: {error.__class__.__name__}: {error}"
    return None if 200 <= status < 300 else f"HTTP {status}"


def send_due(session: Session, *, sender: Callable[[str, bytes, dict], int] = post) -> tuple[int, int]:
    """Send every delivery due now; (delivered, failed)."""
    delivered = failed = 0
    for delivery in eoffice.due(session):
        error = send_one(delivery, sender=sender)
        eoffice.attempted(session, delivery, error)
        delivered, failed = (delivered + 1, failed) if error is None else (delivered, failed + 1)
    return delivered, failed
