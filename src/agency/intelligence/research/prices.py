"""Price points: structured offers (JSON-LD, Open Graph) and prices stated in the text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agency.intelligence.brand.profile import ProductInfo
from agency.intelligence.research.models import Citation, PricePoint
from agency.intelligence.research.sources import Sentence

MAX_PRICES = 10
_PRICE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)")
_SIZE = re.compile(
    r"(?:\b(one|two|three|four|five|six|\d+)\s+)?"
    r"(\d+(?:\.\d+)?)[\s-]?(oz|ounces?|lbs?|pounds?|kg|kilos?|g|grams?)\b(?!\s*of green)",
    re.IGNORECASE,
)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NOT_A_PRICE = re.compile(
    r"\b(ship|shipping|paid|over \$|gift cards?|coupon|compared|market|average)\b", re.I
)
_OUNCES = {"oz": 1.0, "ounce": 1.0, "ounces": 1.0, "lb": 16.0, "lbs": 16.0, "pound": 16.0,
           "pounds": 16.0, "kg": 35.274, "kilo": 35.274, "kilos": 35.274, "g": 0.035274,
           "gram": 0.035274, "grams": 0.035274}  # fmt: skip


def size_ounces(text: str) -> tuple[str, float] | None:
    """The first pack size in ``text`` as (as written, ounces)."""
    match = _SIZE.search(text)
    if match is None:
        return None
    factor = _OUNCES.get(match.group(3).lower())
    if factor is None:
        return None
    count_text = (match.group(1) or "1").lower()
    count = _COUNTS.get(count_text) or int(count_text)
    return match.group(0), count * float(match.group(2)) * factor


def _point(label: str, amount: float, currency: str, context: str, cite: Citation) -> PricePoint:
    size = size_ounces(context)
    return PricePoint(
        label=label,
        amount=amount,
        currency=currency,
        size=size[0] if size else None,
        per_oz=round(amount / size[1], 3) if size and size[1] > 0 else None,
        citation=cite,
    )


def _stated(amount: float) -> re.Pattern[str]:
    """``$29``/``$29.00`` or ``$7.99`` as written in text."""
    if amount == int(amount):
        return re.compile(rf"\${int(amount)}(?:\.00)?(?!\.?\d)")
    return re.compile(rf"\${amount:.2f}".replace(".", r"\.", 1) + r"(?!\d)")


def _amount(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def price_points(
    products: Sequence[ProductInfo], sentences: Sequence[Sentence], *, limit: int = MAX_PRICES
) -> list[PricePoint]:
    """Prices of products (with the sentence stating the size when one does) and in text."""
    found: list[PricePoint] = []
    seen: set[float] = set()
    for product in products:
        amount = _amount(str(product.price or "").lstrip("$"))
        if amount is None or amount <= 0:
            continue
        page_sentences = [s for s in sentences if s.passage.url == product.url]
        stated = _stated(amount)
        stating = next((s for s in page_sentences if stated.search(s.text)), None)
        context = (stating.text if stating else "") + " " + product.description
        if stating is not None:
            cite = stating.cite()
        else:
            cite = Citation(url=product.url, title=product.name, quote=str(product.price))
        found.append(_point(product.name, amount, product.currency or "USD", context, cite))
        seen.add(amount)
    for sentence in sentences:
        if _NOT_A_PRICE.search(sentence.text):
            continue
        for match in _PRICE.finditer(sentence.text):
            amount = _amount(match.group(1))
            if amount is None or amount <= 0 or amount in seen:
                continue
            seen.add(amount)
            page = sentence.passage.title.split("|")[0].strip()
            label = f"{page} page" if page else "Price"
            found.append(_point(label, amount, "USD", sentence.text, sentence.cite()))
    return found[:limit]


def per_oz_range(points: Sequence[PricePoint]) -> tuple[float, float, float] | None:
    """(min, median, max) price per ounce of the points that state a size."""
    values = sorted(p.per_oz for p in points if p.per_oz is not None)
    if not values:
        return None
    mid = len(values) // 2
    median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    return values[0], median, values[-1]
