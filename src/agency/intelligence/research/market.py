"""The MarketReport: the brand against its competitors, and the white space it can own."""

from __future__ import annotations

from collections.abc import Sequence

from agency.intelligence.research.competitors import SiteAnalysis
from agency.intelligence.research.models import MarketReport, Statement
from agency.intelligence.research.prices import per_oz_range
from agency.intelligence.research.themes import distinctive_phrases, theme_label

OWN_RATIO = 3  # a single competitor mention is 'in passing' against three of ours
MAX_CITES = 3


def _price_statements(sites: Sequence[SiteAnalysis]) -> list[Statement]:
    ranges = []
    for site in sites:
        rng = per_oz_range(site.profile.prices)
        if rng is not None:
            ranges.append((rng, site))
    out = []
    for (low, median, high), site in ranges:
        sized = [p for p in site.profile.prices if p.per_oz is not None]
        out.append(
            Statement(
                text=(
                    f"{site.profile.name} charges ${low:.2f}–${high:.2f} per ounce "
                    f"(median ${median:.2f}) across {len(sized)} priced packs"
                ),
                citations=[p.citation for p in sized[:MAX_CITES]],
            )
        )
    if len(ranges) >= 2:
        ordered = sorted(ranges, key=lambda row: row[0][1])
        brand = sites[0]
        position = next((i for i, (_, s) in enumerate(ordered) if s is brand), None)
        if position is not None:
            tiers = ["the cheapest", "mid-priced", "the most expensive"]
            tier = tiers[0] if position == 0 else tiers[2] if position == len(ordered) - 1 else (
                tiers[1]
            )  # fmt: skip
            names = ", ".join(f"{s.profile.name} (${r[1]:.2f}/oz)" for r, s in ordered)
            cites = [p.citation for _, s in ordered for p in s.profile.prices if p.per_oz][:6]
            out.append(
                Statement(
                    text=f"By median price per ounce {brand.profile.name} is {tier} "
                    f"of the sites compared: {names}",
                    citations=cites,
                )
            )
    return out


def _theme_statements(
    brand: SiteAnalysis, competitors: Sequence[SiteAnalysis]
) -> tuple[list[Statement], list[Statement]]:
    comparison: list[Statement] = []
    white_space: list[Statement] = []
    order = sorted(brand.hits, key=lambda k: -len(brand.hits[k]))
    for key in order:
        mine = brand.hits[key]
        theirs = [(c, c.hits.get(key, [])) for c in competitors]
        most = max((len(found) for _, found in theirs), default=0)
        if most == 0 or (most == 1 and len(mine) >= OWN_RATIO):
            passing = [c.profile.name for c, found in theirs if found]
            rivals = ", ".join(c.profile.name for c in competitors) or "no competitor"
            detail = (
                f"none of {rivals} mention it"
                if not passing
                else f"{', '.join(passing)} mention it only in passing"
            )
            white_space.append(
                Statement(
                    text=f"White space: {theme_label(key)}. {brand.profile.name} speaks to it "
                    f"in {len(mine)} passage(s); {detail}",
                    citations=[s.cite() for s in mine[:MAX_CITES]],
                    topic=theme_label(key),
                )
            )
        elif most >= 2:
            leader = max(theirs, key=lambda row: len(row[1]))
            comparison.append(
                Statement(
                    text=f"Contested: {theme_label(key)}. {brand.profile.name} "
                    f"({len(mine)} passage(s)) and {leader[0].profile.name} "
                    f"({len(leader[1])}) both claim it",
                    citations=[mine[0].cite(), leader[1][0].cite()],
                    topic=theme_label(key),
                )
            )
    for comp in competitors:
        for key, found in comp.hits.items():
            if len(found) >= 2 and key not in brand.hits:
                comparison.append(
                    Statement(
                        text=f"{comp.profile.name} owns {theme_label(key)} "
                        f"({len(found)} passages); {brand.profile.name} does not speak to it",
                        citations=[s.cite() for s in found[:2]],
                        topic=theme_label(key),
                    )
                )
    return comparison, white_space


def build_market_report(
    brand: SiteAnalysis,
    competitors: Sequence[SiteAnalysis],
    *,
    external: Sequence[Statement] = (),
    research_provider: str | None = None,
) -> MarketReport:
    """Compare the brand with each competitor: prices, themes, distinctive phrases."""
    comparison = _price_statements([brand, *competitors])
    contested, white_space = _theme_statements(brand, competitors)
    comparison += contested
    if competitors:
        for phrase, sentence in distinctive_phrases(
            brand.sentences, [c.sentences for c in competitors]
        ):
            white_space.append(
                Statement(
                    text=f"Only {brand.profile.name} talks about “{phrase}”",
                    citations=[sentence.cite()],
                    topic=phrase,
                )
            )
    return MarketReport(
        brand=brand.profile,
        competitors=[c.profile for c in competitors],
        comparison=comparison,
        white_space=white_space,
        external=list(external),
        research_provider=research_provider,
    )
