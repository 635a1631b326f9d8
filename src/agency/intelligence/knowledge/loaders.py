"""Load uploaded files as plain text, choosing the reader by content, not by name.

Every refusal is an :class:`InputError` that names the file and says how to fix
it: empty or oversized files, unsupported types, unreadable or
password-protected PDFs, documents with no text and non-English text.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from agency.core.errors import InputError
from agency.intelligence.knowledge.language import non_english_language
from agency.intelligence.knowledge.markdown import markdown_to_text
from agency.intelligence.knowledge.models import LoadedDocument

DEFAULT_MAX_BYTES = 20_000_000

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls)"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
]
_SUPPORTED = "PDF, DOCX, Markdown or plain text"
_HTML = re.compile(rb"^\s*(<!doctype html|<html)", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_MARKDOWN_HINTS = [
    re.compile(r"^#{1,6} \S", re.MULTILINE),
    re.compile(r"\[[^\]]+\]\([^)]+\)"),
    re.compile(r"(\*\*|__)\S.*?\S\1"),
    re.compile(r"^\s*([-*+]|\d+\.) \S", re.MULTILINE),
    re.compile(r"^```", re.MULTILINE),
]


def _refuse(name: str, problem: str, fix: str) -> InputError:
    return InputError(f"{name}: {problem}", field="file", fix=fix)


def load_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read ``path`` into a :class:`LoadedDocument`, or raise a per-file InputError."""
    name = path.name
    if not path.is_file():
        raise _refuse(name, "no such file.", "Check the path.")
    size = path.stat().st_size
    if size == 0:
        raise _refuse(name, "the file is empty (0 bytes).", "Upload a file with content.")
    if size > max_bytes:
        raise _refuse(
            name,
            f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit.",
            "Split it into smaller files or raise the size limit.",
        )
    return load_bytes(path.read_bytes(), source=name)


def load_bytes(data: bytes, *, source: str) -> LoadedDocument:
    """Sniff ``data`` and extract its text; ``source`` names it in errors and citations."""
    if not data:
        raise _refuse(source, "the file is empty (0 bytes).", "Upload a file with content.")
    head = data[:1024]
    if b"%PDF-" in head:
        doc = _load_pdf(data, source)
    elif data.startswith(b"PK\x03\x04"):
        doc = _load_zip(data, source)
    elif _HTML.match(data[:512]):
        doc = _load_html(data, source)
    else:
        doc = _load_text(data, source)
    if not doc.text.strip():
        raise _refuse(
            source,
            "no text could be extracted.",
            "Upload a document with selectable text (scanned images need OCR first).",
        )
    language = non_english_language(doc.text)
    if language is not None:
        raise _refuse(
            source,
            f"the text looks like {language!r}, not English.",
            "Upload an English version; the knowledge base indexes English text only.",
        )
    return doc


def _load_pdf(data: bytes, source: str) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    fix = "Export the PDF again, or upload it as DOCX or text."
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse(
                source,
                "the PDF is password-protected.",
                "Remove the password (print to a new PDF) and upload it again.",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
        title = str(metadata.get("/Title") or "") if metadata is not None else ""
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, IndexError) as exc:
        raise _refuse(source, f"the PDF is corrupt or unreadable ({exc}).", fix) from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise _refuse(source, f"the PDF is corrupt or unreadable ({exc}).", fix) from exc
    paragraphs = [re.sub(r"(?<!\n)\n(?!\n)", " ", page).strip() for page in pages]
    text = "\n\n".join(p for p in paragraphs if p)
    return LoadedDocument(
        source=source,
        source_type="pdf",
        title=title or Path(source).stem,
        text=text,
        size_bytes=len(data),
    )


def _load_zip(data: bytes, source: str) -> LoadedDocument:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise _refuse(source, "the archive is corrupt.", "Upload the file again.") from exc
    if "word/document.xml" not in names:
        raise _refuse(
            source, "unsupported file type (a ZIP archive).", f"Upload {_SUPPORTED} files."
        )
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx surfaces lxml and zip errors as is
        raise _refuse(
            source, f"the DOCX is corrupt ({exc}).", "Save it again from the word processor."
        ) from exc
    blocks = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    title = document.core_properties.title or ""
    if not title:
        headings = [
            p.text
            for p in document.paragraphs
            if p.style is not None and (p.style.name or "").startswith("Heading")
        ]
        title = headings[0] if headings else Path(source).stem
    return LoadedDocument(
        source=source,
        source_type="docx",
        title=title.strip(),
        text="\n\n".join(b for b in blocks if b),
        size_bytes=len(data),
    )


def _load_html(data: bytes, source: str) -> LoadedDocument:
    import trafilatura

    html = data.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    match = _TITLE.search(html)
    title = re.sub(r"\s+", " ", match.group(1)).strip() if match else Path(source).stem
    return LoadedDocument(
        source=source, source_type="html", title=title, text=text, size_bytes=len(data)
    )


def _decode(data: bytes, source: str) -> str:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise _refuse(source, f"unsupported file type ({kind}).", f"Upload {_SUPPORTED}.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise _refuse(source, "unsupported file type (binary data).", f"Upload {_SUPPORTED}.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(ch < " " and ch not in "\t\n\r\f" for ch in text[:8192])
    if controls > 8 or text.count("\ufffd") > len(text) // 100:
        raise _refuse(source, "unsupported file type (binary data).", f"Upload {_SUPPORTED}.")
    return text


def _load_text(data: bytes, source: str) -> LoadedDocument:
    text = _decode(data, source).replace("\r\n", "\n").replace("\r", "\n")
    hints = sum(bool(p.search(text)) for p in _MARKDOWN_HINTS)
    if Path(source).suffix.lower() in {".md", ".markdown"} or hints >= 2:
        plain, title = markdown_to_text(text)
        return LoadedDocument(
            source=source,
            source_type="markdown",
            title=title or Path(source).stem,
            text=plain,
            size_bytes=len(data),
        )
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if len(first) <= 120 else Path(source).stem
    return LoadedDocument(
        source=source, source_type="text", title=title, text=text.strip(), size_bytes=len(data)
    )
