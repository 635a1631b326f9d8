"""Provider-written prose: one JSON-schema request per section, validated and repaired.

Each section's request carries the facts (inputs, KPIs, numbered passages) and a
grounded draft per field. Vendor models rewrite the drafts as a consultant
would; the offline template writer returns them. ``generate_validated`` checks
length, grounding and citations and feeds violations back as repair turns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from agency.providers import TextProvider, TextRequest, generate_validated
from agency.strategy.brief.grounding import FieldRule, parse_answer, section_validator
from agency.strategy.brief.wording import sentence

RIVAL_FACT_PREFIX = "competitor_"  # their claims are facts about them, not claims we may make
SYSTEM = (
    "You are a senior brand strategist writing a campaign strategy brief that a client "
    "will sign. Write crisp, specific, jargon-free prose. Use only the facts supplied: "
    "every number must appear in the facts, no superlative or guarantee the facts do not "
    "contain (quote a competitor's claim in quotation marks, never adopt it), no "
    "invented customers, awards or statistics. Cite sources only with the [n] markers "
    "of the numbered sources in the facts. Each field has a draft under the "
    "same name in the facts: improve it, keep its facts. Reply with one JSON object that "
    "matches the schema, nothing else."
)


@dataclass(frozen=True)
class Section:
    """One structured prose request: which fields, their drafts and limits, what to check."""

    name: str
    instruction: str
    drafts: Mapping[str, str]
    rules: Mapping[str, FieldRule]
    extra: Callable[[dict[str, Any]], list[str]] | None = None
    seed: int = 0


@dataclass(frozen=True)
class SectionText:
    """The validated fields of one section and the provider that wrote them."""

    fields: dict[str, str]
    provider: str


def schema_for(section: Section) -> dict[str, Any]:
    """A strict JSON schema with one string property per field (limits in descriptions:
    the Messages API's structured output takes no string-length keywords)."""
    return {
        "title": f"brief_{section.name}",
        "type": "object",
        "properties": {
            name: {
                "type": "string",
                "description": f"{rule.min_chars} to {rule.max_chars} characters.",
            }
            for name, rule in section.rules.items()
        },
        "required": list(section.rules),
        "additionalProperties": False,
    }


def write_section(
    section: Section,
    *,
    provider: TextProvider,
    facts: Mapping[str, str],
    allowed_refs: set[int],
    max_repairs: int = 2,
) -> SectionText:
    """The section's fields as the provider wrote them, after validation and repairs."""
    all_facts = {**facts, **section.drafts}
    facts_text = "\n".join(all_facts.values())
    own = "\n".join(v for k, v in facts.items() if not k.startswith(RIVAL_FACT_PREFIX))
    validate = section_validator(
        section.rules,
        facts_text=facts_text,
        claims_text=own,
        allowed_refs=allowed_refs,
        extra=section.extra,
    )
    request = TextRequest(
        system=SYSTEM,
        prompt=f"Section: {section.name}.\n{section.instruction}",
        json_schema=schema_for(section),
        facts=dict(all_facts),
        kind="brief",
        seed=section.seed,
        max_tokens=4096,
    )
    result = generate_validated(provider, request, validate, max_repairs=max_repairs)
    data = parse_answer(result.text)
    return SectionText(
        fields={name: str(data[name]).strip() for name in section.rules},
        provider=result.provider,
    )


def as_sentence(text: str) -> str:
    """Prose restored to a full sentence (the template writer drops a final period)."""
    return sentence(text)
