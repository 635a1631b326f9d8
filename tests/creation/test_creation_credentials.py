"""C2PA content credentials: signing identity, signing PNG/JPEG/MP4, reading back."""

from __future__ import annotations

import stat
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from PIL import Image

from agency.core.errors import InputError
from agency.creation.credentials import (
    IPTC_SOURCE_TYPE,
    load_or_create_signer,
    read_credentials,
    sign_media,
)


def _png(path: Path, color: tuple[int, int, int] = (200, 30, 30)) -> Path:
    Image.new("RGB", (48, 32), color).save(path)
    return path


def _mp4(path: Path) -> Path:
    av = pytest.importorskip("av")
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.time_base = Fraction(1, 10)
        for index in range(10):
            image = Image.new("RGB", (64, 48), (index * 20, 100, 150))
            frame = av.VideoFrame.from_image(image)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def _actions(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for assertion in manifest["assertions"]:
        if assertion["label"].startswith("c2pa.actions"):
            found.extend(assertion["data"]["actions"])
    return found


def _assert_labelled(store: dict[str, Any], *, title: str, source_type: str) -> None:
    active = store["active"]
    assert active["label"] == store["active_manifest"]
    assert active["title"] == title
    assert active["claim_generator_info"][0]["name"] == "V3 agency"
    created = [a for a in _actions(active) if a["action"] == "c2pa.created"]
    assert created, _actions(active)
    assert created[0]["digitalSourceType"] == IPTC_SOURCE_TYPE + source_type


def test_identity_is_created_once_and_reused(tmp_path: Path) -> None:
    first = load_or_create_signer(tmp_path)
    second = load_or_create_signer(tmp_path)
    assert first.cert_chain_pem == second.cert_chain_pem
    assert first.private_key_pem == second.private_key_pem
    assert first.private_key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS#8
    chain = x509.load_pem_x509_certificates(first.cert_chain_pem)
    assert len(chain) == 2  # leaf + intermediate, no root
    leaf, intermediate = chain
    root = x509.load_pem_x509_certificate(first.root_pem)
    assert leaf.issuer == intermediate.subject and intermediate.issuer == root.subject
    assert leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    for key in (tmp_path / "c2pa").glob("*.key"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_sign_png_and_read_back(tmp_path: Path) -> None:
    identity = load_or_create_signer(tmp_path)
    src = _png(tmp_path / "hero.png")
    dst = sign_media(
        src,
        tmp_path / "out" / "hero.png",
        identity=identity,
        title="Spring hero",
        digital_source_type="trainedAlgorithmicMedia",
    )
    assert dst == tmp_path / "out" / "hero.png"
    assert sorted(p.name for p in dst.parent.iterdir()) == ["hero.png"]  # no temp left
    store = read_credentials(dst)
    _assert_labelled(store, title="Spring hero", source_type="trainedAlgorithmicMedia")
    with Image.open(dst) as image:  # still a valid PNG
        assert image.size == (48, 32)


def test_sign_jpeg_composite_with_ingredients(tmp_path: Path) -> None:
    identity = load_or_create_signer(tmp_path)
    background = _png(tmp_path / "background.png", (10, 10, 10))
    product = _png(tmp_path / "product.png", (250, 250, 250))
    src = tmp_path / "ad.jpg"
    Image.new("RGB", (48, 32), (90, 90, 90)).save(src, "JPEG")
    dst = sign_media(
        src,
        tmp_path / "ad-signed.jpg",
        identity=identity,
        title="Composited ad",
        digital_source_type="compositeWithTrainedAlgorithmicMedia",
        ingredients=[background, product],
    )
    store = read_credentials(dst)
    _assert_labelled(
        store, title="Composited ad", source_type="compositeWithTrainedAlgorithmicMedia"
    )
    titles = {ingredient["title"] for ingredient in store["active"].get("ingredients", [])}
    assert {"background.png", "product.png"} <= titles


def test_sign_mp4_and_read_back(tmp_path: Path) -> None:
    identity = load_or_create_signer(tmp_path)
    src = _mp4(tmp_path / "clip.mp4")
    dst = sign_media(
        src,
        tmp_path / "clip-signed.mp4",
        identity=identity,
        title="Teaser",
        digital_source_type="algorithmicMedia",
        generator="V3 agency",
    )
    store = read_credentials(dst)
    _assert_labelled(store, title="Teaser", source_type="algorithmicMedia")


def test_unsigned_file_has_no_credentials(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no C2PA"):
        read_credentials(_png(tmp_path / "plain.png"))


def test_corrupt_input_is_a_clear_error_and_leaves_no_output(tmp_path: Path) -> None:
    identity = load_or_create_signer(tmp_path)
    src = tmp_path / "broken.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 4)
    out = tmp_path / "out"
    with pytest.raises(InputError, match=r"broken\.png") as caught:
        sign_media(
            src,
            out / "broken.png",
            identity=identity,
            title="Broken",
            digital_source_type="trainedAlgorithmicMedia",
        )
    assert caught.value.field == "src"
    assert not out.exists() or list(out.iterdir()) == []


def test_unsupported_format_is_refused(tmp_path: Path) -> None:
    identity = load_or_create_signer(tmp_path)
    src = tmp_path / "notes.txt"
    src.write_text("hello")
    with pytest.raises(InputError, match="does not support"):
        sign_media(
            src,
            tmp_path / "notes-signed.txt",
            identity=identity,
            title="Notes",
            digital_source_type="algorithmicMedia",
        )
    assert not (tmp_path / "notes-signed.txt").exists()
