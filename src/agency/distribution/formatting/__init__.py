"""The one validator (text and media) and the per-platform formatter.

``validate_text`` is shared by the copy engine and the publisher;
``format_for_platform`` adapts a campaign item to one platform.
"""

from agency.distribution.formatting.asset_lists import validate_items
from agency.distribution.formatting.formatter import format_for_platform, truncate_words
from agency.distribution.formatting.little_text import to_little_text
from agency.distribution.formatting.measure import measure
from agency.distribution.formatting.media_validator import (
    get_media_spec,
    pick_rendition,
    validate_media,
    validate_rendition,
)
from agency.distribution.formatting.models import (
    FormattedPost,
    MediaValidation,
    Rendition,
    TextValidation,
    Violation,
)
from agency.distribution.formatting.text_validator import validate_text
from agency.distribution.formatting.threads import split_thread

__all__ = [
    "FormattedPost",
    "MediaValidation",
    "Rendition",
    "TextValidation",
    "Violation",
    "format_for_platform",
    "get_media_spec",
    "measure",
    "pick_rendition",
    "split_thread",
    "to_little_text",
    "truncate_words",
    "validate_items",
    "validate_media",
    "validate_rendition",
    "validate_text",
]
