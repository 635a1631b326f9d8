"""The one place where domain errors become HTTP status codes."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from agency.core.errors import AgencyError, InputError, NotFound, PolicyViolation, ProviderError

STATUS = {
    InputError: 422,
    NotFound: 404,
    PolicyViolation: 403,
    ProviderError: 502,
}


def status_for(exc: AgencyError) -> int:
    for cls, code in STATUS.items():
        if isinstance(exc, cls):
            return code
    return 400


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AgencyError)
    async def _agency_error(_: Request, exc: AgencyError) -> JSONResponse:
        return JSONResponse(status_code=status_for(exc), content=exc.to_dict())
