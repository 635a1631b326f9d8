"""agency.strategy."""
