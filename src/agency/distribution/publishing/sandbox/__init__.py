"""Local platform servers that follow each platform's documented publishing flow.

Used by the tests, the chaos test and the benchmark, and as an offline stand-in for
the real platforms in demos. Start one with ``SandboxServer().start()`` and point the
publishers at :func:`base_urls`.
"""

from agency.distribution.publishing.sandbox.server import Sandbox, SandboxServer, base_urls
from agency.distribution.publishing.sandbox.world import Fault, SandboxWorld, StoredPost

__all__ = ["Fault", "Sandbox", "SandboxServer", "SandboxWorld", "StoredPost", "base_urls"]
