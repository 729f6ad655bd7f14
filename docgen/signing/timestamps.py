"""Timestamps (RFC 3161) from the time-stamping authority (TSA) configured
in the secrets file (``tsa = "https://…"``): every signature then carries a
timestamp token over its value (PAdES B-T), so its time is the TSA's, not
what the server's clock claims.

The request goes out with the standard library (``urllib``), one POST of
``application/timestamp-query``; a TSA that does not answer, or answers
anything but a granted timestamp, is a :class:`SigningError` that says so,
and the signature is not made."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request

from . import SigningError
from .identities import ASK_ADMIN

log = logging.getLogger(__name__)

TIMEOUT = 10  # seconds
TSA_DOWN = ("Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA) nên chưa ký: "
            f"hãy thử lại sau ít phút; nếu vẫn lỗi, {ASK_ADMIN}.")


def timestamper(url: str, timeout: float = TIMEOUT, auth: str | None = None):
    """pyHanko's TimeStamper asking the TSA at ``url``; ``auth``: the value
    of an Authorization header, when the TSA wants one."""
    from asn1crypto import tsp
    from pyhanko.sign.timestamps.api import TimeStamper
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    class UrlTimeStamper(TimeStamper):
        async def async_request_tsa_response(self, req):
            import asyncio

            def ask() -> bytes:
                request = urllib.request.Request(url, data=req.dump(), method="POST", headers={
                    "Content-Type": "application/timestamp-query", **({"Authorization": auth} if auth else {})})
                try:
                    with urllib.request.urlopen(request, timeout=timeout) as response:
                        return response.read()
                except (OSError, urllib.error.URLError) as error:
                    raise TimestampRequestError(f"TSA {url}: {error}") from None

            body = await asyncio.to_thread(ask)
            try:
                return tsp.TimeStampResp.load(body)
            except ValueError:
                raise TimestampRequestError(f"TSA {url}: not a timestamp response") from None

    return UrlTimeStamper()


def tsa_error(error: Exception, url: str) -> SigningError:
    """The person's message and the administrator's details of a TSA failure."""
    log.warning("timestamp refused or TSA unreachable (%s): %s", url, error)
    return SigningError(TSA_DOWN, f"Máy chủ cấp dấu thời gian {url} không trả lời hoặc từ chối: "
                                  f"{error}")
