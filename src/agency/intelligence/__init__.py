"""agency.intelligence."""
