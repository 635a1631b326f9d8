"""The bundled sample brand (Northbound Coffee Roasters) and a local server for it."""

from agency.samples.server import SAMPLE_SITE_DIR, serve_directory, serve_sample_site

__all__ = ["SAMPLE_SITE_DIR", "serve_directory", "serve_sample_site"]
