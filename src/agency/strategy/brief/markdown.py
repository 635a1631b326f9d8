"""The brief as Markdown: numbered sections, tables for KPIs, channels, measurement and risks,
``[n]`` citation markers resolved in a references list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from agency.strategy.brief.kpis import format_number
from agency.strategy.brief.models import Brief


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _marks(refs: Iterable[int]) -> str:
    return " ".join(f"[{r}]" for r in refs)


def _money(brief: Brief, amount: float | None) -> str:
    return "" if amount is None else f"{format_number(amount)} {brief.currency}"


def brief_to_markdown(brief: Brief) -> str:
    """The whole brief as one Markdown document."""
    out = [
        f"# Strategy brief: {brief.product}",
        "",
        f"**{brief.brand}** · {brief.goal}",
        "",
        f"- **Objective:** {brief.objective}",
        f"- **Budget:** {_money(brief, brief.budget_total)}",
        f"- **Window:** {brief.start.isoformat()} to {brief.end.isoformat()}",
        f"- **Proposition:** {brief.proposition}",
        "",
        "## 1. Situation, complication, resolution",
        "",
        f"**Situation.** {brief.situation}",
        "",
        f"**Complication.** {brief.complication}",
        "",
        f"**Resolution.** {brief.resolution}",
        "",
        "## 2. Objectives and KPIs",
        "",
    ]
    out += table(
        ("KPI", "Target", "Baseline", "By", "How measured", "Basis"),
        (
            (
                f"**{k.name}** (primary)" if k.primary else k.name,
                f"{format_number(k.target)} {k.unit}",
                "unknown" if k.baseline is None else format_number(k.baseline),
                k.deadline.isoformat(),
                k.how_measured,
                k.basis,
            )
            for k in brief.objectives
        ),
    )
    out += ["Targets are estimates from the assumptions listed at the end, not promises.", ""]
    out += ["## 3. Audiences", ""]
    for a in brief.audiences:
        out += [f"### {a.name}", "", f"*{a.who}*", "", f"**Insight.** {a.insight}", ""]
        if a.needs:
            out.append(f"- **Needs:** {'; '.join(a.needs)}")
        if a.objections:
            out.append(f"- **Objections:** {'; '.join(a.objections)}")
        if a.channels:
            out.append(f"- **Channels:** {', '.join(a.channels)}")
        if a.citations:
            out.append(f"- **Sources:** {_marks(a.citations)}")
        out.append("")
    out += ["## 4. Single-minded proposition", "", f"> {brief.proposition}", ""]
    house = brief.message_house
    out += ["## 5. Message house", "", f"**Umbrella message:** {house.umbrella}", ""]
    for i, p in enumerate(house.pillars, start=1):
        out += [f"### Pillar {i}: {p.name}", "", p.message, "", "Proof points:", ""]
        out += [f"- “{pp.text}” [{pp.ref}]" for pp in p.proof_points]
        out.append("")
    out += ["## 6. Creative territories", ""]
    for i, t in enumerate(brief.territories, start=1):
        out += [
            f"### Territory {i}: {t.name}",
            "",
            f"*Grows from the {t.anchor}.*",
            "",
            f"- **Idea:** {t.idea}",
            f"- **Tone:** {t.tone}",
            f"- **Visual direction:** {t.visual_direction}",
            "- **Example headlines:**",
            *[f"    - {h}" for h in t.headlines],
            "",
        ]
    out += ["## 7. Channel strategy", ""]
    out += table(
        ("Channel", "Role", "Formats", "Cadence", "Budget", "Share"),
        (
            (
                c.channel,
                c.role,
                ", ".join(c.formats),
                c.cadence,
                _money(brief, c.budget),
                "" if c.share is None else f"{c.share * 100:.0f} %",
            )
            for c in brief.channels
        ),
    )
    out += [f"- **{c.channel}:** {c.why}" for c in brief.channels]
    out += ["", "## 8. Measurement plan", ""]
    out += table(
        ("KPI", "Source", "Cadence", "Tool", "Decision rule"),
        ((m.kpi, m.source, m.cadence, m.tool, m.decision_rule) for m in brief.measurement),
    )
    out += ["## 9. Risks", ""]
    out += table(
        ("Risk", "Likelihood", "Impact", "Mitigation"),
        ((r.risk, r.likelihood, r.impact, r.mitigation) for r in brief.risks),
    )
    out += ["## Assumptions", ""] + [f"- {a}" for a in brief.assumptions] + [""]
    out += ["## References", ""]
    for c in brief.citations:
        title = c.title or c.url
        quote = f" — “{c.quote}”" if c.quote else ""
        out.append(f"{c.ref}. [{_cell(title)}]({c.url}){quote}")
    out.append("")
    if brief.providers:
        out += [f"*Prose written by: {', '.join(brief.providers)}.*", ""]
    return "\n".join(out)
