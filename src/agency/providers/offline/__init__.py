"""Offline defaults: real engines that run with no key and no network."""

from agency.providers.offline.espeak_voice import EspeakVoiceProvider
from agency.providers.offline.ffmpeg_video import FfmpegVideoProvider
from agency.providers.offline.local_model import LocalModelTextProvider, local_model_available
from agency.providers.offline.passage_research import PassageResearchProvider
from agency.providers.offline.procedural_image import ProceduralImageProvider
from agency.providers.offline.template_writer import TemplateTextProvider

__all__ = [
    "EspeakVoiceProvider",
    "FfmpegVideoProvider",
    "LocalModelTextProvider",
    "PassageResearchProvider",
    "ProceduralImageProvider",
    "TemplateTextProvider",
    "local_model_available",
]
