"""HTTP API (FastAPI): a thin adapter over the services and the orchestrator."""

from agency.api.app import create_app

__all__ = ["create_app"]
