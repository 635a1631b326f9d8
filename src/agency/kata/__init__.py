"""agency.kata."""
