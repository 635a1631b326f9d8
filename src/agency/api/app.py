"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from agency import __version__
from agency.api.errors import install_error_handlers
from agency.api.routes import assets, brands, campaigns, jobs, kata, knowledge, publish
from agency.config import Settings
from agency.db import create_database, upgrade_to_head
from agency.orchestrator import launch_runtime, open_gateway, shutdown_runtime
from agency.orchestrator.flows import FLOW_MODULES
from agency.orchestrator.flows.publishing import ensure_schedules


def create_app(
    settings: Settings, *, run_workflows: bool = True, schedules: bool = False
) -> FastAPI:
    """Build the API for ``settings``.

    With ``run_workflows`` the process also executes queued jobs (one-machine
    setup); without it, jobs wait for ``agency worker`` processes. ``schedules`` also
    creates the periodic publishing work (dispatch, analytics) when it is missing.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # DBOS's launch and shutdown are blocking calls that refuse a running event loop.
        settings.ensure_dirs()
        await asyncio.to_thread(upgrade_to_head, settings.resolved_database_url)
        database = create_database(settings.resolved_database_url)
        gateway = None
        if run_workflows:
            await asyncio.to_thread(
                launch_runtime, settings, database=database, modules=FLOW_MODULES
            )
            if schedules:
                await asyncio.to_thread(ensure_schedules)
        else:
            gateway = await asyncio.to_thread(open_gateway, settings)
        app.state.settings = settings
        app.state.database = database
        app.state.gateway = gateway
        try:
            yield
        finally:
            if gateway is not None:
                await asyncio.to_thread(gateway.close)
            else:
                await asyncio.to_thread(shutdown_runtime)
            database.dispose()

    app = FastAPI(
        title="V3 Agency API",
        version=__version__,
        description="AI marketing agency in a box. Authenticate with an API key "
        "(`Authorization: Bearer agk_…`); every route is scoped to the key's organization.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(brands.router)
    app.include_router(jobs.router)
    app.include_router(knowledge.router)
    app.include_router(campaigns.router)
    app.include_router(publish.router)
    app.include_router(assets.router)
    app.include_router(kata.router)

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
