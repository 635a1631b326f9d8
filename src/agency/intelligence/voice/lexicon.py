"""Word lists the voice measures against: stop words, slang, and marketing clichés."""

from __future__ import annotations

_STOPWORDS_TEXT = (
    "a about above after again against all also am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each every few for "
    "from further get gets got had has have having he her here hers him his how i if in into is "
    "it its itself just let me more most much my no nor not now of off on once one only or other "
    "our ours out over own per same she should so some such than that the their theirs them then "
    "there these they this those through to too under until up upon us very was we were what "
    "when where which while who whom why will with within would you your yours s t re ll ve d m"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_INFORMAL_TEXT = (
    "awesome gonna wanna gotta yeah yep nope hey hi lol omg super cool stuff totally literally "
    "crazy insane epic vibes vibe guys folks y'all kinda sorta ok okay wow yay btw tbh fam lit "
    "dope legit"
)
INFORMAL_MARKERS = frozenset(_INFORMAL_TEXT.split())

# Hype and filler common in generic marketing copy; a brand that never uses them avoids them.
_CLICHES_TEXT = (
    "amazing revolutionary game-changer game-changing synergy best-in-class world-class "
    "cutting-edge disruptive disrupt innovative groundbreaking unbelievable incredible insane "
    "epic ultimate unparalleled unmatched leverage solutions seamless seamlessly robust "
    "next-level next-gen state-of-the-art premium luxury luxurious exclusive guaranteed "
    "cheap bargain deal deals hurry act buy click limited-time must-have mind-blowing "
    "jaw-dropping hack hacks ninja guru rockstar unleash elevate empower transform "
    "transformative supercharge skyrocket 10x perfect perfection best"
)
MARKETING_CLICHES = tuple(dict.fromkeys(_CLICHES_TEXT.split()))
