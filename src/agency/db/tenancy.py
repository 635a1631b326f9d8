"""Organizations and API keys: creation and key resolution.

API keys look like ``agk_<prefix>_<secret>``; only a SHA-256 of the whole key is
stored, so a database leak does not leak usable keys.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from agency.core.clock import utcnow
from agency.core.errors import InputError
from agency.db.models import ApiKey, Organization

LOCAL_ORG_SLUG = "local"
_KEY_RE = re.compile(r"^agk_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,})$")


@dataclass(frozen=True)
class IssuedKey:
    """A freshly issued API key: the plaintext is shown once, never stored."""

    id: str
    org_id: str
    key: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80] or "org"


def create_organization(session: Session, name: str, *, slug: str | None = None) -> Organization:
    """Create an organization; the slug must be unused."""
    if not name.strip():
        raise InputError("Organization name is empty.", field="name", fix="Give a name.")
    slug = slug or slugify(name)
    if session.scalars(select(Organization).where(Organization.slug == slug)).first():
        raise InputError(
            f"An organization with slug {slug!r} exists.", field="slug", fix="Pick another name."
        )
    org = Organization(name=name.strip(), slug=slug)
    session.add(org)
    session.flush()
    return org


def get_or_create_local_org(session: Session) -> Organization:
    """The organization the local CLI acts as (created on first use)."""
    org = session.scalars(select(Organization).where(Organization.slug == LOCAL_ORG_SLUG)).first()
    return org or create_organization(session, "Local", slug=LOCAL_ORG_SLUG)


def find_organization(session: Session, slug: str) -> Organization | None:
    return session.scalars(select(Organization).where(Organization.slug == slug)).first()


def issue_api_key(session: Session, org_id: str, *, name: str = "") -> IssuedKey:
    """Issue a new API key for ``org_id``; returns the plaintext once."""
    prefix = "".join(secrets.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(8))
    key = f"agk_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey(org_id=org_id, name=name, prefix=prefix, key_hash=hash_key(key))
    session.add(row)
    session.flush()
    return IssuedKey(id=row.id, org_id=org_id, key=key)


def resolve_api_key(session: Session, key: str) -> ApiKey | None:
    """The active key row for a plaintext key, or None; records last use."""
    if not _KEY_RE.match(key):
        return None
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    row.last_used_at = utcnow()
    return row


def revoke_api_key(session: Session, org_id: str, key_id: str) -> bool:
    row = session.scalars(
        select(ApiKey).where(ApiKey.id == key_id, ApiKey.org_id == org_id)
    ).first()
    if row is None:
        return False
    row.revoked_at = utcnow()
    return True
