"""Phrase banks for the template writer: marketing patterns with fact slots.

A template is used only when every slot it names is among the supplied facts, so
output never invents a brand, a product or a claim. Slots: brand, product,
benefit, audience, feature, offer, cta, proof, goal. ``{X_cap}`` capitalises.
"""

from __future__ import annotations

SHORT_KINDS: dict[str, tuple[str, ...]] = {
    "headline": (
        "{benefit_cap}. Meet {product}.",
        "{product}: {benefit}.",
        "{benefit_cap}, made by {brand}.",
        "Say hello to {product}.",
        "The {product} {audience} have been waiting for.",
        "{product}. {benefit_cap}.",
        "New from {brand}: {product}.",
        "{offer_cap} on {product}.",
        "Why {audience} choose {product}.",
    ),
    "tagline": (
        "{brand}. {benefit_cap}.",
        "{benefit_cap}, every day.",
        "{brand}: made for {audience}.",
        "{product}, done right.",
        "Simply {brand}.",
        "{benefit_cap}. That's {brand}.",
    ),
    "hook": (
        "What if {benefit} were the easy part?",
        "{audience_cap}, this one's for you.",
        "Stop scrolling: {product} is here.",
        "You asked for {benefit}. We made {product}.",
        "Three seconds to meet {product}.",
        "Here's what {benefit} looks like.",
    ),
    "cta": (
        "{cta_cap}.",
        "{cta_cap} today.",
        "{cta_cap} →",
        "Try {product} today.",
        "Get {product} now.",
        "Discover {product}.",
        "Shop {brand}.",
        "Learn more.",
    ),
    "subject": (
        "{product} is here",
        "{offer_cap} inside",
        "Meet {product} from {brand}",
        "{benefit_cap}? Meet {product}",
        "{audience_cap}: {product} just landed",
    ),
}

ALIASES: dict[str, str] = {
    "title": "headline",
    "heading": "headline",
    "slogan": "tagline",
    "opener": "hook",
    "call_to_action": "cta",
    "button": "cta",
    "subject_line": "subject",
    "email_subject": "subject",
    "caption": "body",
    "description": "body",
    "paragraph": "body",
    "post": "body",
    "copy": "body",
    "text": "body",
    "summary": "body",
}

BODY_SENTENCES: dict[str, tuple[str, ...]] = {
    "benefit": (
        "{product} brings {benefit}.",
        "With {product}, you get {benefit}.",
        "{benefit_cap}, with {product}.",
    ),
    "audience": (
        "Made for {audience}.",
        "Built with {audience} in mind.",
        "{audience_cap} deserve better, and {brand} delivers.",
    ),
    "feature": (
        "It comes with {feature}.",
        "Highlights: {feature}.",
        "{feature_cap}, all in one.",
    ),
    "proof": ("{proof_cap}.", "Don't just take our word for it: {proof}."),
    "offer": ("{offer_cap}.", "For a limited time: {offer}."),
    "goal": ("{goal_cap}.",),
    "cta": ("{cta_cap}.", "{cta_cap} today."),
}
BODY_ORDER = ("benefit", "audience", "feature", "proof", "offer", "cta")

FACT_ALIASES: dict[str, str] = {
    "brand_name": "brand",
    "company": "brand",
    "product_name": "product",
    "name": "product",
    "benefits": "benefit",
    "value_proposition": "benefit",
    "promise": "benefit",
    "target_audience": "audience",
    "persona": "audience",
    "features": "feature",
    "call_to_action": "cta",
    "promotion": "offer",
    "discount": "offer",
    "testimonial": "proof",
    "social_proof": "proof",
    "objective": "goal",
}
