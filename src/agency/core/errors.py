"""The one error tree of V3.

``AgencyError`` is the root. ``InputError`` is something the user can fix (it names
the field and the fix), ``ProviderError`` a vendor failure (retryable or not),
``NotFound`` a missing or foreign record, ``PolicyViolation`` a refused action.
The API maps them to status codes in one place (``agency.api.errors``).
"""

from __future__ import annotations

from typing import Any


class AgencyError(Exception):
    """Base of every error V3 raises on purpose."""

    code = "agency_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.details}

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword-only arguments, which Exception's default pickling
        # loses; durable workflows pickle errors of failed steps and replay them.
        return (_restore, (type(self), self.message, dict(self.__dict__)))


def _restore(cls: type[AgencyError], message: str, state: dict[str, Any]) -> AgencyError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InputError(AgencyError):
    """Bad input the user can fix: says which field and how."""

    code = "invalid_input"

    def __init__(self, message: str, *, field: str | None = None, fix: str | None = None) -> None:
        details: dict[str, Any] = {}
        if field:
            details["field"] = field
        if fix:
            details["fix"] = fix
        super().__init__(message, **details)
        self.field = field
        self.fix = fix

    def __str__(self) -> str:
        parts = [self.message]
        if self.fix:
            parts.append(f"Fix: {self.fix}")
        return " ".join(parts)


class NotFound(AgencyError):
    """The record does not exist, or belongs to another organization."""

    code = "not_found"


class PolicyViolation(AgencyError):
    """The action is refused by a rule (URL safety, robots.txt, disclosure, …)."""

    code = "policy_violation"


class ProviderError(AgencyError):
    """A vendor or offline provider failed."""

    code = "provider_error"

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        retryable: bool = False,
        status_code: int | None = None,
        request_id: str | None = None,
        body: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message,
            provider=provider,
            retryable=retryable,
            status_code=status_code,
            request_id=request_id,
        )
        self.provider = provider
        self.retryable = retryable
        self.status_code = status_code
        self.request_id = request_id
        self.body = body
        self.retry_after = retry_after
