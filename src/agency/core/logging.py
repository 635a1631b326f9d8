"""Structured logging (structlog) with secrets scrubbed."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

_SECRET_KEYS = re.compile(r"(key|token|secret|password|authorization)", re.IGNORECASE)


def _scrub(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for name in list(event_dict):
        if _SECRET_KEYS.search(name) and event_dict[name] is not None:
            event_dict[name] = "***"
    return event_dict


def configure_logging(level: str = "INFO", *, json: bool = False) -> None:
    """Configure structlog and the stdlib root logger; output goes to stderr."""
    logging.basicConfig(stream=sys.stderr, level=level.upper(), format="%(message)s")
    # Chatty libraries: every request line and migration step is noise at INFO.
    for name in ("httpx", "httpcore", "alembic", "dbos"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level.upper())))
    renderer: Any = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            _scrub,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )


def get_logger(name: str) -> Any:
    """A bound structlog logger named for its module."""
    return structlog.get_logger(name)
