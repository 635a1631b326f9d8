"""URL safety: private, loopback, link-local and reserved targets are refused before connecting."""

from __future__ import annotations

import httpx
import pytest

from agency.core.errors import InputError, PolicyViolation
from agency.intelligence.crawl.url_safety import PinnedTransport, UrlPolicy


def fixed_resolver(mapping: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return mapping[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "ff02::1",
    ],
)
def test_private_and_special_addresses_are_refused(address: str) -> None:
    policy = UrlPolicy([])
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(PolicyViolation) as info:
        policy.vet_url(f"http://{host}/")
    assert "AGENCY_URL_ALLOWLIST" in info.value.details["fix"]
    assert address.split("::ffff:")[-1] in info.value.message


def test_public_address_passes() -> None:
    vetted = UrlPolicy([]).vet_url("https://93.184.215.14/about")
    assert vetted.address == "93.184.215.14" and vetted.port == 443


def test_dns_name_resolving_to_private_address_is_refused() -> None:
    resolver = fixed_resolver({"intranet.example": ["203.0.113.9", "10.1.2.3"]})
    with pytest.raises(PolicyViolation, match=r"intranet\.example"):
        UrlPolicy([], resolver=resolver).vet_url("https://intranet.example/")


def test_localhost_is_refused_by_the_system_resolver() -> None:
    with pytest.raises(PolicyViolation, match="localhost"):
        UrlPolicy([]).vet_url("http://localhost:8000/")


def test_allowlisted_host_and_cidr() -> None:
    resolver = fixed_resolver({"intranet.example": ["10.1.2.3"], "other.example": ["10.9.9.9"]})
    policy = UrlPolicy(["intranet.example", "192.168.0.0/16", "::1"], resolver=resolver)
    assert policy.vet_url("https://intranet.example/").allowlisted
    assert policy.vet_url("http://192.168.7.7/").allowlisted
    assert policy.vet_url("http://[::1]:8080/").address == "::1"
    with pytest.raises(PolicyViolation):
        policy.vet_url("https://other.example/")
    with pytest.raises(PolicyViolation):
        policy.vet_url("http://10.0.0.1/")


def test_non_http_schemes_are_input_errors() -> None:
    with pytest.raises(InputError) as info:
        UrlPolicy([]).vet_url("file:///etc/passwd")
    assert info.value.field == "url"


def test_pinned_transport_resolves_once_and_connects_to_the_vetted_address() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    resolver = fixed_resolver({"brand.example": ["93.184.215.14"]})
    transport = PinnedTransport(
        UrlPolicy([], resolver=resolver), inner=httpx.MockTransport(handler)
    )
    with httpx.Client(transport=transport) as client:
        response = client.get("https://brand.example/shop?x=1")
    assert response.status_code == 200
    assert resolver.calls == ["brand.example"]  # type: ignore[attr-defined]
    sent = seen[0]
    assert sent.url.host == "93.184.215.14" and sent.url.path == "/shop"
    assert sent.headers["Host"] == "brand.example"
    assert sent.extensions["sni_hostname"] == "brand.example"


def test_pinned_transport_never_sends_to_a_private_address() -> None:
    seen: list[httpx.Request] = []
    resolver = fixed_resolver({"rebind.example": ["169.254.169.254"]})
    transport = PinnedTransport(
        UrlPolicy([], resolver=resolver),
        inner=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200)),
    )
    with httpx.Client(transport=transport) as client, pytest.raises(PolicyViolation):
        client.get("http://rebind.example/latest/meta-data/")
    assert seen == []
