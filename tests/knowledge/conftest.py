"""Knowledge-base fixtures: one local embedder per session, files of known content."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from types import SimpleNamespace

import numpy as np
import pytest

from agency.db import Brand, Database, Organization, OrgScope
from agency.intelligence.knowledge import LocalEmbedder


class CachingEmbedder:
    """Wraps an embedder and remembers vectors by text, so tests embed each text once."""

    def __init__(self, inner: LocalEmbedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.cache: dict[str, np.ndarray] = {}
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self.cache[text] = vector
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack([self.cache[t] for t in texts])


@pytest.fixture(scope="session")
def kb_embedder() -> CachingEmbedder:
    """The real local model (all-MiniLM-L6-v2), loaded once for the session."""
    return CachingEmbedder(LocalEmbedder())


@pytest.fixture
def kb_brand(db: Database) -> tuple[str, str]:
    """(org_id, brand_id) of a fresh organization and brand."""
    with db.session() as session:
        org = Organization(name="Northbound", slug="northbound")
        session.add(org)
        session.flush()
        brand = OrgScope(session, org.id).add(
            Brand(name="Northbound", url="https://northbound.test", domain="northbound.test")
        )
        return org.id, brand.id


def make_pdf(paragraphs: Sequence[str], *, title: str = "") -> bytes:
    """A valid one-page PDF whose text layer holds ``paragraphs`` (Helvetica)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        words, line = paragraph.split(), ""
        for word in words:
            if len(line) + len(word) > 80:
                lines.append(line)
                line = ""
            line = f"{line} {word}".strip()
        lines.extend([line, ""])
    escaped = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
    stream = "BT /F1 10 Tf 14 TL 40 800 Td " + " ".join(f"({ln}) '" for ln in escaped) + " ET"
    content = zlib.compress(stream.encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    if title:
        objects.append(b"<< /Title (%s) >>" % title.encode("latin-1"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, info, xref)
    )
    return out.getvalue()


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """``data`` re-saved with a user password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(heading: str, paragraphs: Sequence[str]) -> bytes:
    """A DOCX with a heading, paragraphs and a two-row table."""
    from docx import Document

    document = Document()
    document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Size"
    table.cell(0, 1).text = "Price"
    table.cell(1, 0).text = "Five-pound bag"
    table.cell(1, 1).text = "$70"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def kb_files() -> SimpleNamespace:
    """Builders of test documents: ``pdf``, ``encrypt`` and ``docx``."""
    return SimpleNamespace(pdf=make_pdf, encrypt=encrypt_pdf, docx=make_docx)
