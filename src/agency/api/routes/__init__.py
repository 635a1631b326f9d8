"""agency.api.routes."""
