"""Who sees secret documents (độ mật): the unit's văn thư and signing
officers, and a draft's own author. To anyone else a secret draft or
document does not exist (left out of lists, NotFound when asked for). One
rule for drafts, the register, reports and the audit page."""

from __future__ import annotations

from .models import REGISTRAR, SIGNER, Draft, User

SEE_SECRET = (REGISTRAR, SIGNER)


def may_see_secret(user: User) -> bool:
    """The văn thư and the signing officers of the unit see its secret documents."""
    return user.role in SEE_SECRET


def secret_from(draft: Draft, user: User) -> bool:
    """Whether ``draft`` is secret (độ mật on its head version) and ``user``
    is neither its author nor one who may see secret documents: to them it
    does not exist."""
    if draft.created_by_id == user.id or may_see_secret(user):
        return False
    head = next((version for version in draft.versions if version.number == draft.head_number), None)
    return head is not None and bool((head.plan or {}).get("secrecy"))
