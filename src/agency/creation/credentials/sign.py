"""Embed and read C2PA content credentials (c2pa-python).

V3 labels what it makes: synthetic and composited media carry a C2PA manifest
with an IPTC ``digitalSourceType`` on the ``c2pa.created`` action. Nothing here
strips or hides provenance.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

import c2pa

from agency.core.errors import InputError

from .signing import SigningIdentity

DigitalSourceType = Literal[
    "trainedAlgorithmicMedia",
    "compositeWithTrainedAlgorithmicMedia",
    "algorithmicMedia",
    "compositeSynthetic",
    "composite",
    "digitalCapture",
    "digitalCreation",
    "algorithmicallyEnhanced",
    "humanEdits",
]

IPTC_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/"

# Suffix -> MIME type for the formats V3 produces; c2pa also signs others
# (see ``c2pa.Builder.get_supported_mime_types()``), looked up by suffix.
MIME_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".avif": "image/avif",
    ".heic": "image/heic",
    ".mp4": "video/mp4",
    ".m4v": "video/x-m4v",
    ".mov": "video/quicktime",
    ".avi": "video/avi",
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
}


def mime_type_for(path: Path, *, field: str = "src") -> str:
    """The MIME type c2pa signs ``path`` as, or InputError if it cannot."""
    suffix = path.suffix.lower()
    mime = MIME_TYPES.get(suffix)
    if mime is None and suffix[1:] in c2pa.Builder.get_supported_mime_types():
        mime = suffix[1:]
    if mime is None:
        raise InputError(
            f"C2PA signing does not support {suffix or 'extensionless'} files: {path.name}",
            field=field,
            fix="Use PNG, JPEG, WebP, MP4, MOV, WAV, MP3 or another C2PA-supported format.",
        )
    return mime


def _manifest(
    *,
    title: str,
    mime: str,
    digital_source_type: str,
    actions: Sequence[str],
    generator: str,
) -> dict[str, Any]:
    source_type = (
        digital_source_type
        if digital_source_type.startswith("http")
        else IPTC_SOURCE_TYPE + digital_source_type
    )
    entries: list[dict[str, Any]] = []
    for action in actions:
        entry: dict[str, Any] = {"action": action}
        if action in ("c2pa.created", "c2pa.placed", "c2pa.edited") or not entries:
            entry["digitalSourceType"] = source_type
        entry["softwareAgent"] = {"name": generator}
        entries.append(entry)
    return {
        "claim_generator_info": [{"name": generator, "version": _version()}],
        "title": title,
        "format": mime,
        "assertions": [{"label": "c2pa.actions", "data": {"actions": entries}}],
    }


def _version() -> str:
    try:
        return version("agency")
    except PackageNotFoundError:
        return "0"


def sign_media(
    src: Path,
    dst: Path,
    *,
    identity: SigningIdentity,
    title: str,
    digital_source_type: DigitalSourceType | str,
    actions: Sequence[str] = ("c2pa.created",),
    ingredients: Sequence[Path] = (),
    generator: str = "V3 agency",
) -> Path:
    """Write ``src`` with an embedded, signed C2PA manifest to ``dst`` (atomically).

    ``ingredients`` are source files composited into the output (added as
    ``componentOf``). Raises InputError for unsupported, missing or corrupt input;
    no partial ``dst`` is ever left behind.
    """
    src, dst = Path(src), Path(dst)
    if not src.is_file():
        raise InputError(f"No such media file: {src}", field="src")
    if not actions:
        raise InputError("At least one C2PA action is needed.", field="actions", fix="c2pa.created")
    mime = mime_type_for(src)
    manifest = _manifest(
        title=title,
        mime=mime,
        digital_source_type=digital_source_type,
        actions=list(actions),
        generator=generator,
    )
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{uuid.uuid4().hex}.tmp")
    try:
        signer_info = c2pa.C2paSignerInfo(
            identity.algorithm.encode(),
            identity.cert_chain_pem,
            identity.private_key_pem,
            None,
        )
        with c2pa.Signer.from_info(signer_info) as signer, c2pa.Builder(manifest) as builder:
            for ingredient in ingredients:
                ingredient = Path(ingredient)
                ingredient_mime = mime_type_for(ingredient, field="ingredients")
                with ingredient.open("rb") as stream:
                    builder.add_ingredient(
                        {"title": ingredient.name, "relationship": "componentOf"},
                        ingredient_mime,
                        stream,
                    )
            with src.open("rb") as source, tmp.open("w+b") as target:
                builder.sign(signer, mime, source, target)
                target.flush()
                os.fsync(target.fileno())
        os.replace(tmp, dst)
    except c2pa.C2paError as exc:
        raise InputError(
            f"Could not add C2PA credentials to {src.name}: {exc}",
            field="src",
            fix="Check the file is a complete, valid " + mime + " file.",
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return dst


def read_credentials(path: Path) -> dict[str, Any]:
    """The C2PA manifest store of ``path`` as a dict.

    Keys as c2pa reports them (``active_manifest`` label, ``manifests``,
    ``validation_state`` …) plus ``active``: the active manifest itself. Raises
    InputError when the file carries no credentials or cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"No such media file: {path}", field="path")
    mime = mime_type_for(path, field="path")
    try:
        with path.open("rb") as stream, c2pa.Reader(mime, stream) as reader:
            store: dict[str, Any] = json.loads(reader.json())
            store["active"] = reader.get_active_manifest()
    except c2pa.C2paError.ManifestNotFound as exc:
        raise InputError(f"{path.name} carries no C2PA content credentials.", field="path") from exc
    except c2pa.C2paError as exc:
        raise InputError(
            f"Could not read C2PA credentials of {path.name}: {exc}", field="path"
        ) from exc
    if not store.get("active"):
        raise InputError(f"{path.name} carries no active C2PA manifest.", field="path")
    return store
