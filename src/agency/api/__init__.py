"""agency.api."""
