"""agency.providers."""
