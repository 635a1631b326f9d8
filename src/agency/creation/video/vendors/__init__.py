"""Image-to-video vendors: Runway (official SDK) and Kling (REST), polled to an MP4."""

from .kling import KlingVideoProvider, kling_token
from .registration import register_video_vendors
from .runway import RunwayVideoProvider

__all__ = ["KlingVideoProvider", "RunwayVideoProvider", "kling_token", "register_video_vendors"]
