"""V3: an AI marketing agency in a box."""

__version__ = "0.1.0"
