"""What the storage refuses, as exceptions whose message a clerk can read
(``str(error)``, in Vietnamese). The web maps them to pages/HTTP codes:
NotFound 404, Forbidden 403, StateError/Conflict 409, LoginError 401/429."""

from __future__ import annotations


class StorageError(Exception):
    """Base class; ``message`` is the Vietnamese text to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(StorageError):
    """No such draft/version for this user (another unit's draft included:
    its existence is not revealed)."""


class Forbidden(StorageError):
    """The user's role may not do this."""


class StateError(StorageError):
    """The draft's state does not allow this (e.g. saving an approved draft)."""


class NeedsConfirmation(StateError):
    """A step (approve, issue) that the person must confirm first:
    ``concerns`` are the Vietnamese sentences to show, ``action`` the step's
    verb ("duyệt", "ban hành"). The core decides; each delivery only shows
    the concerns and asks in its own way (a check box on the web, --confirm
    on the command line)."""

    def __init__(self, concerns: list[str], action: str):
        super().__init__(" ".join(concerns) + f" Hãy đọc lại và xác nhận nếu vẫn {action}.")
        self.concerns = concerns
        self.action = action


class Conflict(StorageError):
    """The draft moved on since the version the save was based on.

    ``latest`` is the head version now; ``copy`` is the losing text, stored
    as a conflict copy (not head), so the page can show both."""

    def __init__(self, message: str, latest, copy):
        super().__init__(message)
        self.latest = latest
        self.copy = copy


class LoginError(StorageError):
    """Login refused; ``locked_until`` is set when too many attempts failed."""

    def __init__(self, message: str, locked_until=None):
        super().__init__(message)
        self.locked_until = locked_until


class UserError(StorageError):
    """An account that cannot be created as asked (name taken, bad role…)."""
