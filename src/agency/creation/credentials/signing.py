"""A local C2PA signing identity: root CA, intermediate CA and an end-entity cert.

Created once under ``data_dir/c2pa/`` and reused. The end-entity certificate is what
C2PA needs (ES256 on P-256, ``CA:FALSE``, digitalSignature, EKU emailProtection);
the chain handed to the signer is leaf + intermediate, without the root. Validators
report the signature as "untrusted" unless ``root.pem`` is configured as a trust
anchor — that is expected for a self-run agency.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ORGANIZATION = "V3 agency (local)"
ALGORITHM = "es256"

_ROOT_DAYS = 3650
_INTERMEDIATE_DAYS = 1825
_LEAF_DAYS = 365
_RENEW_BEFORE = dt.timedelta(days=14)


@dataclass(frozen=True)
class SigningIdentity:
    """PEM chain (leaf + intermediate), PKCS#8 key and the root for trust anchors."""

    cert_chain_pem: bytes
    private_key_pem: bytes
    root_pem: bytes
    directory: Path
    algorithm: str = ALGORITHM

    @property
    def leaf_certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificates(self.cert_chain_pem)[0]


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _write(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _build(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    days: int,
    ca: bool,
    path_length: int | None,
    issuer_public_key: ec.EllipticCurvePublicKey,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public_key),
            critical=False,
        )
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        ).add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _create(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name("V3 agency local C2PA root CA")
    root = _build(
        root_name,
        root_name,
        root_key.public_key(),
        root_key,
        days=_ROOT_DAYS,
        ca=True,
        path_length=1,
        issuer_public_key=root_key.public_key(),
    )
    inter_key = ec.generate_private_key(ec.SECP256R1())
    inter_name = _name("V3 agency local C2PA intermediate CA")
    inter = _build(
        inter_name,
        root_name,
        inter_key.public_key(),
        root_key,
        days=_INTERMEDIATE_DAYS,
        ca=True,
        path_length=0,
        issuer_public_key=root_key.public_key(),
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = _build(
        _name("V3 agency content credentials signer"),
        inter_name,
        leaf_key.public_key(),
        inter_key,
        days=_LEAF_DAYS,
        ca=False,
        path_length=None,
        issuer_public_key=inter_key.public_key(),
    )
    _write(directory / "root.key", _key_pem(root_key), 0o600)
    _write(directory / "intermediate.key", _key_pem(inter_key), 0o600)
    _write(directory / "root.pem", _cert_pem(root), 0o644)
    _write(directory / "chain.pem", _cert_pem(leaf) + _cert_pem(inter), 0o644)
    # Written last: its presence marks a complete identity.
    _write(directory / "signer.key", _key_pem(leaf_key), 0o600)


def _usable(directory: Path) -> bool:
    names = ("signer.key", "chain.pem", "root.pem")
    if not all((directory / name).is_file() for name in names):
        return False
    try:
        chain = x509.load_pem_x509_certificates((directory / "chain.pem").read_bytes())
    except ValueError:
        return False
    if len(chain) < 2:
        return False
    return chain[0].not_valid_after_utc - _RENEW_BEFORE > dt.datetime.now(dt.UTC)


def load_or_create_signer(data_dir: Path) -> SigningIdentity:
    """Load the identity under ``data_dir/c2pa/``, creating it on first use.

    A missing, incomplete or nearly expired identity is created afresh.
    """
    directory = Path(data_dir) / "c2pa"
    directory.parent.mkdir(parents=True, exist_ok=True)
    # One process creates; the others wait and then read the same files.
    with open(directory.parent / ".c2pa.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            if not _usable(directory):
                _create(directory)
            return SigningIdentity(
                cert_chain_pem=(directory / "chain.pem").read_bytes(),
                private_key_pem=(directory / "signer.key").read_bytes(),
                root_pem=(directory / "root.pem").read_bytes(),
                directory=directory,
            )
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
