"""Dependencies handed to routes: settings, sessions and the caller's organization."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from agency.config import Settings
from agency.db import Database, OrgScope
from agency.db.tenancy import resolve_api_key
from agency.orchestrator import WorkflowGateway

_bearer = HTTPBearer(auto_error=False, description="API key as a bearer token")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with database.session() as session:
        yield session


def get_gateway(request: Request) -> WorkflowGateway | None:
    """The gateway to separate workers, or None when jobs run in this process."""
    gateway: WorkflowGateway | None = request.app.state.gateway
    return gateway


GatewayDep = Annotated[WorkflowGateway | None, Depends(get_gateway)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[Session, Depends(get_session)]


def get_current_org(
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header_key: Annotated[str | None, Security(_header)],
) -> OrgScope:
    """The caller's organization, from its API key; 401 without a valid key."""
    key = header_key or (bearer.credentials if bearer else None)
    if not key:
        raise HTTPException(
            status_code=401,
            detail="Missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    row = resolve_api_key(session, key)
    if row is None:
        raise HTTPException(
            status_code=401,
            detail="Invalid or revoked API key.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return OrgScope(session, row.org_id)


CurrentOrg = Annotated[OrgScope, Depends(get_current_org)]
