"""agency.cli."""
