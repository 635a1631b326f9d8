"""agency.creation."""
