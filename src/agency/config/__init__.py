"""Settings, read from ``AGENCY_*`` environment variables and ``.env``."""

from agency.config.settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
