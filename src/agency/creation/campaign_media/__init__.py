"""Campaign media: one creative set per territory, adapted to every size the calendar needs.

``plan_creatives(slots)`` decides which images and videos a calendar needs (a reel on
Instagram, TikTok and Shorts shares one 1080×1920 video; a feed post shares the
portrait image of its territory); ``produce_creatives`` renders them with the image
designer and the ffmpeg timeline (voice-over, music bed, burned captions and SRT/VTT).
"""

from agency.creation.campaign_media.plan import Creative, CreativeKind, plan_creatives
from agency.creation.campaign_media.produce import (
    BrandLook,
    CreativeCopy,
    MediaItem,
    produce_creatives,
)

__all__ = [
    "BrandLook",
    "Creative",
    "CreativeCopy",
    "CreativeKind",
    "MediaItem",
    "plan_creatives",
    "produce_creatives",
]
