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
given up (``docgen webhooks list`` shows it).

What the sender will not do, whatever the address says: follow a redirect
(a 3xx answer is a failed attempt), use a proxy from the environment, wait
more than ``TIMEOUT`` seconds in all for one answer (a receiver that
trickles its answer is cut off), or connect to a loopback, link-local (the
cloud's metadata service, 169.254.169.254), unspecified or multicast address
(``eoffice.local_address``), checked on the address the name resolves to
when connecting, unless the operator sets ``DOCGEN_WEBHOOK_ALLOW_LOCAL=1``
(a receiver on the same machine). Addresses of the office's own network
(10.x, 172.16-31.x, 192.168.x) are allowed: the e-office is often there."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from typing import Callable

from sqlalchemy.orm import Session

from ..storage import eoffice
from ..storage.models import WebhookDelivery

TIMEOUT = 10.0


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex>``: what the receiver recomputes to trust the body."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float = TIMEOUT,
         allow_local: bool | None = None) -> int:
    """POST ``body``; the HTTP status (an error status too, a redirect's
    too: it is not followed). OSError when no answer came in ``timeout``
    seconds in all, ValueError for an address refused (``allow_local``:
    default ``DOCGEN_WEBHOOK_ALLOW_LOCAL``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"địa chỉ webhook “{url}” không phải http(s)://")
    allow = eoffice.local_allowed() if allow_local is None else allow_local
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname  # an IPv6 address
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(host, parts.port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    connection._create_connection = lambda address, wait, source=None: _connect(address, wait, allow)
    expired = threading.Event()

    def cut_off():  # the whole exchange took too long: close the socket under it
        expired.set()
        if connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    deadline = threading.Timer(timeout, cut_off)
    deadline.daemon = True
    deadline.start()
    try:
        connection.request("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                           body=body, headers=headers)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set():
            raise TimeoutError(f"không có trả lời đủ trong {timeout:g} giây") from error
        raise
    finally:
        deadline.cancel()
        connection.close()


def _connect(address: tuple[str, int], timeout: float, allow_local: bool) -> socket.socket:
    """A connection to one of the addresses ``address``'s name resolves to
    that is not refused (``eoffice.local_address``, unless ``allow_local``)."""
    host, port = address
    error: Exception = OSError(f"không tìm được địa chỉ của {host}")
    for family, kind, proto, _, where in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        if not allow_local and eoffice.local_address(ipaddress.ip_address(where[0].split("%")[0])):
            error = ValueError(f"không gửi webhook tới địa chỉ {where[0]} ({host}): địa chỉ nội bộ của máy "
                               "hoặc dịch vụ metadata; đặt DOCGEN_WEBHOOK_ALLOW_LOCAL=1 nếu thật sự cần")
            continue
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(where)
            return sock
        except OSError as failed:
            sock.close()
            error = failed
    raise error


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
