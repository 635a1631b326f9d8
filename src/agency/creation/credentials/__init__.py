"""C2PA content credentials: a local signing identity, signing and reading manifests."""

from .sign import IPTC_SOURCE_TYPE, DigitalSourceType, mime_type_for, read_credentials, sign_media
from .signing import SigningIdentity, load_or_create_signer

__all__ = [
    "IPTC_SOURCE_TYPE",
    "DigitalSourceType",
    "SigningIdentity",
    "load_or_create_signer",
    "mime_type_for",
    "read_credentials",
    "sign_media",
]
