"""URL safety: user-supplied URLs never reach private, loopback or link-local addresses.

Every host is resolved once; each resolved address is checked, and the request is
then pinned to the vetted address (:class:`PinnedTransport`), so a DNS answer that
changes between the check and the connection (DNS rebinding) cannot slip through.
Operators open holes with ``AGENCY_URL_ALLOWLIST``: hosts and CIDRs, comma-separated.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from agency.core.errors import InputError, PolicyViolation

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

ALLOWLIST_FIX = (
    "Use a public URL, or ask an operator to add the host or its network to "
    "AGENCY_URL_ALLOWLIST (comma-separated hosts and CIDRs, e.g. 'intranet.example,10.0.0.0/8')."
)


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to, via the system resolver."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(
            f"The host {host!r} could not be resolved ({exc.strerror}).",
            field="url",
            fix="Check the spelling of the address and that the site is online.",
        ) from exc
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def is_public_address(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


@dataclass(frozen=True)
class VettedHost:
    """A host whose addresses passed the check; ``address`` is the one to connect to."""

    host: str
    port: int
    address: str
    allowlisted: bool
    addresses: tuple[str, ...] = ()


class UrlPolicy:
    """Decides which hosts a fetch may reach, from an allowlist of hosts and CIDRs."""

    def __init__(self, allowlist: Iterable[str] = (), *, resolver: Resolver | None = None) -> None:
        self._hosts: set[str] = set()
        self._networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allowlist:
            entry = entry.strip().lower().strip("[]")
            if not entry:
                continue
            try:
                self._networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self._hosts.add(entry.rstrip("."))
        self._resolve = resolver or system_resolver

    def host_allowlisted(self, host: str) -> bool:
        return host.lower().rstrip(".") in self._hosts

    def address_allowlisted(self, ip: IPAddress) -> bool:
        return any(ip.version == net.version and ip in net for net in self._networks)

    def vet_host(self, host: str, port: int) -> VettedHost:
        """Resolve ``host`` once and check each address; PolicyViolation if one is private."""
        host = host.lower().strip("[]").rstrip(".")
        if not host:
            raise InputError("The URL has no host.", field="url", fix="Give a full https:// URL.")
        by_name = self.host_allowlisted(host)
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = [ipaddress.ip_address(a) for a in self._resolve(host, port)]
        if not addresses:
            raise InputError(f"The host {host!r} has no addresses.", field="url")
        for ip in addresses:
            if by_name or self.address_allowlisted(ip) or is_public_address(ip):
                continue
            raise PolicyViolation(
                f"Refused to fetch {host!r}: it resolves to {ip}, a private, loopback, "
                "link-local or reserved address.",
                host=host,
                address=str(ip),
                fix=ALLOWLIST_FIX,
            )
        allowlisted = by_name or any(self.address_allowlisted(ip) for ip in addresses)
        return VettedHost(
            host=host,
            port=port,
            address=str(addresses[0]),
            allowlisted=allowlisted,
            addresses=tuple(str(ip) for ip in addresses),
        )

    def vet_url(self, url: str) -> VettedHost:
        """Check ``url``'s scheme and host; see :meth:`vet_host`."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise InputError(
                f"Only http and https URLs can be fetched, not {parts.scheme or 'none'!r}.",
                field="url",
                fix="Give a URL starting with https://.",
            )
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise InputError(f"The URL {url!r} has an invalid port.", field="url") from exc
        return self.vet_host(parts.hostname or "", port)


class PinnedTransport(httpx.BaseTransport):
    """Vets each request's host and connects to the checked address, keeping Host and SNI."""

    def __init__(self, policy: UrlPolicy, inner: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        vetted = self.policy.vet_host(url.host, port)
        if vetted.address == url.host:
            return self.inner.handle_request(request)
        headers = httpx.Headers(request.headers)
        headers["Host"] = url.netloc.decode("ascii")
        extensions = dict(request.extensions)
        if url.scheme == "https":
            extensions["sni_hostname"] = url.host
        last_error: httpx.ConnectError | None = None
        for address in vetted.addresses or (vetted.address,):  # every one was vetted
            pinned = httpx.Request(
                request.method,
                url.copy_with(host=address),
                headers=headers,
                stream=request.stream,
                extensions=extensions,
            )
            try:
                return self.inner.handle_request(pinned)
            except httpx.ConnectError as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    def close(self) -> None:
        self.inner.close()
