"""agency.distribution."""
