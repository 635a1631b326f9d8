"""agency.storage."""
