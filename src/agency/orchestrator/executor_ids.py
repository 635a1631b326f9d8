"""Executor ids that are stable across restarts and unique among live processes on a host.

DBOS resumes, on launch, the workflows that its executor id left pending. Two live
processes sharing an id would therefore run the same job twice (the second one's launch
"recovers" work the first is still doing). A default id is claimed by locking a file in
the data directory: the first free of ``worker-<host>``, ``worker-<host>-2``, ... so a
restarted worker gets its old id back while a second process beside it gets another.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

MAX_SLOTS = 64


class ExecutorClaim:
    """An executor id held by this process until :meth:`release`."""

    def __init__(self, executor_id: str, handle: IO[str] | None) -> None:
        self.executor_id = executor_id
        self._handle = handle

    def release(self) -> None:
        """Free the id for the next process."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def default_executor_id() -> str:
    """This host's first worker id: ``worker-<hostname>``."""
    return f"worker-{socket.gethostname()}"


def claim_executor_id(data_dir: Path, *, base: str | None = None) -> ExecutorClaim:
    """Claim the first free id of ``base``, ``base-2``, ... (base: this host's worker id)."""
    name = base or default_executor_id()
    if fcntl is None:
        return ExecutorClaim(name, None)
    folder = data_dir / "executors"
    folder.mkdir(parents=True, exist_ok=True)
    for slot in range(1, MAX_SLOTS + 1):
        candidate = name if slot == 1 else f"{name}-{slot}"
        handle = (folder / f"{candidate}.lock").open("a", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        return ExecutorClaim(candidate, handle)
    raise RuntimeError(f"more than {MAX_SLOTS} live workers share {folder}")
