"""Video in and out for the Kata engine: checked decoding and streamed encoding."""

from .reader import VideoInfo, frame_times, iter_frames, open_video_info
from .writer import FrameEncoder

__all__ = ["FrameEncoder", "VideoInfo", "frame_times", "iter_frames", "open_video_info"]
