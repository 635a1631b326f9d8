"""generate → validate → repair, the loop every text generation goes through.

The provider's answer is checked by ``validate`` (a list of violations, empty when
fine). Violations are fed back as a repair turn; after ``max_repairs`` failed
repairs the template writer gets a turn; when nothing passes, a ProviderError
lists what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable

from agency.core import ProviderError
from agency.providers.base import Message, TextProvider, TextRequest, TextResult
from agency.providers.offline.template_writer import TemplateTextProvider

Validator = Callable[[str], list[str]]


def repair_request(
    request: TextRequest, answer: str, violations: list[str], attempt: int
) -> TextRequest:
    """The request plus the failed answer and a turn naming what to fix."""
    turns = list(request.chat())
    turns.append(Message(role="assistant", content=answer or "(empty)"))
    fix = "\n".join(f"- {v}" for v in violations)
    turns.append(
        Message(
            role="user",
            content=(
                "That answer breaks these rules:\n"
                f"{fix}\n"
                "Rewrite it so that every rule holds. Reply with the corrected answer only."
            ),
        )
    )
    seed = (request.seed or 0) + attempt
    return request.model_copy(update={"messages": tuple(turns), "prompt": None, "seed": seed})


def _check(result: TextResult, validate: Validator, provider: str) -> list[str]:
    try:
        return list(validate(result.text))
    except Exception as exc:  # a crashing validator is a violation, not a crash
        return [f"validator failed on the {provider} answer: {type(exc).__name__}: {exc}"]


def generate_validated(
    provider: TextProvider,
    request: TextRequest,
    validate: Validator,
    *,
    max_repairs: int = 2,
    fallback: TextProvider | None = None,
) -> TextResult:
    """The first answer that passes ``validate``: from ``provider``, its repairs, or the fallback.

    ``fallback`` defaults to the template writer; it is skipped when it is the
    provider itself.
    """
    history: list[str] = []
    current = request
    for attempt in range(max_repairs + 1):
        result = provider.complete(current)
        violations = _check(result, validate, provider.name)
        if not violations:
            return result
        history.append(f"{provider.name} attempt {attempt + 1}: " + "; ".join(violations))
        current = repair_request(current, result.text, violations, attempt + 1)

    backup = fallback if fallback is not None else TemplateTextProvider()
    if backup.name != provider.name:
        for attempt in range(2):
            seeded = request.model_copy(update={"seed": (request.seed or 0) + attempt})
            result = backup.complete(seeded)
            violations = _check(result, validate, backup.name)
            if not violations:
                return result
            history.append(f"{backup.name} attempt {attempt + 1}: " + "; ".join(violations))

    raise ProviderError(
        "No valid text after repairs and the template fallback: "
        + " | ".join(history)
        + ". Relax the rules or supply more facts (brand, product, benefit, cta).",
        provider=provider.name,
        retryable=False,
    )
