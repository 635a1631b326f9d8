"""The ``agency`` command line (Typer): a thin adapter over services and the orchestrator."""
