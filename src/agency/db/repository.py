"""Organization-scoped data access: every query goes through an :class:`OrgScope`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from agency.core.errors import NotFound

T = TypeVar("T")


class OrgScope:
    """A session bound to one organization; reads and writes stay inside it."""

    def __init__(self, session: Session, org_id: str) -> None:
        self.session = session
        self.org_id = org_id

    def get(self, model: type[T], record_id: str) -> T:
        """The record with ``record_id`` in this organization, else :class:`NotFound`."""
        stmt = select(model).where(
            model.id == record_id,  # type: ignore[attr-defined]
            model.org_id == self.org_id,  # type: ignore[attr-defined]
        )
        row = self.session.scalars(stmt).first()
        if row is None:
            raise NotFound(f"{model.__name__} {record_id!r} not found", id=record_id)
        return row

    def list(
        self, model: type[T], *filters: Any, order_by: Any = None, limit: int = 100
    ) -> Sequence[T]:
        """Records of ``model`` in this organization matching ``filters``."""
        stmt = select(model).where(model.org_id == self.org_id, *filters)  # type: ignore[attr-defined]
        if order_by is not None:
            stmt = stmt.order_by(order_by)
        return self.session.scalars(stmt.limit(limit)).all()

    def add(self, record: T) -> T:
        """Add ``record`` to this organization."""
        record.org_id = self.org_id  # type: ignore[attr-defined]
        self.session.add(record)
        self.session.flush()
        return record
