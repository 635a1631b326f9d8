"""agency.orchestrator."""
