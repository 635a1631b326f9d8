"""Audience archetypes and the cues that show a site speaks to them."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Archetype:
    """A kind of customer, recognised by cue words in the brand's own texts."""

    key: str
    name: str
    who: str
    cues: re.Pattern[str]


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "subscribers",
        "Subscribers and regulars",
        "people who want their usual coffee delivered on a schedule without thinking about it",
        re.compile(
            r"\b(subscri\w*|every (two|three|four) weeks|deliveries|each delivery|"
            r"delivers? (fresh\w*|every|to your)|member\w*|each month|monthly)\b",
            re.I,
        ),
    ),
    Archetype(
        "enthusiasts",
        "Home-brewing enthusiasts",
        "curious home brewers who care about origin, ratios and tasting notes",
        re.compile(
            r"\b(brew\w*|grind\w*|ratio|pour-over|french press|espresso|recipe|grams|"
            r"single origin|tasting notes?|bloom|steep\w*|light roast)\b",
            re.I,
        ),
    ),
    Archetype(
        "values",
        "Values-driven buyers",
        "shoppers who choose brands for how they treat farmers and the planet",
        re.compile(
            r"\b(farmers?|farms?|cooperatives?|sustainab\w*|recycl\w*|compost|wind|"
            r"paid|fair|ethical|organic)\b",
            re.I,
        ),
    ),
    Archetype(
        "business",
        "Cafes, restaurants and offices",
        "businesses that buy in bulk and need reliable supply and support",
        re.compile(
            r"\b(wholesale|cafes|restaurants?|offices?|partners?|business\w*|bulk|"
            r"barista training|five-pound)\b",
            re.I,
        ),
    ),
    Archetype(
        "gifters",
        "Gift buyers",
        "people buying coffee as a present",
        re.compile(r"\b(gifts?|gift cards?|present)\b", re.I),
    ),
    Archetype(
        "locals",
        "Local visitors and community",
        "neighbours who visit in person, at the cafe, the market or events",
        re.compile(
            r"\b(cafe at|visit\w*|open (tuesday|daily|monday)|cuppings?|farmers market|"
            r"neighbou?rhood|in person|community)\b",
            re.I,
        ),
    ),
    Archetype(
        "value-seekers",
        "Value seekers",
        "budget-minded shoppers who compare prices",
        re.compile(
            r"\b(save|saving|discount|deals?|coupons?|low prices?|afford\w*|"
            r"ship(s)? free|cents a cup)\b",
            re.I,
        ),
    ),
)

OBJECTION_CUES = re.compile(
    r"\?|\b(cancel|refund|replace|guarantee|no return needed|minimum|start at|"
    r"not currently|only within|costs?|fee|any time|anytime|keeps? for)\b",
    re.I,
)
NEED_CUES = re.compile(
    r"\b(fresh\w*|free|save|easy|ready|help|guide|choose|delivers?|get|every|best|support|"
    r"training|recommend|suggest)\b",
    re.I,
)
CHANNEL_CUES: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"\b(email|e-mail|write to|newsletter|@\w)", re.I),
    "visits to the cafe or roastery": re.compile(
        r"\b(cafe at|at our (cafe|roastery)|visit\w*|open (tuesday|daily|monday))\b", re.I
    ),
    "events and tastings": re.compile(r"\b(cuppings?|tastings?|events?|classes)\b", re.I),
    "markets and stores": re.compile(r"\b(farmers market|grocery|stores?|aisle)\b", re.I),
    "the online shop": re.compile(r"\b(your account|order online|online|checkout)\b", re.I),
}
B2B_SOCIAL = {"linkedin"}
